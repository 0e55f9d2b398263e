"""What each printout is built from: plain frozen values, already in display form (phones as
"(703) 555-0101", times as local wall-clock times). Printing sits below services, so services map their
views to these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.inventory import BagItemKind
from burner_desk.domain.opening_hours import OpeningHours


@dataclass(frozen=True)
class Resource:
    """An entry of the resource directory, as a person reads it."""

    name: str
    phone: str
    phone_24h: str = ""
    address: str = ""
    hours: OpeningHours = field(default_factory=OpeningHours)  # worded in the sheet's language


@dataclass(frozen=True)
class Detective:
    name: str
    badge_no: str
    direct_phone: str
    agency: str


@dataclass(frozen=True)
class ReferralSheet:
    survivor_name: str
    prepared_on: date
    detective: Detective
    resident: bool  # False: the non-resident variant, with resources where the survivor lives
    jurisdiction: str  # where the survivor lives, as printed ("Arlington")
    treatment: tuple[Resource, ...]
    naloxone: tuple[Resource, ...]
    harm_reduction: tuple[Resource, ...]
    info_url: str  # the program's information page, behind the QR code
    burner_phone_number: str = ""  # residents: the phone they leave with
    caller: Resource | None = None  # the program whose social worker makes the 48-hour call, from its phone
    call_by: datetime | None = None  # when the 48 hours run out (local time); None: no call is due
    # A co-response call's sheet (issue 19) instead of the overdose's: the team who came, the programs
    # referred and 988; no 48-hour promise, no bag, no overdose advice. The detective is the officer.
    co_response_clinician: str = ""


@dataclass(frozen=True)
class FamilySheet:
    recipient_name: str
    prepared_on: date
    detective: Detective
    treatment: tuple[Resource, ...]
    support_groups: tuple[Resource, ...]
    naloxone: tuple[Resource, ...]


@dataclass(frozen=True)
class PropertyReceipt:
    receipt_no: str
    taken_at: datetime
    owner_name: str
    make: str
    model: str
    colour: str
    imei: str  # may be empty: a locked phone may not show it
    condition: str
    storage_location: str
    detective: Detective
    property_office: Resource  # where the phone is given back


@dataclass(frozen=True)
class ConsentForm:
    survivor_name: str
    date_of_birth: date | None
    discloser: str
    recipient: str
    scopes: frozenset[ConsentScope]
    purpose: str
    expires_on: date | None  # None: the form leaves a line to write the date, event or condition
    form_number: str
    signed_at: datetime | None = None
    signature_png: bytes | None = None  # drawn on screen; None prints an empty line to sign on paper


@dataclass(frozen=True)
class BagLine:
    kind: BagItemKind
    quantity: int
    detail: str = ""  # asset tag, phone number, or what an "other" item is
    lot: str = ""
    expires_on: date | None = None


@dataclass(frozen=True)
class PackingList:
    bag_label: str
    packed_on: date
    packed_by: str
    lines: tuple[BagLine, ...]


@dataclass(frozen=True)
class PublicAlert:
    """A spike alert for the public (a flyer, a post): no incident, person or place more precise than an
    area is on it."""

    area_name: str  # "" when the incidents' area is unknown: the alert speaks of the city
    issued_on: date
    naloxone: tuple[Resource, ...]  # where to get it free, from the resource directory
    treatment: tuple[Resource, ...]
    circulating: tuple[str, ...] = ()  # substances and stamps reported lately (drug intelligence)
