import pytest
from hypothesis import given
from hypothesis import strategies as st

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.imei import luhn_check_digit, normalise_imei

VALID = "490154203237518"  # the textbook example IMEI


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_luhn_round_trip(body: str) -> None:
    imei = body + str(luhn_check_digit(body))
    assert normalise_imei(imei) == imei
    wrong = body + str((luhn_check_digit(body) + 1) % 10)
    with pytest.raises(ValidationError):
        normalise_imei(wrong)


def test_separators_from_labels_are_dropped() -> None:
    assert normalise_imei("49-015420-323751-8") == VALID
    assert normalise_imei(" 49 015420 323751 8 ") == VALID


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("490154203237517", "check digit"),
        ("49015420323751", "15 digits, this has 14"),
        ("4901542032375180", "15 digits, this has 16"),
        ("49015420323751O", "digits only"),
        ("４９０１５４２０３２３７５１８", "digits only"),  # full-width digits are not ASCII
        ("", "enter the 15-digit IMEI"),
    ],
)
def test_bad_imeis_say_what_is_wrong(raw: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_imei(raw, "personal_imei")
    assert caught.value.field == "personal_imei"
    assert reason in caught.value.reason
