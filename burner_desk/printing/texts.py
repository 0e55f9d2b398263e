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

    def items(self, key: str) -> list[str]:
        """A list entry: bullet points, numbered steps, month names."""
        entry = self.entries[key]
        assert isinstance(entry, list), key
        return entry

    def date(self, day: date) -> str:
        month = self.items("format.months")[day.month - 1]
        return self._fill("format.date", {"day": day.day, "month": month, "year": day.year})

    def date_time(self, moment: datetime) -> str:
        time = self._fill(
            "format.time",
            {
                "hour": f"{moment.hour:02d}",
                "hour12": moment.hour % 12 or 12,
                "minute": f"{moment.minute:02d}",
                "ampm": self.items("format.ampm")[moment.hour >= 12],
            },
        )
        return self._fill("format.date_time", {"date": self.date(moment.date()), "time": time})

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
