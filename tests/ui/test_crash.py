"""An exception nobody expected: a calm dialog, a private crash report, and the app keeps going."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from burner_desk.domain.errors import VaultError
from burner_desk.logs import CRASH_PREFIX
from burner_desk.services import access, drafts
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.crash import CRASH_MESSAGE, CrashDialog, CrashHandler
from burner_desk.ui.encounter.wizard import EncounterWizard
from burner_desk.ui.tasks import InlineTasks
from tests.ui.helpers import controls_without_accessible_name

CANARY = "CANARYc3 Avery Quinlan"

# pytest-qt would otherwise catch the slot's exception itself; the app's own excepthook is under test.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def crash_handler(tmp_path: Path) -> Iterator[CrashHandler]:
    handler = CrashHandler(tmp_path / "logs")
    handler.install()
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.close()


def _button_that_raises(qtbot: QtBot, exc: Exception) -> QPushButton:
    def save() -> None:
        raise exc

    button = QPushButton("Save")
    qtbot.addWidget(button)
    button.clicked.connect(save)
    button.show()
    return button


def _crash_reports(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "logs").glob(f"{CRASH_PREFIX}*.txt"))


def test_exception_in_a_slot_shows_the_calm_dialog_and_writes_a_private_report(
    qtbot: QtBot, crash_handler: CrashHandler, tmp_path: Path
) -> None:
    button = _button_that_raises(qtbot, KeyError(f"{CANARY} not in the cache"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = crash_handler.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    message = dialog.findChild(QLabel, "crashMessage")
    assert message is not None and message.text() == CRASH_MESSAGE
    assert message.text().startswith("Your work is saved.")
    assert controls_without_accessible_name(dialog) == []
    [report] = _crash_reports(tmp_path)
    assert dialog.report == report
    text = report.read_text(encoding="utf-8")
    assert "builtins.KeyError" in text and "in save" in text and "test_crash.py" in text
    assert CANARY not in text
    dialog.grab().save(str(tmp_path / "crash-dialog.png"))

    # The app is still running: Enter on the dialog closes it and the window takes clicks again.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert button.isEnabled() and button.isVisible()


def test_our_own_error_message_is_kept_in_the_report(
    qtbot: QtBot, crash_handler: CrashHandler, tmp_path: Path
) -> None:
    button = _button_that_raises(qtbot, VaultError("The vault file is missing."))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [report] = _crash_reports(tmp_path)
    assert "VaultError: The vault file is missing." in report.read_text(encoding="utf-8")


def test_a_second_failure_while_the_dialog_is_open_writes_a_report_but_no_second_dialog(
    qtbot: QtBot, crash_handler: CrashHandler, tmp_path: Path
) -> None:
    button = _button_that_raises(qtbot, RuntimeError(CANARY))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    first = crash_handler.dialog
    sys.excepthook(RuntimeError, RuntimeError(CANARY), None)
    assert crash_handler.dialog is first
    assert len(_crash_reports(tmp_path)) == 2
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert dialogs == [first]


def test_uninstall_puts_the_previous_hook_back(tmp_path: Path) -> None:
    before = sys.excepthook
    handler = CrashHandler(tmp_path)
    handler.install()
    assert sys.excepthook == handler.handle
    handler.uninstall()
    assert sys.excepthook is before


def test_the_wizard_draft_survives_an_exception_while_typing(
    qtbot: QtBot, crash_handler: CrashHandler, signed_in: access.SignedIn, ui_settings: QSettings
) -> None:
    context = ViewContext(signed_in, InlineTasks(), ChangeBus(), ui_settings)
    wizard = EncounterWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    [given] = [edit for edit in wizard.findChildren(QLineEdit) if edit.accessibleName() == "Given name"]

    def broken_listener(text: str) -> None:
        if text.endswith("y"):
            raise RuntimeError(f"{CANARY} broke a listener")

    given.textChanged.connect(broken_listener)  # after the wizard's own listener, like a later feature
    qtbot.keyClicks(given, "Avery")
    assert crash_handler.dialog is not None and crash_handler.dialog.isVisible()

    # The wizard is still open and keeps its draft on its typing pause, as if nothing had happened.
    def kept() -> drafts.DraftView | None:
        return drafts.latest(signed_in.uow, signed_in.actor, drafts.ENCOUNTER)

    qtbot.waitUntil(lambda: kept() is not None, timeout=10_000)
    draft = kept()
    assert draft is not None and "Avery" in str(draft.payload)
    assert wizard.isVisible() and given.text() == "Avery"
    wizard.reject()  # Esc, then "Keep the draft": the person leaves as they would, no box left open
    qtbot.mouseClick(wizard.keep_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
