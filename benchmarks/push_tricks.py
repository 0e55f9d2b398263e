"""`python -m benchmarks.push_tricks`: what each speed trick in the push path is worth today.

Each variant takes one trick out (the laptop's in this process, central's in its server process) and
times `--runs` pushes of the same `--push` encounters (a copy of one laptop's vault and of central's
database each time, every variant in turn per run) against the same COPY baseline as benchmarks.sync
(DESIGN.md section 8). CPU time (laptop + central) is the figure to compare: on a shared machine it varies far less
than wall time. A trick whose removal costs under 5 % of the push is not worth its code (issue 14).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psycopg

from benchmarks import caseload, sync
from benchmarks.timing import BENCH_PASSPHRASE
from burner_desk.services import access
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import Resource
from burner_desk.sync import protocol
from tools import pgcluster
from tools.pgcluster import database_url


@contextmanager
def _patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    previous = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, previous)


def _model_encoded_mutation(
    mutation_id: str,
    entity: str,
    entity_id: str,
    op: str,
    base_version: int,
    changes_json: str,
    author_id: str,
    created_at: str,
) -> str:
    """protocol.encode_mutation without the hand-built JSON: the changes parsed, the model encoded."""
    return protocol.Mutation.model_validate_json(
        json.dumps(
            {
                "mutation_id": mutation_id,
                "entity": entity,
                "entity_id": entity_id,
                "op": op,
                "base_version": base_version,
                "changes": json.loads(changes_json),
                "author_id": author_id,
                "created_at": created_at,
            }
        )
    ).model_dump_json()


@dataclass(frozen=True)
class Variant:
    name: str
    laptop: Callable[[], AbstractContextManager[None]] = nullcontext  # applied around the timed pushes
    central: str = ""  # Python run in central's process before it serves


VARIANTS = [
    Variant("all tricks (as shipped)"),
    Variant(
        "laptop: no gc.freeze during a sync",
        laptop=lambda: _patched(sync_service, "_heap_set_aside", nullcontext),
    ),
    Variant(
        "laptop: mutations encoded by the model, not spliced JSON",
        laptop=lambda: _patched(protocol, "encode_mutation", _model_encoded_mutation),
    ),
    Variant("central: no gc.freeze at serve", central="import gc; gc.freeze = lambda: None"),
]


class _PushDone(Exception):
    """Raised from the progress report once the push is answered: the sync's pull is not timed here."""


@dataclass
class _Timing:
    started: tuple[float, float, float]
    pushed: tuple[float, float, float] | None = None


def measure(variants: list[Variant], workdir: Path, pushed: int, runs: int) -> dict[str, list[sync.PushRun]]:
    """One laptop records `pushed` encounters once; each run restores that laptop (a copy of its vault)
    and central's database (a copy of its template) and pushes them again, every variant in turn per
    run, so that all of them meet the same load. Each push is followed by a COPY of the rows it stored."""
    results: dict[str, list[sync.PushRun]] = {variant.name: [] for variant in variants}
    with sync._memory_keyring(), pgcluster.throwaway_cluster(durable=True) as server_url:
        admin = psycopg.connect(sync._conninfo(server_url), autocommit=True)
        admin.execute("CREATE DATABASE template_central")
        admin.execute("CREATE DATABASE baseline")
        with sync._central(database_url(server_url, "template_central"), workdir) as central:
            desk = sync._laptop(workdir / "desk", "bench.detective", central)
            try:
                _record_unpushed(desk, pushed)
            finally:
                desk.vault.close()
            stock_end = central.feed_end()
        for run in range(runs):
            for number, variant in enumerate(variants):
                name = f"central_{run}_{number}"
                admin.execute(f"CREATE DATABASE {name} TEMPLATE template_central")
                laptop_dir = workdir / name
                shutil.copytree(workdir / "desk", laptop_dir)
                with sync._central(database_url(server_url, name), workdir, variant.central) as central:
                    push = _timed_push(laptop_dir, central, variant)
                    rows = central.changes_after(stock_end)
                admin.execute(f"DROP DATABASE {name}")
                shutil.rmtree(laptop_dir)
                copy = sync._copy(database_url(server_url, "baseline"), rows, name)
                results[variant.name].append(replace(push, copy=copy, mutations=len(rows)))
                caseload._log(
                    f"run {run + 1}, {variant.name}: {push.wall:.2f} s, CPU laptop {push.laptop_cpu:.2f} s, "
                    f"central {push.central_cpu:.2f} s; COPY {copy:.3f} s"
                )
        admin.close()
    return results


