"""Opening hours worded in the sheet's language, never English words on a Spanish sheet."""

from __future__ import annotations

import pytest

from burner_desk.domain.opening_hours import WEEK, Day, OpeningHours, Period, parse_text
from burner_desk.printing import hours, texts
from tests.printing.conftest import plain

WEEKDAYS = WEEK[:5]


def _said(hours_: OpeningHours, lang: str) -> str:
    return plain(hours.describe(hours_, texts.load(lang))).replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("opening", "en", "es"),
    [
        (
            OpeningHours(
                (Period(WEEKDAYS, 8 * 60, 17 * 60), Period(WEEKDAYS, 8 * 60, 11 * 60, walk_in=True))
            ),
            "Mon–Fri 8:00 AM–5:00 PM; walk-in 8:00–11:00 AM",
            "de lunes a viernes, de 8:00 a. m. a 5:00 p. m.; sin cita: de 8:00 a 11:00 a. m.",
        ),
        (
            OpeningHours((Period((Day.TUE,), 18 * 60 + 30, None),)),
            "Tuesdays at 6:30 PM",
            "los martes, a las 6:30 p. m.",
        ),
        (
            OpeningHours((Period((Day.SAT,), 13 * 60, None),)),
            "Saturdays at 1:00 PM",
            "los sábados, a la 1:00 p. m.",
        ),
        (
            OpeningHours((Period(WEEK, 0, 24 * 60),)),
            "open 24 hours, every day",
            "abierto las 24 horas, todos los días",
        ),
        (
            OpeningHours((Period((Day.MON, Day.WED, Day.FRI), 9 * 60, 12 * 60),)),
            "Mon, Wed, Fri 9:00 AM–12:00 PM",
            "lunes, miércoles, viernes, de 9:00 a. m. a 12:00 p. m.",
        ),
        (
            OpeningHours(
                (Period(WEEK[5:], 10 * 60, 14 * 60),),
                notes=(("en", "by the back door"), ("es", "por la puerta de atrás")),
            ),
            "Sat–Sun 10:00 AM–2:00 PM (by the back door)",
            "de sábado a domingo, de 10:00 a. m. a 2:00 p. m. (por la puerta de atrás)",
        ),
    ],
)
def test_hours_read_naturally_in_each_language(opening: OpeningHours, en: str, es: str) -> None:
    assert _said(opening, "en") == en
    assert _said(opening, "es") == es


def test_free_text_this_app_cannot_read_prints_as_written_in_english_only() -> None:
    written = parse_text("by appointment & on Tuesdays")
    assert hours.describe(written, texts.load("en")) == "by appointment &amp; on Tuesdays"  # escaped markup
    assert _said(written, "es") == "llame para saber el horario"


def test_a_note_in_another_language_only_is_left_out() -> None:
    noted = OpeningHours((Period(WEEKDAYS, 9 * 60, 17 * 60),), notes=(("en", "closed on holidays"),))
    assert _said(noted, "es") == "de lunes a viernes, de 9:00 a. m. a 5:00 p. m."


def test_nothing_known_says_nothing() -> None:
    assert hours.describe(OpeningHours(), texts.load("es")) == ""
