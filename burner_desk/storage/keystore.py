"""The only module that talks to the OS keyring: the per-vault device secret lives there."""

from __future__ import annotations

import base64
import contextlib
import secrets

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "burner_desk"
SECRET_BYTES = 32


class KeystoreUnavailable(Exception):
    """No usable OS keyring, or it refused: the message names the backend, never the secret."""


def _backend_usable() -> bool:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    return getattr(backend, "priority", 1) > 0


def available() -> bool:
    return _backend_usable()


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _entry(vault_id: str) -> str:
    return f"device-secret:{vault_id}"


def create_device_secret(vault_id: str) -> bytes:
    if not _backend_usable():
        raise KeystoreUnavailable("no OS keyring is available on this machine")
    secret = secrets.token_bytes(SECRET_BYTES)
    try:
        keyring.set_password(SERVICE, _entry(vault_id), base64.b64encode(secret).decode())
    except keyring.errors.KeyringError as exc:
        raise KeystoreUnavailable(
            f"the OS keyring refused to store the device secret ({type(exc).__name__})"
        ) from exc
    return secret


def read_device_secret(vault_id: str) -> bytes:
    try:
        stored = keyring.get_password(SERVICE, _entry(vault_id))
    except keyring.errors.KeyringError as exc:
        raise KeystoreUnavailable(f"the OS keyring cannot be read ({type(exc).__name__})") from exc
    if stored is None:
        raise KeystoreUnavailable("this laptop's keyring has no device secret for this vault")
    try:
        secret = base64.b64decode(stored, validate=True)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        # Not a wrong passphrase: say so, or the lockout would count the keyring's fault.
        raise KeystoreUnavailable("the device secret in this laptop's keyring is damaged")
    return secret


def delete_device_secret(vault_id: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone: nothing to destroy
        keyring.delete_password(SERVICE, _entry(vault_id))


# --- the central server's device token ------------------------------------------------------------


def _token_entry(vault_id: str) -> str:
    return f"device-token:{vault_id}"


def store_device_token(vault_id: str, token: str) -> None:
    """Keep the token central issued at enrollment; without a keyring there is nowhere safe for it."""
    if not _backend_usable():
        raise KeystoreUnavailable("no OS keyring is available to keep the device token")
    try:
        keyring.set_password(SERVICE, _token_entry(vault_id), token)
    except keyring.errors.KeyringError as exc:
        raise KeystoreUnavailable(
            f"the OS keyring refused to store the device token ({type(exc).__name__})"
        ) from exc


def read_device_token(vault_id: str) -> str:
    try:
        token = keyring.get_password(SERVICE, _token_entry(vault_id))
    except keyring.errors.KeyringError as exc:
        raise KeystoreUnavailable(f"the OS keyring cannot be read ({type(exc).__name__})") from exc
    if not token:
        raise KeystoreUnavailable("this laptop's keyring has no device token for central")
    return token


def delete_device_token(vault_id: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, _token_entry(vault_id))
