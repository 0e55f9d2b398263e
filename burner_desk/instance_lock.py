"""The app holds a lock on its vault folder while it runs, so a command-line restore (which replaces the
vault's files) refuses instead of pulling them from under it, and a second app on the same vault says so.

An OS file lock (flock on POSIX, msvcrt.locking on Windows) on `app.lock` in the folder: the operating
system drops it when the process ends, crash or not, so a stale lock cannot keep anyone out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from burner_desk.paths import PRIVATE_FILE_MODE, private_dir

LOCK_FILE = "app.lock"


class VaultInUse(Exception):
    """Another process (the app) holds the vault folder."""


class InstanceLock:
    """Held from `acquire()` to `release()` (or the end of the process)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._file: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock, or VaultInUse when another process has it."""
        private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        lock_file = os.fdopen(fd, "r+b")
        try:
            _lock(lock_file)
        except OSError as exc:
            lock_file.close()
            raise VaultInUse(f"Burner Desk has the vault in {self.path.parent} open.") from exc
        self._file = lock_file

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the file releases the OS lock
            self._file = None


def check_not_in_use(directory: Path) -> None:
    """VaultInUse when a running app holds `directory`; a folder with no vault yet is never in use."""
    if not (directory / LOCK_FILE).exists():
        return
    probe = InstanceLock(directory)
    probe.acquire()
    probe.release()


if os.name == "nt":
    import msvcrt

    def _lock(lock_file: IO[bytes]) -> None:
        msvcrt.locking(lock_file.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(lock_file: IO[bytes]) -> None:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
