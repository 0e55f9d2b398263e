"""Alembic migrations: an older vault is upgraded on open, data intact; a newer vault is refused."""

from __future__ import annotations

import json
import shutil
import textwrap
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from burner_desk.domain.errors import VaultDamaged, VaultError
from burner_desk.domain.opening_hours import from_record
from burner_desk.printing import hours
from burner_desk.storage import migrate, vault
from burner_desk.storage.models import Base, Encounter, FollowUp, HomeVisit, Incident, Person, User
from tests.storage.conftest import PASSPHRASE, USER, sha256

ADD_NICKNAME = """
    # Rebuild the table (as SQLite must for most changes) while encounters point at its rows.
    with op.batch_alter_table("person", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(80), nullable=False, server_default=""))
"""
SHIPPED = migrate.head_revision()  # the newest revision this app ships
NEXT = "9999"  # a revision written by a newer app, on top of it
ORPHAN_ENCOUNTERS = """
    op.execute("DELETE FROM person")
"""


def _scripts_with_second_revision(tmp_path: Path, body: str) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    revision = '"""second revision (test)"""\n\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
    revision += (
        f'revision = "{NEXT}"\ndown_revision = "{SHIPPED}"\nbranch_labels = None\ndepends_on = None\n\n\n'
    )
    revision += "def upgrade() -> None:\n" + textwrap.indent(textwrap.dedent(body).strip(), "    ") + "\n"
    (scripts / "versions" / f"{NEXT}_test.py").write_text(revision, encoding="utf-8")
    return scripts


@pytest.fixture
def first_revision_vault(opened: vault.OpenVault, vault_dir: Path) -> Path:
    """A vault at the shipped revision holding a person with an encounter that references it."""
    assert migrate.current_revision(opened.engine) == SHIPPED
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with opened.uow.begin() as tx:
        detective = tx.add(User(name=USER, display_name="Det. Sam Rivera (sample)", role="detective"))
        person = tx.add(Person(given_name="Ada", family_name="Sample", jurisdiction="alexandria"))
        incident = tx.add(Incident(occurred_at=now))
        tx.flush()
        encounter = tx.add(
            Encounter(
                incident_id=incident.id,
                person_id=person.id,
                detective_id=detective.id,
                hospital="Inova Alexandria",
                started_at=now,
            )
        )
        tx.record("encounter.create", encounter)
    opened.close()
    return vault_dir


def _scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def test_second_revision_upgrades_with_data_intact(first_revision_vault: Path, tmp_path: Path) -> None:
    scripts = _scripts_with_second_revision(tmp_path, ADD_NICKNAME)
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    try:
        migrate.upgrade(opened.engine, script_location=scripts)
        assert migrate.current_revision(opened.engine) == NEXT
        with opened.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT person.given_name, person.nickname, encounter.hospital "
                    "FROM encounter JOIN person ON person.id = encounter.person_id"
                )
            ).all()
            assert [tuple(row) for row in rows] == [("Ada", "", "Inova Alexandria")]
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # switched back on after
        with opened.uow.begin() as tx:
            assert tx.verify_audit_chain() is None
    finally:
        opened.close()


def test_upgrade_that_would_orphan_rows_is_rolled_back(first_revision_vault: Path, tmp_path: Path) -> None:
    scripts = _scripts_with_second_revision(tmp_path, ORPHAN_ENCOUNTERS)
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    try:
        with pytest.raises(VaultDamaged) as caught:
            migrate.upgrade(opened.engine, script_location=scripts)
        assert str(caught.value) == (
            "The schema upgrade would leave 1 broken reference(s) in table encounter; "
            "the vault was left as it was."
        )
        assert migrate.current_revision(opened.engine) == SHIPPED
        assert _scalar(opened.engine, "SELECT count(*) FROM person") == 1
        assert _scalar(opened.engine, "PRAGMA foreign_keys") == 1
    finally:
        opened.close()


