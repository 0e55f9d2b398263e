"""domain.metrics over plain rows: the edges the caseload of tests/program_caseload.py does not reach."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.metrics import (
    INTAKE_STORED,
    REACHED_STORED,
    SMALL,
    TREATMENT_STORED,
    EncounterRow,
    FollowUpRow,
    Period,
    PeriodChoice,
    ProgramRows,
    compute,
    seconds,
    shown,
)

MET = datetime(2025, 5, 5, 10, tzinfo=UTC)


def encounter(after: timedelta | None, outcome: str = "reached", state: str = "reached") -> EncounterRow:
    """A survivor whose consent shares the outcome, with one attempt `after` the phone was issued, as
    storage.program_queries gathers it: by the stored outcome."""
    reached_at = None if after is None or outcome not in REACHED_STORED else seconds(MET + after)
    return EncounterRow(
        seconds(MET),
        "alexandria",
        False,
        True,
        "issued",
        1,
        2,
        FollowUpRow(
            seconds(MET + timedelta(hours=48)),
            state,
            True,
            reached_at,
            intake_recorded=outcome in INTAKE_STORED,
            treatment_recorded=outcome in TREATMENT_STORED,
        ),
    )


def figures(*rows: EncounterRow) -> dict[str, object]:
    found = compute(ProgramRows(rows, {}, 0), Period.month(2025, 5), MET + timedelta(days=20))
    return {"promise": found.promise, "treatment": found.treatment}


@pytest.mark.parametrize(("count", "published"), [(0, 0), (1, SMALL), (4, SMALL), (5, 5), (12, 12)])
def test_counts_from_one_to_four_read_under_five(count: int, published: object) -> None:
    assert shown(count) == published


def test_exactly_48_hours_is_in_time_a_second_more_is_not() -> None:
    found = figures(encounter(timedelta(hours=48)), encounter(timedelta(hours=48, seconds=1)))["promise"]
    assert (found.reached_within_48h, found.reached_late) == (1, 1)  # type: ignore[attr-defined]


def test_five_in_treatment_are_published_as_five() -> None:
    rows = [encounter(timedelta(hours=60), "entered_treatment", "engaged") for _ in range(5)]
    assert figures(*rows)["treatment"].entered_treatment == 5  # type: ignore[attr-defined]


def test_a_state_or_outcome_a_newer_version_wrote_counts_as_nothing_known() -> None:
    found = figures(encounter(timedelta(hours=5), "called_back_later", "transferred"))["promise"]
    assert found.reached_within_48h == 0 and found.time_not_shared == 0  # type: ignore[attr-defined]


def test_periods_of_the_picker() -> None:
    today = date(2025, 3, 12)
    assert Period.of(PeriodChoice.THIS_MONTH, today) == Period(date(2025, 3, 1), today)
    assert Period.of(PeriodChoice.LAST_MONTH, today) == Period(date(2025, 2, 1), date(2025, 2, 28))
    assert Period.of(PeriodChoice.LAST_90_DAYS, today).first == date(2024, 12, 13)
    assert Period.of(PeriodChoice.YEAR_TO_DATE, today) == Period(date(2025, 1, 1), today)
    assert Period.month(2024, 12).last == date(2024, 12, 31)
    assert Period.month(2025, 3).weeks()[0] == date(2025, 2, 24)  # the Monday of the week of 1 March
    with pytest.raises(ValidationError):
        Period(today, today - timedelta(days=1))
