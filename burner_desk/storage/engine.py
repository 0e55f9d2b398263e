"""SQLCipher engine keyed with a raw 256-bit key (DESIGN.md section 4).

The key never goes into a URL: each pooled connection is opened by `_connect`, which silences
SQLCipher's stderr logging, keys the connection, checks the key with a real read, then sets pragmas.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from burner_desk.domain.errors import VaultDamaged, VaultNotFound

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
PAGE_SIZE = 4096  # SQLCipher 4 default; every intact file is a whole number of pages
CONNECTION_PRAGMAS = (
    "temp_store = MEMORY",
    "foreign_keys = ON",
    "secure_delete = ON",
    "journal_mode = WAL",
    # NORMAL, not FULL: a commit is not fsynced, the WAL is, at each checkpoint. In WAL mode a power cut
    # or an OS crash can then lose the commits since the last checkpoint but never corrupts the vault or
    # splits a transaction, and a crash of the app loses nothing. FULL's fsync was 2-8 ms of each save on
    # the benchmark machine and most of its slow tail; the app checkpoints (`settle`) as soon as its DB
    # thread has nothing queued, a few ms after a save, so the window stays that short (issue 17).
    "synchronous = NORMAL",
    "busy_timeout = 5000",
)


def _open_keyed(path: Path, key: bytes | bytearray) -> Any:
    """A keyed connection that has not read anything yet."""
    if len(key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    conn = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    # AES-256-CBC with an HMAC-SHA512 per 4 KiB page. HMAC-SHA256 (SHA-NI) and 16 KiB pages together
    # halve a full scan's CPU but still cost ~1.9x the unkeyed build, short of DESIGN section 8's 1.5x,
    # so existing vaults are not rewritten for it (issue 17; `python -m benchmarks cipher-options`).
    conn.execute("PRAGMA cipher_compatibility = 4")
    return conn


def _connect(path: Path, key: bytes | bytearray) -> Any:
    conn = _open_keyed(path, key)
    try:
        # SQLCipher >= 4.3 accepts any key; the first read is the real check.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # cipher_memory_security stays off (SQLCipher's default): wiping every allocation cost ~18 ms
        # per encounter save here, against a 25 ms budget; the vault zeroes its own key on lock.
        for pragma in CONNECTION_PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher3.dbapi2.DatabaseError as exc:
        conn.close()
        raise VaultDamaged(damage_report(path, key)) from exc
    return conn


def cipher_damage(conn: Any) -> str | None:
    """SQLCipher's page-by-page HMAC check as one line naming the first bad page, or None when intact."""
    problems = [" ".join(str(row[0]).split()) for row in conn.execute("PRAGMA cipher_integrity_check")]
    if not problems:
        return None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"database damaged or tampered: {problems[0]}{more}"


def integrity_problem(engine: Engine) -> str | None:
    """SQLCipher's page HMACs, SQLite's structure check, then every reference between records: one line,
    or None when intact.
    Runs on the driver connection, outside a transaction, so it takes no write lock."""
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        damage = cipher_damage(raw)
        if damage is not None:
            return damage
        try:
            rows = [str(row[0]) for row in raw.execute("PRAGMA integrity_check")]
        except sqlcipher3.dbapi2.DatabaseError as exc:
            rows = [str(exc)]
        if rows == ["ok"]:
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                return f"{len(broken)} broken reference(s), the first in table {broken[0][0]}"
            return None
    more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
    return f"database structure damaged: {' '.join(rows[0].split())}{more}"


def checkpoint(engine: Engine, mode: str = "TRUNCATE") -> None:
    """Move the WAL into the database file. A checkpoint cannot run inside a transaction, and every
    SQLAlchemy transaction here starts with BEGIN IMMEDIATE, so this goes to the driver connection."""
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        raw.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()


def settle(engine: Engine) -> None:
    """Make the last commits durable and keep the WAL short, off the path of the write that made them.

    A PASSIVE checkpoint syncs the WAL, copies it into the database file and syncs that (synchronous =
    NORMAL), never waiting for a reader; with nothing new in the WAL it does no I/O. The next commit then
    starts the WAL from its beginning, so the WAL holds what was written since the last settle. SQLite's
    own checkpoint after a commit that takes the WAL past 1000 pages (wal_autocheckpoint, default) stays on
    as the bound when nobody settles, as in a long burst of writes; a bedside save writes about 100."""
    checkpoint(engine, "PASSIVE")


def damage_report(path: Path, key: bytes | bytearray) -> str:
    """Why a correctly unwrapped key cannot read the file, naming the page when SQLCipher can tell.
    Re-reads the whole file on a fresh connection, so it runs only after a read has already failed."""
    try:
        conn = _open_keyed(path, key)
        try:
            damage = cipher_damage(conn)
        finally:
            conn.close()
    except sqlcipher3.dbapi2.Error:
        damage = None
    if damage is None:
        return describe_open_failure(path)
    return f"The vault {path.name}: {damage}. Restore it from a backup."


def describe_open_failure(path: Path) -> str:
    """Why a correctly unwrapped key still cannot read the file: say what the file looks like."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return f"The vault database {path.name} cannot be read."
    if size == 0:
        return f"The vault database {path.name} is empty (0 bytes): restore it from a backup."
    if head == SQLITE_HEADER:
        return f"The vault database {path.name} is not encrypted: refusing to use it."
    if size % PAGE_SIZE:
        return f"The vault database {path.name} is truncated ({size} bytes): restore it from a backup."
    return f"The vault database {path.name} is damaged or was changed outside the app."


def check_file_shape(path: Path) -> None:
    """Refuse obviously wrong files before any key is tried, so nothing is written to them."""
    if not path.exists():
        raise VaultNotFound(f"No vault database at {path}.")
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(16)
    if size == 0 or head == SQLITE_HEADER or size % PAGE_SIZE:
        raise VaultDamaged(describe_open_failure(path))


def make_engine(path: Path, key: bytearray, *, pool_size: int = 2) -> Engine:
    """`key` is read at each connect, so zeroing it (on lock) makes any later connect fail."""
    connect: Callable[[], Any] = lambda: _connect(path, key)  # noqa: E731
    engine = create_engine(
        "sqlite://",
        creator=connect,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=0,
        hide_parameters=True,  # a DB error's text must never carry survivor data into a log
    )
    use_explicit_transactions(engine)
    _report_damage(engine, path, key)
    return engine


def use_explicit_transactions(engine: Engine) -> None:
    """pysqlite's implicit BEGIN handling breaks SAVEPOINT and DDL transactions; let SQLAlchemy emit
    BEGIN itself (the documented recipe for the sqlite driver family). BEGIN IMMEDIATE takes the write
    lock up front so two writers never deadlock on lock upgrade."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# Result codes of a page that fails its HMAC or a file that is not (or no longer) a database.
_DAMAGE_CODES = frozenset({sqlcipher3.dbapi2.SQLITE_CORRUPT, sqlcipher3.dbapi2.SQLITE_NOTADB})


def _report_damage(engine: Engine, path: Path, key: bytearray) -> None:
    """A read that hits a damaged page raises VaultDamaged naming the page, not a driver error."""

    @event.listens_for(engine, "handle_error")
    def _damaged(context: ExceptionContext) -> None:
        code = getattr(context.original_exception, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _DAMAGE_CODES:
            # The connection's codec may stay in an error state: never hand it out again.
            context.is_disconnect = True
            raise VaultDamaged(damage_report(path, key)) from context.original_exception
