"""The resource directory: where survivors and families are referred, by jurisdiction."""

from __future__ import annotations

from enum import StrEnum


class ResourceKind(StrEnum):
    TREATMENT = "treatment"
    NALOXONE = "naloxone"
    FAMILY_SUPPORT = "family_support"
    HARM_REDUCTION = "harm_reduction"


class ReferralMethod(StrEnum):
    WARM_HANDOFF = "warm_handoff"  # detective calls the program with the survivor there
    SHEET = "sheet"  # printed referral sheet
    PHONE = "phone"


class ReferralStatus(StrEnum):
    MADE = "made"
    ACCEPTED = "accepted"
    DECLINED = "declined"
