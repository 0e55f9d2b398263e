"""Passphrase policy (DESIGN.md section 4): length, character classes, banned list."""

from __future__ import annotations

import unicodedata

from burner_desk.domain.errors import ValidationError

MIN_LENGTH = 12
MIN_CLASSES = 3
# Common choices an attacker tries first; compared after case-folding and stripping digits/symbols.
BANNED_STEMS = frozenset(
    {
        "password", "passphrase", "letmein", "welcome", "qwerty", "iloveyou", "admin", "alexandria",
        "police", "detective", "burnerdesk", "burner", "changeme", "trustno", "monkey", "dragon",
    }
)  # fmt: skip


def character_classes(passphrase: str) -> int:
    lower = any(ch.islower() for ch in passphrase)
    upper = any(ch.isupper() for ch in passphrase)
    digit = any(ch.isdigit() for ch in passphrase)
    other = any(not ch.isalnum() for ch in passphrase)
    return sum((lower, upper, digit, other))


def normalise(passphrase: str) -> str:
    """NFC so the same typed letters give the same bytes on every OS and keyboard."""
    return unicodedata.normalize("NFC", passphrase)


def check(passphrase: str) -> None:
    """Raise ValidationError with the first rule the passphrase breaks."""
    value = normalise(passphrase)
    if len(value) < MIN_LENGTH:
        raise ValidationError("passphrase", f"use at least {MIN_LENGTH} characters")
    if character_classes(value) < MIN_CLASSES:
        raise ValidationError(
            "passphrase", "mix at least 3 of: lower case, upper case, digits, symbols or spaces"
        )
    letters = "".join(ch for ch in value.casefold() if ch.isalpha())
    if letters in BANNED_STEMS or any(letters == stem * 2 for stem in BANNED_STEMS):
        raise ValidationError("passphrase", "this passphrase is too common; choose another")
