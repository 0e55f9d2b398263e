"""Backing up and restoring the vault (issue 6): one audited call each, for supervisors.

The file format and the checks a restore makes are described in storage/backup.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from burner_desk.domain.errors import NotPermitted, VaultError
from burner_desk.domain.people import Actor, Role
from burner_desk.services.access import DEVICE_ID, SignedIn
from burner_desk.storage import backup as backup_store
from burner_desk.storage.backup import BackupError, BackupInfo, UnsafeTarget, check_target

__all__ = ["BackupError", "BackupInfo", "Restored", "UnsafeTarget", "backup", "check_target", "restore"]

ONLY_SUPERVISORS = "Only a supervisor can back up or restore the vault."


@dataclass(frozen=True)
class Restored:
    backup_made_at: str
    replaced: Path | None  # where the previous vault files went; None when there was no vault


def backup(signed_in: SignedIn, target: Path) -> BackupInfo:
    """Write an encrypted backup of the open vault to `target` (a new file outside the vault folder)."""
    if signed_in.actor.role is not Role.SUPERVISOR:
        raise NotPermitted(ONLY_SUPERVISORS)
    info = backup_store.write_backup(signed_in.vault, target)
    with signed_in.uow.begin(signed_in.actor) as tx:
        tx.record("vault.backup", entity="vault")
    return info


def restore(directory: Path, backup_file: Path, user_name: str, passphrase: str) -> Restored:
    """Check `backup_file` opens with this user's passphrase and is intact, then put it in place of the
    vault in `directory`. The vault must not be open in the app meanwhile."""
    with backup_store.staged_restore(directory, backup_file, user_name, passphrase) as staged:
        # The event goes into the copy before it is moved in, so it exists exactly when the restore did.
        with staged.vault.uow.begin() as tx:
            user = tx.people.user_by_name(user_name)
            if user is None:
                raise VaultError(
                    f"User {user_name} has a passphrase in this backup but no active account: nothing was changed."
                )
            if Role(user.role) is not Role.SUPERVISOR:
                raise NotPermitted(ONLY_SUPERVISORS)
            actor = Actor(user.id, user.name, Role.SUPERVISOR, uuid.UUID(tx.settings.get(DEVICE_ID)))
        with staged.vault.uow.begin(actor) as tx:
            # Wrong passphrases tried on this backup were counted by the unlock guard while it was shut.
            for _ in range(staged.failed_attempts_before):
                tx.record("vault.restore", entity="vault", outcome="failed")
            tx.record("vault.restore", entity="vault")
        replaced = staged.install()
        return Restored(staged.created_at, replaced)
