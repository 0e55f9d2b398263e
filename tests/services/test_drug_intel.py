"""Drug intelligence on a case: detectives log it, police see the last 14 days by substance and stamp, a
social worker gets nothing, and the report has no place for a source's name."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest

from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Actor, Role
from burner_desk.services import bedside, cases, disclosure, drug_intel, users
from burner_desk.services.drug_intel import DrugIntelInput
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW, Program, non_resident, resident


def _user(program: Program, name: str, role: Role) -> Actor:
    data = users.NewUserInput(name, f"{name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF).as_actor(program.actor.device_id)


M30 = DrugIntelInput("Fentanyl", colour="blue", stamp="M30", packaging="loose pills", area_obtained="Route 1")


def test_a_detective_logs_a_call_on_the_case_and_it_syncs(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    case = bedside.record_encounter(program.uow, detective, resident(), NOW)

    logged = drug_intel.log_report(
        program.uow, detective, case.encounter_id, dataclasses.replace(M30, effects="  passed out fast "), NOW
    )

    assert (logged.substance, logged.stamp, logged.effects) == ("Fentanyl", "M30", "passed out fast")
    assert logged.incident_id is not None and logged.encounter_id == case.encounter_id
    assert drug_intel.reports_for_case(program.uow, detective, case.encounter_id) == (logged,)
    assert ("drug_intel_report", "insert") in program.outbox()
    trail = program.audit()
    assert ("drug_intel_report.create", "drug_intel_report", "ok") in trail
    assert ("drug_intel_report.view", "encounter", "ok") in trail


def test_no_field_can_hold_a_source_name() -> None:
    fields = {field.name for field in dataclasses.fields(DrugIntelInput)}
    assert fields == {"substance", "colour", "stamp", "packaging", "effects", "area_obtained", "notes"}
    assert not any("source" in name or "seller" in name or "dealer" in name for name in fields)


def test_the_substance_is_required(program: Program) -> None:
    case = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    with pytest.raises(ValidationError, match="substance"):
        drug_intel.log_report(program.uow, program.actor, case.encounter_id, DrugIntelInput("  "), NOW)


def test_a_social_worker_can_neither_log_nor_see_drug_intelligence(program: Program) -> None:
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    case = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    drug_intel.log_report(program.uow, program.actor, case.encounter_id, M30, NOW)

    for call in (
        lambda: drug_intel.log_report(program.uow, social_worker, case.encounter_id, M30, NOW),
        lambda: drug_intel.reports_for_case(program.uow, social_worker, case.encounter_id),
        lambda: drug_intel.recent(program.uow, social_worker, NOW),
        lambda: drug_intel.circulating(program.uow, social_worker, NOW - timedelta(days=1)),
    ):
        with pytest.raises(NotPermitted, match="police only"):
            call()


def test_the_last_14_days_grouped_by_substance_and_stamp_with_their_cases(program: Program) -> None:
    first = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    second = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)

    def log(encounter_id: object, data: DrugIntelInput, days_ago: float) -> None:
        at = NOW - timedelta(days=days_ago)
        drug_intel.log_report(program.uow, program.actor, encounter_id, data, at)  # type: ignore[arg-type]

    log(first.encounter_id, M30, 1)
    log(second.encounter_id, DrugIntelInput(" fentanyl ", colour="light blue", stamp="m30"), 2)
    log(second.encounter_id, DrugIntelInput("Xylazine", stamp=""), 3)
    log(first.encounter_id, DrugIntelInput("Heroin", stamp="Batman"), 15)  # outside the window

    groups = drug_intel.recent(program.uow, program.actor, NOW)

    assert [(g.substance, g.stamp, g.count) for g in groups] == [("Fentanyl", "M30", 2), ("Xylazine", "", 1)]
    assert groups[0].colours == ("blue", "light blue")
    assert groups[0].areas == ("Route 1",)
    assert [r.encounter_id for r in groups[0].reports] == [first.encounter_id, second.encounter_id]
    assert drug_intel.circulating(program.uow, program.actor, NOW - timedelta(days=2, hours=1)) == [
        ("Fentanyl", "M30", 2)
    ]


def test_the_case_shows_its_reports_to_police_only(program: Program) -> None:
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    case = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    logged = drug_intel.log_report(
        program.uow, program.actor, case.encounter_id, M30, NOW + timedelta(hours=5)
    )

    police = cases.case_detail(program.uow, program.actor, case.encounter_id)
    program_view = cases.case_detail(program.uow, social_worker, case.encounter_id)

    assert police.drug_intel == (logged,)
    assert cases.TimelineEntry(logged.reported_at, "drug intel", logged) in cases.timeline(police)
    assert program_view.drug_intel == ()
    assert all(entry.kind != "drug intel" for entry in cases.timeline(program_view))


def test_a_sync_conflict_about_a_report_shows_a_social_worker_nothing(program: Program) -> None:
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    values = ("M30", "M-30")
    with program.uow.begin() as tx:
        seen = {
            actor.role: disclosure.conflict_values(
                tx, actor, "drug_intel_report", uuid.uuid4(), "stamp", values, NOW.date()
            )
            for actor in (program.actor, social_worker)
        }
    assert seen[Role.SUPERVISOR] == values
    assert seen[Role.SOCIAL_WORKER] == (disclosure.WITHHELD_FROM_PROGRAM,) * 2


def test_the_detective_who_logged_a_call_corrects_it_and_the_correction_syncs(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    case = bedside.record_encounter(program.uow, detective, resident(), NOW)
    logged = drug_intel.log_report(program.uow, detective, case.encounter_id, M30, NOW)
    assert drug_intel.may_correct(detective, logged) and drug_intel.may_correct(program.actor, logged)

    corrected = drug_intel.correct_report(
        program.uow, detective, logged.id, dataclasses.replace(M30, stamp=" M-30 ", colour="")
    )

    assert (corrected.stamp, corrected.colour, corrected.reported_at) == ("M-30", "", logged.reported_at)
    assert drug_intel.reports_for_case(program.uow, detective, case.encounter_id) == (corrected,)
    assert ("drug_intel_report", "update") in program.outbox()
    assert ("drug_intel_report.correct", "drug_intel_report", "ok") in program.audit()
    with pytest.raises(ValidationError, match="substance"):
        drug_intel.correct_report(program.uow, detective, logged.id, DrugIntelInput(" "))


def test_only_the_detective_who_logged_it_or_a_supervisor_corrects_or_withdraws_it(program: Program) -> None:
    author = _user(program, "jordan.lee", Role.DETECTIVE)
    colleague = _user(program, "sam.ortiz", Role.DETECTIVE)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    case = bedside.record_encounter(program.uow, author, resident(), NOW)
    logged = drug_intel.log_report(program.uow, author, case.encounter_id, M30, NOW)

    assert not drug_intel.may_correct(colleague, logged)
    with pytest.raises(NotPermitted, match="only the drug intelligence reports they logged"):
        drug_intel.correct_report(program.uow, colleague, logged.id, dataclasses.replace(M30, stamp="K9"))
    with pytest.raises(NotPermitted, match="only the drug intelligence reports they logged"):
        drug_intel.withdraw_report(program.uow, colleague, logged.id, NOW)
    with pytest.raises(NotPermitted, match="police only"):
        drug_intel.withdraw_report(program.uow, social_worker, logged.id, NOW)
    assert drug_intel.reports_for_case(program.uow, author, case.encounter_id) == (logged,)

    by_supervisor = drug_intel.correct_report(
        program.uow, program.actor, logged.id, dataclasses.replace(M30, stamp="K9")
    )
    assert by_supervisor.stamp == "K9" and by_supervisor.logged_by == author.user_id


def test_a_withdrawn_call_leaves_the_case_the_grouping_and_what_spike_alerts_name(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    case = bedside.record_encounter(program.uow, detective, resident(), NOW)
    kept = drug_intel.log_report(program.uow, detective, case.encounter_id, M30, NOW - timedelta(hours=2))
    wrong = drug_intel.log_report(
        program.uow, detective, case.encounter_id, DrugIntelInput("Xylazine", stamp="Z"), NOW
    )

    drug_intel.withdraw_report(program.uow, detective, wrong.id, NOW + timedelta(minutes=5))

    assert drug_intel.reports_for_case(program.uow, detective, case.encounter_id) == (kept,)
    assert [(g.substance, g.count) for g in drug_intel.recent(program.uow, detective, NOW)] == [
        ("Fentanyl", 1)
    ]
    assert drug_intel.circulating(program.uow, detective, NOW - timedelta(days=1)) == [("Fentanyl", "M30", 1)]
    assert ("drug_intel_report", "delete") in program.outbox()
    assert ("drug_intel_report.withdraw", "drug_intel_report", "ok") in program.audit()
