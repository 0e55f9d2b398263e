"""Revision 0015: the incident's free-text drug-intel notes move into drug_intel_report records, nothing
lost; notes central never received travel as the report's own insert, not on the incident's."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from burner_desk.domain.drug_intel import folded_notes_id
from burner_desk.storage import migrate, vault
from burner_desk.storage.models import DrugIntelReport, Encounter, Incident, OutboxMutation, Person, User
from tests.storage.conftest import PASSPHRASE, USER

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SENT_NOTES = "Blue pills stamped M30, bought near the station (sample)"
UNSENT_NOTES = "White powder, said it burned (sample)"


def _case(opened: vault.OpenVault, detective: User, notes: str, substance: str) -> Incident:
    with opened.uow.begin() as tx:
        person = tx.add(Person(given_name="Ada", family_name="Sample", jurisdiction="alexandria"))
        incident = tx.add(Incident(occurred_at=NOW, suspected_substance=substance, drug_intel_notes=notes))
        tx.flush()
        tx.add(
            Encounter(
                incident_id=incident.id,
                person_id=person.id,
                detective_id=detective.id,
                hospital="Inova Alexandria",
                started_at=NOW,
            )
        )
    return incident


def test_0015_moves_drug_intel_notes_into_reports_and_loses_nothing(
    opened: vault.OpenVault, vault_dir: Path
) -> None:
    with opened.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0014")
    with opened.uow.begin() as tx:
        detective = tx.add(User(name=USER, display_name="Det. Sam Rivera (sample)", role="detective"))
    sent = _case(opened, detective, SENT_NOTES, "")
    with opened.engine.begin() as conn:  # this one reached central: nothing of it waits in the outbox
        conn.execute(delete(OutboxMutation).where(OutboxMutation.entity_id == sent.id))
    unsent = _case(opened, detective, UNSENT_NOTES, "fentanyl")
    silent = _case(opened, detective, "", "heroin")
    opened.close()

    opened = vault.unlock(vault_dir, USER, PASSPHRASE)  # upgrades to the newest revision
    try:
        with Session(opened.engine) as session:
            reports = {r.incident_id: r for r in session.scalars(select(DrugIntelReport))}
            assert set(reports) == {sent.id, unsent.id}
            assert (reports[sent.id].notes, reports[sent.id].substance) == (SENT_NOTES, "not named")
            assert (reports[unsent.id].notes, reports[unsent.id].substance) == (UNSENT_NOTES, "fentanyl")
            assert reports[unsent.id].id == folded_notes_id(unsent.id)  # the id central's 0010 gives
            assert reports[unsent.id].created_by == detective.id
            assert reports[unsent.id].reported_at == NOW
            notes = session.scalars(select(Incident.drug_intel_notes)).all()
            assert notes == ["", "", ""]
            outbox = session.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)).all()
            incident_notes = [m.changes.get("drug_intel_notes") for m in outbox if m.entity == "incident"]
            assert incident_notes == [None, [None, ""]]  # the unsent notes left; the silent one's empty
            report_inserts = [m for m in outbox if m.entity == "drug_intel_report"]
            assert [(m.entity_id, m.op) for m in report_inserts] == [(folded_notes_id(unsent.id), "insert")]
            assert report_inserts[0].changes["notes"] == [None, UNSENT_NOTES]
            assert report_inserts[0].changes["incident_id"] == [None, str(unsent.id)]
            assert silent.id not in reports
        assert opened.verify() is None
    finally:
        opened.close()
