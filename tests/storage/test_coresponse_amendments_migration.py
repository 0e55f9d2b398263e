"""Revision 0018: calls and clinician's notes saved before it keep every field and read "as recorded"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.storage import migrate, vault
from burner_desk.storage.models import ClinicianNote, CoResponseCall, Person, User
from tests.storage.conftest import PASSPHRASE, USER

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
NOTE = "Agreed to a safety plan (sample)"


def test_0018_keeps_every_call_and_note_and_marks_none_amended(
    opened: vault.OpenVault, vault_dir: Path
) -> None:
    with opened.uow.begin() as tx:
        clinician = tx.add(User(name=USER, display_name="Riley Shah (sample)", role="clinician"))
        person = tx.add(Person(given_name="Ada", family_name="Sample", jurisdiction="alexandria"))
        tx.flush()
        call = tx.add(
            CoResponseCall(
                person_id=person.id,
                called_at=NOW,
                source="outreach",
                block="1200 block of King St",
                officer="Ofc. Dana Park (sample)",
                clinician="Riley Shah (sample)",
                disposition="referral_only",
                on_scene_minutes=25,
            )
        )
        tx.flush()
        tx.add(
            ClinicianNote(call_id=call.id, person_id=person.id, at=NOW, by_user_id=clinician.id, note=NOTE)
        )
    with opened.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0017")  # as a vault saved before 0018 holds them
    opened.close()

    opened = vault.unlock(vault_dir, USER, PASSPHRASE)  # upgrades to the newest revision
    try:
        with Session(opened.engine) as session:
            (kept,) = session.scalars(select(CoResponseCall)).all()
            assert (kept.id, kept.block, kept.on_scene_minutes, kept.amended_at) == (
                call.id,
                "1200 block of King St",
                25,
                None,
            )
            (note,) = session.scalars(select(ClinicianNote)).all()
            assert (note.call_id, note.note, note.amended_at) == (call.id, NOTE, None)
        assert opened.verify() is None
    finally:
        opened.close()
