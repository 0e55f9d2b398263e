import sys
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from burner_desk.services import access
from burner_desk.services.settings import STOCK_THRESHOLD_PHONES
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks


@pytest.fixture
def tasks() -> BackgroundTasks:
    runner = BackgroundTasks()
    yield runner
    runner.shutdown()


def test_work_runs_off_the_ui_thread_and_the_result_comes_back_on_it(
    qtbot: QtBot, tasks: BackgroundTasks
) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(result: int) -> None:
        seen["result"], seen["callback"] = result, threading.current_thread()

    tasks.run_db(work, on_done=done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()


def test_an_exception_in_the_work_becomes_on_error_on_the_ui_thread(
    qtbot: QtBot, tasks: BackgroundTasks
) -> None:
    errors: list[tuple[BaseException, threading.Thread]] = []

    def work() -> None:
        raise ValueError("boom")

    tasks.run_db(
        work,
        on_done=lambda _r: pytest.fail("no result expected"),
        on_error=lambda exc: errors.append((exc, threading.current_thread())),
    )
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0][0], ValueError)
    assert errors[0][1] is threading.main_thread()


def test_one_worker_runs_the_work_in_order(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    order: list[int] = []
    threads: set[str] = set()

    def work(n: int) -> int:
        threads.add(threading.current_thread().name)
        time.sleep(0.005 * (5 - n))  # later tasks are faster: only a single worker keeps them in order
        return n

    for n in range(5):
        tasks.run_db(lambda n=n: work(n), on_done=order.append)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]
    assert len(threads) == 1


def test_shutdown_waits_for_the_running_task() -> None:
    tasks = BackgroundTasks()
    finished = threading.Event()
    started = threading.Event()

    def slow() -> None:
        started.set()
        time.sleep(0.2)
        finished.set()

    tasks.run_db(slow)
    QCoreApplication.processEvents()  # the turn is over: `slow` starts
    started.wait(2)
    tasks.shutdown()
    assert finished.is_set()


def test_shutdown_runs_what_the_ui_thread_queued_in_its_last_turn() -> None:
    """The lock on quit is queued in the same turn as the shutdown: it must not be lost."""
    tasks = BackgroundTasks()
    ran: list[str] = []
    tasks.run_db(lambda: ran.append("lock"))
    tasks.shutdown()
    assert ran == ["lock"]


