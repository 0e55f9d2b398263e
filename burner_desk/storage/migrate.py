"""Schema migrations: opening an older vault upgrades it to the newest revision."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from burner_desk.domain.errors import VaultDamaged, VaultError
from burner_desk.storage import program_summary

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None, script_location: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache  # alembic reads every script to find it (tens of ms); the shipped scripts do not change
def head_revision(script_location: Path = MIGRATIONS) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location=script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_pending(current: str | None, script_location: Path = MIGRATIONS) -> bool:
    """True when an existing vault is at a revision this app knows, but not the newest one."""
    if current is None:
        return False
    scripts = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    try:
        scripts.get_revision(current)
    except CommandError:
        return False  # written by a newer app: upgrade() refuses it without touching it
    return current != scripts.get_current_head()


def upgrade(engine: Engine, revision: str = "head", script_location: Path = MIGRATIONS) -> None:
    """Upgrade in one transaction; a vault written by a newer app is refused, not touched."""
    scripts = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    with engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        # SQLite alters a table by rebuilding it; with foreign keys on, dropping the old copy would be
        # refused (or cascade) because of the rows pointing at it. The switch is a no-op inside a
        # transaction, so it goes to the driver connection first; references are checked before commit.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                current = MigrationContext.configure(conn).get_current_revision()
                if current is not None:
                    _require_known(scripts, current)
                if current != scripts.get_current_head():
                    program_summary.drop_triggers(conn)  # put back, up to date, by keep_up
                command.upgrade(alembic_config(conn, script_location), revision)
                program_summary.keep_up(conn)
                if MigrationContext.configure(conn).get_current_revision() == current:
                    return  # nothing ran: the references are as the last write left them (verify checks)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise VaultDamaged(
                        f"The schema upgrade would leave {len(broken)} broken reference(s) in table "
                        f"{broken[0][0]}; the vault was left as it was."
                    )
        finally:
            if not conn.invalidated:  # a damaged page discards the connection; nothing to restore
                raw.execute("PRAGMA foreign_keys = ON")


def _require_known(scripts: ScriptDirectory, revision: str) -> None:
    try:
        scripts.get_revision(revision)
    except CommandError as exc:
        raise VaultError(
            f"This vault has schema revision {revision}, written by a newer version of burner_desk. "
            "Update the app before opening it."
        ) from exc
