"""The change feed and the first-sync snapshot: central's records down to a laptop, as that laptop may
see them (central.disclosure). Pushes come in through central.push."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.db import (
    current_seq,
)
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.disclosure import Disclosure
from burner_desk.central.models import Change, Record
from burner_desk.central.records import ENTITY_ORDER
from burner_desk.sync import protocol
from burner_desk.sync.protocol import UUID_TEXT


class BadPageToken(ValueError):
    pass


# Pages are encoded without validation (protocol.changes_page_body, snapshot_body): every field was
# checked when the mutation that wrote it came in, and a first sync sends a hundred thousand records (the
# laptop still validates what it receives).


def changes(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, cursor: int, limit: int
) -> protocol.EncodedPage:
    """Changes after `cursor`, as this device may see them (central.disclosure). The cursor moves past
    withheld changes too, so a page can hold fewer items than were read."""
    with sessions() as session:
        page = session.execute(
            select(Change.seq, Change.entity, Change.entity_id, Change.version, Change.fields)
            .where(Change.seq > cursor)
            .order_by(Change.seq)
            .limit(limit + 1)
        ).all()
        disclosure = Disclosure(session, device)
        items = []
        for seq, entity, entity_id, version, fields in page[:limit]:
            shown = disclosure.shown(entity, fields)
            if shown is not None:
                items.append((seq, (entity, entity_id, version, shown)))
    read_to = page[:limit][-1].seq if page else cursor
    return protocol.changes_page_body(read_to, items, has_more=len(page) > limit)


def _page_token(cursor: int, entity: str, record_id: uuid.UUID) -> str:
    return f"{cursor}.{entity}.{record_id}"


# Exactly what _page_token writes: int() and uuid.UUID() alone would also take "+1", " 1", "1_0", braces
_PAGE_TOKEN = re.compile(rf"(0|[1-9][0-9]{{0,18}})\.([a-z_]+)\.({UUID_TEXT})")


def _parse_page_token(token: str) -> tuple[int, str, uuid.UUID]:
    matched = _PAGE_TOKEN.fullmatch(token)
    if matched is None or int(matched[1]) > protocol.MAX_CURSOR or matched[2] not in ENTITY_ORDER:
        raise BadPageToken("the page parameter is not a snapshot page token")
    return int(matched[1]), matched[2], uuid.UUID(matched[3])


def snapshot(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, page: str | None, limit: int
) -> protocol.EncodedPage:
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
        for kind, record_id, version, fields in shown:
            visible = disclosure.shown(kind, fields)
            if visible is not None:
                rows.append((kind, record_id, version, visible))
    last = shown[-1] if shown else None
    next_page = _page_token(cursor, last.entity, last.id) if last and len(records) > limit else None
    return protocol.snapshot_body(cursor, rows, next_page, total)


_RecordRow = Row[str, uuid.UUID, int, dict[str, Any]]  # entity, id, version, fields


def _records_from(session: Session, entity: str, after: uuid.UUID | None, count: int) -> list[_RecordRow]:
    """Up to `count` records (entity, id, version, fields) from (entity, after) on, crossing into the
    following kinds as needed; each query walks the (entity, id) primary key."""
    found: list[_RecordRow] = []
    for kind in ENTITY_ORDER[ENTITY_ORDER.index(entity) :]:
        query = (
            select(Record.entity, Record.id, Record.version, Record.fields)
            .where(Record.entity == kind)
            .order_by(Record.id)
            .limit(count - len(found))
        )
        if after is not None and kind == entity:
            query = query.where(Record.id > after)
        found += session.execute(query).all()
        if len(found) >= count:
            break
    return found
