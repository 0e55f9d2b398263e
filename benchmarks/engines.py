"""What encryption costs: SQLCipher vs plain SQLite on one ORM workload, unlock vs the bare Argon2id call."""

from __future__ import annotations

import random
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.orm import sessionmaker

from benchmarks.timing import BENCH_PASSPHRASE, Row, bench_setup, p50, seconds
from burner_desk.domain.ids import new_id
from burner_desk.services import access
from burner_desk.storage import vault as vault_store
from burner_desk.storage.engine import make_engine
from burner_desk.storage.keyslots import KdfParams, argon2id
from burner_desk.storage.models import Base, Encounter, Incident, Person, User

GIVEN = ["Alex", "Maria", "James", "Dana", "Luis", "Keisha", "Tom", "Rosa", "Omar", "Grace"]
FAMILY = ["Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Lopez", "Davis", "Khan", "Miller", "Reyes"]
BASE_TIME = datetime(2025, 1, 1, tzinfo=UTC)


def plain_sqlite_engine(path: Path) -> Engine:
    """Stdlib sqlite3 with the vault's pragmas and transaction handling, minus the cipher."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"isolation_level": None})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        for pragma in (
            "temp_store = MEMORY",
            "foreign_keys = ON",
            "secure_delete = ON",
            "journal_mode = WAL",
            "synchronous = FULL",
            "busy_timeout = 5000",
        ):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@dataclass(frozen=True)
class Workload:
    write: float
    read: float


def orm_workload(engine: Engine, transactions: int, seed: int) -> Workload:
    """One transaction per bedside-shaped write (person + incident + encounter), then reading every one
    back by name through the ORM: the same rows and statements whatever the engine."""
    Base.metadata.create_all(engine)
    rng = random.Random(seed)
    sessions = sessionmaker(engine, expire_on_commit=False)
    detective = User(id=new_id(), name="bench", display_name="Bench", role="detective")
    with sessions.begin() as session:
        session.add(detective)
    names = [(rng.choice(GIVEN), f"{rng.choice(FAMILY)}{index}") for index in range(transactions)]

    def write() -> None:
        for index, (given, family) in enumerate(names):
            person_id, incident_id = new_id(), new_id()
            at = BASE_TIME + timedelta(minutes=index)
            with sessions.begin() as session:
                session.add(
                    Person(id=person_id, given_name=given, family_name=family, jurisdiction="alexandria")
                )
                session.add(Incident(id=incident_id, occurred_at=at, address=f"{index} King St"))
                session.flush()  # parents first: foreign keys are enforced
                session.add(
                    Encounter(
                        incident_id=incident_id,
                        person_id=person_id,
                        detective_id=detective.id,
                        hospital="Inova Alexandria",
                        started_at=at,
                    )
                )

    def read() -> None:
        with sessions() as session:
            for _given, family in names:
                found = session.execute(
                    select(Encounter, Person).join(Person).where(Person.family_name == family)
                ).all()
                assert len(found) == 1
            assert session.scalar(select(func.count()).select_from(Encounter)) == transactions

    result = Workload(write=seconds(write), read=seconds(read))
    engine.dispose()
    return result


def sqlcipher_vs_sqlite(workdir: Path, transactions: int, repeats: int) -> list[Row]:
    """Alternate the two engines on fresh files so drift (thermal, page cache) hits both alike."""
    cipher: list[Workload] = []
    plain: list[Workload] = []
    for run in range(repeats):
        plain.append(orm_workload(plain_sqlite_engine(workdir / f"plain-{run}.db"), transactions, run))
        key = bytearray(secrets.token_bytes(32))
        cipher.append(orm_workload(make_engine(workdir / f"cipher-{run}.db", key), transactions, run))
    rows = []
    for phase in ("write", "read"):
        subject = p50([getattr(w, phase) for w in cipher])
        baseline = p50([getattr(w, phase) for w in plain])
        rows.append(
            Row(
                f"SQLCipher vs SQLite: ORM {phase} ({transactions} encounters)",
                f"{subject:.3f} s",
                f"{baseline:.3f} s (sqlite3 {sqlite3.sqlite_version})",
                subject / baseline,
                "<= 1.3x",
                subject / baseline <= 1.3,
            )
        )
    return rows


def unlock_vs_argon2(workdir: Path, repeats: int) -> Row:
    """Unlock = read keyslots, Argon2id, unwrap, open and key SQLCipher, migrations check, first query."""
    params = KdfParams.calibrated()
    directory = workdir / "unlock-vault"
    setup = bench_setup("bench.user")
    access.first_run_setup(directory, setup, kdf=params).vault.close()

    def unlock() -> None:
        opened = vault_store.unlock(directory, setup.user_name, BENCH_PASSPHRASE)
        try:
            with opened.uow.begin() as tx:
                assert tx.people.user_by_name(setup.user_name) is not None
        finally:
            opened.close()

    def bare() -> None:
        argon2id(BENCH_PASSPHRASE.encode(), uuid.uuid4().bytes, params)

    unlocks, bares = [], []
    for _ in range(repeats):
        unlocks.append(seconds(unlock))
        bares.append(seconds(bare))
    subject, baseline = p50(unlocks), p50(bares)
    return Row(
        f"Unlock vs bare Argon2id (t={params.time_cost}, {params.memory_kib // 1024} MiB)",
        f"{subject * 1000:.0f} ms",
        f"{baseline * 1000:.0f} ms",
        subject / baseline,
        "<= 1.2x",
        subject / baseline <= 1.2,
    )
