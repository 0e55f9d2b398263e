"""Revision 0019: a vault saved before it gets each encounter's program summary filled, and the same
figures; the rules frozen in its triggers are still the domain's."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from burner_desk.domain.disclosure import POLICE
from burner_desk.domain.metrics import INTAKE_STORED, REACHED_STORED, TREATMENT_STORED, as_json
from burner_desk.services import access, program
from burner_desk.storage import migrate
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE
from tests.program_caseload import NOW, PERIOD, record_caseload
from tests.services.test_program_summary import MIGRATION


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


def test_the_triggers_name_the_stored_values_the_domain_counts() -> None:
    """The triggers hold the rules as SQL: a change to these needs a migration that recreates them."""
    assert (MIGRATION.REACHED, MIGRATION.INTAKE, MIGRATION.TREATMENT) == (
        REACHED_STORED,
        INTAKE_STORED,
        TREATMENT_STORED,
    )
    assert set(MIGRATION.POLICE_ROLES) == {role.value for role in POLICE}
