"""The laptop's side of sync (DESIGN.md section 5): the outbox to push, central's rows to apply, the feed
cursor and enrollment state, and the conflicts a person must settle.

Rows pulled from central are written with the outbox listener switched off for the transaction
(`FROM_CENTRAL_KEY`): they are central's values, not changes made here. A field this laptop has changed
and not yet pushed keeps its local value: the pending mutation carries it to central, where the
three-way merge decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, LargeBinary, Uuid, delete, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from burner_desk.storage.models import (
    SYNCED_MODELS,
    BurnerPhone,
    Encounter,
    FollowUp,
    OutboxMutation,
    Person,
    PhoneSwap,
    RecoveryBag,
    SyncConflict,
    SyncedColumns,
    SyncState,
    User,
    UTCDateTime,
)
from burner_desk.storage.outbox import FROM_CENTRAL_KEY

MODELS_BY_ENTITY: dict[str, type[SyncedColumns]] = {model.__entity__: model for model in SYNCED_MODELS}


CLASH_REASON = "central's record has the same unique value (tag, IMEI, receipt or name) as one on this laptop"


# What names a record for a person settling a conflict: its own label, or the survivor it is about.
_LABELS = {
    "burner_phone": "asset_tag",
    "recovery_bag": "label",
    "handout": "title",
    "resource": "name",
    "user": "display_name",
    "incident": "address",
}
_PARENTS: dict[str, tuple[str, type[SyncedColumns]]] = {
    "phone_swap": ("encounter_id", Encounter),
    "custody_event": ("phone_swap_id", PhoneSwap),
    "contact_attempt": ("follow_up_id", FollowUp),
    "home_visit": ("follow_up_id", FollowUp),
    "bag_item": ("bag_id", RecoveryBag),
}


class CentralRowRefused(ValueError):
    """A row from central cannot be stored here (unknown values or a broken reference); names the kind
    of record and the field, never a value."""


def from_wire(column: Any, value: Any) -> Any:
    """The column value for `value` in wire form (the inverse of storage.outbox.to_wire)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(value)
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return bytes.fromhex(value)
    return value


def _columns(model: type[SyncedColumns]) -> dict[str, Any]:
    return {column.key: column for column in inspect(model).columns}


def field_from_wire(entity: str, field: str, value: Any) -> Any:
    """The value for `entity.field` from its wire form (conflict choices travel in wire form)."""
    return from_wire(_columns(MODELS_BY_ENTITY[entity])[field], value)


