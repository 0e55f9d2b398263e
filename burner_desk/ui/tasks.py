"""The background runner: all database work on one thread, results back on the UI thread.

One single-thread executor serialises every write (SQLite has one writer anyway) and keeps the KDF
and queries off the UI thread. The worker never touches a widget: it emits a signal carrying a
callable, and the queued connection runs that callable on the thread that owns the runner (the UI).

Network work (sync with central) runs on a second single-thread executor, so a slow server never
holds up a query. Its database steps go through `db_call`, which hands each step to the DB executor
and blocks the network thread (never the UI thread) until it is done.

Each task records the kinds of record it wrote (domain.changes) and, after its on_done or on_error, the
runner emits them on `changed`: the one place the UI announces changes (ui/context.ChangeBus). A sync's
steps add theirs to the sync's task, so what it pulled is announced once, when it ends.

Work the UI thread queues starts on the DB thread once the UI thread's turn of the event loop is over
(`_start_held`): the two threads share the GIL, so a query's Python started while the UI thread builds a
window (Today's load, right after unlock) made that turn last the sum of both (issue 17).

Whenever the DB thread finishes a task with nothing else queued, it runs the idle work the shell gave it
(`when_idle`: services.access.settle, which makes the commits durable off the path of the save that made
them).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from burner_desk.domain import changes

T = TypeVar("T")
P = TypeVar("P")
OnError = Callable[[BaseException], None]
Report = Callable[[P], None]  # what network work calls to report progress; it reaches on_progress

log = logging.getLogger(__name__)


def _log_unhandled(exc: BaseException) -> None:
    log.error("database task failed and nobody handled it", exc_info=exc)


def _recorded(fn: Callable[[], T], into: set[str]) -> T:
    """`fn()`, adding to `into` the kinds of record it wrote: those it committed before failing too."""
    with changes.recording() as written:
        try:
            return fn()
        finally:
            into.update(written)


def _run_idle_work(work: Callable[[], None] | None) -> None:
    if work is None:
        return
    try:
        work()
    except Exception:
        # Tried again after the next task; what it would have synced is safe in the WAL meanwhile.
        log.warning("the DB thread's idle work failed", exc_info=True)


def _report_from_this_thread() -> None:
    """Hand the exception being handled to threading.excepthook, as an uncaught one in a Thread would be."""
    kind, exc, tb = sys.exc_info()
    if kind is not None:
        threading.excepthook(threading.ExceptHookArgs((kind, exc, tb, threading.current_thread())))


class TaskRunner(Protocol):
    @property
    def changed(self) -> SignalInstance:
        """Emits the kinds of record a task wrote (domain.changes.Changed), after its on_done/on_error."""
        ...

    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None: ...

    def run_network(
        self,
        fn: Callable[[Report[P]], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[P], None] | None = None,
    ) -> None: ...

    def db_call(self, fn: Callable[[], T]) -> T: ...

    def when_idle(self, work: Callable[[], None] | None) -> None:
        """`work` runs on the DB thread after each task that leaves nothing queued; None: nothing."""
        ...

    def shutdown(self) -> None: ...


class BackgroundTasks(QObject):
    """The real runner. Create it on the UI thread; call `shutdown()` before the app exits."""

    _deliver = Signal(object)
    changed = Signal(object)  # domain.changes.Changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="burner-desk-db")
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="burner-desk-network")
        self._idle_work: Callable[[], None] | None = None
        self._db_queued = 0  # DB tasks submitted and not yet finished, under _db_queued_lock
        self._db_queued_lock = threading.Lock()
        self._held: list[Callable[[], None]] = []  # queued by the UI thread in its current turn
        # Queued: only the worker threads emit it, and an automatic connection queues a signal emitted on
        # another thread than the receiver's. (Naming Qt.ConnectionType would build Qt's namespace, ~18 ms
        # of enums, before the unlock window at every start.)
        self._deliver.connect(self._on_delivered)

    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None:
        """From the UI thread: `fn` starts once this turn of the event loop is over (the module's docstring)."""
        if threading.current_thread() is not threading.main_thread():
            # The held work and its timer belong to the UI thread: from another, the work might never start.
            raise RuntimeError("run_db is for the UI thread; work on another thread uses db_call")
        self._count_queued()  # counted already, so the idle work does not run between this turn and then
        self._held.append(self._delivering(fn, on_done, on_error))
        if len(self._held) == 1:
            QTimer.singleShot(0, self, self._start_held)

    def _start_held(self) -> None:
        held, self._held = self._held, []
        for work in held:
            self._db.submit(self._then_idle_work, work)

    def when_idle(self, work: Callable[[], None] | None) -> None:
        self._idle_work = work

    def _count_queued(self) -> None:
        with self._db_queued_lock:
            self._db_queued += 1

    def _submit_db(self, fn: Callable[[], T]) -> Future[T]:
        self._count_queued()
        return self._db.submit(self._then_idle_work, fn)

    def _then_idle_work(self, fn: Callable[[], T]) -> T:
        """On the DB thread: `fn`, then the idle work if nothing else is queued behind it."""
        try:
            return fn()
        finally:
            with self._db_queued_lock:
                self._db_queued -= 1
                idle = self._db_queued == 0
            if idle:
                _run_idle_work(self._idle_work)

    def run_network(
        self,
        fn: Callable[[Report[P]], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[P], None] | None = None,
    ) -> None:
        def report(step: P) -> None:
            if on_progress is not None:
                self._deliver.emit(partial(on_progress, step))

        self._network.submit(self._delivering(partial(fn, report), on_done, on_error))

    def db_call(self, fn: Callable[[], T]) -> T:
        """For network work: run one DB step on the DB executor and wait for its result."""
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("db_call waits for the DB executor; the UI thread uses run_db")
        written: set[str] = set()
        try:
            return self._submit_db(partial(_recorded, fn, written)).result()
        finally:
            changes.committed(written)  # into the network task's recording: announced when it ends

    def _delivering(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None, on_error: OnError | None
    ) -> Callable[[], None]:
        """`fn` wrapped so that its result or exception is handed to the UI thread."""
        done = on_done or (lambda _result: None)
        failed = on_error or _log_unhandled

        def work() -> None:
            written: set[str] = set()
            try:
                result = _recorded(fn, written)
            except Exception as exc:
                # partial, not a lambda: Python unbinds `exc` when the except block ends.
                outcome = partial(failed, exc)
            else:
                outcome = partial(done, result)
            try:
                self._deliver.emit(partial(_then_announce, outcome, self.changed, frozenset(written)))
            except Exception:
                # Left to the executor, this would sit in a Future nobody reads; the crash path must see it.
                _report_from_this_thread()

        return work

    def shutdown(self) -> None:
        """Wait for queued work too: a queued write (or the lock that closes the vault) must not be lost.

        A sync still talking to central is not waited for: its next DB step finds the vault locked and
        stops, and whatever it had not stored yet is sent again by the next sync."""
        self._network.shutdown(wait=False, cancel_futures=True)
        self._start_held()
        self._db.shutdown(wait=True)

    def _on_delivered(self, callback: Callable[[], None]) -> None:
        callback()


def _then_announce(outcome: Callable[[], None], changed: SignalInstance, written: changes.Changed) -> None:
    """The task's own on_done/on_error first (a dialog closes, a view shows its result), then the news."""
    try:
        outcome()
    finally:
        if written:
            changed.emit(written)


class InlineTasks(QObject):
    """For tests and one-shot renders: runs the work at once, on the caller's thread, then the idle work."""

    changed = Signal(object)  # domain.changes.Changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle_work: Callable[[], None] | None = None

    def run_db(
        self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> None:
        written: set[str] = set()
        try:
            result = _recorded(fn, written)
        except Exception as exc:
            outcome = partial(on_error or _log_unhandled, exc)
        else:
            outcome = partial(on_done or (lambda _result: None), result)
        _run_idle_work(self._idle_work)
        _then_announce(outcome, self.changed, frozenset(written))

    def when_idle(self, work: Callable[[], None] | None) -> None:
        self._idle_work = work

    def run_network(
        self,
        fn: Callable[[Report[P]], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[P], None] | None = None,
    ) -> None:
        report = on_progress or (lambda _step: None)
        self.run_db(partial(fn, report), on_done, on_error)

    def db_call(self, fn: Callable[[], T]) -> T:
        return fn()

    def shutdown(self) -> None:
        """Nothing runs in the background."""
