"""One keyslot per user over the same data key: add, remove, change passphrase (re-wrap only), AAD binding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.domain.errors import ValidationError, VaultDamaged, VaultError, WrongPassphrase
from burner_desk.storage import keyslot_names, vault
from burner_desk.storage.models import Person
from tests.conftest import TEST_KDF
from tests.storage.conftest import PASSPHRASE, USER, WRONG, add_person, sha256

SECOND_USER = "lee.chan"
SECOND_PASSPHRASE = "Second horse 8 battery"
NEW_PASSPHRASE = "Brand new horse 3 staple"


def _given_names(opened: vault.OpenVault) -> list[str]:
    with Session(opened.engine) as session:
        return sorted(session.scalars(select(Person.given_name)))


def _read_slot_file(directory: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((directory / keyslot_names.KEYSLOT_FILE).read_text(encoding="utf-8"))
    return loaded


def _write_slot_file(directory: Path, content: dict[str, Any]) -> None:
    (directory / keyslot_names.KEYSLOT_FILE).write_text(json.dumps(content), encoding="utf-8")


@pytest.fixture
def two_users(opened: vault.OpenVault, vault_dir: Path) -> Path:
    add_person(opened, "Ada")
    opened.add_user_slot(SECOND_USER, SECOND_PASSPHRASE, kdf=TEST_KDF)
    opened.close()
    return vault_dir


def test_two_users_unlock_the_same_data(two_users: Path) -> None:
    assert keyslot_names.slot_users(two_users) == [USER, SECOND_USER]
    for user, passphrase in ((USER, PASSPHRASE), (SECOND_USER, SECOND_PASSPHRASE)):
        opened = vault.unlock(two_users, user, passphrase)
        try:
            assert _given_names(opened) == ["Ada"]
        finally:
            opened.close()
    with pytest.raises(WrongPassphrase):
        vault.unlock(two_users, SECOND_USER, PASSPHRASE)  # one user's passphrase is not another's


def test_adding_an_existing_user_or_a_weak_passphrase_is_refused(opened: vault.OpenVault) -> None:
    with pytest.raises(VaultError, match="already has a passphrase"):
        opened.add_user_slot(USER, SECOND_PASSPHRASE, kdf=TEST_KDF)
    with pytest.raises(ValidationError):
        opened.add_user_slot(SECOND_USER, "short", kdf=TEST_KDF)
    assert opened.slot_users() == [USER]


def test_removed_user_cannot_unlock(two_users: Path) -> None:
    opened = vault.unlock(two_users, USER, PASSPHRASE)
    try:
        opened.remove_user_slot(SECOND_USER)
    finally:
        opened.close()
    assert keyslot_names.slot_users(two_users) == [USER]
    with pytest.raises(WrongPassphrase):
        vault.unlock(two_users, SECOND_USER, SECOND_PASSPHRASE)


def test_last_slot_cannot_be_removed(opened: vault.OpenVault, vault_dir: Path) -> None:
    before = sha256(vault_dir / keyslot_names.KEYSLOT_FILE)
    with pytest.raises(VaultError) as caught:
        opened.remove_user_slot(USER)
    assert str(caught.value) == "The last passphrase cannot be removed: nobody could open the vault."
    assert sha256(vault_dir / keyslot_names.KEYSLOT_FILE) == before


def test_checkpoint_moves_the_wal_into_the_database(opened: vault.OpenVault, vault_dir: Path) -> None:
    add_person(opened, "Ada")
    assert (vault_dir / "vault.db-wal").stat().st_size > 0
    opened.checkpoint()
    assert (vault_dir / "vault.db-wal").stat().st_size == 0


def test_settled_writes_do_not_grow_the_wal(opened: vault.OpenVault, vault_dir: Path, tmp_path: Path) -> None:
    """Each write after a settle starts the WAL from its beginning, so it holds one write's pages, not
    every write's since SQLite's own checkpoint (at 1000 pages); and the settled rows are in the file."""
    wal = vault_dir / "vault.db-wal"
    sizes = []
    for index in range(12):
        add_person(opened, f"Ada{index:02d}", "Sample " * 200)  # a few pages each
        opened.settle()
        sizes.append(wal.stat().st_size)
    assert sizes[-1] == sizes[1], sizes
    # The database file alone, without the WAL, holds every settled write.
    copy = tmp_path / "file-only"
    copy.mkdir()
    shutil.copy(vault_dir / vault.DB_FILE, copy / vault.DB_FILE)
    file_only = opened.open_copy(copy)
    try:
        assert len(_given_names(file_only)) == 12
    finally:
        file_only.close()


def test_change_passphrase_rewraps_only(opened: vault.OpenVault, vault_dir: Path) -> None:
    add_person(opened, "Ada")
    opened.checkpoint()
    opened.close()
    db = vault_dir / vault.DB_FILE
    before = sha256(db)

    reopened = vault.unlock(vault_dir, USER, PASSPHRASE)
    try:
        with pytest.raises(VaultError, match="current passphrase is not correct"):
            reopened.change_passphrase(USER, WRONG, NEW_PASSPHRASE, kdf=TEST_KDF)
        reopened.change_passphrase(USER, PASSPHRASE, NEW_PASSPHRASE, kdf=TEST_KDF)
    finally:
        reopened.close()
    assert sha256(db) == before  # the data key did not change, so not one byte of the database did

    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_dir, USER, PASSPHRASE)
    changed = vault.unlock(vault_dir, USER, NEW_PASSPHRASE)
    try:
        assert _given_names(changed) == ["Ada"]
    finally:
        changed.close()


def test_slot_moved_to_another_user_fails_authentication(two_users: Path) -> None:
    content = _read_slot_file(two_users)
    content["slots"] = [slot for slot in content["slots"] if slot["user"] == SECOND_USER]
    content["slots"][0]["user"] = "mallory"  # same salt, same passphrase: only the associated data differs
    _write_slot_file(two_users, content)
    with pytest.raises(WrongPassphrase):
        vault.unlock(two_users, "mallory", SECOND_PASSPHRASE)


@pytest.mark.parametrize(
    "edit",
    [{"device_bound": False}, {"kdf": {"time_cost": 1, "memory_kib": 8, "parallelism": 1}}],
    ids=["unbound-from-device", "weakened-kdf"],
)
def test_slot_with_edited_parameters_fails_authentication(two_users: Path, edit: dict[str, Any]) -> None:
    content = _read_slot_file(two_users)
    content["slots"][0].update(edit)
    _write_slot_file(two_users, content)
    with pytest.raises(WrongPassphrase):
        vault.unlock(two_users, USER, PASSPHRASE)


@pytest.mark.parametrize(
    "edit",
    [
        {"nonce": "!!not base64!!"},
        {"salt": "c2hvcnQ="},
        {"wrapped": ""},
        {"kdf": {"time_cost": "1", "memory_kib": 65536, "parallelism": 1}},
        {"kdf": {"time_cost": 0, "memory_kib": 65536, "parallelism": 1}},
        {"device_bound": "yes"},
        {"extra": 1},
    ],
    ids=[
        "nonce-not-base64",
        "salt-short",
        "wrapped-empty",
        "kdf-string",
        "kdf-zero",
        "bound-string",
        "extra",
    ],
)
def test_hand_edited_slot_is_reported_as_a_damaged_file(two_users: Path, edit: dict[str, Any]) -> None:
    content = _read_slot_file(two_users)
    content["slots"][0].update(edit)
    _write_slot_file(two_users, content)
    with pytest.raises(VaultDamaged) as caught:
        vault.unlock(two_users, USER, PASSPHRASE)
    assert str(caught.value) == "The keyslot file keyslots.json is damaged: restore it from a backup."
