"""How long an unlocked vault may stay open (DESIGN.md section 4)."""

from __future__ import annotations

from datetime import timedelta

DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 30  # a forgotten laptop at a bedside never stays open longer
FULL_SIGN_IN_EVERY = timedelta(hours=12)


def clamp_idle_minutes(minutes: int) -> int:
    return max(1, min(MAX_IDLE_MINUTES, minutes))
