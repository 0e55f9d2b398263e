"""What central accepts for each kind of record, and how a mutation merges into what it holds.

The schema is the laptop's own (storage.models): a field central does not know, or a value of the wrong
type or length, rejects the mutation before anything is written. The merge rules are DESIGN.md section 5:
events are append-only, case fields merge three-way, follow-up state only moves forward, deletes are
tombstones and an edit after a delete is a conflict. An insert of a record central holds already merges
by `REINSERT_RULES` below (section 5a: two laptops' copies of one physical thing).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Float, Integer, String, Uuid

from burner_desk.domain.followup import TERMINAL
from burner_desk.domain.inventory import BagStatus, PhoneStatus
from burner_desk.domain.permissions import NEVER, TABLE
from burner_desk.storage.models import SYNCED_MODELS, Base
from burner_desk.storage.outbox import text_parser
from burner_desk.sync.protocol import UUID_TEXT, Conflict, FieldValue, Mutation

# Audit events are not records: they come by their own push (central.audit_trail), and the change feed,
# which goes to every laptop, must never carry one laptop's trail to the others.
_MODELS: dict[str, type[Any]] = {model.__entity__: model for model in SYNCED_MODELS}
ENTITIES = frozenset(_MODELS)
# Parents before children (the laptop's foreign keys): a first sync can store each snapshot page as it
# comes, because no page holds a record whose parent is still to come.
ENTITY_ORDER: tuple[str, ...] = tuple(
    entity
    for table in Base.metadata.sorted_tables
    for entity, model in _MODELS.items()
    if model.__table__ is table
)
# Records nobody changes once made (domain.permissions' NEVER): corrected with a new record.
APPEND_ONLY = frozenset(entity for entity, (_add, change, _remove) in TABLE.items() if change is NEVER)
SERVER_FIELDS = frozenset({"version", "updated_at", "device_id"})  # central stamps these itself
FOLLOW_UP_STATE = ("follow_up", "state")

# --- an insert of a record central holds already -------------------------------------------------
# Physical things have one id on every laptop (domain.ids): two laptops that imported the same stock
# both insert the same burner phone, bag and bag items. The second insert merges into central's record,
# field by field:
#   - provenance (created_at, created_by): central's stays, whoever imported the thing first;
#   - lifecycle fields the insert carries at their initial value (below): central's later value stays
#     (the phone issued meanwhile, its contacts checked; the bag issued in an encounter);
#   - any other field that differs (phone number, carrier, asset tag, an item's lot or quantity, a
#     tombstone) is a real contradiction: central keeps its value, and a person settles the conflict.
# Any other kind of record inserted twice (a batch sent again by another route) follows the same rule
# with no lifecycle fields; an append-only event is simply there already.
PROVENANCE = frozenset({"created_at", "created_by"})
INITIAL_VALUES: dict[str, dict[str, Any]] = {
    "burner_phone": {"status": PhoneStatus.IN_STOCK.value, "contacts_verified_at": None},
    "recovery_bag": {"status": BagStatus.ASSEMBLED.value, "encounter_id": None, "issued_at": None},
}


def reinsert_conflicts(entity: str, inserted: dict[str, Any], held: dict[str, Any]) -> list[str]:
    """The fields of a record inserted again (`inserted`: field -> value) that contradict what central
    holds (`held`), by the rule above."""
    if entity in APPEND_ONLY:
        return []
    initial = INITIAL_VALUES.get(entity, {})
    return [
        name
        for name, value in inserted.items()
        if name not in SERVER_FIELDS
        and name not in PROVENANCE
        and held.get(name) != value
        and not (name in initial and value == initial[name])
    ]


# A record's authors: field -> {"by": user id, "at": when}; the fields set when the record was created
# share the one stamp under this key (no column is named so).
INSERT_STAMP = "*"


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1

Check = Callable[[Any], str | None]  # why a value cannot go into a column, or None when it fits


def _accepted(_value: Any) -> None:
    """The check of a field central stamps itself: whatever a laptop sent is ignored."""


@cache
def _checks(entity: str) -> dict[str, Check]:
    """One check per column of `entity`, chosen once: a push checks every value of every mutation."""
    return {
        column.key: _accepted if column.key in SERVER_FIELDS else _check(column)
        for column in _MODELS[entity].__table__.columns
    }


@cache
def _required(entity: str) -> frozenset[str]:
    """The fields an insert of `entity` must carry (central stamps the rest itself)."""
    return frozenset(_checks(entity)) - SERVER_FIELDS - {"created_by", "version"}


def _check(column: Column[Any]) -> Check:
    """A column's check. Each is one function that also answers for None (a push makes a million calls,
    and the common values are tested first)."""
    empty = None if column.nullable and not column.primary_key else "may not be empty"
    kind = column.type
    if isinstance(kind, String):  # Text is a String too
        length = kind.length
        too_long = f"is longer than {length} characters"

        def text(value: Any) -> str | None:
            if value.__class__ is str:
                return None if length is None or len(value) <= length else too_long
            return empty if value is None else "must be text"

        return text
    if isinstance(kind, Boolean):
        return lambda value: (
            None if value.__class__ is bool else empty if value is None else "must be true or false"
        )
    if isinstance(kind, Integer):
        # 64 bits, as the laptops' SQLite holds them: a larger number would fail every laptop's pull
        return lambda value: (
            (None if _INT64_MIN <= value <= _INT64_MAX else "is out of range")
            if value.__class__ is int
            else empty
            if value is None
            else "must be a whole number"
        )
    if isinstance(kind, Float):
        return lambda value: (
            None
            if value.__class__ is int or value.__class__ is float
            else empty
            if value is None
            else "must be a number"
        )
    if isinstance(kind, JSON):
        return lambda value: (
            None
            if isinstance(value, list | dict)
            else empty
            if value is None
            else "must be a list or an object"
        )
    if isinstance(kind, Uuid):
        # Ids are a third of a push's values: a pattern, ten times cheaper than uuid.UUID
        def wire_id(value: Any) -> str | None:
            if value.__class__ is str:
                return None if _UUID_TEXT.fullmatch(value) else "is not in wire form"
            return empty if value is None else "must be text in wire form"

        return wire_id
    parse = text_parser(kind)
    if parse is None:
        return lambda value: empty if value is None else "has a type central does not store"

    def wire_form(value: Any) -> str | None:
        if value.__class__ is not str:
            return empty if value is None else "must be text in wire form"
        try:
            parsed = parse(value)
        except ValueError:
            return "is not in wire form"
        return "must be a UTC time" if isinstance(parsed, datetime) and parsed.tzinfo is None else None

    return wire_form


_UUID_TEXT = re.compile(UUID_TEXT)  # the one form laptops send ids in (str(uuid))


def rejection(mutation: Mutation) -> str | None:
    """Why central refuses this mutation outright for its form (who may make it is
    central.authorisation's to say), or None."""
    if mutation.entity not in ENTITIES:
        return f"unknown kind of record {mutation.entity!r}"
    if mutation.entity in APPEND_ONLY and mutation.op != "insert":
        return f"{mutation.entity} records are append-only; correct one with a new record"
    checks = _checks(mutation.entity)
    for name, (_old, new) in mutation.changes.items():
        check = checks.get(name)
        if check is None:
            return f"unknown field {mutation.entity}.{name}"
        problem = check(new)
        if problem is not None:
            return f"{mutation.entity}.{name} {problem}"
    if "id" in mutation.changes and mutation.changes["id"][1] != mutation.entity_id:
        return "the id field differs from the record id"
    if mutation.op == "insert":
        required = _required(mutation.entity)
        if not required <= mutation.changes.keys():
            return f"an insert lacks {', '.join(sorted(required - mutation.changes.keys()))}"
    if mutation.op == "delete" and mutation.changes.get("deleted_at", (None, None))[1] is None:
        return "a delete must set deleted_at"
    return None


@dataclass
class Merge:
    """The outcome of merging one mutation: the fields to write and the conflicts to report."""

    writes: dict[str, Any] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def _server_value(fields: dict[str, Any], authors: dict[str, Any], name: str) -> FieldValue:
    author = authors.get(name) or authors.get(INSERT_STAMP) or {}
    at = author.get("at")
    return FieldValue(
        value=fields.get(name),
        by=uuid.UUID(author["by"]) if author.get("by") else None,
        at=datetime.fromisoformat(at) if isinstance(at, str) else at,  # a datetime until first stored
    )


def merge(mutation: Mutation, fields: dict[str, Any], authors: dict[str, Any]) -> Merge:
    """Merge `mutation` into the record central holds (`fields`, its `authors`). A record central does
    not hold is made from an insert as it is (central.push)."""
    result = Merge()

    def conflict(name: str, client_value: Any) -> None:
        result.conflicts.append(
            Conflict(
                field=name,
                server=_server_value(fields, authors, name),
                client=FieldValue(
                    value=client_value, by=uuid.UUID(mutation.author_id), at=mutation.created_at
                ),
            )
        )

    if mutation.op == "insert":
        # The same record inserted again: merged by the re-insert rule above, never an overwrite
        inserted = {name: new for name, (_old, new) in mutation.changes.items()}
        for name in reinsert_conflicts(mutation.entity, inserted, fields):
            conflict(name, inserted[name])
        return result
    if fields.get("deleted_at") is not None:
        if mutation.op == "update":
            conflict("deleted_at", None)  # an edit after a delete: a person decides, no resurrection
        return result
    for name, (old, new) in mutation.changes.items():
        server = fields.get(name)
        if name in SERVER_FIELDS or server == new:
            continue
        if (mutation.entity, name) == FOLLOW_UP_STATE and (server in TERMINAL or new in TERMINAL):
            # Terminal states win and never move back (domain.followup.advance); two different
            # terminal outcomes are a real disagreement for a person to settle. A change made from
            # central's own terminal value is that person's settlement, and stands.
            if server in TERMINAL and new in TERMINAL:
                if server == old:
                    result.writes[name] = new
                else:
                    conflict(name, new)
            elif new in TERMINAL:
                result.writes[name] = new
            continue
        if server == old:
            result.writes[name] = new
        else:
            conflict(name, new)
    return result
