"""A device's pushes in flight are applied in the order the laptop sent them (central.push_turns)."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable

import pytest

from burner_desk.central.push_turns import CentralStopping, PositionTaken, PushTurns
from burner_desk.sync.protocol import PushSequence

RUN = uuid.uuid4().hex


def _batch(name: str, log: list[str]) -> Callable[[], str]:
    """A batch's work: it logs its start and end, and takes a moment (the next must not start before)."""

    def work() -> str:
        log.append(f"start {name}")
        time.sleep(0.01)
        log.append(f"end {name}")
        return f"answer {name}"

    return work


def test_a_batch_that_arrives_first_waits_for_the_one_sent_before_it() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        turns, device, log = PushTurns(), uuid.uuid4(), []
        later = [
            asyncio.create_task(turns.apply(device, PushSequence(RUN, n), _batch(str(n), log)))
            for n in (2, 1)
        ]
        await asyncio.sleep(0.05)
        assert log == []  # both wait for batch 0
        first = await turns.apply(device, PushSequence(RUN, 0), _batch("0", log))
        return log, [first, *await asyncio.gather(*later)]

    log, answers = asyncio.run(scenario())
    assert log == ["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]
    assert answers == ["answer 0", "answer 2", "answer 1"]  # each request gets its own batch's answer


def test_one_worker_goes_through_the_batches_that_wait_in_turn() -> None:
    """The batches behind the first are taken up by the same thread, without a trip through the event
    loop in between."""

    async def scenario() -> set[str]:
        turns, device, threads = PushTurns(), uuid.uuid4(), set()

        def work() -> None:
            threads.add(threading.current_thread().name)
            time.sleep(0.01)

        await asyncio.gather(*(turns.apply(device, PushSequence(RUN, n), work) for n in (3, 2, 1, 0)))
        return threads

    assert len(asyncio.run(scenario())) == 1


def test_other_devices_and_other_runs_do_not_wait() -> None:
    async def scenario() -> list[str]:
        turns, device, log = PushTurns(patience=5), uuid.uuid4(), []
        await asyncio.wait_for(
            asyncio.gather(
                turns.apply(uuid.uuid4(), PushSequence(RUN, 0), _batch("other device", log)),
                turns.apply(device, PushSequence(uuid.uuid4().hex, 0), _batch("other run", log)),
                turns.apply(device, None, _batch("unnumbered", log)),
            ),
            timeout=1,
        )
        return log

    assert sorted(asyncio.run(scenario())) == sorted(
        f"{edge} {name}" for edge in ("start", "end") for name in ("other device", "other run", "unnumbered")
    )


def test_a_batch_whose_predecessor_never_comes_goes_ahead_after_the_patience() -> None:
    """The laptop gave up on batch 0 (its connection dropped); batch 1 is applied anyway, late, and so is
    batch 2 behind it."""

    async def scenario() -> tuple[list[str], float]:
        turns, device, log = PushTurns(patience=0.2), uuid.uuid4(), []
        started = time.monotonic()
        await asyncio.gather(
            *(turns.apply(device, PushSequence(RUN, n), _batch(str(n), log)) for n in (1, 2))
        )
        waited = time.monotonic() - started
        await turns.apply(device, PushSequence(RUN, 0), _batch("0", log))  # it does come, much later
        return log, waited

    log, waited = asyncio.run(scenario())
    assert log == ["start 1", "end 1", "start 2", "end 2", "start 0", "end 0"]
    assert 0.2 <= waited < 1


def test_a_failed_batch_raises_for_its_own_request_and_the_next_still_goes() -> None:
    def broken() -> str:
        raise ValueError("not a push body")

    async def scenario() -> tuple[BaseException | str, ...]:
        turns, device = PushTurns(), uuid.uuid4()
        return tuple(
            await asyncio.gather(
                turns.apply(device, PushSequence(RUN, 1), _batch("1", [])),
                turns.apply(device, PushSequence(RUN, 0), broken),
                return_exceptions=True,
            )
        )

    second, first = asyncio.run(scenario())
    assert isinstance(first, ValueError) and second == "answer 1"


def test_a_second_batch_at_a_taken_position_is_refused_and_the_first_still_completes() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        turns, device, log = PushTurns(patience=5), uuid.uuid4(), []
        first = asyncio.create_task(turns.apply(device, PushSequence(RUN, 1), _batch("1", log)))
        await asyncio.sleep(0.05)
        with pytest.raises(PositionTaken):
            await turns.apply(device, PushSequence(RUN, 1), _batch("1 again", log))
        zero = await asyncio.wait_for(turns.apply(device, PushSequence(RUN, 0), _batch("0", log)), 1)
        with pytest.raises(PositionTaken):  # done with, too: a position is sent once per run
            await turns.apply(device, PushSequence(RUN, 0), _batch("0 again", log))
        return log, [zero, await asyncio.wait_for(first, 1)]

    log, answers = asyncio.run(scenario())
    assert log == ["start 0", "end 0", "start 1", "end 1"]
    assert answers == ["answer 0", "answer 1"]


def test_stopping_answers_the_batches_waiting_their_turn_and_takes_no_more() -> None:
    async def scenario() -> tuple[list[str], list[BaseException | str], float]:
        turns, device, log = PushTurns(patience=30), uuid.uuid4(), []
        waiting = [
            asyncio.create_task(turns.apply(device, PushSequence(RUN, n), _batch(str(n), log)))
            for n in (1, 2)
        ]
        await asyncio.sleep(0.05)
        started = time.monotonic()
        turns.stop()
        answers = await asyncio.wait_for(asyncio.gather(*waiting, return_exceptions=True), 1)
        answered_in = time.monotonic() - started
        with pytest.raises(CentralStopping):
            await turns.apply(device, PushSequence(RUN, 0), _batch("0", log))
        return log, answers, answered_in

    log, answers, answered_in = asyncio.run(scenario())
    assert log == [] and answered_in < 0.5
    assert all(isinstance(answer, CentralStopping) for answer in answers)


def test_a_batch_whose_request_is_gone_leaves_the_line() -> None:
    """Its request cancelled (central stopping, after the grace period), a waiting batch is not applied
    later behind the one before it."""

    async def scenario() -> list[str]:
        turns, device, log = PushTurns(patience=30), uuid.uuid4(), []
        gone = asyncio.create_task(turns.apply(device, PushSequence(RUN, 1), _batch("1", log)))
        await asyncio.sleep(0.05)
        gone.cancel()
        await asyncio.gather(gone, return_exceptions=True)
        await turns.apply(device, PushSequence(RUN, 0), _batch("0", log))
        await asyncio.sleep(0.05)
        return log

    assert asyncio.run(scenario()) == ["start 0", "end 0"]
