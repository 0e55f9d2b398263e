"""US phone numbers, stored as E.164 (+1XXXXXXXXXX) and shown as (XXX) XXX-XXXX."""

from __future__ import annotations

from burner_desk.domain.errors import ValidationError


def normalise_us_phone(raw: str, field: str = "phone") -> str:
    digits = "".join(ch for ch in raw if ch.isdigit() and ch.isascii())
    if not digits:
        raise ValidationError(field, "enter a 10-digit phone number")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValidationError(field, "a US phone number has 10 digits (area code + number)")
    if digits[0] in "01" or digits[3] in "01":
        raise ValidationError(field, "area code and exchange cannot start with 0 or 1")
    return "+1" + digits


def display_us_phone(e164: str) -> str:
    digits = e164.removeprefix("+1")
    if len(digits) != 10:
        return e164
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
