"""This laptop's outbox up to central (DESIGN.md section 5).

The outbox goes oldest first, in batches; central's answers are stored and the acknowledged outbox rows
deleted in one transaction. A dropped connection leaves the rows to be sent again; central answers a
replay with the result it gave the first time, so nothing is applied twice. Several batches are in
flight at once, numbered so that central applies them in order (protocol.PushSequence,
central.push_turns).
"""

from __future__ import annotations

import itertools
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from burner_desk.storage.sync_ledger import PendingMutation
from burner_desk.storage.uow import UnitOfWork
from burner_desk.sync import protocol
from burner_desk.sync.conflicts import conflict_row, refusal_row
from burner_desk.sync.progress import Progress, SyncProgress, Tally
from burner_desk.sync.state import RunDb
from burner_desk.sync.transport import BadCentralAnswer, CentralClient

PUSH_BUDGET_BYTES = 6 * 1024 * 1024  # under central's 8 MiB request limit, with room for the envelope
_ENVELOPE_BYTES = 400  # a mutation's ids, kind, author and time on the wire, around its changes
_FIRST_BATCH = 250  # mutations in a push's first batch (then protocol.MAX_BATCH): answered in a blink
_PUSHES_IN_FLIGHT = 3  # one applied by central while the next ones travel; central takes them in turn


@dataclass(frozen=True)
class _Batch:
    pending: list[PendingMutation]  # each with its author
    body: protocol.EncodedPush
    last_seq: int  # the outbox position of the last one: the next batch starts after it


def _next_batch(uow: UnitOfWork, after: int, fallback_author: str, limit: int) -> _Batch:
    """The oldest outbox rows after outbox position `after`, up to the batch and byte limits, encoded for
    the wire as they were stored."""
    with uow.begin() as tx:
        rows = tx.sync.pending(after, limit)
    pending: list[PendingMutation] = []
    encoded: list[str] = []
    size = 0
    for row in rows:
        size += len(row.changes_json) + _ENVELOPE_BYTES
        if pending and size > PUSH_BUDGET_BYTES:
            break
        author = row.author_id
        if author is None:  # only for writes made at set-up, before any user
            author = fallback_author
            row = row._replace(author_id=author)
        pending.append(row)
        encoded.append(
            protocol.encode_mutation(
                row.mutation_id,
                row.entity,
                row.entity_id,
                row.op,
                row.base_version,
                row.changes_json,
                author,
                row.created_at,
            )
        )
        after = row.seq
    return _Batch(pending, protocol.push_body(encoded), after)


def push(
    client: CentralClient,
    uow: UnitOfWork,
    run_db: RunDb[Any],
    report: Progress,
    tally: Tally,
    fallback_author: str,
) -> int:
    """Send the whole outbox; returns central's feed position after the last batch (0 if none sent).

    Batches go in outbox order, several in flight: while central applies one, the next ones are already
    on their way, and the laptop stores the answer to the one before. Central applies them one at a
    time in the order sent (protocol.PushSequence), whatever order they arrive in. A mutation central
    defers (its record is not there yet: another laptop's, still to come) is sent once more after the
    rest; deferred again, it stays in the outbox for the next sync."""
    total = run_db(lambda: _pending_count(uow))
    fallback = str(uuid.UUID(fallback_author))  # in wire form, whatever form the setting holds
    sent = 0
    report(SyncProgress("push", 0, total))

    def answered(count: int) -> None:
        nonlocal sent
        sent += count
        report(SyncProgress("push", min(sent, total), total))

    feed_end, deferred = _push_pass(client, uow, run_db, tally, fallback, answered)
    if deferred:
        feed_end = max(feed_end, _push_pass(client, uow, run_db, tally, fallback, answered)[0])
    return feed_end


def _push_pass(
    client: CentralClient,
    uow: UnitOfWork,
    run_db: RunDb[Any],
    tally: Tally,
    fallback: str,
    answered: Callable[[int], None],
) -> tuple[int, bool]:
    """Send the outbox once through; returns central's feed position after it and whether central
    deferred any mutation."""
    feed_end = 0
    deferred = False
    after = 0  # the outbox position of the last mutation sent
    run = uuid.uuid4().hex  # central applies this pass's batches in the order of their positions
    positions = itertools.count()
    in_flight: deque[tuple[_Batch, Future[protocol.PushResponse]]] = deque()
    sender = ThreadPoolExecutor(max_workers=_PUSHES_IN_FLIGHT, thread_name_prefix="burner-desk-push")
    try:
        while True:
            while len(in_flight) < _PUSHES_IN_FLIGHT:
                # The first batch is small, so central has work while the laptop reads the next ones
                limit = min(_FIRST_BATCH, protocol.MAX_BATCH) if after == 0 else protocol.MAX_BATCH
                batch = run_db(partial(_next_batch, uow, after, fallback, limit))
                if not batch.pending:
                    break
                sequence = protocol.PushSequence(run, next(positions))
                in_flight.append((batch, sender.submit(client.push, batch.body, sequence)))
                after = batch.last_seq
            if not in_flight:
                return feed_end, deferred
            batch, answering = in_flight.popleft()
            answer = answering.result()
            _check_push_answer(batch.pending, answer)
            deferred |= run_db(partial(_store_push_results, uow, batch.pending, answer, tally)) > 0
            feed_end = max(feed_end, answer.cursor)
            answered(len(batch.pending))
    finally:
        # After a failure the batches still in flight are not waited for: their answers are not stored,
        # so what they carry stays in the outbox for the next sync (central answers a replay as before).
        sender.shutdown(wait=False, cancel_futures=True)


def _pending_count(uow: UnitOfWork) -> int:
    with uow.begin() as tx:
        return tx.sync.pending_count()


def _check_push_answer(batch: list[PendingMutation], answer: protocol.PushResponse) -> None:
    # One answer per mutation sent, none twice (a batch's ids are unique): compared as sets of the wire
    # text, since sorting thousands of UUIDs compares them in Python, a third of the laptop's time in a push.
    sent = {mutation.mutation_id for mutation in batch}
    answered = [result.mutation_id for result in answer.results]
    if len(answered) != len(sent) or set(answered) != sent:
        raise BadCentralAnswer(
            "Central's answer to a push does not match what was sent. Nothing was marked as sent; "
            "the next sync sends it again."
        )


def _store_push_results(
    uow: UnitOfWork, batch: list[PendingMutation], answer: protocol.PushResponse, tally: Tally
) -> int:
    """Keep central's answers and drop what it has for good from the outbox; returns how many it
    deferred (they stay)."""
    by_id = {mutation.mutation_id: mutation for mutation in batch}
    with uow.begin() as tx:
        done: list[int] = []  # outbox positions
        for result in answer.results:
            if result.status == "deferred":
                tally.awaiting_approval |= result.reason == protocol.AWAITING_APPROVAL
                continue
            mutation = by_id[result.mutation_id]
            done.append(mutation.seq)
            if result.status in ("applied", "duplicate"):
                tally.pushed += 1
            elif result.status == "conflict":
                tally.pushed += 1
                for conflict in result.conflicts:
                    tx.sync.add_conflict(conflict_row(mutation, conflict))
                    tally.conflicts += 1
            else:  # rejected: kept for a person to see, never silently dropped
                tx.sync.add_conflict(refusal_row(mutation, result.reason))
                tally.rejected += 1
                tally.conflicts += 1
        tx.sync.acknowledge(done)
    return len(answer.results) - len(done)
