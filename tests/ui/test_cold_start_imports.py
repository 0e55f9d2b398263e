"""The unlock window shows before the vault stack is imported, and unlocking still works while (or before)
the app's background import of that stack runs. Checked in a fresh interpreter: this test process has
long since imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from burner_desk.domain.errors import VaultDamaged, VaultNotFound
from burner_desk.services import access
from tests.conftest import SETUP, TEST_KDF

HEAVY = ("sqlalchemy", "alembic", "argon2", "cryptography", "reportlab", "sqlcipher3")
# Imported only when needed, after the window: the log file's own module (with socket, pickle and queue),
# the metadata reader (with the email package), the platform folders (--data-dir makes them moot), the
# program's figures (with statistics; ui.widgets.moments brings them), the crash dialog, and uuid (with
# platform), which the vault stack and the log's first id argument bring.
LAZY = (
    "uuid",
    "platform",
    "logging.handlers",
    "importlib.metadata",
    "email",
    "platformdirs",
    "statistics",
    "burner_desk.domain.metrics",
    "burner_desk.ui.crash_dialog",
)

# Builds the unlock window the way the shell does (names read first, on the DB thread), reports what is
# imported once it is shown, then queues the background import and an unlock right behind it.
COLD_START = f"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from burner_desk.services import access
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import BackgroundTasks
from burner_desk.ui.unlock.unlock_window import UnlockWindow

def heavy():
    return sorted(name for name in sys.modules if name.split(".")[0] in {HEAVY!r})

vault_dir = Path(sys.argv[1])
app = QApplication(sys.argv[:1])
apply_style(app)
tasks = BackgroundTasks()
loop = QEventLoop()
windows = []

def show(names):
    window = UnlockWindow(tasks, lambda user, passphrase: access.sign_in(vault_dir, user, passphrase), names)
    window.show()
    windows.append(window)
    loop.quit()

tasks.run_db(lambda: access.sign_in_names(vault_dir), on_done=show, on_error=lambda exc: loop.quit())
loop.exec()
window = windows[0]
import PySide6.QtCore
shown = {{
    "users": [window.user.itemText(i) for i in range(window.user.count())],
    "heavy": heavy(),
    "qt_namespace_built": "Qt" in vars(PySide6.QtCore),  # ~90 enums, ~18 ms: not before the window
}}

import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())  # a passphrase-only vault; never the real OS keyring
signed = []
window.unlocked.connect(lambda signed_in: signed.append(signed_in.actor.user_name))
tasks.run_db(access.load_vault_stack)
window.passphrase.setText(sys.argv[2])
window.unlock()
tasks.run_db(lambda: None, on_done=lambda _none: loop.quit())  # FIFO: after the unlock's outcome
loop.exec()
print(json.dumps({{"shown": shown, "signed_in": signed, "message": window.message.text()}}))
tasks.shutdown()
"""


@pytest.mark.usefixtures("no_keyring")
def test_unlock_window_shows_without_the_vault_stack_and_unlock_still_works(vault_dir: Path) -> None:
    access.lock(access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF), "quit")
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [sys.executable, "-c", COLD_START, str(vault_dir), SETUP.passphrase],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    report = json.loads(ran.stdout.splitlines()[-1])
    assert report["shown"] == {"users": [SETUP.user_name], "heavy": [], "qt_namespace_built": False}
    assert report["signed_in"] == [SETUP.user_name], report["message"]


@pytest.mark.usefixtures("no_keyring")
def test_the_app_start_renders_the_unlock_window_without_the_vault_stack(
    vault_dir: Path, tmp_path: Path
) -> None:
    access.lock(access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF), "quit")
    png = tmp_path / "unlock.png"
    # What is loaded when the window has been rendered, and what is loaded once main() has returned.
    probe = (
        "import json, sys\nfrom burner_desk import app\n"
        f"def loaded(names):\n    return sorted(m for m in sys.modules if m.split('.')[0] in names or m in names)\n"
        "at_render = []\nrender = app._screenshot\n"
        "def probe(*args):\n"
        "    code = render(*args)\n"
        f"    at_render.extend(loaded({HEAVY + LAZY!r}))\n"
        # Qt's namespace is built on first use (~90 enums, ~18 ms): not before the unlock window.
        "    import PySide6.QtCore\n"
        "    if 'Qt' in vars(PySide6.QtCore):\n"
        "        at_render.append('PySide6.QtCore.Qt')\n"
        "    return code\n"
        "app._screenshot = probe\n"
        "code = app.main(['--data-dir', sys.argv[1], '--screenshot', sys.argv[2]])\n"
        f"print(json.dumps([code, at_render, loaded({HEAVY!r})]))\n"
    )
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [sys.executable, "-c", probe, str(vault_dir), str(png)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert json.loads(ran.stdout.splitlines()[-1]) == [0, [], []]
    assert png.stat().st_size > 0


@pytest.mark.parametrize("content", ['{"format": 2, "slots": []}', "[1]", '{"format": 1, "slots": [{}]}'])
def test_a_damaged_keyslot_file_is_reported_before_the_window_shows(vault_dir: Path, content: str) -> None:
    vault_dir.mkdir()
    (vault_dir / "keyslots.json").write_text(content, encoding="utf-8")
    with pytest.raises(VaultDamaged, match="damaged"):
        access.sign_in_names(vault_dir)


def test_no_vault_is_not_found(vault_dir: Path) -> None:
    assert access.needs_setup(vault_dir)
    with pytest.raises(VaultNotFound):
        access.sign_in_names(vault_dir)
