"""How the UI shows a moment: in the laptop's time zone, with the day and month names of the UI language
(QLocale's default, set with the catalog by ui/i18n.py), 24-hour clock, short when it is today."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from burner_desk.ui.widgets.numbers import number


def _qt_moment(moment: datetime) -> QDateTime:
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def local_time(moment: datetime) -> str:
    """'Thu 26 Nov, 03:12' in English; the locale's own day and month names and order otherwise."""
    return QLocale().toString(_qt_moment(moment), "ddd dd MMM, HH:mm")


def local_day_and_time(moment: datetime) -> str:
    """With the year: an inventory date ('26 Nov 2026, 03:12')."""
    return QLocale().toString(_qt_moment(moment), "d MMM yyyy, HH:mm")


def local_date(day: date | datetime) -> str:
    """A calendar day with the year ('26 Nov 2026'); a moment is taken in the laptop's time zone."""
    if isinstance(day, datetime):
        day = day.astimezone().date()
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def time_or_day(moment: datetime) -> str:
    """'03:12' for today, else 'Thu 26 Nov, 03:12' (a draft offer, a restored backup)."""
    local = moment.astimezone()
    if local.date() == datetime.now().date():
        return QLocale().toString(QTime(local.hour, local.minute), "HH:mm")
    return local_time(moment)


def time_left(due: datetime, now: datetime) -> str:
    """ "5 h 12 min" while there is time, "overdue 3 h" after; whole minutes, rounded down."""
    left = due - now
    minutes = int(abs(left) // timedelta(minutes=1))
    hours, rest = divmod(minutes, 60)
    if left <= timedelta(0):
        return (
            QCoreApplication.translate("ui.widgets.moments", "overdue {hours} h").format(hours=number(hours))
            if hours
            else QCoreApplication.translate("ui.widgets.moments", "overdue {rest} min").format(
                rest=number(rest)
            )
        )
    return (
        QCoreApplication.translate("ui.widgets.moments", "{hours} h {rest} min").format(
            hours=number(hours), rest=number(rest)
        )
        if hours
        else QCoreApplication.translate("ui.widgets.moments", "{rest} min").format(rest=number(rest))
    )
