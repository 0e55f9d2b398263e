"""Push (apply mutations exactly once), the change feed, and the first-sync snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.db import current_seq, next_seq
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.models import AppliedMutation, Change, Record
from burner_desk.central.records import merge, rejection
from burner_desk.storage.models import utcnow
from burner_desk.sync import protocol
from burner_desk.sync.protocol import Mutation, MutationResult, PushRequest, PushResponse

_ATTEMPTS = 3  # a concurrent insert of the same record or mutation loses the race once, then sees it


class BadPageToken(ValueError):
    pass


def push(sessions: sessionmaker[Session], device: AuthenticatedDevice, request: PushRequest) -> PushResponse:
    """Apply each mutation in its own transaction, in order, and answer for each."""
    results = tuple(_apply_once(sessions, device, mutation) for mutation in request.mutations)
    with sessions() as session:
        return PushResponse(results=results, cursor=current_seq(session))


def _apply_once(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, mutation: Mutation
) -> MutationResult:
    for attempt in range(_ATTEMPTS):
        try:
            with sessions() as session, session.begin():
                return _apply(session, device, mutation)
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _apply(session: Session, device: AuthenticatedDevice, mutation: Mutation) -> MutationResult:
    done = session.get(AppliedMutation, (device.id, mutation.mutation_id))
    if done is not None:
        return MutationResult.model_validate_json(done.result)
    result = _result(session, device, mutation)
    if result.status != "deferred":  # a deferred mutation comes again later and must then be applied
        session.add(
            AppliedMutation(
                device_id=device.id, mutation_id=mutation.mutation_id, result=result.model_dump_json()
            )
        )
    return result


def _result(session: Session, device: AuthenticatedDevice, mutation: Mutation) -> MutationResult:
    def answer(status: protocol.MutationResultStatus, **extra: Any) -> MutationResult:
        return MutationResult(mutation_id=mutation.mutation_id, status=status, **extra)

    reason = rejection(mutation, device.users)
    if reason is not None:
        return answer("rejected", reason=reason)
    record = session.get(Record, (mutation.entity, mutation.entity_id), with_for_update=True)
    if record is None and mutation.op != "insert":
        return answer("deferred", reason="the record is not on central yet")
    outcome = merge(mutation, record.fields if record else None, record.authors if record else {})
    conflicts = tuple(outcome.conflicts)
    if not outcome.writes:
        version = record.version if record else None
        return answer("conflict" if conflicts else "duplicate", version=version, conflicts=conflicts)
    now = utcnow()
    stamp = {"by": str(mutation.author_id), "at": mutation.created_at.isoformat()}
    if record is None:
        outcome.writes["created_by"] = outcome.writes.get("created_by") or str(mutation.author_id)
        record = Record(
            entity=mutation.entity,
            id=mutation.entity_id,
            version=0,
            fields={},
            authors={},
            device_id=device.id,
            updated_at=now,
        )
        session.add(record)
    stamped = {"device_id": str(record.device_id), "updated_at": now.isoformat()}
    # New dicts, not in-place edits: the JSON columns are not mutation-tracked.
    record.fields = record.fields | outcome.writes | stamped
    record.authors = record.authors | dict.fromkeys(outcome.writes, stamp)
    record.version += 1
    record.updated_at = now
    session.flush()
    # Taken last, so the clock row stays locked for as short a time as possible.
    session.add(
        Change(
            seq=next_seq(session),
            entity=record.entity,
            entity_id=record.id,
            version=record.version,
            fields=record.fields,
        )
    )
    return answer("conflict" if conflicts else "applied", version=record.version, conflicts=conflicts)


def _row(entity: str, entity_id: uuid.UUID, version: int, fields: dict[str, Any]) -> protocol.Row:
    return protocol.Row(entity=entity, id=entity_id, version=version, fields=fields)


def changes(sessions: sessionmaker[Session], cursor: int, limit: int) -> protocol.ChangesPage:
    with sessions() as session:
        rows = session.execute(
            select(Change).where(Change.seq > cursor).order_by(Change.seq).limit(limit + 1)
        ).scalars()
        page = list(rows)
    items = tuple(
        protocol.Change(seq=c.seq, row=_row(c.entity, c.entity_id, c.version, c.fields)) for c in page[:limit]
    )
    return protocol.ChangesPage(
        cursor=items[-1].seq if items else cursor, items=items, has_more=len(page) > limit
    )


def _page_token(cursor: int, record: Record) -> str:
    return f"{cursor}.{record.entity}.{record.id}"


def _parse_page_token(token: str) -> tuple[int, str, uuid.UUID]:
    try:
        cursor, entity, record_id = token.split(".")
        return int(cursor), entity, uuid.UUID(record_id)
    except ValueError as exc:
        raise BadPageToken("not a snapshot page token") from exc


def snapshot(sessions: sessionmaker[Session], page: str | None, limit: int) -> protocol.Snapshot:
    """A page of every record, in (entity, id) order. The cursor is read before the first page: anything
    committed later is also in the change feed after it, so nothing falls between snapshot and feed."""
    with sessions() as session:
        query = select(Record).order_by(Record.entity, Record.id).limit(limit + 1)
        if page is None:
            cursor = current_seq(session)
        else:
            cursor, entity, record_id = _parse_page_token(page)
            query = query.where(
                or_(Record.entity > entity, and_(Record.entity == entity, Record.id > record_id))
            )
        records = list(session.execute(query).scalars())
    shown = records[:limit]
    return protocol.Snapshot(
        cursor=cursor,
        rows=tuple(_row(r.entity, r.id, r.version, r.fields) for r in shown),
        next_page=_page_token(cursor, shown[-1]) if len(records) > limit else None,
    )
