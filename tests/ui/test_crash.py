"""An exception nobody expected: a calm dialog, a private crash report, and the app keeps going."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from burner_desk import logs
from burner_desk.domain.errors import VaultError
from burner_desk.logs import CRASH_PREFIX
from burner_desk.services import access, drafts
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.crash import CrashHandler
from burner_desk.ui.crash_dialog import CRASH_MESSAGE, CrashDialog
from burner_desk.ui.encounter.wizard import EncounterWizard
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
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


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.configure(tmp_path / "logs")
    assert path is not None
    yield path
    logs.close()


def _crash_in_a_thread(name: str) -> None:
    def work() -> None:
        raise RuntimeError(f"{CANARY} on {name}")

    thread = threading.Thread(target=work, name=name)
    thread.start()
    thread.join()


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


def test_uninstall_puts_the_previous_hooks_back(tmp_path: Path) -> None:
    before, before_thread = sys.excepthook, threading.excepthook
    handler = CrashHandler(tmp_path)
    handler.install()
    assert sys.excepthook == handler.handle
    assert threading.excepthook == handler.handle_thread
    handler.uninstall()
    assert sys.excepthook is before
    assert threading.excepthook is before_thread


def test_exception_on_a_worker_thread_reports_privately_and_opens_the_dialog_on_the_ui_thread(
    qtbot: QtBot, crash_handler: CrashHandler, log_file: Path, tmp_path: Path
) -> None:
    _crash_in_a_thread("printer-worker")

    # Written on the failing thread; the dialog waits for the UI thread's event loop.
    [report] = _crash_reports(tmp_path)
    qtbot.waitUntil(lambda: crash_handler.dialog is not None and crash_handler.dialog.isVisible())
    dialog = crash_handler.dialog
    assert dialog is not None and dialog.report == report
    assert dialog.thread() is QApplication.instance().thread()
    text = report.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "in work" in text
    logs.close()  # flushed and closed: everything the thread's failure wrote is in the file now
    logged = log_file.read_text(encoding="utf-8")
    assert "CRITICAL burner_desk.ui.crash [printer-worker]: unexpected exception" in logged
    for written in (text, logged):
        assert "CANARY" not in written and "Avery" not in written


def test_a_thread_ending_with_system_exit_is_passed_on_not_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    passed_on: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", passed_on.append)
    handler = CrashHandler(tmp_path / "logs")
    handler.install()

    def work() -> None:
        sys.exit(3)

    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        QApplication.processEvents()  # a dialog would have been queued before join() returned
    finally:
        handler.uninstall()
    assert [args.exc_type for args in passed_on] == [SystemExit]
    assert _crash_reports(tmp_path) == [] and handler.dialog is None


def test_a_db_task_whose_result_cannot_be_delivered_reaches_the_crash_path(
    qtbot: QtBot, crash_handler: CrashHandler, log_file: Path, tmp_path: Path
) -> None:
    runner = BackgroundTasks()
    executor = runner._db
    started, release = threading.Event(), threading.Event()
    runner.run_db(lambda: (started.set(), release.wait(10)))
    qtbot.waitUntil(started.is_set)  # it starts once the turn that queued it is over
    shiboken6.delete(runner)  # e.g. its owner closed mid-task: the result has nowhere to go
    release.set()
    executor.shutdown(wait=True)

    qtbot.waitUntil(lambda: crash_handler.dialog is not None and crash_handler.dialog.isVisible())
    [report] = _crash_reports(tmp_path)
    assert "builtins.RuntimeError" in report.read_text(encoding="utf-8")
    logs.close()
    assert "[burner-desk-db_0]: unexpected exception" in log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("failing", ["a slot on the UI thread", "a worker thread"])
def test_the_wizard_draft_survives_an_exception_while_typing(
    qtbot: QtBot,
    crash_handler: CrashHandler,
    signed_in: access.SignedIn,
    ui_settings: QSettings,
    failing: str,
) -> None:
    context = ViewContext(signed_in, InlineTasks(), ChangeBus(), ui_settings)
    wizard = EncounterWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    [given] = [edit for edit in wizard.findChildren(QLineEdit) if edit.accessibleName() == "Given name"]

    def broken_listener(text: str) -> None:
        if text.endswith("y"):
            raise RuntimeError(f"{CANARY} broke a listener")

    if failing == "a slot on the UI thread":
        given.textChanged.connect(broken_listener)  # after the wizard's own listener, like a later feature
    qtbot.keyClicks(given, "Avery")
    if failing == "a worker thread":
        _crash_in_a_thread("scanner-worker")
    qtbot.waitUntil(lambda: crash_handler.dialog is not None and crash_handler.dialog.isVisible())

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
