import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.phone import display_us_phone, normalise_us_phone


@pytest.mark.parametrize(
    "raw", ["(703) 555-0123", "703.555.0123", "+1 703 555 0123", "17035550123", "7035550123"]
)
def test_us_numbers_become_e164(raw: str) -> None:
    assert normalise_us_phone(raw) == "+17035550123"


def test_display_format() -> None:
    assert display_us_phone("+17035550123") == "(703) 555-0123"
    assert display_us_phone("") == ""


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "enter a 10-digit"),
        ("555-0123", "10 digits"),
        ("27035550123", "10 digits"),
        ("(103) 555-0123", "cannot start with 0 or 1"),
        ("(703) 055-0123", "cannot start with 0 or 1"),
    ],
)
def test_bad_numbers_are_refused(raw: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_us_phone(raw, "family_phone")
    assert caught.value.field == "family_phone"
    assert reason in caught.value.reason
