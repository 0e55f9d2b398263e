"""Hash-chained audit log (DESIGN.md section 4).

Each event's hash is an HMAC over the previous hash and the event's canonical fields, keyed with a key
derived from the data key, so an edited, inserted or deleted event breaks the chain; `AuditHead` holds the
newest hash in the same transaction so a deleted tail shows up too. No record content goes in an event.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.storage.models import AuditEvent, AuditHead, utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    action: str
    entity: str = ""
    entity_id: uuid.UUID | None = None
    outcome: str = "ok"


def _digest(key: bytes, prev_hash: str, seq: int, event: AuditEvent) -> str:
    fields = [
        str(seq),
        event.at.isoformat(),
        str(event.user_id or ""),
        str(event.device_id or ""),
        event.action,
        event.entity,
        str(event.entity_id or ""),
        event.outcome,
        str(event.id),
    ]
    message = (prev_hash + "\x1f" + "\x1f".join(fields)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def append(
    session: Session,
    key: bytes,
    entry: AuditEntry,
    *,
    user_id: uuid.UUID | None,
    device_id: uuid.UUID | None,
    at: datetime | None = None,
) -> AuditEvent:
    head = session.get(AuditHead, 1)
    seq = 1 if head is None else head.seq + 1
    prev = GENESIS if head is None else head.hash
    event = AuditEvent(
        seq=seq,
        at=at or utcnow(),
        user_id=user_id,
        device_id=device_id,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        outcome=entry.outcome,
        prev_hash=prev,
        id=uuid.uuid4(),
    )
    event.hash = _digest(key, prev, seq, event)
    session.add(event)
    if head is None:
        session.add(AuditHead(id=1, seq=seq, hash=event.hash))
    else:
        head.seq, head.hash = seq, event.hash
    return event


def verify(session: Session, key: bytes) -> str | None:
    """None when the chain is intact, else a one-line reason naming the first bad event."""
    prev, expected_seq = GENESIS, 1
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        if event.seq != expected_seq:
            return f"audit event {expected_seq} is missing"
        if event.prev_hash != prev or not hmac.compare_digest(
            event.hash, _digest(key, prev, event.seq, event)
        ):
            return f"audit event {event.seq} ({event.action}) was altered"
        prev, expected_seq = event.hash, expected_seq + 1
    head = session.get(AuditHead, 1)
    last_seq = expected_seq - 1
    if head is None:
        return None if last_seq == 0 else "audit head is missing"
    if head.seq != last_seq or head.hash != prev:
        return f"audit events after {last_seq} were deleted (head says {head.seq})"
    return None
