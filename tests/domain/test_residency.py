import pytest

from burner_desk.domain.residency import Branch, branch_for, gets_burner_phone, normalise_jurisdiction


@pytest.mark.parametrize(
    "spelling", ["alexandria", " Alexandria, VA ", "ALEXANDRIA CITY", "Alexandria Virginia"]
)
def test_alexandria_residents_get_the_burner_phone_branch(spelling: str) -> None:
    assert branch_for(spelling) is Branch.RESIDENT
    assert gets_burner_phone(spelling)


@pytest.mark.parametrize("spelling", ["Arlington, VA", "Washington, DC", "Fairfax", "Prince George's", ""])
def test_everyone_else_is_non_resident(spelling: str) -> None:
    assert branch_for(spelling) is Branch.NON_RESIDENT
    assert not gets_burner_phone(spelling)


def test_jurisdiction_spellings_collapse_to_one() -> None:
    assert normalise_jurisdiction("Washington,  DC") == "washington dc"
    assert normalise_jurisdiction(" Arlington, Virginia ") == "arlington"