class SyncLedger:
    def __init__(self, session: Session) -> None:
        self._session = session

    # --- state ----------------------------------------------------------------------------------

    def state(self, key: str, default: str = "") -> str:
        row = self._session.get(SyncState, key)
        return default if row is None else row.value

    def put_state(self, key: str, value: str) -> None:
        row = self._session.get(SyncState, key)
        if row is None:
            self._session.add(SyncState(key=key, value=value))
        else:
            row.value = value

    def clear_state(self, *keys: str) -> None:
        self._session.execute(delete(SyncState).where(SyncState.key.in_(keys)))

    # --- push -----------------------------------------------------------------------------------

    def pending(self, limit: int) -> Sequence[OutboxMutation]:
        """The oldest outbox rows, in the order they were made."""
        return self._session.scalars(select(OutboxMutation).order_by(OutboxMutation.seq).limit(limit)).all()

    def pending_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(OutboxMutation)) or 0

    def acknowledge(self, mutation_ids: Iterable[uuid.UUID]) -> None:
        """Central has these for good (applied, duplicate, conflict or rejected): drop them together."""
        ids = list(mutation_ids)
        if ids:
            self._session.execute(delete(OutboxMutation).where(OutboxMutation.mutation_id.in_(ids)))

    # --- conflicts ------------------------------------------------------------------------------

    def add_conflict(self, conflict: SyncConflict) -> None:
        self._session.add(conflict)

    def open_conflicts(self) -> Sequence[SyncConflict]:
        return self._session.scalars(
            select(SyncConflict).where(SyncConflict.resolved_at.is_(None)).order_by(SyncConflict.detected_at)
        ).all()

    def open_conflict_count(self) -> int:
        stmt = select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        return self._session.scalar(stmt) or 0

    def conflict(self, conflict_id: uuid.UUID) -> SyncConflict | None:
        return self._session.get(SyncConflict, conflict_id)

    # --- pull -----------------------------------------------------------------------------------

    def begin_applying(self) -> None:
        """Rows written from here to the commit are central's: no outbox rows, no local stamps. Foreign
        keys are checked at commit, so a page may hold a child before its parent."""
        self._session.info[FROM_CENTRAL_KEY] = True
        self._session.execute(text("PRAGMA defer_foreign_keys = ON"))

    def apply(self, entity: str, row_id: uuid.UUID, version: int, fields: dict[str, Any]) -> bool:
        """Store central's copy of one record. False when this app has no such kind of record (a newer
        central's) or when it clashes with a local record (kept as a conflict instead). Fields this laptop
        changed and has not pushed yet keep their local values."""
        model = MODELS_BY_ENTITY.get(entity)
        if model is None:
            return False
        columns = _columns(model)
        unpushed = self._unpushed_fields(entity, row_id)
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in columns or name in unpushed or name == "id":
                continue  # a field this app does not know yet is central's to keep
            try:
                values[name] = from_wire(columns[name], value)
            except (ValueError, TypeError) as exc:
                raise CentralRowRefused(f"central sent a {entity}.{name} this app cannot read") from exc
        values["version"] = version
        if entity == "user" and "name" in values:
            values["name"] = self._local_user_name(row_id, values["name"])
        try:
            with self._session.begin_nested():  # a clash undoes this row alone
                row = self._session.get(model, row_id)
                if row is None:
                    row = model()
                    row.id = row_id
                    self._session.add(row)
                for name, value in values.items():
                    setattr(row, name, value)
        except IntegrityError:
            # Two laptops gave two records the same unique value (an asset tag, a receipt number):
            # keep central's copy in a conflict for a person, and go on with the rest of the page.
            self._session.add(
                SyncConflict(
                    entity=entity,
                    entity_id=row_id,
                    field="",
                    local_value={"value": None, "by": None, "at": None, "reason": CLASH_REASON},
                    server_value={
                        "value": fields,
                        "by": fields.get("created_by"),
                        "at": fields.get("updated_at"),
                    },
                )
            )
            return False
        return True

    def _local_user_name(self, user_id: uuid.UUID, name: str) -> str:
        """Sign-in names are unique per laptop, not across the program: the same supervisor set up on two
        laptops is two users. Another laptop's user keeps its name with a suffix here; it has no keyslot on
        this laptop, so the name is only ever shown, never typed."""
        holder = self._session.scalar(select(User.id).where(User.name == name))
        if holder is None or holder == user_id:
            return name
        return f"{name}~{user_id.hex[:8]}"

    def finish_applying(self) -> None:
        """Check the deferred foreign keys now, where a failure can still be named."""
        broken = self._session.execute(text("PRAGMA foreign_key_check")).first()
        if broken is not None:
            raise CentralRowRefused(f"central sent a {broken[0]} record whose {broken[2]} is not here")
        self._session.info.pop(FROM_CENTRAL_KEY, None)

    def describe(self, entity: str, row_id: uuid.UUID) -> str:
        """A few words naming a record for a person: the survivor's name, or the record's own label."""
        model = MODELS_BY_ENTITY.get(entity)
        row: Any = self._session.get(model, row_id) if model is not None else None
        while row is not None and entity in _PARENTS:
            key, parent = _PARENTS[entity]
            entity, row = parent.__entity__, self._session.get(parent, getattr(row, key))
        if row is None:
            return ""
        person_id = row.id if entity == "person" else getattr(row, "person_id", None)
        if person_id is not None:
            person = self._session.get(Person, person_id)
            return f"{person.given_name} {person.family_name}" if person is not None else ""
        return str(getattr(row, _LABELS.get(entity, ""), "") or "")

    def local_version(self, model: type[SyncedColumns], row_id: uuid.UUID) -> int | None:
        """The version this laptop holds of a record; None when it has none."""
        return self._session.scalar(select(model.version).where(model.id == row_id))

    def record(self, model: type[SyncedColumns], row_id: uuid.UUID) -> SyncedColumns | None:
        """A record even when it is a tombstone: a conflict may be about the delete itself."""
        return self._session.get(model, row_id)

    def _unpushed_fields(self, entity: str, row_id: uuid.UUID) -> set[str]:
        changes = self._session.scalars(
            select(OutboxMutation.changes).where(
                OutboxMutation.entity == entity, OutboxMutation.entity_id == row_id
            )
        )
        return {name for change in changes for name in change}

    def encounters_touched(self, touched: dict[str, set[uuid.UUID]]) -> set[uuid.UUID]:
        """Encounters whose search terms may have changed with these records (by entity)."""
        found = set(touched.get("encounter", ()))
        if people := touched.get("person"):
            found |= set(self._session.scalars(select(Encounter.id).where(Encounter.person_id.in_(people))))
        swaps = set(touched.get("phone_swap", ()))
        if burners := touched.get("burner_phone"):
            swaps |= set(
                self._session.scalars(select(PhoneSwap.id).where(PhoneSwap.burner_phone_id.in_(burners)))
            )
        if swaps:
            found |= set(self._session.scalars(select(PhoneSwap.encounter_id).where(PhoneSwap.id.in_(swaps))))
        return found

    def search_parts(
        self, encounter_id: uuid.UUID
    ) -> tuple[Person, PhoneSwap | None, BurnerPhone | None] | None:
        """What the case search indexes for one encounter: its person, phone swap and burner phone."""
        found = self._session.execute(
            select(Person, PhoneSwap, BurnerPhone)
            .join(Encounter, Encounter.person_id == Person.id)
            .outerjoin(PhoneSwap, PhoneSwap.encounter_id == Encounter.id)
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .where(Encounter.id == encounter_id)
        ).first()
        return None if found is None else (found[0], found[1], found[2])
