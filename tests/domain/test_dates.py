from datetime import date, datetime, timedelta, timezone

import pytest

from burner_desk.domain.dates import parse_us_date, parse_us_moment, us_date, us_moment
from burner_desk.domain.errors import ValidationError

TODAY = date(2025, 3, 1)
EASTERN = timezone(timedelta(hours=-5))
NOW = datetime(2025, 3, 1, 0, 40, tzinfo=EASTERN)  # 12:40 AM


@pytest.mark.parametrize("typed", ["05/17/1990", "5/17/90", "5-17-1990", "1990-05-17", "05171990"])
def test_a_date_of_birth_as_people_type_it(typed: str) -> None:
    assert parse_us_date(typed, "date_of_birth", TODAY) == date(1990, 5, 17)


def test_a_two_digit_year_is_never_in_the_future() -> None:
    assert parse_us_date("2/28/25", "d", TODAY) == date(2025, 2, 28)
    assert parse_us_date("3/2/25", "d", TODAY) == date(1925, 3, 2)


@pytest.mark.parametrize("typed", ["17/05/1990", "02/30/1990", "5/17", "May 17", ""])
def test_what_is_not_a_us_date_says_how_to_type_it(typed: str) -> None:
    with pytest.raises(ValidationError, match="MM/DD/YYYY"):
        parse_us_date(typed, "date_of_birth", TODAY)


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("now", NOW),
        ("0:10", datetime(2025, 3, 1, 0, 10, tzinfo=EASTERN)),
        ("11:30 pm", datetime(2025, 2, 28, 23, 30, tzinfo=EASTERN)),  # last night, not tonight
        ("6:30 p.m.", datetime(2025, 2, 28, 18, 30, tzinfo=EASTERN)),
        ("18:30", datetime(2025, 2, 28, 18, 30, tzinfo=EASTERN)),
        ("12:05 am", datetime(2025, 3, 1, 0, 5, tzinfo=EASTERN)),
        ("02/28/2025 11:15 PM", datetime(2025, 2, 28, 23, 15, tzinfo=EASTERN)),
        ("2/27 9 pm", datetime(2025, 2, 27, 21, 0, tzinfo=EASTERN)),
    ],
)
def test_an_incident_time_as_people_type_it(typed: str, moment: datetime) -> None:
    assert parse_us_moment(typed, "occurred_at", NOW) == moment


@pytest.mark.parametrize(("typed", "says"), [("3/1", "add the time"), ("25:00", "time"), ("soon", "time")])
def test_what_is_not_a_time_says_how_to_type_it(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        parse_us_moment(typed, "occurred_at", NOW)


def test_what_is_shown_reads_back() -> None:
    assert us_date(date(1990, 5, 17)) == "05/17/1990"
    moment = datetime(2025, 2, 28, 18, 30, tzinfo=EASTERN)
    assert us_moment(moment) == "02/28/2025 6:30 PM"
    assert parse_us_moment(us_moment(moment), "occurred_at", NOW) == moment
