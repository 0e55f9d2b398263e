"""Vaults, backups and logs are their owner's alone: folders 0700, files 0600, whatever the umask, and an
existing vault made before that is tightened at its next unlock."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from burner_desk import logs
from burner_desk.services import access
from burner_desk.storage import backup, vault
from burner_desk.storage.keyslots import write_atomically
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE, TEST_KDF

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The default umask of many desktops (group and others may read): the app must not rely on it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_vault_and_its_files_are_owner_only(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    signed_in = access.first_run_setup(directory, SETUP, kdf=TEST_KDF)
    try:
        assert _mode(directory) == 0o700
        files = [directory / name for name in (vault.DB_FILE, f"{vault.DB_FILE}-wal", "keyslots.json")]
        assert {path.name: _mode(path) for path in files} == {path.name: 0o600 for path in files}
    finally:
        access.lock(signed_in, "quit")


def test_an_older_vault_is_tightened_at_unlock(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    access.lock(access.first_run_setup(directory, SETUP, kdf=TEST_KDF), "quit")
    os.chmod(directory, 0o755)  # noqa: S103 (as an older version left it)
    for path in directory.iterdir():
        if path.is_file():
            os.chmod(path, 0o644)

    signed_in = access.sign_in(directory, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    try:
        assert _mode(directory) == 0o700
        assert {path.name: _mode(path) for path in directory.iterdir() if path.is_file()} == {
            path.name: 0o600 for path in directory.iterdir() if path.is_file()
        }
    finally:
        access.lock(signed_in, "quit")


def test_a_backup_makes_its_missing_folder_owner_only(tmp_path: Path) -> None:
    signed_in = access.first_run_setup(tmp_path / "vault", SETUP, kdf=TEST_KDF)
    target = tmp_path / "usb" / "backups" / "desk.burner-backup"
    try:
        backup.write_backup(signed_in.vault, target)
    finally:
        access.lock(signed_in, "quit")
    assert (_mode(target.parent), _mode(target)) == (0o700, 0o600)


def test_files_written_atomically_are_owner_only_even_over_a_leftover(tmp_path: Path) -> None:
    (tmp_path / "slots.json.tmp").write_text("left by a crash")
    os.chmod(tmp_path / "slots.json.tmp", 0o644)
    write_atomically(tmp_path / "slots.json", "{}")
    assert _mode(tmp_path / "slots.json") == 0o600


def test_the_log_file_is_owner_only(tmp_path: Path) -> None:
    path = logs.configure(tmp_path / "logs")
    try:
        logging.getLogger("burner_desk.test").warning("one line")
    finally:
        logs.close()
    assert path is not None and (_mode(path.parent), _mode(path)) == (0o700, 0o600)
