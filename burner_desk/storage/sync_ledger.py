"""The laptop's side of sync (DESIGN.md section 5): the outbox to push, central's rows to apply, the feed
cursor and enrollment state, and the conflicts a person must settle.

Rows pulled from central are written with the outbox listener switched off for the transaction
(`FROM_CENTRAL_KEY`): they are central's values, not changes made here. A field this laptop has changed
and not yet pushed keeps its local value: the pending mutation carries it to central, where the
three-way merge decides.
"""

from __future__ import annotations

import functools
import json
import re
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
    Uuid,
    and_,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import CursorResult, Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert, Update

from burner_desk.storage.models import (
    LOCAL_NAME_MARK,
    SYNCED_MODELS,
    Base,
    BurnerPhone,
    Encounter,
    OutboxMutation,
    ParkedRow,
    Person,
    PhoneSwap,
    SyncConflict,
    SyncedColumns,
    SyncState,
    User,
    UTCDateTime,
    local_user_name,
    utcnow,
)
from burner_desk.storage.outbox import FROM_CENTRAL_KEY, text_parser
from burner_desk.storage.written import note_written

MODELS_BY_ENTITY: dict[str, type[SyncedColumns]] = {model.__entity__: model for model in SYNCED_MODELS}


class CaseColumns(NamedTuple):
    """An encounter's columns the case search indexes, in repositories.case_terms's order."""

    given_name: str
    family_name: str
    phone: str
    personal_imei: str | None
    receipt_no: str | None
    burner_imei: str | None
    asset_tag: str | None


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


# Why a record from central is parked (ParkedRow.reason)
CLASH = "clash"  # a unique value (asset tag, IMEI, bag label, receipt number) another record here holds
WAITS = "waits"  # a record it points to is not here, or is parked itself
UNREADABLE = "unreadable"  # a value this app cannot read

# Kinds of record, parents before children (the foreign keys' order): a page is stored in this order, so a
# record that cannot be stored takes the records pointing to it along into the parked table.
_ENTITY_OF_TABLE = {cast(Table, inspect(model).local_table).name: model.__entity__ for model in SYNCED_MODELS}
ENTITY_ORDER: tuple[str, ...] = tuple(
    _ENTITY_OF_TABLE[table.name] for table in Base.metadata.sorted_tables if table.name in _ENTITY_OF_TABLE
)


class CentralRowRefused(ValueError):
    """A value from central this app cannot read; names the kind of record and the field, never a value."""

    def __init__(self, entity: str, field: str) -> None:
        super().__init__(f"central sent a {entity}.{field} this app cannot read")
        self.field = field


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


@functools.cache
def _unique_columns(entity: str) -> tuple[Any, ...]:
    return tuple(column for column in _columns_of(entity).values() if column.unique)


def _stored_id(table: Table) -> Any:
    """A table's id column read as stored (32 hex digits), as a page's ids are compared (_stored_forms)."""
    return type_coerce(table.c.id, String)


def _among(table: Table, ids: Iterable[str]) -> Any:
    """The rows whose id (as stored) is among `ids`: all of a page's ids as one JSON array, so one short
    statement whatever their number (IN lists of 500 parameters cost more to build than to run)."""
    listed = func.json_each(json.dumps(list(ids))).table_valued("value")
    return _stored_id(table).in_(select(listed.c.value))


@dataclass(frozen=True)
class CentralRow:
    """One record as central sent it: wire-form fields (see sync.protocol.Row, which storage does not
    import: the two are siblings in the layers)."""

    entity: str
    id: uuid.UUID
    version: int
    fields: dict[str, Any]


# --- central's values straight into the vault's ---------------------------------------------------
# A first sync stores 100,000s of rows. Each wire value becomes the value the driver stores (what the
# column type's own conversion gives) in one step chosen once per column: a UUID's 32 hex digits, a UTC
# time's "YYYY-MM-DD HH:MM:SS.ffffff", not a Python object made only to be turned into text again
# (wire to driver parameters for a 36,015-row snapshot: 0.56 -> 0.38 CPU-s).

_WIRE_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # str(uuid)
_WIRE_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?\+00:00")  # isoformat of a UTC time


