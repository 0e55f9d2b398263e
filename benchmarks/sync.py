"""Sync with central (DESIGN.md section 8): a push of N encounters against a bare PostgreSQL COPY of the
same rows, and a first sync of M encounters onto a fresh laptop.

Central is the real server (`burner-desk-central serve`, its own process, plain HTTP on loopback) on a
throwaway PostgreSQL cluster with fsync ON (tools/pgcluster.py), so each committed mutation costs what it
costs in production. The laptop records its encounters through bedside.record_encounter, as at the
bedside: the rows central receives are exactly what a laptop pushes.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import keyring
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from benchmarks import caseload
from benchmarks.timing import Row, bench_setup
from burner_desk.central.db import make_engine, sessions
from burner_desk.central.devices import new_enrollment_code
from burner_desk.central.models import Change
from burner_desk.services import access, bedside
from burner_desk.services import sync as sync_service
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.models import Resource
from tests.conftest import MemoryKeyring
from tools import pgcluster
from tools.pgcluster import database_url

PUSH_BUDGET = 10.0  # × the COPY of the same rows
PUSH_RUNS = 5  # timed pushes, each with its COPY; the median counts
FIRST_SYNC_BUDGET = 20.0  # seconds, for 10,000 encounters
FIRST_SYNC_BUDGET_ENCOUNTERS = 10_000


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"


@contextmanager
def _memory_keyring() -> Iterator[None]:
    """Device tokens go to a keyring that forgets them, never into this machine's real OS keyring."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@dataclass
