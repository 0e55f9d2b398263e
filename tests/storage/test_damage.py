"""Damaged, truncated, empty or plaintext database files: one clear line naming the damage, file untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from burner_desk.domain.errors import VaultDamaged, VaultNotFound
from burner_desk.storage import vault
from burner_desk.storage.engine import PAGE_SIZE
from burner_desk.storage.models import Person
from tests.storage.conftest import PASSPHRASE, USER, fill_pages, sha256


def _flip_byte(db: Path, page: int) -> None:
    """Flip one bit in the middle of `page` (1-based), as disk rot or a tamperer would."""
    data = bytearray(db.read_bytes())
    data[(page - 1) * PAGE_SIZE + PAGE_SIZE // 2] ^= 0x01
    db.write_bytes(bytes(data))


@pytest.fixture
def filled(opened: vault.OpenVault, vault_dir: Path) -> Path:
    fill_pages(opened)
    with opened.engine.connect() as conn:
        person_root = conn.execute(text("SELECT rootpage FROM sqlite_master WHERE name = 'person'")).scalar()
    (vault_dir / "person-root").write_text(str(person_root))
    opened.close()
    return vault_dir


def test_flipped_byte_deep_in_the_file_is_named_by_verify(filled: Path) -> None:
    db = filled / vault.DB_FILE
    pages = db.stat().st_size // PAGE_SIZE
    assert pages > 100  # the damage really is deep, after many pages of data
    damaged_page = pages - 2
    _flip_byte(db, damaged_page)

    reopened = vault.unlock(filled, USER, PASSPHRASE)
    try:
        assert reopened.verify() == (
            f"database damaged or tampered: HMAC verification failed for page {damaged_page}"
        )
    finally:
        reopened.close()


def test_reading_a_damaged_page_raises_vault_damaged_naming_the_page(filled: Path) -> None:
    person_root = int((filled / "person-root").read_text())
    _flip_byte(filled / vault.DB_FILE, person_root)

    reopened = vault.unlock(filled, USER, PASSPHRASE)  # the schema and migration pages are intact
    try:
        with pytest.raises(VaultDamaged) as caught, Session(reopened.engine) as session:
            session.scalars(select(Person)).all()
        assert str(caught.value) == (
            f"The vault vault.db: database damaged or tampered: HMAC verification failed for page "
            f"{person_root}. Restore it from a backup."
        )
        assert reopened.verify() == (
            f"database damaged or tampered: HMAC verification failed for page {person_root}"
        )
    finally:
        reopened.close()


def test_damaged_first_page_is_named_at_unlock(filled: Path) -> None:
    _flip_byte(filled / vault.DB_FILE, 1)
    with pytest.raises(VaultDamaged) as caught:
        vault.unlock(filled, USER, PASSPHRASE)
    assert str(caught.value) == (
        "The vault vault.db: database damaged or tampered: HMAC verification failed for page 1. "
        "Restore it from a backup."
    )


def _plaintext_sqlite(db: Path) -> None:
    db.unlink()
    plain = sqlite3.connect(db)
    plain.execute("CREATE TABLE person (name TEXT)")
    plain.commit()
    plain.close()


def _truncate_mid_page(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: 3 * PAGE_SIZE + 100])


def _truncate_on_page_boundary(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: (db.stat().st_size // PAGE_SIZE // 2) * PAGE_SIZE])


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (
            lambda db: db.write_bytes(b""),
            "The vault database vault.db is empty (0 bytes): restore it from a backup.",
        ),
        (
            _truncate_mid_page,
            "The vault database vault.db is truncated (12388 bytes): restore it from a backup.",
        ),
        (
            _truncate_on_page_boundary,
            "The vault database vault.db is damaged or was changed outside the app.",
        ),
        (_plaintext_sqlite, "The vault database vault.db is not encrypted: refusing to use it."),
    ],
    ids=["zero-byte", "truncated-mid-page", "truncated-on-page-boundary", "plaintext-sqlite"],
)
def test_unusable_file_gives_a_clear_error_and_is_left_untouched(
    filled: Path, spoil: Callable[[Path], object], reason: str
) -> None:
    db = filled / vault.DB_FILE
    spoil(db)
    before = sha256(db)
    with pytest.raises(VaultDamaged) as caught:
        vault.unlock(filled, USER, PASSPHRASE)
    assert str(caught.value) == reason
    assert sha256(db) == before
    assert sorted(path.name for path in filled.iterdir()) == ["keyslots.json", "person-root", "vault.db"]


def test_missing_database_file_is_named(filled: Path) -> None:
    (filled / vault.DB_FILE).unlink()
    with pytest.raises(VaultNotFound, match="No vault database at"):
        vault.unlock(filled, USER, PASSPHRASE)
    assert not (filled / vault.DB_FILE).exists()  # nothing created in its place
