"""Encrypted backup and restore (issue 6): real SQLCipher files under tmp_path, a writer running meanwhile,
and every kind of bad backup refused with the vault left byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from burner_desk.domain.errors import VaultError, WrongPassphrase
from burner_desk.storage import backup, keyslot_names, migrate, unlock_guard, vault
from burner_desk.storage.engine import PAGE_SIZE
from tests.conftest import TEST_KDF, MemoryKeyring
from tests.storage.conftest import PASSPHRASE, USER, WRONG, add_person, fill_pages, sha256
from tests.storage.test_migrations import ADD_NICKNAME, NEXT, SHIPPED, _scripts_with_second_revision

CANARY = "Qzxcanary7Backup"
SQLITE_MAGIC = b"SQLite format 3"


def _snapshot(directory: Path) -> dict[str, str]:
    """Every file in the vault folder (not the unlock guard) with its hash: what must not change."""
    return {
        path.name: sha256(path) if path.is_file() else "<dir>"
        for path in directory.iterdir()
        if path.name != vault.GUARD_FILE
    }


@contextmanager
def _checked(file: Path, directory: Path) -> Iterator[vault.OpenVault]:
    """The backup opened and verified in a folder of its own, without installing it anywhere."""
    with backup.staged_restore(directory, file, USER, PASSPHRASE) as staged:
        yield staged.vault


def _refusal(
    directory: Path, file: Path, passphrase: str = PASSPHRASE, error: type[VaultError] = backup.BackupError
) -> VaultError:
    """What restoring `file` over the vault in `directory` raises; it must not get as far as installing."""
    with pytest.raises(error) as caught, backup.staged_restore(directory, file, USER, passphrase) as staged:
        staged.install()
    return caught.value


def _counts(opened: vault.OpenVault) -> dict[str, int]:
    with opened.uow.begin() as tx:
        return tx.live_counts()


def _scalar(opened: vault.OpenVault, sql: str) -> object:
    with opened.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def _rebuild(source: Path, target: Path, db: bytes, *, fix_manifest: bool) -> None:
    """A backup whose database was replaced, with valid zip CRCs (and a matching manifest if asked):
    damage that only the deeper checks can catch."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read(backup.MANIFEST))
        slots = archive.read(keyslot_names.KEYSLOT_FILE)
    if fix_manifest:
        manifest["sha256"][vault.DB_FILE] = hashlib.sha256(db).hexdigest()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(backup.MANIFEST, json.dumps(manifest))
        archive.writestr(keyslot_names.KEYSLOT_FILE, slots)
        archive.writestr(vault.DB_FILE, db)


@pytest.fixture
def made(opened: vault.OpenVault, tmp_path: Path) -> Path:
    """A backup of a vault holding a few hundred people; the vault stays open."""
    fill_pages(opened, people=200)
    return backup.write_backup(opened, tmp_path / "vault.burner-backup").path


# --- writing -------------------------------------------------------------------------------------


def test_backup_while_another_connection_writes_is_consistent(
    opened: vault.OpenVault, tmp_path: Path
) -> None:
    fill_pages(opened, people=300)
    stop, written = threading.Event(), [0]
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                add_person(opened, f"Writer{written[0]:05d}")
                written[0] += 1
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 5:
            stop.wait(0.01)
        before = written[0]
        made = backup.write_backup(opened, tmp_path / "busy.burner-backup").path
        after = written[0]
        assert after > before  # the writer really wrote while the copy was being made
        while written[0] < after + 5:  # and goes on after it
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
    assert not errors, errors

    with _checked(made, tmp_path / "check") as copy:  # staged_restore verifies pages and audit chain
        writers = _scalar(copy, "SELECT count(*) FROM person WHERE given_name LIKE 'Writer%'")
        assert isinstance(writers, int) and before <= writers <= after
        # Each person and its audit event are one transaction: a snapshot holds both or neither.
        people = _scalar(copy, "SELECT count(*) FROM person")
        events = _scalar(copy, "SELECT count(*) FROM audit_event WHERE action = 'person.create'")
        assert people == events == 300 + writers
    assert _counts(opened)["person"] == 300 + written[0]


