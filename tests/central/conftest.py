"""Central server fixtures: a migrated database (SQLite and PostgreSQL, see tests/postgres.py) behind the
real app, reached in-process."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from burner_desk.central import models
from burner_desk.central.app import create_app
from burner_desk.central.db import make_engine, migrate, sessions
from burner_desk.central.devices import new_enrollment_code
from burner_desk.domain.people import Role
from tests.services.conftest import program  # noqa: F401  (a fixture: a stocked laptop vault)


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

    def enroll(
        self,
        name: str = "desk",
        users: list[uuid.UUID] | None = None,
        role: Role | None = Role.SUPERVISOR,
        *,
        treatment_program: bool = False,
    ) -> Desk:
        """A desk enrolled with `users` (one new one by default), whose accounts it then pushes with
        `role`, as a laptop's first sync does (None: it pushes none)."""
        user_ids = users or [uuid.uuid4()]
        code = new_enrollment_code(self.db, name, treatment_program=treatment_program)
        answer = self.client.post(
            "/v1/enroll", json={"code": code, "device_name": name, "user_ids": [str(u) for u in user_ids]}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        desk = Desk(uuid.UUID(body["device_id"]), body["token"], user_ids)
        if role is not None:
            self.push(desk, [user_insert(user, role) for user in user_ids])
        return desk

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


def user_insert(
    user_id: uuid.UUID, role: Role, author: uuid.UUID | None = None, **fields: Any
) -> dict[str, Any]:
    """A user account as the laptop's outbox writes it; by default the user's own (the bootstrap)."""
    author = author or user_id
    values: dict[str, Any] = {
        "id": str(user_id),
        "created_at": now_wire(),
        "created_by": str(author),
        "device_id": None,
        "deleted_at": None,
        "name": f"user.{user_id.hex[:8]}",
        "display_name": "Sample User (sample)",
        "badge_no": "",
        "role": role.value,
        "direct_phone": "",
    } | fields
    return mutation(
        "user", user_id, "insert", {name: [None, value] for name, value in values.items()}, author
    )


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
