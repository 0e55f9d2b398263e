"""What encryption costs: SQLCipher vs the same SQLite build unkeyed (an ORM workload, full table scans larger
than the cache), unlock vs the bare Argon2id call."""

from __future__ import annotations

import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, func, insert, select, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from benchmarks.timing import BENCH_PASSPHRASE, Row, bench_setup, p50, seconds
from burner_desk.domain.ids import new_id
from burner_desk.services import access
from burner_desk.storage import vault as vault_store
from burner_desk.storage.engine import CONNECTION_PRAGMAS, make_engine, use_explicit_transactions
from burner_desk.storage.keyslots import KdfParams, argon2id
from burner_desk.storage.models import Base, Encounter, Incident, Person, User

GIVEN = ["Alex", "Maria", "James", "Dana", "Luis", "Keisha", "Tom", "Rosa", "Omar", "Grace"]
FAMILY = ["Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Lopez", "Davis", "Khan", "Miller", "Reyes"]
BASE_TIME = datetime(2025, 1, 1, tzinfo=UTC)


def unkeyed_engine(path: Path) -> Engine:
    """SQLCipher's own SQLite with no key: the same build, pragmas, pool and transaction handling as the
    vault, so the ratio is what the cipher costs and nothing else."""

    def connect() -> Any:
        conn = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
        for pragma in CONNECTION_PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        return conn

    engine = create_engine("sqlite://", creator=connect, module=sqlcipher3.dbapi2, poolclass=QueuePool)
    use_explicit_transactions(engine)
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
        plain.append(orm_workload(unkeyed_engine(workdir / f"plain-{run}.db"), transactions, run))
        key = bytearray(secrets.token_bytes(32))
        cipher.append(orm_workload(make_engine(workdir / f"cipher-{run}.db", key), transactions, run))
    rows = []
    for phase in ("write", "read"):
        subject = p50([getattr(w, phase) for w in cipher])
        baseline = p50([getattr(w, phase) for w in plain])
        rows.append(
            Row(
                f"SQLCipher vs unkeyed: ORM {phase} ({transactions} encounters)",
                f"{subject:.3f} s",
                f"{baseline:.3f} s (same SQLite {sqlcipher3.dbapi2.sqlite_version}, no key)",
                subject / baseline,
                "<= 1.3x",
                subject / baseline <= 1.3,
            )
        )
    return rows


def scanned_people(people: int) -> list[dict[str, Any]]:
    """The same invented survivors, in the same order, for every scan benchmark."""
    rng = random.Random(7)
    return [
        {"id": new_id(), "given_name": rng.choice(GIVEN), "family_name": f"{rng.choice(FAMILY)}{n}",
         "jurisdiction": "alexandria", "address": f"{n} King St (sample)"}
        for n in range(people)
    ]  # fmt: skip


def table_scans(workdir: Path, people: int, repeats: int) -> Row:
    """Full scans of a table larger than the page cache, so every pass reads (and SQLCipher decrypts)
    pages again; the two engines alternate, each on its own copy of the same rows."""
    engines = {
        "cipher": make_engine(workdir / "scan-cipher.db", bytearray(secrets.token_bytes(32))),
        "plain": unkeyed_engine(workdir / "scan-plain.db"),
    }
    rows = scanned_people(people)
    for engine in engines.values():
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(Person), rows)
    scan = text("SELECT count(*) FROM person WHERE address LIKE '%7 King%'")  # no index can answer it
    times: dict[str, list[float]] = {"cipher": [], "plain": []}
    for _ in range(repeats):
        for name, engine in engines.items():
            engine.dispose()  # a fresh connection starts with an empty page cache
            with engine.connect() as conn:
                times[name].append(seconds(lambda conn=conn: conn.execute(scan).scalar_one()))
    size_mb = (workdir / "scan-cipher.db").stat().st_size / 1e6
    cache = page_cache_mb(engines["cipher"])
    for engine in engines.values():
        engine.dispose()
    subject, baseline = p50(times["cipher"]), p50(times["plain"])
    return Row(
        f"SQLCipher vs unkeyed: full table scan ({people:,} rows, {size_mb:.0f} MB; the cache holds {cache:.0f} MB)",
        f"{subject * 1000:.0f} ms",
        f"{baseline * 1000:.0f} ms (same SQLite, no key)",
        subject / baseline,
        "<= 1.5x",
        subject / baseline <= 1.5,
    )


def page_cache_mb(engine: Engine) -> float:
    """The connection's page cache as SQLite sizes it (this sqlcipher3 build defaults to 8 MB, not 2)."""
    with engine.connect() as conn:
        size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        page = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
    return (-size * 1024 if size < 0 else size * page) / 1e6


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
