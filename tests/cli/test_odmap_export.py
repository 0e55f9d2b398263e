"""`burner-desk-admin odmap-export`: a new private file of ODMAP rows, audited; `--only-new` leaves out
what was exported unchanged; bad days and an existing file are refused with nothing written."""

from __future__ import annotations

import csv
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from burner_desk.domain import odmap
from burner_desk.services import access
from tests.cli.conftest import DemoVault, run

TODAY = datetime.now(UTC).date()
PERIOD = ("--from", (TODAY - timedelta(days=30)).isoformat(), "--to", (TODAY + timedelta(days=1)).isoformat())


def _export(vault: DemoVault, out: Path, *extra: str) -> tuple[int, str, str]:
    ran = run(
        "--data-dir", str(vault.directory), "--user", vault.user.name, "odmap-export", *PERIOD, *extra, str(out),
        passphrase=vault.user.passphrase,
    )  # fmt: skip
    return ran.code, ran.out, ran.err


def test_export_writes_a_private_csv_and_only_new_leaves_out_the_unchanged(
    demo_vault: DemoVault, tmp_path: Path
) -> None:
    first, again = tmp_path / "odmap.csv", tmp_path / "odmap-new.csv"

    code, out, err = _export(demo_vault, first)
    assert code == 0, err
    with first.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == list(odmap.COLUMNS)
    assert all(row["fatal"] == "non-fatal" and "block of" in row["location"] for row in rows)
    assert not any(name in first.read_text(encoding="utf-8") for name in ("Quinlan", "Avery", "555-01"))
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert out.strip() == f"{len(rows)} incidents written to {first}"

    code, out, err = _export(demo_vault, again, "--only-new")
    assert code == 0, err
    assert again.read_text(encoding="utf-8").splitlines() == [",".join(odmap.COLUMNS)]
    assert f"0 incidents written to {again}; {len(rows)} exported before and unchanged left out" in out

    opened = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    try:
        with opened.uow.begin() as tx:
            trail = tx.audit_trail(limit=10)
    finally:
        opened.vault.close()
    assert ("odmap.export", "incident", "ok") in trail
    assert ("odmap.export", "incident", "only_new") in trail


def test_an_existing_file_and_a_bad_day_are_refused(demo_vault: DemoVault, tmp_path: Path) -> None:
    existing = tmp_path / "keep.csv"
    existing.write_text("mine", encoding="utf-8")

    code, _out, err = _export(demo_vault, existing)
    assert code == 2 and "already exists" in err
    assert existing.read_text(encoding="utf-8") == "mine"

    ran = run(
        "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "odmap-export",
        "--from", "11/01/2026", "--to", "2026-11-30", str(tmp_path / "new.csv"),
        passphrase=demo_vault.user.passphrase,
    )  # fmt: skip
    assert ran.code == 2 and "YYYY-MM-DD" in ran.err
    assert not (tmp_path / "new.csv").exists()
