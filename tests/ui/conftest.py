"""UI fixtures: the app's look applied to pytest-qt's QApplication, a shell over a real vault."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from burner_desk.domain.people import Language
from burner_desk.services import access
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.shell import Shell
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import InlineTasks, TaskRunner
from tests.conftest import SETUP, TEST_KDF

# As the app does at start (the shell): English has a catalog too, for its plural forms ("1 case").
ENGLISH = UiLanguage()


@pytest.fixture(autouse=True)
def styled_app(qapp: QApplication) -> QApplication:
    ENGLISH.apply(Language.EN)
    apply_style(qapp)
    qapp.setQuitOnLastWindowClosed(False)  # as in app.main: the shell swaps windows on lock
    return qapp


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def locked_vault(vault_dir: Path) -> Path:
    """A set-up vault, locked: what the unlock window finds on a normal start."""
    access.lock(access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF), "manual")
    return vault_dir


@pytest.fixture
def make_shell(vault_dir: Path, ui_settings: QSettings) -> Iterator[partial[Shell]]:
    """Shells over `vault_dir` with the fast test KDF; each is shut down (vault locked) at teardown."""
    made: list[tuple[Shell, TaskRunner]] = []

    def build(tasks: TaskRunner | None = None, **options: object) -> Shell:
        runner = tasks or InlineTasks()
        shell = Shell(
            vault_dir,
            runner,
            ui_settings,
            create_vault=partial(access.first_run_setup, vault_dir, kdf=TEST_KDF),
            **options,  # type: ignore[arg-type]
        )
        made.append((shell, runner))
        return shell

    yield partial(build)
    for shell, runner in made:
        shell.shutdown()
        runner.shutdown()
