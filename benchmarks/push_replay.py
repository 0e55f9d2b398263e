"""`python -m benchmarks.push_replay`: central's own CPU for one laptop push, replayed in-process.

The push budget's run (benchmarks.sync) puts the laptop, central and PostgreSQL on the same two CPUs,
so its wall time moves with the machine's load. This measures central alone and steadily:

    python -m benchmarks.push_replay capture DIR [--push 1000]   # central's database, then the push
    python -m benchmarks.push_replay replay DIR [--rounds 5]     # central.push on a fresh copy each round

`capture` runs the real server and laptop as benchmarks.sync does, dumps central's database after the
stock went up, and keeps each push body the laptop sends. `replay` restores that dump once and applies
the bodies with central.push.push on a `CREATE DATABASE ... TEMPLATE` copy per round, reading the
process's CPU time (getrusage). The first round warms caches and is not counted. As `serve` does,
the heap loaded by then is frozen out of the cyclic collector first. `--profile FILE` runs the counted
rounds under cProfile and writes its statistics to FILE (pstats): where central's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import resource
import statistics
import subprocess
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import psycopg
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from benchmarks import caseload, sync
from burner_desk.central import push
from burner_desk.central.db import make_engine, sessions
from burner_desk.central.devices import AuthenticatedDevice, device_as_authenticated
from burner_desk.central.models import Device
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import Resource
from burner_desk.sync import protocol, transport
from tools import pgcluster
from tools.pgcluster import database_url

DUMP = "central.dump"


def _pg_tool(name: str, server_url: str, *arguments: str, given: bytes | None = None) -> bytes:
    """Run pg_dump or pg_restore against the cluster (through pipes: it runs as the PostgreSQL user)."""
    port = server_url.rsplit(":", 1)[1].split("/")[0]
    command = [str(pgcluster.PG_BIN / name), "-h", "127.0.0.1", "-p", port, "-U", "postgres", *arguments]
    return subprocess.run(pgcluster._as_pg_user(command), input=given, capture_output=True, check=True).stdout


def capture(out: Path, encounters: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="burner-desk-replay-") as tmp:
        workdir = Path(tmp)
        with sync._bench_central(workdir) as (server_url, central):
            desk = sync._laptop(workdir / "desk", "bench.detective", central)
            with desk.uow.begin(desk.actor) as tx:
                tx.add(
                    Resource(name="Alexandria treatment program", kind="treatment", jurisdiction="alexandria")
                )
            stocked = caseload.stock(desk, encounters)
            sync_service.sync_now(desk)
            (out / DUMP).write_bytes(_pg_tool("pg_dump", server_url, "-Fc", "central"))
            sync._record(desk, range(encounters), caseload.Generator(), stocked)
            bodies: list[bytes] = []
            send = transport.CentralClient.push

            def kept(
                client: transport.CentralClient,
                body: protocol.EncodedPush,
                sequence: protocol.PushSequence | None = None,
            ) -> protocol.PushResponse:
                bodies.append(bytes(body))
                return send(client, body, sequence)

            try:
                with mock.patch.object(transport.CentralClient, "push", kept):
                    sync_service.sync_now(desk)
            finally:
                desk.vault.close()
    for index, body in enumerate(bodies):
        (out / f"push_{index:03d}.json").write_bytes(body)
    print(f"{len(bodies)} push bodies, {sum(map(len, bodies)):,} bytes, in {out}")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _device(made: sessionmaker[Session]) -> AuthenticatedDevice:
    """The one laptop of the capture, as authenticate would give it."""
    with made() as session:
        return device_as_authenticated(session, session.execute(select(Device)).scalars().one())


def replay(captured: Path, rounds: int, profile: Path | None = None) -> None:
    bodies = [path.read_bytes() for path in sorted(captured.glob("push_*.json"))]
    counted: list[float] = []
    profiler = cProfile.Profile() if profile else None
    with pgcluster.throwaway_cluster(durable=True) as server_url:
        admin = psycopg.connect(sync._conninfo(server_url), autocommit=True)
        admin.execute("CREATE DATABASE pristine")
        _pg_tool("pg_restore", server_url, "-d", "pristine", given=(captured / DUMP).read_bytes())
        for number in range(rounds + 1):
            admin.execute(f"CREATE DATABASE round_{number} TEMPLATE pristine")
            engine = make_engine(database_url(server_url, f"round_{number}"))
            made = sessions(engine)
            device = _device(made)
            if number == 0:
                gc.freeze()  # as central.cli's serve does before it takes requests
            if profiler and number:
                profiler.enable()
            started = _cpu()
            answers = [
                push.push(made, device, protocol.PushRequest.model_validate_json(body)) for body in bodies
            ]
            used = _cpu() - started
            if profiler:
                profiler.disable()
            engine.dispose()
            statuses = Counter(
                result.status
                for answer in answers
                for result in protocol.PushResponse.model_validate_json(answer).results
            )
            print(f"round {number}: {used:.3f} CPU-s {dict(statuses)}{' (warm-up)' if number == 0 else ''}")
            if number:
                counted.append(used)
        admin.close()
    if profiler and profile:
        profiler.dump_stats(profile)
    print(f"central's CPU per push: median {statistics.median(counted):.3f} s, min {min(counted):.3f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.push_replay", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    taking = commands.add_parser("capture")
    taking.add_argument("dir", type=Path)
    taking.add_argument("--push", type=int, default=1000, help="encounters in the captured push")
    replaying = commands.add_parser("replay")
    replaying.add_argument("dir", type=Path)
    replaying.add_argument("--rounds", type=int, default=5, help="counted rounds (after one warm-up)")
    replaying.add_argument(
        "--profile", type=Path, help="write cProfile statistics of the counted rounds here"
    )
    args = parser.parse_args(argv)
    if args.command == "capture":
        capture(args.dir, args.push)
    else:
        replay(args.dir, args.rounds, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
