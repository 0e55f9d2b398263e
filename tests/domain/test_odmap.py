"""ODMAP rows: locations generalised to the block or rounded coordinates, cells that cannot run as
formulas."""

from __future__ import annotations

from datetime import datetime

import pytest

from burner_desk.domain import odmap


@pytest.mark.parametrize(
    ("address", "block"),
    [
        ("1234 King St", "1200 block of King St"),
        ("1234 King St, Apt 2, Alexandria, VA 22314", "1200 block of King St"),
        ("17 N Patrick St Apt 5B", "0 block of N Patrick St"),
        ("  305a   Duke St ", "300 block of Duke St"),
        ("2400-2410 Mount Vernon Ave", "2400 block of Mount Vernon Ave"),
        ("1250 Block of King St", "1200 block of King St"),
        ("King St & Henry St", "King St & Henry St"),
        ("Duke St and S Patrick St, Alexandria", "Duke St and S Patrick St"),
        ("behind Sam's house (sample)", ""),  # no number, not an intersection: may name someone
        ("", ""),
        ("1234", ""),
    ],
)
def test_an_address_becomes_its_hundred_block(address: str, block: str) -> None:
    assert odmap.block_of(address) == block


def test_coordinates_are_rounded_to_three_decimals() -> None:
    assert odmap.rounded(38.80484) == "38.805"
    assert odmap.rounded(-77.04694) == "-77.047"
    assert odmap.rounded(None) == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(start: str) -> None:
    assert odmap.neutralised(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert odmap.neutralised("fentanyl") == "fentanyl"


def test_a_plain_number_stays_a_number_but_a_formula_behind_a_minus_does_not() -> None:
    assert odmap.neutralised("-77.047") == "-77.047"
    assert odmap.neutralised("-1+1") == "'-1+1"
    assert odmap.neutralised("-77.047\r=1") == "'-77.047\r=1"


def test_a_row_holds_odmap_fields_in_column_order_and_neutralises_them() -> None:
    row = odmap.row(
        "ref",
        datetime(2026, 11, 27, 18, 5),
        "1234 King St",
        38.80484,
        -77.04694,
        fatal=False,
        naloxone_doses=2,
        naloxone_given=True,
        suspected_drug="=fentanyl",
        responding_agency="AFD  EMS",
    )

    assert len(row.cells()) == len(odmap.COLUMNS)
    assert dict(zip(odmap.COLUMNS, row.cells(), strict=True)) == {
        "incident_ref": "ref",
        "date": "2026-11-27",
        "time": "18:05",
        "location": "1200 block of King St",
        "latitude": "38.805",
        "longitude": "-77.047",
        "fatal": "non-fatal",
        "naloxone_administered": "yes",
        "naloxone_doses": "2",
        "suspected_drug": "'=fentanyl",
        "responding_agency": "AFD EMS",
    }
