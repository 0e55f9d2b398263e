"""`python -m benchmarks cipher-options`: what each SQLCipher setting that keeps AES-256 and a page HMAC does
to a full table scan (issue 17: scans <= 1.5x the same SQLite build unkeyed).

Every option scans the same rows (the `table_scans` row's table; at 60,000 rows its pages outgrow the 8 MB
page cache of this sqlcipher3 build, so every pass decrypts every page again; at 40,000 they still fit) and is compared with the same build unkeyed at the same page size, so the
ratio is what the cipher costs and not what the page size saves. CPU time of the process, not wall time:
on a shared machine the wall clock mostly measures the neighbours. The engines take turns, scan after scan.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, insert
from sqlalchemy.pool import NullPool

from benchmarks.engines import scanned_people
from benchmarks.timing import Row, table
from burner_desk.storage.engine import CONNECTION_PRAGMAS
from burner_desk.storage.models import Base, Person

KEY_HEX = "2d" * 32  # a throwaway key: these files hold invented rows and are deleted at the end
SCAN = "SELECT count(*) FROM person WHERE address LIKE '%7 King%'"  # no index can answer it

# name -> (page size, HMAC algorithm or None for the unkeyed baseline at that page size)
OPTIONS: dict[str, tuple[int, str | None]] = {
    "unkeyed, 4 KiB pages": (4096, None),
    "unkeyed, 8 KiB pages": (8192, None),
    "unkeyed, 16 KiB pages": (16384, None),
    "HMAC-SHA512, 4 KiB pages (cipher_compatibility 4)": (4096, "HMAC_SHA512"),
    "HMAC-SHA256, 4 KiB pages": (4096, "HMAC_SHA256"),
    "HMAC-SHA512, 8 KiB pages": (8192, "HMAC_SHA512"),
    "HMAC-SHA256, 8 KiB pages": (8192, "HMAC_SHA256"),
    "HMAC-SHA512, 16 KiB pages": (16384, "HMAC_SHA512"),
    "HMAC-SHA256, 16 KiB pages": (16384, "HMAC_SHA256"),
}


def connect(path: Path, page_size: int, hmac: str | None) -> Any:
    conn = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
    if hmac is None:
        conn.execute(f"PRAGMA page_size = {page_size}")
    else:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{KEY_HEX}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")  # AES-256-CBC; then only these two change
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
        conn.execute(f"PRAGMA cipher_page_size = {page_size}")
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def fill(path: Path, page_size: int, hmac: str | None, rows: list[dict[str, Any]]) -> None:
    def throwaway() -> Any:
        conn = connect(path, page_size, hmac)
        conn.execute("PRAGMA synchronous = OFF")  # invented rows in a scratch file: no fsync to wait for
        return conn

    engine = create_engine("sqlite://", creator=throwaway, module=sqlcipher3.dbapi2, poolclass=NullPool)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(Person), rows)
    engine.dispose()
    conn = throwaway()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.close()


def scan_cpu_seconds(path: Path, page_size: int, hmac: str | None, passes: int) -> list[float]:
    """A fresh connection (empty page cache), then `passes` scans; each pass misses the cache again."""
    conn = connect(path, page_size, hmac)
    samples = []
    for _ in range(passes):
        started = time.process_time()
        conn.execute(SCAN).fetchone()
        samples.append(time.process_time() - started)
    conn.close()
    return samples


def run(workdir: Path, people: int, repeats: int) -> list[Row]:
    rows = scanned_people(people)
    paths = {name: workdir / f"option-{number}.db" for number, name in enumerate(OPTIONS)}
    for name, (page_size, hmac) in OPTIONS.items():
        fill(paths[name], page_size, hmac, rows)
    samples: dict[str, list[float]] = {name: [] for name in OPTIONS}
    for _ in range(repeats):
        for name, (page_size, hmac) in OPTIONS.items():
            samples[name] += scan_cpu_seconds(paths[name], page_size, hmac, passes=3)
    cpu = {name: statistics.median(times) for name, times in samples.items()}
    size_mb = paths["unkeyed, 4 KiB pages"].stat().st_size / 1e6
    result = []
    for name, (page_size, hmac) in OPTIONS.items():
        if hmac is None:
            continue
        baseline_name = f"unkeyed, {page_size // 1024} KiB pages"
        ratio = cpu[name] / cpu[baseline_name]
        result.append(
            Row(
                f"scan CPU, {name} ({people:,} rows, {size_mb:.0f} MB)",
                f"{cpu[name] * 1000:.1f} ms",
                f"{cpu[baseline_name] * 1000:.1f} ms ({baseline_name})",
                ratio,
                "<= 1.5x",
                ratio <= 1.5,
            )
        )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks cipher-options", description=__doc__)
    parser.add_argument("--scan-rows", type=int, default=60_000, help="rows in the scanned table (15 MB)")
    parser.add_argument("--repeats", type=int, default=11, help="fresh connections per option (3 scans each)")
    args = parser.parse_args(argv)
    probe = connect(Path(":memory:"), 4096, "HMAC_SHA512")
    build = [
        probe.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("cipher_version", "cipher_provider_version")
    ]
    probe.close()
    print(f"SQLCipher {build[0]} on {build[1]}, SQLite {sqlcipher3.dbapi2.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="burner-desk-cipher-") as tmp:
        print(table(run(Path(tmp), args.scan_rows, args.repeats)))
    return 0
