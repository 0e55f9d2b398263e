"""Free text from forms, CSV files and the network: one place that trims and bounds it."""

from __future__ import annotations

import unicodedata

from burner_desk.domain.errors import ValidationError

SHORT = 200  # names, phone labels, asset tags
LONG = 4000  # notes


def clean(value: str, field: str, *, max_len: int = SHORT, required: bool = False) -> str:
    """NFC, no control characters (NUL and friends break exports and terminals), bounded length."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()
    if required and not text:
        raise ValidationError(field, "required")
    if len(text) > max_len:
        raise ValidationError(field, f"too long: {len(text)} characters, at most {max_len}")
    return text


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one starting like a formula gets a leading apostrophe
    (OWASP's advice on CSV injection; DESIGN.md section 7)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
