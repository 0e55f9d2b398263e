from dataclasses import replace
from datetime import timedelta
from uuid import UUID

import pytest

from burner_desk.domain.errors import InvalidTransition, NotFound, NotPermitted, ValidationError
from burner_desk.domain.followup import Channel, FollowUpState, Urgency
from burner_desk.domain.people import Role
from burner_desk.services import bedside, cases, followup, today, users
from tests.conftest import TEST_KDF
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


def add_user(program: Program, user_name: str, role: Role) -> users.UserView:
    data = users.NewUserInput(user_name, f"{user_name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF)


def test_a_supervisor_assigns_the_follow_up_to_a_social_worker(program: Program) -> None:
    casey = add_user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    add_user(program, "jordan.lee", Role.DETECTIVE)
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    assert followup.social_workers(program.uow) == [followup.Assignee(casey.id, "casey.nguyen (sample)")]
    outbox = len(program.outbox())

    assigned = followup.assign(program.uow, program.actor, view.follow_up_id, casey.id)

    assert assigned.assignee_id == casey.id
    assert program.audit()[-1] == ("follow_up.assign", "follow_up", "ok")
    assert program.outbox()[outbox:] == [("follow_up", "update")]
    assert cases.case_detail(program.uow, program.actor, view.encounter_id).assignee_name == (
        "casey.nguyen (sample)"
    )
    (due,) = today.load(program.uow, program.actor, NOW).follow_ups
    assert due.assignee == "casey.nguyen (sample)"


def test_only_the_treatment_side_assigns_and_only_to_a_social_worker(program: Program) -> None:
    casey = add_user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    jordan = add_user(program, "jordan.lee", Role.DETECTIVE)
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    written = len(program.audit())

    detective = jordan.as_actor(program.actor.device_id)
    with pytest.raises(NotPermitted):
        followup.assign(program.uow, detective, view.follow_up_id, casey.id)
    with pytest.raises(ValidationError, match="not a social worker"):
        followup.assign(program.uow, program.actor, view.follow_up_id, jordan.id)
    users.remove_user(program.signed_in, casey.user_name, NOW)
    written += 1  # the removal
    with pytest.raises(ValidationError, match="removed"):
        followup.assign(program.uow, program.actor, view.follow_up_id, casey.id)
    assert followup.social_workers(program.uow) == []
    assert len(program.audit()) == written  # refusals write nothing

    social_worker = add_user(program, "riley.park", Role.SOCIAL_WORKER)
    followup.change_state(program.uow, program.actor, view.follow_up_id, FollowUpState.CLOSED, NOW)
    with pytest.raises(ValidationError, match="already closed"):
        followup.assign(
            program.uow, social_worker.as_actor(program.actor.device_id), view.follow_up_id, social_worker.id
        )
