"""How the UI shows a moment: in the laptop's time zone, short when it is today."""

from __future__ import annotations

from datetime import datetime, timedelta


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b, %H:%M")


def time_or_day(moment: datetime) -> str:
    """'03:12' for today, else 'Thu 26 Nov, 03:12' (a draft offer, a restored backup)."""
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == datetime.now().date() else local_time(moment)


def time_left(due: datetime, now: datetime) -> str:
    """ "5 h 12 min" while there is time, "overdue 3 h" after; whole minutes, rounded down."""
    left = due - now
    minutes = int(abs(left) // timedelta(minutes=1))
    hours, rest = divmod(minutes, 60)
    if left <= timedelta(0):
        return f"overdue {hours} h" if hours else f"overdue {rest} min"
    return f"{hours} h {rest} min" if hours else f"{rest} min"
