"""Crypto-erase: what a revoked laptop does to its vault (DESIGN.md section 5).

The keys go first, the files after: once the keyring's device secret and every keyslot are destroyed,
the data key cannot be unwrapped, so the database (and any copy of it that survives, such as a deleted
file's blocks or a backup whose keyslots were device-bound) can no longer be read. Then the database,
the safety backups and replaced vault folders are deleted, and the directory is back to first-run.
A passphrase-only vault (no keyring) has no device secret: a copy taken off the laptop earlier stays
readable by whoever knows a passphrase, which is why such vaults carry a warning.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from burner_desk.storage import keystore
from burner_desk.storage.backup import DATABASE_FILES, SAFETY_DIR
from burner_desk.storage.keyslot_names import KEYSLOT_FILE
from burner_desk.storage.unlock_guard import GUARD_FILE

COPY_FOLDERS = (SAFETY_DIR, "replaced-*", ".restore-check-*")  # every other copy of vault files


def _shred(path: Path) -> None:
    """Overwrite a file with random bytes and flush it before unlinking, so its old blocks are not
    simply released with the key material still in them."""
    if not path.is_file():
        return
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.write(secrets.token_bytes(size))
        file.flush()
        os.fsync(file.fileno())
    path.unlink()


def crypto_erase(directory: Path, vault_id: str) -> None:
    """Erase the vault in `directory`; every connection to it must be closed already."""
    keystore.delete_device_secret(vault_id)
    keystore.delete_device_token(vault_id)
    _shred(directory / KEYSLOT_FILE)
    for name in (*DATABASE_FILES, GUARD_FILE):
        (directory / name).unlink(missing_ok=True)
    for pattern in COPY_FOLDERS:
        for folder in directory.glob(pattern):
            if folder.is_dir():
                shutil.rmtree(folder)
