"""An unexpected exception: a calm dialog, a private crash report, and the app keeps running.

Every write is its own committed transaction and the encounter wizard saves its draft on each page
change, so an exception in a slot loses nothing that was saved; the dialog says so and the person goes on.
Expected errors never get here: they are shown in place (ui/errors.message_for).

The same path serves the UI thread (sys.excepthook) and every other thread (threading.excepthook): the
report is written on the failing thread, and the dialog is always opened on the UI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from burner_desk.logs import write_crash_report
from burner_desk.ui.i18n import translated

log = logging.getLogger(__name__)

CRASH_TITLE = QT_TRANSLATE_NOOP("ui.crash", "Burner Desk ran into a problem")
CRASH_MESSAGE = QT_TRANSLATE_NOOP(
    "ui.crash",
    "Your work is saved. Something unexpected happened in the last step, and it was stopped. You can keep working; if it happens again, note the time and tell your supervisor.",
)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


class CrashDialog(QDialog):
    def __init__(self, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(translated("ui.crash", CRASH_TITLE))
        self.setAccessibleName(translated("ui.crash", CRASH_TITLE))
        self.setMinimumWidth(460)
        message = QLabel(translated("ui.crash", CRASH_MESSAGE))
        message.setObjectName("crashMessage")
        message.setWordWrap(True)
        message.setAccessibleName(self.tr("What happened"))
        if report is not None:
            where = self.tr("A report for IT, with no personal data in it, was saved as:\n{report}").format(
                report=report
            )
        else:
            where = self.tr("The report for IT could not be saved; the log file has the details.")
        report_label = QLabel(where)
        report_label.setObjectName("hint")
        report_label.setWordWrap(True)
        report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        report_label.setAccessibleName(self.tr("Crash report location"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Keep working"))
        ok.setObjectName("primary")
        ok.setAccessibleName(self.tr("Keep working"))
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(message)
        layout.addWidget(report_label)
        layout.addWidget(buttons)
        self.report = report


class CrashHandler(QObject):
    """Installed as sys.excepthook and threading.excepthook for the GUI's lifetime (app.main); create it on
    the UI thread. `uninstall()` puts the previous hooks back."""

    # The report (None when it could not be written), carried to the UI thread: only it may open a dialog.
    _crashed = Signal(object)

    def __init__(self, log_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_dir = log_dir
        self._previous: ExceptHook | None = None
        self._previous_thread: ThreadHook | None = None
        self.dialog: CrashDialog | None = None
        # Auto connection: direct when raised on the UI thread (the dialog is up before the slot returns),
        # queued when raised on any other thread.
        self._crashed.connect(self._show_dialog)

    def install(self) -> None:
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        if self._previous_thread is not None and threading.excepthook == self.handle_thread:
            threading.excepthook = self._previous_thread
        self._previous = None
        self._previous_thread = None

    def handle(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: not a crash to report
            (self._previous or sys.__excepthook__)(kind, exc, tb)
            return
        self._crashed.emit(self._report(kind, exc, tb))

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """An exception that ended a thread other than the UI thread (see ui/tasks.py for the DB thread)."""
        if not isinstance(args.exc_value, Exception):  # SystemExit ends just its thread, as Python intends
            (self._previous_thread or threading.__excepthook__)(args)
            return
        self._crashed.emit(self._report(args.exc_type, args.exc_value, args.exc_traceback))

    def _report(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
        log.critical("unexpected exception", exc_info=(kind, exc, tb))
        try:
            return write_crash_report(self._log_dir, exc)
        except OSError:
            log.exception("the crash report could not be written")
            return None

    def _show_dialog(self, report: Path | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time: a failing paint would otherwise stack them up
        self.dialog = CrashDialog(report)
        # open(), not exec(): a nested event loop inside a failing slot could re-enter it.
        self.dialog.open()
