"""burner-desk-admin as people and scripts use it: exit codes, stdout, and one readable line on failure."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from burner_desk import admin, paths
from burner_desk.services import access
from burner_desk.storage.engine import PAGE_SIZE
from burner_desk.storage.vault import DB_FILE
from tests.cli.conftest import DemoVault, run
from tests.printing.conftest import text_of

USER_LINE = re.compile(r"^user: (\S+) passphrase: (.+)$")


def _one_clear_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_demo_prints_its_users_who_can_open_it(tmp_path: Path) -> None:
    directory = tmp_path / "demo"
    created = run("--data-dir", str(directory), "demo")
    assert created.code == 0, created.err
    users = [USER_LINE.match(line) for line in created.out.splitlines()]
    assert users and all(users), created.out

    name, passphrase = users[0].group(1), users[0].group(2)  # type: ignore[union-attr]
    stats = run("--data-dir", str(directory), "--user", name, "stats", passphrase=passphrase)
    assert stats.code == 0, stats.err
    counts = json.loads(stats.out)
    assert all(counts[entity] > 0 for entity in ("encounter", "person", "burner_phone")), counts


def test_demo_refuses_a_directory_holding_a_vault(demo_vault: DemoVault) -> None:
    before = (demo_vault.directory / DB_FILE).read_bytes()
    refused = run("--data-dir", str(demo_vault.directory), "demo")
    assert refused.code == 2
    assert "already holds a vault" in _one_clear_line(refused.err)
    assert (demo_vault.directory / DB_FILE).read_bytes() == before


def test_verify_says_ok_on_an_intact_vault(demo_vault: DemoVault) -> None:
    verified = run(
        "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify",
        passphrase=demo_vault.user.passphrase,
    )  # fmt: skip
    assert (verified.code, verified.out.strip()) == (0, "ok"), verified.err


def test_verify_names_a_flipped_byte_deep_in_the_file(demo_vault: DemoVault) -> None:
    db = demo_vault.directory / DB_FILE
    assert not db.with_name(DB_FILE + "-wal").exists() or db.with_name(DB_FILE + "-wal").stat().st_size == 0
    data = bytearray(db.read_bytes())
    pages = len(data) // PAGE_SIZE
    target = (pages * 2 // 3) * PAGE_SIZE + PAGE_SIZE // 2  # mid-page, two thirds in: past the schema
    data[target] ^= 0x5A
    db.write_bytes(bytes(data))

    verified = run(
        "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify",
        passphrase=demo_vault.user.passphrase,
    )  # fmt: skip
    assert verified.code != 0
    assert f"page {target // PAGE_SIZE + 1}" in _one_clear_line(verified.err)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("zero-byte", "empty"),
        ("truncated", "truncated"),
        ("plaintext", "not encrypted"),
        ("missing", "No vault database"),
    ],
)
def test_verify_refuses_a_file_that_is_no_vault(demo_vault: DemoVault, damage: str, reason: str) -> None:
    db = demo_vault.directory / DB_FILE
    if damage == "zero-byte":
        db.write_bytes(b"")
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[: PAGE_SIZE * 3 + 100])
    elif damage == "plaintext":
        db.write_bytes(b"SQLite format 3\x00" + bytes(PAGE_SIZE * 2 - 16))
    else:
        db.unlink()
    before = db.read_bytes() if db.exists() else None

    verified = run(
        "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify",
        passphrase=demo_vault.user.passphrase,
    )  # fmt: skip
    assert verified.code != 0
    assert reason in _one_clear_line(verified.err)
    assert (db.read_bytes() if db.exists() else None) == before


def test_verify_with_a_wrong_passphrase(demo_vault: DemoVault) -> None:
    verified = run(
        "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify",
        passphrase="Not the passphrase 7",
    )  # fmt: skip
    assert verified.code != 0
    assert "Wrong user name or passphrase" in _one_clear_line(verified.err)


def test_verify_without_a_vault(tmp_path: Path) -> None:
    verified = run("--data-dir", str(tmp_path / "nothing"), "--user", "someone", "verify", passphrase="x")
    assert verified.code != 0
    assert "No vault" in _one_clear_line(verified.err)
    assert not (tmp_path / "nothing").exists()


# In-process from here: same `main`, without paying for a Python start-up per case.


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = admin.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_locked_out_user_is_told_so(
    demo_vault: DemoVault, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify")
    monkeypatch.setenv(admin.PASSPHRASE_ENV, "Not the passphrase 7")
    for _ in range(5):
        assert _main(capsys, *args)[0] != 0
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo_vault.user.passphrase)
    code, _out, err = _main(capsys, *args)
    assert code != 0
    assert "paused" in _one_clear_line(err)


def test_verify_finds_an_edited_audit_event(
    demo_vault: DemoVault, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    with opened.vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_event SET outcome = 'failed' WHERE seq = 2")
    opened.vault.close()

    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo_vault.user.passphrase)
    code, out, err = _main(
        capsys, "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "verify"
    )
    assert code != 0 and out == ""
    assert "audit" in _one_clear_line(err).lower()


def test_the_passphrase_prompt_is_used_without_the_variable(
    demo_vault: DemoVault, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return demo_vault.user.passphrase

    monkeypatch.delenv(admin.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code, out, _err = _main(
        capsys, "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, "stats"
    )
    assert code == 0
    assert prompts == [f"Passphrase for {demo_vault.user.name}: "]
    assert json.loads(out)["encounter"] > 0


def test_commands_that_open_the_vault_are_audited(
    demo_vault: DemoVault, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo_vault.user.passphrase)
    for command in ("stats", "verify"):
        code, _out, err = _main(
            capsys, "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name, command
        )
        assert code == 0, err
    opened = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    try:
        with opened.uow.begin() as tx:
            trail = tx.audit_trail(limit=6)
    finally:
        opened.vault.close()
    assert trail[:5] == [
        ("session.sign_in", "session", "ok"),
        ("admin.stats", "vault", "ok"),
        ("session.lock.admin", "session", "ok"),
        ("session.sign_in", "session", "ok"),
        ("session.lock.admin", "session", "ok"),
    ]


def test_version_and_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        admin.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"burner-desk-admin {paths.app_version()}"

    with pytest.raises(SystemExit) as exited:
        admin.main(["--data-dir", str(tmp_path), "no-such-command"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    code, _out, err = _main(capsys, "demo")
    assert code == 2 and "--data-dir" in _one_clear_line(err)


def test_options_may_follow_the_command(
    demo_vault: DemoVault, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo_vault.user.passphrase)
    code, out, err = _main(
        capsys, "verify", "--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name
    )
    assert (code, out.strip()) == (0, "ok"), err


def test_spikes_prints_the_current_alerts_as_json_and_audits_it(demo_vault: DemoVault) -> None:
    vault = ("--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name)
    shown = run(*vault, "spikes", "--json", passphrase=demo_vault.user.passphrase)
    assert shown.code == 0, shown.err
    found = json.loads(shown.out)
    (alert,) = found["alerts"]  # the demo's last two overdoses, in Old Town, over its threshold of two
    assert (alert["area"], alert["incidents_24h"], alert["threshold"]) == ("old-town", 2, 2)
    assert alert["rules"] == ["threshold"] and alert["acknowledged"] is False
    assert alert["baseline_mean"] is None  # the demo's history is shorter than C2's ten days
    opened = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    try:
        with opened.uow.begin() as tx:
            assert ("spike_alert.export", "spike_response", "ok") in tx.audit_trail()
    finally:
        opened.vault.close()
    plain_text = run(*vault, "spikes", passphrase=demo_vault.user.passphrase)
    assert (
        plain_text.code == 0
        and "Old Town (sample): 2 in 24 hours (threshold); not acknowledged" in plain_text.out
    )


def test_coresponse_report_writes_the_months_figures_and_names_no_one(
    demo_vault: DemoVault, tmp_path: Path
) -> None:
    month = f"{datetime.now().astimezone() - timedelta(days=2):%Y-%m}"  # the demo's latest call
    out = tmp_path / "acorp.pdf"
    args = ("--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name)
    made = run(*args, "coresponse-report", "--month", month, str(out), passphrase=demo_vault.user.passphrase)
    assert made.code == 0, made.err
    text = text_of(out.read_bytes())
    assert "Co-response pilot (ACORP)" in text and "Repeat contacts within 90 days" in text
    assert "Quinlan" not in text and "Invented note" not in text  # no person, no clinician's note
    assert out.stat().st_mode & 0o777 == paths.PRIVATE_FILE_MODE

    again = run(*args, "coresponse-report", "--month", month, str(out), passphrase=demo_vault.user.passphrase)
    assert again.code == 2 and "exists already" in _one_clear_line(again.err)
    bad = run(
        *args,
        "coresponse-report",
        "--month",
        "11/2026",
        str(tmp_path / "x.pdf"),
        passphrase=demo_vault.user.passphrase,
    )
    assert bad.code == 1 and "YYYY-MM" in _one_clear_line(bad.err)
    stats = run(*args, "stats", passphrase=demo_vault.user.passphrase)
    assert json.loads(stats.out)["co_response_call"] == 4
    today = datetime.now(UTC).date()
    year = ("--from", f"{today - timedelta(days=365)}", "--to", f"{today}")
    figures = run(*args, "metrics", *year, "--json", passphrase=demo_vault.user.passphrase)
    assert figures.code == 0, figures.err
    assert json.loads(figures.out)["co_response"]["calls"] == 4  # the pilot's figures, beside the program's
