"""Storage fixtures: a real SQLCipher vault under tmp_path, created straight through storage.vault."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from burner_desk.storage import vault
from burner_desk.storage.models import Person
from tests.conftest import SUPERVISOR_PASSPHRASE, TEST_KDF

USER = "sam.rivera"
PASSPHRASE = SUPERVISOR_PASSPHRASE
WRONG = "Wrong horse 9 battery"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_person(opened: vault.OpenVault, given_name: str, family_name: str = "Sample") -> Person:
    """One person in its own transaction, audited like a service would."""
    with opened.uow.begin() as tx:
        person = tx.add(Person(given_name=given_name, family_name=family_name, jurisdiction="alexandria"))
        tx.record("person.create", person)
    return person


def fill_pages(opened: vault.OpenVault, people: int = 400) -> None:
    """Enough rows (with their outbox and audit rows) for the file to span a few hundred pages."""
    with opened.uow.begin() as tx:
        for index in range(people):
            person = tx.add(
                Person(given_name=f"Filler{index:04d}", family_name="Sample " * 20, jurisdiction="alexandria")
            )
            tx.record("person.create", person)


@pytest.fixture
def opened(vault_dir: Path) -> Iterator[vault.OpenVault]:
    """A new vault (one user, device-bound to the in-memory keyring), open; closed after the test."""
    created = vault.create(vault_dir, USER, PASSPHRASE, kdf=TEST_KDF)
    yield created
    created.close()


@pytest.fixture
def closed_vault(opened: vault.OpenVault, vault_dir: Path) -> Path:
    """A vault with one person in it, closed: only files on disk, as after a restart."""
    add_person(opened, "Ada")
    opened.close()
    return vault_dir