def _uuid_text(general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def stored(value: Any) -> Any:
        if type(value) is str and _WIRE_UUID.fullmatch(value):
            return value.replace("-", "")
        return general(value)  # another spelling uuid.UUID takes, or not a UUID at all

    return stored


def _utc_text(general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def stored(value: Any) -> Any:
        if type(value) is str and _WIRE_UTC.fullmatch(value):
            datetime.fromisoformat(value)  # ValueError for a day or hour that does not exist
            return f"{value[:10]} {value[11:19]}{value[19:26] if len(value) == 32 else '.000000'}"
        return general(value)

    return stored


# The direct conversions, each with wire values it must turn into exactly what the general one gives
_DIRECT: dict[type[Any], tuple[Callable[[Callable[[Any], Any]], Callable[[Any], Any]], tuple[str, ...]]] = {
    Uuid: (_uuid_text, ("01234567-89ab-cdef-0123-456789abcdef",)),
    UTCDateTime: (_utc_text, ("2026-01-02T03:04:05.000600+00:00", "2026-01-02T03:04:05+00:00")),
}


@functools.lru_cache(maxsize=512)  # bounded: every unlock opens a new engine, with a new dialect
def _binds(entity: str, dialect: Dialect) -> dict[str, Callable[[Any], Any] | None]:
    """Per column, what the column type does to a Python value before the driver stores it."""
    return {
        name: column.type.dialect_impl(dialect).bind_processor(dialect)
        for name, column in _columns_of(entity).items()
    }


@functools.lru_cache(maxsize=512)
def _stored_forms(entity: str, dialect: Dialect) -> dict[str, Callable[[Any], Any]]:
    """Per column but the id (a row's own, see `_values`), what turns a wire value (not None) into the
    value the driver stores; ValueError or TypeError when it is not that column's wire form. The direct
    conversion serves where it gives what the general one (from_wire, then the column type's) gives for
    its samples on this dialect."""
    forms: dict[str, Callable[[Any], Any]] = {}
    for name, column in _columns_of(entity).items():
        if name == "id":
            continue
        general = _then(_parser(column), _binds(entity, dialect)[name])
        direct, samples = _DIRECT.get(type(column.type), (None, ()))
        fast = direct(general) if direct is not None else general
        forms[name] = fast if all(fast(sample) == general(sample) for sample in samples) else general
    return forms


def _then(first: Callable[[Any], Any] | None, second: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """`first`, then `second`; either may be None (nothing to do): no call more per value than needed."""
    if first is None or second is None:
        return first or second or (lambda value: value)
    return lambda value: second(first(value))


def _complete(entity: str, dialect: Dialect, values: dict[str, Any]) -> dict[str, Any]:
    """Every column but the id, as stored, for a multi-row INSERT (all rows must name the same columns):
    what central sent, the column's default for a field it did not send."""
    binds = _binds(entity, dialect)
    complete = dict(values)
    for name, column in _columns_of(entity).items():
        if name in values or name == "id":
            continue
        default = column.default
        value = None
        if default is not None and default.is_scalar:
            value = default.arg
        elif default is not None and default.is_callable:
            value = default.arg(None)
        bind = binds[name]
        complete[name] = value if bind is None or value is None else bind(value)
    return complete


@functools.lru_cache(maxsize=512)
def _driver_write(
    entity: str, dialect: Dialect, updated: tuple[str, ...] | None = None
) -> tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]]]:
    """A driver-level statement for rows of `entity`: the INSERT of whole rows, or with `updated` the
    UPDATE of those columns by `record_id`; and what puts a row's stored values (_stored_forms) in its
    parameters' order. A first sync writes 100,000s of rows, and the ORM's per-row parameter handling
    would cost more than the database's work."""
    table = _table(MODELS_BY_ENTITY[entity])
    statement: Insert | Update = (
        insert(table) if updated is None else update(table).where(table.c.id == bindparam("record_id"))
    )
    keys = [column.key for column in table.columns] if updated is None else list(updated)
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ())

    def to_db(values: dict[str, Any]) -> tuple[Any, ...]:
        return tuple([values[name] for name in order])

    return str(compiled), to_db


def field_from_wire(entity: str, field: str, value: Any) -> Any:
    """The value for `entity.field` from its wire form (conflict choices travel in wire form)."""
    return from_wire(_columns(MODELS_BY_ENTITY[entity])[field], value)


