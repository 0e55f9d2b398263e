"""Every query a view runs uses an index on the tables that grow with the caseload.

The views' service calls run on a small vault while a listener keeps each SELECT; each is then asked for
SQLite's plan (EXPLAIN QUERY PLAN). With no ANALYZE statistics SQLite plans as if every table were large,
so the plan seen here is the plan a 100,000-encounter vault gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event

from burner_desk.domain.metrics import Period
from burner_desk.services import bedside, cases, followup, inventory, overview, resources, spikes, sync, today
from burner_desk.services.program import figures as program_figures
from tests.services.conftest import NOW, Program, non_resident, resident

# Tables whose rows grow with every encounter (or every action, for the trail and the outbox).
GROWING = {
    "person", "family_contact", "incident", "encounter", "phone_swap", "consent", "referral",
    "custody_event", "handout_given", "follow_up", "contact_attempt", "home_visit", "recovery_bag",
    "bag_item", "burner_phone", "audit_event", "outbox", "spike_response", "program_summary",
    "co_response_call",
}  # fmt: skip

_SCAN = re.compile(r"^SCAN (\w+)(?: USING (COVERING )?INDEX \w+)?")


def full_scans(plan_details: list[str], statement: str) -> set[str]:
    """The growing tables this plan reads whole. A scan of a narrow covering index (a count) or an
    index walked in order under a LIMIT (the newest few) or for a count does not read the table; but
    whatever is sorted afterwards (a temp B-tree) was read whole first, LIMIT or not."""
    sorted_after = any(detail.startswith("USE TEMP B-TREE FOR ORDER BY") for detail in plan_details)
    limited = re.search(r"\bLIMIT\b", statement, re.IGNORECASE) is not None
    counted = "count(" in statement.lower()
    tables = set()
    for detail in plan_details:
        scan = _SCAN.match(detail)
        if scan is None or scan.group(1) not in GROWING:
            continue
        walked_in_order = " USING " in detail and (limited or counted) and not sorted_after
        if scan.group(2) or walked_in_order:
            continue
        tables.add(scan.group(1))
    return tables


@pytest.fixture
def views(program: Program) -> dict[str, Callable[[], Any]]:
    met = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    uow, actor = program.uow, program.actor
    return {
        "signed in (the main window's header)": lambda: overview.load(program.signed_in),
        "today": lambda: today.load(uow, actor, NOW),
        "search by name": lambda: cases.find_all(uow, actor, "Quinlan"),
        "search by phone": lambda: cases.find_all(uow, actor, "555-0161"),
        "open a case": lambda: cases.case_detail(uow, actor, met.encounter_id),
        "calls": lambda: followup.calls(uow, actor, NOW),
        "phones": lambda: inventory.phones_page(uow),
        "phones, next page": lambda: inventory.phones_page(uow, after="BD-0001"),
        "bags": lambda: inventory.bags_page(uow),
        "bags, next page": lambda: inventory.bags_page(uow, after="RB-01"),
        "handouts": lambda: inventory.handouts(uow),
        "resources": lambda: resources.directory(uow, "alexandria"),
        "sync status": lambda: sync.status(uow),
        "program figures": lambda: program_figures(
            uow, actor, Period(NOW.date().replace(day=1), NOW.date()), NOW
        ),
        "spike alerts": lambda: spikes.board(uow, NOW),
    }


@pytest.fixture
def selects(program: Program) -> Iterator[list[tuple[str, Any]]]:
    engine = program.signed_in.vault.engine
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    yield seen
    event.remove(engine, "before_cursor_execute", keep)


def test_no_view_reads_a_growing_table_whole(
    program: Program, views: dict[str, Callable[[], Any]], selects: list[tuple[str, Any]]
) -> None:
    scanned: set[tuple[str, str]] = set()
    for name, view in views.items():
        selects.clear()
        view()
        assert selects, f"{name} ran no query: the listener missed it"
        with program.signed_in.vault.engine.connect() as conn:
            for statement, parameters in selects:
                plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                scanned |= {(name, table) for table in full_scans(plan, statement)}
    assert scanned == set()


def test_the_program_figures_read_the_summary_from_its_index_alone(
    program: Program, views: dict[str, Callable[[], Any]], selects: list[tuple[str, Any]]
) -> None:
    """A year's figures read each encounter's summary row (laptop migration 0019) from the index that holds
    every column, in start-time order, and never the attempts or visits."""
    views["program figures"]()
    with program.signed_in.vault.engine.connect() as conn:
        plans = [
            row[3]
            for statement, parameters in selects
            for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        ]
    summary = [detail for detail in plans if re.match(r"(SEARCH|SCAN) program_summary\b", detail)]
    assert summary == [
        "SEARCH program_summary USING COVERING INDEX ix_program_summary_figures (started_at>? AND started_at<?)"
    ]
    assert not [detail for detail in plans if re.search(r"\b(contact_attempt|home_visit|consent)\b", detail)]


def test_the_summary_triggers_recompute_one_encounter_through_indexes(program: Program) -> None:
    """Every save runs the triggers of the tables it writes: each statement in them finds the encounters
    a row counts in, and works their summary out, through indexes (a role change, which is rare, reads the
    attempts' and visits' narrow covering indexes whole)."""
    engine = program.signed_in.vault.engine
    scanned: set[tuple[str, str]] = set()
    with engine.connect() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'program_summary_%'"
        ).all()
        assert len(triggers) == 27
        for name, sql in triggers:
            body = sql[sql.index(" BEGIN ") + len(" BEGIN ") : sql.rindex(" END")]
            for statement in filter(None, (part.strip() for part in body.split(";"))):
                statement = re.sub(r"\b(NEW|OLD)\.\w+", "NULL", statement)
                plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement)]
                scanned |= {(name, table) for table in full_scans(plan, statement)}
    assert scanned == set()


@pytest.mark.parametrize(
    ("plan", "statement", "scanned"),
    [
        (["SCAN encounter"], "SELECT count(*) FROM encounter", {"encounter"}),
        (["SCAN outbox USING COVERING INDEX sqlite_autoindex_outbox_1"], "SELECT count(*) FROM outbox", set()),
        (["SCAN encounter USING INDEX ix_encounter_live_started"], "SELECT * FROM encounter LIMIT ?", set()),
        (["SCAN burner_phone USING INDEX sqlite_autoindex_burner_phone_2"], "SELECT * FROM burner_phone", {"burner_phone"}),
        (["SEARCH recovery_bag USING INDEX ix_recovery_bag_encounter_id (encounter_id=?)"], "SELECT 1", set()),
        (["SCAN user_account"], "SELECT * FROM user_account", set()),  # a handful of users
        (
            ["SCAN person USING INDEX sqlite_autoindex_person_1", "USE TEMP B-TREE FOR ORDER BY"],
            "SELECT person.*, count(call.id) FROM person JOIN call GROUP BY person.id ORDER BY 1 LIMIT ?",
            {"person"},
        ),
    ],
)  # fmt: skip
def test_what_counts_as_reading_a_table_whole(plan: list[str], statement: str, scanned: set[str]) -> None:
    assert full_scans(plan, statement) == scanned


def test_today_counts_the_phones_in_stock_without_reading_them(
    views: dict[str, Callable[[], Any]], selects: list[tuple[str, Any]]
) -> None:
    """Today shows how many phones are in stock; a department's stock is not loaded, record by record,
    to count it."""
    views["today"]()
    phone_reads = [statement for statement, _ in selects if re.search(r"\bFROM burner_phone\b", statement)]
    assert phone_reads, "Today no longer reads the stock: this test no longer tests anything"
    assert all(re.match(r"\s*SELECT count\(\*\) AS count_1\s+FROM burner_phone\b", s) for s in phone_reads)
