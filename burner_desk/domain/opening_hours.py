"""When a program of the resource directory is open, as structure rather than English words, so every
printout can say it in its reader's language.

Stored on the resource record as two JSON values: `opening_hours`, a list of periods
(`{"days": ["mon", "tue"], "opens": "08:00", "closes": "17:00", "walk_in": false}`; "closes" is null for
a meeting that starts at a time, "24:00" for midnight), and `hours_notes`, a note per language
(`{"en": "...", "es": "..."}`). Records from before the structure kept their hours as free text;
`parse_text` reads the forms the directory used ("Mon–Fri 8:00–17:00; walk-in 8:00–11:00",
"Tuesdays 18:30", "24 hours") and keeps anything else as text, shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from burner_desk.domain.errors import ValidationError

MINUTES_PER_DAY = 24 * 60
MAX_PERIODS = 14  # two a day is already a busy timetable
MAX_NOTE = 200


class Day(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


WEEK = tuple(Day)


@dataclass(frozen=True)
class Period:
    """Open on `days` from `opens` to `closes` (minutes after midnight; `closes` may be 1440, midnight
    at the end of the day), or, with `closes` None, something that starts at `opens` (a meeting)."""

    days: tuple[Day, ...]  # in week order, no repeats
    opens: int
    closes: int | None
    walk_in: bool = False  # walk-in hours: no appointment needed

    @property
    def all_day(self) -> bool:
        return self.opens == 0 and self.closes == MINUTES_PER_DAY


@dataclass(frozen=True)
class OpeningHours:
    periods: tuple[Period, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (language, note), sorted by language
    text: str = ""  # free text this app could not read as structure: printed as written

    def note(self, lang: str) -> str:
        return dict(self.notes).get(lang, "")

    @property
    def empty(self) -> bool:
        return not (self.periods or self.notes or self.text)


def from_record(periods: object, notes: object, text: str) -> OpeningHours:
    """A resource record's hours: its structure when it has one, else its free text as far as it reads.
    Structure that does not check out (a bad record from elsewhere) gives way to the text, so a sheet
    still prints."""
    try:
        structured = from_json(periods, notes)
    except ValidationError:
        return parse_text(text)
    return structured if structured.periods or structured.notes else parse_text(text)


def from_json(periods: object, notes: object) -> OpeningHours:
    """The stored JSON values, checked: ValidationError("opening_hours", why) when they do not fit."""
    if not isinstance(periods, list) or len(periods) > MAX_PERIODS:
        raise ValidationError("opening_hours", f"give a list of at most {MAX_PERIODS} periods")
    if not isinstance(notes, dict) or not all(
        isinstance(lang, str) and isinstance(note, str) and len(note) <= MAX_NOTE
        for lang, note in notes.items()
    ):
        raise ValidationError("hours_notes", f"give a note of at most {MAX_NOTE} characters per language")
    return OpeningHours(
        periods=tuple(_period(entry) for entry in periods),
        notes=tuple(sorted((lang, note.strip()) for lang, note in notes.items() if note.strip())),
    )


def to_json(hours: OpeningHours) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The two JSON values a record stores (the free text, if any, stays in the record's text field)."""
    periods = [
        {
            "days": [day.value for day in period.days],
            "opens": _clock(period.opens),
            "closes": None if period.closes is None else _clock(period.closes),
            "walk_in": period.walk_in,
        }
        for period in hours.periods
    ]
    return periods, dict(hours.notes)


def _period(entry: object) -> Period:
    if not isinstance(entry, Mapping):
        raise ValidationError("opening_hours", "each period is an object with days, opens and closes")
    raw_days = entry.get("days")
    if not isinstance(raw_days, list) or not raw_days:
        raise ValidationError("opening_hours", 'each period names its days, e.g. ["mon", "tue"]')
    try:
        chosen = {Day(day) for day in raw_days}
    except ValueError:
        raise ValidationError("opening_hours", "days are mon, tue, wed, thu, fri, sat or sun") from None
    opens = _minutes(entry.get("opens"))
    closes = None if entry.get("closes") is None else _minutes(entry.get("closes"))
    if (
        opens is None
        or opens >= MINUTES_PER_DAY
        or (entry.get("closes") is not None and (closes is None or closes <= opens))
    ):
        raise ValidationError("opening_hours", "a period opens at a time of day (HH:MM) and closes after it")
    walk_in = entry.get("walk_in", False)
    if not isinstance(walk_in, bool):
        raise ValidationError("opening_hours", "walk_in is true or false")
    return Period(tuple(day for day in WEEK if day in chosen), opens, closes, walk_in)


