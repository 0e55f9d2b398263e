"""Passphrases with quotes, backslashes, emoji and non-ASCII letters; NFC and NFD are the same passphrase."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from burner_desk.domain.errors import WrongPassphrase
from burner_desk.storage import vault
from burner_desk.storage.models import Person
from tests.conftest import TEST_KDF
from tests.storage.conftest import USER, add_person

AWKWARD = [
    "Ñandú \"quote\" 'apos' 42",
    "back\\slash \\x00 'O''Brien' 7",
    '🔑 Señal de fuego 7 "🔥"',
    "Zoë Ångström-Łódź 2024; DROP TABLE person;--",
    "x'00ff' \" ' \\ \u00a0 Nine9",
]


@pytest.mark.parametrize("passphrase", AWKWARD)
def test_awkward_passphrase_creates_unlocks_and_changes(vault_dir: Path, passphrase: str) -> None:
    created = vault.create(vault_dir, USER, passphrase, kdf=TEST_KDF)
    person = add_person(created, "Ada")
    created.close()

    reopened = vault.unlock(vault_dir, USER, passphrase)
    replacement = passphrase[::-1] + " Again"
    reopened.change_passphrase(USER, passphrase, replacement, kdf=TEST_KDF)
    reopened.close()

    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_dir, USER, passphrase)
    changed = vault.unlock(vault_dir, USER, replacement)
    try:
        with changed.uow.begin() as tx:
            assert tx.get(Person, person.id).given_name == "Ada"
    finally:
        changed.close()


NFC = unicodedata.normalize("NFC", "Ñandú Pingüino 42 ö")
NFD = unicodedata.normalize("NFD", NFC)


@pytest.mark.parametrize(("typed_at_create", "typed_at_unlock"), [(NFC, NFD), (NFD, NFC)])
def test_nfc_and_nfd_forms_unlock_alike(vault_dir: Path, typed_at_create: str, typed_at_unlock: str) -> None:
    assert typed_at_create != typed_at_unlock  # different code points for the same letters
    vault.create(vault_dir, USER, typed_at_create, kdf=TEST_KDF).close()
    vault.unlock(vault_dir, USER, typed_at_unlock).close()
