"""The network runner: work off both the UI and the DB thread, its DB steps on the DB thread, progress and
results back on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from burner_desk.ui.tasks import BackgroundTasks, InlineTasks


@pytest.fixture
def tasks() -> Iterator[BackgroundTasks]:
    runner = BackgroundTasks()
    yield runner
    runner.shutdown()


def test_network_work_runs_on_its_own_thread_and_db_steps_on_the_db_thread(
    qtbot: QtBot, tasks: BackgroundTasks
) -> None:
    seen: dict[str, object] = {}
    progress: list[tuple[int, str]] = []

    def work(report: Callable[[int], None]) -> str:
        seen["network"] = threading.current_thread().name
        seen["db"] = tasks.db_call(lambda: threading.current_thread().name)
        report(1)
        report(2)
        return "done"

    tasks.run_network(
        work,
        on_done=lambda result: seen.update(result=result, callback=threading.current_thread()),
        on_progress=lambda step: progress.append((step, threading.current_thread().name)),
    )
    qtbot.waitUntil(lambda: "result" in seen)

    assert str(seen["network"]).startswith("burner-desk-network")
    assert str(seen["db"]).startswith("burner-desk-db")
    assert seen["callback"] is threading.main_thread()
    assert progress == [(1, threading.main_thread().name), (2, threading.main_thread().name)]


def test_a_db_step_that_fails_reaches_the_network_work_and_then_on_error(
    qtbot: QtBot, tasks: BackgroundTasks
) -> None:
    errors: list[BaseException] = []

    def db_step() -> None:
        raise ValueError("vault locked")

    tasks.run_network(lambda _report: tasks.db_call(db_step), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_the_ui_thread_may_not_wait_for_the_db_executor(tasks: BackgroundTasks) -> None:
    with pytest.raises(RuntimeError, match="run_db"):
        tasks.db_call(lambda: None)


def test_network_work_waits_behind_network_work_never_beside_it(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    running = threading.Event()
    release = threading.Event()
    overlaps: list[bool] = []
    finished: list[int] = []

    def sync(n: int) -> int:
        overlaps.append(running.is_set())
        running.set()
        release.wait(5)
        running.clear()
        return n

    tasks.run_network(lambda _report: sync(1), on_done=finished.append)
    tasks.run_network(lambda _report: sync(2), on_done=finished.append)
    release.set()
    qtbot.waitUntil(lambda: len(finished) == 2)
    assert finished == [1, 2] and overlaps == [False, False]


def test_inline_tasks_run_network_work_and_its_progress_at_once() -> None:
    tasks = InlineTasks()
    seen: list[object] = []
    tasks.run_network(
        lambda report: (report("half"), tasks.db_call(lambda: "db"))[1],
        on_done=seen.append,
        on_progress=seen.append,
    )
    assert seen == ["half", "db"]
