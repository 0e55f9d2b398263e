"""Residents of Alexandria get a burner phone; non-residents get referrals in their own jurisdiction."""

from __future__ import annotations

from enum import StrEnum

HOME_JURISDICTION = "alexandria"


class Branch(StrEnum):
    RESIDENT = "resident"  # burner phone + city treatment program
    NON_RESIDENT = "non_resident"  # no phone; follow-up and referrals where they live


def normalise_jurisdiction(name: str) -> str:
    """One spelling per jurisdiction: 'Alexandria, VA' / ' alexandria ' -> 'alexandria'."""
    cleaned = " ".join(name.strip().lower().replace(",", " ").split())
    for suffix in (" va", " virginia", " city"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
    return cleaned


def branch_for(jurisdiction: str) -> Branch:
    if normalise_jurisdiction(jurisdiction) == HOME_JURISDICTION:
        return Branch.RESIDENT
    return Branch.NON_RESIDENT


def gets_burner_phone(jurisdiction: str) -> bool:
    return branch_for(jurisdiction) is Branch.RESIDENT
