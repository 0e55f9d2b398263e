"""burner-desk-admin backup / restore: exit codes, one line of output, and a vault that a refused restore
leaves exactly as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from burner_desk import admin
from burner_desk.instance_lock import InstanceLock
from burner_desk.services import access, demo
from burner_desk.storage.keyslot_names import KEYSLOT_FILE
from burner_desk.storage.models import Person
from burner_desk.storage.vault import DB_FILE
from tests.cli.conftest import DemoVault, run


def _one_clear_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def _hashes(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in directory.iterdir()
        if path.is_file()
    }


def _admin(demo_vault: DemoVault, *args: str, user: demo.DemoUser | None = None) -> tuple[int, str, str]:
    user = user or demo_vault.user
    ran = run("--data-dir", str(demo_vault.directory), "--user", user.name, *args, passphrase=user.passphrase)
    # The demo vault is made without an OS keyring: that warning may come on stderr as a second line.
    err = "\n".join(line for line in ran.err.splitlines() if not line.startswith("warning: No OS keyring"))
    return ran.code, ran.out, err


def _stats(demo_vault: DemoVault) -> dict[str, int]:
    code, out, err = _admin(demo_vault, "stats")
    assert code == 0, err
    counts: dict[str, int] = json.loads(out)
    return counts


def test_backup_then_restore_brings_back_the_backup_moment(demo_vault: DemoVault, tmp_path: Path) -> None:
    file = tmp_path / "vault.burner-backup"
    code, out, err = _admin(demo_vault, "backup", str(file))
    assert (code, _one_clear_line(out), err) == (0, f"backup written: {file}", "")
    at_backup = _stats(demo_vault)

    signed_in = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    try:
        with signed_in.uow.begin(signed_in.actor) as tx:
            tx.record(
                "person.create",
                tx.add(Person(given_name="After", family_name="Backup (sample)", jurisdiction="alexandria")),
            )
            assert tx.audit_trail(limit=50).count(("vault.backup", "vault", "ok")) == 1
    finally:
        signed_in.vault.close()
    before_restore = _hashes(demo_vault.directory)

    code, out, err = _admin(demo_vault, "restore", str(file))
    assert code == 0 and err == "", err
    line = _one_clear_line(out)
    assert line.startswith("restored the backup made ") and "the previous vault files are in " in line
    replaced = Path(line.rsplit(" ", 1)[1])
    assert _hashes(replaced) == {name: before_restore[name] for name in (DB_FILE, KEYSLOT_FILE)}
    assert _stats(demo_vault) == at_backup

    signed_in = access.sign_in(demo_vault.directory, demo_vault.user.name, demo_vault.user.passphrase)
    try:
        with signed_in.uow.begin() as tx:
            assert ("vault.restore", "vault", "ok") in tx.audit_trail(limit=10)
    finally:
        signed_in.vault.close()


def test_backup_refuses_an_existing_file_or_one_inside_the_vault(
    demo_vault: DemoVault, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.burner-backup"
    taken.write_bytes(b"keep me")
    before = _hashes(demo_vault.directory)
    for target, reason in ((taken, "already exists"), (demo_vault.directory / "b.zip", "inside the vault")):
        code, out, err = _admin(demo_vault, "backup", str(target))
        assert (code, out) == (2, "")
        assert reason in _one_clear_line(err)
    assert taken.read_bytes() == b"keep me"
    assert _hashes(demo_vault.directory) == before


def test_restore_of_a_truncated_backup_changes_nothing(demo_vault: DemoVault, tmp_path: Path) -> None:
    file = tmp_path / "vault.burner-backup"
    assert _admin(demo_vault, "backup", str(file))[0] == 0
    file.write_bytes(file.read_bytes()[:4096])
    before = _hashes(demo_vault.directory)

    code, out, err = _admin(demo_vault, "restore", str(file))
    assert (code, out) == (1, "")
    assert _one_clear_line(err) == (
        "burner-desk-admin: vault.burner-backup is damaged or not a burner_desk backup "
        "(File is not a zip file): nothing was changed."
    )
    assert _hashes(demo_vault.directory) == before


# In-process from here: the same `main`, without a Python start-up per case.


@pytest.mark.parametrize(
    ("user", "passphrase", "code", "reason"),
    [
        (demo.DETECTIVE.name, demo.DETECTIVE.passphrase, 1, "Only a supervisor"),
        (demo.SUPERVISOR.name, "Not the passphrase 7", 1, "Wrong user name or passphrase"),
        ("", "", 2, "--user NAME is required"),
    ],
)
def test_restore_refusals(
    demo_vault: DemoVault,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    passphrase: str,
    code: int,
    reason: str,
) -> None:
    file = tmp_path / "vault.burner-backup"
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo.SUPERVISOR.passphrase)
    data_dir = ("--data-dir", str(demo_vault.directory))
    assert admin.main([*data_dir, "--user", demo.SUPERVISOR.name, "backup", str(file)]) == 0
    capsys.readouterr()
    before = {
        name: digest for name, digest in _hashes(demo_vault.directory).items() if name != "unlock-guard.json"
    }

    monkeypatch.setenv(admin.PASSPHRASE_ENV, passphrase)
    assert admin.main([*data_dir, *(("--user", user) if user else ()), "restore", str(file)]) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert reason in _one_clear_line(captured.err)
    after = {
        name: digest for name, digest in _hashes(demo_vault.directory).items() if name != "unlock-guard.json"
    }
    assert after == before


def test_wrong_passphrases_before_a_restore_are_audited_in_it(
    demo_vault: DemoVault, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "vault.burner-backup"
    args = ["--data-dir", str(demo_vault.directory), "--user", demo.SUPERVISOR.name]
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo.SUPERVISOR.passphrase)
    assert admin.main([*args, "backup", str(file)]) == 0
    monkeypatch.setenv(admin.PASSPHRASE_ENV, "Not the passphrase 7")
    assert admin.main([*args, "restore", str(file)]) == 1
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo.SUPERVISOR.passphrase)
    assert admin.main([*args, "restore", str(file)]) == 0
    capsys.readouterr()

    signed_in = access.sign_in(demo_vault.directory, demo.SUPERVISOR.name, demo.SUPERVISOR.passphrase)
    try:
        with signed_in.uow.begin() as tx:
            trail = tx.audit_trail(limit=3)
    finally:
        signed_in.vault.close()
    assert trail == [
        ("vault.restore", "vault", "failed"),
        ("vault.restore", "vault", "ok"),
        ("session.sign_in", "session", "ok"),
    ]


def test_backup_by_a_detective_is_refused(
    demo_vault: DemoVault, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(admin.PASSPHRASE_ENV, demo.DETECTIVE.passphrase)
    file = tmp_path / "vault.burner-backup"
    args = ["--data-dir", str(demo_vault.directory), "--user", demo.DETECTIVE.name, "backup", str(file)]
    assert admin.main(args) == 1
    assert "Only a supervisor" in _one_clear_line(capsys.readouterr().err)
    assert not file.exists()


def test_restore_refuses_while_the_app_holds_the_vault(demo_vault: DemoVault, tmp_path: Path) -> None:
    backup_file = tmp_path / "demo.burner-backup"
    base = ("--data-dir", str(demo_vault.directory), "--user", demo_vault.user.name)
    assert run(*base, "backup", str(backup_file), passphrase=demo_vault.user.passphrase).code == 0
    held = InstanceLock(demo_vault.directory)  # as the running app holds it
    held.acquire()
    try:
        refused = run(*base, "restore", str(backup_file), passphrase=demo_vault.user.passphrase)
    finally:
        held.release()
    assert refused.code == 2 and "Quit the app first" in refused.err
    assert not list(demo_vault.directory.glob("replaced-*"))  # nothing was moved
