"""Opening hours in the reader's language: "Mon–Fri 8:00 AM–5:00 PM; walk-in Mon–Fri 8:00 AM–11:00 AM",
"de lunes a viernes, de 8:00 a. m. a 5:00 p. m.; sin cita: …". Every word comes from the wording files."""

from __future__ import annotations

from html import unescape

from burner_desk.domain.opening_hours import MINUTES_PER_DAY, WEEK, Day, OpeningHours, Period
from burner_desk.printing import texts
from burner_desk.printing.texts import Texts, safe

TEXT_LANGUAGE = "en"  # hours kept as free text (older records) are written in English


def describe(hours: OpeningHours, t: Texts) -> str:
    """Paragraph markup; "" when nothing is known about the hours."""
    if hours.text:
        # Words this app could not read: printed as written on an English sheet, never on another.
        described = safe(hours.text) if t.lang == TEXT_LANGUAGE else t("hours.ask")
    else:
        described = t("hours.separator").join(
            _period(period, t, same_days=index > 0 and period.days == hours.periods[index - 1].days)
            for index, period in enumerate(hours.periods)
        )
    note = hours.note(t.lang)
    if note and described:
        return t.compose("hours.with_note", hours=described, note=safe(note))
    return described or safe(note)


def in_words(hours: OpeningHours, lang: str) -> str:
    """Plain text, for a screen or a text field (the directory's English `hours`)."""
    return unescape(describe(hours, texts.load(lang)))


def _period(period: Period, t: Texts, *, same_days: bool) -> str:
    if period.all_day and period.days == WEEK:
        described = t("hours.always_open")
    elif same_days:  # "Mon–Fri 8:00 AM–5:00 PM; walk-in 8:00–11:00 AM": the days are said once
        described = _times(period, t)
    else:
        described = t.compose("hours.period", days=_days(period.days, t), times=_times(period, t))
    return t.compose("hours.walk_in", period=described) if period.walk_in else described


def _days(days: tuple[Day, ...], t: Texts) -> str:
    names = t.items("hours.days")
    if days == WEEK:
        return t("hours.every_day")
    if len(days) == 1:
        return t.items("hours.weekly")[WEEK.index(days[0])]
    positions = [WEEK.index(day) for day in days]
    if positions == list(range(positions[0], positions[-1] + 1)):  # a run such as Mon–Fri
        return t.compose("hours.day_range", first=names[positions[0]], last=names[positions[-1]])
    return t("hours.day_list_separator").join(names[position] for position in positions)


def _times(period: Period, t: Texts) -> str:
    if period.all_day:
        return t("hours.all_day")
    if period.closes is None:
        # Spanish says "a la 1:00" but "a las 2:00": each language words one o'clock its own way.
        one_oclock = period.opens // 60 % 12 == 1
        return t.compose(
            "hours.starts_at_one" if one_oclock else "hours.starts_at", time=t.clock(period.opens)
        )
    if _half_of_day(period.opens) == _half_of_day(period.closes):  # "8:00–11:00 AM"
        return t.compose(
            "hours.time_range", opens=t.clock(period.opens, half_of_day=False), closes=t.clock(period.closes)
        )
    return t.compose("hours.time_range", opens=t.clock(period.opens), closes=t.clock(period.closes))


def _half_of_day(minutes: int) -> int:
    """0 for AM, 1 for PM, as the clock prints it (midnight at the end of the day reads 12:00 AM)."""
    return minutes % MINUTES_PER_DAY // (MINUTES_PER_DAY // 2)