class SyncLedger:
    def __init__(self, session: Session) -> None:
        self._session = session
        self.renamed_own_users: list[tuple[str, str]] = []  # by the last page stored: (old, new) names

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

    def settle_name_conflicts(self, user_id: uuid.UUID, by: uuid.UUID) -> None:
        """A user renamed: the open "another user has this sign-in name" conflicts about them, or about
        the user they shared the name with, are settled by it."""
        for conflict in self.open_conflicts():
            named = (conflict.entity_id, conflict.server_value.get("value"))
            if conflict.kind == "name_taken" and (user_id in named or str(user_id) in named):
                conflict.resolved_at, conflict.resolved_by, conflict.resolution = utcnow(), by, "renamed"

    def conflict(self, conflict_id: uuid.UUID) -> SyncConflict | None:
        return self._session.get(SyncConflict, conflict_id)

    # --- pull -----------------------------------------------------------------------------------

    def begin_applying(self) -> None:
        """Rows written from here to the commit are central's: no outbox rows, no local stamps."""
        self._session.info[FROM_CENTRAL_KEY] = True

    def finish_applying(self) -> None:
        self._session.info.pop(FROM_CENTRAL_KEY, None)

    def apply_page(
        self, rows: Sequence[CentralRow], own_users: frozenset[str] = frozenset()
    ) -> dict[str, set[uuid.UUID]]:
        """Store central's copies of a page of records; returns the ids written, by entity.

        Kinds of record are stored parents first (the foreign keys' order). A record is skipped when
        this laptop already holds its version (a page seen twice) or when this app has no such kind of
        record (a newer central's). Fields this laptop changed and has not pushed yet keep their local
        values. A record that cannot be stored is parked (see `park`), and with it every record on the
        page that points to it; the rest is stored. `own_users` are the sign-in names with a keyslot
        here (see `_name_users`); those renamed by the page are in `renamed_own_users`.
        """
        newest: dict[tuple[str, uuid.UUID], CentralRow] = {}
        for row in rows:
            key = (row.entity, row.id)
            if row.entity in MODELS_BY_ENTITY and (key not in newest or newest[key].version < row.version):
                newest[key] = row  # the change feed can hold several versions of a record on one page
        return self._store(newest, own_users)

    def retry_parked(self, own_users: frozenset[str] = frozenset()) -> dict[str, set[uuid.UUID]]:
        """Try every parked record again: those whose cause is gone are stored and leave the table, the
        rest stay with their cause brought up to date. Returns the ids written, by entity."""
        parked = self._session.execute(
            select(ParkedRow.entity, ParkedRow.id, ParkedRow.version, ParkedRow.fields)
        ).all()
        if not parked:
            return {}
        self._session.execute(update(ParkedRow).values(last_tried_at=utcnow()))
        rows = {
            (entity, row_id): CentralRow(entity, row_id, version, fields)
            for entity, row_id, version, fields in parked
        }
        return self._store(rows, own_users)

    def parked(self) -> Sequence[ParkedRow]:
        """The records held back, parents first, oldest first within a kind."""
        rows = self._session.scalars(select(ParkedRow).order_by(ParkedRow.parked_at)).all()
        return sorted(
            rows, key=lambda row: ENTITY_ORDER.index(row.entity) if row.entity in ENTITY_ORDER else 0
        )

    def parked_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(ParkedRow)) or 0

    def parked_row(self, entity: str, row_id: uuid.UUID) -> ParkedRow | None:
        return self._session.get(ParkedRow, (entity, row_id))

    def _store(
        self, rows: dict[tuple[str, uuid.UUID], CentralRow], own_users: frozenset[str]
    ) -> dict[str, set[uuid.UUID]]:
        parked = self._parked_versions()
        # A parked copy newer than the page's is what this laptop waits to store; the page's is stale
        current = [row for key, row in rows.items() if row.version >= parked.get(key, 0)]
        unpushed = self._unpushed_fields({(row.entity, row.id) for row in current})
        by_entity: dict[str, list[CentralRow]] = {}
        for row in current:
            by_entity.setdefault(row.entity, []).append(row)
        written: dict[str, set[uuid.UUID]] = {}
        settled: list[tuple[str, uuid.UUID]] = []  # records no longer waiting, if they were
        dialect = self._session.connection().dialect
        for entity in ENTITY_ORDER:
            group = by_entity.get(entity)
            if not group:
                continue
            model = MODELS_BY_ENTITY[entity]
            stored_id = _binds(entity, dialect)["id"] or str
            held = self._held_versions(model, [stored_id(row.id) for row in group])
            candidates: list[tuple[CentralRow, dict[str, Any]]] = []
            fresh: set[uuid.UUID] = set()
            for row in group:
                held_version = held.get(stored_id(row.id))
                if held_version is not None and held_version >= row.version:
                    settled.append((entity, row.id))  # here already: a page seen twice
                    continue
                try:
                    values = self._values(row, dialect, unpushed.get((entity, row.id), set()))
                except CentralRowRefused as exc:
                    self._park(row, UNREADABLE, {"field": exc.field})
                    continue
                candidates.append((row, values))
                if held_version is None:
                    fresh.add(row.id)
            freed = self._name_users(candidates, own_users) if entity == User.__entity__ else set()
            candidates = self._with_parents_here(model, candidates)
            stored = self._insert(model, [(row, values) for row, values in candidates if row.id in fresh])
            stored |= self._update(
                model, [(row, values) for row, values in candidates if row.id not in fresh]
            )
            self._reclaim_names(freed)
            written[entity] = stored
            settled += [(entity, row_id) for row_id in stored]
        if parked:  # nearly always empty: then nothing can have been waiting
            self._unpark(settled, parked)
        # Written below the ORM (`_driver_write`): no flush saw them, so the views hear of them here.
        note_written(self._session, (entity for entity, ids in written.items() if ids))
        return written

    def _with_parents_here(
        self, model: type[SyncedColumns], candidates: list[tuple[CentralRow, dict[str, Any]]]
    ) -> list[tuple[CentralRow, dict[str, Any]]]:
        """The rows whose every reference is to a record here (stored earlier on this page, parents being
        stored first); the others are parked as waiting for it. One query per reference and kind of
        record: checked against the page's own references, so a page costs the same on a big vault."""
        for name, column in _columns(model).items():
            for key in column.foreign_keys:
                wanted = {values[name] for _row, values in candidates if values.get(name) is not None}
                if not wanted:
                    continue
                parent = key.column.table
                missing = wanted - self._ids_present(parent, wanted)
                if not missing:
                    continue
                kept = []
                for row, values in candidates:
                    if values.get(name) in missing:
                        cause = {
                            "entity": _ENTITY_OF_TABLE[parent.name],
                            "id": _wire_id(values[name]),
                            "field": name,
                        }
                        self._park(row, WAITS, cause)
                    else:
                        kept.append((row, values))
                candidates = kept
        return candidates

    def _ids_present(self, table: Table, ids: set[str]) -> set[str]:
        """Which of these ids (as stored) `table` holds."""
        return set(self._session.scalars(select(_stored_id(table)).where(_among(table, ids))))

    def _held_versions(self, model: type[SyncedColumns], ids: list[str]) -> dict[str, int]:
        """The version held here of each of these records (ids as stored) that is here."""
        table = _table(model)
        found = self._session.execute(select(_stored_id(table), table.c.version).where(_among(table, ids)))
        return {row_id: version for row_id, version in found}

    def _values(self, row: CentralRow, dialect: Dialect, unpushed: set[str]) -> dict[str, Any]:
        """Central's fields of a record as the vault stores them (_stored_forms), but those changed here
        and not pushed yet."""
        forms = _stored_forms(row.entity, dialect)
        values: dict[str, Any] = {}
        for name, value in row.fields.items():
            form = forms.get(name)
            if form is None or (unpushed and name in unpushed):
                continue  # the id is the row's own; a field this app does not know yet is central's to keep
            try:
                values[name] = None if value is None else form(value)
            except (ValueError, TypeError) as exc:
                raise CentralRowRefused(row.entity, name) from exc
        values["version"] = row.version
        return values

    def _insert(
        self, model: type[SyncedColumns], fresh: list[tuple[CentralRow, dict[str, Any]]]
    ) -> set[uuid.UUID]:
        """New records as one multi-row INSERT; a clash with a record here is isolated row by row."""
        if not fresh:
            return set()
        connection = self._session.connection()
        entity, dialect = model.__entity__, connection.dialect
        statement, to_db = _driver_write(entity, dialect)
        stored_id = _binds(entity, dialect)["id"] or str
        params = [
            to_db(_complete(entity, dialect, values) | {"id": stored_id(row.id)}) for row, values in fresh
        ]
        try:
            with self._session.begin_nested():
                connection.exec_driver_sql(statement, params)
            return {row.id for row, _values in fresh}
        except IntegrityError:
            pass  # some record clashes: find which, keep the rest
        stored: set[uuid.UUID] = set()
        for (row, values), one in zip(fresh, params, strict=True):
            try:
                with self._session.begin_nested():
                    connection.exec_driver_sql(statement, [one])
                stored.add(row.id)
            except IntegrityError:
                self._park_clash(model, row, values)
        return stored

    def _update(
        self, model: type[SyncedColumns], changed: list[tuple[CentralRow, dict[str, Any]]]
    ) -> set[uuid.UUID]:
        """Central's newer versions of records held here, as executemany UPDATEs (one per set of fields:
        a record with unpushed local changes leaves those out); a clash is isolated row by row."""
        if not changed:
            return set()
        connection = self._session.connection()
        groups: dict[tuple[str, ...], list[tuple[CentralRow, dict[str, Any]]]] = {}
        for row, values in changed:
            groups.setdefault(tuple(sorted(values)), []).append((row, values))
        stored: set[uuid.UUID] = set()
        stored_id = _binds(model.__entity__, connection.dialect)["id"] or str
        for names, group in groups.items():
            statement, to_db = _driver_write(model.__entity__, connection.dialect, names)
            params = [to_db(values | {"record_id": stored_id(row.id)}) for row, values in group]
            try:
                with self._session.begin_nested():
                    connection.exec_driver_sql(statement, params)
                stored.update(row.id for row, _values in group)
                continue
            except IntegrityError:
                pass  # some record clashes: find which, keep the rest
            for (row, values), one in zip(group, params, strict=True):
                try:
                    with self._session.begin_nested():
                        connection.exec_driver_sql(statement, [one])
                    stored.add(row.id)
                except IntegrityError:
                    self._park_clash(model, row, values)
        self._session.expire_all()  # ORM copies read earlier in this transaction are now stale
        return stored

    # --- parked records -------------------------------------------------------------------------

    def _park_clash(self, model: type[SyncedColumns], row: CentralRow, values: dict[str, Any]) -> None:
        """Park a record that two laptops gave the same unique value (an asset tag, a receipt number),
        naming the record here that holds it."""
        for column in _unique_columns(model.__entity__):
            value = values.get(column.key)
            if value is None:
                continue
            attribute = getattr(model, column.key)
            holder = self._session.scalar(select(model.id).where(attribute == value, model.id != row.id))
            if holder is not None:
                self._park(row, CLASH, {"entity": row.entity, "id": str(holder), "field": column.key})
                return
        self._park(row, CLASH, {"field": ""})

    def _park(self, row: CentralRow, reason: str, cause: dict[str, Any]) -> None:
        """Keep central's record as it came, to try again at the next sync; a parked older version of
        it is replaced, keeping when it was first parked."""
        now = utcnow()
        key = and_(ParkedRow.entity == row.entity, ParkedRow.id == row.id)
        values = {"version": row.version, "fields": row.fields, "reason": reason, "cause": cause}
        replaced = self._session.execute(update(ParkedRow).where(key).values(**values, last_tried_at=now))
        if cast(CursorResult[Any], replaced).rowcount:
            return
        self._session.execute(
            insert(ParkedRow).values(entity=row.entity, id=row.id, **values, parked_at=now, last_tried_at=now)
        )

    def _unpark(self, keys: list[tuple[str, uuid.UUID]], parked: dict[tuple[str, uuid.UUID], int]) -> None:
        """The records among `keys` that were parked are here now (or superseded): out of the table."""
        by_entity: dict[str, list[uuid.UUID]] = {}
        for entity, row_id in keys:
            if (entity, row_id) in parked:
                by_entity.setdefault(entity, []).append(row_id)
        for entity, ids in by_entity.items():
            self._session.execute(delete(ParkedRow).where(ParkedRow.entity == entity, ParkedRow.id.in_(ids)))

    def _parked_versions(self) -> dict[tuple[str, uuid.UUID], int]:
        """Every parked record's version (the table holds the few records waiting for a person)."""
        found = self._session.execute(select(ParkedRow.entity, ParkedRow.id, ParkedRow.version))
        return {(entity, row_id): version for entity, row_id, version in found}

    # --- users ----------------------------------------------------------------------------------

    def _name_users(
        self, candidates: list[tuple[CentralRow, dict[str, Any]]], own_users: frozenset[str]
    ) -> set[str]:
        """Give each incoming user its sign-in name here. A name is unique on a laptop (it names the
        keyslot), and until a supervisor renames one of two people who share a name, another laptop's
        user has a name a user here holds: it gets a local suffix (`local_user_name`) and, having no
        keyslot here, is only ever shown, never typed. A user with a keyslot here keeps the plain name:
        a pulled rename of one moves the other aside. Adds the keyslots to rename to
        `renamed_own_users`, (old, new); returns the plain names the page frees (see _reclaim_names)."""
        named = [(row, values) for row, values in candidates if "name" in values]
        if not named:
            return set()
        wanted = {values["name"] for _row, values in named}
        current = dict(
            self._session.execute(
                select(User.id, User.name).where(User.id.in_([row.id for row, _values in named]))
            ).all()
        )
        holders = {
            name: user_id
            for user_id, name in self._session.execute(
                select(User.id, User.name).where(User.name.in_(wanted))
            )
        }
        for row, values in named:
            wanted_name, now_called = values["name"], current.get(row.id)
            holder = holders.get(wanted_name)
            own = now_called in own_users
            if holder is None or holder == row.id:
                name = wanted_name
            elif own and wanted_name not in own_users:
                self._session.execute(  # the other laptop's user gives way (it has no keyslot here)
                    update(User).where(User.id == holder).values(name=local_user_name(wanted_name, holder))
                )
                name = wanted_name
            else:
                name = now_called if own else local_user_name(wanted_name, row.id)
            values["name"] = name
            holders[name] = row.id
            if own and name != now_called:
                self.renamed_own_users.append((str(now_called), name))
        return {
            str(now_called)
            for row, values in named
            if (now_called := current.get(row.id)) is not None
            and values["name"] != now_called
            and LOCAL_NAME_MARK not in now_called
        }

    def reclaim_name(self, freed: str) -> None:
        """A user here was renamed from `freed`: see _reclaim_names."""
        self._session.flush()  # the rename first: the name must be free in the table
        self._reclaim_names({freed} if LOCAL_NAME_MARK not in freed else set())

    def _reclaim_names(self, freed: set[str]) -> None:
        """A plain name no one here holds any more goes back to the user who had it with a suffix (two
        people shared it, and one of them was renamed), so every laptop ends with central's names. A
        change of this laptop's own naming only: nothing to send."""
        for name in sorted(freed):
            if self._session.scalar(select(User.id).where(User.name == name)) is not None:
                continue
            waiting = self._session.scalar(
                select(User.id)
                .where(User.name.startswith(f"{name}{LOCAL_NAME_MARK}", autoescape=True))
                .order_by(User.id)
                .limit(1)
            )
            if waiting is not None:
                self._session.execute(update(User).where(User.id == waiting).values(name=name))

    def record_fields(self, entity: str, row_id: uuid.UUID) -> dict[str, Any] | None:
        """A record's columns as stored here (a tombstone too), or None."""
        model = MODELS_BY_ENTITY.get(entity)
        row = self._session.get(model, row_id) if model is not None else None
        return None if row is None else {name: getattr(row, name) for name in _columns_of(entity)}

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

    def search_columns(self, encounter_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, CaseColumns]:
        """What the case search indexes for each encounter (repositories.case_terms): its person's name
        and phone, its phone swap's IMEI and receipt, its burner phone's IMEI and asset tag."""
        query = (
            select(
                Encounter.id,
                Person.given_name,
                Person.family_name,
                Person.phone,
                PhoneSwap.personal_imei,
                PhoneSwap.property_receipt_no,
                BurnerPhone.imei,
                BurnerPhone.asset_tag,
            )
            .join(Person, Encounter.person_id == Person.id)
            .outerjoin(PhoneSwap, PhoneSwap.encounter_id == Encounter.id)
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .where(_among(_table(Encounter), [encounter_id.hex for encounter_id in encounter_ids]))
        )
        return {
            encounter_id: CaseColumns(*columns) for encounter_id, *columns in self._session.execute(query)
        }