def _record_unpushed(desk: access.SignedIn, pushed: int) -> None:
    with desk.uow.begin(desk.actor) as tx:
        tx.add(Resource(name="Alexandria treatment program", kind="treatment", jurisdiction="alexandria"))
    caseload._log(f"stocking {pushed:,} burner phones and recovery bags")
    stocked = caseload.stock(desk, pushed)
    sync_service.sync_now(desk)  # the stock goes up untimed: the timed pushes carry encounters alone
    caseload._log(f"recording {pushed:,} encounters")
    sync._record(desk, range(pushed), caseload.Generator(), stocked)


def _timed_push(laptop_dir: Path, central: sync.Central, variant: Variant) -> sync.PushRun:
    """One sync of the restored laptop, timed to central's answer to its last push batch; the sync is cut
    off there (its audit push and pull are not part of the push)."""
    desk = access.sign_in(laptop_dir, "bench.detective", BENCH_PASSPHRASE)
    try:
        with desk.uow.begin() as tx:
            tx.sync.put_state(sync_service.SERVER_URL, central.url)
        timing = _Timing((time.perf_counter(), time.process_time(), central.cpu_seconds()))

        def progress(step: sync_service.SyncProgress) -> None:
            now = (time.perf_counter(), time.process_time(), central.cpu_seconds())
            if step.phase != "push":
                raise _PushDone
            timing.pushed = now

        with variant.laptop(), suppress(_PushDone):
            sync_service.sync_now(desk, progress=progress)
        assert timing.pushed is not None
        wall, laptop_cpu, central_cpu = (
            end - start for end, start in zip(timing.pushed, timing.started, strict=True)
        )
        return sync.PushRun(wall, laptop_cpu, central_cpu, copy=0.0, mutations=0)  # both filled in by measure
    finally:
        desk.vault.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.push_tricks", description=__doc__)
    parser.add_argument("--push", type=int, default=1000, help="encounters in each timed push")
    parser.add_argument("--runs", type=int, default=sync.PUSH_RUNS, help="timed pushes per variant")
    parser.add_argument(
        "--only", default="", help="variants whose name contains this text (and the baseline)"
    )
    args = parser.parse_args(argv)
    variants = [VARIANTS[0], *(v for v in VARIANTS[1:] if args.only in v.name)]
    with tempfile.TemporaryDirectory(prefix="burner-desk-tricks-") as tmp:
        results = measure(variants, Path(tmp), args.push, args.runs)
    print(f"push of {args.push:,} encounters, median of {args.runs}; CPU = laptop + central process")
    print(
        f"{'variant':68} {'wall s':>7} {'xCOPY':>6} {'laptop':>7} {'central':>7} {'CPU s':>6} {'CPU +%':>7}"
    )
    baseline = statistics.median(run.laptop_cpu + run.central_cpu for run in results[VARIANTS[0].name])
    for variant in variants:
        pushes = results[variant.name]
        cpu = statistics.median(run.laptop_cpu + run.central_cpu for run in pushes)
        print(
            f"{variant.name:68} {statistics.median(run.wall for run in pushes):7.2f} "
            f"{statistics.median(run.ratio for run in pushes):6.2f} "
            f"{statistics.median(run.laptop_cpu for run in pushes):7.2f} "
            f"{statistics.median(run.central_cpu for run in pushes):7.2f} {cpu:6.2f} {100 * (cpu / baseline - 1):+7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
