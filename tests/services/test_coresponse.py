"""Co-response calls (issue 19): every disposition, a repeat contact on the survivor's timeline, clinician
notes that police roles never read, and the pilot's figures against a hand-computed set."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from burner_desk.domain.coresponse import CallSource, Category, Disposition, Substance
from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Actor, Role
from burner_desk.services import bedside, cases, coresponse, printouts, users
from burner_desk.services.bedside import PersonInput
from tests.conftest import TEST_KDF
from tests.printing.conftest import text_of
from tests.services.conftest import NOW, Program, resident

CLINICAL_NOTE = "Reports hearing voices since Sunday; safety plan agreed (sample)"
# A Thursday, 3 p.m. UTC: inside the pilot's hours wherever the tests run in UTC
CALL_AT = datetime(2026, 11, 19, 15, 0, tzinfo=UTC)


def _user(program: Program, name: str, role: Role) -> Actor:
    data = users.NewUserInput(name, f"{name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF).as_actor(program.actor.device_id)


def _call(**changes: object) -> coresponse.CallInput:
    base = coresponse.CallInput(
        called_at=CALL_AT,
        source=CallSource.DECC_DISPATCH,
        block="1234 King St",
        officer="Ofc. Dana Park (sample)",
        clinician="Riley Shah, LCSW (sample)",
        disposition=Disposition.RESOLVED_ON_SCENE,
        on_scene_minutes=45,
        new_person=PersonInput("Ada", "Sample", "alexandria", phone="(703) 555-0142"),
        officer_cit_trained=True,
        categories=frozenset({Category.MENTAL_HEALTH_CRISIS}),
        substances=frozenset({Substance.ALCOHOL}),
        actions_taken="De-escalated; called the person's sister (sample)",
        arrest_avoided=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("disposition", list(Disposition))
def test_a_call_with_every_disposition_is_saved_audited_and_synced(
    program: Program, disposition: Disposition
) -> None:
    clinician = _user(program, "riley.shah", Role.CLINICIAN)
    resource = bedside.referral_programs(program.uow, "alexandria")[0]
    data = _call(
        disposition=disposition,
        arrest_avoided=disposition is not Disposition.ARREST,
        involuntary_avoided=disposition
        not in (Disposition.EMERGENCY_CUSTODY_ORDER, Disposition.TEMPORARY_DETENTION_ORDER),
        referral_resource_ids=(resource.resource_id,),
    )

    saved = coresponse.record_call(program.uow, clinician, data, NOW.replace(year=2026, month=11, day=20))

    shown = coresponse.call_detail(program.uow, program.actor, saved.call_id)
    assert shown.disposition is disposition
    assert shown.block == "1200 block of King St"  # never the house number
    assert shown.within_pilot_hours
    assert [r.name for r in shown.referrals] == [resource.name]
    assert ("co_response_call.create", "co_response_call", "ok") in program.audit()
    assert ("co_response_call.view", "co_response_call", "ok") in program.audit()
    assert ("co_response_call", "insert") in program.outbox() and ("person", "insert") in program.outbox()
    assert program.counts()["co_response_call"] == 1


def test_bad_input_is_refused_with_its_reason_and_nothing_is_saved(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    later = CALL_AT + timedelta(hours=2)
    refusals = [
        (_call(clinician="  "), "clinician"),
        (_call(disposition=Disposition.ARREST, arrest_avoided=True), "arrest_avoided"),
        (
            _call(disposition=Disposition.TEMPORARY_DETENTION_ORDER, involuntary_avoided=True),
            "involuntary_avoided",
        ),
        (_call(on_scene_minutes=-5), "on_scene_minutes"),
        (_call(called_at=later + timedelta(hours=1)), "called_at"),
        (_call(new_person=None), "person"),
    ]
    for data, field in refusals:
        with pytest.raises(ValidationError) as refused:
            coresponse.record_call(program.uow, detective, data, later)
        assert refused.value.field == field
    with pytest.raises(NotPermitted):  # the clinician's note is the clinician's
        coresponse.record_call(program.uow, detective, _call(clinician_note=CLINICAL_NOTE), later)
    with pytest.raises(NotPermitted):  # a social worker is no co-responder
        coresponse.record_call(program.uow, social_worker, _call(), later)
    with pytest.raises(NotPermitted):  # nor searches the people on record for a call
        coresponse.find_people(program.uow, social_worker, "Ada")
    assert program.counts()["co_response_call"] == 0 and program.counts()["person"] == 0


def test_a_repeat_contact_shows_on_the_survivors_timeline(program: Program) -> None:
    """The bedside's survivor is found by name and picked: their two calls are on the case's timeline."""
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    encounter = bedside.record_encounter(program.uow, detective, resident(), NOW)
    (match,) = coresponse.find_people(program.uow, detective, encounter.person_name.split()[0])
    assert match.person_id == encounter.person_id

    first = CALL_AT - timedelta(days=30)
    for at, disposition in ((first, Disposition.REFERRAL_ONLY), (CALL_AT, Disposition.VOLUNTARY_TRANSPORT)):
        data = _call(called_at=at, disposition=disposition, new_person=None, person_id=match.person_id)
        coresponse.record_call(program.uow, detective, data, at)

    detail = cases.case_detail(program.uow, detective, encounter.encounter_id)
    assert [call.disposition for call in detail.co_response_calls] == [
        Disposition.VOLUNTARY_TRANSPORT,
        Disposition.REFERRAL_ONLY,
    ]
    calls_on_timeline = [e for e in cases.timeline(detail) if e.kind == "co-response call"]
    assert [e.at for e in calls_on_timeline] == [first, CALL_AT]
    assert "Voluntary transport" in calls_on_timeline[1].summary
    assert program.counts()["person"] == 1  # picked, not made twice

    figures = coresponse.co_response_figures(program.uow, (date(2026, 11, 1), date(2026, 12, 1)))
    assert (figures.calls, figures.repeat_contacts, figures.people_with_repeat_contacts) == (1, 1, 1)


def test_police_roles_never_read_clinician_notes(program: Program) -> None:
    """View, timeline, list, conflicts: a detective or supervisor gets the call, its disposition and
    referrals, never what the clinician wrote; the clinician (and only a clinician) writes it."""
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    clinician = _user(program, "riley.shah", Role.CLINICIAN)
    encounter = bedside.record_encounter(program.uow, detective, resident(), NOW)
    data = _call(new_person=None, person_id=encounter.person_id, clinician_note=CLINICAL_NOTE)
    saved = coresponse.record_call(program.uow, clinician, data, CALL_AT)
    coresponse.add_clinician_note(
        program.uow, clinician, saved.call_id, "Follow-up visit Friday (sample)", CALL_AT
    )
    for police in (detective, program.actor):
        with pytest.raises(NotPermitted):
            coresponse.add_clinician_note(program.uow, police, saved.call_id, "sample", CALL_AT)

    for police in (detective, program.actor):
        seen = coresponse.call_detail(program.uow, police, saved.call_id)
        assert seen.clinician_notes == () and seen.notes_withheld
        assert seen.disposition is Disposition.RESOLVED_ON_SCENE and seen.referrals == saved.referrals
        detail = cases.case_detail(program.uow, police, encounter.encounter_id)
        assert CLINICAL_NOTE not in repr(detail) and CLINICAL_NOTE not in repr(cases.timeline(detail))
        assert CLINICAL_NOTE not in repr(coresponse.recent_calls(program.uow, police))
        sheet = text_of(printouts.render_call_referral_sheet(program.uow, police, saved.call_id, "en"))
        assert "Who came today" in sheet and "Safety plan" not in sheet and "voices" not in sheet
    read = coresponse.call_detail(program.uow, clinician, saved.call_id)
    assert [note.note for note in read.clinician_notes] == [CLINICAL_NOTE, "Follow-up visit Friday (sample)"]
    timeline = cases.timeline(cases.case_detail(program.uow, clinician, encounter.encounter_id))
    assert any(e.kind == "clinician note" and CLINICAL_NOTE in e.summary for e in timeline)
    assert program.counts()["clinician_note"] == 2


def test_pilot_figures_match_a_hand_computed_set(program: Program) -> None:
    """Seven calls for four people, one of them in October (it only makes a repeat), in UTC:
    November: Ada x3 (Nov 2, Nov 20, and Oct 25 before), Ben x1, Cy x1 (Saturday), Dee x1 (9 p.m.)."""
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    people: dict[str, UUID] = {}

    def call(
        name: str, at: datetime, source: CallSource, disposition: Disposition, minutes: int, **more: object
    ) -> None:
        known = name in people
        fields: dict[str, object] = {
            "called_at": at,
            "source": source,
            "disposition": disposition,
            "on_scene_minutes": minutes,
            "arrest_avoided": False,
            "officer_cit_trained": False,
            "person_id": people[name] if known else None,
            "new_person": None if known else PersonInput(name, "Sample", "alexandria"),
            **more,
        }
        saved = coresponse.record_call(program.uow, detective, _call(**fields), at)
        people[name] = saved.person_id

    utc = UTC
    call("Ada", datetime(2026, 10, 25, 14, tzinfo=utc), CallSource.OUTREACH, Disposition.REFERRAL_ONLY, 20)
    call(
        "Ada",
        datetime(2026, 11, 2, 13, tzinfo=utc),
        CallSource.DECC_DISPATCH,
        Disposition.RESOLVED_ON_SCENE,
        30,
        arrest_avoided=True,
    )
    call(
        "Ada",
        datetime(2026, 11, 20, 13, 30, tzinfo=utc),
        CallSource.DECC_DISPATCH,
        Disposition.EMERGENCY_CUSTODY_ORDER,
        90,
        officer_cit_trained=True,
    )
    call("Ben", datetime(2026, 11, 4, 16, tzinfo=utc), CallSource.FIRST_RESPONDER, Disposition.ARREST, 60)
    call(
        "Cy",
        datetime(2026, 11, 7, 15, tzinfo=utc),
        CallSource.OUTREACH,
        Disposition.VOLUNTARY_TRANSPORT,
        40,
        involuntary_avoided=True,
    )
    call("Dee", datetime(2026, 11, 11, 21, tzinfo=utc), CallSource.DECC_DISPATCH, Disposition.REFUSED, 15)
    call(
        "Dee", datetime(2026, 12, 1, 0, 30, tzinfo=utc), CallSource.DECC_DISPATCH, Disposition.REFUSED, 10
    )  # December

    figures = coresponse.co_response_figures(program.uow, (date(2026, 11, 1), date(2026, 12, 1)), tz=utc)

    assert figures.as_json() == {
        "period": {"start": "2026-11-01", "end": "2026-12-01"},
        "calls": 5,
        "people": 4,
        "outside_pilot_hours": 2,  # Saturday the 7th; 9 p.m. on the 11th
        "by_source": {"decc_dispatch": 3, "first_responder": 1, "outreach": 1},
        "by_hour": [0] * 13 + [2, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0],
        "by_disposition": {
            "resolved_on_scene": 1,
            "voluntary_transport": 1,
            "emergency_custody_order": 1,
            "temporary_detention_order": 0,
            "arrest": 1,
            "referral_only": 0,
            "refused": 1,
        },
        "arrests": 1,
        "involuntary": 1,
        "diversions": {"arrest_avoided": 1, "involuntary_hospitalisation_avoided": 1},
        "repeat_contacts_90_days": {"calls": 2, "people": 1},  # Ada on Nov 2 (Oct 25) and Nov 20
        "cit_trained_officer": 1,
        "on_scene_minutes": {"total": 235, "median": 40.0, "mean": 47.0},
    }
    json.dumps(figures.as_json())  # ready for metrics --json


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_calls_referral_sheet_names_the_programs_and_the_team_and_is_audited(
    program: Program, lang: str
) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    resource = bedside.referral_programs(program.uow, "alexandria")[0]
    saved = coresponse.record_call(
        program.uow, detective, _call(referral_resource_ids=(resource.resource_id,)), CALL_AT
    )

    pdf = printouts.render_call_referral_sheet(program.uow, detective, saved.call_id, lang, now=CALL_AT)
    printouts.record_call_print(program.uow, detective, saved.call_id, lang, 1, printouts.Destination.PDF)

    text = text_of(pdf)
    assert "Ada Sample" in text and resource.name in text and "Riley Shah" in text and "988" in text
    assert "overdose" not in text.lower() and "sobredosis" not in text.lower()  # not the bedside's sheet
    assert ("document.save_pdf", "co_response_call", f"referral/{lang}/1") in program.audit()
