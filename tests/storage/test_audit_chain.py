"""The hash-chained audit log: edits, insertions and deletions made behind the app's back are found."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, text

from burner_desk.storage import vault
from tests.storage.conftest import add_person

Tamper = Callable[[Connection], None]


@pytest.fixture
def audited(opened: vault.OpenVault) -> vault.OpenVault:
    """Five audit events: seq 1..5."""
    for name in ("Ada", "Bea", "Cy", "Dot", "Eli"):
        add_person(opened, name)
    return opened


def _forge_event(conn: Connection, seq: int, prev_hash: str) -> None:
    """What someone with write access but without the audit key can do: a well-formed row, a guessed hash."""
    conn.execute(
        text(
            "INSERT INTO audit_event (seq, id, at, action, entity, outcome, prev_hash, hash) "
            "VALUES (:seq, :id, '2026-11-27 09:00:00.000000', 'person.view', 'person', 'ok', :prev, :hash)"
        ),
        {"seq": seq, "id": f"{seq:032x}", "prev": prev_hash, "hash": "f" * 64},
    )


def _edit_action(conn: Connection) -> None:
    conn.execute(text("UPDATE audit_event SET action = 'person.view' WHERE seq = 3"))


def _append_forged(conn: Connection) -> None:
    head_hash = conn.execute(text("SELECT hash FROM audit_head")).scalar_one()
    _forge_event(conn, 6, head_hash)
    conn.execute(text("UPDATE audit_head SET seq = 6, hash = :hash"), {"hash": "f" * 64})


def _insert_forged_in_the_middle(conn: Connection) -> None:
    # Make room at seq 3 (two steps, because seq is the primary key), then slot the forgery in.
    conn.execute(text("UPDATE audit_event SET seq = seq + 100 WHERE seq >= 3"))
    conn.execute(text("UPDATE audit_event SET seq = seq - 99 WHERE seq >= 100"))
    prev = conn.execute(text("SELECT hash FROM audit_event WHERE seq = 2")).scalar_one()
    _forge_event(conn, 3, prev)
    conn.execute(text("UPDATE audit_head SET seq = 6"))


def _delete_middle(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_event WHERE seq = 3"))


def _delete_last(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_event WHERE seq = 5"))


def _delete_head(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_head"))


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (_edit_action, "audit event 3 (person.view) was altered"),
        (_append_forged, "audit event 6 (person.view) was altered"),
        (_insert_forged_in_the_middle, "audit event 3 (person.view) was altered"),
        (_delete_middle, "audit event 3 is missing"),
        (_delete_last, "audit events after 4 were deleted (head says 5)"),
        (_delete_head, "audit head is missing"),
    ],
    ids=["edited", "appended", "inserted", "deleted-middle", "deleted-last", "deleted-head"],
)
def test_verify_names_the_tampered_event(audited: vault.OpenVault, tamper: Tamper, reason: str) -> None:
    assert audited.verify() is None
    with audited.engine.begin() as conn:
        tamper(conn)
    assert audited.verify() == reason


def test_edited_timestamp_is_detected(audited: vault.OpenVault) -> None:
    with audited.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET at = '2020-01-01 00:00:00.000000' WHERE seq = 2"))
    assert audited.verify() == "audit event 2 (person.create) was altered"


@pytest.mark.parametrize("table", ["audit_event", "outbox"])
def test_new_rows_get_unique_time_ordered_ids(opened: vault.OpenVault, table: str) -> None:
    """UUIDv7 (domain.ids.new_id): an index on them grows at its right edge, not on random pages."""
    started_ms = time.time_ns() // 1_000_000
    for name in ("Ada", "Bea", "Cy", "Dot", "Eli"):
        add_person(opened, name)
    finished_ms = time.time_ns() // 1_000_000
    column = "id" if table == "audit_event" else "mutation_id"
    with opened.engine.connect() as conn:
        stored = conn.execute(text(f"SELECT {column} FROM {table} ORDER BY seq")).scalars().all()  # noqa: S608
    ids = [uuid.UUID(hex=value) for value in stored]
    stamps = [value.int >> 80 for value in ids]  # the 48-bit Unix milliseconds
    assert len(ids) >= 5
    assert len(set(ids)) == len(ids)
    assert {value.version for value in ids} == {7}
    assert stamps == sorted(stamps)
    assert started_ms <= stamps[0] and stamps[-1] <= finished_ms
