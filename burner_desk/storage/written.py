"""Which kinds of record a transaction wrote, for domain.changes once it commits (see `UnitOfWork.begin`).

Seen as rows are flushed (outbox rows included) and as INSERT, UPDATE or DELETE statements run; the
pull's driver-level writes, which neither sees, are noted by the sync ledger itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from burner_desk.storage.models import AuditEvent, AuditHead, Base

WRITTEN_KEY = "written"  # session.info key: the kinds of record this transaction wrote
# Every audited read appends to the audit chain: writing it changes nothing a view shows.
UNANNOUNCED = frozenset({AuditEvent.__tablename__, AuditHead.__tablename__})
# A kind of record goes by its wire name ("user", not its table "user_account"); bookkeeping by its table.
KIND_OF_TABLE: dict[str, str] = {
    model.__tablename__: getattr(model, "__entity__", model.__tablename__)
    for model in (mapper.class_ for mapper in Base.registry.mappers)
}


def note_written(session: Session, kinds: Iterable[str]) -> None:
    session.info.setdefault(WRITTEN_KEY, set()).update(set(kinds) - UNANNOUNCED)


def taken(session: Session) -> set[str]:
    """What the transaction wrote, once: the session may begin another."""
    written: set[str] = session.info.pop(WRITTEN_KEY, set())
    return written


def _flushed(session: Session, _flush: UOWTransaction, *_: Any) -> None:
    # After the flush the new, dirty and deleted lists still hold what it wrote.
    touched = [*session.new, *session.deleted]
    touched += [row for row in session.dirty if session.is_modified(row, include_collections=False)]
    note_written(session, (KIND_OF_TABLE[type(row).__tablename__] for row in touched))


def _statement(execute: ORMExecuteState) -> None:
    if execute.is_insert or execute.is_update or execute.is_delete:
        table: Any = getattr(execute.statement, "table", None)
        if table is not None:
            note_written(execute.session, [KIND_OF_TABLE.get(table.name, table.name)])


def install(session_factory: Any) -> None:
    event.listen(session_factory, "after_flush", _flushed)
    event.listen(session_factory, "do_orm_execute", _statement)