def test_backup_file_is_ciphertext_with_the_keyslots(opened: vault.OpenVault, tmp_path: Path) -> None:
    add_person(opened, CANARY, family_name=CANARY + "Family")
    info = backup.write_backup(opened, tmp_path / "b.burner-backup")

    data = info.path.read_bytes()
    assert CANARY.encode() not in data and CANARY.encode("utf-16-le") not in data
    assert SQLITE_MAGIC not in data
    with zipfile.ZipFile(info.path) as archive:
        assert sorted(archive.namelist()) == sorted(backup.MEMBERS)
        assert (
            archive.read(keyslot_names.KEYSLOT_FILE)
            == (opened.directory / keyslot_names.KEYSLOT_FILE).read_bytes()
        )
        assert len(archive.read(vault.DB_FILE)) % PAGE_SIZE == 0
        manifest = json.loads(archive.read(backup.MANIFEST))
    assert (manifest["format"], manifest["vault_id"]) == (1, opened.vault_id)
    assert manifest["schema_revision"] == info.schema_revision == migrate.head_revision()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b.burner-backup", "vault"]  # no scratch left


@pytest.mark.parametrize("where", ["exists", "inside vault", "folder cannot be made"])
def test_backup_refuses_an_unsafe_target(opened: vault.OpenVault, tmp_path: Path, where: str) -> None:
    target = {
        "exists": tmp_path / "taken.zip",
        "inside vault": opened.directory / "sub" / ".." / "b.zip",
        "folder cannot be made": tmp_path / "taken.zip" / "b.zip",
    }[where]
    (tmp_path / "taken.zip").write_bytes(b"keep me")
    before = _snapshot(opened.directory)

    with pytest.raises(backup.UnsafeTarget) as caught:
        backup.write_backup(opened, target)
    assert {
        "exists": "already exists",
        "inside vault": "inside the vault",
        "folder cannot be made": "cannot be made",
    }[where] in str(caught.value)
    assert (tmp_path / "taken.zip").read_bytes() == b"keep me"
    assert _snapshot(opened.directory) == before


# --- restoring -----------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_moment_and_keeps_the_old_files(
    opened: vault.OpenVault, vault_dir: Path, made: Path
) -> None:
    at_backup = _counts(opened)
    add_person(opened, "After")
    opened.close()
    previous = {name: sha256(vault_dir / name) for name in (vault.DB_FILE, keyslot_names.KEYSLOT_FILE)}

    with backup.staged_restore(vault_dir, made, USER, PASSPHRASE) as staged:
        replaced = staged.install()

    assert replaced is not None and replaced.parent == vault_dir and replaced.name.startswith("replaced-")
    assert {name: sha256(replaced / name) for name in previous} == previous
    assert not [path for path in vault_dir.iterdir() if path.name.startswith(".restore-check-")]
    restored = vault.unlock(vault_dir, USER, PASSPHRASE)
    try:
        assert _counts(restored) == at_backup
        assert restored.verify() is None
    finally:
        restored.close()


def test_restore_into_an_empty_folder(made: Path, tmp_path: Path) -> None:
    """A new laptop after a failed disk: nothing to move aside."""
    with backup.staged_restore(tmp_path / "new", made, USER, PASSPHRASE) as staged:
        assert staged.install() is None
    restored = vault.unlock(tmp_path / "new", USER, PASSPHRASE)
    try:
        assert _counts(restored)["person"] == 200
    finally:
        restored.close()


