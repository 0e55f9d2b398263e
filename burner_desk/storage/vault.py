"""The vault: an encrypted database plus the keyslots that unwrap its data key (DESIGN.md section 4).

Files in the vault directory:
  vault.db (+ -wal, -shm)   SQLCipher 4 database, keyed with the raw 32-byte data key
  keyslots.json             the data key wrapped per user; vault id and keystore policy
  unlock-guard.json         failed unlocks per sign-in name and vault-wide (storage.unlock_guard)
"""

from __future__ import annotations

import os
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain.errors import (
    KeystoreRequired,
    VaultDamaged,
    VaultError,
    VaultNotFound,
)
from burner_desk.paths import create_private_file, make_private, private_dir
from burner_desk.storage import keystore, migrate
from burner_desk.storage.engine import check_file_shape, checkpoint, integrity_problem, make_engine, settle
from burner_desk.storage.keyslot_names import KEYSLOT_FILE, vault_exists
from burner_desk.storage.keyslots import KdfParams, Keyslot, KeyslotFile, write_atomically
from burner_desk.storage.unlock_guard import GUARD_FILE, UnlockGuard
from burner_desk.storage.uow import UnitOfWork

DB_FILE = "vault.db"
NO_KEYRING_WARNING = (
    "No OS keyring on this machine: the vault is protected by passphrases alone. "
    "Ask IT to enable the system keyring."
)


def _passphrase_bytes(passphrase: str) -> bytes:
    return passphrase_policy.normalise(passphrase).encode("utf-8")


def _subkey(data_key: bytes | bytearray, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"burner_desk " + purpose).derive(
        bytes(data_key)
    )


