"""The resource directory by jurisdiction and kind."""

from __future__ import annotations

from burner_desk.domain.resources import ResourceKind
from burner_desk.services import resources
from tests.services.conftest import Program


def test_jurisdictions_are_those_the_directory_covers(program: Program) -> None:
    assert resources.jurisdictions(program.uow) == [
        "alexandria",
        "arlington",
        "fairfax",
        "prince george's",
        "washington dc",
    ]


def test_the_directory_filters_by_jurisdiction_in_any_spelling(program: Program) -> None:
    listed = resources.directory(program.uow, "Arlington, VA")
    assert listed
    assert {entry.jurisdiction for entry in listed} == {"arlington"}
    assert all("Arlington" in entry.name for entry in listed)


def test_the_directory_filters_by_kind(program: Program) -> None:
    listed = resources.directory(program.uow, "alexandria", ResourceKind.NALOXONE)
    assert [entry.name for entry in listed] == ["Alexandria Free Naloxone Pick-up (sample)"]
    only = listed[0]
    assert only.phone == "(703) 555-0132"
    assert only.phone_24h == ""
    assert only.hours == "Mon–Sat 9:00\u00a0AM–6:00\u00a0PM"  # from its structure, in English words
    # and in Spanish, for a user whose screens are in Spanish
    assert only.hours_in("es") == "de lunes a sábado, de 9:00\u00a0a.\u00a0m. a 6:00\u00a0p.\u00a0m."
    assert only.hours_in("en") == only.hours


def test_a_record_from_before_the_structure_shows_its_free_text_hours(program: Program) -> None:
    with program.uow.begin(program.actor) as tx:
        (row,) = tx.resources.in_jurisdiction("alexandria", ResourceKind.NALOXONE.value)
        row.opening_hours, row.hours_notes = [], {}
        row.hours = "Tuesdays 18:30"  # read as structure: worded the app's way
        tx.record("resource.update", row)
    (read,) = resources.directory(program.uow, "alexandria", ResourceKind.NALOXONE)
    assert read.hours == "Tuesdays at 6:30\u00a0PM"
    with program.uow.begin(program.actor) as tx:
        (row,) = tx.resources.in_jurisdiction("alexandria", ResourceKind.NALOXONE.value)
        row.hours = "by appointment"  # not read as structure: shown as written
        tx.record("resource.update", row)
    (read,) = resources.directory(program.uow, "alexandria", ResourceKind.NALOXONE)
    assert read.hours == "by appointment"


def test_an_unknown_jurisdiction_lists_nothing(program: Program) -> None:
    assert resources.directory(program.uow, "Nowhere") == []
