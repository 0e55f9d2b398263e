"""A year of the program's figures (services.program) on a vault at field scale: budget 200 ms.

The big vault of benchmarks.caseload holds encounters with their survivors, phones and follow-ups; the
figures also read consents, contact attempts, home visits, recovery bags with their naloxone and handouts
given, which caseload.seed bulk-inserts here for every encounter (Core executemany, seed_program_records),
with the mix a program would have: most survivors reached, some in treatment, some declining consent.

`python -m benchmarks program [--encounters N]` measures it alone on a vault of its own; `make bench` measures
it on the caseload vault (benchmarks.caseload calls `run_on`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
from keyring.backends import fail
from sqlalchemy import Engine, insert, select, update

from benchmarks import caseload
from benchmarks.timing import Row, bench_setup, ms, p50
from burner_desk.domain.ids import new_id
from burner_desk.domain.metrics import Period
from burner_desk.services import access, program
from burner_desk.storage.engine import checkpoint
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.models import (
    BagItem,
    Consent,
    ContactAttempt,
    Encounter,
    FollowUp,
    Handout,
    HandoutGiven,
    HomeVisit,
    RecoveryBag,
    User,
)

BUDGET = 0.200
RECENT = datetime.now(UTC) - timedelta(days=30)  # caseload.NOW, as good as
RUNS = 7
CHUNK = 5000
SCOPES = (
    ["contact_info", "treatment_outcome"],
    ["contact_info", "treatment_outcome", "family_contact"],
    ["contact_info"],
    [],  # declined
)


def seed_program_records(engine: Engine) -> None:
    """Consents, attempts, visits, bags and handouts for every encounter already in the vault."""
    caseload._log("seeding consents, attempts, visits, bags and handouts")
    social_worker, family_handout = new_id(), new_id()
    with engine.begin() as conn:
        conn.execute(
            insert(User),
            [
                {
                    "id": social_worker,
                    "name": "bench.social",
                    "display_name": "bench.social",
                    "role": "social_worker",
                }
            ],
        )
        conn.execute(
            insert(Handout),
            [
                {
                    "id": family_handout,
                    "code": "family_how_to_help",
                    "title": "How to help",
                    "audience": "family",
                    "language": "es",
                }
            ],
        )
        cases = conn.execute(
            select(Encounter.id, Encounter.person_id, Encounter.started_at, FollowUp.id).join(
                FollowUp, FollowUp.encounter_id == Encounter.id
            )
        ).all()
    for start in range(0, len(cases), CHUNK):
        rows: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("consent", "attempt", "visit", "bag", "item", "handout")
        }
        states: dict[str, list[Any]] = {"reached": [], "engaged": [], "open": [], "unreachable": []}
        for index in range(start, min(start + CHUNK, len(cases))):
            _one_case(index, cases[index], social_worker, family_handout, rows, states)
        with engine.begin() as conn:
            conn.execute(insert(Consent), rows["consent"])
            conn.execute(insert(ContactAttempt), rows["attempt"])
            conn.execute(insert(HomeVisit), rows["visit"])
            conn.execute(insert(RecoveryBag), rows["bag"])
            conn.execute(insert(BagItem), rows["item"])
            conn.execute(insert(HandoutGiven), rows["handout"])
            for state, ids in states.items():
                if ids:
                    conn.execute(update(FollowUp).where(FollowUp.id.in_(ids)).values(state=state))
        caseload._log(f"program records for {min(start + CHUNK, len(cases)):,} / {len(cases):,} encounters")
    checkpoint(engine)


def _one_case(
    index: int,
    case: Sequence[Any],
    social_worker: Any,
    family_handout: Any,
    rows: dict[str, list[dict[str, Any]]],
    states: dict[str, list[Any]],
) -> None:
    encounter_id, person_id, started_at, follow_up_id = case
    scopes = SCOPES[index % len(SCOPES)]
    rows["consent"].append(
        {
            "person_id": person_id,
            "encounter_id": encounter_id,
            "discloser": "Bench PD",
            "recipient": "Bench program",
            "scopes": scopes,
            "purpose": "Referral",
            "expires_on": date(2040, 1, 1) if scopes else None,
            "signed_how": "on_paper" if scopes else "declined",
        }
    )
    # A first try that reaches nobody, then (most of the time) one that reaches them within a few days.
    rows["attempt"].append(
        _attempt(follow_up_id, started_at + timedelta(hours=6), "phone", "no_answer", social_worker)
    )
    if index % 7:
        channel = "survivor_called_in" if index % 5 == 0 else "phone"
        reached_after = timedelta(hours=10 + (index * 13) % 60)
        rows["attempt"].append(
            _attempt(follow_up_id, started_at + reached_after, channel, "reached", social_worker)
        )
        states["reached"].append(follow_up_id)
        if index % 4 == 0:
            at = started_at + reached_after + timedelta(days=3)
            rows["attempt"].append(_attempt(follow_up_id, at, "phone", "entered_treatment", social_worker))
            states["engaged"].append(follow_up_id)
            states["reached"].pop()
    elif started_at > RECENT:  # nobody reached yet; older ones were closed as unreachable long ago
        states["open"].append(follow_up_id)
    else:
        states["unreachable"].append(follow_up_id)
    if index % 10 == 0:
        done = started_at + timedelta(hours=30)
        rows["visit"].append(
            {
                "follow_up_id": follow_up_id,
                "scheduled_for": done,
                "done_at": done,
                "created_by": social_worker,
            }
        )
    bag_id = new_id()
    rows["bag"].append(
        {
            "id": bag_id,
            "label": f"RB-{index:07d}",
            "status": "issued",
            "encounter_id": encounter_id,
            "issued_at": started_at,
        }
    )
    rows["item"].append(
        {"bag_id": bag_id, "kind": "naloxone", "quantity": 2, "lot": "LOT-1", "expires_on": date(2040, 1, 1)}
    )
    if index % 4 == 0:
        rows["handout"].append({"encounter_id": encounter_id, "handout_id": family_handout, "quantity": 1})


def _attempt(follow_up_id: Any, at: datetime, channel: str, outcome: str, by: Any) -> dict[str, Any]:
    return {"follow_up_id": follow_up_id, "at": at, "by_user_id": by, "channel": channel, "outcome": outcome}


def run_on(signed_in: access.SignedIn, encounters: int) -> Row:
    """Time a year of figures on a vault seeded with `encounters` (caseload.seed, which calls
    seed_program_records)."""
    now = datetime.now(UTC)
    year = Period(now.date() - timedelta(days=364), now.date())
    uow, actor = signed_in.uow, signed_in.actor
    engine = signed_in.vault.engine
    times, cpu, baseline = [], [], []
    for _ in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        figures = program.figures(uow, actor, year, now)
        times.append(time.perf_counter() - started)
        cpu.append(
            time.process_time() - cpu_started
        )  # this process's own work: a shared machine's load aside
        started = time.perf_counter()
        with engine.connect() as conn:  # the bare scan of the year's encounters the figures start from
            conn.execute(
                select(Encounter.id).where(  # live ones, as the figures: through the start-time index
                    Encounter.started_at >= year.starts_at,
                    Encounter.started_at < year.ends_at,
                    Encounter.deleted_at.is_(None),
                )
            ).all()
        baseline.append(time.perf_counter() - started)
    caseload._log(f"a year's figures: {figures.survivors.total:,} survivors met, p50 {ms(p50(times))}")
    return Row(
        f"A year of program figures ({figures.survivors.total:,} met; {encounters:,} in vault)",
        f"p50 {ms(p50(times))}, max {ms(max(times))} (CPU p50 {ms(p50(cpu))})",
        f"p50 {ms(p50(baseline))} (the year's encounter ids)",
        p50(times) / p50(baseline),
        f"max <= {BUDGET * 1000:.0f} ms",
        max(times) <= BUDGET,
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks program", description=__doc__)
    parser.add_argument("--encounters", type=int, default=100_000)
    args = parser.parse_args(argv)
    keyring.set_keyring(fail.Keyring())  # bench vaults leave nothing in the real OS keyring
    with tempfile.TemporaryDirectory(prefix="burner-desk-bench-") as tmp:
        setup = bench_setup("bench.supervisor")
        signed_in = access.first_run_setup(Path(tmp) / "vault", setup, kdf=KdfParams(time_cost=1))
        try:
            caseload.seed(signed_in, args.encounters, caseload.Generator())
            row = run_on(signed_in, args.encounters)
        finally:
            signed_in.vault.close()
    print(" | ".join(row.cells()))
    return 0 if row.within else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
