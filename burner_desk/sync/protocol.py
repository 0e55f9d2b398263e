"""The sync wire protocol (DESIGN.md section 5), shared by the central server and the laptop client.

Every model is strict (no coercion, unknown keys refused) and bounded: a batch, a string, a JSON value's
depth and its arrays all have limits, so a malformed or hostile message fails validation (a 4xx on the
server, a clear error on the client) instead of reaching the database. Field values travel in the form
`storage.outbox.to_wire` gives them: UUIDs and datetimes as ISO strings, bytes as hex.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, NewType, TypeAlias

import pydantic_core
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    model_validator,
)
from typing_extensions import TypeAliasType

PROTOCOL_VERSION = 1
MAX_BODY_BYTES = 8 * 1024 * 1024  # larger request bodies get 413 before they are parsed
MAX_BATCH = 2000  # mutations per push; each batch costs a round trip, a transaction, look-ups
MAX_PAGE = 1000  # rows per changes or snapshot page
DEFAULT_PAGE = 200
MAX_FIELDS = 64  # changed fields per mutation; the widest entity has fewer columns
MAX_TEXT = 200_000  # characters in one string value (a consent signature PNG travels as hex)
MAX_ARRAY = 200  # items in one list or object inside a value (programmed contacts, scopes, team)
MAX_DEPTH = 4  # nesting of lists and objects inside a value
MAX_USERS_PER_DEVICE = 50
MAX_AUDIT_BATCH = 2000  # audit events per push (some 500 bytes each on the wire)

Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")]
# A name people read (a device's): 1 to 200 characters and no control characters but tab and newline, as
# the laptop's own forms keep them (domain.text.clean); so no NUL, which PostgreSQL text cannot hold.
_LABEL_CHARACTERS = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
Label = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_LABEL_CHARACTERS)]
EnrollmentCode = Annotated[str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Z0-9-]+$")]
MAX_CURSOR = 2**63 - 1  # the change feed's positions are 64-bit (PostgreSQL bigint, SQLite integer)
MAX_AUDIT_SEQ = MAX_CURSOR  # an audit event's position, held in the same 64 bits
Cursor = Annotated[int, Field(ge=0, le=MAX_CURSOR)]
# applied: written; duplicate: central already had exactly this (nothing written); conflict: see
# `conflicts`, central kept its values; rejected: never acceptable (`reason`), drop it; deferred: its record
# is not on central yet (a later batch overtook an earlier one) - keep it in the outbox and send it again.
# All but deferred are final and remembered: sending the same mutation again returns the same result.
MutationResultStatus = Literal["applied", "duplicate", "conflict", "rejected", "deferred"]


# A field's value on the wire: bounded JSON, checked by pydantic-core as a body is parsed (a push carries
# half a million; checked in Python afterwards, they made the parse a tenth slower): text without NUL
# (PostgreSQL text cannot hold one, and no field of the app has a use for one), finite numbers, lists
# and objects of at most MAX_ARRAY items nested at most MAX_DEPTH levels.
WireText = Annotated[str, StringConstraints(max_length=MAX_TEXT, pattern=r"^[^\x00]*$")]
_WireScalar = WireText | StrictBool | StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)] | None


def _nested_wire_value(depth: int) -> Any:
    """The type of a value `depth` levels down: lists and objects end at MAX_DEPTH. Each level is a
    named alias, so the schema holds it once rather than once per place it is used."""
    if depth == MAX_DEPTH:
        return _WireScalar
    inner = _nested_wire_value(depth + 1)
    return TypeAliasType(
        f"WireValue{depth}",
        Annotated[
            _WireScalar
            | Annotated[list[inner], Field(max_length=MAX_ARRAY)]  # type: ignore[valid-type]
            | Annotated[dict[WireText, inner], Field(max_length=MAX_ARRAY)],  # type: ignore[valid-type]
            Field(union_mode="left_to_right"),
        ],
    )


if TYPE_CHECKING:
    WireValue: TypeAlias = Any
else:
    WireValue = _nested_wire_value(0)


def is_label(text: str) -> bool:
    """Whether `text` may be a Label (for names given on central's command line)."""
    return 0 < len(text) <= 200 and re.fullmatch(_LABEL_CHARACTERS, text) is not None


def is_loopback(host: str) -> bool:
    """Plain HTTP is allowed only to this machine: central refuses to serve it elsewhere, and the laptop
    refuses to send to it."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WireModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- enrollment and devices ----------------------------------------------------------------------


class AuditSealStart(WireModel):
    """The key that seals the laptop's audit event `seq` (storage.audit_seal). Handed to central once, at
    enrollment, over the TLS connection whose key the laptop pins; the laptop keeps only later keys, so
    central can check the seal of every event from `seq` on and nobody on the laptop can forge one."""

    seq: Annotated[int, Field(ge=1, le=MAX_AUDIT_SEQ)]
    key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class EnrollRequest(WireModel):
    """A laptop exchanges a supervisor's one-time code for a device id and token. The users listed
    are the only ones the device may write as."""

    code: EnrollmentCode
    device_name: Label
    user_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=MAX_USERS_PER_DEVICE)]
    audit_seal: AuditSealStart | None = None  # None: a vault with no audit event yet


class EnrollResponse(WireModel):
    device_id: uuid.UUID
    token: str  # shown once; the server keeps only its hash


class WipeCheck(WireModel):
    """Answer to a device asking whether it has been revoked: `wipe` means crypto-erase, then confirm."""

    wipe: bool


class WipeConfirm(WireModel):
    wiped_at: AwareDatetime


class SignInNameCheck(WireModel):
    """Answer to "does another user hold this sign-in name?" (GET /v1/users/sign-in-name?name=): a
    laptop asks before it creates or renames a user, since sign-in names are unique agency-wide."""

    taken: bool


class Health(WireModel):
    status: Literal["ok"]
    protocol: int


# --- push ----------------------------------------------------------------------------------------


# A UUID in the one form laptops send (str(uuid)). A pushed mutation's ids stay text on central: they go
# into dict keys, COPY rows and answers as they came (parsed into UUIDs and formatted back, they were a
# tenth of central's work on a push).
UUID_TEXT = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # str(uuid), and no other form
WireUuid = Annotated[str, StringConstraints(pattern=f"^{UUID_TEXT}$")]


class Mutation(WireModel):
    """One outbox row (storage.outbox) plus who made the change."""

    mutation_id: WireUuid
    entity: Name
    entity_id: WireUuid
    op: Literal["insert", "update", "delete"]
    base_version: Annotated[int, Field(ge=0)]
    # field -> (old, new)
    changes: Annotated[dict[Name, tuple[WireValue, WireValue]], Field(max_length=MAX_FIELDS)]
    author_id: WireUuid  # the user who made the change; must be enrolled with the pushing device
    created_at: AwareDatetime  # when it was made on the laptop (shown with conflicts, never used to order)


class PushRequest(WireModel):
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_BATCH)]


EncodedPush = NewType("EncodedPush", bytes)  # a PushRequest's body, from push_body

# A laptop keeps several pushes in flight, and the network may deliver them out of order (each travels
# on its own connection). It numbers the batches of one push: "<run>.<position>", the run a random hex id
# and the positions 0, 1, 2, ...; central applies each batch after the one before it in its run.
PUSH_SEQUENCE_HEADER = "Push-Sequence"
_PUSH_SEQUENCE = re.compile(r"([0-9a-f]{32})\.(0|[1-9][0-9]{0,8})")


@dataclass(frozen=True)
class PushSequence:
    run: str
    position: int

    def header(self) -> str:
        return f"{self.run}.{self.position}"

    @classmethod
    def parse(cls, header: str) -> PushSequence:
        """Raises ValueError for anything but the one form `header` gives."""
        matched = _PUSH_SEQUENCE.fullmatch(header)
        if matched is None:
            raise ValueError(f"{PUSH_SEQUENCE_HEADER} must be <32 hex digits>.<position>")
        return cls(matched[1], int(matched[2]))


def encode_mutation(
    mutation_id: str,
    entity: str,
    entity_id: str,
    op: str,
    base_version: int,
    changes_json: str,
    author_id: str,
    created_at: str,
) -> str:
    """A Mutation in wire form from an outbox row in wire form (storage.sync_ledger.PendingMutation), its
    `changes` spliced in as the JSON text the laptop's outbox already holds (field -> [old, new]). A push
    sends thousands; parsing each one's changes only to encode them again was most of the laptop's share
    of it. Central validates the result as any other body, and the tests hold it equal to the model's
    own encoding."""
    return (
        f'{{"mutation_id":"{mutation_id}","entity":{json.dumps(entity)},"entity_id":"{entity_id}",'
        f'"op":{json.dumps(op)},"base_version":{int(base_version)},"changes":{changes_json},'
        f'"author_id":"{author_id}","created_at":"{created_at}"}}'
    )


def push_body(mutations: Sequence[str]) -> EncodedPush:
    """The body of a PushRequest for mutations from encode_mutation."""
    return EncodedPush(('{"mutations":[' + ",".join(mutations) + "]}").encode())


class FieldValue(WireModel):
    value: Any
    by: uuid.UUID | None
    at: datetime | None


# field: both sides changed `field` differently; central kept its value and a person picks one.
# double_issue: the phone swap names a burner phone that another encounter's open swap names (`server`'s
# value is that swap's id); name_taken: another user holds the sign-in name (`server`'s value is that
# user's id). For these two central kept the change, and a person sets the record right.
ConflictKind = Literal["field", "double_issue", "name_taken"]


class Conflict(WireModel):
    """A disagreement a person settles on the laptop (see ConflictKind)."""

    field: str
    server: FieldValue
    client: FieldValue
    kind: ConflictKind = "field"


class MutationResult(WireModel):
    mutation_id: WireUuid  # as the mutation named it, so both sides match it without parsing
    status: MutationResultStatus
    version: int | None = None  # the record's server version after this mutation
    conflicts: tuple[Conflict, ...] = ()
    reason: str = ""  # why a mutation was rejected; never echoes record content


# The reason a mutation is deferred while central waits for a supervisor to approve the device's claim of
# its author: the laptop tells its user what the wait is for.
AWAITING_APPROVAL = "this laptop's claim of the user waits for a supervisor's approval at central"


class PushResponse(WireModel):
    results: tuple[MutationResult, ...]
    cursor: Cursor  # the change feed position after this push


EncodedPushResponse = NewType("EncodedPushResponse", bytes)  # a PushResponse's body, from push_answer_body


def push_answer_body(results: Sequence[str], cursor: int) -> EncodedPushResponse:
    """The body of a PushResponse for MutationResults already in wire form."""
    return EncodedPushResponse(('{"results":[' + ",".join(results) + f'],"cursor":{int(cursor)}}}').encode())


# --- pull ----------------------------------------------------------------------------------------


class Row(WireModel):
    """A record as central holds it: every column, wire form; `deleted_at` set for a tombstone."""

    entity: str
    id: uuid.UUID
    version: int
    fields: Annotated[dict[str, WireValue], Field(max_length=MAX_FIELDS)]


class Change(WireModel):
    seq: Cursor
    row: Row


class ChangesPage(WireModel):
    """Changes with `seq > cursor`, in seq order; store `cursor` with the applied page, then ask again
    while `has_more`."""

    cursor: Cursor
    items: Annotated[tuple[Change, ...], Field(max_length=MAX_PAGE)]
    has_more: bool


class Snapshot(WireModel):
    """One page of every current record for a first sync. Pass `next_page` back until it is None,
    then pull changes from `cursor` (the same on every page of one snapshot)."""

    cursor: Cursor
    rows: Annotated[tuple[Row, ...], Field(max_length=MAX_PAGE)]
    next_page: str | None
    total: Annotated[int, Field(ge=0)] | None = None  # records in the whole snapshot, on the first page


# Central sends a first sync's 100,000s of records: its pages are encoded from plain values in one call, as
# the models above would encode them (the tests hold the two equal). A model per record cost more than
# reading the records (pydantic's model_construct per row).
EncodedPage = NewType("EncodedPage", bytes)  # a ChangesPage's or Snapshot's body
RowParts = tuple[str, uuid.UUID, int, dict[str, Any]]  # a Row's entity, id, version and fields


def _row_value(row: RowParts) -> dict[str, Any]:
    entity, record_id, version, fields = row
    return {"entity": entity, "id": record_id, "version": version, "fields": fields}


def changes_page_body(cursor: int, items: Sequence[tuple[int, RowParts]], has_more: bool) -> EncodedPage:
    """The body of a ChangesPage of (seq, row) items."""
    page = {
        "cursor": cursor,
        "items": [{"seq": seq, "row": _row_value(row)} for seq, row in items],
        "has_more": has_more,
    }
    return EncodedPage(pydantic_core.to_json(page))


def snapshot_body(
    cursor: int, rows: Sequence[RowParts], next_page: str | None, total: int | None
) -> EncodedPage:
    """The body of a Snapshot page."""
    page = {
        "cursor": cursor,
        "rows": [_row_value(row) for row in rows],
        "next_page": next_page,
        "total": total,
    }
    return EncodedPage(pydantic_core.to_json(page))


# --- audit trail ---------------------------------------------------------------------------------

AuditSeq = Annotated[int, Field(ge=1, le=MAX_AUDIT_SEQ)]
AuditHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# No control character: the chain's canonical text separates fields with one (storage.audit_seal)
_AUDIT_WORD = r"^[^\x00-\x1f\x7f]*$"


def _isoformat_of_utc(text: str) -> str:
    """The text must be the isoformat of an aware UTC time, the one form the laptop's chain covers (the
    seal is over that text: a time written another way is another event)."""
    if not text.endswith("+00:00") or datetime.fromisoformat(text).isoformat() != text:
        raise ValueError("must be the isoformat of a UTC time")
    return text


AuditTime = Annotated[str, StringConstraints(max_length=32), AfterValidator(_isoformat_of_utc)]


class AuditEventPushed(WireModel):
    """One event of a laptop's audit chain (storage.audit): ids, an action and an outcome, never a
    record's content. Central cannot check `hash` (its key is the laptop's) but checks that each event
    continues from the one before and, from the enrollment on, its `seal`."""

    seq: AuditSeq
    id: WireUuid
    at: AuditTime
    user_id: WireUuid | None
    device_id: WireUuid | None  # the laptop's own id for itself, as its events name it
    action: Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=_AUDIT_WORD)]
    entity: Annotated[str, StringConstraints(max_length=40, pattern=_AUDIT_WORD)]
    entity_id: WireUuid | None
    outcome: Annotated[str, StringConstraints(max_length=20, pattern=_AUDIT_WORD)]
    prev_hash: AuditHash
    hash: AuditHash
    seal: AuditHash | None  # None on events written before the laptop's vault had seals


class AuditPushRequest(WireModel):
    """The laptop's audit events after `after` (the position central last acknowledged), oldest first,
    and the laptop's newest event: with no events, that alone lets central see a chain that went back."""

    after: Annotated[int, Field(ge=0, le=MAX_AUDIT_SEQ)]
    events: Annotated[tuple[AuditEventPushed, ...], Field(max_length=MAX_AUDIT_BATCH)]
    head_seq: Annotated[int, Field(ge=0, le=MAX_AUDIT_SEQ)]
    head_hash: AuditHash

    @model_validator(mode="after")
    def _in_order(self) -> AuditPushRequest:
        seqs = [event.seq for event in self.events]
        if any(later <= earlier for earlier, later in itertools.pairwise([self.after, *seqs])):
            raise ValueError("events must follow `after` in increasing seq order")
        if seqs and self.head_seq < seqs[-1]:
            raise ValueError("head_seq must be at least the last event's seq")
        if not seqs and self.head_seq > self.after:
            raise ValueError("a laptop with events after `after` sends them")
        return self


# rewrite: an event central holds came back different, or the next one does not continue from it;
# truncation: the laptop's chain ends before the events central holds; gap: events are missing between
# the ones central holds and the ones pushed; seal: a seal is missing or wrong.
AuditBreakKind = Literal["rewrite", "truncation", "gap", "seal"]


class AuditBreak(WireModel):
    kind: AuditBreakKind
    seq: Annotated[int, Field(ge=0, le=MAX_AUDIT_SEQ)]  # the first event concerned
    count: Annotated[int, Field(ge=1)] = 1  # seal: how many events in this push


class AuditPushResponse(WireModel):
    """`acknowledged`: central holds this laptop's chain up to that seq as the laptop has it; the next
    push sends the events after it (lower than `after` when central needs earlier events again).
    `breaks`: what central found in this push; it kept every event all the same."""

    acknowledged: Annotated[int, Field(ge=0, le=MAX_AUDIT_SEQ)]
    breaks: Annotated[tuple[AuditBreak, ...], Field(max_length=8)] = ()
