"""Hash-chained audit log (DESIGN.md section 4).

Each event's hash is an HMAC over the previous hash and the event's canonical fields, keyed with a key
derived from the data key, so an edited, inserted or deleted event breaks the chain; `AuditHead` holds the
newest hash in the same transaction so a deleted tail shows up too. No record content goes in an event.

Since schema revision 0005 each event also carries a forward-secure seal (storage.audit_seal) made with a
key that only moves forward: central, handed that key at enrollment, finds a rewrite that the data key
alone would hide. Events written before the upgrade have no seal.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Row, Table, insert, select
from sqlalchemy.orm import Session

from burner_desk.domain.ids import new_id
from burner_desk.storage import audit_seal
from burner_desk.storage.audit_seal import GENESIS, AuditFields
from burner_desk.storage.models import AuditEvent, AuditHead, utcnow


@dataclass(frozen=True)
class AuditEntry:
    action: str
    entity: str = ""
    entity_id: uuid.UUID | None = None
    outcome: str = "ok"


class SealedEvent(NamedTuple):
    """An audit event in the form it travels to central: its fields as the chain covers them."""

    fields: AuditFields
    prev_hash: str
    hash: str
    seal: str | None


class _NewEvent(NamedTuple):
    """The columns of an event being written that its hash covers, less its seq."""

    at: datetime
    user_id: uuid.UUID | None
    device_id: uuid.UUID | None
    action: str
    entity: str
    entity_id: uuid.UUID | None
    outcome: str
    id: uuid.UUID


def _fields(seq: int, event: AuditEvent | _NewEvent | Row[Any]) -> AuditFields:
    """An event as the chain covers it: an AuditEvent, one being written, or a row of its columns."""
    return AuditFields(
        seq=seq,
        at=event.at.isoformat(),
        user_id=str(event.user_id or ""),
        device_id=str(event.device_id or ""),
        action=event.action,
        entity=event.entity,
        entity_id=str(event.entity_id or ""),
        outcome=event.outcome,
        event_id=str(event.id),
    )


def _digest(key: bytes, prev_hash: str, seq: int, event: AuditEvent) -> str:
    return hmac.new(key, audit_seal.chain_message(prev_hash, _fields(seq, event)), hashlib.sha256).hexdigest()


def append(
    session: Session,
    key: bytes,
    entries: Sequence[AuditEntry],
    *,
    user_id: uuid.UUID | None,
    device_id: uuid.UUID | None,
) -> None:
    """Chain `entries` after the head, in order: the head is read and moved once, and the events are
    written in one statement (a bedside save records six)."""
    if not entries:
        return
    head = session.get(AuditHead, 1)
    seq = 0 if head is None else head.seq
    prev = GENESIS if head is None else head.hash
    # A vault's first event starts the sealing key (an upgraded vault got one from migration 0005)
    seal_key = head.seal_key if head is not None and head.seal_key else audit_seal.new_key()
    at = utcnow()
    rows: list[dict[str, object]] = []
    for entry in entries:
        seq += 1
        event = _NewEvent(
            at, user_id, device_id, entry.action, entry.entity, entry.entity_id, entry.outcome, new_id()
        )
        message = audit_seal.chain_message(prev, _fields(seq, event))
        digest = hmac.new(key, message, hashlib.sha256).hexdigest()
        seal, seal_key = audit_seal.seal(seal_key, message, digest)
        rows.append({**event._asdict(), "seq": seq, "prev_hash": prev, "hash": digest, "seal": seal})
        prev = digest
    # One Core executemany, not ORM objects through the flush. Time-ordered ids (UUIDv7) land at the right
    # edge of the id's unique index instead of on a random page of it.
    session.execute(insert(cast(Table, AuditEvent.__table__)), rows)
    if head is None:
        session.add(AuditHead(id=1, seq=seq, hash=prev, seal_key=seal_key))
    else:
        head.seq, head.hash, head.seal_key = seq, prev, seal_key


def verify(session: Session, key: bytes) -> str | None:
    """None when the chain is intact, else a one-line reason naming the first bad event.

    Seals cannot be checked here (the keys that made them are gone: that is their point), only that no
    event after the first sealed one lost its seal."""
    prev, expected_seq, sealing = GENESIS, 1, False
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
        if event.seq != expected_seq:
            return f"audit event {expected_seq} is missing"
        if event.prev_hash != prev or not hmac.compare_digest(
            event.hash, _digest(key, prev, event.seq, event)
        ):
            return f"audit event {event.seq} ({event.action}) was altered"
        if sealing and event.seal is None:
            return f"audit event {event.seq} ({event.action}) lost its seal"
        sealing = sealing or event.seal is not None
        prev, expected_seq = event.hash, expected_seq + 1
    head = session.get(AuditHead, 1)
    last_seq = expected_seq - 1
    if head is None:
        return None if last_seq == 0 else "audit head is missing"
    if head.seq != last_seq or head.hash != prev:
        return f"audit events after {last_seq} were deleted (head says {head.seq})"
    return None


class AuditTrail:
    """The chain as the sync client reads it to push it to central."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the newest event; (0, GENESIS) before the first."""
        head = self._session.get(AuditHead, 1)
        return (0, GENESIS) if head is None else (head.seq, head.hash)

    def seal_start(self) -> tuple[int, bytes] | None:
        """(seq of the next event, the key that will seal it): what central is handed at enrollment. None
        when the vault has no sealing key yet (no event written)."""
        head = self._session.get(AuditHead, 1)
        if head is None or not head.seal_key:
            return None
        return head.seq + 1, head.seal_key

    def events_after(self, seq: int, limit: int) -> list[SealedEvent]:
        """The oldest `limit` events after `seq`, in order. Read as columns, not as ORM objects: a first
        push reads every event the laptop ever wrote, and building objects was half its cost."""
        rows = self._session.execute(
            select(*AuditEvent.__table__.columns)
            .where(AuditEvent.seq > seq)
            .order_by(AuditEvent.seq)
            .limit(limit)
        )
        return [SealedEvent(_fields(row.seq, row), row.prev_hash, row.hash, row.seal) for row in rows]
