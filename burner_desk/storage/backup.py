"""Encrypted backups of a vault, restoring one, and the safety backup before a schema upgrade (issue 6).

A backup file is a zip archive whose members are stored, not compressed (the database is ciphertext):

  manifest.json   {"format": 1, "vault_id": "<uuid>", "created_at": "<ISO 8601 UTC>",
                   "schema_revision": "<alembic revision>",
                   "sha256": {"vault.db": "<hex>", "keyslots.json": "<hex>"}}
  vault.db        a copy made with SQLite's online backup from a keyed connection, so it is one consistent
                  snapshot even while the app keeps writing; SQLCipher writes it under the vault's own data
                  key, so it is exactly as encrypted as the vault (no plaintext page ever touches the disk)
  keyslots.json   the vault's keyslot file at that moment, byte for byte

So the same users open a backup with the same passphrases. A device-bound keyslot also needs the device
secret in the OS keyring of the laptop that created the vault; a passphrase-only slot opens anywhere.

Restore checks everything in a scratch folder inside the vault directory first (container, checksums,
keyslots, the passphrase, SQLCipher page HMACs, SQLite structure, audit chain), and only then moves the
current vault files to `replaced-<UTC time>/` and the checked copy in. Restore while no app has the vault
open: nothing here can tell whether the desktop app is running.

Safety backups (backups/) and replaced-<time>/ folders are pruned to the newest few after each successful
upgrade or restore (KEEP_SAFETY_BACKUPS, KEEP_REPLACED).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain.errors import VaultDamaged, VaultError
from burner_desk.paths import PRIVATE_DIR_MODE, create_private_file, private_dir
from burner_desk.storage import keystore, migrate
from burner_desk.storage.engine import check_file_shape, integrity_problem
from burner_desk.storage.keyslot_names import KEYSLOT_FILE
from burner_desk.storage.keyslots import KeyslotFile
from burner_desk.storage.unlock_guard import UnlockGuard
from burner_desk.storage.vault import DB_FILE, OpenVault

FORMAT = 1
MANIFEST = "manifest.json"
MEMBERS = frozenset({MANIFEST, DB_FILE, KEYSLOT_FILE})
# Everything that makes up the vault's state; the unlock guard stays, so a restore cannot lift a lockout.
DATABASE_FILES = (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm")
VAULT_FILES = (*DATABASE_FILES, KEYSLOT_FILE)
SAFETY_DIR = "backups"
SAFETY_PATTERN = "before-upgrade-*.burner-backup"
REPLACED_PATTERN = "replaced-*"
# Each of these is a whole copy of the vault, and none is ever needed again once the vault has moved on:
# kept without limit, years of app updates and restores fill a small laptop disk. The newest five safety
# backups reach back over several updates; the newest two replaced-<time>/ folders are the way back from
# the last restores (a wrong backup chosen) and a failed upgrade's leftovers. The one just made always stays.
KEEP_SAFETY_BACKUPS = 5
KEEP_REPLACED = 2
CHUNK = 1024 * 1024

log = logging.getLogger(__name__)


class BackupError(VaultError):
    """A backup that cannot be written or restored; the message says why and that nothing was changed."""


class UnsafeTarget(BackupError):
    """The backup would land inside the vault or overwrite a file: refused before anything is written."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vault_id: str
    created_at: datetime
    schema_revision: str


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(directory: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):  # POSIX only: makes the renames themselves durable
        fd = os.open(directory, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- writing -------------------------------------------------------------------------------------


def check_target(vault_dir: Path, target: Path) -> Path:
    """The absolute path to write, or UnsafeTarget: never inside the vault, never over an existing file.
    A missing folder is made (owner-only)."""
    target = target.expanduser().absolute()
    if target.resolve().is_relative_to(vault_dir.resolve()):
        raise UnsafeTarget(
            f"Refusing to write the backup inside the vault folder {vault_dir}: choose another."
        )
    if target.exists():
        raise UnsafeTarget(f"{target} already exists: choose a new file name.")
    if not target.parent.is_dir():
        try:
            private_dir(target.parent)
        except OSError as exc:
            raise UnsafeTarget(
                f"The folder {target.parent} does not exist and cannot be made ({exc.strerror}): "
                "choose a folder you can write to."
            ) from exc
    return target


def write_backup(opened: OpenVault, target: Path, *, now: datetime | None = None) -> BackupInfo:
    """Write the backup file for `opened`; it appears under its name only once complete and checked."""
    target = check_target(opened.directory, target)
    return _write(opened, target, now or datetime.now(UTC))


def _write(opened: OpenVault, target: Path, now: datetime) -> BackupInfo:
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".burner-desk-backup-") as scratch:
        staging = Path(scratch)
        revision = _copy_database(opened, staging)
        slots = (opened.directory / KEYSLOT_FILE).read_bytes()
        manifest = {
            "format": FORMAT,
            "vault_id": opened.vault_id,
            "created_at": now.isoformat(),
            "schema_revision": revision,
            "sha256": {
                DB_FILE: _sha256_file(staging / DB_FILE),
                KEYSLOT_FILE: hashlib.sha256(slots).hexdigest(),
            },
        }
        partial = staging / "backup.partial"
        with os.fdopen(create_private_file(partial), "wb") as fh:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
                archive.writestr(KEYSLOT_FILE, slots)
                archive.write(staging / DB_FILE, DB_FILE)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # appeared while we were copying
            raise UnsafeTarget(f"{target} already exists: choose a new file name.")
        os.replace(partial, target)
    _fsync_dir(target.parent)
    return BackupInfo(target, opened.vault_id, now, revision)


