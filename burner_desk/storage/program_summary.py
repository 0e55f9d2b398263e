"""The program summary's upkeep (storage.models.ProgramSummary; laptop migration 0019 made the table).

Each live encounter's flat row of the program's figures, worked out by SQLite from the tables it draws from
(`SUMMARY`). Triggers on each of them (`SOURCES`) note the encounters a write touched as stale
(`program_summary_stale`); the figures work those out again before they read (`refresh`). So a save, a
pulled record, a role change or any later code that writes these tables keeps the summary right with no
service hook, and a write pays for one small insert, not for the row: a first sync writes each encounter's
dozen records one table at a time, and working the row out at each cost it 20 s of 33 at 10,000 encounters.
What depends on the day the figures are read stays raw: a consent's end, not whether it is in force.

The triggers hold the rules (domain.metrics' stored values, domain.disclosure.POLICE) as SQL; `keep_up`,
run by storage.migrate.upgrade after migrations, replaces them and refills the summary whenever the vault's
differ from this app's. An up-to-date vault runs no migration at unlock, so a change to the triggers comes
with a laptop migration (any; tests/storage/test_program_summary_migration.py holds their fingerprint).
Migrations run with the triggers dropped (`drop_triggers`): SQLite's table rebuilds would trip over them.
"""

# ruff: noqa: S608  (SQL built from this module's own names and the domain's enum values, never from input)

from __future__ import annotations

import hashlib

from sqlalchemy import Connection

from burner_desk.domain.disclosure import POLICE
from burner_desk.domain.metrics import INTAKE_STORED, REACHED_STORED, TREATMENT_STORED

REACHED = tuple(str(value) for value in REACHED_STORED)
INTAKE = tuple(str(value) for value in INTAKE_STORED)
TREATMENT = tuple(str(value) for value in TREATMENT_STORED)
POLICE_ROLES = tuple(sorted(role.value for role in POLICE))
FOREVER = "9999-12-31"  # a consent without an end date


