"""Conflicts a person settles on this laptop (DESIGN.md section 5a): two sides that changed the same field
differently, a change central refused, a phone issued twice, a sign-in name held twice. A push's answer
makes them (conflict_row, refusal_row); the Sync view lists them (conflict_views) and a person keeps one
side or dismisses the card (resolve_conflict).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from burner_desk.domain.errors import BurnerDeskError, NotFound
from burner_desk.domain.people import Actor
from burner_desk.domain.permissions import Op, require_change
from burner_desk.storage.models import SyncConflict
from burner_desk.storage.outbox import to_wire, wire_fields
from burner_desk.storage.sync_ledger import MODELS_BY_ENTITY, PendingMutation, field_from_wire
from burner_desk.storage.uow import Transaction, UnitOfWork
from burner_desk.sync import protocol
from burner_desk.sync.record_words import RecordWords

# A conflict's two values (this laptop's, central's) as the user may see them, given the transaction, the
# record's kind and id and the field: the caller's disclosure rule (42 CFR Part 2; services.disclosure)
ShownValues = Callable[[Transaction, str, uuid.UUID, str, tuple[Any, Any]], tuple[Any, Any]]

ConflictKind = Literal["field", "refused", "double_issue", "name_taken"]
# Kinds a person settles by setting the record right elsewhere, then dismissing the card
DISMISS_ONLY: frozenset[str] = frozenset({"refused", "double_issue", "name_taken"})


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    about: str  # the survivor's name or the record's own label ("" when this laptop lacks the record)
    field: str  # "" when central refused the whole change
    local_value: Any
    server_value: Any
    local_by: str
    server_by: str
    local_at: datetime | None
    server_at: datetime | None
    reason: str  # why central refused a change; "" for a two-sided conflict
    kind: ConflictKind = "field"  # see protocol.ConflictKind; "refused" for a change central refused
    record: str = ""  # the record in words (sync.record_words.RecordWords)
    thing: str = ""  # double_issue: the burner phone, in words
    other: str = ""  # double_issue: the other survivor; name_taken: the other user, in words


# --- made from central's answer to a push ----------------------------------------------------------


def _side(value: protocol.FieldValue) -> dict[str, Any]:
    return {
        "value": value.value,
        "by": str(value.by) if value.by else None,
        "at": value.at.isoformat() if value.at else None,
    }


def conflict_row(mutation: PendingMutation, conflict: protocol.Conflict) -> SyncConflict:
    return SyncConflict(
        entity=mutation.entity,
        entity_id=uuid.UUID(mutation.entity_id),
        field=conflict.field[:60],
        local_value=_side(conflict.client),
        server_value=_side(conflict.server),
        local_mutation_id=uuid.UUID(mutation.mutation_id),
        kind=conflict.kind,
    )


def refusal_row(mutation: PendingMutation, reason: str) -> SyncConflict:
    changes = {name: new for name, (_old, new) in json.loads(mutation.changes_json).items()}
    return SyncConflict(
        entity=mutation.entity,
        entity_id=uuid.UUID(mutation.entity_id),
        field="",
        local_value={
            "value": changes,
            "by": mutation.author_id,
            "at": mutation.created_at,
            "reason": reason[:400],
        },
        server_value={"value": None, "by": None, "at": None},
        local_mutation_id=uuid.UUID(mutation.mutation_id),
        kind="refused",
    )


# --- shown and settled -----------------------------------------------------------------------------


def conflict_views(tx: Transaction, shown: ShownValues) -> list[ConflictView]:
    """The open conflicts, each side's value as `shown` lets the user see it."""
    names = {str(user.id): user.display_name for user in tx.people.users()}
    words = RecordWords(tx.sync)
    views = []
    for row in tx.sync.open_conflicts():
        values = (row.local_value.get("value"), row.server_value.get("value"))
        views.append(
            _conflict_view(row, names, words, shown(tx, row.entity, row.entity_id, row.field, values))
        )
    return views


def _conflict_view(
    row: SyncConflict, names: dict[str, str], words: RecordWords, values: tuple[Any, Any]
) -> ConflictView:
    def who(side: dict[str, Any]) -> str:
        by = side.get("by")
        return names.get(by, "someone at another desk") if by else "central"

    def when(side: dict[str, Any]) -> datetime | None:
        at = side.get("at")
        return datetime.fromisoformat(at) if at else None

    return ConflictView(
        id=row.id,
        entity=row.entity,
        entity_id=row.entity_id,
        about=words.about(row.entity, row.entity_id),
        field=row.field,
        local_value=values[0],
        server_value=values[1],
        local_by=who(row.local_value),
        server_by=who(row.server_value),
        local_at=when(row.local_value),
        server_at=when(row.server_value),
        reason=str(row.local_value.get("reason", "")),
        kind=row.kind,  # type: ignore[arg-type]  # one of ConflictKind, as stored
        record=words.name(row.entity, row.entity_id),
        **_contradiction_words(row, words),
    )


def _contradiction_words(row: SyncConflict, words: RecordWords) -> dict[str, str]:
    """For a phone issued twice: the phone and the other survivor; for a sign-in name held twice: the
    other user. Named from what this laptop holds (the other record arrives with a pull)."""
    other_id = row.server_value.get("value")
    if row.kind == "double_issue":
        other = words.survivor_of("phone_swap", other_id) if other_id else ""
        return {
            "thing": words.name("burner_phone", row.local_value.get("value")),
            "other": other or "a survivor",
        }
    if row.kind == "name_taken":
        return {"other": f"{words.user(other_id)} at another desk" if other_id else "someone at another desk"}
    return {}


def resolve_conflict(
    uow: UnitOfWork, actor: Actor, conflict_id: uuid.UUID, keep: Literal["server", "local"]
) -> None:
    """Settle a conflict. Keeping central's value changes nothing on either side; keeping this laptop's
    writes it to the record as a new change, which the next sync sends (and central merges) as usual."""
    with uow.begin(actor) as tx:
        conflict = tx.sync.conflict(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFound("open sync conflict", conflict_id)
        if keep == "local":
            if conflict.kind in DISMISS_ONLY or not conflict.field:
                raise BurnerDeskError(
                    "There is no value of this laptop's to keep: set the record right, then dismiss it."
                )
            model = MODELS_BY_ENTITY.get(conflict.entity)
            if model is None:
                raise NotFound(conflict.entity, conflict.entity_id)
            record = tx.sync.record(model, conflict.entity_id)
            if record is None:
                raise NotFound(conflict.entity, conflict.entity_id)
            held, kept = wire_fields(record), conflict.local_value.get("value")
            change = {conflict.field: (held.get(conflict.field), kept)}
            require_change(actor, conflict.entity, Op.UPDATE, change, record_id=str(record.id), held=held)
            value = field_from_wire(conflict.entity, conflict.field, kept)
            setattr(record, conflict.field, value)
        conflict.resolved_at = datetime.now(UTC)
        conflict.resolved_by = actor.user_id
        conflict.resolution = keep
        tx.record(f"sync.conflict.keep_{keep}", entity=conflict.entity)


def wire_preview(value: Any) -> str:
    """A conflict value as a person reads it: text as is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(to_wire(value), ensure_ascii=False, separators=(", ", ": "))
