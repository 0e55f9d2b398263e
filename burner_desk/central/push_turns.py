"""A device's push batches, applied one at a time in the order the laptop sent them (DESIGN.md
section 5)."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from starlette.concurrency import run_in_threadpool

from burner_desk.sync import protocol

Result = TypeVar("Result")


class PositionTaken(Exception):
    """A batch came at a position of its run that another batch already took: each position is sent
    once, so this one is refused and the first keeps its turn."""


class CentralStopping(Exception):
    """Central is shutting down: a batch still waiting for its turn is not applied."""


@dataclass
class _Job:
    """One push batch: its place in its run, and its parse and apply, to be done in turn."""

    position: int
    work: Callable[[], Any]
    done: Future[Any] = field(default_factory=Future)  # what `work` returned, or raised


@dataclass
class _Run:
    """One push from one device: the positions that came, the one applied last, and the batches waiting
    their turn."""

    applied: int = -1
    received: set[int] = field(default_factory=set)
    waiting: dict[int, _Job] = field(default_factory=dict)
    working: bool = False  # a worker thread is applying its batches (one at most)
    touched: float = field(default_factory=time.monotonic)


class PushTurns:
    """A device's pushes are applied one at a time, in the order the laptop sent them (its Push-Sequence
    header), whatever order the network delivered them in: a laptop keeps several in flight, and a batch
    that overtook the one before would find no record yet for that one's new records, or take that one's
    edits for conflicts. One worker thread goes through a run's batches in order, taking up the next as
    soon as it is done with one (no trip through the event loop in between). A batch whose predecessor
    never comes (the laptop gave up on it) waits at most `patience` seconds, then goes ahead; central's
    rules still hold then (a change to a record it does not have is deferred).

    Every batch gets an answer: its own, PositionTaken when its position already came, or CentralStopping
    when central shuts down (`stop`) before its turn."""

    def __init__(self, patience: float = 30.0) -> None:
        self._patience = patience
        self._lock = threading.Lock()
        self._runs: dict[tuple[uuid.UUID, str], _Run] = {}
        self._workers = ThreadPoolExecutor(thread_name_prefix="central-push")
        self._stopping = False

    async def apply(
        self, device_id: uuid.UUID, sequence: protocol.PushSequence | None, work: Callable[[], Result]
    ) -> Result:
        """`work` (a batch's parse and apply), on a worker thread, in its turn; a push without a sequence
        (one batch at a time) does not wait."""
        if sequence is None:
            return await run_in_threadpool(work)
        key = (device_id, sequence.run)
        job = _Job(sequence.position, work)
        with self._lock:
            if self._stopping:
                raise CentralStopping
            run = self._runs.setdefault(key, _Run())
            if job.position in run.received:
                raise PositionTaken(job.position)
            run.received.add(job.position)
            run.waiting[job.position] = job
        self._go_on(run, skip_lost=False)
        answer = asyncio.wrap_future(job.done)
        try:
            while True:
                try:
                    return cast(Result, await asyncio.wait_for(asyncio.shield(answer), self._patience))
                except TimeoutError:
                    self._go_on(run, skip_lost=True)
        except asyncio.CancelledError:  # the request is gone (central stopping): its batch leaves the line
            with self._lock:
                if run.waiting.get(job.position) is job:
                    del run.waiting[job.position]
            raise

    def stop(self) -> None:
        """Answer every batch still waiting for its turn with CentralStopping and take no more; a batch
        being applied finishes. For central's shutdown, which must not wait for a laptop's whole push."""
        with self._lock:
            self._stopping = True
            waiting = [job for run in self._runs.values() for job in run.waiting.values()]
            for run in self._runs.values():
                run.waiting.clear()
        for job in waiting:
            job.done.set_exception(CentralStopping())
        self._workers.shutdown(wait=False)

    def _go_on(self, run: _Run, *, skip_lost: bool) -> None:
        """Start a worker on the run's first waiting batch if none is at work and that batch's turn has
        come (or, `skip_lost`: nothing moved for `patience` seconds, the batches before it are lost)."""
        with self._lock:  # submitted under the lock, so never after `stop` shut the workers down
            if run.working or self._stopping:
                return
            job = self._next_in_turn(run, skip_lost=skip_lost)
            run.working = job is not None
            if job is not None:
                self._workers.submit(self._work_through, run, job)

    @staticmethod
    def _next_in_turn(run: _Run, *, skip_lost: bool = False) -> _Job | None:
        """The waiting batch to apply next, taken out of the line: the first, if it follows the last one
        applied or came late behind it. Called under the lock."""
        if not run.waiting:
            return None
        first = min(run.waiting)
        return run.waiting.pop(first) if skip_lost or first <= run.applied + 1 else None

    def _work_through(self, run: _Run, job: _Job | None) -> None:
        """Apply `job`, then each waiting batch whose turn it is, until the next has not come yet."""
        while job is not None:
            try:
                job.done.set_result(job.work())
            except BaseException as exc:  # handed to the request, which answers for it
                job.done.set_exception(exc)
            with self._lock:
                run.applied = max(run.applied, job.position)
                run.touched = now = time.monotonic()
                job = None if self._stopping else self._next_in_turn(run)
                run.working = job is not None
                for stale in [k for k, r in self._runs.items() if now - r.touched > 10 * self._patience]:
                    del self._runs[stale]  # pushes long finished (or given up) by their laptops
