"""Nothing readable on disk: the database, its WAL and journal are ciphertext while open and after close."""

from __future__ import annotations

from pathlib import Path

from burner_desk.storage import vault
from burner_desk.storage.models import Person
from tests.storage.conftest import add_person

CANARY = "Qzxcanary7Plaintext"
SQLITE_MAGIC = b"SQLite format 3"


def _files_on_disk(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir() if path.is_file()}


def _assert_ciphertext(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        assert CANARY.encode() not in data, f"canary in clear in {name}"
        assert CANARY.encode("utf-16-le") not in data, f"canary in clear (UTF-16) in {name}"
        assert SQLITE_MAGIC not in data, f"plain SQLite header in {name}"


def test_no_plaintext_while_open_and_after_close(opened: vault.OpenVault, vault_dir: Path) -> None:
    person = add_person(opened, CANARY, family_name=CANARY + "Family")
    with opened.uow.begin() as tx:
        assert tx.get(Person, person.id).given_name == CANARY  # really written, not just dropped

    while_open = _files_on_disk(vault_dir)
    # The transaction sits in the WAL until a checkpoint: this is the file most likely to leak.
    assert len(while_open.get("vault.db-wal", b"")) > 0
    _assert_ciphertext(while_open)

    opened.close()
    after_close = _files_on_disk(vault_dir)
    assert "vault.db-wal" not in after_close  # the last close checkpoints into vault.db
    assert not [name for name in after_close if name.endswith("-journal")]
    _assert_ciphertext(after_close)
