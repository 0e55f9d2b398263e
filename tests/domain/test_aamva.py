"""AAMVA DL/ID (2016 layout) barcode text as a keyboard-wedge scanner types it. Every sample is invented:
names marked (sample) where the card allows, IIN 636000 (a test value), no real person or licence."""

from datetime import date

import pytest

from burner_desk.domain.aamva import NotALicence, looks_like_licence, parse_licence


def sample_licence(
    *,
    family: str = "QUINLAN",
    given: str = "AVERY",
    born: str = "05171990",
    street: str = "100 SAMPLE ST",
    city: str = "ALEXANDRIA",
    zip_code: str = "223140000",
    separator: str = "\n",
) -> str:
    """Invented card data in the AAMVA 2016 layout: header, one DL subfile designator, the subfile."""
    elements = [
        "DAQT64235789",  # licence number: on the card, never kept
        f"DCS{family}",
        "DDEN",
        f"DAC{given}",
        "DDFN",
        "DADJORDAN",  # middle name: never kept
        "DDGN",
        "DCAD",
        "DCBNONE",
        "DCDNONE",
        "DBD03012024",
        f"DBB{born}",
        "DBA05172032",
        "DBC2",  # sex: never kept
        "DAU069 IN",
        "DAYBRO",
        f"DAG{street}",
        f"DAI{city}",
        "DAJVA",
        f"DAK{zip_code}  ",
        "DCF2424244747474786102204",
        "DCGUSA",
        "DCK123456789",
        "DDB06292015",
    ]
    body = "DL" + separator.join(elements) + "\r"
    header = "@" + separator + "\x1e\r" + "ANSI 636000100002DL00410278ZV03190008"
    return header + body


def test_a_scanned_licence_gives_names_birth_date_and_address_and_nothing_else() -> None:
    holder = parse_licence(sample_licence())

    assert (holder.given_name, holder.family_name) == ("Avery", "Quinlan")
    assert holder.date_of_birth == date(1990, 5, 17)
    assert holder.address == "100 Sample St, Alexandria, VA 22314"
    assert set(vars(holder)) == {
        "given_name",
        "family_name",
        "date_of_birth",
        "street",
        "city",
        "state",
        "zip_code",
    }


def test_a_wedge_that_types_enter_for_lf_and_cr_still_reads() -> None:
    scanned = sample_licence(separator="\r").replace("\x1e", "")
    assert parse_licence(scanned).family_name == "Quinlan"


def test_hyphens_and_apostrophes_keep_their_capitals() -> None:
    holder = parse_licence(sample_licence(family="O'BRIEN-SAMPLE", given="MARY ANN"))
    assert (holder.given_name, holder.family_name) == ("Mary Ann", "O'Brien-Sample")


def test_an_unreadable_birth_date_is_left_empty() -> None:
    assert parse_licence(sample_licence(born="99999999")).date_of_birth is None


@pytest.mark.parametrize("text", ["@ not a card", "QUINLAN", ""])
def test_other_text_is_not_a_licence(text: str) -> None:
    assert not looks_like_licence(text)
    with pytest.raises(NotALicence):
        parse_licence(text)


def test_a_card_without_names_is_refused() -> None:
    with pytest.raises(NotALicence, match="names"):
        parse_licence(sample_licence(family=""))