def _copy_database(opened: OpenVault, staging: Path) -> str:
    """Online backup into staging/vault.db, then check the copy. Returns its schema revision."""
    copy = opened.open_copy(staging)
    try:
        with opened.engine.connect() as source, copy.engine.connect() as dest:
            # One step (pages=-1): the source stays on one read snapshot for the whole copy, so writers in
            # other connections go on (WAL) and none of their half-done work reaches the copy.
            raw_source: Any = source.connection.driver_connection
            raw_source.backup(dest.connection.driver_connection, pages=-1)
        copy.checkpoint()
        problem = integrity_problem(copy.engine)
        revision = migrate.current_revision(copy.engine)
    finally:
        copy.close()
    if problem is not None or revision is None:
        raise BackupError(
            f"The backup copy failed its check ({problem or 'no schema'}); no backup was written."
        )
    return revision


# --- reading and checking ------------------------------------------------------------------------


def _extract(file: Path, staging: Path) -> str:
    """Unpack the members into staging after checking their checksums. Returns when the backup was made."""
    name = file.name
    try:
        with zipfile.ZipFile(file) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if set(infos) != MEMBERS or len(infos) != len(archive.infolist()):
                raise BackupError(f"{name} is not a burner_desk backup: nothing was changed.")
            if any(info.compress_type != zipfile.ZIP_STORED for info in infos.values()):
                raise BackupError(
                    f"{name} is not a burner_desk backup (compressed members): nothing was changed."
                )
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(
                    f"{name} has an unknown backup format; it may come from a newer burner_desk. "
                    "Nothing was changed."
                )
            created_at = str(manifest["created_at"])
            for member in (DB_FILE, KEYSLOT_FILE):
                with (
                    archive.open(member) as source,
                    os.fdopen(create_private_file(staging / member), "wb") as dest,
                ):
                    digest = _copy_hashing(source, dest)
                if digest != manifest["sha256"][member]:
                    raise BackupError(
                        f"{name} is damaged ({member} fails its checksum): nothing was changed."
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise BackupError(
            f"{name} is damaged or not a burner_desk backup ({exc}): nothing was changed."
        ) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{name} has a damaged manifest: nothing was changed.") from exc
    return created_at


def _copy_hashing(source: IO[bytes], dest: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):  # zipfile checks each member's CRC-32 when it reaches the end
        digest.update(chunk)
        dest.write(chunk)
    return digest.hexdigest()


def _unwrap(
    slots: KeyslotFile, user: str, passphrase: str, guard: UnlockGuard, now: datetime
) -> tuple[bytes, int]:
    """The data key, and how many failed attempts preceded this one (they get audited)."""
    slot = slots.slot_for(user)
    if slot is None:
        raise guard.fail(user, now)  # same answer as a wrong passphrase: the backup does not say who is in it
    secret = None
    if slot.device_bound:
        try:
            secret = keystore.read_device_secret(slots.vault_id)
        except keystore.KeystoreUnavailable as exc:
            raise BackupError(
                f"{user}'s passphrase in this backup is tied to the keyring of the laptop that made the vault, "
                f"and {exc}. Restore it on that laptop, or as a user whose passphrase is not device-bound. "
                "Nothing was changed."
            ) from exc
    # Normalised exactly as vault.unlock does, or a passphrase typed differently would not match.
    data_key = slot.open(passphrase_policy.normalise(passphrase).encode("utf-8"), secret)
    if data_key is None:
        raise guard.fail(user, now)
    return data_key, guard.succeed(user)


def _current_vault_id(directory: Path) -> str | None:
    """The id of the vault being replaced; None when there is none or its keyslot file is unreadable
    (that may be why it is being restored)."""
    try:
        return KeyslotFile.from_json((directory / KEYSLOT_FILE).read_text(encoding="utf-8")).vault_id
    except (OSError, ValueError, KeyError, TypeError):
        return None


class StagedRestore:
    """A backup unpacked into a scratch folder, opened with the user's passphrase and verified."""

    def __init__(
        self, directory: Path, staging: Path, opened: OpenVault, created_at: str, failures_before: int
    ) -> None:
        self.directory = directory
        self.vault = opened
        self.created_at = created_at
        self.failed_attempts_before = failures_before
        self._staging = staging

    def install(self, now: datetime | None = None) -> Path | None:
        """Close the checked copy, move the current vault files to replaced-<time>/ and the copy in.
        Returns the folder holding the previous files (None when there were none)."""
        self.vault.checkpoint()
        self.vault.close()
        replaced = _swap_in(self._staging, self.directory, VAULT_FILES, now or datetime.now(UTC))
        if replaced is not None:
            prune(replaced_folders(self.directory), KEEP_REPLACED, keep_always=replaced)
        return replaced


@contextmanager
def staged_restore(
    directory: Path, file: Path, user: str, passphrase: str, *, now: datetime | None = None
) -> Iterator[StagedRestore]:
    """Check the backup `file` without touching the vault in `directory`; the caller may write to the
    staged copy (its audit event) and then `install()` it. The scratch folder is always removed."""
    now = now or datetime.now(UTC)
    if not file.is_file():
        raise BackupError(f"No backup file at {file}: nothing was changed.")
    private_dir(directory)  # a new laptop may have no vault folder yet
    guard = UnlockGuard.load(directory, now)
    guard.check(user, now)
    staging = Path(tempfile.mkdtemp(dir=directory, prefix=".restore-check-"))
    opened: OpenVault | None = None
    try:
        created_at = _extract(file, staging)
        try:
            slots = KeyslotFile.from_json((staging / KEYSLOT_FILE).read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"{file.name} holds a damaged keyslot file: nothing was changed.") from exc
        current = _current_vault_id(directory)
        if current is not None and current != slots.vault_id:
            raise BackupError(
                f"{file.name} is a backup of another vault, not the one in {directory}: nothing was changed."
            )
        data_key, failures = _unwrap(slots, user, passphrase, guard, now)
        opened = _open_checked(staging, slots, data_key, user, file.name)
        yield StagedRestore(directory, staging, opened, created_at, failures)
    finally:
        if opened is not None:
            opened.close()
        shutil.rmtree(staging, ignore_errors=True)


def _open_checked(staging: Path, slots: KeyslotFile, data_key: bytes, user: str, name: str) -> OpenVault:
    try:
        check_file_shape(staging / DB_FILE)
        opened = OpenVault(staging, slots, data_key, user, None)
    except VaultDamaged as exc:
        raise BackupError(f"{name} cannot be restored: {exc} Nothing was changed.") from exc
    try:
        migrate.upgrade(opened.engine)  # a backup from before an app update: upgraded here, not in place
        problem = opened.verify()
        if problem is not None:
            raise BackupError(f"{name} cannot be restored: {problem}. Nothing was changed.")
    except VaultDamaged as exc:
        opened.close()
        raise BackupError(f"{name} cannot be restored: {exc} Nothing was changed.") from exc
    except BaseException:
        opened.close()
        raise
    return opened


def _swap_in(staging: Path, directory: Path, names: tuple[str, ...], now: datetime) -> Path | None:
    """Move the current files of `names` aside to replaced-<time>/ and the staged ones in; on an error,
    put back what was moved. Returns the replaced-<time> folder, or None when there was nothing to move."""
    current = [name for name in names if (directory / name).exists()]
    replaced = directory / f"replaced-{_stamp(now)}"
    suffix = 1
    while replaced.exists():  # two restores within one second
        suffix += 1
        replaced = directory / f"replaced-{_stamp(now)}-{suffix}"
    moves = [(directory / name, replaced / name) for name in current]
    moves += [(staging / name, directory / name) for name in names if (staging / name).exists()]
    if current:
        replaced.mkdir(mode=PRIVATE_DIR_MODE)
    done: list[tuple[Path, Path]] = []
    try:
        for origin, destination in moves:
            os.replace(origin, destination)
            done.append((origin, destination))
    except OSError:
        for origin, destination in reversed(done):
            with contextlib.suppress(OSError):
                os.replace(destination, origin)
        raise
    _fsync_dir(directory)
    return replaced if current else None


# --- keeping the vault folder from growing ---------------------------------------------------------


def safety_backups(directory: Path) -> list[Path]:
    return sorted((directory / SAFETY_DIR).glob(SAFETY_PATTERN))


def replaced_folders(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob(REPLACED_PATTERN) if path.is_dir())


def prune(candidates: list[Path], keep: int, *, keep_always: Path) -> list[Path]:
    """Delete all but the `keep` newest of `candidates` (by modification time, `keep_always` counted among
    them and never deleted). Returns what was deleted. Best effort: the upgrade or restore it follows has
    succeeded, and a file that cannot be deleted now is tried again next time."""
    older = sorted(
        (path for path in candidates if path != keep_always),
        key=lambda path: (path.stat().st_mtime_ns, path.name),
        reverse=True,
    )[max(keep - 1, 0) :]
    deleted: list[Path] = []
    for path in older:
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            log.warning("an old vault copy could not be deleted; it is tried again after the next one")
        else:
            deleted.append(path)
    return deleted


# --- the safety backup before a schema upgrade ----------------------------------------------------


def upgrade_with_backup(opened: OpenVault, script_location: Path | None = None) -> None:
    """Upgrade the schema; when that changes an existing vault's revision, first write a backup to
    <vault>/backups/, and if the upgrade fails, put that backup's database back and say so."""
    scripts = script_location or migrate.MIGRATIONS
    current = migrate.current_revision(opened.engine)
    if current is not None and current == migrate.head_revision(scripts):
        return  # the usual unlock: up to date, nothing to run (verify checks the references)
    if not migrate.upgrade_pending(current, scripts):
        migrate.upgrade(opened.engine, script_location=scripts)  # a new vault, or one refused
        return
    now = datetime.now(UTC)
    safety = opened.directory / SAFETY_DIR
    private_dir(safety)
    info = _write(opened, safety / f"before-upgrade-{current}-{_stamp(now)}.burner-backup", now)
    try:
        migrate.upgrade(opened.engine, script_location=scripts)
    except Exception as exc:
        # The upgrade runs in one transaction, but a migration step may commit on its own (or the
        # process may die with a half-written WAL): the checked copy is what the vault goes back to.
        opened.engine.dispose()
        with tempfile.TemporaryDirectory(dir=opened.directory, prefix=".restore-check-") as scratch:
            _extract(info.path, Path(scratch))
            _swap_in(Path(scratch), opened.directory, DATABASE_FILES, now)  # keyslots are not migrated
        raise VaultError(
            f"The schema upgrade from revision {current} failed, and the vault was restored from the backup "
            f"made just before it ({SAFETY_DIR}/{info.path.name}). Report this to IT."
        ) from exc
    prune(safety_backups(opened.directory), KEEP_SAFETY_BACKUPS, keep_always=info.path)
