"""This laptop's audit trail to central, at every sync after the outbox (DESIGN.md section 5a), and once
more before a revoked laptop is erased.

The events after the position central acknowledged last go in batches; central's answer to each names
the position it holds now, stored here (state.AUDIT_ACKNOWLEDGED) in its own transaction, so an
interrupted push sends the rest next time and central skips what it already has. Central checks that the
chain continues from what it holds and, from the enrollment on, each event's seal (central.audit_trail);
a break it finds is named in the answer, kept here for the Sync view (supervisors) and counted in the
sync report. Central may also ask for events again from an earlier position: when its copy ends before
what it acknowledged (its database restored), or to find where this laptop's chain left the one it holds.

An event this laptop cannot send (one edited outside the app, with a character no event of the app
holds) stops the audit push there and is noted as a break here; the records still sync.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pydantic import ValidationError

from burner_desk.storage.audit import SealedEvent
from burner_desk.storage.uow import Transaction, UnitOfWork
from burner_desk.sync import protocol
from burner_desk.sync.progress import Progress, SyncProgress, no_progress
from burner_desk.sync.state import AUDIT_ACKNOWLEDGED, RunDb, put_break
from burner_desk.sync.transport import BadCentralAnswer, CentralClient

BATCH = protocol.MAX_AUDIT_BATCH
_GOING_BACK = 2  # central may ask for earlier events this often in one sync (restored, then located)


def seal_start(tx: Transaction) -> protocol.AuditSealStart | None:
    """What central is handed at enrollment: the key that seals this laptop's next audit event."""
    start = tx.audit.seal_start()
    if start is None:
        return None
    seq, key = start
    return protocol.AuditSealStart(seq=seq, key=key.hex())


def push_trail(
    client: CentralClient, uow: UnitOfWork, run_db: RunDb[Any], report: Progress = no_progress
) -> int:
    """Send the audit events central does not hold yet; returns how many breaks central found. Reports
    progress as events central holds out of those it lacked at the start."""
    breaks = 0
    went_back = 0
    started_after: int | None = None
    while True:
        request, unsendable = run_db(partial(_next_batch, uow))
        if request is None:
            if unsendable is not None:
                run_db(partial(_note_break, uow, ("unsendable",), unsendable))
                breaks += 1
            return breaks
        if started_after is None:
            started_after = request.after
            report(SyncProgress("audit", 0, max(request.head_seq - started_after, 0)))
        answer = client.audit_push(request)
        reached = request.events[-1].seq if request.events else request.head_seq
        if answer.acknowledged > reached or (request.events and answer.acknowledged == request.after):
            raise BadCentralAnswer(
                "Central's answer to this laptop's audit trail does not match what was sent. Nothing was "
                "marked as sent; the next sync sends it again."
            )
        going_back = answer.acknowledged < request.after
        went_back += going_back
        if went_back > _GOING_BACK:
            raise BadCentralAnswer(
                "Central keeps asking for this laptop's earlier audit events again. Nothing is lost; "
                "tell IT if the next sync says so again."
            )
        run_db(partial(_store_answer, uow, answer))
        breaks += len(answer.breaks)
        total = max(request.head_seq - started_after, 0)
        report(SyncProgress("audit", min(max(answer.acknowledged - started_after, 0), total), total))
        if not going_back and answer.acknowledged >= request.head_seq:
            return breaks


def _next_batch(uow: UnitOfWork) -> tuple[protocol.AuditPushRequest | None, int | None]:
    """The next push, and the seq of an event that cannot be sent if the batch stops before one; no
    push when that is the first event to send."""
    with uow.begin() as tx:
        after = int(tx.sync.state(AUDIT_ACKNOWLEDGED) or 0)
        # With nothing new, the push still tells central this laptop's newest event: a chain that went
        # back shows that way (it has no events to send)
        head_seq, head_hash = tx.audit.head()
        stored = tx.audit.events_after(after, BATCH)
    events: list[protocol.AuditEventPushed] = []
    unsendable = None
    for event in stored:
        try:
            events.append(_wire(event))
        except ValidationError:
            unsendable = event.fields.seq
            break
    if unsendable is not None and not events:
        return None, unsendable
    try:
        request = protocol.AuditPushRequest(
            after=after, events=tuple(events), head_seq=head_seq, head_hash=head_hash
        )
    except ValidationError:  # the chain's head no longer fits its events: changed outside the app
        return None, after + 1
    return request, unsendable


def _wire(event: SealedEvent) -> protocol.AuditEventPushed:
    fields = event.fields
    return protocol.AuditEventPushed(
        seq=fields.seq,
        id=fields.event_id,
        at=fields.at,
        user_id=fields.user_id or None,
        device_id=fields.device_id or None,
        action=fields.action,
        entity=fields.entity,
        entity_id=fields.entity_id or None,
        outcome=fields.outcome,
        prev_hash=event.prev_hash,
        hash=event.hash,
        seal=event.seal,
    )


def _store_answer(uow: UnitOfWork, answer: protocol.AuditPushResponse) -> None:
    with uow.begin() as tx:
        tx.sync.put_state(AUDIT_ACKNOWLEDGED, str(answer.acknowledged))
        if answer.breaks:
            put_break(tx, tuple(dict.fromkeys(b.kind for b in answer.breaks)), answer.breaks[0].seq)


def _note_break(uow: UnitOfWork, kinds: tuple[str, ...], seq: int) -> None:
    with uow.begin() as tx:
        put_break(tx, kinds, seq)
