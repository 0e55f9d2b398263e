"""A real PostgreSQL for the tests, started once per session, and the database URL fixture that runs a
test against SQLite and PostgreSQL both.

The cluster itself comes from tools/pgcluster.py (shared with the sync benchmark). Missing binaries FAIL
the tests: CI must test against real PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from burner_desk.central.db import make_engine, migrate
from tools import pgcluster
from tools.pgcluster import database_url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster, fsync off (durability is not under test); yields the URL of its
    `postgres` database."""
    reason = pgcluster.missing_binaries()
    if reason:
        pytest.fail(reason)
    with pgcluster.throwaway_cluster(durable=False) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A database migrated once, copied for each test (much faster than migrating each)."""
    admin = make_engine(postgres_server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE central_template")
    admin.dispose()
    template = make_engine(database_url(postgres_server, "central_template"))
    migrate(template)
    template.dispose()
    return "central_template"


@pytest.fixture
def postgres_url(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A fresh database in the session's cluster, at the newest schema revision."""
    name = f"central_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {postgres_template}")
    yield database_url(postgres_server, name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return str(request.getfixturevalue("postgres_url"))