class Central:
    """`burner-desk-central serve` in its own process, and a connection to its database for enrollment
    codes and for reading back what a push stored."""

    url: str
    db_url: str
    engine: Engine
    pid: int

    def cpu_seconds(self) -> float:
        """The server process's CPU time so far (user and system, all its threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def code(self, name: str) -> str:
        return new_enrollment_code(sessions(self.engine), name)

    def changes_after(self, seq: int) -> list[tuple[str, str, int, dict[str, Any]]]:
        """The change-feed rows written after `seq`: what the laptop's push stored, in wire form."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(Change.entity, Change.entity_id, Change.version, Change.fields)
                .where(Change.seq > seq)
                .order_by(Change.seq)
            )
            return [(entity, str(entity_id), version, fields) for entity, entity_id, version, fields in found]

    def copy_out_records(self) -> tuple[float, int]:
        """The first-sync baseline: a bare COPY out of every record row central holds, in wire form;
        (seconds, rows)."""
        with psycopg.connect(_conninfo(self.db_url)) as conn, conn.cursor() as cursor:
            started = time.perf_counter()
            rows = 0
            with cursor.copy("COPY (SELECT entity, id, version, fields FROM record) TO STDOUT") as copy:
                for _row in copy.rows():
                    rows += 1
            return time.perf_counter() - started, rows

    def feed_end(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change").scalar_one())


@contextmanager
def _central(db_url: str, workdir: Path, patch: str = "") -> Iterator[Central]:
    """Central serving `db_url`; `patch` is Python run in the server before it starts (benchmarks that
    take a speed trick out: benchmarks.push_tricks)."""
    port = pgcluster.free_port()
    log = (workdir / "central.log").open("wb")
    start = f"{patch}\nimport sys\nfrom burner_desk.central.cli import main\nsys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen(
        [sys.executable, "-c", start, "--db", db_url, "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    engine = make_engine(db_url)
    try:
        _wait_healthy(url, server)
        yield Central(url, db_url, engine, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        engine.dispose()


def _wait_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("central exited at start; see central.log in the bench directory")
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("central did not answer its health check within 60 s")


def _laptop(directory: Path, user_name: str, central: Central) -> access.SignedIn:
    setup = bench_setup(user_name)
    # The KDF is not measured here: the cheapest policy-compliant setting keeps set-up short.
    signed_in = access.first_run_setup(directory, setup, kdf=KdfParams(time_cost=1))
    sync_service.enroll(signed_in, central.url, central.code(setup.device_name))
    return signed_in


def _record(
    signed_in: access.SignedIn, numbers: range, gen: caseload.Generator, stocked: caseload.Stock
) -> None:
    for n in numbers:
        data = caseload._encounter_input(n, gen, stocked)
        bedside.record_encounter(signed_in.uow, signed_in.actor, data, caseload.NOW)
        if (n + 1) % 1000 == 0:
            caseload._log(f"recorded {n + 1:,} encounters")


@dataclass(frozen=True)
class PushRun:
    """One timed push of a laptop's new encounters, and the COPY of the rows it stored, timed right after."""

    wall: float  # seconds from the sync's start to central's answer to its last batch
    laptop_cpu: float  # the laptop process's CPU seconds in that time (all threads)
    central_cpu: float  # central's server process's CPU seconds in that time
    copy: float  # seconds for a COPY of the same rows into a bare table
    mutations: int

    @property
    def ratio(self) -> float:
        return self.wall / self.copy


@contextmanager
def _bench_central(workdir: Path, patch: str = "") -> Iterator[tuple[str, Central]]:
    """A throwaway PostgreSQL cluster (fsync on) with central serving it; yields (cluster URL, central)."""
    with _memory_keyring(), pgcluster.throwaway_cluster(durable=True) as server_url:
        admin = psycopg.connect(_conninfo(server_url), autocommit=True)
        admin.execute("CREATE DATABASE central")
        admin.execute("CREATE DATABASE baseline")
        admin.close()
        with _central(database_url(server_url, "central"), workdir, patch) as central:
            yield server_url, central


def run(workdir: Path, pushed: int, first_sync: int, runs: int = PUSH_RUNS) -> list[Row]:
    if first_sync < pushed * runs:
        raise ValueError("the first-sync count includes the pushed encounters: give at least push x runs")
    with _bench_central(workdir) as (server_url, central):
        desk = _laptop(workdir / "sync-desk", "bench.detective", central)
        try:
            pushes = push_runs(server_url, central, desk, pushed, runs, stock_for=first_sync)
            results = [push_row(pushed, pushes)]
            caseload._log(f"recording {first_sync - pushed * runs:,} more encounters and pushing them")
            gen = caseload.Generator(random.Random(3))
            _record(desk, range(pushed * runs, first_sync), gen, _STOCKED[desk.vault.vault_id])
            sync_service.sync_now(desk)
        finally:
            desk.vault.close()
        caseload._log(f"timing a fresh laptop's first sync of {first_sync:,} encounters")
        results.append(_first_sync(workdir, central, first_sync))
        return results


_STOCKED: dict[str, caseload.Stock] = {}  # the stock each bench laptop holds, by vault


def push_runs(
    server_url: str, central: Central, desk: access.SignedIn, pushed: int, runs: int, *, stock_for: int
) -> list[PushRun]:
    """`runs` pushes of `pushed` new encounters each, every one followed by a COPY of the rows it stored
    (interleaved, so both meet the same load on a shared machine)."""
    with desk.uow.begin(desk.actor) as tx:
        tx.add(Resource(name="Alexandria treatment program", kind="treatment", jurisdiction="alexandria"))
    caseload._log(f"stocking {stock_for:,} burner phones and recovery bags")
    stocked = _STOCKED[desk.vault.vault_id] = caseload.stock(desk, stock_for)
    # The stock goes up first, untimed: the measured pushes carry encounters alone.
    sync_service.sync_now(desk)
    gen = caseload.Generator()
    pushes = []
    for run in range(runs):
        caseload._log(f"recording {pushed:,} encounters, then timing their push ({run + 1} of {runs})")
        _record(desk, range(run * pushed, (run + 1) * pushed), gen, stocked)
        before = central.feed_end()
        wall, laptop_cpu, central_cpu, report = _timed_push(desk, central)
        rows = central.changes_after(before)
        copy = _copy(database_url(server_url, "baseline"), rows, f"record_{run}")
        pushes.append(PushRun(wall, laptop_cpu, central_cpu, copy, report.pushed))
        caseload._log(
            f"push: {wall:.2f} s (laptop CPU {laptop_cpu:.2f} s, central CPU {central_cpu:.2f} s), "
            f"COPY {copy:.3f} s, {wall / copy:.2f}x"
        )
    return pushes


def push_row(pushed: int, pushes: list[PushRun]) -> Row:
    ratio = statistics.median(run.ratio for run in pushes)
    return Row(
        f"Push {pushed:,} encounters to central (PostgreSQL, fsync on, loopback; median of {len(pushes)})",
        f"{statistics.median(run.wall for run in pushes):.2f} s ({pushes[0].mutations:,} mutations; CPU "
        f"laptop {statistics.median(run.laptop_cpu for run in pushes):.2f} s, central "
        f"{statistics.median(run.central_cpu for run in pushes):.2f} s)",
        f"{statistics.median(run.copy for run in pushes):.3f} s (COPY of the stored rows, after each push)",
        ratio,
        f"<= {PUSH_BUDGET:.0f}x",
        ratio <= PUSH_BUDGET,
    )


def _timed_push(
    signed_in: access.SignedIn, central: Central
) -> tuple[float, float, float, sync_service.SyncReport]:
    """One sync_now, its push timed to its last push progress report: (wall seconds, laptop CPU seconds,
    central CPU seconds, report)."""
    pushed_at: list[tuple[float, float, float]] = []

    def progress(step: sync_service.SyncProgress) -> None:
        if step.phase == "push":
            pushed_at.append((time.perf_counter(), time.process_time(), central.cpu_seconds()))

    started = (time.perf_counter(), time.process_time(), central.cpu_seconds())
    report = sync_service.sync_now(signed_in, progress=progress)
    ended = pushed_at[-1]
    wall, laptop_cpu, central_cpu = (end - start for end, start in zip(ended, started, strict=True))
    return wall, laptop_cpu, central_cpu, report


def _conninfo(url: str) -> str:
    """A psycopg connection string from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _copy(db_url: str, rows: list[tuple[str, str, int, dict[str, Any]]], table_name: str) -> float:
    """The baseline: COPY the same rows (entity, id, version, fields JSON) into a new plain table,
    committed."""
    table = sql.Identifier(table_name)
    with psycopg.connect(_conninfo(db_url)) as conn:
        conn.execute(
            sql.SQL("CREATE TABLE {} (entity text, id uuid, version int, fields jsonb)").format(table)
        )
        conn.commit()
        started = time.perf_counter()
        with (
            conn.cursor() as cursor,
            cursor.copy(sql.SQL("COPY {} (entity, id, version, fields) FROM STDIN").format(table)) as copy,
        ):
            for entity, record_id, version, fields in rows:
                copy.write_row((entity, record_id, version, Jsonb(fields)))
        conn.commit()
        return time.perf_counter() - started


def _first_sync(workdir: Path, central: Central, encounters: int) -> Row:
    """A fresh laptop's whole first sync_now: its own few set-up rows up, then central's snapshot down."""
    fresh = _laptop(workdir / "sync-fresh", "bench.station", central)
    try:
        started = time.perf_counter()
        report = sync_service.sync_now(fresh)
        took = time.perf_counter() - started
    finally:
        fresh.vault.close()
    assert report.from_snapshot, "a fresh laptop's first sync must come from the snapshot"
    copy_out, records = central.copy_out_records()
    # The budget is for 10,000 encounters; a smaller run is held to its share.
    budget = FIRST_SYNC_BUDGET * encounters / FIRST_SYNC_BUDGET_ENCOUNTERS
    return Row(
        f"First sync of {encounters:,} encounters ({machine()})",
        f"{took:.2f} s ({report.pulled:,} rows, {report.pulled / took:,.0f} rows/s)",
        f"{copy_out:.3f} s (COPY out of central's {records:,} records)",
        took / copy_out,
        f"<= {budget:g} s ({FIRST_SYNC_BUDGET:.0f} s per {FIRST_SYNC_BUDGET_ENCOUNTERS:,})",
        took <= budget,
    )
