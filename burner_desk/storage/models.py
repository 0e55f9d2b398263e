"""Typed ORM models for every entity of DESIGN.md section 3.

Synced rows share `SyncedColumns`: client-generated UUIDv7 id, UTC timestamps, author and device,
server version and a tombstone. Local bookkeeping (outbox, audit head, settings, sync state) does not.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from burner_desk.domain.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out; SQLite would otherwise hand back naive datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class SyncedColumns:
    """Columns every synced row carries (DESIGN.md section 3)."""

    __synced__: ClassVar[bool] = True
    __entity__: ClassVar[str]  # wire name of the entity, also used by audit and stats

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None]
    device_id: Mapped[uuid.UUID | None]
    version: Mapped[int] = mapped_column(default=0)  # bumped by the server only
    deleted_at: Mapped[datetime | None]


# --- people --------------------------------------------------------------------------------------


class User(SyncedColumns, Base):
    __tablename__ = "user_account"
    __entity__ = "user"
    name: Mapped[str] = mapped_column(String(80), unique=True)  # sign-in name, also the keyslot name
    display_name: Mapped[str] = mapped_column(String(200))
    badge_no: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20))
    direct_phone: Mapped[str] = mapped_column(String(20), default="")


LOCAL_NAME_MARK = "~"  # never in a sign-in name (domain.people.sign_in_name)


def local_user_name(name: str, user_id: uuid.UUID) -> str:
    """How a laptop names another laptop's user whose sign-in name a user there already holds, until a
    supervisor renames one of them (storage.sync_ledger); central knows the name without the suffix."""
    return f"{name}{LOCAL_NAME_MARK}{user_id.hex[:8]}"


def central_user_name(local_name: str) -> str:
    return local_name.split(LOCAL_NAME_MARK, 1)[0]


class Person(SyncedColumns, Base):
    __tablename__ = "person"
    __entity__ = "person"
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    jurisdiction: Mapped[str] = mapped_column(String(100))  # "alexandria" = resident


class FamilyContact(SyncedColumns, Base):
    __tablename__ = "family_contact"
    __entity__ = "family_contact"
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    consent_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)


# --- the overdose and the bedside visit ------------------------------------------------------------


class Incident(SyncedColumns, Base):
    __tablename__ = "incident"
    __entity__ = "incident"
    occurred_at: Mapped[datetime]
    address: Mapped[str] = mapped_column(String(400), default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    fatal: Mapped[bool] = mapped_column(Boolean, default=False)
    naloxone_given: Mapped[bool] = mapped_column(Boolean, default=False)
    naloxone_doses: Mapped[int] = mapped_column(Integer, default=0)
    suspected_substance: Mapped[str] = mapped_column(String(200), default="")
    responding_agency: Mapped[str] = mapped_column(String(200), default="")
    odmap_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    # Retired: migration 0015 (central 0010) moved its text into drug_intel_report records, and nothing
    # writes or shows it since. Kept so laptops not yet upgraded still push incidents central accepts;
    # central blanks it for the treatment program's devices (central.disclosure).
    drug_intel_notes: Mapped[str] = mapped_column(Text, default="")


class Encounter(SyncedColumns, Base):
    __tablename__ = "encounter"
    __entity__ = "encounter"
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incident.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    detective_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    hospital: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class DrugIntelReport(SyncedColumns, Base):
    """What a survivor told the detective about what they took (domain.drug_intel): police only, no field
    for a source's name."""

    __tablename__ = "drug_intel_report"
    __entity__ = "drug_intel_report"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incident.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(index=True)
    substance: Mapped[str] = mapped_column(String(200))
    colour: Mapped[str] = mapped_column(String(80), default="")
    stamp: Mapped[str] = mapped_column(String(80), default="")
    packaging: Mapped[str] = mapped_column(String(200), default="")
    effects: Mapped[str] = mapped_column(Text, default="")
    area_obtained: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


# --- inventory ------------------------------------------------------------------------------------


