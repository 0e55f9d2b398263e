"""`python -m benchmarks.first_sync`: a fresh laptop's first sync against a captured central, repeatable.

The first-sync budget's run (benchmarks.sync) records and pushes every encounter before it times one
first sync; this keeps central's database once and times first syncs onto it, with each side's CPU:

    python -m benchmarks.first_sync capture DIR [--encounters 2000]   # central's database, dumped
    python -m benchmarks.first_sync replay DIR [--rounds 3] [--profile OUT.prof]

`capture` runs the real server and a laptop as benchmarks.sync does (stock, then encounters recorded at
the bedside and pushed) and dumps central's database. `replay` restores the dump on a throwaway cluster,
starts the real server on it and times a fresh laptop's whole first sync per round: wall seconds, the
laptop process's CPU (all threads; and its calling thread's, which stores what the prefetching
thread fetched and parsed) and the server process's CPU. `--profile` profiles the laptop's side
of the last round (cProfile, the calling thread).
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psycopg

from benchmarks import caseload, sync
from benchmarks.push_replay import _pg_tool
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import Resource
from tools import pgcluster
from tools.pgcluster import database_url

DUMP = "central.dump"


def capture(out: Path, encounters: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="burner-desk-first-sync-") as tmp:
        workdir = Path(tmp)
        with sync._bench_central(workdir) as (server_url, central):
            desk = sync._laptop(workdir / "desk", "bench.detective", central)
            try:
                with desk.uow.begin(desk.actor) as tx:
                    tx.add(
                        Resource(
                            name="Alexandria treatment program", kind="treatment", jurisdiction="alexandria"
                        )
                    )
                stocked = caseload.stock(desk, encounters)
                sync._record(desk, range(encounters), caseload.Generator(), stocked)
                sync_service.sync_now(desk)
            finally:
                desk.vault.close()
            (out / DUMP).write_bytes(_pg_tool("pg_dump", server_url, "-Fc", "central"))
    print(f"central's database with {encounters:,} encounters in {out / DUMP}")


def replay(captured: Path, rounds: int, profile: Path | None) -> None:
    walls: list[float] = []
    with (
        tempfile.TemporaryDirectory(prefix="burner-desk-first-sync-") as tmp,
        sync._memory_keyring(),
        pgcluster.throwaway_cluster(durable=True) as server_url,
    ):
        workdir = Path(tmp)
        admin = psycopg.connect(sync._conninfo(server_url), autocommit=True)
        admin.execute("CREATE DATABASE pristine")
        _pg_tool("pg_restore", server_url, "-d", "pristine", given=(captured / DUMP).read_bytes())
        for number in range(rounds):
            name = f"round_{number}"
            admin.execute(f"CREATE DATABASE {name} TEMPLATE pristine")
            round_dir = workdir / name
            round_dir.mkdir()
            with sync._central(database_url(server_url, name), round_dir) as central:
                fresh = sync._laptop(round_dir / "fresh", "bench.station", central)
                profiler = cProfile.Profile() if profile is not None and number == rounds - 1 else None
                try:
                    started = (
                        time.perf_counter(),
                        time.process_time(),
                        time.thread_time(),
                        central.cpu_seconds(),
                    )
                    if profiler is not None:
                        profiler.enable()
                    report = sync_service.sync_now(fresh)
                    if profiler is not None:
                        profiler.disable()
                    ended = (
                        time.perf_counter(),
                        time.process_time(),
                        time.thread_time(),
                        central.cpu_seconds(),
                    )
                finally:
                    fresh.vault.close()
            wall, laptop, storing, server = (end - start for end, start in zip(ended, started, strict=True))
            assert report.from_snapshot, "a fresh laptop's first sync must come from the snapshot"
            print(
                f"round {number}: {wall:.2f} s wall, laptop CPU {laptop:.2f} s ({storing:.2f} s storing, the rest "
                f"fetching), central CPU {server:.2f} s, "
                f"{report.pulled:,} rows{' (profiled)' if profiler is not None else ''}",
                flush=True,
            )
            if profiler is None:
                walls.append(wall)
            else:
                profiler.dump_stats(profile)  # type: ignore[arg-type]  # set when profiling
        admin.close()
    if walls:
        print(f"first sync: median {statistics.median(walls):.2f} s, min {min(walls):.2f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_sync", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    taking = commands.add_parser("capture")
    taking.add_argument("dir", type=Path)
    taking.add_argument("--encounters", type=int, default=2000)
    replaying = commands.add_parser("replay")
    replaying.add_argument("dir", type=Path)
    replaying.add_argument("--rounds", type=int, default=3)
    replaying.add_argument("--profile", type=Path, help="cProfile of the laptop's side of the last round")
    args = parser.parse_args(argv)
    if args.command == "capture":
        capture(args.dir, args.encounters)
    else:
        replay(args.dir, args.rounds, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
