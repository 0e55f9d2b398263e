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
    assert (
        "drug intel",
        "Drug intel call: Fentanyl (blue, stamp M30, loose pills); obtained: Route 1",
    ) in [(entry.kind, entry.summary) for entry in cases.timeline(police)]
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
