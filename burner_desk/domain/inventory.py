"""Burner phones and recovery bags: statuses and the rules for issuing them."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from burner_desk.domain.errors import ValidationError

NALOXONE_WARNING = timedelta(days=30)


class PhoneStatus(StrEnum):
    IN_STOCK = "in_stock"
    ISSUED = "issued"
    RETURNED = "returned"
    LOST = "lost"
    RETIRED = "retired"


ISSUABLE = frozenset({PhoneStatus.IN_STOCK, PhoneStatus.RETURNED})
# Statuses a supervisor sets by hand, and where each may come from; "issued" happens only at the bedside.
MANUAL_CHANGES: dict[PhoneStatus, frozenset[PhoneStatus]] = {
    PhoneStatus.RETURNED: frozenset({PhoneStatus.ISSUED, PhoneStatus.LOST}),
    PhoneStatus.LOST: frozenset({PhoneStatus.IN_STOCK, PhoneStatus.ISSUED, PhoneStatus.RETURNED}),
    PhoneStatus.RETIRED: frozenset({PhoneStatus.IN_STOCK, PhoneStatus.RETURNED, PhoneStatus.LOST}),
}


class BagStatus(StrEnum):
    ASSEMBLED = "assembled"
    ISSUED = "issued"


class HandoutAudience(StrEnum):
    SURVIVOR = "survivor"
    FAMILY = "family"


class BagItemKind(StrEnum):
    BURNER_PHONE = "burner_phone"
    REFERRAL_SHEET = "referral_sheet"
    DISPOSAL_BAG = "disposal_bag"
    NALOXONE = "naloxone"
    OTHER = "other"


def check_issuable(status: PhoneStatus, asset_tag: str) -> None:
    if status not in ISSUABLE:
        raise ValidationError("burner_phone", f"phone {asset_tag} is {status.value.replace('_', ' ')}")


def check_status_change(current: PhoneStatus, new: PhoneStatus, asset_tag: str) -> None:
    allowed_from = MANUAL_CHANGES.get(new)
    if allowed_from is None:
        raise ValidationError("status", f"a phone cannot be marked {new.value.replace('_', ' ')} by hand")
    if current not in allowed_from:
        raise ValidationError(
            "status",
            f"phone {asset_tag} is {current.value.replace('_', ' ')} and cannot become "
            f"{new.value.replace('_', ' ')}",
        )


def check_handout_stock(stock: int, quantity: int, title: str) -> None:
    if quantity < 1:
        raise ValidationError("handouts", "give at least one copy")
    if quantity > stock:
        raise ValidationError("handouts", f"only {stock} left of {title}: restock it first")


def check_naloxone(lot: str, expires_on: date, today: date) -> None:
    if not lot.strip():
        raise ValidationError("naloxone_lot", "enter the lot number printed on the naloxone box")
    if expires_on <= today:
        raise ValidationError("naloxone_expiry", f"this naloxone expired on {expires_on.isoformat()}")


def naloxone_expiring_soon(expires_on: date, today: date) -> bool:
    return expires_on - today <= NALOXONE_WARNING
