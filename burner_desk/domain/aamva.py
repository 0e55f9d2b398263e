"""A US driver's licence or ID card read by a USB barcode scanner (keyboard wedge): the PDF417 barcode's
AAMVA text (AAMVA DL/ID Card Design Standard, 2016 edition, Annex D).

The text starts with the compliance indicator "@", LF, RS (0x1E), CR, then the file type "ANSI ", the
issuer's IIN (6 digits), the AAMVA version, the jurisdiction version and the number of subfiles (2 digits
each), and one 10-character designator per subfile (type "DL" or "ID", offset, length). A subfile is its
type followed by data elements, each a 3-letter id and its value, separated by LF and ended by CR.

Only what the bedside needs is read: family name (DCS), given name (DAC; DCT in the 2000-2005 editions),
date of birth (DBB: MMDDCCYY on US cards, CCYYMMDD on Canadian ones) and the address (DAG, DAH, DAI,
DAJ, DAK). Everything else on the card — licence number, sex, height, eye colour, expiry — is never
kept: it is not even returned.

A scanner typing into a text field may turn LF and CR into Enter and drop RS, so the parser splits on
any of them and does not rely on the offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

COMPLIANCE = "@"
FILE_TYPE = "ANSI "
_SEPARATORS = re.compile(r"[\n\r\x1e]+")
_ELEMENT = re.compile(r"(D[A-Z]{2}|Z[A-Z]{2})(.*)")
_HEADER = re.compile(r"ANSI \d{6}(\d{2})\d{2}(\d{2})")
WANTED = frozenset({"DCS", "DAC", "DCT", "DBB", "DAG", "DAH", "DAI", "DAJ", "DAK"})


class NotALicence(ValueError):
    """Scanned text that is not an AAMVA card, or lacks the names."""


@dataclass(frozen=True)
class LicenceHolder:
    """What the bedside takes from the card; nothing else of it is kept."""

    given_name: str
    family_name: str
    date_of_birth: date | None
    street: str
    city: str
    state: str
    zip_code: str

    @property
    def address(self) -> str:
        """One line, as the survivor page keeps it: "100 Sample St, Alexandria, VA 22314"."""
        place = " ".join(part for part in (self.state, self.zip_code) if part)
        return ", ".join(part for part in (self.street, self.city, place) if part)


def looks_like_licence(text: str) -> bool:
    """The start of a scan: "@" and a separator, then "ANSI " somewhere near (before the body)."""
    return text.startswith(COMPLIANCE) and FILE_TYPE in text[:20]


def parse_licence(text: str) -> LicenceHolder:
    if not looks_like_licence(text):
        raise NotALicence("this is not the barcode of a driver's licence or ID card")
    header = _HEADER.search(text)
    if header is None:
        raise NotALicence("the barcode's header is damaged: scan it again")
    entries = int(header[2])
    body = text[header.end() + 10 * entries :]  # past the subfile designators
    elements: dict[str, str] = {}
    for raw in _SEPARATORS.split(body):
        piece = raw[2:] if raw[:2] in ("DL", "ID") and _ELEMENT.match(raw[2:]) else raw
        match = _ELEMENT.match(piece)
        if match and match[1] in WANTED and match[1] not in elements:
            elements[match[1]] = match[2].strip()
    given = elements.get("DAC") or elements.get("DCT", "")
    family = elements.get("DCS", "")
    if not (given and family):
        raise NotALicence("the card's names could not be read: type them instead")
    street = ", ".join(_words(elements[key]) for key in ("DAG", "DAH") if elements.get(key))
    return LicenceHolder(
        given_name=_words(given.replace(",", " ")),
        family_name=_words(family),
        date_of_birth=_birth_date(elements.get("DBB", "")),
        street=street,
        city=_words(elements.get("DAI", "")),
        state=elements.get("DAJ", "").upper(),
        zip_code=elements.get("DAK", "")[:5] if elements.get("DAK", "")[:5].isdigit() else "",
    )


_LETTERS = re.compile(r"[A-Za-z]+")


def _words(value: str) -> str:
    """Cards print names and streets in capitals; people read them in mixed case ("O'Brien")."""
    return " ".join(
        _LETTERS.sub(lambda run: run[0].capitalize(), word) if word.isupper() else word
        for word in value.split()
    )


def _birth_date(value: str) -> date | None:
    if len(value) != 8 or not value.isdigit():
        return None
    for year, month, day in ((value[4:], value[:2], value[2:4]), (value[:4], value[4:6], value[6:])):
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None
