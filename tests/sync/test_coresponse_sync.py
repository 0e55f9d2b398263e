"""Co-response calls through a real central: the call and its person reach every laptop; the clinician's
notes reach the program's client and never another police laptop (42 CFR Part 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from burner_desk.central import models
from burner_desk.domain.people import Role
from burner_desk.services import access, coresponse, users
from burner_desk.storage.models import CoResponseCall
from tests.conftest import TEST_KDF
from tests.services.test_coresponse import CALL_AT, CLINICAL_NOTE, _call
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker, new_laptop


@pytest.fixture
def desks(live_central: LiveCentral, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Laptop]]:
    """The team's laptop (where the clinician writes), another police laptop, the program's client."""
    team, police = new_laptop(tmp_path / "team", "acorp-car"), new_laptop(tmp_path / "police", "desk-7")
    program = new_laptop(tmp_path / "program", "program-client")
    worker = add_social_worker(program)
    team.enroll(live_central)
    police.enroll(live_central)
    program.enroll(live_central, treatment_program=True)
    program.signed_in.vault.close()
    program.signed_in = access.sign_in(tmp_path / "program", worker.user_name, "Cedar-Orchard-0102")
    yield team, police, program
    for laptop in (team, police, program):
        if not laptop.signed_in.vault.closed:
            laptop.signed_in.vault.close()


def _rows(laptop: Laptop) -> tuple[int, list[str]]:
    """The calls this laptop holds, and the clinician notes on them (as stored, whoever signs in)."""
    with laptop.signed_in.uow.begin() as tx:
        call_ids = [call.id for call, _ in tx.co_response.calls()]
        return len(call_ids), [note.note for note in tx.co_response.notes(call_ids)]


def test_a_call_round_trips_and_its_clinician_notes_stay_off_police_laptops(
    live_central: LiveCentral, desks: tuple[Laptop, Laptop, Laptop]
) -> None:
    team, police, program = desks
    clinician = users.add_user(
        team.signed_in,
        users.NewUserInput(
            "riley.shah", "Riley Shah (sample)", Role.CLINICIAN, "", "", "Sample pass 2 phrase"
        ),
        kdf=TEST_KDF,
    ).as_actor(team.signed_in.actor.device_id)
    saved = coresponse.record_call(
        team.signed_in.uow, clinician, _call(clinician_note=CLINICAL_NOTE), CALL_AT
    )

    for laptop in (team, police, program):
        laptop.sync()

    with live_central.db() as session:
        held = {record.entity for record in session.scalars(select(models.Record))}
    assert {"co_response_call", "clinician_note", "person"} <= held  # central keeps it for the program
    assert _rows(police) == (1, [])  # the call, never the note
    assert _rows(program) == (1, [CLINICAL_NOTE])
    assert _rows(team) == (1, [CLINICAL_NOTE])  # where it was written; the signed-in role decides there
    with police.signed_in.uow.begin() as tx:
        pulled = tx.get(CoResponseCall, saved.call_id)
        assert (pulled.disposition, pulled.block) == ("resolved_on_scene", "1200 block of King St")
        assert not tx.co_response.notes([saved.call_id])
    shown = coresponse.call_detail(police.signed_in.uow, police.signed_in.actor, saved.call_id)
    assert shown.referrals == saved.referrals and shown.clinician_notes == ()
    on_team = coresponse.call_detail(team.signed_in.uow, team.signed_in.actor, saved.call_id)
    assert on_team.notes_withheld and on_team.clinician_notes == ()  # its supervisor is police
