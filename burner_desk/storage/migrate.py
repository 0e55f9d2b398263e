"""Schema migrations: opening an older vault upgrades it to the newest revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None, script_location: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision(script_location: Path = MIGRATIONS) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location=script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", script_location: Path = MIGRATIONS) -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn, script_location), revision)
