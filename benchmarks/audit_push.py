"""`python -m benchmarks.audit_push [--events N]`: what the audit trail adds to a busy laptop's sync.

A laptop with N audit events (20,000 by default: months of a busy desk) enrolls with the real central
(`burner-desk-central serve`, its own process, on a throwaway PostgreSQL cluster with fsync on), then:
its first audit push (all N events, each seal checked), a push of the 100 events a day adds, and a
push with nothing new (one request, at every sync). Each is timed on the wall clock and the laptop's CPU,
against a bare COPY of the same N rows into a plain table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import psycopg
from psycopg import sql

from benchmarks import caseload
from benchmarks.sync import _central, _conninfo, _laptop, _memory_keyring
from burner_desk.services import access
from burner_desk.services import sync as sync_service
from burner_desk.storage import keystore
from burner_desk.sync import audit_push
from burner_desk.sync.transport import CentralClient
from tools import pgcluster
from tools.pgcluster import database_url

DAY = 100  # audit events a busy desk writes in a day


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.audit_push", description=__doc__)
    parser.add_argument("--events", type=int, default=20_000, help="audit events on the laptop")
    events = parser.parse_args(argv).events
    with TemporaryDirectory(prefix="burner-desk-audit-bench-") as tmp, _memory_keyring():
        workdir = Path(tmp)
        with pgcluster.throwaway_cluster(durable=True) as server_url:
            admin = psycopg.connect(_conninfo(server_url), autocommit=True)
            admin.execute("CREATE DATABASE central")
            admin.execute("CREATE DATABASE baseline")
            admin.close()
            with _central(database_url(server_url, "central"), workdir) as central:
                desk = _laptop(workdir / "audit-desk", "bench.detective", central)
                try:
                    _audited(desk, events - _head(desk))
                    lines = _measure(desk, events, database_url(server_url, "baseline"))
                finally:
                    desk.vault.close()
    for line in lines:
        print(line)
    return 0


def _head(desk: access.SignedIn) -> int:
    with desk.uow.begin() as tx:
        return tx.audit.head()[0]


def _audited(desk: access.SignedIn, count: int) -> None:
    """`count` more audit events, as the app writes them (a case opened), a thousand per transaction."""
    caseload._log(f"writing {count:,} audit events")
    for start in range(0, count, 1000):
        with desk.uow.begin(desk.actor) as tx:
            for _ in range(min(1000, count - start)):
                tx.record("person.view", entity="person")


def _timed(desk: access.SignedIn) -> tuple[float, float]:
    """One audit push as a sync makes it: (wall seconds, laptop CPU seconds)."""
    with desk.uow.begin() as tx:
        server_url = tx.sync.state(sync_service.SERVER_URL)
    client = CentralClient(server_url, token=keystore.read_device_token(desk.vault.vault_id))
    with client:
        started, cpu = time.perf_counter(), time.process_time()
        breaks = audit_push.push_trail(client, desk.uow, _direct)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert breaks == 0, "an untouched laptop's trail must continue"
    return wall, cpu


def _direct(fn: Callable[[], Any]) -> Any:
    return fn()


def _measure(desk: access.SignedIn, events: int, baseline_url: str) -> list[str]:
    caseload._log(f"timing the first push of {events:,} audit events")
    first = _timed(desk)
    _audited(desk, DAY)
    day = _timed(desk)
    idle = statistics.median(_timed(desk)[0] for _ in range(5))
    copy = _copy(baseline_url, events)
    return [
        f"First audit push, {events:,} events: {first[0]:.2f} s wall, laptop CPU {first[1]:.2f} s; "
        f"a bare COPY of {events:,} such rows {copy:.3f} s ({first[0] / copy:.1f}x)",
        f"A day's audit push, {DAY} events: {day[0] * 1000:.0f} ms wall, laptop CPU {day[1] * 1000:.0f} ms",
        f"An audit push with nothing new (every sync): {idle * 1000:.1f} ms wall (median of 5)",
    ]


def _copy(db_url: str, events: int) -> float:
    """The baseline: COPY `events` rows shaped like central's audit rows into a plain table, committed;
    the median of three runs."""
    row = (
        "2f1b0b7e-6d8c-4b8e-9a51-5f0c6f1f6a10",
        1,
        "0b0d7a1e-0a55-4d0e-8f5e-3f8a9c0d1e2f",
        "2026-11-27T09:00:00.123456+00:00",
        "person.view",
        "person",
        "ok",
        "a" * 64,
        "b" * 64,
        "c" * 64,
    )
    times = []
    with psycopg.connect(_conninfo(db_url)) as conn:
        for run in range(3):
            table = sql.Identifier(f"audit_{run}")
            conn.execute(
                sql.SQL(
                    "CREATE TABLE {} (device_id uuid, seq bigint, event_id uuid, at timestamp, action text, "
                    "entity text, outcome text, prev_hash text, hash text, seal text)"
                ).format(table)
            )
            conn.commit()
            started = time.perf_counter()
            with conn.cursor() as cursor, cursor.copy(sql.SQL("COPY {} FROM STDIN").format(table)) as copy:
                for seq in range(events):
                    copy.write_row((row[0], seq, *row[2:]))
            conn.commit()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
