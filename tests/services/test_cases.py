from dataclasses import replace

import pytest

from burner_desk.services import bedside, cases
from tests.services.conftest import NOW, PERSONAL_IMEI, PHONE_IMEIS, Program, non_resident, resident


@pytest.fixture
def two_cases(program: Program) -> tuple[bedside.EncounterView, bedside.EncounterView]:
    first = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    other = non_resident()
    other = replace(other, person=replace(other.person, phone="(571) 555-0177"))
    return first, bedside.record_encounter(program.uow, program.actor, other, NOW)


@pytest.mark.parametrize(
    "query",
    [
        "Avery Quinlan",
        "quinlan",
        "(703) 555-0123",
        "703-555-0123",
        "+1 703 555 0123",
        "7035550123",
        PERSONAL_IMEI,
        PHONE_IMEIS[0],
        "BD-0001",
        "PR-2025-0001",
    ],
)
def test_search_by_name_phone_imei_and_receipt_finds_the_right_case(
    program: Program, two_cases: tuple[bedside.EncounterView, bedside.EncounterView], query: str
) -> None:
    found = cases.find_cases(program.uow, program.actor, query)
    assert [c.encounter_id for c in found] == [two_cases[0].encounter_id]
    assert found[0].person_name == "Avery Quinlan (sample)"
    assert found[0].burner_asset_tag == "BD-0001"


def test_non_resident_is_found_by_their_phone(
    program: Program, two_cases: tuple[bedside.EncounterView, bedside.EncounterView]
) -> None:
    (found,) = cases.find_cases(program.uow, program.actor, "571 555 0177")
    assert (found.encounter_id, found.jurisdiction, found.property_receipt_no) == (
        two_cases[1].encounter_id,
        "arlington",
        None,
    )
    assert cases.find_cases(program.uow, program.actor, "ab") == []
    assert cases.find_cases(program.uow, program.actor, "nobody by this name") == []


def test_the_latest_recorded_case_comes_first(program: Program) -> None:
    """A phone met again lists its cases latest first, and the limit keeps the latest (the index stops
    there instead of scoring every match)."""
    again = non_resident(handouts=(), family_contacts=())
    recorded = [bedside.record_encounter(program.uow, program.actor, again, NOW) for _ in range(3)]
    found = cases.find_cases(program.uow, program.actor, non_resident().person.phone)
    assert [c.encounter_id for c in found] == [view.encounter_id for view in reversed(recorded)]
    latest_two = cases.find_cases(program.uow, program.actor, non_resident().person.phone, limit=2)
    assert [c.encounter_id for c in latest_two] == [recorded[2].encounter_id, recorded[1].encounter_id]


def test_sql_looking_text_is_stored_and_found_verbatim(program: Program) -> None:
    nasty = "Robert'); DROP TABLE person;--"
    data = resident()
    data = replace(
        data,
        person=replace(data.person, given_name=nasty, family_name='O"Brien (sample)'),
        incident=replace(data.incident, suspected_substance="1' OR '1'='1 \" MATCH * NEAR("),
    )
    view = bedside.record_encounter(program.uow, program.actor, data, NOW)

    for query in (nasty, "DROP TABLE", 'O"Brien', "'); DROP"):
        assert [c.encounter_id for c in cases.find_cases(program.uow, program.actor, query)] == [
            view.encounter_id
        ]
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert (detail.person.given_name, detail.person.family_name) == (nasty, 'O"Brien (sample)')
    assert detail.incident is not None
    assert detail.incident.suspected_substance == "1' OR '1'='1 \" MATCH * NEAR("
    assert program.counts()["person"] == 1


def test_case_view_is_audited(
    program: Program, two_cases: tuple[bedside.EncounterView, bedside.EncounterView]
) -> None:
    detail = cases.case_detail(program.uow, program.actor, two_cases[0].encounter_id)
    assert program.audit()[-1] == ("case.view", "encounter", "ok")
    assert detail.person.phone == "(703) 555-0123"
    assert detail.burner_phone is not None and detail.burner_phone.imei == PHONE_IMEIS[0]
    assert detail.recovery_bag is not None and detail.recovery_bag.label == "RB-01"
    assert [f.name for f in detail.family_contacts] == ["Pat Quinlan (sample)"]
    assert [r.name for r in detail.referrals] == ["Alexandria Community Treatment Program (sample)"]
