"""The device secret in the OS keyring: passphrase-only fallback, required-keystore policy, lost secrets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backends import fail

from burner_desk.domain.errors import KeystoreRequired, VaultError, WrongPassphrase
from burner_desk.storage import keyslot_names, keystore, vault
from burner_desk.storage.keyslots import KeyslotFile
from burner_desk.storage.models import Person
from tests.conftest import TEST_KDF, MemoryKeyring
from tests.storage.conftest import PASSPHRASE, USER, add_person


def _slots(directory: Path) -> KeyslotFile:
    return KeyslotFile.from_json((directory / keyslot_names.KEYSLOT_FILE).read_text(encoding="utf-8"))


@pytest.mark.usefixtures("no_keyring")
def test_no_keyring_falls_back_to_passphrase_only_with_a_warning(vault_dir: Path) -> None:
    created = vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF)
    try:
        assert created.keystore_warning == vault.NO_KEYRING_WARNING
        person = add_person(created, "Ada")
    finally:
        created.close()
    assert [slot.device_bound for slot in _slots(vault_dir).slots] == [False]

    reopened = vault.unlock(vault_dir, USER, PASSPHRASE)
    try:
        assert reopened.keystore_warning == vault.NO_KEYRING_WARNING  # shown at every sign-in, not just once
        with reopened.uow.begin() as tx:
            assert tx.get(Person, person.id).given_name == "Ada"
    finally:
        reopened.close()


@pytest.mark.usefixtures("no_keyring")
def test_required_keystore_without_keyring_refuses_and_leaves_nothing(vault_dir: Path) -> None:
    with pytest.raises(KeystoreRequired) as caught:
        vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF, require_keystore=True)
    assert str(caught.value) == (
        "Policy requires the OS keyring, but this machine has none. Ask IT to enable it."
    )
    assert not vault_dir.exists()


def test_refusing_keyring_with_required_keystore_leaves_nothing(
    vault_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked collection")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    with pytest.raises(KeystoreRequired, match="the OS keyring refused to store the device secret"):
        vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF, require_keystore=True)
    assert not vault_dir.exists()


def test_with_a_keyring_the_slot_is_bound_to_this_device(
    vault_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    created = vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF)
    assert created.keystore_warning is None
    created.close()
    slot = _slots(vault_dir).slots[0]
    assert slot.device_bound
    # The passphrase alone does not unwrap the data key: a copied vault is useless without this laptop.
    assert slot.open(PASSPHRASE.encode(), None) is None
    secret = keystore.read_device_secret(_slots(vault_dir).vault_id)
    assert slot.open(PASSPHRASE.encode(), secret) is not None


@pytest.fixture
def bound_vault(vault_dir: Path) -> Path:
    vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF).close()
    return vault_dir


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")


@pytest.fixture
def keyring_swap() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def _lose_secret(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries.clear()


def _damage_secret(memory_keyring: MemoryKeyring) -> None:
    for entry in memory_keyring.entries:
        memory_keyring.entries[entry] = "not base64 at all!"


def _short_secret(memory_keyring: MemoryKeyring) -> None:
    for entry in memory_keyring.entries:
        memory_keyring.entries[entry] = "c2hvcnQ="  # "short": valid base64, wrong length


def _keyring_gone(memory_keyring: MemoryKeyring) -> None:
    keyring.set_keyring(fail.Keyring())


def _keyring_locked(memory_keyring: MemoryKeyring) -> None:
    keyring.set_keyring(BrokenKeyring())


@pytest.mark.usefixtures("keyring_swap")
@pytest.mark.parametrize(
    ("break_keyring", "cause"),
    [
        (_lose_secret, "this laptop's keyring has no device secret for this vault"),
        (_damage_secret, "the device secret in this laptop's keyring is damaged"),
        (_short_secret, "the device secret in this laptop's keyring is damaged"),
        (_keyring_gone, "the OS keyring cannot be read (NoKeyringError)"),
        (_keyring_locked, "the OS keyring cannot be read (KeyringLocked)"),
    ],
    ids=["secret-lost", "secret-garbled", "secret-short", "no-keyring-any-more", "keyring-locked"],
)
def test_keyring_trouble_is_a_clear_error_not_a_wrong_passphrase(
    bound_vault: Path,
    memory_keyring: MemoryKeyring,
    break_keyring: Callable[[MemoryKeyring], None],
    cause: str,
) -> None:
    break_keyring(memory_keyring)
    with pytest.raises(VaultError) as caught:
        vault.unlock(bound_vault, USER, PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert str(caught.value) == (
        f"This vault is tied to this laptop's keyring, which cannot be used now: {cause}. "
        "Sign in to the laptop's desktop session, or ask IT to restore the keyring."
    )
    # The right passphrase was typed: the lockout counter must not move.
    assert not (bound_vault / vault.GUARD_FILE).exists()


def test_adding_a_user_while_the_keyring_is_unusable_is_a_clear_error(
    vault_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    created = vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF)
    try:
        memory_keyring.entries.clear()
        with pytest.raises(VaultError, match="tied to this laptop's keyring"):
            created.add_user_slot("lee.chan", "Second horse 8 battery", kdf=TEST_KDF)
    finally:
        created.close()
    assert [slot.user for slot in _slots(vault_dir).slots] == [USER]