def _damage(made: Path, tmp_path: Path, kind: str) -> Path:
    bad = tmp_path / f"{kind}.burner-backup"
    data = made.read_bytes()
    with zipfile.ZipFile(made) as archive:
        db = archive.read(vault.DB_FILE)
    if kind == "truncated":
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif kind == "bit-flipped":
        flipped = bytearray(data)
        flipped[len(data) // 2] ^= 0x10  # the database member fills most of the file
        bad.write_bytes(bytes(flipped))
    elif kind == "random-bytes":
        bad.write_bytes(os.urandom(len(data)))
    elif kind == "checksum-mismatch":
        _rebuild(made, bad, db[:-PAGE_SIZE] + bytes(PAGE_SIZE), fix_manifest=False)
    elif kind == "page-tampered":
        tampered = bytearray(db)
        tampered[len(db) // 2] ^= 0x10
        _rebuild(made, bad, bytes(tampered), fix_manifest=True)
    elif kind == "other-zip":
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("notes.txt", "not a vault")
    elif kind == "no-manifest-time":
        with zipfile.ZipFile(made) as archive, zipfile.ZipFile(bad, "w") as out:
            manifest = json.loads(archive.read(backup.MANIFEST))
            del manifest["created_at"]
            out.writestr(backup.MANIFEST, json.dumps(manifest))
            for member in (keyslot_names.KEYSLOT_FILE, vault.DB_FILE):
                out.writestr(member, archive.read(member))
    elif kind == "plaintext-db":
        _rebuild(made, bad, SQLITE_MAGIC + b"\x00" + bytes(PAGE_SIZE * 2 - 16), fix_manifest=True)
    return bad


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("truncated", "damaged or not a burner_desk backup"),
        ("bit-flipped", "damaged or not a burner_desk backup (Bad CRC-32"),
        ("random-bytes", "damaged or not a burner_desk backup"),
        ("checksum-mismatch", "vault.db fails its checksum"),
        ("page-tampered", "HMAC verification failed for page"),
        ("plaintext-db", "not encrypted"),
        ("other-zip", "is not a burner_desk backup"),
        ("no-manifest-time", "has a damaged manifest"),
    ],
)
def test_a_damaged_backup_is_refused_and_the_vault_untouched(
    opened: vault.OpenVault, vault_dir: Path, made: Path, tmp_path: Path, kind: str, reason: str
) -> None:
    bad = _damage(made, tmp_path, kind)
    opened.close()
    before = _snapshot(vault_dir)

    message = str(_refusal(vault_dir, bad))
    assert reason in message and bad.name in message and "\n" not in message
    assert message.lower().endswith("nothing was changed.")
    assert _snapshot(vault_dir) == before


def test_a_backup_of_another_vault_is_refused(vault_dir: Path, made: Path, tmp_path: Path) -> None:
    other = vault.create(tmp_path / "other", USER, PASSPHRASE, kdf=TEST_KDF)
    foreign = backup.write_backup(other, tmp_path / "other.burner-backup").path
    other.close()
    before = _snapshot(vault_dir)

    assert "a backup of another vault" in str(_refusal(vault_dir, foreign))
    assert _snapshot(vault_dir) == before


def test_a_wrong_passphrase_counts_towards_the_lockout(vault_dir: Path, made: Path) -> None:
    before = _snapshot(vault_dir)
    refused = _refusal(vault_dir, made, WRONG, WrongPassphrase)
    assert isinstance(refused, WrongPassphrase) and refused.attempts_left == unlock_guard.MAX_FAILURES - 1
    assert _snapshot(vault_dir) == before