CLOCK = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})")


def _minutes(value: object) -> int | None:
    match = CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    minutes = int(match["hour"]) * 60 + int(match["minute"])
    return minutes if int(match["minute"]) < 60 and minutes <= MINUTES_PER_DAY else None


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- the free text of older records ---------------------------------------------------------------

_DAY_WORDS = {
    "mon": Day.MON,
    "monday": Day.MON,
    "tue": Day.TUE,
    "tues": Day.TUE,
    "tuesday": Day.TUE,
    "wed": Day.WED,
    "wednesday": Day.WED,
    "thu": Day.THU,
    "thur": Day.THU,
    "thurs": Day.THU,
    "thursday": Day.THU,
    "fri": Day.FRI,
    "friday": Day.FRI,
    "sat": Day.SAT,
    "saturday": Day.SAT,
    "sun": Day.SUN,
    "sunday": Day.SUN,
}
_DAY_SETS = {
    "daily": WEEK,
    "every day": WEEK,
    "weekdays": WEEK[:5],
    "weekends": WEEK[5:],
}
_DASH = r"\s*[-–—]\s*"
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_SEGMENT = re.compile(
    rf"(?P<walk_in>walk-?ins?\s*:?\s*)?(?P<days>[a-z][a-z ,–—-]*?)?\s*"
    rf"(?:(?P<all_day>24 hours|24/7|open 24 hours)|(?P<opens>{_TIME})(?:{_DASH}(?P<closes>{_TIME}))?)",
    re.IGNORECASE,
)
_CLOCK_TEXT = re.compile(r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>[ap])?", re.IGNORECASE)


def parse_text(text: str) -> OpeningHours:
    """Free-text hours as structure where every part reads as days and times; else kept as text."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return OpeningHours()
    periods: list[Period] = []
    for segment in re.split(r"\s*;\s*", cleaned.strip(" ;")):
        period = _read_segment(segment, periods[-1].days if periods else None)
        if period is None:
            return OpeningHours(text=cleaned)
        periods.append(period)
    return OpeningHours(periods=tuple(periods))


def _read_segment(segment: str, days_before: tuple[Day, ...] | None) -> Period | None:
    match = _SEGMENT.fullmatch(segment)
    if match is None:
        return None
    days = _read_days(match["days"] or "", days_before)
    if days is None:
        return None
    walk_in = match["walk_in"] is not None
    if match["all_day"]:
        return Period(days, 0, MINUTES_PER_DAY, walk_in)
    opens = _read_clock(match["opens"])
    closes = _read_clock(match["closes"]) if match["closes"] else None
    if opens is None or (match["closes"] and (closes is None or closes <= opens)):
        return None
    return Period(days, opens, closes, walk_in)


def _read_days(words: str, days_before: tuple[Day, ...] | None) -> tuple[Day, ...] | None:
    words = words.strip(" ,").lower()
    if not words:
        # "walk-in 8:00–11:00" after "Mon–Fri 8:00–17:00" means the same days; alone, every day.
        return days_before or WEEK
    if words in _DAY_SETS:
        return _DAY_SETS[words]
    chosen: set[Day] = set()
    for part in re.split(r"\s*,\s*|\s+and\s+", words):
        named = [_DAY_WORDS.get(end.removesuffix("s")) for end in re.split(_DASH, part)]
        ends = [day for day in named if day is not None]
        if len(ends) != len(named) or len(ends) > 2:
            return None
        first, last = WEEK.index(ends[0]), WEEK.index(ends[-1])
        chosen.update(WEEK[first : last + 1] if first <= last else WEEK[first:] + WEEK[: last + 1])
    return tuple(day for day in WEEK if day in chosen)


def _read_clock(text: str) -> int | None:
    match = _CLOCK_TEXT.match(text.replace(".", ""))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    if hour > 24 or minute > 59 or hour * 60 + minute > MINUTES_PER_DAY:
        return None
    return hour * 60 + minute
