"""Central's database: PostgreSQL (psycopg 3) in production, SQLite for a one-machine trial."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.models import SyncClock

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url() -> str:
    """SQLite in the platform's data directory, so `burner-desk-central serve` needs no set-up."""
    directory = user_data_path("burner_desk_central", appauthor=False)
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'central.db'}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(
        parsed, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True
    )
    _begin_immediate(engine)
    return engine


def _begin_immediate(engine: Engine) -> None:
    """SQLite: take the write lock when a transaction begins. A deferred transaction that reads, then
    writes, fails at once with "database is locked" when another writer got there first, instead of
    waiting its turn; this also makes SQLite's whole-database lock play the sync clock's role."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite would otherwise BEGIN on its own
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def take_seqs(session: Session, count: int) -> int:
    """Reserve the next `count` change-feed positions; returns the last. The UPDATE locks the clock row
    until this transaction ends, so positions are handed out in commit order (a PostgreSQL sequence is
    not: see DESIGN.md section 5)."""
    seq = session.execute(
        update(SyncClock).where(SyncClock.id == 1).values(seq=SyncClock.seq + count).returning(SyncClock.seq)
    ).scalar_one()
    return int(seq)


def current_seq(session: Session) -> int:
    return int(session.execute(select(SyncClock.seq).where(SyncClock.id == 1)).scalar_one())
