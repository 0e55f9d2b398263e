"""The background runner: all database work on one thread, results back on the UI thread.

One single-thread executor serialises every write (SQLite has one writer anyway) and keeps the KDF
and queries off the UI thread. The worker never touches a widget: it emits a signal carrying a
callable, and the queued connection runs that callable on the thread that owns the runner (the UI).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")
OnError = Callable[[BaseException], None]

log = logging.getLogger(__name__)


def _log_unhandled(exc: BaseException) -> None:
    log.error("database task failed and nobody handled it", exc_info=exc)


class TaskRunner(Protocol):
    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None: ...

    def shutdown(self) -> None: ...


class BackgroundTasks(QObject):
    """The real runner. Create it on the UI thread; call `shutdown()` before the app exits."""

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="burner-desk-db")
        self._deliver.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None:
        done = on_done or (lambda _result: None)
        failed = on_error or _log_unhandled

        def work() -> None:
            try:
                result = fn()
            except Exception as exc:
                # partial, not a lambda: Python unbinds `exc` when the except block ends.
                self._deliver.emit(partial(failed, exc))
            else:
                self._deliver.emit(partial(done, result))

        self._db.submit(work)

    def shutdown(self) -> None:
        """Wait for queued work too: a queued write (or the lock that closes the vault) must not be lost."""
        self._db.shutdown(wait=True)

    def _on_delivered(self, callback: Callable[[], None]) -> None:
        callback()


class InlineTasks:
    """For tests and one-shot renders: runs the work at once, on the caller's thread."""

    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None:
        try:
            result = fn()
        except Exception as exc:
            (on_error or _log_unhandled)(exc)
        else:
            if on_done is not None:
                on_done(result)

    def shutdown(self) -> None:
        """Nothing runs in the background."""
