"""Co-response calls through a real central: the call and its person reach every laptop; the clinician's
notes reach the program's client and never another police laptop (42 CFR Part 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from burner_desk.central import models
from burner_desk.domain.coresponse import Disposition
from burner_desk.domain.people import Actor, Role
from burner_desk.services import access, coresponse, users
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import CoResponseCall
from tests.conftest import TEST_KDF
from tests.services.test_coresponse import CALL_AT, CLINICAL_NOTE, _amended, _call
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


def _clinician(team: Laptop) -> Actor:
    return users.add_user(
        team.signed_in,
        users.NewUserInput(
            "riley.shah", "Riley Shah (sample)", Role.CLINICIAN, "", "", "Sample pass 2 phrase"
        ),
        kdf=TEST_KDF,
    ).as_actor(team.signed_in.actor.device_id)


def test_a_call_round_trips_and_its_clinician_notes_stay_off_police_laptops(
    live_central: LiveCentral, desks: tuple[Laptop, Laptop, Laptop]
) -> None:
    team, police, program = desks
    clinician = _clinician(team)
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
    assert not shown.amended  # pulled as it was recorded
    on_team = coresponse.call_detail(team.signed_in.uow, team.signed_in.actor, saved.call_id)
    assert on_team.notes_withheld and on_team.clinician_notes == ()  # its supervisor is police


def test_amendments_round_trip_and_a_note_amended_stays_off_police_laptops(
    desks: tuple[Laptop, Laptop, Laptop],
) -> None:
    """The team's supervisor corrects the call, the clinician their note: both reach central as updates
    and every laptop as amended; the note, amended, still never reaches another police laptop."""
    team, police, program = desks
    clinician = _clinician(team)
    saved = coresponse.record_call(
        team.signed_in.uow, clinician, _call(clinician_note=CLINICAL_NOTE), CALL_AT
    )
    for laptop in (team, police, program):
        laptop.sync()
    corrected = "Reports hearing voices since Saturday; safety plan agreed (sample)"

    coresponse.amend_call(
        team.signed_in.uow,
        team.signed_in.actor,
        saved.call_id,
        _amended(saved, disposition=Disposition.VOLUNTARY_TRANSPORT, on_scene_minutes=70),
        CALL_AT,
    )
    (note,) = saved.clinician_notes
    coresponse.amend_clinician_note(team.signed_in.uow, clinician, note.note_id, corrected, CALL_AT)
    for laptop in (team, police, program):
        assert laptop.sync().conflicts == 0

    assert _rows(police) == (1, [])
    assert _rows(program) == (1, [corrected]) and _rows(team) == (1, [corrected])
    for laptop in (police, program):
        shown = coresponse.call_detail(laptop.signed_in.uow, laptop.signed_in.actor, saved.call_id)
        assert (shown.disposition, shown.on_scene_minutes) == (Disposition.VOLUNTARY_TRANSPORT, 70)
        assert shown.amended
    read = coresponse.call_detail(program.signed_in.uow, program.signed_in.actor, saved.call_id)
    assert [(n.note, n.amended) for n in read.clinician_notes] == [(corrected, True)]


def test_two_desks_amending_one_field_of_a_call_is_a_conflict_a_person_settles(
    desks: tuple[Laptop, Laptop, Laptop],
) -> None:
    team, police, _program = desks
    saved = coresponse.record_call(team.signed_in.uow, team.signed_in.actor, _call(), CALL_AT)
    team.sync()
    police.sync()
    pulled = coresponse.call_detail(police.signed_in.uow, police.signed_in.actor, saved.call_id)

    coresponse.amend_call(
        team.signed_in.uow, team.signed_in.actor, saved.call_id, _amended(saved, on_scene_minutes=60), CALL_AT
    )
    coresponse.amend_call(
        police.signed_in.uow,
        police.signed_in.actor,
        saved.call_id,
        _amended(pulled, on_scene_minutes=50, block="1900 King St"),
        CALL_AT,
    )
    team.sync()
    report = police.sync()

    assert report.conflicts == 1
    [conflict] = [  # (both desks' supervisors were set up as sam.rivera: a sign-in name held twice too)
        c for c in sync_service.conflicts(police.signed_in.uow, police.signed_in.actor) if c.entity != "user"
    ]
    assert (conflict.entity, conflict.field) == ("co_response_call", "on_scene_minutes")
    assert (conflict.server_value, conflict.local_value) == (60, 50)
    sync_service.resolve_conflict(police.signed_in.uow, police.signed_in.actor, conflict.id, "local")
    police.sync()
    team.sync()
    for laptop in (team, police):  # the other field merged; the settled one is this desk's
        shown = coresponse.call_detail(laptop.signed_in.uow, laptop.signed_in.actor, saved.call_id)
        assert (shown.on_scene_minutes, shown.block) == (50, "1900 block of King St")
