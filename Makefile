# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test prerequisites lint typecheck imports pytest bench package package-check screenshots translations lock clean

# Every dependency, direct or not, at the version and with the hashes in requirements.lock (`make lock`
# writes it from pyproject.toml); the app itself is installed on top of them, editable, and adds nothing.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/burner-desk $(ARGS)

test: $(STAMP) prerequisites lint imports typecheck pytest

# What the machine itself must have (PostgreSQL for central's tests): said before anything runs.
prerequisites: $(STAMP)
	$(BIN)/python tools/prereqs.py

lint: $(STAMP)
	$(BIN)/ruff check burner_desk tests benchmarks tools packaging
	$(BIN)/ruff format --check burner_desk tests benchmarks tools packaging

imports: $(STAMP)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The demo vault at 1366×768 into docs/screenshots/{light,dark,es}/ (offscreen: no display needed).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py --out docs/screenshots/light
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py --dark --out docs/screenshots/dark
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py --lang es --out docs/screenshots/es

# The frozen one-folder app in dist/burner-desk/ (PyInstaller; see packaging/README.md).
package: $(STAMP)
	$(BIN)/python packaging/build.py

# Build, then run the frozen app's own self-check headless: the bundle has every part it needs.
package-check: package
	QT_QPA_PLATFORM=offscreen dist/burner-desk/burner-desk --self-check

# The UI catalogs after a change to the UI's strings: resources/i18n/*.ts (pyside6-lupdate: new strings in,
# vanished ones out) and the compiled .qm beside them (pyside6-lrelease), both committed. Translators edit
# the .ts in Qt Linguist; then run this again. A test fails while the catalogs lag behind the code.
translations: $(STAMP)
	$(BIN)/python tools/translations.py

# After a change to the dependencies in pyproject.toml: pins and hashes for Linux, macOS and Windows alike.
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --universal --generate-hashes --extra dev --python-version 3.11 \
		--custom-compile-command "make lock" -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
