"""The Cases search index: writes add segments and never merge them, the idle settle merges them (0021)."""

from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import text

from burner_desk.storage import migrate, vault


def _segments(opened: vault.OpenVault) -> int:
    with opened.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(DISTINCT segid) FROM case_search_idx")).scalar_one())


def _index_one(opened: vault.OpenVault, n: int) -> uuid.UUID:
    """One case indexed in its own transaction, as a bedside save does (invented receipt number)."""
    encounter_id = uuid.uuid4()
    with opened.uow.begin() as tx:
        tx.search.index(encounter_id, [f"Sample{n:02d} Example", f"PR-{n:05d}"])
    return encounter_id


def _automerge(opened: vault.OpenVault) -> object:
    with opened.engine.connect() as conn:
        return conn.execute(text("SELECT v FROM case_search_config WHERE k = 'automerge'")).scalar()


def test_writes_leave_merging_to_the_idle_settle(opened: vault.OpenVault) -> None:
    encounters = [_index_one(opened, n) for n in range(8)]
    assert _segments(opened) == 8  # one per write, none merged by the writes
    opened.settle()
    assert _segments(opened) == 1
    with opened.uow.begin() as tx:
        assert [tx.search.find(f"PR-{n:05d}") for n in range(8)] == [[e] for e in encounters]


def test_0021_turns_automerge_off_and_back_on(opened: vault.OpenVault) -> None:
    assert _automerge(opened) == 0
    with opened.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0020")
    assert _automerge(opened) == 4
    migrate.upgrade(opened.engine)
    assert _automerge(opened) == 0
