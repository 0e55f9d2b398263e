"""The laptop's side of sync (DESIGN.md section 5): the outbox to push, central's rows to apply, the feed
cursor and enrollment state, and the conflicts a person must settle.

Rows pulled from central are written with the outbox listener switched off for the transaction
(`FROM_CENTRAL_KEY`): they are central's values, not changes made here. A field this laptop has changed
and not yet pushed keeps its local value: the pending mutation carries it to central, where the
three-way merge decides.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert, Update

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
)
from burner_desk.storage.outbox import FROM_CENTRAL_KEY, text_parser, to_wire

MODELS_BY_ENTITY: dict[str, type[SyncedColumns]] = {model.__entity__: model for model in SYNCED_MODELS}


class PendingMutation(NamedTuple):
    """An outbox row as a push reads it, in wire form (storage.outbox.to_wire): ids and time as text, and
    its changes as the JSON text stored (field -> [old, new]). A push sends thousands of rows as they
    are; turning each id and time into an object only to turn it back was most of the laptop's work."""

    seq: int
    mutation_id: str
    entity: str
    entity_id: str
    op: str
    base_version: int
    changes_json: str
    author_id: str | None
    created_at: str


def _wire_id(stored: str) -> str:
    """A UUID as stored (32 hex digits) in wire form (str(uuid))."""
    if len(stored) != 32:
        return str(uuid.UUID(stored))
    return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"


def _wire_time(stored: str) -> str:
    """A UTC time as stored ("YYYY-MM-DD HH:MM:SS.ffffff") in wire form (isoformat of the aware time)."""
    if len(stored) != 26 or stored[10] != " ":
        return datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat()
    return f"{stored[:10]}T{stored[11:19] if stored.endswith('.000000') else stored[11:]}+00:00"


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
    """The column value for `value` in wire form (the inverse of storage.outbox.to_wire); ValueError or
    TypeError when it is not that column's wire form."""
    parse = _parser(column)
    return value if parse is None or value is None else parse(value)


def _parser(column: Any) -> Callable[[Any], Any] | None:
    """What turns a column's wire form back into its value (checking plain values' types); None when
    any value will do."""
    kind = column.type
    parse = text_parser(kind)
    if parse is not None:
        return parse
    expected = next((types for base, types in _PLAIN_TYPES.items() if isinstance(kind, base)), None)
    if expected is None:
        return None

    def checked(value: Any) -> Any:
        # bool is an int in Python; a flag is never a count, nor a count a flag
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
            raise TypeError(f"expected {expected}")
        return value

    return checked


# What a value in wire form must already be for columns whose wire form is the value itself: a list
# where text belongs would otherwise reach the database driver and fail there, not as a bad answer.
_PLAIN_TYPES: dict[type[Any], tuple[type[Any], ...]] = {
    String: (str,),
    Boolean: (bool,),
    Integer: (int,),
    Float: (int, float),
    JSON: (list, dict),
}


def _columns(model: type[SyncedColumns]) -> dict[str, Any]:
    return _columns_of(model.__entity__)


def _table(model: type[SyncedColumns]) -> Table:
    return cast(Table, inspect(model).local_table)


@functools.cache
def _columns_of(entity: str) -> dict[str, Any]:
    return {column.key: column for column in inspect(MODELS_BY_ENTITY[entity]).columns}


@dataclass(frozen=True)
class CentralRow:
    """One record as central sent it: wire-form fields (see sync.protocol.Row, which storage does not
    import: the two are siblings in the layers)."""

    entity: str
    id: uuid.UUID
    version: int
    fields: dict[str, Any]


_IN_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


@functools.cache
def _parsers(entity: str) -> dict[str, Callable[[Any], Any] | None]:
    """Per column, its wire-form parser (made once per kind of record: a first sync reads 100,000s)."""
    return {name: _parser(column) for name, column in _columns_of(entity).items()}


