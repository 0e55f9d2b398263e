import pytest
from hypothesis import given
from hypothesis import strategies as st

from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError


def test_nul_and_control_characters_are_removed_newlines_kept() -> None:
    assert text.clean("  Rob\x00ert\x1b\n line two\t ", "note", max_len=text.LONG) == "Robert\n line two"


def test_sql_looking_text_is_kept_verbatim() -> None:
    value = "Robert'); DROP TABLE person;--"
    assert text.clean(value, "given_name") == value


def test_bounds() -> None:
    assert text.clean("x" * text.SHORT, "name") == "x" * text.SHORT
    with pytest.raises(ValidationError) as caught:
        text.clean("x" * (text.SHORT + 1), "name")
    assert caught.value.reason == f"too long: {text.SHORT + 1} characters, at most {text.SHORT}"


def test_required_blank_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        text.clean(" \x00 ", "given_name", required=True)
    assert (caught.value.field, caught.value.reason) == ("given_name", "required")


@given(st.text(max_size=50))
def test_clean_never_leaves_control_characters(value: str) -> None:
    cleaned = text.clean(value, "note")
    assert "\x00" not in cleaned
    assert cleaned == cleaned.strip()
