"""`make bench` stays runnable: a tiny run prints every measurement (the figures are not judged here)."""

from __future__ import annotations

from tests.cli.conftest import run

ROWS = [
    "SQLCipher vs unkeyed: ORM write",
    "SQLCipher vs unkeyed: ORM read",
    "SQLCipher vs unkeyed: full table scan",
    "Unlock vs bare Argon2id",
    "Save a whole bedside encounter",
    "Search by name",
    "Search by phone",
    "Search by IMEI",
    "Search by receipt no.",
    "Build one referral sheet PDF",
    "Push 2 encounters to central",
    "First sync of 3 encounters",
    # A table row after `make package`, a "not built" line before it: one line each way.
    "Frozen app start to the unlock window",
    "Frozen bundle size on disk",
]


def test_quick_benchmark_prints_every_row() -> None:
    sizes = ["--encounters", "1500", "--saves", "8", "--searches", "4"]
    # 2 and 3 encounters: the sync rows appear without the quick run's minutes of pushing.
    ran = run("--quick", *sizes, "--push", "2", "--first-sync", "3", module="benchmarks", timeout=120)
    assert ran.code == 0, ran.err
    assert ran.out.startswith("machine: ")
    for name in ROWS:
        assert sum(line.startswith(name) for line in ran.out.splitlines()) == 1, (name, ran.out)


def test_the_stall_benchmark_measures_every_phase() -> None:
    ran = run("stalls", "--encounters", "50", module="benchmarks", timeout=300)
    assert ran.code == 0, ran.err
    phases = [line.split()[0] for line in ran.out.splitlines()[1:]]
    assert phases[0] == "unlock" and phases.count("view:") >= 5, ran.out
    assert {"search", "open", "record"} <= set(phases), ran.out
    assert all(line.rstrip().endswith(("ok", "OVER")) for line in ran.out.splitlines()[1:]), ran.out
