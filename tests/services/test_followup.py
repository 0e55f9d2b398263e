from dataclasses import replace
from datetime import timedelta
from uuid import UUID

import pytest

from burner_desk.domain.errors import InvalidTransition, NotFound, ValidationError
from burner_desk.domain.followup import Channel, FollowUpState, Urgency
from burner_desk.services import bedside, cases, followup
from tests.services.conftest import NOW, Program, non_resident, resident


def attempt(
    program: Program, follow_up_id: UUID, outcome: FollowUpState, hours: float
) -> followup.FollowUpView:
    data = followup.ContactAttemptInput(follow_up_id, Channel.PHONE, outcome, "left voicemail")
    return followup.log_contact_attempt(program.uow, program.actor, data, NOW + timedelta(hours=hours))


def test_attempts_advance_the_state_and_terminal_states_stay(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    outbox = len(program.outbox())

    assert attempt(program, view.follow_up_id, FollowUpState.OPEN, 20).state is FollowUpState.OPEN
    assert attempt(program, view.follow_up_id, FollowUpState.REACHED, 30).state is FollowUpState.REACHED
    assert attempt(program, view.follow_up_id, FollowUpState.OPEN, 31).state is FollowUpState.REACHED
    engaged = attempt(program, view.follow_up_id, FollowUpState.ENGAGED, 40)
    assert (engaged.state, engaged.closed_at) == (FollowUpState.ENGAGED, NOW + timedelta(hours=40))

    with pytest.raises(InvalidTransition):
        attempt(program, view.follow_up_id, FollowUpState.DECLINED, 50)
    with pytest.raises(InvalidTransition):
        followup.change_state(program.uow, program.actor, view.follow_up_id, FollowUpState.OPEN, NOW)

    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert [a.outcome for a in detail.contact_attempts] == [
        FollowUpState.OPEN,
        FollowUpState.REACHED,
        FollowUpState.OPEN,
        FollowUpState.ENGAGED,
    ]
    assert detail.follow_up is not None and detail.follow_up.state is FollowUpState.ENGAGED
    assert [a for a, _, _ in program.audit()[-5:-1]] == ["contact_attempt.create"] * 4
    new = program.outbox()[outbox:]
    assert new.count(("contact_attempt", "insert")) == 4
    assert new.count(("follow_up", "update")) == 2  # open -> reached -> engaged


def test_change_state_without_an_attempt(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    closed = followup.change_state(program.uow, program.actor, view.follow_up_id, FollowUpState.CLOSED, NOW)
    assert (closed.state, closed.closed_at) == (FollowUpState.CLOSED, NOW)
    assert program.audit()[-1] == ("follow_up.update", "follow_up", "ok")
    with pytest.raises(NotFound):
        followup.change_state(program.uow, program.actor, view.encounter_id, FollowUpState.CLOSED, NOW)


def test_due_list_orders_by_due_time_with_urgency(program: Program) -> None:
    earlier = NOW - timedelta(hours=47)
    data = non_resident(incident=replace(resident().incident, occurred_at=earlier - timedelta(hours=3)))
    early = bedside.record_encounter(program.uow, program.actor, data, earlier)
    late = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    due = followup.due_follow_ups(program.uow, program.actor, NOW + timedelta(hours=2))

    assert [(d.follow_up.id, d.urgency) for d in due] == [
        (early.follow_up_id, Urgency.OVERDUE),
        (late.follow_up_id, Urgency.ON_TIME),
    ]
    assert (due[1].person_name, due[1].person_phone) == ("Avery Quinlan (sample)", "(703) 555-0123")
    assert program.audit()[-1] == ("follow_up.list", "follow_up", "ok")


def test_home_visit_scheduled_then_done_once(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    team = ("Det. Sam Rivera", "Casey Nguyen", "Peer specialist")
    visit = followup.schedule_home_visit(
        program.uow, program.actor, view.follow_up_id, NOW + timedelta(days=1), team
    )
    done = followup.HomeVisitDone(NOW + timedelta(days=1, hours=1), team[:2], naloxone_training_given=True)

    recorded = followup.record_home_visit(program.uow, program.actor, visit.id, done)

    assert (recorded.done_at, recorded.team_members, recorded.naloxone_training_given) == (
        NOW + timedelta(days=1, hours=1),
        team[:2],
        True,
    )
    with pytest.raises(ValidationError, match="already recorded as done"):
        followup.record_home_visit(program.uow, program.actor, visit.id, done)
    with pytest.raises(ValidationError) as caught:
        followup.schedule_home_visit(program.uow, program.actor, view.follow_up_id, NOW, ())
    assert caught.value.field == "team_members"