def _listed(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


def _seconds(column: str) -> str:
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


_POLICE = f"(SELECT id FROM user_account WHERE role IN {_listed(POLICE_ROLES)})"


def _first_contact(*where: str) -> str:
    """When the follow-up's first live attempt `where` picks reached the survivor (Unix seconds or NULL)."""
    return (
        f"(SELECT min({_seconds('a.at')}) FROM contact_attempt AS a WHERE a.follow_up_id = f.id"
        f" AND a.deleted_at IS NULL AND a.outcome IN {_listed(REACHED)}{''.join(' AND ' + w for w in where)})"
    )


def _recorded(outcomes: tuple[str, ...]) -> str:
    return (
        "EXISTS (SELECT 1 FROM contact_attempt AS a WHERE a.follow_up_id = f.id AND a.deleted_at IS NULL"
        f" AND a.outcome IN {_listed(outcomes)})"
    )


def _first_visit(*where: str) -> str:
    return (
        f"(SELECT min({_seconds('v.done_at')}) FROM home_visit AS v WHERE v.follow_up_id = f.id"
        f" AND v.done_at IS NOT NULL AND v.deleted_at IS NULL{''.join(' AND ' + w for w in where)})"
    )


COLUMNS = {
    "encounter_id": "e.id",
    "started_at": _seconds("e.started_at"),
    "jurisdiction": "p.jurisdiction",
    "consent_declined": "EXISTS (SELECT 1 FROM consent AS c WHERE c.encounter_id = e.id"
    " AND c.signed_how = 'declined' AND c.deleted_at IS NULL)",
    "phone_issued": "s.burner_phone_id IS NOT NULL",
    "phone_status": "coalesce(b.status, '')",
    "bags": "(SELECT count(*) FROM recovery_bag AS r WHERE r.encounter_id = e.id AND r.deleted_at IS NULL)",
    "naloxone_kits": "(SELECT coalesce(sum(i.quantity), 0) FROM bag_item AS i JOIN recovery_bag AS r"
    " ON r.id = i.bag_id WHERE r.encounter_id = e.id AND r.deleted_at IS NULL AND i.kind = 'naloxone'"
    " AND i.deleted_at IS NULL)",
    "due_at": _seconds("f.due_at"),
    "state": "f.state",
    # The latest end of the survivor's live, unrevoked consents (from any encounter) that share the
    # treatment outcome with police: the figures compare it with their day.
    "outcome_shared_until": f"(SELECT max(coalesce(c.expires_on, '{FOREVER}')) FROM consent AS c,"
    " json_each(c.scopes) AS scope WHERE c.person_id = e.person_id AND c.deleted_at IS NULL"
    " AND c.revoked_at IS NULL AND scope.value = 'treatment_outcome')",
    "first_reached_at": _first_contact(),
    "first_called_in_at": _first_contact("a.channel = 'survivor_called_in'"),
    "own_first_reached_at": _first_contact(f"a.by_user_id IN {_POLICE}"),
    "own_first_called_in_at": _first_contact(
        f"a.by_user_id IN {_POLICE}", "a.channel = 'survivor_called_in'"
    ),
    "intake_recorded": _recorded(INTAKE),
    "treatment_recorded": _recorded(TREATMENT),
    "first_visit_at": _first_visit(),
    "own_first_visit_at": _first_visit(f"v.created_by IN {_POLICE}"),
}

# One row per live encounter (per live phone swap and follow-up, should it have two), as the figures join.
SUMMARY = (
    f"INSERT INTO program_summary ({', '.join(COLUMNS)}) SELECT {', '.join(COLUMNS.values())}"
    " FROM encounter AS e JOIN person AS p ON p.id = e.person_id"
    " LEFT JOIN phone_swap AS s ON s.encounter_id = e.id AND s.deleted_at IS NULL"
    " LEFT JOIN burner_phone AS b ON b.id = s.burner_phone_id"
    " LEFT JOIN follow_up AS f ON f.encounter_id = e.id AND f.deleted_at IS NULL"
    " WHERE e.deleted_at IS NULL"
)

# The triggers name the SQL that works a row out, so that a change to it also makes `keep_up` refill.
SUMMARY_DIGEST = hashlib.sha256(SUMMARY.encode()).hexdigest()[:16]

# Every table the summary draws from, the encounters a row of it counts in (`{row}`: NEW or OLD), and the
# changes that matter. A phone, a person or a user is there before anything points at it (foreign keys),
# so only a change of what the summary reads of them counts.
SOURCES = {
    "encounter": ("SELECT {row}.id", ("INSERT", "UPDATE", "DELETE")),
    "consent": (
        "SELECT id FROM encounter WHERE person_id = {row}.person_id UNION SELECT {row}.encounter_id",
        ("INSERT", "UPDATE", "DELETE"),
    ),
    "phone_swap": ("SELECT {row}.encounter_id", ("INSERT", "UPDATE", "DELETE")),
    "recovery_bag": ("SELECT {row}.encounter_id", ("INSERT", "UPDATE", "DELETE")),
    "bag_item": (
        "SELECT encounter_id FROM recovery_bag WHERE id = {row}.bag_id",
        ("INSERT", "UPDATE", "DELETE"),
    ),
    "follow_up": ("SELECT {row}.encounter_id", ("INSERT", "UPDATE", "DELETE")),
    "contact_attempt": (
        "SELECT encounter_id FROM follow_up WHERE id = {row}.follow_up_id",
        ("INSERT", "UPDATE", "DELETE"),
    ),
    "home_visit": (
        "SELECT encounter_id FROM follow_up WHERE id = {row}.follow_up_id",
        ("INSERT", "UPDATE", "DELETE"),
    ),
    "person": ("SELECT id FROM encounter WHERE person_id = {row}.id", ("UPDATE OF jurisdiction",)),
    "burner_phone": (
        "SELECT encounter_id FROM phone_swap WHERE burner_phone_id = {row}.id",
        ("UPDATE OF status",),
    ),
    # Rare (a supervisor changes a role): read from the attempts' and visits' covering indexes whole.
    "user_account": (
        "SELECT encounter_id FROM follow_up WHERE id IN (SELECT follow_up_id FROM contact_attempt"
        " WHERE by_user_id = {row}.id UNION SELECT follow_up_id FROM home_visit WHERE created_by = {row}.id)",
        ("UPDATE OF role",),
    ),
}


def _trigger(table: str, event: str, affected: str) -> tuple[str, str]:
    rows = {"INSERT": ("NEW",), "DELETE": ("OLD",)}.get(event, ("OLD", "NEW"))
    encounters = " UNION ".join(affected.format(row=row) for row in rows)
    name = f"program_summary_after_{table}_{event.split()[0].lower()}"
    return name, (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN /* summary SQL {SUMMARY_DIGEST} */"
        f" INSERT OR IGNORE INTO program_summary_stale (encounter_id) {encounters}; END"
    )


TRIGGERS = dict(
    _trigger(table, event, affected) for table, (affected, events) in SOURCES.items() for event in events
)
_PREFIX = "program_summary_after_"


def _present(conn: Connection) -> dict[str, str]:
    found = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {name: sql for name, sql in found if name.startswith(_PREFIX)}


def drop_triggers(conn: Connection) -> None:
    """Before migrations run: SQLite alters a table by rebuilding it under a new name, which a trigger
    that reads the table would stop (and the rebuild would drop the table's own triggers)."""
    for name in _present(conn):
        conn.exec_driver_sql(f"DROP TRIGGER {name}")


def keep_up(conn: Connection) -> None:
    """Make the vault's triggers this app's, and fill the summary afresh, when they are not (after
    migrations ran); otherwise this is one read."""
    tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars().all()
    if "program_summary" not in tables or _present(conn) == TRIGGERS:
        return  # a revision before 0019 (a test's), or up to date
    drop_triggers(conn)
    for create in TRIGGERS.values():
        conn.exec_driver_sql(create)
    conn.exec_driver_sql("DELETE FROM program_summary")
    conn.exec_driver_sql("DELETE FROM program_summary_stale")
    conn.exec_driver_sql(SUMMARY)


def refresh(conn: Connection) -> None:
    """Work out again the rows of the encounters written since the last refresh (none: two reads)."""
    stale = "SELECT encounter_id FROM program_summary_stale"
    conn.exec_driver_sql(f"DELETE FROM program_summary WHERE encounter_id IN ({stale})")
    conn.exec_driver_sql(f"{SUMMARY} AND e.id IN ({stale})")
    conn.exec_driver_sql("DELETE FROM program_summary_stale")
