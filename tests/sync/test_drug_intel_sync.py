"""A detective's drug-intelligence report goes to central and down to another police laptop unchanged;
the treatment program's laptop never receives it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from burner_desk.central import models
from burner_desk.domain.people import Role
from burner_desk.services import access, bedside, drug_intel, users
from burner_desk.services.drug_intel import DrugIntelInput
from burner_desk.storage.outbox import wire_fields
from tests.conftest import TEST_KDF
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


def test_a_correction_and_a_withdrawal_reach_the_other_police_laptops(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    desk, other = laptops[0], laptops[1]
    stock(desk.signed_in)
    detective = users.add_user(
        desk.signed_in,
        users.NewUserInput(
            "jordan.lee", "Jordan Lee (sample)", Role.DETECTIVE, "", "", "Sample pass 2 phrase"
        ),
        kdf=TEST_KDF,
    ).as_actor(desk.signed_in.actor.device_id)
    desk.enroll(live_central)
    other.enroll(live_central)
    uow = desk.signed_in.uow
    case = bedside.record_encounter(uow, detective, resident(), NOW)
    logged = drug_intel.log_report(uow, detective, case.encounter_id, M30, NOW)
    wrong = drug_intel.log_report(uow, detective, case.encounter_id, DrugIntelInput("Xylazine"), NOW)
    desk.sync()
    other.sync()
    assert len(_reports(other)) == 2

    drug_intel.correct_report(uow, detective, logged.id, replace(M30, stamp="M-30"))
    drug_intel.withdraw_report(uow, detective, wrong.id, NOW)
    assert desk.sync().conflicts == 0
    other.sync()

    with live_central.db() as session:
        corrected = session.get(models.Record, ("drug_intel_report", logged.id))
        withdrawn = session.get(models.Record, ("drug_intel_report", wrong.id))
        assert corrected is not None and corrected.fields["stamp"] == "M-30"
        assert withdrawn is not None and withdrawn.fields["deleted_at"] is not None
    assert _reports(other) == _reports(desk)
    assert [r["stamp"] for r in _reports(other)] == ["M-30"]
    seen = drug_intel.recent(other.signed_in.uow, other.signed_in.actor, NOW)
    assert [(g.substance, g.stamp, g.count) for g in seen] == [("Fentanyl", "M-30", 1)]
