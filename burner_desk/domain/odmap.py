"""ODMAP (the HIDTA Overdose Detection Mapping Application): what one incident becomes in an upload.

Only ODMAP's own fields leave the vault: when, where (generalised), fatal or not, naloxone and doses,
the suspected drug and the responding agency. Never a name, birth date, phone, IMEI, property receipt or
drug intelligence (the export's columns are this module's COLUMNS, and nothing else is read into them).

Where: an address becomes its hundred block ("1234 King St, Apt 2" -> "1200 block of King St"), the
form police use to publish incident locations; an address without a house number that is not an
intersection ("King St & Henry St") is left out, since free text there may name a home or a person.
Coordinates are rounded to 3 decimal places: 0.001 degree is about 110 m of latitude and 87 m of
longitude at Alexandria (38.8 N), about a city block, so the point matches the block and no longer
singles out a house; ODMAP's map and its spike alerts work at that scale.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import astuple, dataclass
from datetime import datetime

COORDINATE_DECIMALS = 3  # see the module's doc
COLUMNS = (
    "incident_ref",
    "date",
    "time",
    "location",
    "latitude",
    "longitude",
    "fatal",
    "naloxone_administered",
    "naloxone_doses",
    "suspected_drug",
    "responding_agency",
)
# A cell a spreadsheet would run as a formula (or that hides one behind a tab or line break) gets a
# leading apostrophe: shown as text, never evaluated (OWASP "CSV injection"). A plain number is left as
# it is: every longitude here starts with "-", and ODMAP must read it as a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

_HOUSE_NUMBER = re.compile(r"^\s*(\d+)[A-Za-z]?(?:-\d+)?\s+(.+)$")
_BLOCK_OF = re.compile(r"^(?:block|blk)\.?\s+of\s+", re.IGNORECASE)
_INTERSECTION = re.compile(r"\s(?:&|and|at|/)\s", re.IGNORECASE)
_UNIT = re.compile(r"\s+(?:apt|apartment|unit|suite|ste|#|fl|floor|rm|room)\b.*$", re.IGNORECASE)


def block_of(address: str) -> str:
    """The hundred block of a street address, an intersection as it is, or "" (see the module's doc)."""
    street_part = " ".join(address.split(",")[0].split())
    match = _HOUSE_NUMBER.match(street_part)
    if match:
        street = _BLOCK_OF.sub("", _UNIT.sub("", match.group(2))).strip()  # "1200 Block of King St" too
        if not street:
            return ""
        return f"{int(match.group(1)) // 100 * 100} block of {street}"
    return street_part if _INTERSECTION.search(street_part) else ""


def rounded(coordinate: float | None) -> str:
    return "" if coordinate is None else f"{round(coordinate, COORDINATE_DECIMALS):.{COORDINATE_DECIMALS}f}"


def neutralised(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


@dataclass(frozen=True)
class OdmapRow:
    """One incident as ODMAP gets it; every value already text, in COLUMNS order."""

    incident_ref: str
    date: str
    time: str
    location: str
    latitude: str
    longitude: str
    fatal: str
    naloxone_administered: str
    naloxone_doses: str
    suspected_drug: str
    responding_agency: str

    def cells(self) -> tuple[str, ...]:
        return tuple(neutralised(value) for value in astuple(self))

    def fingerprint(self) -> str:
        """What was sent: an incident whose row differs from its last export's is "changed"."""
        return hashlib.sha256(json.dumps(astuple(self)).encode()).hexdigest()


def row(
    incident_ref: str,
    occurred_at_local: datetime,
    address: str,
    latitude: float | None,
    longitude: float | None,
    *,
    fatal: bool,
    naloxone_doses: int,
    naloxone_given: bool,
    suspected_drug: str,
    responding_agency: str,
) -> OdmapRow:
    return OdmapRow(
        incident_ref=incident_ref,
        date=occurred_at_local.strftime("%Y-%m-%d"),
        time=occurred_at_local.strftime("%H:%M"),
        location=block_of(address),
        latitude=rounded(latitude),
        longitude=rounded(longitude),
        fatal="fatal" if fatal else "non-fatal",
        naloxone_administered="yes" if naloxone_given or naloxone_doses > 0 else "no",
        naloxone_doses=str(naloxone_doses),
        suspected_drug=" ".join(suspected_drug.split()),
        responding_agency=" ".join(responding_agency.split()),
    )