class OpenVault:
    """An unlocked vault. `close()` disposes every connection and zeroes the data key it holds."""

    def __init__(
        self, directory: Path, slots: KeyslotFile, data_key: bytes, user_name: str, warning: str | None
    ) -> None:
        self.directory = directory
        self.vault_id = slots.vault_id
        self.user_name = user_name
        self.keystore_warning = warning
        self.failed_unlocks_before = 0
        self.closed = False
        self._slots = slots
        self._key = bytearray(data_key)
        self.engine: Engine = make_engine(directory / DB_FILE, self._key)
        self.uow = UnitOfWork(self.engine, _subkey(self._key, b"audit chain"))

    @property
    def db_path(self) -> Path:
        return self.directory / DB_FILE

    # --- keyslots --------------------------------------------------------------------------------

    def add_user_slot(self, user: str, passphrase: str, kdf: KdfParams | None = None) -> None:
        passphrase_policy.check(passphrase)
        if self._slots.slot_for(user) is not None:
            raise VaultError(f"user {user} already has a passphrase on this vault")
        self._seal(user, passphrase, kdf)

    def change_passphrase(self, user: str, old: str, new: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the same data key under the new passphrase; the database is not touched."""
        slot = self._slots.slot_for(user)
        if slot is None or slot.open(_passphrase_bytes(old), _device_secret(self._slots, slot)) is None:
            raise VaultError("The current passphrase is not correct.")
        passphrase_policy.check(new)
        self._seal(user, new, kdf or slot.kdf)

    def reset_passphrase(self, user: str, new: str, kdf: KdfParams | None = None) -> None:
        """A supervisor's reset: re-wrap the data key under `new` for a user who forgot theirs."""
        slot = self._slots.slot_for(user)
        if slot is None:
            raise VaultError(f"user {user} has no passphrase on this vault")
        passphrase_policy.check(new)
        self._seal(user, new, kdf or slot.kdf)

    def remove_user_slot(self, user: str) -> None:
        if self._slots.slot_for(user) is None:
            raise VaultError(f"user {user} has no passphrase on this vault")
        if len(self._slots.slots) == 1:
            raise VaultError("The last passphrase cannot be removed: nobody could open the vault.")
        self._slots.remove(user)
        write_atomically(self.directory / KEYSLOT_FILE, self._slots.to_json())

    def rename_user_slot(self, old: str, new: str) -> None:
        """The keyslot of `old` now opens under the sign-in name `new` (a user renamed); no-op when `old`
        has no slot here."""
        slot = self._slots.slot_for(old)
        if slot is None or old == new:
            return
        if self._slots.slot_for(new) is not None:
            raise VaultError(f"user {new} already has a passphrase on this vault")
        self._slots.slots = [slot.renamed(new) if s is slot else s for s in self._slots.slots]
        write_atomically(self.directory / KEYSLOT_FILE, self._slots.to_json())
        if self.user_name == old:
            self.user_name = new

    def slot_users(self) -> list[str]:
        return [slot.user for slot in self._slots.slots]

    def _seal(self, user: str, passphrase: str, kdf: KdfParams | None) -> None:
        device_bound = any(slot.device_bound for slot in self._slots.slots) or self._slots.require_keystore
        secret = _read_device_secret(self.vault_id) if device_bound else None
        slot = Keyslot.seal(
            user, _passphrase_bytes(passphrase), bytes(self._key), kdf or KdfParams.calibrated(), secret
        )
        self._slots.replace(slot)
        write_atomically(self.directory / KEYSLOT_FILE, self._slots.to_json())

    # --- checks ----------------------------------------------------------------------------------

    def verify(self) -> str | None:
        """None when intact; otherwise a one-line reason (damaged page, wrong schema, broken audit chain)."""
        try:
            problem = integrity_problem(self.engine)
            if problem is not None:
                return problem
            revision, head = migrate.current_revision(self.engine), migrate.head_revision()
            if revision != head:
                return f"schema revision is {revision}, expected {head}"
            with self.uow.begin() as tx:
                return tx.verify_audit_chain()
        except VaultDamaged as exc:  # a fresh connection or a read hit a damaged page
            return str(exc)

    def checkpoint(self) -> None:
        checkpoint(self.engine)

    def settle(self) -> None:
        """After writes, off their path (storage.engine.settle); nothing once the vault is closed."""
        if not self.closed:
            settle(self.engine)

    def open_copy(self, directory: Path) -> OpenVault:
        """The same data key over the database file in `directory`: a backup being written or checked."""
        return OpenVault(directory, self._slots, bytes(self._key), self.user_name, self.keystore_warning)

    def close(self) -> None:
        self.closed = True
        self.engine.dispose()
        for index in range(len(self._key)):
            self._key[index] = 0


def _device_secret(slots: KeyslotFile, slot: Keyslot) -> bytes | None:
    return _read_device_secret(slots.vault_id) if slot.device_bound else None


def _read_device_secret(vault_id: str) -> bytes:
    try:
        return keystore.read_device_secret(vault_id)
    except keystore.KeystoreUnavailable as exc:
        raise VaultError(
            f"This vault is tied to this laptop's keyring, which cannot be used now: {exc}. "
            "Sign in to the laptop's desktop session, or ask IT to restore the keyring."
        ) from exc


def _read_slots(directory: Path) -> KeyslotFile:
    path = directory / KEYSLOT_FILE
    if not path.exists():
        raise VaultNotFound(f"No vault in {directory}.")
    try:
        return KeyslotFile.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        raise VaultDamaged(f"The keyslot file {path.name} is damaged: restore it from a backup.") from exc


def create(
    directory: Path,
    user: str,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    require_keystore: bool = False,
) -> OpenVault:
    """A new vault with one user slot. Uses the OS keyring when there is one (see NO_KEYRING_WARNING)."""
    passphrase_policy.check(passphrase)
    if vault_exists(directory) or (directory / DB_FILE).exists():
        raise VaultError(f"{directory} already holds a vault.")
    vault_id = str(uuid.uuid4())
    warning = None
    if keystore.available():
        try:
            secret: bytes | None = keystore.create_device_secret(vault_id)
        except keystore.KeystoreUnavailable as exc:
            if require_keystore:
                raise KeystoreRequired(f"Policy requires the OS keyring, but {exc}.") from exc
            secret, warning = None, NO_KEYRING_WARNING
    elif require_keystore:
        raise KeystoreRequired(
            "Policy requires the OS keyring, but this machine has none. Ask IT to enable it."
        )
    else:
        secret, warning = None, NO_KEYRING_WARNING
    # Only now, so a refused policy leaves nothing behind.
    private_dir(directory)
    # Made owner-only before SQLCipher opens it: SQLite gives its -wal and -shm files the same mode.
    os.close(create_private_file(directory / DB_FILE))
    data_key = secrets.token_bytes(32)
    slot = Keyslot.seal(user, _passphrase_bytes(passphrase), data_key, kdf or KdfParams.calibrated(), secret)
    slots = KeyslotFile(vault_id, require_keystore, [slot])
    write_atomically(directory / KEYSLOT_FILE, slots.to_json())
    vault = OpenVault(directory, slots, data_key, user, warning)
    try:
        migrate.upgrade(vault.engine)
    except Exception:
        vault.close()
        raise
    return vault


def make_vault_private(directory: Path) -> None:
    """Owner-only folder and files, also for a vault made before the app set them so."""
    private_dir(directory)
    for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", KEYSLOT_FILE, GUARD_FILE):
        make_private(directory / name)


def unlock(directory: Path, user: str, passphrase: str, *, now: datetime | None = None) -> OpenVault:
    now = now or datetime.now(UTC)
    slots = _read_slots(directory)
    guard = UnlockGuard.load(directory, now)
    guard.check(user, now)
    slot = slots.slot_for(user)
    if slot is None:
        raise guard.fail(user, now)
    data_key = slot.open(_passphrase_bytes(passphrase), _device_secret(slots, slot))
    if data_key is None:
        raise guard.fail(user, now)
    failures = guard.succeed(user)
    check_file_shape(directory / DB_FILE)
    make_vault_private(directory)
    warning = None if slot.device_bound else NO_KEYRING_WARNING
    vault = OpenVault(directory, slots, data_key, user, warning)
    vault.failed_unlocks_before = failures
    # Imported here: the backup module builds on this one.
    from burner_desk.storage.backup import upgrade_with_backup

    try:
        upgrade_with_backup(vault)
    except Exception:
        vault.close()
        raise
    return vault
