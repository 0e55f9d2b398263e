"""`python -m benchmarks stalls`: the longest the UI thread stops answering (DESIGN.md section 8: 50 ms),
on a vault with a department's history, while a detective unlocks, opens each view, searches, opens a case,
and records and prints a whole encounter by keys.

The real shell, main window and DB executor run in this process (offscreen). A watchdog timer asks to run
every millisecond; the longest gap between two of its runs is the longest the event loop was held. Beside
it, the most CPU time the UI thread itself spent between two runs: on a shared machine the gap also holds
the time other processes had the CPU, while that figure is the UI thread's own work in its heaviest turn,
which is what a change to the app can shorten. Text is typed a key per turn of the event loop, as a person
(or a licence scanner) types it, and each view is opened by its shortcut, as a person does. A phase
ends when the DB executor has handed back all it was given (a marker job queued behind the view's work has
come back, twice, with a pause between for work the answers start).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks import bedside, caseload
from benchmarks.timing import BENCH_PASSPHRASE, bench_setup
from burner_desk.services import access
from burner_desk.storage.keyslots import KdfParams
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.shell import Shell, load_main_window_ahead
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import BackgroundTasks
from burner_desk.ui.unlock.unlock_window import UnlockWindow

STALL_BUDGET_MS = 50.0
PHASE_TIMEOUT_S = 120


class Watchdog(QObject):
    """The longest time between two turns of the event loop since `restart`."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()  # this (the UI) thread's CPU time
        self.longest = 0.0
        self.most_cpu = 0.0

    def start(self) -> None:
        self.restart()
        self._timer.start()

    def restart(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.longest = 0.0
        self.most_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self._last)
        self.most_cpu = max(self.most_cpu, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PHASE_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {PHASE_TIMEOUT_S} s")
        QTest.qWait(5)


def one_turn() -> None:
    """What passes between two keys a person types: the event loop turns (timers, answers, painting)."""
    QTest.qWait(0)


def type_text(widget: QWidget, text: str) -> None:
    """Key by key, a turn of the event loop between keys, as a person types."""
    for character in text:
        QTest.keyClicks(widget, character)
        one_turn()


def focus(window: QWidget) -> None:
    window.activateWindow()
    wait_until(lambda: window.isAncestorOf(QApplication.focusWidget()), "the focus in the main window")


def settle(tasks: BackgroundTasks) -> None:
    """Until the DB executor has nothing left that a view gave it (see the module's docstring)."""
    for _ in range(2):
        back: list[object] = []
        tasks.run_db(lambda: None, on_done=back.append)
        wait_until(lambda back=back: bool(back), "the DB executor's answer")  # type: ignore[misc]
        QTest.qWait(50)


def seeded_vault(directory: Path, encounters: int) -> str:
    """The vault, closed; what a detective would type to find one of its survivors."""
    signed_in = access.first_run_setup(directory, bench_setup("bench.detective"), kdf=KdfParams(time_cost=1))
    try:
        seeded = caseload.seed(signed_in, encounters, caseload.Generator())
        bedside.stock(signed_in, datetime.now(UTC))
    finally:
        signed_in.vault.close()
    return seeded.surnames[0][0]


@dataclass(frozen=True)
class Phase:
    name: str
    longest_ms: float  # the longest gap of the event loop (wall clock)
    most_cpu_ms: float  # the UI thread's CPU time in its heaviest turn


def measure(workdir: Path, encounters: int) -> list[Phase]:
    vault_dir = workdir / "vault"
    surname = seeded_vault(vault_dir, encounters)
    tasks = BackgroundTasks()
    shell = Shell(vault_dir, tasks, QSettings(str(workdir / "ui.ini"), QSettings.Format.IniFormat))
    watchdog = Watchdog()
    phases: list[Phase] = []

    def phase(name: str, act: Callable[[], None]) -> None:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        watchdog.restart()
        act()
        settle(tasks)
        phases.append(Phase(name, watchdog.longest * 1000, watchdog.most_cpu * 1000))

    try:
        shell.start()
        load_main_window_ahead(tasks)  # as the app queues it once the unlock window is up
        wait_until(lambda: isinstance(shell.window, UnlockWindow), "the unlock window")
        watchdog.start()

        def unlock() -> None:
            window = shell.window
            assert isinstance(window, UnlockWindow)
            type_text(window.passphrase, BENCH_PASSPHRASE)
            QTest.keyClick(window.passphrase, Qt.Key.Key_Return)
            wait_until(lambda: isinstance(shell.window, MainWindow), "unlock")

        phase("unlock", unlock)
        window = shell.window
        assert isinstance(window, MainWindow)
        focus(window)  # the views' shortcuts are the main window's
        for entry in window.entries:
            # By its shortcut, as a person switches views (a click would be input just the same).
            phase(
                f"view: {entry.title}",
                lambda entry=entry: QTest.keySequence(window, QKeySequence(entry.shortcut)),
            )
            assert window.current_view_key() == entry.key, f"{entry.shortcut} did not show {entry.title}"
        window.side_bar.setCurrentRow([entry.key for entry in window.entries].index("cases"))
        cases_view = window.current_view()
        assert isinstance(cases_view, CasesView)
        settle(tasks)
        search = cases_view.search

        def search_a_name() -> None:
            type_text(search, surname)
            wait_until(lambda: bool(cases_view.results.rows), "search results")

        phase("search by name", search_a_name)
        phase("open a case", lambda: QTest.keyClick(search, Qt.Key.Key_Return))

        focus(window)  # Ctrl+N is the main window's shortcut

        def open_the_wizard() -> None:
            QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            wait_until(lambda: window.wizard is not None and window.wizard.isVisible(), "the wizard")

        phase("open the new-encounter wizard (Ctrl+N)", open_the_wizard)
        assert window.wizard is not None
        window.wizard.reject()  # nothing typed: it closes without asking
        wait_until(lambda: window.wizard is None or not window.wizard.isVisible(), "the wizard closed")
        focus(window)

        def bedside_encounter() -> None:
            printed = workdir / "printed.pdf"
            keys = bedside.Keys(
                lambda cond: wait_until(cond, "the wizard"),
                between=lambda: settle(tasks),
                between_keys=one_turn,
            )
            bedside.encounter(window, keys, printed, resident=True)

        phase("record and print a resident encounter (save, then five sheets)", bedside_encounter)
        window.dismiss()
    finally:
        tasks.shutdown()
    return phases


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks stalls", description=__doc__)
    parser.add_argument("--encounters", type=int, default=100_000, help="encounters in the vault")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keyring.set_keyring(fail.Keyring())  # a throwaway vault: no device secret in the real keyring
    app = QApplication.instance() or QApplication([])
    apply_style(app)  # as the app starts: rows take their colours from the theme it works out once
    with tempfile.TemporaryDirectory(prefix="burner-desk-stalls-") as tmp:
        phases = measure(Path(tmp), args.encounters)
    width = max(len(phase.name) for phase in phases)
    print(
        f"longest UI-thread stall, {args.encounters:,} encounters (budget {STALL_BUDGET_MS:.0f} ms; "
        f"in brackets the UI thread's own CPU time in its heaviest turn; load average "
        f"{os.getloadavg()[0]:.1f}):"
    )
    for phase in phases:
        verdict = "ok" if phase.longest_ms <= STALL_BUDGET_MS else "OVER"
        print(
            f"  {phase.name:<{width}}  {phase.longest_ms:7.1f} ms  ({phase.most_cpu_ms:5.1f} ms CPU)  {verdict}"
        )
    return 0
