"""A device's pushes in flight are applied in the order the laptop sent them (central.app.PushTurns)."""

from __future__ import annotations

import asyncio
import time
import uuid

from burner_desk.central.app import PushTurns
from burner_desk.sync.protocol import PushSequence

RUN = uuid.uuid4().hex


async def _apply(turns: PushTurns, device: uuid.UUID, sequence: PushSequence | None, log: list[str]) -> None:
    async with turns.turn(device, sequence):
        log.append(f"start {sequence.position if sequence else '-'}")
        await asyncio.sleep(0.01)  # applying: the next must not start before this ends
        log.append(f"end {sequence.position if sequence else '-'}")


def test_a_batch_that_arrives_first_waits_for_the_one_sent_before_it() -> None:
    async def scenario() -> list[str]:
        turns, device, log = PushTurns(), uuid.uuid4(), []
        later = [asyncio.create_task(_apply(turns, device, PushSequence(RUN, n), log)) for n in (2, 1)]
        await asyncio.sleep(0.05)
        assert log == []  # both wait for batch 0
        await _apply(turns, device, PushSequence(RUN, 0), log)
        await asyncio.gather(*later)
        return log

    assert asyncio.run(scenario()) == ["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]


def test_other_devices_and_other_runs_do_not_wait() -> None:
    async def scenario() -> list[str]:
        turns, device, log = PushTurns(patience=5), uuid.uuid4(), []
        await asyncio.wait_for(
            asyncio.gather(
                _apply(turns, uuid.uuid4(), PushSequence(RUN, 0), log),
                _apply(turns, device, PushSequence(uuid.uuid4().hex, 0), log),
                _apply(turns, device, None, log),
            ),
            timeout=1,
        )
        return log

    assert sorted(asyncio.run(scenario())) == ["end -", "end 0", "end 0", "start -", "start 0", "start 0"]


def test_a_batch_whose_predecessor_never_comes_goes_ahead_after_the_patience() -> None:
    """The laptop gave up on batch 0 (its connection dropped); batch 1 is applied anyway, late."""

    async def scenario() -> tuple[list[str], float]:
        turns, device, log = PushTurns(patience=0.2), uuid.uuid4(), []
        started = time.monotonic()
        await _apply(turns, device, PushSequence(RUN, 1), log)
        waited = time.monotonic() - started
        await _apply(turns, device, PushSequence(RUN, 0), log)  # it does come after all, much later
        return log, waited

    log, waited = asyncio.run(scenario())
    assert log == ["start 1", "end 1", "start 0", "end 0"]
    assert waited >= 0.2
