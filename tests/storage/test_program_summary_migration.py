"""Revision 0019: a vault saved before it gets each encounter's program summary filled, and the same
figures; and a vault whose triggers are not this app's gets them at its upgrade."""

from __future__ import annotations

import hashlib
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from burner_desk.domain.metrics import as_json
from burner_desk.services import access, program
from burner_desk.storage import migrate, program_summary
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE
from tests.program_caseload import NOW, PERIOD, record_caseload


def test_0019_fills_the_summary_of_a_vault_saved_before_it_with_the_same_figures(
    signed_in: access.SignedIn, vault_dir: Path
) -> None:
    load = record_caseload(signed_in)
    figures = as_json(program.figures(signed_in.uow, load.supervisor, PERIOD, NOW))
    with signed_in.vault.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0018")  # as a vault saved before 0019 holds it
        assert "program_summary" not in inspect(conn).get_table_names()
    signed_in.vault.close()

    reopened = access.sign_in(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE)  # upgrades to the newest
    try:
        assert migrate.current_revision(reopened.vault.engine) == migrate.head_revision()
        assert as_json(program.figures(reopened.uow, load.supervisor, PERIOD, NOW)) == figures
        assert reopened.vault.verify() is None
    finally:
        reopened.vault.close()


def test_an_upgrade_gives_a_vault_with_other_triggers_this_apps_and_the_summary_afresh(
    signed_in: access.SignedIn,
) -> None:
    """As after an app update that changed the rules: the triggers are replaced and the summary refilled."""
    load = record_caseload(signed_in)
    uow, engine = signed_in.uow, signed_in.vault.engine
    figures = as_json(program.figures(uow, load.supervisor, PERIOD, NOW))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER program_summary_after_contact_attempt_insert")
        conn.exec_driver_sql("UPDATE program_summary SET bags = 99")

    migrate.upgrade(engine)

    with engine.connect() as conn:
        triggers = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        assert dict(triggers.all()) == program_summary.TRIGGERS
    assert as_json(program.figures(uow, load.supervisor, PERIOD, NOW)) == figures


# An up-to-date vault runs no migration at unlock, so its triggers (and the summary SQL they name) stay as
# they are until one runs.
TRIGGERS_FINGERPRINT = "231e459cda9e28f605c36d2318534d2201607c62d81666b6e3535ec03e2d6ae1"


def test_a_change_to_the_summary_triggers_comes_with_a_laptop_migration() -> None:
    found = hashlib.sha256("\n".join(sorted(program_summary.TRIGGERS.values())).encode()).hexdigest()
    assert found == TRIGGERS_FINGERPRINT, (
        "storage.program_summary's triggers or summary SQL changed: add a laptop migration (any change) so that every vault "
        "gets them at its upgrade (storage.migrate), then update TRIGGERS_FINGERPRINT"
    )
