"""Failed unlocks, per sign-in name and for the whole vault (DESIGN.md section 4).

Five wrong passphrases in a row for one sign-in name pause unlock for that name only, for ten minutes: a
colleague's typos on a shared laptop never lock out the others. Twenty failures across all names within an
hour pause everyone for ten minutes: someone trying name after name gets no more. A pause ends at a time
the message names; the next wrong passphrase after it starts a fresh count.

Kept in unlock-guard.json beside the vault, outside the encrypted database (it is read before unlock),
so a pause survives a restart. A garbled file counts as one vault-wide pause, never as no pause. A file
from before names were kept ({"failures", "locked_until"}) is read as it meant: its pause applied to
everyone, and its failures are still audited at the next sign-in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from burner_desk.domain.errors import LockedOut, VaultError, WrongPassphrase
from burner_desk.storage.keyslots import write_atomically

GUARD_FILE = "unlock-guard.json"
FORMAT = 2
MAX_FAILURES = 5  # in a row, for one sign-in name
VAULT_CEILING = 20  # across names, within CEILING_WINDOW
CEILING_WINDOW = timedelta(hours=1)
LOCKOUT = timedelta(minutes=10)
MAX_NAMES = 100  # names typed at the command line that match no user must not grow the file without bound
NAME_LENGTH = 80  # as long as a sign-in name may be


@dataclass
class NameFailures:
    failures: int = 0
    locked_until: datetime | None = None
    last_failure: datetime | None = None


@dataclass
class UnlockGuard:
    path: Path
    names: dict[str, NameFailures] = field(default_factory=dict)
    recent: list[datetime] = field(default_factory=list)  # failures across names, oldest first
    vault_locked_until: datetime | None = None
    unattributed: int = 0  # failures the old file counted without a name, audited at the next sign-in

    @staticmethod
    def load(directory: Path, now: datetime) -> UnlockGuard:
        path = directory / GUARD_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return _parsed(path, raw) if raw.get("format") == FORMAT else _from_first_format(path, raw)
        except FileNotFoundError:
            return UnlockGuard(path)
        except (ValueError, KeyError, TypeError, AttributeError):
            # A garbled guard file must not become a way around the lockout: everyone is paused, and the
            # pause is saved so it ends after LOCKOUT instead of being renewed at every attempt.
            guard = UnlockGuard(path, vault_locked_until=now + LOCKOUT)
            guard._save()
            return guard

    def check(self, user: str, now: datetime) -> None:
        """Refuse before any key is derived while `user` (or everyone) is paused."""
        if self.vault_locked_until is not None and now < self.vault_locked_until:
            raise LockedOut(self.vault_locked_until, everyone=True)
        record = self.names.get(_key(user))
        if record is not None and record.locked_until is not None and now < record.locked_until:
            raise LockedOut(record.locked_until, everyone=False)

    def fail(self, user: str, now: datetime) -> VaultError:
        """Count a wrong passphrase (or an unknown name); the error says what is left, or until when."""
        record = self.names.pop(_key(user), None) or NameFailures()
        if record.locked_until is not None and now >= record.locked_until:
            record.failures = 0  # the name's pause is over: a fresh run of attempts
        record.failures += 1
        record.last_failure = now
        record.locked_until = now + LOCKOUT if record.failures >= MAX_FAILURES else None
        self.names[_key(user)] = record  # last in the dict: the most recent failure
        if self.vault_locked_until is not None and now >= self.vault_locked_until:
            self.vault_locked_until, self.recent = None, []  # the vault's pause is over, too
        self.recent = [*(moment for moment in self.recent if now - moment < CEILING_WINDOW), now]
        if len(self.recent) >= VAULT_CEILING:
            self.vault_locked_until = now + LOCKOUT
        self._keep_bounded()
        self._save()
        if self.vault_locked_until is not None:
            return LockedOut(self.vault_locked_until, everyone=True)
        if record.locked_until is not None:
            return LockedOut(record.locked_until, everyone=False)
        return WrongPassphrase(min(MAX_FAILURES - record.failures, VAULT_CEILING - len(self.recent)))

    def succeed(self, user: str) -> int:
        """`user` is in: their count starts again (the vault-wide count does not: a sign-in must not wipe
        out someone else's attempts). Returns the failures to audit with this sign-in."""
        record = self.names.pop(_key(user), None)
        before = (record.failures if record else 0) + self.unattributed
        if record is not None or self.unattributed:
            self.unattributed = 0
            self._save()
        return before

    def _keep_bounded(self) -> None:
        """Past MAX_NAMES, the names that failed longest ago and are not paused give up their entry; their
        failures are still audited (unattributed) at the next sign-in."""
        for name in list(self.names):
            if len(self.names) <= MAX_NAMES:
                return
            if self.names[name].locked_until is None:
                self.unattributed += self.names.pop(name).failures

    def _save(self) -> None:
        document = {
            "format": FORMAT,
            "names": {
                name: {
                    "failures": record.failures,
                    "locked_until": _text(record.locked_until),
                    "last_failure": _text(record.last_failure),
                }
                for name, record in self.names.items()
            },
            "recent_failures": [moment.isoformat() for moment in self.recent],
            "vault_locked_until": _text(self.vault_locked_until),
            "unattributed": self.unattributed,
        }
        write_atomically(self.path, json.dumps(document))


def _key(user: str) -> str:
    """Sign-in names are lower case; "Jordan.Lee" must count against jordan.lee, not beside it."""
    return user.strip().lower()[:NAME_LENGTH]


def _text(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)  # TypeError / ValueError for anything but ISO text
    if moment.tzinfo is None:
        raise ValueError("guard time without a time zone")
    return moment


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("guard count out of range")
    return value


def _parsed(path: Path, raw: dict[str, Any]) -> UnlockGuard:
    names = {
        str(name): NameFailures(
            _count(record["failures"]), _moment(record["locked_until"]), _moment(record["last_failure"])
        )
        for name, record in raw["names"].items()
    }
    recent = [moment for value in raw["recent_failures"] if (moment := _moment(value)) is not None]
    return UnlockGuard(path, names, recent, _moment(raw["vault_locked_until"]), _count(raw["unattributed"]))


def _from_first_format(path: Path, raw: dict[str, Any]) -> UnlockGuard:
    """{"failures": n, "locked_until": t}: one count and one pause for the whole vault."""
    return UnlockGuard(
        path, vault_locked_until=_moment(raw["locked_until"]), unattributed=_count(raw["failures"])
    )