def test_vault_from_a_newer_app_is_refused_untouched(first_revision_vault: Path, tmp_path: Path) -> None:
    scripts = _scripts_with_second_revision(tmp_path, ADD_NICKNAME)
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    migrate.upgrade(opened.engine, script_location=scripts)
    opened.close()
    before = sha256(first_revision_vault / vault.DB_FILE)

    with pytest.raises(VaultError) as caught:  # this app only knows up to SHIPPED
        vault.unlock(first_revision_vault, USER, PASSPHRASE)
    assert str(caught.value) == (
        f"This vault has schema revision {NEXT}, written by a newer version of burner_desk. "
        "Update the app before opening it."
    )
    assert sha256(first_revision_vault / vault.DB_FILE) == before


def test_opening_upgrades_to_head_idempotently(first_revision_vault: Path) -> None:
    hashes = []
    for _ in range(3):
        opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
        try:
            assert migrate.current_revision(opened.engine) == migrate.head_revision()
            assert _scalar(opened.engine, "SELECT count(*) FROM alembic_version") == 1
            assert opened.verify() is None
        finally:
            opened.close()
        hashes.append(sha256(first_revision_vault / vault.DB_FILE))
    assert hashes[0] == hashes[1] == hashes[2]  # an open with nothing to migrate writes nothing


HOME_VISIT_BEFORE_0006 = sa.table(
    "home_visit",
    sa.column("id", sa.Uuid()),
    sa.column("follow_up_id", sa.Uuid()),
    sa.column("scheduled_for", sa.DateTime()),
    sa.column("done_at", sa.DateTime()),
    sa.column("team_members", sa.JSON()),
    sa.column("naloxone_training_given", sa.Boolean()),
    sa.column("ride_to_treatment", sa.Boolean()),
    sa.column("note", sa.Text()),
    sa.column("created_at", sa.DateTime()),
    sa.column("updated_at", sa.DateTime()),
    sa.column("version", sa.Integer()),
)


def test_0006_gives_old_home_visits_empty_details_and_keeps_them(opened: vault.OpenVault) -> None:
    """A visit written by the app before 0006 (plain team names, no address) is read after the upgrade."""
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with opened.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0005")
    with opened.uow.begin() as tx:
        detective = tx.add(User(name=USER, display_name="Det. Sam Rivera (sample)", role="detective"))
        person = tx.add(Person(given_name="Ada", family_name="Sample", jurisdiction="alexandria"))
        incident = tx.add(Incident(occurred_at=now))
        tx.flush()
        encounter = tx.add(
            Encounter(
                incident_id=incident.id,
                person_id=person.id,
                detective_id=detective.id,
                hospital="Inova",
                started_at=now,
            )
        )
        tx.flush()
        follow_up = tx.add(FollowUp(encounter_id=encounter.id, person_id=person.id, due_at=now, state="open"))
    visit_id = uuid.uuid4()
    with opened.engine.begin() as conn:
        conn.execute(
            HOME_VISIT_BEFORE_0006.insert().values(
                id=visit_id,
                follow_up_id=follow_up.id,
                scheduled_for=now.replace(tzinfo=None),
                done_at=None,
                team_members=["Det. Sam Rivera", "Casey Nguyen"],
                naloxone_training_given=False,
                ride_to_treatment=True,
                note="",
                created_at=now.replace(tzinfo=None),
                updated_at=now.replace(tzinfo=None),
                version=0,
            )
        )

    migrate.upgrade(opened.engine)

    assert migrate.current_revision(opened.engine) == migrate.head_revision()
    with opened.uow.begin() as tx:
        visit = tx.get(HomeVisit, visit_id)
        assert (visit.team_members, visit.address, visit.people_met, visit.naloxone_trained) == (
            ["Det. Sam Rivera", "Casey Nguyen"],
            "",
            "",
            "",
        )
        assert (visit.ride_offered, visit.ride_to_treatment) == (False, True)


def test_the_migrated_schema_is_the_models_schema(opened: vault.OpenVault) -> None:
    with opened.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The search index is an FTS5 table the models do not describe (storage.repositories.CaseSearch).
    assert [
        d for d in differences if not (d[0] == "remove_table" and d[1].name.startswith("case_search"))
    ] == []


