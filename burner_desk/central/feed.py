"""Push (apply mutations exactly once), the change feed, and the first-sync snapshot."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.db import current_seq, next_seq
from burner_desk.central.devices import AuthenticatedDevice, record_event
from burner_desk.central.disclosure import Disclosure, index_consent
from burner_desk.central.models import AppliedMutation, Change, DeviceUser, Record
from burner_desk.central.records import ENTITY_ORDER, merge, rejection
from burner_desk.domain.people import Role
from burner_desk.storage.models import utcnow
from burner_desk.sync import protocol
from burner_desk.sync.protocol import Mutation, MutationResult, PushRequest, PushResponse

_ATTEMPTS = 3  # a concurrent insert of the same record or mutation loses the race once, then sees it


class BadPageToken(ValueError):
    pass


def push(sessions: sessionmaker[Session], device: AuthenticatedDevice, request: PushRequest) -> PushResponse:
    """Apply each mutation in its own transaction, in order, and answer for each."""
    results = []
    for mutation in request.mutations:
        results.append(_apply_once(sessions, device, mutation))
        if results[-1].status == "applied" and _adds_device_user(sessions, device, mutation):
            # The user a supervisor just added on this laptop may write from the next mutation on.
            device = replace(device, users=device.users | {mutation.entity_id})
    with sessions() as session, session.begin():
        statuses = Counter(result.status for result in results)
        record_event(session, "sync.push", device.id, **dict(sorted(statuses.items())))
        return PushResponse(results=tuple(results), cursor=current_seq(session))


def _adds_device_user(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, mutation: Mutation
) -> bool:
    """A user created on an enrolled laptop by one of its supervisors joins that laptop's users."""
    if mutation.entity != "user" or mutation.op != "insert":
        return False
    with sessions() as session, session.begin():
        author = session.get(Record, ("user", mutation.author_id))
        if author is None or author.fields.get("role") != Role.SUPERVISOR.value:
            return False
        if session.get(DeviceUser, (device.id, mutation.entity_id)) is None:
            session.add(DeviceUser(device_id=device.id, user_id=mutation.entity_id))
            record_event(session, "device.user_added", device.id, user_id=str(mutation.entity_id))
    return True


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
    if record.entity == "consent":
        index_consent(session, record.id, record.fields)
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


def changes(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, cursor: int, limit: int
) -> protocol.ChangesPage:
    """Changes after `cursor`, as this device may see them (central.disclosure). The cursor moves past
    withheld changes too, so a page can hold fewer items than were read."""
    with sessions() as session:
        page = list(
            session.execute(
                select(Change).where(Change.seq > cursor).order_by(Change.seq).limit(limit + 1)
            ).scalars()
        )
        disclosure = Disclosure(session, device)
        items = []
        for change in page[:limit]:
            fields = disclosure.shown(change.entity, change.fields)
            if fields is not None:
                row = _row(change.entity, change.entity_id, change.version, fields)
                items.append(protocol.Change(seq=change.seq, row=row))
    read_to = page[:limit][-1].seq if page else cursor
    return protocol.ChangesPage(cursor=read_to, items=tuple(items), has_more=len(page) > limit)


def _page_token(cursor: int, entity: str, record_id: uuid.UUID) -> str:
    return f"{cursor}.{entity}.{record_id}"


def _parse_page_token(token: str) -> tuple[int, str, uuid.UUID]:
    try:
        cursor, entity, record_id = token.split(".")
        if entity not in ENTITY_ORDER:
            raise ValueError(entity)
        return int(cursor), entity, uuid.UUID(record_id)
    except ValueError as exc:
        raise BadPageToken("not a snapshot page token") from exc


def snapshot(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, page: str | None, limit: int
) -> protocol.Snapshot:
    """A page of every record, parents before children (records.ENTITY_ORDER), by id within a kind.
    The cursor is read before the first page: anything committed later is also in the change feed after
    it, so nothing falls between snapshot and feed. The first page also says how many records there are."""
    with sessions() as session:
        total: int | None = None
        if page is None:
            cursor, entity, after = current_seq(session), ENTITY_ORDER[0], None
            total = session.scalar(select(func.count()).select_from(Record)) or 0
        else:
            cursor, entity, last_id = _parse_page_token(page)
            after = last_id
        records = _records_from(session, entity, after, limit + 1)
        disclosure = Disclosure(session, device)
        shown = records[:limit]
        rows = []
        for record in shown:
            fields = disclosure.shown(record.entity, record.fields)
            if fields is not None:
                rows.append(_row(record.entity, record.id, record.version, fields))
    last = shown[-1] if shown else None
    return protocol.Snapshot(
        cursor=cursor,
        rows=tuple(rows),
        next_page=_page_token(cursor, last.entity, last.id) if last and len(records) > limit else None,
        total=total,
    )


def _records_from(session: Session, entity: str, after: uuid.UUID | None, count: int) -> list[Record]:
    """Up to `count` records from (entity, after) on, crossing into the following kinds as needed; each
    query walks the (entity, id) primary key."""
    found: list[Record] = []
    for kind in ENTITY_ORDER[ENTITY_ORDER.index(entity) :]:
        query = select(Record).where(Record.entity == kind).order_by(Record.id).limit(count - len(found))
        if after is not None and kind == entity:
            query = query.where(Record.id > after)
        found += session.execute(query).scalars()
        if len(found) >= count:
            break
    return found
