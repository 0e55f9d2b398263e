"""How the UI shows a moment: in the laptop's time zone, short when it is today."""

from __future__ import annotations

from datetime import datetime


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b, %H:%M")


def time_or_day(moment: datetime) -> str:
    """'03:12' for today, else 'Thu 26 Nov, 03:12' (a draft offer, a restored backup)."""
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == datetime.now().date() else local_time(moment)
