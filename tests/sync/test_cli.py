"""`burner-desk-admin … enroll` and `… sync` as IT runs them (in-process, so the test keyring is the OS
keyring they see), and the one-line refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from burner_desk import admin
from burner_desk.services import bedside
from tests.conftest import SETUP
from tests.services.conftest import NOW, resident, stock
from tests.sync.conftest import Laptop, LiveCentral


def _admin(laptop: Laptop, *args: str, monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setenv(admin.PASSPHRASE_ENV, SETUP.passphrase)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))  # how a script hands over the enrollment code
    directory = str(laptop.signed_in.vault.directory)
    return admin.main(["--data-dir", directory, "--user", SETUP.user_name, *args])


def test_enroll_then_sync_from_the_command_line(
    live_central: LiveCentral,
    laptops: list[Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    desk = laptops[0]
    stock(desk.signed_in)
    bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, resident(), NOW)
    waiting = desk.status().waiting
    desk.signed_in.vault.close()  # the CLI opens the vault itself, as it would with the app closed

    code = live_central.code("desk-0")
    assert _admin(desk, "enroll", "--server", live_central.url, monkeypatch=monkeypatch, stdin=code) == 0
    enrolled = capsys.readouterr().out
    assert enrolled.startswith("enrolled: device ") and live_central.url in enrolled

    assert _admin(desk, "sync", monkeypatch=monkeypatch) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Sync done: sent {waiting} change(s)"), captured.out
    assert captured.out.splitlines()[-1] == "needs a person: 0"
    assert "push: " in captured.err and "snapshot: " in captured.err

    code_file = tmp_path / "code.txt"
    code_file.write_text(live_central.code("desk-0") + "\n")
    again = ["enroll", "--server", live_central.url, "--code-file", str(code_file)]
    assert _admin(desk, *again, monkeypatch=monkeypatch) == admin.EXIT_FAILED
    assert "already enrolled" in capsys.readouterr().err
    assert _admin(desk, *again, "--again", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.startswith("enrolled: device ")


def test_a_used_code_is_one_clear_line(
    live_central: LiveCentral,
    laptops: list[Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptops[0].signed_in.vault.close()
    code = live_central.code()
    assert (
        _admin(laptops[0], "enroll", "--server", live_central.url, monkeypatch=monkeypatch, stdin=code) == 0
    )
    capsys.readouterr()
    laptops[1].signed_in.vault.close()

    refused = _admin(laptops[1], "enroll", "--server", live_central.url, monkeypatch=monkeypatch, stdin=code)

    err = capsys.readouterr().err.strip()
    assert refused == admin.EXIT_FAILED
    assert err == "burner-desk-admin: Central refused the code: it is unknown, used or expired."


def test_sync_with_central_offline_says_nothing_is_lost(
    live_central: LiveCentral,
    laptops: list[Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptops[0].enroll(live_central)
    laptops[0].signed_in.vault.close()
    live_central.stop()

    assert _admin(laptops[0], "sync", monkeypatch=monkeypatch) == admin.EXIT_FAILED
    *progress, failure = capsys.readouterr().err.strip().splitlines()
    assert progress == ["push: 0/1"]  # the supervisor's own account waits to go up
    assert (
        failure.startswith("burner-desk-admin: Central at http://127.0.0.1:") and "Nothing is lost" in failure
    )


def test_a_sync_that_leaves_work_for_a_person_exits_0_and_says_how_much(
    live_central: LiveCentral,
    laptops: list[Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = laptops[0], laptops[1]  # their supervisors share a sign-in name
    first.enroll(live_central)
    first.sync()
    second.enroll(live_central)
    second.signed_in.vault.close()

    assert _admin(second, "sync", monkeypatch=monkeypatch) == 0

    lines = capsys.readouterr().out.splitlines()
    assert "1 conflict(s) to settle" in lines[0]
    assert lines[-1] == "needs a person: 1"
