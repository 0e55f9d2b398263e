"""The program's figures from a hand-computed caseload (tests/program_caseload.py), the monthly report's
CSV and PDF, and what a coordinator may and may not do."""

from __future__ import annotations

import csv
import gc
import io

import pytest
from pypdf import PdfReader

from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.metrics import as_json
from burner_desk.services import access, bedside, cases, followup, program, sync, today
from tests.program_caseload import EXPECTED, NOW, PERIOD, Caseload, record_caseload
from tests.services.conftest import resident


@pytest.fixture
def caseload(signed_in: access.SignedIn) -> Caseload:
    return record_caseload(signed_in)


def test_every_figure_matches_the_hand_computed_caseload(caseload: Caseload) -> None:
    figures = program.figures(caseload.signed_in.uow, caseload.supervisor, PERIOD, NOW)

    found = as_json(figures)
    assert found["promise"].pop("median_hours_to_first_contact") == pytest.approx(
        EXPECTED["promise"]["median_hours_to_first_contact"]
    )
    expected = {
        **EXPECTED,
        "promise": {k: v for k, v in EXPECTED["promise"].items() if not k.startswith("median")},
    }
    for section, values in expected.items():
        assert found[section] == values, section
    assert found["period"] == {"first": "2025-03-01", "last": "2025-03-31"}


def test_the_coordinator_sees_the_same_figures_and_each_read_is_audited(caseload: Caseload) -> None:
    uow = caseload.signed_in.uow
    as_supervisor = as_json(program.figures(uow, caseload.supervisor, PERIOD, NOW))
    as_coordinator = as_json(program.figures(uow, caseload.coordinator, PERIOD, NOW))

    assert as_coordinator == as_supervisor
    with uow.begin() as tx:
        assert tx.audit_trail()[-1] == ("program.figures", "program", "ok")


def test_the_collector_is_off_while_the_figures_are_worked_out_and_on_again_after(
    caseload: Caseload, monkeypatch: pytest.MonkeyPatch
) -> None:
    compute, collector_on = program.metrics.compute, []

    def watched(*args: object) -> object:
        collector_on.append(gc.isenabled())
        return compute(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(program.metrics, "compute", watched)
    program.figures(caseload.signed_in.uow, caseload.supervisor, PERIOD, NOW)

    assert collector_on == [False]
    assert gc.isenabled()


def test_the_collector_comes_back_on_after_an_error() -> None:
    with pytest.raises(RuntimeError), program._collector_paused():
        raise RuntimeError("the figures failed")

    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with program._collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("who", ["detective", "social_worker"])
def test_only_supervisors_and_the_coordinator_see_the_figures(caseload: Caseload, who: str) -> None:
    with pytest.raises(NotPermitted):
        program.figures(caseload.signed_in.uow, getattr(caseload, who), PERIOD, NOW)


def test_a_coordinator_sees_no_name_no_case_and_changes_nothing(caseload: Caseload) -> None:
    uow, coordinator = caseload.signed_in.uow, caseload.coordinator
    with uow.begin() as tx:
        encounter_id = tx.workload.recent_encounters(1)[0].id
        follow_up = tx.workload.follow_up_for(encounter_id)
    assert follow_up is not None

    for read in (
        lambda: cases.find_cases(uow, coordinator, "Quinlan"),
        lambda: cases.case_detail(uow, coordinator, encounter_id),
        lambda: today.load(uow, coordinator, NOW),
        lambda: followup.calls(uow, coordinator, NOW),
    ):
        with pytest.raises(NotPermitted):
            read()
    assert sync.conflicts(uow, coordinator) == []
    with pytest.raises(NotPermitted):
        bedside.record_encounter(uow, coordinator, resident(), NOW)
    with pytest.raises(NotPermitted):
        followup.assign(uow, coordinator, follow_up.id, caseload.social_worker.user_id)


def test_the_csv_carries_the_same_figures_with_formula_cells_neutralised(caseload: Caseload) -> None:
    report = program.monthly_report(
        caseload.signed_in.uow, caseload.coordinator, PERIOD, NOW, '=HYPERLINK("http://x") (sample)'
    )

    rows = list(csv.reader(io.StringIO(report.csv)))
    values = {(section, label): value for section, label, value in rows[1:]}
    assert values[("The 48-hour promise", "Reached within 48 hours")] == "3"
    assert values[("The 48-hour promise", "Share reached within 48 hours")] == "0.600"
    assert values[("Treatment linkage", "Entered treatment")] == "<5"
    assert values[("Family handouts", "in Spanish")] == "4"
    assert values[("Weekly trend", "Week of 2025-03-17: reached within 48 hours")] == "2"
    with caseload.signed_in.uow.begin() as tx:
        assert tx.audit_trail()[-1] == ("program.report", "program", "ok")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_starting_like_a_formula_are_neutralised(cell: str) -> None:
    from burner_desk.domain.text import spreadsheet_safe

    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("a" + cell) == "a" + cell


def test_the_pdf_reads_back_with_the_same_figures(caseload: Caseload) -> None:
    report = program.monthly_report(caseload.signed_in.uow, caseload.supervisor, PERIOD, NOW, "APD (sample)")

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(report.pdf)).pages)
    assert "7 survivors met · 60% reached within 48 hours (3 of 5)" in text
    assert "median first contact after 30.0 hours" in text
    assert "intake scheduled <5, entered treatment <5, of 4 survivors" in text
    assert "Reached after 48 hours 1" in text
    assert "Reached or closed, when not shared with police 1" in text
    assert "Overdue now (any period) 2" in text
    assert "Quinlan" not in text and "Okafor" not in text  # no survivor's name, ever
