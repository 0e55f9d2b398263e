"""Central server fixtures: a real PostgreSQL started for the session, SQLite beside it, and a client.

PostgreSQL runs from the machine image's binaries as an unprivileged user (initdb refuses root) in a temp
dir, on a free loopback port. Missing binaries FAIL the tests: CI must test against real PostgreSQL.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from burner_desk.central import models
from burner_desk.central.app import create_app
from burner_desk.central.db import make_engine, migrate, sessions
from burner_desk.central.devices import new_enrollment_code
from tests.services.conftest import program  # noqa: F401  (a fixture: a stocked laptop vault)

PG_BIN = Path(os.environ.get("BURNER_DESK_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "nobody"  # any unprivileged account; initdb and postgres refuse to run as root


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_pg_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster; yields the URL of its `postgres` database."""
    missing = [tool for tool in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / tool).exists()]
    if missing:
        pytest.fail(f"PostgreSQL binaries missing in {PG_BIN} ({', '.join(missing)}); install postgresql-15")
    root = Path(tempfile.mkdtemp(prefix="burner-desk-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(PG_USER)
        os.chown(root, account.pw_uid, account.pw_gid)
    data, port = root / "data", _free_port()
    run = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run(
        _as_pg_user(
            [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        ),
        **run,
    )
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=60 "
        # durability is not under test here; skipping fsync keeps the run short
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w"]
    subprocess.run(_as_pg_user([*pg_ctl, "-o", options, "start"]), **run)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([*pg_ctl, "-m", "immediate", "stop"]), check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A database migrated once, copied for each test (much faster than migrating each)."""
    admin = make_engine(postgres_server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE central_template")
    admin.dispose()
    template = make_engine(_database(postgres_server, "central_template"))
    migrate(template)
    template.dispose()
    return "central_template"


def _database(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def postgres_url(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A fresh database in the session's cluster, at the newest schema revision."""
    name = f"central_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {postgres_template}")
    yield _database(postgres_server, name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return str(request.getfixturevalue("postgres_url"))


@dataclass
class Desk:
    """An enrolled laptop, as central sees it: its id, token and users."""

    device_id: uuid.UUID
    token: str
    users: list[uuid.UUID]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Central:
    """A migrated central database behind the real FastAPI app, reached through HTTP in-process."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.db = sessions(engine)
        self.client = TestClient(create_app(engine))

    def enroll(self, name: str = "desk", users: list[uuid.UUID] | None = None) -> Desk:
        user_ids = users or [uuid.uuid4()]
        code = new_enrollment_code(self.db, name)
        answer = self.client.post(
            "/v1/enroll", json={"code": code, "device_name": name, "user_ids": [str(u) for u in user_ids]}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return Desk(uuid.UUID(body["device_id"]), body["token"], user_ids)

    def push(self, desk: Desk, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        answer = self.client.post("/v1/sync/push", json={"mutations": mutations}, headers=desk.headers)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def changes(self, desk: Desk, cursor: int = 0, limit: int = 200) -> dict[str, Any]:
        answer = self.client.get(f"/v1/sync/changes?cursor={cursor}&limit={limit}", headers=desk.headers)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def record(self, entity: str, record_id: uuid.UUID) -> dict[str, Any]:
        with self.db() as session:
            row = session.get(models.Record, (entity, record_id))
            assert row is not None
            return {"version": row.version, **row.fields}

    def written(self) -> tuple[int, int, int]:
        """(records, changes, applied mutations): what a refused request must leave as it was."""
        with self.db() as session:
            return tuple(  # type: ignore[return-value]
                session.scalar(select(func.count()).select_from(table)) or 0
                for table in (models.Record, models.Change, models.AppliedMutation)
            )


@pytest.fixture
def central(db_url: str) -> Iterator[Central]:
    engine = make_engine(db_url)
    migrate(engine)
    server = Central(engine)
    yield server
    server.client.close()
    engine.dispose()


def now_wire() -> str:
    return datetime.now(UTC).isoformat()


def person_insert(author: uuid.UUID, person_id: uuid.UUID | None = None, **fields: Any) -> dict[str, Any]:
    """A person insert as the laptop's outbox writes it (every column, wire form)."""
    person_id = person_id or uuid.uuid4()
    values: dict[str, Any] = {
        "id": str(person_id),
        "created_at": now_wire(),
        "created_by": str(author),
        "device_id": str(uuid.uuid4()),
        "deleted_at": None,
        "given_name": "Alex (sample)",
        "family_name": "Doe",
        "date_of_birth": "1990-04-01",
        "preferred_language": "en",
        "phone": "(703) 555-0142",
        "address": "",
        "jurisdiction": "alexandria",
    } | fields
    return mutation(
        "person", person_id, "insert", {name: [None, value] for name, value in values.items()}, author
    )


def mutation(
    entity: str,
    entity_id: uuid.UUID,
    op: str,
    changes: dict[str, list[Any]],
    author: uuid.UUID,
    base_version: int = 0,
) -> dict[str, Any]:
    return {
        "mutation_id": str(uuid.uuid4()),
        "entity": entity,
        "entity_id": str(entity_id),
        "op": op,
        "base_version": base_version,
        "changes": changes,
        "author_id": str(author),
        "created_at": now_wire(),
    }
