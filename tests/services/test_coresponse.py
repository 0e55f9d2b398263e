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
from burner_desk.services import bedside, cases, coresponse, printouts, sync, users
from burner_desk.services.bedside import PersonInput
from burner_desk.storage.models import SyncConflict
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
    assert [e.subject for e in calls_on_timeline] == list(reversed(detail.co_response_calls))
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
    assert any(e.kind == "clinician note" and CLINICAL_NOTE in repr(e.subject) for e in timeline)
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


def _amended(call: coresponse.CallView, **changes: object) -> coresponse.CallInput:
    """The call as saved, with `changes`: what the call form gives when amending."""
    base = coresponse.CallInput(
        called_at=call.called_at,
        source=call.source,
        block=call.block,
        officer=call.officer,
        clinician=call.clinician,
        disposition=call.disposition,
        on_scene_minutes=call.on_scene_minutes,
        person_id=call.person_id,
        officer_cit_trained=call.officer_cit_trained,
        categories=frozenset(call.categories),
        substances=frozenset(call.substances),
        actions_taken=call.actions_taken,
        arrest_avoided=call.arrest_avoided,
        involuntary_avoided=call.involuntary_avoided,
        referral_resource_ids=tuple(referral.resource_id for referral in call.referrals),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_person_met_only_on_calls_is_found_in_cases_with_their_calls_on_one_timeline(
    program: Program,
) -> None:
    """Cases search finds them by name or phone as it finds a bedside case; their two calls (a repeat
    contact) are one timeline, each entry opens its call; police read no clinician note there."""
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    clinician = _user(program, "riley.shah", Role.CLINICIAN)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    coordinator = _user(program, "quinn.harper", Role.COORDINATOR)
    first = coresponse.record_call(
        program.uow,
        clinician,
        _call(called_at=CALL_AT - timedelta(days=20), clinician_note=CLINICAL_NOTE),
        CALL_AT - timedelta(days=20),  # the note written then too
    )
    again = _call(new_person=None, person_id=first.person_id, disposition=Disposition.REFERRAL_ONLY)
    second = coresponse.record_call(program.uow, detective, again, CALL_AT)
    survivor = bedside.record_encounter(program.uow, detective, resident(), NOW)  # met at the bedside
    coresponse.record_call(
        program.uow, detective, _call(new_person=None, person_id=survivor.person_id), CALL_AT
    )

    for query in ("ada sam", "ADA SAMPLE", "555-0142", "(703) 555 0142", "7035550142"):
        assert cases.find_cases(program.uow, detective, query) == []  # no bedside case
        (found,) = cases.find_all(program.uow, detective, query)
        assert isinstance(found, coresponse.CallPerson), query
        assert (found.person_id, found.name, found.calls) == (first.person_id, "Ada Sample", 2)
        assert found.last_call_at == CALL_AT
    assert cases.find_all(program.uow, detective, "Ad") == []  # as short as the case search refuses
    # Someone met at the bedside and on a call is their case (the calls are on its timeline), once
    (as_case,) = cases.find_all(program.uow, detective, survivor.person_name)
    assert isinstance(as_case, cases.CaseSummary) and as_case.encounter_id == survivor.encounter_id

    seen = coresponse.person_with_calls(program.uow, detective, first.person_id)
    timeline = cases.person_timeline(seen)
    assert [(entry.kind, entry.call_id) for entry in timeline] == [
        ("co-response call", first.call_id),
        ("co-response call", second.call_id),
    ]
    assert isinstance(timeline[1].subject, coresponse.CallView)
    assert timeline[1].subject.disposition is Disposition.REFERRAL_ONLY
    assert CLINICAL_NOTE not in repr(seen)
    assert ("person.view", "person", "ok") in program.audit()

    for program_side in (clinician, social_worker):  # met on a call: the program may know them
        (found,) = cases.find_all(program.uow, program_side, "Ada Sample")
        assert isinstance(found, coresponse.CallPerson)
    read = cases.person_timeline(coresponse.person_with_calls(program.uow, clinician, first.person_id))
    assert [entry.kind for entry in read] == ["co-response call", "clinician note", "co-response call"]
    assert read[1].call_id == first.call_id and CLINICAL_NOTE in repr(read[1].subject)

    with pytest.raises(NotPermitted):  # the coordinator sees figures, no person
        cases.find_all(program.uow, coordinator, "Ada Sample")
    with pytest.raises(NotPermitted):
        coresponse.person_with_calls(program.uow, coordinator, first.person_id)


def test_a_saved_call_is_amended_by_the_team_or_a_supervisor_audited_and_sent_as_an_update(
    program: Program,
) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    coordinator = _user(program, "quinn.harper", Role.COORDINATOR)
    saved = coresponse.record_call(program.uow, detective, _call(), CALL_AT)
    assert not saved.amended

    amended = coresponse.amend_call(
        program.uow,
        detective,
        saved.call_id,
        _amended(
            saved, disposition=Disposition.VOLUNTARY_TRANSPORT, block="1717 Duke St", on_scene_minutes=70
        ),
        CALL_AT,
    )

    assert (amended.disposition, amended.block, amended.on_scene_minutes) == (
        Disposition.VOLUNTARY_TRANSPORT,
        "1700 block of Duke St",  # amended to the block, as recorded
        70,
    )
    assert amended.amended and coresponse.call_detail(program.uow, detective, saved.call_id).amended
    assert ("co_response_call.update", "co_response_call", "ok") in program.audit()
    assert ("co_response_call", "update") in program.outbox()
    timeline = cases.person_timeline(coresponse.person_with_calls(program.uow, detective, saved.person_id))
    (call, *_) = timeline
    assert isinstance(call.subject, coresponse.CallView)
    assert (call.subject.disposition, call.subject.amended) == (Disposition.VOLUNTARY_TRANSPORT, True)

    supervised = coresponse.amend_call(
        program.uow, program.actor, saved.call_id, _amended(amended, arrest_avoided=False), CALL_AT
    )
    assert not supervised.arrest_avoided
    updates = [event for event in program.audit() if event[0] == "co_response_call.update"]
    coresponse.amend_call(program.uow, detective, saved.call_id, _amended(supervised), CALL_AT)
    assert [e for e in program.audit() if e[0] == "co_response_call.update"] == updates  # nothing changed

    refusals = [
        (_amended(supervised, disposition=Disposition.ARREST, arrest_avoided=True), "arrest_avoided"),
        (_amended(supervised, block=" "), "block"),
        (_amended(supervised, called_at=CALL_AT + timedelta(days=1)), "called_at"),
        (
            _amended(supervised, person_id=None, new_person=PersonInput("Bo", "Sample", "alexandria")),
            "person",
        ),
    ]
    for data, field in refusals:
        with pytest.raises(ValidationError) as refused:
            coresponse.amend_call(program.uow, detective, saved.call_id, data, CALL_AT)
        assert refused.value.field == field
    for not_the_team in (social_worker, coordinator):
        with pytest.raises(NotPermitted):
            coresponse.amend_call(program.uow, not_the_team, saved.call_id, _amended(supervised), CALL_AT)
    assert coresponse.call_detail(program.uow, detective, saved.call_id) == replace(
        supervised, clinician_notes=(), notes_withheld=True
    )


def test_a_clinician_amends_only_their_own_note_and_police_never_read_it(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    clinician = _user(program, "riley.shah", Role.CLINICIAN)
    colleague = _user(program, "sam.ortiz", Role.CLINICIAN)
    saved = coresponse.record_call(program.uow, clinician, _call(clinician_note=CLINICAL_NOTE), CALL_AT)
    (note,) = saved.clinician_notes
    assert note.by_user_id == clinician.user_id and not note.amended
    corrected = "Reports hearing voices since Saturday; safety plan agreed (sample)"

    amended = coresponse.amend_clinician_note(program.uow, clinician, note.note_id, corrected, CALL_AT)

    (now_reads,) = amended.clinician_notes
    assert (now_reads.note_id, now_reads.note, now_reads.amended) == (note.note_id, corrected, True)
    assert ("clinician_note.update", "clinician_note", "ok") in program.audit()
    assert ("clinician_note", "update") in program.outbox()
    timeline = cases.person_timeline(coresponse.person_with_calls(program.uow, clinician, saved.person_id))
    assert [e.subject for e in timeline if e.kind == "clinician note"] == [now_reads]

    for not_the_writer in (colleague, detective, program.actor):
        with pytest.raises(NotPermitted):
            coresponse.amend_clinician_note(program.uow, not_the_writer, note.note_id, "sample", CALL_AT)
    with pytest.raises(ValidationError):
        coresponse.amend_clinician_note(program.uow, clinician, note.note_id, "  ", CALL_AT)
    for police in (detective, program.actor):
        seen = coresponse.call_detail(program.uow, police, saved.call_id)
        assert seen.clinician_notes == () and corrected not in repr(seen)
    assert [
        n.note for n in coresponse.call_detail(program.uow, clinician, saved.call_id).clinician_notes
    ] == [corrected]

    # The same note amended at two desks: the Sync view shows both sides to the clinician, neither to police
    with program.uow.begin(program.actor) as tx:
        tx.add(
            SyncConflict(
                entity="clinician_note",
                entity_id=note.note_id,
                field="note",
                local_value={"value": corrected, "by": str(clinician.user_id), "at": None},
                server_value={"value": CLINICAL_NOTE, "by": str(clinician.user_id), "at": None},
            )
        )
    (shown,) = sync.conflicts(program.uow, clinician)
    assert (shown.local_value, shown.server_value) == (corrected, CLINICAL_NOTE)
    for police in (detective, program.actor):
        (shown,) = sync.conflicts(program.uow, police)
        assert corrected not in repr(shown) and CLINICAL_NOTE not in repr(shown)
