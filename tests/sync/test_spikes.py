"""Spike alerts across desks: incidents one desk records raise the alert on another after a sync, and
thresholds, acknowledgements and the checklist travel through central."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from burner_desk.domain.spikes import DAY, ResponseStep, Rule
from burner_desk.services import spikes
from burner_desk.storage.models import Incident
from tests.sync.conftest import Laptop, LiveCentral

NOW = datetime.now(UTC).replace(microsecond=0)  # central stamps real times: the desks' clock is real too
OLD_TOWN_SPOT = (38.805, -77.045)


def _record_incidents(laptop: Laptop, *ago: timedelta) -> None:
    with laptop.signed_in.uow.begin(laptop.signed_in.actor) as tx:
        for moment in ago:
            tx.add(
                Incident(
                    occurred_at=NOW - moment,
                    address="1 Sample St (sample)",
                    latitude=38.805,
                    longitude=-77.045,
                )
            )


def test_an_alert_reaches_another_desk_and_its_acknowledgement_comes_back(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    first.enroll(live_central)
    second.enroll(live_central)
    _record_incidents(first, 30 * DAY, timedelta(hours=1), timedelta(hours=5), timedelta(hours=9))
    spikes.set_thresholds(first.signed_in.uow, first.signed_in.actor, {"old-town": 3})
    assert spikes.board(second.signed_in.uow, NOW).alerts == ()

    first.sync()
    second.sync()

    (alert,) = spikes.board(second.signed_in.uow, NOW).alerts
    assert alert.status.area == "old-town" and alert.status.incidents == 3
    assert alert.status.rules == (Rule.THRESHOLD, Rule.BASELINE) and not alert.acknowledged
    assert spikes.thresholds(second.signed_in.uow) == {"old-town": 3}

    ack = spikes.acknowledge(
        second.signed_in.uow, second.signed_in.actor, "old-town", "Outreach van sent.", NOW
    )
    spikes.tick(second.signed_in.uow, second.signed_in.actor, ack.id, ResponseStep.NALOXONE_OUTREACH, True)
    second.sync()
    first.sync()

    (seen,) = spikes.board(first.signed_in.uow, NOW).alerts
    assert seen.acknowledged and seen.checklist is not None
    assert (seen.checklist.id, seen.checklist.note) == (ack.id, "Outreach van sent.")
    assert seen.checklist.acknowledged_by == ack.acknowledged_by
    assert seen.checklist.steps_done == {ResponseStep.NALOXONE_OUTREACH}

    # Two desks ticking different steps before they sync: both ticks stand, no conflict
    spikes.tick(first.signed_in.uow, first.signed_in.actor, ack.id, ResponseStep.PUBLIC_ALERT, True)
    spikes.tick(second.signed_in.uow, second.signed_in.actor, ack.id, ResponseStep.DETECTIVES_BRIEFED, True)
    for laptop in (first, second, first):
        laptop.sync()
    for laptop in (first, second):
        with laptop.signed_in.uow.begin() as tx:
            assert {conflict.entity for conflict in tx.sync.open_conflicts()} <= {"user"}
    both = {ResponseStep.NALOXONE_OUTREACH, ResponseStep.PUBLIC_ALERT, ResponseStep.DETECTIVES_BRIEFED}
    for laptop in (first, second):
        (alert,) = spikes.board(laptop.signed_in.uow, NOW).alerts
        assert alert.checklist is not None and alert.checklist.steps_done == both


def test_two_desks_setting_one_areas_threshold_hold_one_record(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    for laptop in (first, second):
        laptop.enroll(live_central)
        spikes.set_thresholds(laptop.signed_in.uow, laptop.signed_in.actor, {"del-ray": 4})
    for laptop in (first, second, first):
        laptop.sync()
    for laptop in (first, second):
        with laptop.signed_in.uow.begin() as tx:
            assert [(row.area, row.incidents) for row in tx.spikes.thresholds()] == [("del-ray", 4)]
            # the desks' supervisors share a sign-in name (the fixture's): that is the only conflict
            assert {conflict.entity for conflict in tx.sync.open_conflicts()} <= {"user"}
