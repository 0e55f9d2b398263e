import pytest

from burner_desk.domain.residency import (
    Branch,
    ZipHint,
    branch_for,
    gets_burner_phone,
    jurisdiction_name,
    normalise_jurisdiction,
    zip_hint,
    zip_in,
)
from burner_desk.services.bedside import zip_table


@pytest.mark.parametrize(
    "spelling",
    ["alexandria", " Alexandria, VA ", "ALEXANDRIA CITY", "Alexandria Virginia", "City of Alexandria"],
)
def test_alexandria_residents_get_the_burner_phone_branch(spelling: str) -> None:
    assert branch_for(spelling) is Branch.RESIDENT
    assert gets_burner_phone(spelling)


@pytest.mark.parametrize(
    "spelling", ["Arlington, VA", "Washington, DC", "Fairfax", "Fairfax County", "Prince George's", ""]
)
def test_everyone_else_is_non_resident(spelling: str) -> None:
    assert branch_for(spelling) is Branch.NON_RESIDENT
    assert not gets_burner_phone(spelling)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Washington,  DC", "washington dc"),
        ("D.C.", "washington dc"),
        (" Arlington, Virginia ", "arlington"),
        ("Arlington County", "arlington"),
        ("Fairfax County, VA", "fairfax"),
        ("City of Fairfax", "fairfax city"),
        ("Fairfax City", "fairfax city"),
        ("Prince George's County, MD", "prince george's"),
        ("Baltimore", "baltimore"),
    ],
)
def test_jurisdiction_spellings_collapse_to_one(typed: str, key: str) -> None:
    assert normalise_jurisdiction(typed) == key


def test_every_offered_name_reads_back_as_its_key() -> None:
    for key in ("alexandria", "arlington", "fairfax", "fairfax city", "washington dc", "prince george's"):
        assert normalise_jurisdiction(jurisdiction_name(key)) == key


def test_the_zip_code_is_read_from_the_end_of_the_address() -> None:
    assert zip_in("100 Sample St, Alexandria, VA 22314") == "22314"
    assert zip_in("100 Sample St, Alexandria, VA 22314-1234 ") == "22314"
    assert zip_in("22314 Sample St") is None
    assert zip_in("100 Sample St") is None


def test_a_zip_wholly_in_the_city_proposes_it() -> None:
    hint = zip_hint("1 Sample Way, Alexandria, VA 22314", zip_table())
    assert hint == ZipHint("22314", (("alexandria", 1.0),))
    assert hint.jurisdiction == "alexandria" and not hint.partly_in_city


def test_alexandria_mail_in_fairfax_county_proposes_fairfax() -> None:
    """Mail reads 'Alexandria, VA', but 22306 is Fairfax County: no burner phone (the issue's case)."""
    hint = zip_hint("1 Sample Way, Alexandria, VA 22306", zip_table())
    assert hint is not None and hint.jurisdiction == "fairfax" and not hint.partly_in_city


@pytest.mark.parametrize(
    ("zip_code", "neighbour"),
    [
        ("22302", "fairfax"),
        ("22304", "fairfax"),
        ("22311", "fairfax"),
        ("22312", "fairfax"),
        ("22206", "arlington"),
    ],
)
def test_zips_the_city_shares_propose_nothing_and_say_ask(zip_code: str, neighbour: str) -> None:
    """2020 Census ZCTA-to-county relationship file: these ZIPs lie partly in the city."""
    hint = zip_hint(f"1 Sample Way {zip_code}", zip_table())
    assert hint is not None and hint.partly_in_city and hint.jurisdiction is None
    assert {key for key, _ in hint.shares} == {"alexandria", neighbour}
    assert sum(share for _, share in hint.shares) == pytest.approx(1.0, abs=0.002)


def test_an_unknown_zip_gives_no_proposal() -> None:
    hint = zip_hint("1 Sample Way, Baltimore, MD 21201", zip_table())
    assert hint == ZipHint("21201", ())
    assert hint.jurisdiction is None and not hint.partly_in_city


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("washington dc", "Washington, DC"),
        ("prince george's", "Prince George's County, MD"),
        ("fairfax", "Fairfax County"),
        ("fairfax city", "City of Fairfax"),
        ("baltimore", "Baltimore"),  # not in the table: as people write it
    ],
)
def test_jurisdictions_are_shown_as_people_write_them(stored: str, shown: str) -> None:
    assert jurisdiction_name(stored) == shown