class BurnerPhone(SyncedColumns, Base):
    __tablename__ = "burner_phone"
    __entity__ = "burner_phone"
    asset_tag: Mapped[str] = mapped_column(String(40), unique=True)
    imei: Mapped[str] = mapped_column(String(15), unique=True)
    phone_number: Mapped[str] = mapped_column(String(20))
    carrier: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    programmed_contacts: Mapped[list[Any]] = mapped_column(default=list)  # [{"label", "phone"}]
    contacts_verified_at: Mapped[datetime | None]


class PhoneSwap(SyncedColumns, Base):
    __tablename__ = "phone_swap"
    __entity__ = "phone_swap"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    # indexed for the program summary's trigger on a phone's status (laptop migration 0019)
    burner_phone_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("burner_phone.id"), index=True)
    burner_issued_at: Mapped[datetime | None]
    personal_make: Mapped[str] = mapped_column(String(80), default="")
    personal_model: Mapped[str] = mapped_column(String(80), default="")
    personal_colour: Mapped[str] = mapped_column(String(40), default="")
    personal_imei: Mapped[str] = mapped_column(String(15), default="", index=True)
    personal_condition: Mapped[str] = mapped_column(String(400), default="")
    property_receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    storage_location: Mapped[str] = mapped_column(String(200), default="")
    returned_at: Mapped[datetime | None]


class CustodyEvent(SyncedColumns, Base):
    """Append-only chain of custody of the personal phone."""

    __tablename__ = "custody_event"
    __entity__ = "custody_event"
    phone_swap_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("phone_swap.id"), index=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(20))
    by_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    location: Mapped[str] = mapped_column(String(200), default="")
    received_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class RecoveryBag(SyncedColumns, Base):
    __tablename__ = "recovery_bag"
    __entity__ = "recovery_bag"
    label: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    encounter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("encounter.id"), index=True)
    issued_at: Mapped[datetime | None]


class BagItem(SyncedColumns, Base):
    __tablename__ = "bag_item"
    __entity__ = "bag_item"
    bag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recovery_bag.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    description: Mapped[str] = mapped_column(String(200), default="")
    lot: Mapped[str] = mapped_column(String(40), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)


class Handout(SyncedColumns, Base):
    __tablename__ = "handout"
    __entity__ = "handout"
    code: Mapped[str] = mapped_column(String(60))  # same material across languages
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(20))  # survivor / family
    language: Mapped[str] = mapped_column(String(8))
    edition: Mapped[str] = mapped_column(String(20), default="1")
    stock: Mapped[int] = mapped_column(Integer, default=0)


class HandoutGiven(SyncedColumns, Base):
    __tablename__ = "handout_given"
    __entity__ = "handout_given"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    handout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("handout.id"))
    family_contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("family_contact.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)


# --- consent, referral, follow-up ------------------------------------------------------------------


class Consent(SyncedColumns, Base):
    __tablename__ = "consent"
    __entity__ = "consent"
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    discloser: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    purpose: Mapped[str] = mapped_column(String(400))
    expires_on: Mapped[date | None] = mapped_column(Date)
    signed_how: Mapped[str] = mapped_column(String(20))
    form_number: Mapped[str] = mapped_column(String(40), default="")
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Resource(SyncedColumns, Base):
    __tablename__ = "resource"
    __entity__ = "resource"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # treatment / naloxone / family_support / harm_reduction
    jurisdiction: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    phone_24h: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    # Opening hours as structure (domain.opening_hours), so each printout words them in its language.
    opening_hours: Mapped[list[Any]] = mapped_column(default=list)  # the periods
    hours_notes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # a note per language
    # Free text: what records from before the structure hold (read by domain.opening_hours.parse_text),
    # and, beside the structure, its English wording for readers that predate it.
    hours: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[list[Any]] = mapped_column(default=list)
    url: Mapped[str] = mapped_column(String(400), default="")
    sample_data: Mapped[bool] = mapped_column(Boolean, default=False)


class Referral(SyncedColumns, Base):
    __tablename__ = "referral"
    __entity__ = "referral"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    resource_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("resource.id"))
    method: Mapped[str] = mapped_column(String(40))  # warm_handoff / sheet / phone
    status: Mapped[str] = mapped_column(String(20))  # made / accepted / declined


