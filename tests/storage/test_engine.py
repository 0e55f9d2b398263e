"""The SQLCipher engine: pragmas on every pooled connection, silent stderr, clear errors for a wrong key."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from burner_desk.domain.errors import VaultDamaged
from burner_desk.storage.engine import make_engine

EXPECTED_PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "secure_delete": 1,
    "temp_store": 2,  # MEMORY: no decrypted temp files on disk
    "synchronous": 1,  # NORMAL: the WAL is synced at each checkpoint (storage.engine.settle)
    "busy_timeout": 5000,
    "cipher_log_level": "NONE",
    # What cipher_compatibility = 4 selects (the pragma itself cannot be read back):
    "cipher_page_size": "4096",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "cipher_use_hmac": "1",
    "cipher_plaintext_header_size": "0",
}


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, bytearray]:
    path, key = tmp_path / "vault.db", bytearray(secrets.token_bytes(32))
    engine = make_engine(path, key)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (body TEXT)"))
        conn.execute(text("INSERT INTO note VALUES ('kept')"))
    engine.dispose()
    return path, key


def test_pragmas_hold_on_every_pooled_connection(db: tuple[Path, bytearray]) -> None:
    engine = make_engine(*db, pool_size=2)
    try:
        for _ in range(2):  # two fresh connections, then the same two handed out again by the pool
            # Raw pool connections: a SQLAlchemy transaction begins IMMEDIATE, and two at once would wait.
            pooled = [engine.raw_connection(), engine.raw_connection()]
            for conn in pooled:
                seen = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in EXPECTED_PRAGMAS}
                assert seen == EXPECTED_PRAGMAS
                assert conn.execute("SELECT body FROM note").fetchone() == ("kept",)
            for conn in pooled:
                conn.close()  # back to the pool
    finally:
        engine.dispose()


def test_wrong_key_is_a_clear_error_and_stderr_stays_silent(
    db: tuple[Path, bytearray], capfd: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    # SQLCipher's log level is process-wide: put it back to its default (WARN, to stderr), and show that
    # an unsilenced wrong-key read does write there, so the silence below is the engine's doing.
    loud = sqlcipher3.dbapi2.connect(str(path), isolation_level=None)
    loud.execute("PRAGMA cipher_log_level = WARN")
    loud.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    with pytest.raises(sqlcipher3.dbapi2.DatabaseError):
        loud.execute("SELECT count(*) FROM sqlite_master").fetchone()
    loud.close()
    assert "hmac check failed" in capfd.readouterr().err

    engine = make_engine(path, bytearray(secrets.token_bytes(32)))
    try:
        with pytest.raises(VaultDamaged) as caught, engine.connect():
            pass
    finally:
        engine.dispose()
    assert capfd.readouterr().err == ""
    message = str(caught.value)
    assert message.startswith(
        "The vault vault.db: database damaged or tampered: HMAC verification failed for page 1"
    )
    assert "\n" not in message


def test_zeroed_key_opens_nothing(db: tuple[Path, bytearray]) -> None:
    """Lock zeroes the key in place; any connection made afterwards must fail, not reuse it."""
    path, key = db
    engine = make_engine(path, key)
    try:
        key[:] = bytes(len(key))
        with pytest.raises(VaultDamaged), engine.connect():
            pass
    finally:
        engine.dispose()


def test_key_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "vault.db", bytearray(16))
    with pytest.raises(ValueError, match="32 bytes"), engine.connect():
        pass
    assert not (tmp_path / "vault.db").exists()
