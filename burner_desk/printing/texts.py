"""The printed wording, one JSON file per language in resources/print/: adding a language = adding a file.

Values are reportlab paragraph markup (<b> is allowed); fields filled in from case data are escaped, so a
name such as "Smith & <Sons>" prints as typed instead of breaking the markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from xml.sax.saxutils import escape

from burner_desk.domain.opening_hours import MINUTES_PER_DAY
from burner_desk.paths import resource_path

PRINT_DIR = "print"
ENGLISH = "en"


def languages() -> tuple[str, ...]:
    """The shipped languages, English first."""
    found = sorted(path.stem for path in resource_path(PRINT_DIR).glob("*.json"))
    return (ENGLISH, *(lang for lang in found if lang != ENGLISH))


def safe(value: object) -> str:
    """Case data as paragraph text: escaped, so it prints as typed."""
    return escape(str(value))


@dataclass(frozen=True)
class Texts:
    lang: str
    entries: dict[str, str | list[str]]

    def __call__(self, key: str, **fields: object) -> str:
        return self._fill(key, {name: safe(value) for name, value in fields.items()})

    def compose(self, key: str, **markup: str) -> str:
        """A wording filled with parts that are markup already: other wordings, or escaped case data."""
        return self._fill(key, dict(markup))

    def items(self, key: str) -> list[str]:
        """A list entry: bullet points, numbered steps, month names."""
        entry = self.entries[key]
        assert isinstance(entry, list), key
        return entry

    def date(self, day: date) -> str:
        month = self.items("format.months")[day.month - 1]
        return self._fill("format.date", {"day": day.day, "month": month, "year": day.year})

    def clock(self, minutes: int, *, half_of_day: bool = True) -> str:
        """A time of day, `minutes` after midnight (1440, the end of the day, reads as midnight).
        half_of_day=False leaves out AM/PM, for the start of "8:00–11:00 AM"."""
        hour, minute = divmod(minutes % MINUTES_PER_DAY, 60)
        return self._fill(
            "format.time" if half_of_day else "format.time_in_range",
            {
                "hour": f"{hour:02d}",
                "hour12": hour % 12 or 12,
                "minute": f"{minute:02d}",
                "ampm": self.items("format.ampm")[hour >= 12],
            },
        )

    def date_time(self, moment: datetime) -> str:
        time = self.clock(moment.hour * 60 + moment.minute)
        return self._fill("format.date_time", {"date": self.date(moment.date()), "time": time})

    def weekday_time(self, moment: datetime) -> str:
        """ "Monday, March 16, 9:40 PM": a time in the next days that a person keeps in mind."""
        return self._fill(
            "format.weekday_time",
            {
                "weekday": self.items("format.weekdays")[moment.weekday()],
                "day": moment.day,
                "month": self.items("format.months")[moment.month - 1],
                "time": self.clock(moment.hour * 60 + moment.minute),
            },
        )

    def _fill(self, key: str, fields: dict[str, object]) -> str:
        # Only for values that are already markup-safe: escaped case data, or our own wording.
        entry = self.entries[key]
        assert isinstance(entry, str), key
        return entry.format(**fields)


@cache
def load(lang: str) -> Texts:
    """A language's wording; a language without a file is an error, never silently English."""
    path = resource_path(PRINT_DIR, f"{lang}.json")
    if lang not in languages():
        raise ValueError(f"no printed wording for language {lang!r} (no {path})")
    return Texts(lang, json.loads(path.read_text(encoding="utf-8")))
