"""Each laptop's audit trail at central: pushed after every sync, kept append-only, checked as it comes.

A laptop sends its audit events (storage.audit) from the position central acknowledged last. Central
keeps each device's chain and checks that every push continues it:

- an event central already holds comes back the same (a resend after a lost answer: skipped), or it is
  a *rewrite*: the laptop's chain went another way from there on;
- the first new event continues from the newest one central holds (prev_hash is its hash; else a
  *rewrite* further back), and no position is skipped (else a *gap*);
- the laptop's newest event is not older than central's newest (else a *truncation*);
- from the enrollment on, each event's seal verifies with the key the laptop handed over then
  (storage.audit_seal; else *seal*). Events from before the enrollment are checked for continuity only.

Every break is written to central's own trail (`burner-desk-central events`, action `audit.break`) and
named in the answer, and the laptop's events are kept all the same: refusing them would lose the newer
events, which are evidence too. The events central holds that the laptop's chain no longer has are
marked superseded, never deleted, and the laptop's own become its chain, so the next push is checked
against what the laptop has now. When the first event pushed does not continue from the one before it
that central holds, central cannot tell how far back the laptop's chain left its own: it asks for the
chain again from the start (acknowledged 0) and names the exact event as the resent ones come.

Nothing here deletes a row: central keeps every laptop's trail (at least a year, CJIS).
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.db import insert_rows
from burner_desk.central.devices import AuthenticatedDevice, record_event
from burner_desk.central.models import AuditTrailEvent, AuditTrailHead
from burner_desk.storage import audit_seal
from burner_desk.storage.audit_seal import GENESIS, AuditFields
from burner_desk.storage.models import utcnow
from burner_desk.sync.protocol import (
    AuditBreak,
    AuditBreakKind,
    AuditEventPushed,
    AuditPushRequest,
    AuditPushResponse,
    AuditSealStart,
)

# Key steps one push may spend checking seals (some 5 µs each): a push moves its device's key forward by
# its own events, a laptop gone back to an earlier state of itself by as many as it went back. A push
# that jumps further (a gap of millions) is flagged as a gap; its seals past the budget go unchecked.
SEAL_STEP_BUDGET = 250_000


def start(sessions: sessionmaker[Session], device_id: uuid.UUID, seal: AuditSealStart | None) -> None:
    """A newly enrolled device's trail: empty, checked with the sealing key its laptop handed over."""
    with sessions() as session, session.begin():
        head = AuditTrailHead(device_id=device_id, seq=0, hash=GENESIS)
        if seal is not None:
            head.sealed_from = head.ratchet_seq = seal.seq
            head.seal_key = head.ratchet_key = bytes.fromhex(seal.key)
            record_event(session, "audit.sealed", device_id, from_seq=seal.seq)
        session.add(head)


def push(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, request: AuditPushRequest
) -> AuditPushResponse:
    with sessions() as session, session.begin():
        return _Push(session, device.id, request).run()


def _fields(event: AuditEventPushed) -> AuditFields:
    return AuditFields(
        seq=event.seq,
        at=event.at,
        user_id=event.user_id or "",
        device_id=event.device_id or "",
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id or "",
        outcome=event.outcome,
        event_id=event.id,
    )


HeldEvent = tuple[AuditFields, str, str, str | None]  # fields, prev_hash, hash, seal


def _held_event(row: AuditTrailEvent) -> HeldEvent:
    """An event central holds, in the form it came: to tell a resend from a rewrite."""

    def text(value: uuid.UUID | None) -> str:
        return "" if value is None else str(value)

    fields = AuditFields(
        seq=row.seq,
        at=row.at.isoformat(),
        user_id=text(row.user_id),
        device_id=text(row.laptop_device_id),
        action=row.action,
        entity=row.entity,
        entity_id=text(row.entity_id),
        outcome=row.outcome,
        event_id=str(row.event_id),
    )
    return fields, row.prev_hash, row.hash, row.seal


def _pushed_event(event: AuditEventPushed) -> HeldEvent:
    return _fields(event), event.prev_hash, event.hash, event.seal


@dataclass
class _Found:
    """A kind of break found in one push: where first, the first one's details, and how many."""

    seq: int
    detail: dict[str, Any]
    count: int = 1


class _AskAgain(Exception):
    """The laptop's chain left central's at or before `seq`, and where is not known yet."""

    def __init__(self, seq: int) -> None:
        super().__init__(seq)
        self.seq = seq


