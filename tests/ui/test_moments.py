"""How the app words a moment: the time alone for today, the day as well for any other."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from burner_desk.ui.widgets.moments import time_or_day


def test_a_moment_today_shows_its_time_alone() -> None:
    today = datetime.combine(date.today(), time(3, 12)).astimezone()

    assert time_or_day(today) == "03:12"


def test_a_moment_on_another_day_shows_the_day_too() -> None:
    earlier = datetime.combine(date.today() - timedelta(days=2), time(3, 12)).astimezone()

    assert time_or_day(earlier) == earlier.strftime("%a %d %b, 03:12")
