"""Errors a person can read. Every message is safe to show: no passphrase, key or record content."""

from __future__ import annotations

from datetime import datetime


def clock_time(moment: datetime) -> str:
    """ "4:42 PM" in the laptop's time zone, with the weekday when it is not today ("Tue 12:05 AM")."""
    local = moment.astimezone()
    hour = local.hour % 12 or 12
    text = f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
    return text if local.date() == datetime.now().astimezone().date() else f"{local:%a} {text}"


class BurnerDeskError(Exception):
    """Base of every error the app turns into a clear message instead of a crash dialog."""


class ValidationError(BurnerDeskError):
    """Input that breaks a rule. `field` names the form field so the UI can show the reason beside it."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class InvalidTransition(BurnerDeskError):
    def __init__(self, current: object, new: object) -> None:
        super().__init__(f"a follow-up that is {current} cannot become {new}")
        self.current = current
        self.new = new


class NotPermitted(BurnerDeskError):
    """The signed-in user's role may not do this (for example, only supervisors manage users)."""


class NotFound(BurnerDeskError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"no {what} found for {key}")


class VaultError(BurnerDeskError):
    """Anything that keeps the vault from opening; the message says what to do."""


class WrongPassphrase(VaultError):
    def __init__(self, attempts_left: int) -> None:
        super().__init__(
            f"Wrong user name or passphrase. {attempts_left} attempt(s) left before unlock is paused."
        )
        self.attempts_left = attempts_left


class LockedOut(VaultError):
    """Unlock is paused until `until` (UTC), for one sign-in name or for everyone on this laptop."""

    def __init__(self, until: datetime, *, everyone: bool) -> None:
        who = "everyone on this laptop" if everyone else "this user name"
        super().__init__(
            f"Unlock is paused for {who} after too many wrong passphrases. Try again at {clock_time(until)}."
        )
        self.until = until
        self.everyone = everyone


class KeystoreRequired(VaultError):
    """Policy demands the OS keyring but none works on this machine."""


class VaultDamaged(VaultError):
    """The database file is missing, truncated, not encrypted, or was changed outside the app."""


class VaultNotFound(VaultError):
    pass


class AuditChainBroken(VaultError):
    pass