@dataclass(slots=True)
class _Head:
    """A device's AuditTrailHead as plain values while a push moves it, event by event (the ORM's
    attribute bookkeeping was a third of central's work on a push), written back once at the end."""

    seq: int
    hash: str
    sealed_from: int | None
    seal_key: bytes | None
    ratchet_seq: int | None
    ratchet_key: bytes | None

    @classmethod
    def of(cls, row: AuditTrailHead) -> _Head:
        return cls(row.seq, row.hash, row.sealed_from, row.seal_key, row.ratchet_seq, row.ratchet_key)

    def save(self, row: AuditTrailHead) -> None:
        row.seq, row.hash = self.seq, self.hash
        row.ratchet_seq, row.ratchet_key = self.ratchet_seq, self.ratchet_key


class _Push:
    """One push of one device's audit events, checked and kept in one transaction."""

    def __init__(self, session: Session, device_id: uuid.UUID, request: AuditPushRequest) -> None:
        self._session = session
        self._device_id = device_id
        self._request = request
        self._now = utcnow()
        self._head_row = self._locked_head()
        self._head = _Head.of(self._head_row)
        self._rows: list[dict[str, Any]] = []
        # One entry per kind, however often it occurs in a push: a hostile push of 2,000 broken events
        # makes one line in central's trail, not 2,000
        self._found: dict[AuditBreakKind, _Found] = {}
        self._duplicates = 0
        self._seal_steps = 0

    def run(self) -> AuditPushResponse:
        request, head = self._request, self._head
        if request.after > head.seq:
            # Central holds fewer of this laptop's events than it once acknowledged (its database was
            # restored from a backup?): the laptop sends them again from central's newest.
            return AuditPushResponse(acknowledged=head.seq)
        reached = request.events[-1].seq if request.events else request.head_seq
        try:
            self._take_events()
            if request.head_seq == reached:  # this push reaches the laptop's newest event
                newest = request.events[-1].hash if request.events else request.head_hash
                self._check_newest(request.head_seq, newest)
        except _AskAgain as asked:
            # Nothing of this push is kept (it holds nothing new: the events central cannot place are
            # resent); the break is on the trail at once, in case the laptop never sends again.
            self._rows.clear()
            self._found.clear()
            self._flag("rewrite", asked.seq, located=False)
            return self._answer(0)
        return self._answer(min(reached, head.seq))

    def _take_events(self) -> None:
        request, head = self._request, self._head
        anchor, held = self._held(
            request.after, min(head.seq, request.events[-1].seq if request.events else 0)
        )
        for position, event in enumerate(request.events):
            # The first event does not continue from central's copy of the one before it: the chains
            # parted at or before that one, and central must see earlier events to tell where
            parted_before = position == 0 and request.after > 0 and event.prev_hash != anchor
            if event.seq <= head.seq:
                if held.get(event.seq) == _pushed_event(event):
                    self._duplicates += 1
                    continue
                if parted_before:
                    raise _AskAgain(request.after)
                # The same chain up to the event before, another one from here: edited and chained again,
                # or the laptop went back to an earlier state of itself (a restored backup)
                self._supersede(from_seq=event.seq)
                self._append(event, "rewrite")
            elif event.seq > head.seq + 1:
                self._append(event, "gap")
            elif event.prev_hash == head.hash:
                self._append(event, None)
            elif parted_before:
                raise _AskAgain(request.after)
            else:
                self._append(event, "rewrite")  # the laptop's own chain breaks here

    # --- what central holds -------------------------------------------------------------------

    def _locked_head(self) -> AuditTrailHead:
        """The device's head, locked until commit: two pushes of one device are checked one at a time.
        Made here for a device enrolled before central kept audit trails (continuity only)."""
        head = self._session.get(AuditTrailHead, self._device_id, with_for_update=True)
        if head is not None:
            return head
        try:
            with self._session.begin_nested():
                self._session.add(AuditTrailHead(device_id=self._device_id, seq=0, hash=GENESIS))
        except IntegrityError:
            pass  # another request made it meanwhile
        head = self._session.get(
            AuditTrailHead, self._device_id, with_for_update=True, populate_existing=True
        )
        assert head is not None
        return head

    def _held(self, low: int, high: int) -> tuple[str | None, dict[int, HeldEvent]]:
        """The hash of the event at `low` in the device's current chain (GENESIS before the first, None
        if central lacks it), and its events after `low` up to `high`."""
        if low == 0 and high < 1:
            return GENESIS, {}
        if low >= high and low == self._head.seq:  # the usual push: new events after central's newest
            return self._head.hash, {}
        rows = self._session.execute(
            select(AuditTrailEvent).where(
                AuditTrailEvent.device_id == self._device_id,
                AuditTrailEvent.superseded_at.is_(None),
                AuditTrailEvent.seq.between(low, max(low, high)),
            )
        ).scalars()
        events = {row.seq: row for row in rows}
        at_low = GENESIS if low == 0 else events[low].hash if low in events else None
        return at_low, {seq: _held_event(row) for seq, row in events.items() if seq > low}

    def _supersede(self, *, from_seq: int) -> None:
        """The device's events from `from_seq` on are no longer its laptop's chain: kept, marked."""
        self._session.execute(
            update(AuditTrailEvent)
            .where(
                AuditTrailEvent.device_id == self._device_id,
                AuditTrailEvent.superseded_at.is_(None),
                AuditTrailEvent.seq >= from_seq,
            )
            .values(superseded_at=self._now)
        )

    # --- checks -------------------------------------------------------------------------------

    def _append(self, event: AuditEventPushed, flag: AuditBreakKind | None) -> None:
        seal_ok = self._seal_ok(event)
        if flag == "rewrite":
            # A good seal on the new event: the laptop went back to an earlier state of itself
            self._flag("rewrite", event.seq, located=True, sealed=seal_ok)
        elif flag == "gap":
            self._flag("gap", self._head.seq + 1, missing=event.seq - self._head.seq - 1)
        if seal_ok is False:
            self._flag("seal", event.seq)
        self._rows.append(
            {
                "device_id": self._device_id,
                "seq": event.seq,
                "event_id": event.id,
                "at": datetime.fromisoformat(event.at),
                "user_id": event.user_id,
                "laptop_device_id": event.device_id,
                "action": event.action,
                "entity": event.entity,
                "entity_id": event.entity_id,
                "outcome": event.outcome,
                "prev_hash": event.prev_hash,
                "hash": event.hash,
                "seal": event.seal,
                "received_at": self._now,
                "flag": flag or ("seal" if seal_ok is False else None),
                "superseded_at": None,
            }
        )
        self._head.seq, self._head.hash = event.seq, event.hash

    def _seal_ok(self, event: AuditEventPushed) -> bool | None:
        """Whether the event's seal is the one its laptop's key makes; None when it cannot be checked
        (an event from before the enrollment, a device that handed over no key, or past the budget)."""
        head = self._head
        if head.sealed_from is None or head.seal_key is None or event.seq < head.sealed_from:
            return None
        if head.ratchet_seq is not None and head.ratchet_key is not None and head.ratchet_seq <= event.seq:
            key, steps = head.ratchet_key, event.seq - head.ratchet_seq
        else:
            key, steps = head.seal_key, event.seq - head.sealed_from
        self._seal_steps += steps + 1
        if self._seal_steps > SEAL_STEP_BUDGET:
            return None
        message = audit_seal.chain_message(event.prev_hash, _fields(event))
        expected, head.ratchet_key = audit_seal.seal(audit_seal.advance(key, steps), message, event.hash)
        head.ratchet_seq = event.seq + 1
        return event.seal is not None and hmac.compare_digest(event.seal, expected)

    def _check_newest(self, laptop_seq: int, laptop_hash: str) -> None:
        """The laptop's newest event must be one central holds as it is: if it is central's newest, all
        is well; if an older one, the laptop's chain ends there now (a truncation: central's later events
        are superseded); if central holds another event there, the chains parted at or before it."""
        if laptop_seq > self._head.seq:
            return  # newer than anything central holds: the events pushed were checked on the way
        if self._held(laptop_seq, laptop_seq)[0] != laptop_hash:
            raise _AskAgain(laptop_seq)
        if laptop_seq < self._head.seq:
            self._flag("truncation", laptop_seq + 1, dropped=self._head.seq - laptop_seq)
            self._supersede(from_seq=laptop_seq + 1)
            self._head.seq, self._head.hash = laptop_seq, laptop_hash

    def _flag(self, kind: AuditBreakKind, seq: int, **detail: Any) -> None:
        found = self._found.get(kind)
        if found is None:
            self._found[kind] = _Found(seq, detail)
        else:
            found.count += 1

    def _answer(self, acknowledged: int) -> AuditPushResponse:
        for kind, found in self._found.items():
            count = {"count": found.count} if found.count > 1 else {}
            record_event(
                self._session,
                "audit.break",
                self._device_id,
                kind=kind,
                seq=found.seq,
                **count,
                **found.detail,
            )
        self._head.save(self._head_row)
        insert_rows(self._session, AuditTrailEvent, self._rows)
        if self._rows or self._duplicates:
            record_event(
                self._session,
                "audit.push",
                self._device_id,
                events=len(self._rows),
                duplicates=self._duplicates,
                first_seq=self._rows[0]["seq"] if self._rows else None,
                last_seq=self._rows[-1]["seq"] if self._rows else None,
                head_seq=self._head.seq,
            )
        breaks = tuple(AuditBreak(kind=kind, seq=f.seq, count=f.count) for kind, f in self._found.items())
        return AuditPushResponse(acknowledged=acknowledged, breaks=breaks)
