import pytest

from burner_desk.domain import passphrase
from burner_desk.domain.errors import ValidationError


@pytest.mark.parametrize("value", ["Correct horse 9 battery", "Ünïcödé-Wörds-42", "quote\"and'apostrophe 7"])
def test_strong_passphrases_pass(value: str) -> None:
    passphrase.check(value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Short 1!", "at least 12"),
        ("alllowercaseletters", "mix at least 3"),
        ("ALLUPPER AND SPACE", "mix at least 3"),  # upper + other = 2 classes
        ("Password123!", "too common"),
        ("PolicePolice1!", "too common"),
    ],
)
def test_weak_passphrases_name_the_rule(value: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        passphrase.check(value)
    assert caught.value.field == "passphrase"
    assert reason in caught.value.reason


def test_same_letters_typed_composed_or_decomposed_are_one_passphrase() -> None:
    assert passphrase.normalise("Cafe\u0301") == passphrase.normalise("Caf\u00e9")
