"""Residents of the City of Alexandria get a burner phone; everyone gets a recovery bag, a referral and a
follow-up, with programs where they live.

Residency is a jurisdiction (a county or independent city), never a mailing city: much of Fairfax County
gets its mail as "Alexandria, VA". A ZIP code gives a hint (the shipped table, resources/residency/), and a
ZIP the city shares with a neighbour means: ask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

HOME_JURISDICTION = "alexandria"

# The jurisdictions the residency question offers, by key (what a person's record and the resource
# directory store), with the name a person reads. The directory may add others.
JURISDICTIONS: dict[str, str] = {
    HOME_JURISDICTION: "City of Alexandria",
    "arlington": "Arlington County",
    "fairfax": "Fairfax County",
    "fairfax city": "City of Fairfax",
    "falls church": "City of Falls Church",
    "prince william": "Prince William County",
    "loudoun": "Loudoun County",
    "washington dc": "Washington, DC",
    "prince george's": "Prince George's County, MD",
    "montgomery": "Montgomery County, MD",
}

# Other ways people write them; everything is compared after _clean.
_ALIASES: dict[str, str] = {
    "city of alexandria": HOME_JURISDICTION,
    "alexandria city": HOME_JURISDICTION,
    "fairfax county": "fairfax",
    "city of fairfax": "fairfax city",
    "fairfax city": "fairfax city",
    "city of falls church": "falls church",
    "falls church city": "falls church",
    "dc": "washington dc",
    "d c": "washington dc",
    "washington d c": "washington dc",
    "district of columbia": "washington dc",
    "washington": "washington dc",
}
_STATES = (" va", " virginia", " md", " maryland")


class Branch(StrEnum):
    RESIDENT = "resident"  # burner phone + bag + city treatment program
    NON_RESIDENT = "non_resident"  # a bag, no phone; follow-up and referrals where they live


def _clean(name: str) -> str:
    cleaned = " ".join(name.strip().lower().replace(",", " ").replace(".", " ").split())
    for suffix in _STATES:
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
    return cleaned


def normalise_jurisdiction(name: str) -> str:
    """One spelling per jurisdiction: 'City of Alexandria' / 'Alexandria, VA' -> 'alexandria',
    'Fairfax County' -> 'fairfax', 'Arlington County, Virginia' -> 'arlington'."""
    cleaned = _clean(name)
    if cleaned in _ALIASES:
        return _ALIASES[cleaned]
    for suffix in (" city", " county"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
    cleaned = cleaned.removeprefix("city of ")
    return _ALIASES.get(cleaned, cleaned)


def jurisdiction_name(key: str) -> str:
    """How a person reads a stored key: 'fairfax' -> 'Fairfax County'; others as words, 'DC' kept."""
    known = JURISDICTIONS.get(normalise_jurisdiction(key))
    if known is not None:
        return known
    return " ".join(word.upper() if len(word) == 2 else word.capitalize() for word in key.split())


def branch_for(jurisdiction: str) -> Branch:
    if normalise_jurisdiction(jurisdiction) == HOME_JURISDICTION:
        return Branch.RESIDENT
    return Branch.NON_RESIDENT


def gets_burner_phone(jurisdiction: str) -> bool:
    """Only city residents: the city's treatment program calls the phone. A bag is for everyone."""
    return branch_for(jurisdiction) is Branch.RESIDENT


# --- the ZIP code hint ------------------------------------------------------------------------------

_ZIP_AT_END = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?\s*$")

ZipTable = Mapping[str, Sequence[tuple[str, float]]]  # ZIP -> (jurisdiction key, share of its land)


@dataclass(frozen=True)
class ZipHint:
    zip_code: str
    shares: tuple[tuple[str, float], ...]  # largest first; empty: a ZIP the table does not know

    @property
    def jurisdiction(self) -> str | None:
        """The jurisdiction to propose: only when the ZIP lies wholly in one."""
        return self.shares[0][0] if len(self.shares) == 1 else None

    @property
    def partly_in_city(self) -> bool:
        """Shared between the city and a neighbour: the detective must ask where they live."""
        return len(self.shares) > 1 and any(key == HOME_JURISDICTION for key, _ in self.shares)


def zip_in(address: str) -> str | None:
    """The ZIP code an address ends with ("…, Alexandria, VA 22314" or "… 22314-1234")."""
    match = _ZIP_AT_END.search(address)
    return match[1] if match else None


def zip_hint(address: str, table: ZipTable) -> ZipHint | None:
    zip_code = zip_in(address)
    if zip_code is None:
        return None
    shares = sorted(table.get(zip_code, ()), key=lambda share: -share[1])
    return ZipHint(zip_code, tuple((key, share) for key, share in shares))