def test_a_device_bound_backup_without_the_keyring_secret_says_so(
    opened: vault.OpenVault, vault_dir: Path, made: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    opened.close()
    memory_keyring.entries.clear()  # another laptop: its keyring never held this vault's secret
    before = _snapshot(vault_dir)

    assert "tied to the keyring of the laptop that made the vault" in str(_refusal(vault_dir, made))
    assert _snapshot(vault_dir) == before


# --- the safety backup around a schema upgrade (deliverable 2) -----------------------------------

HALF_DONE = """
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("DELETE FROM person")
    # The injected fault: a step that commits on its own, so the transaction cannot undo it.
    op.execute("COMMIT")
    raise RuntimeError("injected failure half-way through the upgrade")
"""


def test_a_failed_upgrade_restores_the_vault_and_says_so(
    closed_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "MIGRATIONS", _scripts_with_second_revision(tmp_path, HALF_DONE))
    with pytest.raises(VaultError) as caught:
        vault.unlock(closed_vault, USER, PASSPHRASE)
    message = str(caught.value)
    assert message.startswith(
        f"The schema upgrade from revision {SHIPPED} failed, and the vault was restored"
    )
    assert f"({backup.SAFETY_DIR}/before-upgrade-{SHIPPED}-" in message
    assert len(list((closed_vault / backup.SAFETY_DIR).iterdir())) == 1

    monkeypatch.undo()  # the app as shipped (up to revision SHIPPED) opens the vault as it was
    reopened = vault.unlock(closed_vault, USER, PASSPHRASE)
    try:
        assert migrate.current_revision(reopened.engine) == SHIPPED
        assert _scalar(reopened, "SELECT count(*) FROM person WHERE given_name = 'Ada'") == 1
        assert _scalar(reopened, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
        assert reopened.verify() is None
    finally:
        reopened.close()


def test_an_upgrade_is_preceded_by_a_backup_that_opens(
    closed_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "MIGRATIONS", _scripts_with_second_revision(tmp_path, ADD_NICKNAME))
    upgraded = vault.unlock(closed_vault, USER, PASSPHRASE)
    try:
        assert migrate.current_revision(upgraded.engine) == NEXT
    finally:
        upgraded.close()
    (safety,) = (closed_vault / backup.SAFETY_DIR).iterdir()
    with zipfile.ZipFile(safety) as archive:
        assert json.loads(archive.read(backup.MANIFEST))["schema_revision"] == SHIPPED


def test_no_backup_when_there_is_nothing_to_upgrade(closed_vault: Path) -> None:
    vault.unlock(closed_vault, USER, PASSPHRASE).close()
    assert not (closed_vault / backup.SAFETY_DIR).exists()


def test_audit_events_survive_a_restore(opened: vault.OpenVault, vault_dir: Path, made: Path) -> None:
    with opened.uow.begin() as tx:
        events = tx.audit_trail(limit=10_000)
    opened.close()
    with backup.staged_restore(vault_dir, made, USER, PASSPHRASE) as staged, staged.vault.uow.begin() as tx:
        assert tx.audit_trail(limit=10_000) == events
        assert tx.verify_audit_chain() is None


# --- pruning: the vault folder does not grow forever --------------------------------------------

HOUR = 3600


def _aged(path: Path, hours: float) -> Path:
    """`path`, last modified `hours` ago (negative: ahead of the clock, as after a skewed clock)."""
    at = path.stat().st_mtime - hours * HOUR
    os.utime(path, (at, at))
    return path


def _old_safety_backups(vault_dir: Path, hours: list[float]) -> list[Path]:
    safety = vault_dir / backup.SAFETY_DIR
    safety.mkdir(exist_ok=True)
    made = []
    for index, age in enumerate(hours):
        old = safety / f"before-upgrade-rev{index}-2025010{index}T000000Z.burner-backup"
        old.write_bytes(b"an older safety backup")
        made.append(_aged(old, age))
    return made


def test_an_upgrade_keeps_only_the_newest_safety_backups_and_always_its_own(
    closed_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two ahead of the clock: by time alone the new backup would be the oldest, and still it stays.
    ahead_1, ahead_2, newest, newer, older, oldest = _old_safety_backups(closed_vault, [-2, -1, 1, 2, 3, 4])
    unrelated = closed_vault / backup.SAFETY_DIR / "copied-by-hand.burner-backup"
    unrelated.write_bytes(b"not ours to delete")
    monkeypatch.setattr(migrate, "MIGRATIONS", _scripts_with_second_revision(tmp_path, ADD_NICKNAME))

    vault.unlock(closed_vault, USER, PASSPHRASE).close()

    [made] = [path for path in backup.safety_backups(closed_vault) if f"-{SHIPPED}-" in path.name]
    assert set(backup.safety_backups(closed_vault)) == {made, ahead_1, ahead_2, newest, newer}
    assert len(backup.safety_backups(closed_vault)) == backup.KEEP_SAFETY_BACKUPS
    assert not older.exists() and not oldest.exists()
    assert unrelated.exists()


def test_a_failed_upgrade_prunes_nothing(
    closed_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _old_safety_backups(closed_vault, [1, 2, 3, 4, 5])
    monkeypatch.setattr(migrate, "MIGRATIONS", _scripts_with_second_revision(tmp_path, HALF_DONE))
    with pytest.raises(VaultError, match="restored from the backup"):
        vault.unlock(closed_vault, USER, PASSPHRASE)
    assert len(backup.safety_backups(closed_vault)) == len(old) + 1
    assert all(path.exists() for path in old)


def test_a_restore_keeps_only_the_newest_replaced_folders_and_always_its_own(
    opened: vault.OpenVault, vault_dir: Path, made: Path
) -> None:
    opened.close()
    earlier = []
    for index, hours in enumerate([-1, 5, 9]):  # the first ahead of the clock
        folder = vault_dir / f"replaced-2025010{index}T000000Z"
        folder.mkdir()
        (folder / vault.DB_FILE).write_bytes(b"a vault replaced by an earlier restore")
        earlier.append(_aged(folder, hours))
    ahead, newer, older = earlier

    with backup.staged_restore(vault_dir, made, USER, PASSPHRASE) as staged:
        replaced = staged.install()

    assert replaced is not None and (replaced / vault.DB_FILE).exists()  # the way back from this restore
    assert backup.replaced_folders(vault_dir) == sorted([replaced, ahead])
    assert not newer.exists() and not older.exists()
    vault.unlock(vault_dir, USER, PASSPHRASE).close()
