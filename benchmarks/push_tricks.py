"""`python -m benchmarks.push_tricks`: what each speed trick in the push path is worth today.

Each variant takes one trick out (the laptop's in this process, central's in its server process) and
times `--runs` pushes of `--push` encounters against the same COPY baseline as benchmarks.sync (DESIGN.md
section 8). CPU time (laptop + central) is the figure to compare: on a shared machine it varies far less
than wall time. A trick whose removal costs under 5 % of the push is not worth its code (issue 14).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import sync
from burner_desk.services import sync as sync_service
from burner_desk.sync import protocol


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


@contextmanager
def _young_generation_only() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.set_threshold(sync_service.SYNC_YOUNG_GENERATION, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def _freeze_only() -> Iterator[None]:
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True)
class Variant:
    name: str
    laptop: Callable[[], AbstractContextManager[None]] = nullcontext  # applied around the timed pushes
    central: str = ""  # Python run in central's process before it serves


VARIANTS = [
    Variant("all tricks (as shipped)"),
    Variant(
        "laptop: no gc.freeze during a sync",
        laptop=lambda: _patched(sync_service, "_heap_set_aside", _young_generation_only),
    ),
    Variant(
        "laptop: default young generation (700) during a sync",
        laptop=lambda: _patched(sync_service, "_heap_set_aside", _freeze_only),
    ),
    Variant(
        "laptop: mutations encoded by the model, not spliced JSON",
        laptop=lambda: _patched(protocol, "encode_mutation", _model_encoded_mutation),
    ),
    Variant("central: no gc.freeze at serve", central="import gc; gc.freeze = lambda: None"),
    Variant(
        "central: default young generation (700)", central="import gc; gc.set_threshold = lambda *a: None"
    ),
    Variant(
        "central: applied answers encoded by the model, not hand-built JSON",
        central=(
            "from burner_desk.sync import protocol\n"
            "protocol.applied_result = lambda mutation_id, version: protocol.MutationResult("
            "mutation_id=mutation_id, status='applied', version=version).model_dump_json()"
        ),
    ),
    Variant(
        "central: COPY's shared time formatted by the driver for every row",
        central=(
            "from burner_desk.central import db\ndb._as_copy_text = lambda value: value\n"
            "db._last_remembered = lambda adapt: adapt"
        ),
    ),
]


def measure(variant: Variant, workdir: Path, pushed: int, runs: int) -> list[sync.PushRun]:
    with sync._bench_central(workdir, variant.central) as (server_url, central):
        desk = sync._laptop(workdir / "sync-desk", "bench.detective", central)
        try:
            with variant.laptop():
                return sync.push_runs(server_url, central, desk, pushed, runs, stock_for=pushed * runs)
        finally:
            desk.vault.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.push_tricks", description=__doc__)
    parser.add_argument("--push", type=int, default=1000, help="encounters in each timed push")
    parser.add_argument("--runs", type=int, default=sync.PUSH_RUNS, help="timed pushes per variant")
    parser.add_argument("--only", default="", help="variants whose name contains this text")
    args = parser.parse_args(argv)
    print(
        f"{'variant':68} {'wall s':>7} {'xCOPY':>6} {'laptop':>7} {'central':>7} {'CPU s':>6} {'CPU +%':>7}"
    )
    baseline: float | None = None
    for variant in VARIANTS:
        if args.only not in variant.name and variant is not VARIANTS[0]:
            continue
        with tempfile.TemporaryDirectory(prefix="burner-desk-tricks-") as tmp:
            pushes = measure(variant, Path(tmp), args.push, args.runs)
        laptop = statistics.median(run.laptop_cpu for run in pushes)
        central = statistics.median(run.central_cpu for run in pushes)
        cpu = statistics.median(run.laptop_cpu + run.central_cpu for run in pushes)
        baseline = cpu if baseline is None else baseline
        print(
            f"{variant.name:68} {statistics.median(run.wall for run in pushes):7.2f} "
            f"{statistics.median(run.ratio for run in pushes):6.2f} {laptop:7.2f} {central:7.2f} {cpu:6.2f} "
            f"{100 * (cpu / baseline - 1):+7.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
