"""The ODMAP export: ODMAP's fields only, the location generalised, cells neutralised, audited, and
"only new" leaving out what was exported unchanged."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from burner_desk.domain import odmap as odmap_rules
from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Role
from burner_desk.services import bedside, drug_intel, odmap
from burner_desk.storage.models import Encounter
from tests.services.conftest import NOW, Program, non_resident, resident
from tests.services.test_drug_intel import M30, _user

VIRGINIA = ZoneInfo("America/New_York")
DAY = NOW.astimezone(VIRGINIA).date()


def _rows(export: odmap.OdmapExport) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export.csv_text)))


def _incident_id(program: Program, encounter_id: UUID) -> UUID:
    with program.uow.begin() as tx:
        return tx.get(Encounter, encounter_id).incident_id


def _export(
    program: Program, *, only_new: bool = False, first: date = DAY, last: date = DAY
) -> odmap.OdmapExport:
    return odmap.export_csv(program.uow, program.actor, first, last, VIRGINIA, NOW, only_new=only_new)


def test_one_row_per_incident_with_odmap_fields_only(program: Program) -> None:
    data = resident()
    data = replace(data, incident=replace(data.incident, address="1234 King St, Apt 2", latitude=38.80484))
    case = bedside.record_encounter(program.uow, program.actor, data, NOW)
    drug_intel.log_report(program.uow, program.actor, case.encounter_id, M30, NOW)

    export = _export(program)

    assert export.csv_text.splitlines()[0] == ",".join(odmap_rules.COLUMNS)
    (row,) = _rows(export)
    occurred = data.incident.occurred_at.astimezone(VIRGINIA)
    assert row == {
        "incident_ref": str(_incident_id(program, case.encounter_id)),
        "date": occurred.strftime("%Y-%m-%d"),
        "time": occurred.strftime("%H:%M"),
        "location": "1200 block of King St",
        "latitude": "38.805",
        "longitude": "-77.047",
        "fatal": "non-fatal",
        "naloxone_administered": "yes",
        "naloxone_doses": "2",
        "suspected_drug": "fentanyl (suspected)",
        "responding_agency": "Alexandria Fire Department EMS (sample)",
    }
    person, phone = data.person, data.personal_phone
    assert phone is not None
    cells = " ".join(value for name, value in row.items() if name != "incident_ref")  # a uuid has digits
    for secret in (
        person.given_name,
        person.family_name,
        "1990",
        "555-0123",
        "5550123",
        phone.imei,
        phone.property_receipt_no,
        "Apt 2",
        "1234",
        M30.stamp,
        M30.area_obtained,
    ):
        assert secret not in cells
    assert ("odmap.export", "incident", "ok") in program.audit()


def test_text_a_spreadsheet_would_run_is_neutralised(program: Program) -> None:
    data = resident()
    data = replace(
        data,
        incident=replace(data.incident, suspected_substance='=HYPERLINK("x")', responding_agency="@SUM(1)"),
    )
    bedside.record_encounter(program.uow, program.actor, data, NOW)

    (row,) = _rows(_export(program))

    assert row["suspected_drug"] == '\'=HYPERLINK("x")'
    assert row["responding_agency"] == "'@SUM(1)"


def test_only_new_leaves_out_what_was_exported_unchanged(program: Program) -> None:
    first = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    assert _export(program).rows == 1

    second = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    with program.uow.begin(program.actor) as tx:  # a supervisor corrects the first one's doses
        incident = tx.workload.incident_of(tx.get(Encounter, first.encounter_id))
        assert incident is not None
        incident.naloxone_doses = 3
    again = _export(program, only_new=True)
    nothing_new = _export(program, only_new=True)
    everything = _export(program)

    assert [row["incident_ref"] for row in _rows(again)] == [
        str(_incident_id(program, case.encounter_id)) for case in (first, second)
    ]
    assert (nothing_new.rows, nothing_new.left_out_unchanged) == (0, 2)
    assert everything.rows == 2
    assert ("odmap.export", "incident", "only_new") in program.audit()


def test_the_period_is_local_days_inclusive(program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    assert _export(program, first=DAY + timedelta(days=1), last=DAY + timedelta(days=3)).rows == 0
    assert _export(program, first=DAY - timedelta(days=3), last=DAY).rows == 1
    with pytest.raises(ValidationError, match="before the first"):
        _export(program, first=DAY, last=DAY - timedelta(days=1))


def test_only_a_supervisor_or_the_coordinator_may_export(program: Program) -> None:
    for role in (Role.DETECTIVE, Role.SOCIAL_WORKER):
        someone = _user(program, f"someone.{role.value}", role)
        with pytest.raises(NotPermitted, match="supervisor"):
            odmap.export_csv(program.uow, someone, DAY, DAY, UTC, NOW)
    coordinator = _user(program, "quinn.harper", Role.COORDINATOR)
    as_supervisor = odmap.export_csv(program.uow, program.actor, DAY, DAY, UTC, NOW).csv_text
    assert odmap.export_csv(program.uow, coordinator, DAY, DAY, UTC, NOW).csv_text == as_supervisor
