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
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from burner_desk.logs import write_crash_report

if TYPE_CHECKING:
    from burner_desk.ui.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


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
        # The dialog's module loads on the first crash: its widgets (and Qt's namespace, ~18 ms of enums)
        # would otherwise be built at every start, before the unlock window.
        from burner_desk.ui.crash_dialog import CrashDialog

        self.dialog = CrashDialog(report)
        # open(), not exec(): a nested event loop inside a failing slot could re-enter it.
        self.dialog.open()
