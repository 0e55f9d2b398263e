"""Opening hours as structure: checked when stored, and read from the free text older records hold."""

from __future__ import annotations

import json

import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.opening_hours import (
    WEEK,
    Day,
    OpeningHours,
    Period,
    from_json,
    from_record,
    parse_text,
    to_json,
)
from burner_desk.paths import resource_path

WEEKDAYS = WEEK[:5]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "Mon–Fri 8:00–17:00; walk-in 8:00–11:00",  # the walk-in hours keep the days before them
            (Period(WEEKDAYS, 480, 1020), Period(WEEKDAYS, 480, 660, walk_in=True)),
        ),
        ("Tuesdays 18:30", (Period((Day.TUE,), 1110, None),)),
        ("Daily 10:00–20:00", (Period(WEEK, 600, 1200),)),
        ("24 hours", (Period(WEEK, 0, 1440),)),
        ("Tue–Sat 11:00–19:00", (Period(WEEK[1:6], 660, 1140),)),
        ("Mon-Fri 17-22", (Period(WEEKDAYS, 1020, 1320),)),
        ("Mon, Wed, Fri 9am-5pm", (Period((Day.MON, Day.WED, Day.FRI), 540, 1020),)),
        ("Sat–Sun 12:30 p.m.–4 p.m.", (Period(WEEK[5:], 750, 960),)),
    ],
)
def test_older_free_text_reads_as_structure(text: str, periods: tuple[Period, ...]) -> None:
    assert parse_text(text) == OpeningHours(periods=periods)


@pytest.mark.parametrize(
    "text",
    ["by appointment", "Mon–Fri 7:00–21:00; walk-in Mon–Sat 8:00–12:00 and 13:00–16:00", "Mon 17:00–9:00"],
)
def test_free_text_that_does_not_read_is_kept_as_written(text: str) -> None:
    assert parse_text(text) == OpeningHours(text=text)


def test_a_record_with_structure_uses_it_and_one_without_reads_its_text() -> None:
    structured = OpeningHours(periods=(Period((Day.MON,), 540, 600),))
    periods, notes = to_json(structured)
    assert from_record(periods, notes, "Daily 10:00–20:00") == structured
    assert from_record([], {}, "Daily 10:00–20:00") == OpeningHours(periods=(Period(WEEK, 600, 1200),))
    assert from_record([], {}, "") == OpeningHours()


def test_structure_round_trips_through_json() -> None:
    hours = OpeningHours(
        periods=(
            Period(WEEKDAYS, 480, 1020),
            Period((Day.TUE,), 1110, None),
            Period(WEEK, 0, 1440, walk_in=True),
        ),
        notes=(("en", "call first"), ("es", "llame antes")),
    )
    periods, notes = to_json(hours)
    assert from_json(json.loads(json.dumps(periods)), json.loads(json.dumps(notes))) == hours
    assert periods[2] == {
        "days": [day.value for day in WEEK],
        "opens": "00:00",
        "closes": "24:00",
        "walk_in": True,
    }


@pytest.mark.parametrize(
    ("periods", "notes", "field"),
    [
        ("Mon–Fri", {}, "opening_hours"),
        ([{"days": ["monday"], "opens": "08:00", "closes": "17:00"}], {}, "opening_hours"),
        ([{"days": [], "opens": "08:00", "closes": "17:00"}], {}, "opening_hours"),
        ([{"days": ["mon"], "opens": "17:00", "closes": "08:00"}], {}, "opening_hours"),
        ([{"days": ["mon"], "opens": "8 am", "closes": "17:00"}], {}, "opening_hours"),
        ([{"days": ["mon"], "opens": "08:00", "closes": "24:30"}], {}, "opening_hours"),
        ([{"days": ["mon"], "opens": "08:00", "closes": None, "walk_in": "yes"}], {}, "opening_hours"),
        ([], {"es": "x" * 201}, "hours_notes"),
        ([], ["en"], "hours_notes"),
    ],
)
def test_stored_hours_that_do_not_fit_are_refused_by_name(periods: object, notes: object, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        from_json(periods, notes)
    assert refused.value.field == field


def test_the_shipped_sample_directory_holds_its_hours_as_structure() -> None:
    entries = json.loads(resource_path("directory", "sample_resources.json").read_text(encoding="utf-8"))
    for entry in entries["resources"]:
        assert "hours" not in entry, entry["name"]
        hours = from_json(entry["opening_hours"], entry["hours_notes"])
        assert hours.periods and not hours.text, entry["name"]