def _complete(model: type[SyncedColumns], values: dict[str, Any]) -> dict[str, Any]:
    """Every column for a multi-row INSERT (all rows must name the same columns): what central sent,
    the column's default for a field it did not send."""
    complete: dict[str, Any] = {}
    for name, column in _columns(model).items():
        if name == "id":
            continue  # the caller sets it
        if name in values:
            complete[name] = values[name]
        elif column.default is not None and column.default.is_scalar:
            complete[name] = column.default.arg
        elif column.default is not None and column.default.is_callable:
            complete[name] = column.default.arg(None)
        else:
            complete[name] = None
    return complete


@functools.lru_cache(maxsize=512)  # bounded: every unlock opens a new engine, with a new dialect
def _driver_write(
    entity: str, dialect: Dialect, updated: tuple[str, ...] | None = None
) -> tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]:
    """A driver-level statement for rows of `entity`: the INSERT of whole rows, or with `updated` the
    UPDATE of those columns by `record_id`; and what turns a row's values into its parameters, with the
    same conversions the column types make. A first sync writes 100,000s of rows, and the ORM's per-row
    parameter handling would cost more than the database's work."""
    table = _table(MODELS_BY_ENTITY[entity])
    statement: Insert | Update = (
        insert(table) if updated is None else update(table).where(table.c.id == bindparam("record_id"))
    )
    keys = [column.key for column in table.columns] if updated is None else list(updated)
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ())
    columns = {column.key: column for column in table.columns} | {"record_id": table.c.id}
    converters = [columns[name].type.bind_processor(dialect) for name in order]

    def to_db(values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            values[name] if convert is None else convert(values[name])
            for name, convert in zip(order, converters, strict=True)
        )

    return str(compiled), to_db


def field_from_wire(entity: str, field: str, value: Any) -> Any:
    """The value for `entity.field` from its wire form (conflict choices travel in wire form)."""
    return from_wire(_columns(MODELS_BY_ENTITY[entity])[field], value)


