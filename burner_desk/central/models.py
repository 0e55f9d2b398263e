"""Central's tables: devices and enrollment, the records every laptop syncs, the change feed, and each
laptop's audit trail.

Records are kept one row per (entity, id) with their fields as JSON, in the wire form the laptops send,
rather than one table per entity: mutations arrive out of order from many laptops (an encounter before
its person), so central must not enforce the laptop's foreign keys or unique constraints; the field
names and types are still checked against the laptop's models (central.records) before anything is kept.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Uuid,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from burner_desk.storage.models import NAMING, UTCDateTime, utcnow


class CentralBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
    }


class Device(CentralBase):
    __tablename__ = "device"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the 32-byte token
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    wiped_at: Mapped[datetime | None]
    # The treatment program's own client: sees follow-up outcomes whatever the consent (central.disclosure)
    treatment_program: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class DeviceUser(CentralBase):
    """The users a device enrolled with (or whose accounts its supervisors made since): the only ones it
    may write as. A claim of a user central already knows from another device is `pending` until a
    supervisor approves it at central (central.devices); meanwhile that user's changes wait."""

    __tablename__ = "device_user"
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    claimed_at: Mapped[datetime | None] = mapped_column(default=utcnow)  # None: before migration 0009


class EnrollmentCode(CentralBase):
    __tablename__ = "enrollment_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # the device it is meant for
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("device.id"))
    treatment_program: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AppliedMutation(CentralBase):
    """Written in the same transaction as the mutation's effect, so a replay returns the same result."""

    __tablename__ = "applied_mutation"
    # No foreign key: devices are never deleted, and a push writes thousands of these (migration 0003)
    device_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    result: Mapped[str] = mapped_column(Text)  # the MutationResult as sent, JSON
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncClock(CentralBase):
    """One row: the change feed's position. Taking the next value locks the row until commit, so seq
    order is commit order and a reader of `seq > cursor` can never skip a row (DESIGN.md section 5)."""

    __tablename__ = "sync_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class Record(CentralBase):
    __tablename__ = "record"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]]  # every column in wire form, as the laptops hold them
    # field -> {"by": user id, "at": when}, for conflict reports; the fields set when the record was
    # made share one stamp under records.INSERT_STAMP
    authors: Mapped[dict[str, Any]]
    device_id: Mapped[uuid.UUID]  # the device that created it (no foreign key: see AppliedMutation)
    updated_at: Mapped[datetime]


class Change(CentralBase):
    """The change feed: the record as it was after each change, in seq order."""

    __tablename__ = "change"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]]
    at: Mapped[datetime] = mapped_column(default=utcnow)


class CentralEvent(CentralBase):
    """Central's own audit trail: enrollment, revocation, wipes and pushes. Counts and ids only: a
    record's content never goes here."""

    __tablename__ = "central_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[uuid.UUID | None]
    detail: Mapped[dict[str, Any]]


class OutcomeConsent(CentralBase):
    """Per consent record, whether it lets police see the follow-up outcome (42 CFR Part 2) and until
    when; kept with every write of a consent, so central.disclosure looks a person up by index instead
    of reading every consent's JSON. The end date is checked as a record goes out (migration 0007)."""

    __tablename__ = "outcome_consent"
    consent_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    shares_outcome: Mapped[bool] = mapped_column(Boolean)
    expires_on: Mapped[date | None] = mapped_column(Date)


class AuditTrailEvent(CentralBase):
    """A laptop's audit event as it pushed it (central.audit_trail): ids, action, outcome, hashes and seal,
    never a record's content. Never deleted, never changed: when a laptop's chain turns out to have gone
    another way (a rewrite, a restored backup), the events it no longer has are marked `superseded_at` and
    kept beside the ones that replaced them. `flag` names what central found at this event."""

    __tablename__ = "audit_trail_event"
    __table_args__ = (
        # A device's current chain holds each position once; superseded events stay beside it
        Index(
            "uq_audit_trail_event_current",
            "device_id",
            "seq",
            unique=True,
            postgresql_where=text("superseded_at IS NULL"),
            sqlite_where=text("superseded_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    device_id: Mapped[uuid.UUID]  # central's id of the pushing device (no foreign key: see AppliedMutation)
    seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[uuid.UUID]
    at: Mapped[datetime]  # when the laptop wrote it
    user_id: Mapped[uuid.UUID | None]
    laptop_device_id: Mapped[uuid.UUID | None]  # the laptop's own id for itself, as its events name it
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None]
    outcome: Mapped[str] = mapped_column(String(20))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime]
    flag: Mapped[str | None] = mapped_column(String(20))  # rewrite, gap or seal (protocol.AuditBreakKind)
    superseded_at: Mapped[datetime | None]


class AuditTrailHead(CentralBase):
    """Per device: the newest event of its chain as central holds it, and the sealing key the laptop
    handed over at enrollment (storage.audit_seal). `ratchet_*` is that key moved forward to the next
    event expected, so checking a push's seals does not start from the enrollment's key every time."""

    __tablename__ = "audit_trail_head"
    device_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)  # 0 before the first event
    hash: Mapped[str] = mapped_column(String(64))
    sealed_from: Mapped[int | None] = mapped_column(BigInteger)  # the seq of the enrollment's key
    seal_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    ratchet_seq: Mapped[int | None] = mapped_column(BigInteger)
    ratchet_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class BurnerIssue(CentralBase):
    """Per open phone swap (its burner phone out with a survivor), the phone it names: kept with every
    write of a swap or a phone (central.contradictions), so a push finds "one burner phone issued to two
    survivors" by index instead of reading every swap's JSON. A swap leaves it when returned or deleted,
    and every swap of a phone when the phone comes back (returned, lost, retired)."""

    __tablename__ = "burner_issue"
    phone_swap_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    burner_phone_id: Mapped[uuid.UUID] = mapped_column(index=True)
    encounter_id: Mapped[uuid.UUID | None]


class SignInName(CentralBase):
    """Each live user's sign-in name, kept with every write of a user (central.contradictions): sign-in
    names are unique agency-wide, and a push finds a name another user holds by index."""

    __tablename__ = "sign_in_name"
    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