class FollowUp(SyncedColumns, Base):
    __tablename__ = "follow_up"
    __entity__ = "follow_up"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounter.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    state: Mapped[str] = mapped_column(String(20), index=True)
    closed_at: Mapped[datetime | None]


class ContactAttempt(SyncedColumns, Base):
    __tablename__ = "contact_attempt"
    __entity__ = "contact_attempt"
    follow_up_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("follow_up.id"), index=True)
    at: Mapped[datetime]
    by_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class HomeVisit(SyncedColumns, Base):
    """An Overdose Response Team visit (migration 0006 added the address and what the visit recorded)."""

    __tablename__ = "home_visit"
    __entity__ = "home_visit"
    follow_up_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("follow_up.id"), index=True)
    scheduled_for: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    # [{"name", "role"}] with a domain.followup.TeamRole; visits planned before roles were kept hold
    # plain names, which read back as members without a role.
    team_members: Mapped[list[Any]] = mapped_column(default=list)
    address: Mapped[str] = mapped_column(String(400), default="", server_default="")
    people_met: Mapped[str] = mapped_column(Text, default="", server_default="")
    naloxone_training_given: Mapped[bool] = mapped_column(Boolean, default=False)
    naloxone_trained: Mapped[str] = mapped_column(Text, default="", server_default="")  # to whom
    ride_offered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ride_to_treatment: Mapped[bool] = mapped_column(Boolean, default=False)  # given
    note: Mapped[str] = mapped_column(Text, default="")


# --- spike alerts (domain.spikes) -------------------------------------------------------------------


class SpikeThreshold(SyncedColumns, Base):
    """A supervisor's threshold for one area: one record per area on every desk (domain.ids)."""

    __tablename__ = "spike_threshold"
    __entity__ = "spike_threshold"
    area: Mapped[str] = mapped_column(String(60))
    incidents: Mapped[int | None] = mapped_column(Integer)  # None: no threshold, the baseline alone


class SpikeResponse(SyncedColumns, Base):
    """An area's spike alert acknowledged (by created_by, with a note), and its Spike Response checklist:
    one column per step, so two desks ticking different steps merge without a conflict."""

    __tablename__ = "spike_response"
    __entity__ = "spike_response"
    area: Mapped[str] = mapped_column(String(60), index=True)
    acknowledged_at: Mapped[datetime] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    incidents: Mapped[int] = mapped_column(Integer, default=0)  # in the 24 hours before acknowledged_at
    rules: Mapped[list[Any]] = mapped_column(default=list)  # domain.spikes.Rule values that fired
    public_alert: Mapped[bool] = mapped_column(Boolean, default=False)
    naloxone_outreach: Mapped[bool] = mapped_column(Boolean, default=False)
    treatment_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    detectives_briefed: Mapped[bool] = mapped_column(Boolean, default=False)


# --- co-response calls (domain.coresponse) --------------------------------------------------------


class CoResponseCall(SyncedColumns, Base):
    """An ACORP call: police and the program both see it; the clinician's notes are ClinicianNote."""

    __tablename__ = "co_response_call"
    __entity__ = "co_response_call"
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))  # ix_co_response_call_met
    called_at: Mapped[datetime] = mapped_column(index=True)
    source: Mapped[str] = mapped_column(String(20))  # domain.coresponse.CallSource
    block: Mapped[str] = mapped_column(String(200))  # block level, never a house number
    officer: Mapped[str] = mapped_column(String(200))
    officer_cit_trained: Mapped[bool] = mapped_column(Boolean, default=False)
    clinician: Mapped[str] = mapped_column(String(200))
    categories: Mapped[list[Any]] = mapped_column(default=list)  # domain.coresponse.Category values
    substances: Mapped[list[Any]] = mapped_column(default=list)  # domain.coresponse.Substance values
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str] = mapped_column(String(30))  # domain.coresponse.Disposition
    arrest_avoided: Mapped[bool] = mapped_column(Boolean, default=False)
    involuntary_avoided: Mapped[bool] = mapped_column(Boolean, default=False)
    on_scene_minutes: Mapped[int] = mapped_column(Integer, default=0)
    referral_resource_ids: Mapped[list[Any]] = mapped_column(default=list)  # resource ids as text
    amended_at: Mapped[datetime | None]  # last corrected (services.coresponse.amend_call); None: as recorded


