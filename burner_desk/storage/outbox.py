"""Outbox capture: every flushed change to a synced row becomes an outbox mutation in the same transaction.

Done in a `before_flush` listener, so no service can forget it and autoflush mid-service loses nothing.
The same listener stamps `updated_at`, `created_by` and `device_id`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Date, LargeBinary, Table, Uuid, event, insert, inspect
from sqlalchemy.orm import Session

from burner_desk.domain.ids import new_id
from burner_desk.storage.models import (
    OutboxMutation,
    SyncedColumns,
    User,
    UTCDateTime,
    central_user_name,
    utcnow,
)

ACTOR_KEY = "actor"  # session.info key: (user_id, device_id) of whoever is writing
FROM_CENTRAL_KEY = "from_central"  # session.info key: rows pulled from central are not changes to push
BOOKKEEPING = frozenset({"updated_at", "version"})


def to_wire(value: Any) -> Any:
    """JSON-safe form of a column value, as it goes into the outbox and over the wire."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def text_parser(kind: Any) -> Callable[[str], Any] | None:
    """The inverse of to_wire for a column type it turns into text (ValueError on a bad value); None for
    the types whose wire form is the value itself."""
    if isinstance(kind, Uuid):
        return uuid.UUID
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, LargeBinary):
        return bytes.fromhex
    return None


def _columns(obj: SyncedColumns) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _apply_defaults(obj: SyncedColumns) -> None:
    """Column defaults normally fill in during INSERT; the outbox needs the real values before that."""
    for column in inspect(obj).mapper.columns:
        default = column.default
        if default is None or getattr(obj, column.key) is not None:
            continue
        if default.is_scalar:
            setattr(obj, column.key, default.arg)
        elif default.is_callable:
            setattr(obj, column.key, default.arg(None))


def wire_fields(obj: SyncedColumns) -> dict[str, Any]:
    """Every field of a synced row in wire form, as central holds the record."""
    return {name: to_wire(getattr(obj, name)) for name in _columns(obj)}


def _insert_changes(obj: SyncedColumns) -> dict[str, Any]:
    return {name: [None, value] for name, value in wire_fields(obj).items() if name not in BOOKKEEPING}


def _update_changes(obj: SyncedColumns) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for name in _columns(obj):
        if name in BOOKKEEPING:
            continue
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if isinstance(obj, User) and name == "name" and old is not None:
            old = central_user_name(old)  # central holds it without this laptop's suffix
        if old != new:
            changes[name] = [to_wire(old), to_wire(new)]
    return changes


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(FROM_CENTRAL_KEY):
        return  # central's own values, stamps included: nothing to send back
    actor: tuple[uuid.UUID, uuid.UUID] | None = session.info.get(ACTOR_KEY)
    author = actor[0] if actor is not None else None
    now = utcnow()
    mutations: list[dict[str, Any]] = []
    for obj in list(session.new):
        if isinstance(obj, SyncedColumns):
            _apply_defaults(obj)
            obj.created_at = obj.created_at or now
            obj.updated_at = obj.created_at
            if actor is not None:
                obj.created_by = obj.created_by or actor[0]
                obj.device_id = obj.device_id or actor[1]
            mutations.append(_mutation(obj, "insert", _insert_changes(obj), author))
    for obj in list(session.dirty):
        if isinstance(obj, SyncedColumns) and session.is_modified(obj, include_collections=False):
            changes = _update_changes(obj)
            if not changes:
                continue
            obj.updated_at = now
            op = "delete" if "deleted_at" in changes and obj.deleted_at is not None else "update"
            mutations.append(_mutation(obj, op, changes, author))
    for obj in session.deleted:
        if isinstance(obj, SyncedColumns):
            raise RuntimeError(f"{obj.__entity__} rows are never hard-deleted; set deleted_at instead")
    if mutations:
        # One executemany on the table, not ORM rows: the ORM must read back each new row's `seq`, which
        # SQLite cannot return in order for a batch, so it would send one INSERT per mutation (17 for a
        # bedside save). Nothing reads the session's copy of a mutation.
        session.execute(insert(cast(Table, OutboxMutation.__table__)), mutations)


def _mutation(
    obj: SyncedColumns, op: str, changes: dict[str, Any], author: uuid.UUID | None
) -> dict[str, Any]:
    """An outbox row's columns."""
    return {
        "mutation_id": new_id(),  # time-ordered, as audit event ids: appended at the index's right edge
        "entity": obj.__entity__,
        "entity_id": obj.id,
        "op": op,
        "base_version": obj.version or 0,
        "changes": changes,
        "created_at": utcnow(),
        "author_id": author,
    }


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