def test_unlock_leaves_the_reference_check_to_migrations_and_verify(first_revision_vault: Path) -> None:
    """Every reference is checked when a migration ran and by `verify`, not at every unlock (1.3 s on a
    100,000-encounter vault)."""
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    with opened.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("DELETE FROM person")  # the encounter now points at nobody
        raw.commit()
        raw.execute("PRAGMA foreign_keys = ON")
    opened.close()

    reopened = vault.unlock(first_revision_vault, USER, PASSPHRASE)  # no migration: no check, no refusal
    try:
        assert reopened.verify() == "1 broken reference(s), the first in table encounter"
    finally:
        reopened.close()


def test_an_up_to_date_vault_unlocks_without_reading_the_migration_scripts(
    first_revision_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alembic reads every script each time it is asked (~200 ms per unlock with three such reads): the
    newest revision is read once per process (the app does it while the unlock window is up), and an
    unlock with nothing to migrate compares the vault's revision with it and runs nothing."""
    migrate.head_revision()
    read: list[object] = []
    from_config = ScriptDirectory.from_config
    monkeypatch.setattr(ScriptDirectory, "from_config", lambda *args: read.append(args) or from_config(*args))
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    try:
        assert migrate.current_revision(opened.engine) == SHIPPED
    finally:
        opened.close()
    assert read == []


def test_0007_keeps_the_free_text_hours_of_older_directory_records(
    opened: vault.OpenVault, vault_dir: Path
) -> None:
    """A vault from before the hours had structure: its records keep their text, which still reads (and
    prints in Spanish) after the upgrade; nothing is rewritten."""
    with opened.engine.connect() as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "0006")
    with opened.engine.begin() as conn:
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(resource)"))}
        assert "opening_hours" not in columns
        conn.execute(
            text(
                "INSERT INTO resource (id, name, kind, jurisdiction, phone, phone_24h, address, hours, languages, "
                "url, sample_data, created_at, updated_at, version) VALUES (:id, 'Old Program (sample)', "
                "'treatment', 'alexandria', '+17035550130', '', '', 'Mon–Fri 8:00–17:00; walk-in 8:00–11:00', "
                "'[]', '', 1, :now, :now, 1)"
            ),
            {"id": "0" * 32, "now": datetime(2026, 1, 5, 9, 0)},
        )
    opened.close()

    reopened = vault.unlock(vault_dir, USER, PASSPHRASE)  # upgrades to the head
    try:
        assert migrate.current_revision(reopened.engine) == migrate.head_revision()
        with reopened.engine.connect() as conn:
            row = conn.execute(text("SELECT hours, opening_hours, hours_notes FROM resource")).one()
        assert row.hours == "Mon–Fri 8:00–17:00; walk-in 8:00–11:00"  # kept as it was
        read = from_record(json.loads(row.opening_hours), json.loads(row.hours_notes), row.hours)
        assert hours.in_words(read, "es").replace("\u00a0", " ") == (
            "de lunes a viernes, de 8:00 a. m. a 5:00 p. m.; sin cita: de 8:00 a 11:00 a. m."
        )
    finally:
        reopened.close()


def test_a_vault_from_before_parked_rows_keeps_its_conflicts_and_learns_their_kinds(
    first_revision_vault: Path,
) -> None:
    """Revision 0008 adds the parked-record table and conflict kinds: a change central refused (no field)
    becomes kind "refused", a two-sided one "field"; nothing else changes."""
    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)
    with opened.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0003")
        for field in ("", "stock"):
            conn.execute(
                text(
                    "INSERT INTO sync_conflict (id, entity, entity_id, field, local_value, server_value, "
                    "detected_at) VALUES (:id, 'handout', :entity_id, :field, '{}', '{}', '2026-01-01')"
                ),
                {"id": uuid.uuid4().hex, "entity_id": uuid.uuid4().hex, "field": field},
            )
    opened.close()

    opened = vault.unlock(first_revision_vault, USER, PASSPHRASE)  # upgrades to the newest revision
    try:
        with opened.engine.connect() as conn:
            kinds = conn.execute(text("SELECT field, kind FROM sync_conflict ORDER BY field")).all()
            assert [tuple(row) for row in kinds] == [("", "refused"), ("stock", "field")]
            assert conn.execute(text("SELECT count(*) FROM parked_row")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM encounter")).scalar() == 1
        assert opened.verify() is None
    finally:
        opened.close()
