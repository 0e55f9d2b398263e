"""Spike alerts on a real vault (services.spikes): the board, acknowledging, the checklist, thresholds,
the public alert."""

from __future__ import annotations

from datetime import timedelta

import pytest

from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.ids import spike_threshold_id
from burner_desk.domain.people import Actor, Role
from burner_desk.domain.spikes import DAY, UNKNOWN_AREA, ResponseStep, Rule
from burner_desk.services import bedside, drug_intel, spikes, users
from burner_desk.services.printouts import Destination
from burner_desk.storage.models import Incident
from tests.conftest import TEST_KDF
from tests.printing.conftest import text_of
from tests.services.conftest import NOW, Program, resident

OLD_TOWN_SPOT = (38.805, -77.045)  # inside the sample Old Town box


def add_incidents(program: Program, *incidents: tuple[timedelta, str, tuple[float, float] | None]) -> None:
    """Incidents `ago` before NOW at an address (and coordinates): only when and where matter here."""
    with program.uow.begin(program.actor) as tx:
        for ago, address, spot in incidents:
            latitude, longitude = spot if spot else (None, None)
            tx.add(Incident(occurred_at=NOW - ago, address=address, latitude=latitude, longitude=longitude))


def quiet_history(program: Program) -> None:
    """Recording began 30 days ago, with an incident far from any area."""
    add_incidents(program, (30 * DAY, "Somewhere (sample) 20001", None))