def test_work_queued_in_a_turn_starts_once_the_turn_is_over(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    """The DB thread's Python would share the GIL with the UI thread's turn, so the turn that queues a query
    (the unlock's, building the main window) would last as long as both (issue 17)."""
    started = threading.Event()
    tasks.run_db(started.set)
    assert not started.wait(0.3)  # still the same turn of the event loop: not begun however long it lasts
    qtbot.waitUntil(started.is_set)


def test_run_db_from_another_thread_is_refused(tasks: BackgroundTasks) -> None:
    """From a worker thread the queued work would wait on a timer of a thread with no event loop: it is an
    error said at once, not a query that silently never runs."""
    ran: list[str] = []
    raised: list[BaseException] = []

    def from_a_worker() -> None:
        try:
            tasks.run_db(lambda: ran.append("query"))
        except RuntimeError as exc:
            raised.append(exc)

    worker = threading.Thread(target=from_a_worker)
    worker.start()
    worker.join()

    assert [str(exc) for exc in raised] == [
        "run_db is for the UI thread; work on another thread uses db_call"
    ]
    tasks.shutdown()  # runs whatever was queued
    assert ran == []


def test_inline_runner_calls_back_at_once() -> None:
    results: list[object] = []
    InlineTasks().run_db(lambda: 7, on_done=results.append)
    InlineTasks().run_db(lambda: 1 / 0, on_error=results.append)
    assert results[0] == 7
    assert isinstance(results[1], ZeroDivisionError)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_deliveries_do_not_wear_out_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 dropped ~11-18 references to None per queued delivery and aborted the interpreter
    after a few hundred queries on Python 3.11; this guards the pinned version against a regression."""
    tasks = BackgroundTasks()
    done: list[int] = []
    before = sys.getrefcount(None)
    for index in range(300):
        tasks.run_db(lambda: 1, on_done=done.append)
        qtbot.waitUntil(lambda index=index: len(done) > index)
    tasks.shutdown()
    assert sys.getrefcount(None) > before - 500


def _put_threshold(signed_in: access.SignedIn, value: str, then_fail: bool = False) -> None:
    with signed_in.uow.begin(signed_in.actor) as tx:
        tx.settings.put(STOCK_THRESHOLD_PHONES, value)
        if then_fail:
            raise ValueError("refused after writing: the transaction rolls back")


def test_the_runner_announces_what_a_task_wrote_after_its_own_callback(
    qtbot: QtBot, tasks: BackgroundTasks, signed_in: access.SignedIn
) -> None:
    events: list[object] = []
    tasks.changed.connect(events.append)

    tasks.run_db(lambda: _put_threshold(signed_in, "20"), on_done=lambda _none: events.append("done"))
    qtbot.waitUntil(lambda: len(events) == 2)
    assert events == ["done", frozenset({"setting"})]

    tasks.run_db(lambda: _put_threshold(signed_in, "30", then_fail=True), on_error=events.append)
    qtbot.waitUntil(lambda: len(events) == 3)
    assert isinstance(events[2], ValueError), "rolled back: nothing written, nothing announced"


def test_a_network_tasks_steps_are_announced_once_when_it_ends_even_when_it_fails(
    qtbot: QtBot, tasks: BackgroundTasks, signed_in: access.SignedIn
) -> None:
    events: list[object] = []
    tasks.changed.connect(events.append)

    def sync_like(_report: object) -> None:
        tasks.db_call(lambda: _put_threshold(signed_in, "20"))  # a page stored
        tasks.db_call(lambda: _put_threshold(signed_in, "25"))  # another
        raise ConnectionError("central went away")  # what was stored stays, and is announced

    tasks.run_network(sync_like, on_error=events.append)
    qtbot.waitUntil(lambda: len(events) == 2)
    assert isinstance(events[0], ConnectionError) and events[1] == frozenset({"setting"})
    qtbot.wait(50)
    assert len(events) == 2, "announced once"


def test_the_inline_runner_announces_as_the_real_one_does(signed_in: access.SignedIn) -> None:
    tasks, events = InlineTasks(), []
    tasks.changed.connect(events.append)
    tasks.run_db(lambda: _put_threshold(signed_in, "20"), on_done=lambda _none: events.append("done"))
    tasks.run_db(lambda: 7)
    assert events == ["done", frozenset({"setting"})]


def test_idle_work_runs_on_the_db_thread_once_nothing_is_queued(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    """Three tasks queued at once: the idle work (the shell's settle) waits for the last, not each."""
    log: list[tuple[str, str]] = []
    tasks.when_idle(lambda: log.append(("idle", threading.current_thread().name)))
    release = threading.Event()
    done: list[int] = []
    tasks.run_db(lambda: release.wait(2), on_done=lambda _r: done.append(0))
    for n in (1, 2):
        tasks.run_db(
            lambda n=n: log.append((f"task {n}", threading.current_thread().name)), on_done=done.append
        )
    release.set()
    qtbot.waitUntil(lambda: len(done) == 3 and len(log) == 3)
    assert [what for what, _thread in log] == ["task 1", "task 2", "idle"]
    assert {thread for _what, thread in log} == {log[0][1]} != {threading.main_thread().name}

    tasks.when_idle(None)
    tasks.run_db(lambda: None, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 4)
    assert len(log) == 3


def test_failing_idle_work_is_logged_and_the_runner_goes_on(
    qtbot: QtBot, tasks: BackgroundTasks, caplog: pytest.LogCaptureFixture
) -> None:
    tasks.when_idle(lambda: 1 / 0)
    done: list[int] = []
    tasks.run_db(lambda: 1, on_done=done.append)
    tasks.run_db(lambda: 2, on_done=done.append)
    qtbot.waitUntil(lambda: done == [1, 2])
    assert "idle work failed" in caplog.text
