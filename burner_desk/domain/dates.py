"""Dates and times as people in the US type them: "05/17/1990", "5/17/90", "6:30 pm", "3/1 18:30".

Typed times are wall-clock times where the laptop is; the caller passes "now" in that time zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from burner_desk.domain.errors import ValidationError

US_DATE_HINT = "MM/DD/YYYY, e.g. 05/17/1990"
US_MOMENT_HINT = "e.g. 6:30 PM (today), or 03/01/2025 6:30 PM"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")  # MMDDYYYY, as a driver's licence writes it
_TIME = re.compile(r"(\d{1,2})(?::?(\d{2}))?([ap])?m?")  # spaces and dots removed first


def parse_us_date(raw: str, field: str, today: date) -> date:
    """A calendar date: MM/DD/YYYY, M/D/YY, MMDDYYYY or YYYY-MM-DD. A two-digit year is the latest
    year ending in those digits that does not put the date after `today` (so "5/17/90" is 1990)."""
    cleaned = raw.strip()
    found = _date_part(cleaned, today)
    if found is None or not found[1]:
        raise ValidationError(field, f"enter the date as {US_DATE_HINT}")
    return found[0]


def parse_us_moment(raw: str, field: str, now: datetime) -> datetime:
    """A moment typed as "[date] time" or "now". A time without a date is the latest such moment that
    is not after `now` (typed at 00:40, "11:30 pm" is last night). A date without a year is in the
    current year, or the last one if that would be in the future. Returns a datetime in now's zone."""
    cleaned = " ".join(raw.strip().lower().split())
    if cleaned == "now":
        return now.replace(second=0, microsecond=0)
    first, _, rest = cleaned.partition(" ")
    date_text, time_text = (first, rest) if _looks_like_date(first) else ("", cleaned)
    if date_text and not time_text:
        raise ValidationError(field, f"add the time: {US_MOMENT_HINT}")
    clock = _time_part(time_text)
    if clock is None:
        raise ValidationError(field, f"enter the time as {US_MOMENT_HINT}")
    if not date_text:
        moment = datetime.combine(now.date(), clock, now.tzinfo)
        return moment - timedelta(days=1) if moment > now else moment
    found = _date_part(date_text, now.date())
    if found is None:
        raise ValidationError(field, f"enter the date and time as {US_MOMENT_HINT}")
    day, year_given = found
    moment = datetime.combine(day, clock, now.tzinfo)
    if not year_given and moment > now:
        moment = moment.replace(year=moment.year - 1)
    return moment


def us_date(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def us_moment(moment: datetime) -> str:
    """ "03/01/2025 6:30 PM": what parse_us_moment reads back."""
    hour = moment.hour % 12 or 12
    return f"{us_date(moment.date())} {hour}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"


def _looks_like_date(text: str) -> bool:
    return bool(_ISO.fullmatch(text) or _DIGITS.fullmatch(text) or ("/" in text and _US.fullmatch(text)))


def _date_part(text: str, today: date) -> tuple[date, bool] | None:
    """The date and whether a year was typed (without one it is this year)."""
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3])), True
        if match := _DIGITS.fullmatch(text):
            return date(int(match[3]), int(match[1]), int(match[2])), True
        match = _US.fullmatch(text)
        if match is None:
            return None
        month, day = int(match[1]), int(match[2])
        if match[3] is None:
            return date(today.year, month, day), False
        if len(match[3]) == 4:
            return date(int(match[3]), month, day), True
        this_century = date(today.year - today.year % 100 + int(match[3]), month, day)
        if this_century > today:
            this_century = this_century.replace(year=this_century.year - 100)
        return this_century, True
    except ValueError:  # 02/30, month 13
        return None


def _time_part(text: str) -> time | None:
    match = _TIME.fullmatch(text.replace(" ", "").replace(".", ""))
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif match[2] is None:  # "18" alone is not a time anyone types
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