def _actor(program: Program, user_name: str, role: Role) -> Actor:
    data = users.NewUserInput(user_name, f"{user_name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF).as_actor(program.actor.device_id)


def test_a_quiet_area_with_two_incidents_today_alerts_by_its_baseline(program: Program) -> None:
    quiet_history(program)
    add_incidents(
        program,
        (timedelta(hours=2), "1 Sample St (sample)", OLD_TOWN_SPOT),
        (timedelta(hours=20), "2 Sample St, Alexandria, VA 22314", None),
        (timedelta(hours=3), "3 Sample St, Alexandria, VA 22301", None),  # Del Ray: one is not a spike
        (timedelta(hours=5), "on the highway (sample)", None),  # no ZIP, no coordinates
    )
    board = spikes.board(program.uow, NOW)
    (alert,) = board.alerts
    assert alert.status.area == "old-town" and alert.status.incidents == 2
    assert alert.status.rules == (Rule.BASELINE,) and alert.status.baseline_mean == 0.0
    assert not alert.acknowledged
    by_area = {status.area: status for status in board.areas}
    assert by_area["del-ray"].incidents == 1 and not by_area["del-ray"].rules
    assert by_area[UNKNOWN_AREA].incidents == 1  # counted, never dropped
    assert [status.area for status in board.areas][-1] == UNKNOWN_AREA


def test_a_threshold_alerts_even_without_history(program: Program) -> None:
    add_incidents(
        program, *[(timedelta(hours=hours), "Sample Ave, Alexandria, VA 22301", None) for hours in (1, 2)]
    )
    assert spikes.board(program.uow, NOW).alerts == ()  # two days of history: C2 cannot judge yet
    assert spikes.set_thresholds(program.uow, program.actor, {"del-ray": 2}) == {"del-ray": 2}
    (alert,) = spikes.board(program.uow, NOW).alerts
    assert alert.status.area == "del-ray" and alert.status.rules == (Rule.THRESHOLD,)
    assert alert.status.baseline_mean is None


def test_thresholds_are_one_record_per_area_set_and_cleared_by_supervisors(program: Program) -> None:
    spikes.set_thresholds(program.uow, program.actor, {"old-town": 4, "del-ray": None})
    assert spikes.thresholds(program.uow) == {"old-town": 4}
    assert program.outbox()[-1] == ("spike_threshold", "insert")
    assert program.audit()[-1] == ("spike_threshold.create", "spike_threshold", "ok")
    spikes.set_thresholds(program.uow, program.actor, {"old-town": None})
    assert spikes.thresholds(program.uow) == {}
    with program.uow.begin() as tx:
        row = tx.spikes.threshold(spike_threshold_id("old-town"))
        assert row is not None and row.incidents is None
    with pytest.raises(ValidationError):
        spikes.set_thresholds(program.uow, program.actor, {"old-town": 0})
    detective = _actor(program, "jordan.lee", Role.DETECTIVE)
    before = program.audit()
    with pytest.raises(NotPermitted):
        spikes.set_thresholds(program.uow, detective, {"old-town": 3})
    assert program.audit() == before and spikes.thresholds(program.uow) == {}


def test_acknowledging_with_a_note_shows_who_and_covers_the_area_for_a_day(program: Program) -> None:
    quiet_history(program)
    add_incidents(program, *[(timedelta(hours=hours), "x", OLD_TOWN_SPOT) for hours in (1, 2, 3)])
    social_worker = _actor(program, "casey.nguyen", Role.SOCIAL_WORKER)
    ack = spikes.acknowledge(program.uow, social_worker, "old-town", "  Calling the outreach team.  ", NOW)
    assert (ack.acknowledged_by, ack.note, ack.incidents, ack.steps_done) == (
        "casey.nguyen (sample)",
        "Calling the outreach team.",
        3,
        frozenset(),
    )
    assert program.audit()[-1] == ("spike_alert.acknowledge", "spike_response", "ok")
    assert program.outbox()[-1] == ("spike_response", "insert")
    (alert,) = spikes.board(program.uow, NOW + timedelta(hours=1)).alerts
    assert alert.acknowledged and alert.checklist == ack
    later = NOW + DAY + timedelta(minutes=1)
    add_incidents(program, *[(-DAY + timedelta(hours=hours), "x", OLD_TOWN_SPOT) for hours in (1, 2, 3)])
    (still,) = spikes.board(program.uow, later).alerts
    assert not still.acknowledged  # a day on and still spiking: it alerts again


def test_the_checklist_ticks_are_saved_audited_and_anyone_may_tick(program: Program) -> None:
    quiet_history(program)
    add_incidents(program, *[(timedelta(hours=hours), "x", OLD_TOWN_SPOT) for hours in (1, 2)])
    ack = spikes.acknowledge(program.uow, program.actor, "old-town", "", NOW)
    detective = _actor(program, "jordan.lee", Role.DETECTIVE)
    ticked = spikes.tick(program.uow, detective, ack.id, ResponseStep.DETECTIVES_BRIEFED, True)
    assert ticked.steps_done == {ResponseStep.DETECTIVES_BRIEFED}
    spikes.tick(program.uow, detective, ack.id, ResponseStep.PUBLIC_ALERT, True)
    spikes.tick(program.uow, detective, ack.id, ResponseStep.PUBLIC_ALERT, False)
    assert [event[0] for event in program.audit()[-3:]] == [
        "spike_response.tick",
        "spike_response.tick",
        "spike_response.untick",
    ]
    (alert,) = spikes.board(program.uow, NOW).alerts
    assert alert.checklist is not None and alert.checklist.steps_done == {ResponseStep.DETECTIVES_BRIEFED}


def test_bad_acknowledgements_are_refused_with_the_field(program: Program) -> None:
    with pytest.raises(ValidationError, match="area"):
        spikes.acknowledge(program.uow, program.actor, "atlantis", "", NOW)
    with pytest.raises(ValidationError, match="note"):
        spikes.acknowledge(program.uow, program.actor, "old-town", "x" * 2001, NOW)
    # An alert that passed meanwhile is still acknowledged: the note is kept
    assert spikes.acknowledge(program.uow, program.actor, UNKNOWN_AREA, "seen", NOW).incidents == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_public_alert_lists_the_directorys_naloxone_places_and_is_audited(
    program: Program, lang: str
) -> None:
    quiet_history(program)
    add_incidents(program, *[(timedelta(hours=hours), "x", OLD_TOWN_SPOT) for hours in (1, 2)])
    ack = spikes.acknowledge(program.uow, program.actor, "old-town", "", NOW)
    text = text_of(spikes.render_public_alert(program.uow, program.actor, ack.id, lang, NOW, invariant=True))
    assert "Alexandria Free Naloxone Pick-up (sample)" in text and "(703) 555-0132" in text
    assert "988" in text and "911" in text and "Old Town (sample)" in text
    spikes.record_public_alert_print(program.uow, program.actor, ack.id, lang, 2, Destination.PRINTER)
    assert program.audit()[-1] == ("document.print", "spike_response", f"public_alert/{lang}/2")


def test_the_public_alert_names_what_police_heard_is_circulating_when_police_print_it(
    program: Program,
) -> None:
    """Drug intelligence is police's alone: a social worker's copy of the same alert names nothing."""
    quiet_history(program)
    add_incidents(program, *[(timedelta(hours=hours), "x", OLD_TOWN_SPOT) for hours in (1, 2)])
    case = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    pills = drug_intel.DrugIntelInput("Fentanyl", colour="blue", stamp="M30", packaging="loose pills")
    drug_intel.log_report(program.uow, program.actor, case.encounter_id, pills, NOW - timedelta(days=2))
    ack = spikes.acknowledge(program.uow, program.actor, "old-town", "", NOW)
    police = text_of(
        spikes.render_public_alert(program.uow, program.actor, ack.id, "en", NOW, invariant=True)
    )
    assert "Reported lately: Fentanyl (M30)." in police
    social_worker = _actor(program, "casey.nguyen", Role.SOCIAL_WORKER)
    program_copy = text_of(
        spikes.render_public_alert(program.uow, social_worker, ack.id, "en", NOW, invariant=True)
    )
    assert "Reported lately" not in program_copy and "M30" not in program_copy
