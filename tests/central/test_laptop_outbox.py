"""What a real laptop's outbox holds after a bedside encounter goes through central unchanged."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.services import bedside
from burner_desk.storage.models import OutboxMutation
from burner_desk.storage.outbox import to_wire
from burner_desk.sync import protocol
from tests.central.conftest import Central
from tests.services.conftest import NOW, Program, resident


def _outbox(program: Program) -> list[dict[str, Any]]:
    """The outbox rows as the sync client will send them: the row plus its author."""
    with Session(program.signed_in.vault.engine) as session:
        rows = session.execute(select(OutboxMutation).order_by(OutboxMutation.seq)).scalars()
        return [
            {
                "mutation_id": str(row.mutation_id),
                "entity": row.entity,
                "entity_id": str(row.entity_id),
                "op": row.op,
                "base_version": row.base_version,
                "changes": row.changes,
                "author_id": str(program.actor.user_id),
                "created_at": row.created_at.isoformat(),
            }
            for row in rows
        ]


def test_a_bedside_encounter_syncs_whole(central: Central, program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    mutations = _outbox(program)
    desk = central.enroll(users=[program.actor.user_id], role=None)  # the outbox carries the account

    results: list[dict[str, Any]] = []
    for start in range(0, len(mutations), protocol.MAX_BATCH):
        results += central.push(desk, mutations[start : start + protocol.MAX_BATCH])["results"]

    problems = [r for r in results if r["status"] != "applied"]
    assert not problems, problems[:3]
    entities = {m["entity"] for m in mutations}
    assert {"person", "encounter", "phone_swap", "consent", "follow_up", "custody_event"} <= entities
    pulled: set[tuple[str, uuid.UUID]] = set()
    cursor, more = 0, True
    while more:
        page = central.changes(desk, cursor=cursor, limit=500)
        pulled |= {(item["row"]["entity"], uuid.UUID(item["row"]["id"])) for item in page["items"]}
        cursor, more = page["cursor"], page["has_more"]
    assert pulled == {(m["entity"], uuid.UUID(m["entity_id"])) for m in mutations}


def test_a_push_reads_the_outbox_in_wire_form(program: Program) -> None:
    """storage.sync_ledger.pending reads ids and times as the text stored and puts them in wire form
    itself: they must be exactly what to_wire makes of the row's values, whole seconds and set-up writes
    without an author included."""
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    with Session(program.signed_in.vault.engine) as session, session.begin():
        first = session.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)).first()
        assert first is not None
        first.created_at = first.created_at.replace(microsecond=0)
        first.author_id = None
    with Session(program.signed_in.vault.engine) as session:
        rows = session.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)).all()
        expected = [
            (
                row.seq,
                to_wire(row.mutation_id),
                row.entity,
                to_wire(row.entity_id),
                row.op,
                row.base_version,
                row.changes,
                None if row.author_id is None else to_wire(row.author_id),
                to_wire(row.created_at),
            )
            for row in rows
        ]

    with program.uow.begin() as tx:
        pending = tx.sync.pending(0, len(expected))

    assert [(*row[:6], json.loads(row.changes_json), *row[7:]) for row in pending] == expected
    assert pending[0].author_id is None and "." not in pending[0].created_at
