"""`python -m benchmarks` (`make bench`): the performance budgets of DESIGN.md section 8 for the vault.

Every figure is compared with a baseline measured in this same run. Nothing is cached between runs: the
vaults live in a temporary directory that is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import keyring
import sqlcipher3
from keyring.backends import fail

from benchmarks import (
    bedside,
    caseload,
    cipher_options,
    engines,
    frozen,
    printouts,
    program,
    stalls,
    sync,
    ui,
)
from benchmarks.timing import Row, table


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(argv if argv is not None else sys.argv[1:])
    if arguments[:1] == ["bedside"]:
        return bedside.run()  # interactions, not timings: `python -m benchmarks bedside`
    if arguments[:1] == ["stalls"]:
        return stalls.run(arguments[1:])  # the UI thread's longest stall: `python -m benchmarks stalls`
    if arguments[:1] == ["cipher-options"]:
        return cipher_options.main(arguments[1:])  # scan cost per SQLCipher setting: issue 17
    if arguments[:1] == ["program"]:
        return program.main(arguments[1:])  # the figures alone: `python -m benchmarks program`
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--encounters", type=int, default=100_000, help="encounters in the big vault")
    parser.add_argument("--saves", type=int, default=200, help="timed encounter saves")
    parser.add_argument("--searches", type=int, default=100, help="timed searches of each kind")
    parser.add_argument("--transactions", type=int, default=1000, help="ORM workload size per engine")
    parser.add_argument(
        "--scan-rows",
        type=int,
        default=60_000,
        help="rows in the scanned table (15 MB; the page cache holds 8 MB: fewer rows fit in it)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of the ORM workload and unlock pairs")
    parser.add_argument("--sheets", type=int, default=50, help="timed referral sheet builds")
    parser.add_argument("--push", type=int, default=1000, help="encounters in the timed push to central")
    parser.add_argument("--push-runs", type=int, default=sync.PUSH_RUNS, help="timed pushes (median counts)")
    parser.add_argument("--first-sync", type=int, default=10_000, help="encounters in a first sync")
    parser.add_argument("--quick", action="store_true", help="a small smoke run (5,000 encounters)")
    if parser.parse_args(argv).quick:  # smaller defaults; options given explicitly still win
        # scan_rows stays: a smaller table fits in the 8 MB page cache and its scan decrypts nothing.
        parser.set_defaults(
            encounters=5000,
            saves=20,
            searches=10,
            transactions=100,
            repeats=1,
            sheets=10,
            push=200,
            first_sync=1000,
        )
    args = parser.parse_args(argv)

    # Bench vaults must not leave device secrets in the real OS keyring: passphrase-only slots.
    keyring.set_keyring(fail.Keyring())
    load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs{load}, Python {platform.python_version()}")
    print(f"sqlite3 {sqlite3.sqlite_version}, SQLCipher's SQLite {sqlcipher3.dbapi2.sqlite_version}")
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="burner-desk-bench-") as tmp:
        workdir = Path(tmp)
        print("SQLCipher vs the same SQLite unkeyed ...", file=sys.stderr, flush=True)
        rows += engines.sqlcipher_vs_sqlite(workdir, args.transactions, args.repeats)
        rows.append(engines.table_scans(workdir, args.scan_rows, max(3, args.repeats * 2)))
        print("unlock vs Argon2id ...", file=sys.stderr, flush=True)
        rows.append(engines.unlock_vs_argon2(workdir, max(3, args.repeats * 2)))
        print("cold start vs a bare PySide6 window ...", file=sys.stderr, flush=True)
        rows.append(ui.cold_start(workdir, max(3, args.repeats * 2)))
        print(f"vault with {args.encounters:,} encounters ...", file=sys.stderr, flush=True)
        rows += caseload.run(workdir, args.encounters, args.saves, args.searches)
        print("referral sheet PDF ...", file=sys.stderr, flush=True)
        rows.append(printouts.referral_sheet(args.sheets))
        print("sync with central on PostgreSQL ...", file=sys.stderr, flush=True)
        rows += sync.run(workdir, args.push, args.first_sync, args.push_runs)
        print("frozen app vs from source ...", file=sys.stderr, flush=True)
        frozen_rows, not_built = frozen.run(workdir, max(3, args.repeats * 2))
        rows += frozen_rows
    print(table(rows))
    for line in not_built:
        print(line)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
