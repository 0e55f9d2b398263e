"""IMEI: 15 digits whose last one is a Luhn check digit."""

from __future__ import annotations

from burner_desk.domain.errors import ValidationError


def luhn_check_digit(body: str) -> int:
    total = 0
    for index, ch in enumerate(reversed(body)):
        digit = int(ch)
        if index % 2 == 0:  # doubled positions, counted from the right of the body
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def normalise_imei(raw: str, field: str = "imei") -> str:
    """Strip spaces, dashes and slashes a scanner or a label adds; raise if not a valid IMEI."""
    digits = "".join(ch for ch in raw if ch not in " -/.")
    if not digits:
        raise ValidationError(field, "enter the 15-digit IMEI (dial *#06# on the phone)")
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(field, "an IMEI has digits only")
    if len(digits) != 15:
        raise ValidationError(field, f"an IMEI has 15 digits, this has {len(digits)}")
    if luhn_check_digit(digits[:14]) != int(digits[14]):
        raise ValidationError(field, "the check digit does not match: a digit is mistyped")
    return digits
