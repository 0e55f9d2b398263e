"""A detective's drug-intelligence report goes to central and down to another police laptop unchanged;
the treatment program's laptop never receives it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from burner_desk.central import models
from burner_desk.services import access, bedside, drug_intel
from burner_desk.storage.outbox import wire_fields
from tests.services.conftest import NOW, resident, stock
from tests.services.test_drug_intel import M30
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker, new_laptop


@pytest.fixture
def social(live_central: LiveCentral, tmp_path: Path) -> Iterator[Laptop]:
    """The treatment program's laptop, a social worker signed in."""
    laptop = new_laptop(tmp_path / "social", "social-worker-laptop")
    worker = add_social_worker(laptop)
    laptop.enroll(live_central, treatment_program=True)
    laptop.signed_in.vault.close()
    laptop.signed_in = access.sign_in(tmp_path / "social", worker.user_name, "Cedar-Orchard-0102")
    yield laptop
    laptop.signed_in.vault.close()


def _reports(laptop: Laptop) -> list[dict[str, object]]:
    with laptop.signed_in.uow.begin() as tx:
        rows = tx.drug_intel.since(NOW.replace(year=2000))
        return [wire_fields(row) | {"version": 0, "updated_at": None} for row in rows]


def test_a_report_reaches_police_laptops_and_never_the_program(
    live_central: LiveCentral, laptops: list[Laptop], social: Laptop
) -> None:
    desk, other = laptops[0], laptops[1]
    stock(desk.signed_in)
    desk.enroll(live_central)
    case = bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, resident(), NOW)
    logged = drug_intel.log_report(desk.signed_in.uow, desk.signed_in.actor, case.encounter_id, M30, NOW)

    assert desk.sync().conflicts == 0
    other.enroll(live_central)
    other.sync()
    social.sync()

    with live_central.db() as session:
        held = session.get(models.Record, ("drug_intel_report", logged.id))
        assert held is not None and held.fields["stamp"] == "M30"
    assert _reports(other) == _reports(desk) != []
    with social.signed_in.uow.begin() as tx:
        counts = tx.live_counts()
    assert counts["drug_intel_report"] == 0
    assert counts["incident"] == 1  # the case itself did arrive
