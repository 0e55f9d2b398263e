"""`metrics` and `report` on the hand-computed caseload (tests/program_caseload.py), as a real subprocess."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pypdf import PdfReader

from burner_desk.services import access
from tests.cli.conftest import run
from tests.conftest import SETUP, TEST_KDF
from tests.program_caseload import EXPECTED, PASSPHRASE, record_caseload


@pytest.fixture(scope="module")
def caseload_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # the subprocess cannot see an in-memory keyring
    try:
        directory = tmp_path_factory.mktemp("caseload") / "vault"
        signed_in = access.first_run_setup(directory, SETUP, kdf=TEST_KDF)
        try:
            record_caseload(signed_in)
        finally:
            signed_in.vault.close()
    finally:
        keyring.set_keyring(previous)
    yield directory


def test_metrics_prints_the_hand_computed_figures_as_one_json_object(caseload_vault: Path) -> None:
    ran = run(
        "--data-dir", str(caseload_vault), "--user", "quinn.harper",
        "metrics", "--from", "2025-03-01", "--to", "2025-03-31", "--json",
        passphrase=PASSPHRASE,
    )  # fmt: skip

    assert ran.code == 0, ran.err
    found = json.loads(ran.out)
    # Run today, long after the month: G (met 31 March) has run out of its 48 hours unreached, and G and
    # I (1 April) are overdue now as well as F and H.
    changed = {"still_within_48h": 0, "not_reached": 2, "share_within_48h": 0.5, "overdue_now": 4}
    expected = {**EXPECTED, "promise": EXPECTED["promise"] | changed}
    assert found["promise"].pop("median_hours_to_first_contact") == pytest.approx(
        expected["promise"].pop("median_hours_to_first_contact")
    )
    for section, values in expected.items():
        assert found[section] == values, section


def test_report_writes_the_pdf_and_the_csv_beside_it_and_never_overwrites(
    caseload_vault: Path, tmp_path: Path
) -> None:
    out = tmp_path / "march.pdf"
    args = (
        "--data-dir",
        str(caseload_vault),
        "--user",
        "quinn.harper",
        "report",
        "--month",
        "2025-03",
        str(out),
    )

    ran = run(*args, passphrase=PASSPHRASE)

    assert ran.code == 0, ran.err
    assert ran.out.split() == [str(out), str(out.with_suffix(".csv"))]
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(out.read_bytes())).pages
    )
    assert "7 survivors met · 50% reached within 48 hours (3 of 6)" in text  # today, as above
    assert "Entered treatment <5" in text
    assert "Reached within 48 hours,3" in out.with_suffix(".csv").read_text()
    assert (out.stat().st_mode & 0o777) == 0o600

    again = run(*args, passphrase=PASSPHRASE)
    assert again.code == 2 and "already exists" in again.err


def test_a_detective_gets_no_figures(caseload_vault: Path) -> None:
    ran = run(
        "--data-dir", str(caseload_vault), "--user", "jordan.lee",
        "metrics", "--from", "2025-03-01", "--to", "2025-03-31",
        passphrase=PASSPHRASE,
    )  # fmt: skip

    assert ran.code == 1
    assert ran.err.strip().endswith("Only supervisors and the coordinator see the program's figures.")
