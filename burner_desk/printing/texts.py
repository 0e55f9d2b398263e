"""The printed wording, as gettext catalogs in resources/print/: the English in `printouts.pot`, each other
language in `<lang>.po` (read with Babel; no Qt here). Adding a language is adding a catalog, no code:
`pybabel init -i resources/print/printouts.pot -o resources/print/<lang>.po -l <lang>`, or Poedit; after the
English changes, `pybabel update` merges it into every catalog. Each message's context is its key
("referral.title"; a list's items are "format.months[0]", "format.months[1]", …).

Values are reportlab paragraph markup (<b> is allowed); fields filled in from case data are escaped, so a
name such as "Smith & <Sons>" prints as typed instead of breaking the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from burner_desk.domain.opening_hours import MINUTES_PER_DAY
from burner_desk.paths import resource_path

PRINT_DIR = "print"
TEMPLATE = "printouts.pot"  # the English wording, and the template every translation starts from
ENGLISH = "en"
LIST_ITEM = re.compile(r"^(?P<key>.+)\[(?P<index>\d+)\]$")


def languages() -> tuple[str, ...]:
    """The shipped languages, English first."""
    found = sorted(path.stem for path in resource_path(PRINT_DIR).glob("*.po"))
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
    """A language's wording. A language without a catalog, or a catalog that leaves a message untranslated,
    is an error, never silently English."""
    english = _read(resource_path(PRINT_DIR, TEMPLATE))
    if lang == ENGLISH:
        return Texts(lang, _entries({key: message.id for key, message in english.items()}))
    path = resource_path(PRINT_DIR, f"{lang}.po")
    if lang not in languages():
        raise ValueError(f"no printed wording for language {lang!r} (no {path})")
    translated = _read(path)
    missing = [key for key in english if not (key in translated and translated[key].string)]
    if missing:
        raise ValueError(f"{path} does not translate: {', '.join(missing)}")
    return Texts(lang, _entries({key: translated[key].string for key in english}))


def _read(path: Path) -> dict[str, Message]:
    with path.open("rb") as catalog_file:
        catalog: Catalog = read_po(catalog_file)
    return {str(message.context): message for message in catalog if message.id and message.context}


def _entries(by_key: dict[str, object]) -> dict[str, str | list[str]]:
    """Items "x[0]", "x[1]", … become the list "x", in their order."""
    entries: dict[str, str | list[str]] = {}
    for key, text in by_key.items():
        assert isinstance(text, str), key
        item = LIST_ITEM.match(key)
        if item is None:
            entries[key] = text
            continue
        listed = entries.setdefault(item["key"], [])
        assert isinstance(listed, list) and len(listed) == int(item["index"]), key
        listed.append(text)
    return entries
