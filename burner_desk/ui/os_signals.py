"""Ctrl+C in the terminal and the system's polite stop (SIGTERM: log-off, shutdown, `kill`) end the app as
Quit does: the vault is locked and closed, the unfinished encounter's draft kept.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop may sleep in C++
for minutes. On POSIX the C-level handler writes the signal's number to a pipe (signal.set_wakeup_fd) and a
QSocketNotifier on its other end wakes the event loop. Windows takes only a socket there (and importing
socket costs the cold start ~5 ms); it has no SIGTERM either, so a short timer gives the interpreter its
turn for Ctrl+C instead.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

STOP_SIGNALS = tuple(
    sig for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if isinstance(sig, signal.Signals)
)
WINDOWS_TICK_MS = 250


class QuitOnStopSignals(QObject):
    """While installed, SIGINT and SIGTERM call `quit_app` once, on the UI thread."""

    def __init__(self, quit_app: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit_app
        self._quitting = False
        self._previous: dict[signal.Signals, Any] = {}
        self._previous_fd = -1
        self._pipe: tuple[int, int] | None = None
        self._waker: QSocketNotifier | QTimer | None = None

    def install(self) -> None:
        if os.name == "posix":
            read_end, write_end = self._pipe = os.pipe()
            os.set_blocking(read_end, False)
            os.set_blocking(write_end, False)
            self._previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
            notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, self)
            notifier.activated.connect(self._drain)
            self._waker = notifier
        else:
            timer = QTimer(self)
            timer.timeout.connect(lambda: None)  # back in Python: a pending handler runs now
            timer.start(WINDOWS_TICK_MS)
            self._waker = timer
        for sig in STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._stop)

    def uninstall(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()
        if isinstance(self._waker, QSocketNotifier):
            self._waker.setEnabled(False)
        elif isinstance(self._waker, QTimer):
            self._waker.stop()
        self._waker = None
        if self._pipe is not None:
            signal.set_wakeup_fd(self._previous_fd)
            for end in self._pipe:
                os.close(end)
            self._pipe = None

    def _drain(self) -> None:
        """Empty the pipe; the Python-level handler has run by now (it runs before any other Python)."""
        assert self._pipe is not None
        try:
            while os.read(self._pipe[0], 64):
                pass
        except BlockingIOError:
            pass

    def _stop(self, _signum: int, _frame: object) -> None:
        if not self._quitting:
            self._quitting = True
            QTimer.singleShot(0, self._quit)  # out of the signal handler, from the event loop
