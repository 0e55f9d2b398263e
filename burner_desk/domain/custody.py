"""Chain of custody for the survivor's personal phone."""

from __future__ import annotations

from enum import StrEnum


class CustodyAction(StrEnum):
    TAKEN = "taken"  # at the bedside, receipt handed over
    STORED = "stored"  # booked into property
    MOVED = "moved"
    RETURNED = "returned"  # back to the survivor (or their designee)
