"""Today's one read: the calls to make, recent encounters, inventory warnings, changes waiting to sync."""

from __future__ import annotations

from datetime import date, timedelta

from burner_desk.domain.followup import FollowUpState
from burner_desk.services import bedside, inventory, settings, today
from tests.services.conftest import NOW, Program, resident


def test_today_lists_the_follow_up_recent_encounter_and_is_audited(program: Program) -> None:
    saved = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    view = today.load(program.uow, program.actor, NOW)

    (due,) = view.calls
    assert (due.person_name, due.follow_up.state, due.follow_up.due_at, due.burner_number) == (
        "Avery Quinlan (sample)",
        FollowUpState.OPEN,
        NOW + timedelta(hours=48),
        "(703) 555-0161",
    )
    assert due.encounter_id == saved.encounter_id
    assert [case.encounter_id for case in view.recent] == [saved.encounter_id]
    assert view.encounters == 1
    assert view.phones_in_stock == 1
    assert view.outbox_pending == len(program.outbox())
    assert program.audit()[-1] == ("today.view", "follow_up", "ok")


def test_phones_below_the_vault_threshold_are_a_warning(program: Program) -> None:
    warnings = today.load(program.uow, program.actor, NOW).inventory_warnings
    assert today.PhonesLow(in_stock=2, threshold=5) in warnings

    with program.uow.begin(program.actor) as tx:
        tx.settings.put(settings.STOCK_THRESHOLD_PHONES, "2")
    warnings = today.load(program.uow, program.actor, NOW).inventory_warnings
    assert not any(isinstance(warning, today.PhonesLow) for warning in warnings)


def test_naloxone_expiring_within_30_days_and_bags_without_usable_naloxone(program: Program) -> None:
    expiry = date(2026, 1, 31)  # the program fixture's naloxone lot
    far = today.load(program.uow, program.actor, NOW).inventory_warnings
    assert not any(isinstance(warning, today.NaloxoneExpiring) for warning in far)

    month_before = NOW.replace(year=2026, month=1, day=2)
    soon = today.load(program.uow, program.actor, month_before).inventory_warnings
    assert today.NaloxoneExpiring("LOT-7", "RB-01", expiry, expired=False) in soon
    assert not any(isinstance(warning, today.BagIncomplete) for warning in soon)

    after = today.load(program.uow, program.actor, NOW.replace(year=2026, month=2)).inventory_warnings
    assert today.NaloxoneExpiring("LOT-7", "RB-02", expiry, expired=True) in after
    assert today.BagIncomplete("RB-02", no_usable_naloxone=True, no_disposal_bags=False) in after


def test_a_bag_packed_without_disposal_bags_is_not_fully_stocked(program: Program) -> None:
    inventory.assemble_recovery_bag(
        program.uow,
        program.actor,
        inventory.RecoveryBagInput(
            "RB-09", (inventory.NaloxoneKit("LOT-8", date(2027, 1, 1)),), disposal_bags=0
        ),
        NOW,
    )
    warnings = today.load(program.uow, program.actor, NOW).inventory_warnings
    assert today.BagIncomplete("RB-09", no_usable_naloxone=False, no_disposal_bags=True) in warnings


def test_a_bag_whose_naloxone_expired_and_without_disposal_bags_misses_both(program: Program) -> None:
    kit = inventory.NaloxoneKit("LOT-9", date(2026, 3, 31))
    inventory.assemble_recovery_bag(
        program.uow, program.actor, inventory.RecoveryBagInput("RB-10", (kit,), disposal_bags=0), NOW
    )
    later = NOW.replace(year=2026, month=4, day=1)
    warnings = today.load(program.uow, program.actor, later).inventory_warnings
    incomplete = [warning for warning in warnings if isinstance(warning, today.BagIncomplete)]
    assert today.BagIncomplete("RB-10", no_usable_naloxone=True, no_disposal_bags=True) in incomplete
    assert [bag.bag_label for bag in incomplete] == sorted(bag.bag_label for bag in incomplete)  # by label
