import sys
import threading
import time

import pytest
from pytestqt.qtbot import QtBot

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
    started.wait(2)
    tasks.shutdown()
    assert finished.is_set()


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