class ClinicianNote(SyncedColumns, Base):
    """A clinician's note on a co-response call: a treatment record (42 CFR Part 2), never police's."""

    __tablename__ = "clinician_note"
    __entity__ = "clinician_note"
    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("co_response_call.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    at: Mapped[datetime]
    by_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text)
    amended_at: Mapped[datetime | None]  # last corrected by its writer; None: as written


# --- audit and sync bookkeeping -------------------------------------------------------------------


class AuditEvent(Base):
    """Append-only and hash-chained: `hash = HMAC(audit key, prev_hash + canonical fields)`; `seal` is
    the forward-secure seal central checks (storage.audit_seal), None on events from before revision 0005."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[uuid.UUID] = mapped_column(unique=True, default=new_id)
    at: Mapped[datetime]
    user_id: Mapped[uuid.UUID | None]
    device_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[uuid.UUID | None]
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The newest event's seq and hash, updated in the same transaction: a deleted tail shows up. Also the
    key that will seal the next event; the keys that sealed earlier ones are kept nowhere on the laptop."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    seal_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class OutboxMutation(Base):
    """One change waiting to be pushed to central (DESIGN.md section 5)."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(String(10))  # insert / update / delete
    base_version: Mapped[int] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column()  # field -> [old, new]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None]  # the signed-in user; None only for set-up writes before one exists