class SyncLedger:
    def __init__(self, session: Session) -> None:
        self._session = session
        # (entity, field, parent table, ids) that must all exist when the page is finished
        self._pending_references: list[tuple[str, str, Table, set[Any]]] = []

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

    def pending(self, after: int, limit: int) -> list[PendingMutation]:
        """The oldest outbox rows after outbox position `after`, in the order they were made, read as the
        text stored (a push reads thousands and changes none)."""
        outbox = OutboxMutation
        query = (
            select(
                outbox.seq,
                type_coerce(outbox.mutation_id, String),
                outbox.entity,
                type_coerce(outbox.entity_id, String),
                outbox.op,
                outbox.base_version,
                type_coerce(outbox.changes, Text),
                type_coerce(outbox.author_id, String),
                type_coerce(outbox.created_at, String),
            )
            .where(outbox.seq > after)
            .order_by(outbox.seq)
            .limit(limit)
        )
        return [
            PendingMutation(
                seq,
                _wire_id(mutation_id),
                entity,
                _wire_id(entity_id),
                op,
                base_version,
                changes,
                None if author_id is None else _wire_id(author_id),
                _wire_time(created_at),
            )
            for seq, mutation_id, entity, entity_id, op, base_version, changes, author_id, created_at in (
                self._session.execute(query)
            )
        ]

    def pending_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(OutboxMutation)) or 0

    def acknowledge(self, seqs: Iterable[int]) -> None:
        """Central has the outbox rows at these positions for good (applied, duplicate, conflict or
        rejected): drop them together, by primary key."""
        positions = list(seqs)
        if positions:
            self._session.execute(delete(OutboxMutation).where(OutboxMutation.seq.in_(positions)))

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

    def apply_page(self, rows: Sequence[CentralRow]) -> dict[str, set[uuid.UUID]]:
        """Store central's copies of a page of records; returns the ids written, by entity.

        A record is skipped when this laptop already holds its version (a page seen twice) or when this
        app has no such kind of record (a newer central's). Fields this laptop changed and has not pushed
        yet keep their local values. New records go in as one multi-row INSERT per kind; a page that
        clashes with a local unique value is redone row by row so only the clashing record is held back.
        """
        by_entity: dict[str, list[CentralRow]] = {}
        for row in rows:
            if row.entity in MODELS_BY_ENTITY:
                by_entity.setdefault(row.entity, []).append(row)
        unpushed = self._unpushed_fields({(row.entity, row.id) for row in rows})
        written: dict[str, set[uuid.UUID]] = {}
        for entity, group in by_entity.items():
            model = MODELS_BY_ENTITY[entity]
            held = self._held_versions(model, [row.id for row in group])
            fresh: list[dict[str, Any]] = []
            changed: list[tuple[CentralRow, dict[str, Any]]] = []
            for row in group:
                if row.id in held and held[row.id] >= row.version:
                    continue
                values = self._values(model, row, unpushed.get((entity, row.id), set()))
                if row.id in held:
                    changed.append((row, values))
                else:
                    fresh.append(_complete(model, values) | {"id": row.id})
            written[entity] = self._insert(model, fresh) | self._update(model, changed)
            self._check_references(model, [*fresh, *(values for _row, values in changed)])
        return written

    def _check_references(self, model: type[SyncedColumns], written: list[dict[str, Any]]) -> None:
        """Every record these rows point to must be here by the end of the page (the foreign keys are
        deferred to the commit, where a failure could not be named). Checked against the page's own
        references, not the whole vault, so a page costs the same on a big vault as on a new one."""
        for name, column in _columns(model).items():
            for key in column.foreign_keys:
                wanted = {values[name] for values in written if values.get(name) is not None}
                if wanted:
                    self._pending_references.append((model.__entity__, name, key.column.table, wanted))

    def _values(self, model: type[SyncedColumns], row: CentralRow, unpushed: set[str]) -> dict[str, Any]:
        parsers = _parsers(model.__entity__)
        values: dict[str, Any] = {}
        for name, value in row.fields.items():
            if name not in parsers or name in unpushed or name == "id":
                continue  # a field this app does not know yet is central's to keep
            parse = parsers[name]
            try:
                values[name] = value if parse is None or value is None else parse(value)
            except (ValueError, TypeError) as exc:
                raise CentralRowRefused(f"central sent a {row.entity}.{name} this app cannot read") from exc
        values["version"] = row.version
        if row.entity == "user" and "name" in values:
            values["name"] = self._local_user_name(row.id, values["name"])
        return values

    def _held_versions(self, model: type[SyncedColumns], ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        held: dict[uuid.UUID, int] = {}
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            found = self._session.execute(select(model.id, model.version).where(model.id.in_(chunk)))
            held.update((row_id, version) for row_id, version in found)
        return held

    def _insert(self, model: type[SyncedColumns], fresh: list[dict[str, Any]]) -> set[uuid.UUID]:
        if not fresh:
            return set()
        connection = self._session.connection()
        statement, to_db = _driver_write(model.__entity__, connection.dialect)
        rows = [to_db(values) for values in fresh]
        try:
            with self._session.begin_nested():
                connection.exec_driver_sql(statement, rows)
            return {values["id"] for values in fresh}
        except IntegrityError:
            pass  # some record clashes: find which, keep the rest
        stored: set[uuid.UUID] = set()
        for values, row in zip(fresh, rows, strict=True):
            try:
                with self._session.begin_nested():
                    connection.exec_driver_sql(statement, [row])
                stored.add(values["id"])
            except IntegrityError:
                self._hold_back(model.__entity__, values["id"], values)
        return stored

    def _update(
        self, model: type[SyncedColumns], changed: list[tuple[CentralRow, dict[str, Any]]]
    ) -> set[uuid.UUID]:
        """Central's newer versions of records held here, as executemany UPDATEs (one per set of fields:
        a record with unpushed local changes leaves those out); a clash is isolated row by row."""
        connection = self._session.connection()
        groups: dict[tuple[str, ...], list[tuple[CentralRow, dict[str, Any]]]] = {}
        for row, values in changed:
            groups.setdefault(tuple(sorted(values)), []).append((row, values))
        stored: set[uuid.UUID] = set()
        for names, group in groups.items():
            statement, to_db = _driver_write(model.__entity__, connection.dialect, names)
            params = [to_db(values | {"record_id": row.id}) for row, values in group]
            try:
                with self._session.begin_nested():
                    connection.exec_driver_sql(statement, params)
                stored.update(row.id for row, _values in group)
                continue
            except IntegrityError:
                pass  # some record clashes: find which, keep the rest
            for (row, _values), one in zip(group, params, strict=True):
                try:
                    with self._session.begin_nested():
                        connection.exec_driver_sql(statement, [one])
                    stored.add(row.id)
                except IntegrityError:
                    self._hold_back(row.entity, row.id, row.fields)
        self._session.expire_all()  # ORM copies read earlier in this transaction are now stale
        return stored

    def _hold_back(self, entity: str, row_id: uuid.UUID, fields: dict[str, Any]) -> None:
        """Two laptops gave two records the same unique value (an asset tag, a receipt number): keep
        central's copy in a conflict for a person, and go on with the rest of the page."""
        wire = {name: to_wire(value) for name, value in fields.items()}
        self._session.add(
            SyncConflict(
                entity=entity,
                entity_id=row_id,
                field="",
                local_value={"value": None, "by": None, "at": None, "reason": CLASH_REASON},
                server_value={"value": wire, "by": wire.get("created_by"), "at": wire.get("updated_at")},
            )
        )

    def _local_user_name(self, user_id: uuid.UUID, name: str) -> str:
        """Sign-in names are unique per laptop, not across the program: the same supervisor set up on two
        laptops is two users. Another laptop's user keeps its name with a suffix here; it has no keyslot on
        this laptop, so the name is only ever shown, never typed."""
        holder = self._session.scalar(select(User.id).where(User.name == name))
        if holder is None or holder == user_id:
            return name
        return f"{name}~{user_id.hex[:8]}"

    def finish_applying(self) -> None:
        """Check the page's references now, where a failure can still be named."""
        references, self._pending_references = self._pending_references, []
        for entity, name, parent, wanted in references:
            ids = list(wanted)
            found: set[Any] = set()
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start : start + _IN_CHUNK]
                found.update(self._session.scalars(select(parent.c.id).where(parent.c.id.in_(chunk))))
            if found != wanted:
                raise CentralRowRefused(f"central sent a {entity} record whose {name} is not here")
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

    def record(self, model: type[SyncedColumns], row_id: uuid.UUID) -> SyncedColumns | None:
        """A record even when it is a tombstone: a conflict may be about the delete itself."""
        return self._session.get(model, row_id)

    def _unpushed_fields(self, keys: set[tuple[str, uuid.UUID]]) -> dict[tuple[str, uuid.UUID], set[str]]:
        """Fields changed here and not yet pushed, for the records of a page (usually none)."""
        found: dict[tuple[str, uuid.UUID], set[str]] = {}
        if not keys or not self.pending_count():
            return found
        rows = self._session.execute(
            select(OutboxMutation.entity, OutboxMutation.entity_id, OutboxMutation.changes)
        )
        for entity, entity_id, changes in rows:
            if (entity, entity_id) in keys:
                found.setdefault((entity, entity_id), set()).update(changes)
        return found

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
        self, encounter_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[Person, PhoneSwap | None, BurnerPhone | None]]:
        """What the case search indexes for each encounter: its person, phone swap and burner phone."""
        ids = list(encounter_ids)
        parts: dict[uuid.UUID, tuple[Person, PhoneSwap | None, BurnerPhone | None]] = {}
        for start in range(0, len(ids), _IN_CHUNK):
            found = self._session.execute(
                select(Encounter.id, Person, PhoneSwap, BurnerPhone)
                .join(Person, Encounter.person_id == Person.id)
                .outerjoin(PhoneSwap, PhoneSwap.encounter_id == Encounter.id)
                .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
                .where(Encounter.id.in_(ids[start : start + _IN_CHUNK]))
            )
            parts.update((row[0], (row[1], row[2], row[3])) for row in found)
        return parts
