"""The bedside encounter's fields: one rule per field, used by the wizard's pages as the detective types
and by services/bedside.py when it saves, so a page refuses with exactly the reason the save would give.

A rule's `field` is the name a ValidationError carries and the wizard's row for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from burner_desk.domain import dates, text
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.imei import normalise_imei
from burner_desk.domain.phone import normalise_us_phone

CLOCK_SKEW = timedelta(minutes=5)  # a laptop clock a little ahead must not refuse a real time
MAX_NALOXONE_DOSES = 20
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class TextRule:
    """Free text: trimmed, control characters out, bounded, maybe required."""

    field: str
    max_len: int = text.SHORT
    required: bool = False

    def clean(self, raw: str) -> str:
        return text.clean(raw, self.field, max_len=self.max_len, required=self.required)


@dataclass(frozen=True)
class OptionalRule:
    """Empty, or a value in the one form the vault keeps (a phone as +1…, an IMEI as 15 digits)."""

    field: str
    normalise: Callable[[str, str], str]

    def clean(self, raw: str) -> str:
        return self.normalise(raw, self.field) if raw.strip() else ""


FieldRule = TextRule | OptionalRule

# The survivor
GIVEN_NAME = TextRule("given_name", required=True)
FAMILY_NAME = TextRule("family_name", required=True)
PHONE = OptionalRule("phone", normalise_us_phone)
ADDRESS = TextRule("address", max_len=400)
JURISDICTION = TextRule("jurisdiction", max_len=100, required=True)
# The incident
INCIDENT_ADDRESS = TextRule("incident_address", max_len=400)
SUSPECTED_SUBSTANCE = TextRule("suspected_substance")
RESPONDING_AGENCY = TextRule("responding_agency")
HOSPITAL = TextRule("hospital", required=True)
# The consent
CONSENT_FORM_NUMBER = TextRule("consent_form_number", max_len=40)
CONSENT_DISCLOSER = TextRule("consent_discloser", required=True)
CONSENT_PURPOSE = TextRule("consent_purpose", max_len=400, required=True)
# The personal phone taken into property
PROPERTY_RECEIPT_NO = TextRule("property_receipt_no", max_len=40, required=True)
PERSONAL_MAKE = TextRule("personal_make", max_len=80)
PERSONAL_MODEL = TextRule("personal_model", max_len=80)
PERSONAL_COLOUR = TextRule("personal_colour", max_len=40)
PERSONAL_IMEI = OptionalRule("personal_imei", normalise_imei)
PERSONAL_CONDITION = TextRule("personal_condition", max_len=400)
STORAGE_LOCATION = TextRule("storage_location")
# A family member
FAMILY_MEMBER_NAME = TextRule("family_member_name", required=True)
FAMILY_MEMBER_RELATIONSHIP = TextRule("family_member_relationship", max_len=80)
FAMILY_MEMBER_PHONE = OptionalRule("family_member_phone", normalise_us_phone)
# Inventory handed over
RECOVERY_BAG = TextRule("recovery_bag", max_len=40, required=True)


def check_date_of_birth(born: date | None, today: date) -> None:
    if born is not None and not EARLIEST_BIRTH <= born <= today:
        raise ValidationError("date_of_birth", "enter a date of birth in the past")


def parse_date_of_birth(raw: str, today: date) -> date | None:
    """Empty when unknown; US style ("05/17/1990", "5/17/90") or ISO."""
    if not raw.strip():
        return None
    born = dates.parse_us_date(raw, "date_of_birth", today)
    check_date_of_birth(born, today)
    return born


def check_occurred_at(occurred_at: datetime, now: datetime) -> None:
    if occurred_at.tzinfo is None or occurred_at > now + CLOCK_SKEW:
        raise ValidationError("occurred_at", "enter when the overdose happened (not in the future)")


def parse_occurred_at(raw: str, now: datetime) -> datetime:
    """Wall-clock time where the laptop is (`now` carries that zone)."""
    moment = dates.parse_us_moment(raw, "occurred_at", now)
    check_occurred_at(moment, now)
    return moment


def check_naloxone_doses(doses: int) -> None:
    if not 0 <= doses <= MAX_NALOXONE_DOSES:
        raise ValidationError("naloxone_doses", f"enter a number from 0 to {MAX_NALOXONE_DOSES}")


def check_location(latitude: float | None, longitude: float | None) -> None:
    """Where the overdose happened, for ODMAP: both coordinates or neither, and a place on Earth."""
    if (latitude is None) != (longitude is None):
        raise ValidationError("latitude", "give both latitude and longitude, or neither")
    if (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise ValidationError("latitude", "this is not a place on Earth")


def parse_coordinate(raw: str, name: str) -> float | None:
    """`name` is "latitude" or "longitude"; either problem is shown on the one map-location row."""
    if not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError as exc:
        raise ValidationError("latitude", f"enter the {name} as decimal degrees, e.g. 38.8048") from exc


def split_make_model(raw: str) -> tuple[str, str]:
    """ "Samsung Galaxy A14" -> ("Samsung", "Galaxy A14"): one field for the detective, two on the receipt."""
    make, _, model = raw.strip().partition(" ")
    return make, model.strip()