class Setting(Base):
    """Vault-wide settings a service reads (agency, device name, idle minutes, thresholds)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """The sync client's own state: server, central device id, certificate pin, feed cursor."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """Central kept its value where this laptop's differed; a person picks one (DESIGN.md section 5)."""

    __tablename__ = "sync_conflict"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    field: Mapped[str] = mapped_column(String(60))
    local_value: Mapped[dict[str, Any]] = mapped_column()  # {"value", "by", "at"}
    server_value: Mapped[dict[str, Any]] = mapped_column()
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[uuid.UUID | None]
    resolution: Mapped[str | None] = mapped_column(String(10))  # "server" or "local"
    local_mutation_id: Mapped[uuid.UUID | None]  # the pushed mutation that met the conflict
    # "field": both sides changed `field`; "refused": central refused the change; "double_issue": the
    # burner phone is also issued in another encounter; "name_taken": another user has the sign-in name
    kind: Mapped[str] = mapped_column(String(20), default="field", server_default="field")


class ParkedRow(Base):
    """A record from central that cannot be stored here yet, kept as central sent it (wire form) and
    tried again at every sync (DESIGN.md section 5a). One row per record: a newer version replaces it."""

    __tablename__ = "parked_row"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]] = mapped_column()
    # "clash": a unique value (asset tag, IMEI, label, receipt) another record here holds; "waits": a
    # record it points to is not here (or is parked itself); "unreadable": a value this app cannot read
    reason: Mapped[str] = mapped_column(String(20))
    # what it clashes with or waits for: {"entity", "id", "field"} (entity and id absent for "unreadable")
    cause: Mapped[dict[str, Any]] = mapped_column()
    parked_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_tried_at: Mapped[datetime] = mapped_column(default=utcnow)


class OdmapExported(Base):
    """Per incident, the row this desk last exported to ODMAP (its fingerprint) and when: an "only new"
    export leaves out incidents whose row is unchanged since. Local, not synced: it describes files this
    desk wrote, holds nothing about a survivor, and an export from another desk (which would not know of
    this one's) errs on the safe side, sending a row twice rather than leaving one out."""

    __tablename__ = "odmap_exported"
    incident_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[datetime]


class Draft(Base):
    """A half-finished form (the bedside wizard), kept so a lock or crash loses nothing.

    Local only: never synced, never in the outbox; the vault's encryption covers it at rest."""

    __tablename__ = "draft"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProgramSummary(Base):
    """Each live encounter's flat row of the program's figures (storage.program_queries; domain.metrics
    EncounterRow), times as Unix seconds. Worked out by SQL alone (storage.program_summary), for the
    encounters SQLite's triggers noted as stale, before the figures read it; local, never synced. One row
    per live phone swap and follow-up of the encounter (one each, as a rule)."""

    __tablename__ = "program_summary"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(index=True)
    started_at: Mapped[int] = mapped_column(Integer)
    jurisdiction: Mapped[str] = mapped_column(String(100))
    consent_declined: Mapped[bool] = mapped_column(Boolean)  # at this encounter
    phone_issued: Mapped[bool] = mapped_column(Boolean)
    phone_status: Mapped[str] = mapped_column(String(20))  # "" when none was issued
    bags: Mapped[int] = mapped_column(Integer)
    naloxone_kits: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[int | None] = mapped_column(Integer)  # the follow-up's (none: no follow-up)
    state: Mapped[str | None] = mapped_column(String(20))
    # The latest end (expires_on) of the survivor's live, unrevoked consents that share the treatment
    # outcome with police ("9999-12-31": no end; none: NULL). Whether one is in force depends on the day
    # the figures are read: the query compares it with that day.
    outcome_shared_until: Mapped[str | None] = mapped_column(String(10))
    # First attempts that reached the survivor, and of them the survivor's calls: any attempt's, and
    # police's own (domain.disclosure.program_record_shown)
    first_reached_at: Mapped[int | None] = mapped_column(Integer)
    first_called_in_at: Mapped[int | None] = mapped_column(Integer)
    own_first_reached_at: Mapped[int | None] = mapped_column(Integer)
    own_first_called_in_at: Mapped[int | None] = mapped_column(Integer)
    intake_recorded: Mapped[bool] = mapped_column(Boolean)
    treatment_recorded: Mapped[bool] = mapped_column(Boolean)
    first_visit_at: Mapped[int | None] = mapped_column(Integer)
    own_first_visit_at: Mapped[int | None] = mapped_column(Integer)


class ProgramSummaryStale(Base):
    """Encounters written since their summary row was worked out: SQLite's triggers note them
    (storage.program_summary), the figures' next read works them out again and empties this."""

    __tablename__ = "program_summary_stale"
    encounter_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


# A period's summary rows with every column, in start-time order: the figures read this index alone.
Index(
    "ix_program_summary_figures",
    *(column for column in ProgramSummary.__table__.columns if column.name not in {"id", "encounter_id"}),
)
Index("ix_person_name", Person.family_name, Person.given_name)
Index("ix_person_phone", Person.phone)
# Live encounters by when they began: the newest first (Today), a period's (the Program view), and their
# count, all without reading the table; tombstones stay out of it.
Index("ix_encounter_live_started", Encounter.started_at, sqlite_where=Encounter.deleted_at.is_(None))
Index("ix_incident_occurred", Incident.occurred_at)  # spike alerts read the last ten days
# A follow-up's attempts and visits with every column the program's figures read (tombstones too: SQLite
# reads a partial index's condition from the table): working out an encounter's program summary reads
# neither table (storage.program_summary; laptop migration 0017).
Index(
    "ix_contact_attempt_figures",
    ContactAttempt.follow_up_id,
    ContactAttempt.at,
    ContactAttempt.outcome,
    ContactAttempt.channel,
    ContactAttempt.by_user_id,
    ContactAttempt.deleted_at,
)
Index(
    "ix_home_visit_figures",
    HomeVisit.follow_up_id,
    HomeVisit.done_at,
    HomeVisit.created_by,
    HomeVisit.deleted_at,
)
# The people met on co-response calls, with each call's time and tombstone: the Cases search reads them
# from this index alone (storage.repositories.CoResponse.people_on_calls; laptop migration 0020).
Index(
    "ix_co_response_call_met", CoResponseCall.person_id, CoResponseCall.called_at, CoResponseCall.deleted_at
)

SYNCED_MODELS: tuple[type[SyncedColumns], ...] = tuple(
    mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, SyncedColumns)
)
