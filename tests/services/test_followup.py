from dataclasses import replace
from datetime import timedelta
from uuid import UUID

import pytest

from burner_desk.domain.errors import InvalidTransition, NotFound, NotPermitted, ValidationError
from burner_desk.domain.followup import (
    AttemptOutcome,
    Channel,
    FollowUpState,
    Ride,
    TeamMember,
    TeamRole,
    Urgency,
    urgency,
)
from burner_desk.domain.people import Actor, Role
from burner_desk.services import bedside, cases, followup, today, users
from burner_desk.storage.models import ContactAttempt, HomeVisit
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW, Program, non_resident, resident

TEAM = (
    TeamMember("Det. Sam Rivera (sample)", TeamRole.POLICE),
    TeamMember("Casey Nguyen (sample)", TeamRole.TREATMENT),
    TeamMember("Peer specialist (sample)", TeamRole.PEER_SUPPORT),
)


def attempt(
    program: Program,
    follow_up_id: UUID,
    outcome: AttemptOutcome,
    hours: float,
    channel: Channel = Channel.PHONE,
    actor: Actor | None = None,
) -> followup.FollowUpView:
    """An attempt written down when it happened, `hours` after the bedside save."""
    at = NOW + timedelta(hours=hours)
    data = followup.ContactAttemptInput(follow_up_id, channel, outcome, "left voicemail", at)
    return followup.log_contact_attempt(program.uow, actor or program.actor, data, at)


def test_outcomes_move_the_state_forward_and_terminal_states_stay(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    casey = add_user(program, "casey.nguyen", Role.SOCIAL_WORKER).as_actor(program.actor.device_id)
    outbox = len(program.outbox())

    def by_casey(outcome: AttemptOutcome, hours: float) -> followup.FollowUpView:
        return attempt(program, view.follow_up_id, outcome, hours, actor=casey)

    assert by_casey(AttemptOutcome.NO_ANSWER, 20).state is FollowUpState.OPEN
    assert by_casey(AttemptOutcome.WRONG_NUMBER, 21).state is FollowUpState.OPEN
    assert by_casey(AttemptOutcome.REACHED, 30).state is FollowUpState.REACHED
    assert by_casey(AttemptOutcome.INTAKE_SCHEDULED, 31).state is FollowUpState.REACHED
    entered = by_casey(AttemptOutcome.ENTERED_TREATMENT, 40)
    assert (entered.state, entered.closed_at) == (FollowUpState.ENGAGED, NOW + timedelta(hours=40))

    with pytest.raises(InvalidTransition):
        by_casey(AttemptOutcome.DECLINED, 50)
    with pytest.raises(InvalidTransition):
        followup.change_state(program.uow, casey, view.follow_up_id, FollowUpState.OPEN, NOW)

    detail = cases.case_detail(program.uow, casey, view.encounter_id)
    assert [a.outcome for a in detail.contact_attempts] == [
        AttemptOutcome.NO_ANSWER,
        AttemptOutcome.WRONG_NUMBER,
        AttemptOutcome.REACHED,
        AttemptOutcome.INTAKE_SCHEDULED,
        AttemptOutcome.ENTERED_TREATMENT,
    ]
    assert detail.follow_up is not None and detail.follow_up.state is FollowUpState.ENGAGED
    assert [a for a, _, _ in program.audit()[-6:-1]] == ["contact_attempt.create"] * 5
    new = program.outbox()[outbox:]
    assert new.count(("contact_attempt", "insert")) == 5
    assert new.count(("follow_up", "update")) == 2  # open -> reached -> engaged
    on_timeline = [entry.subject for entry in cases.timeline(detail) if entry.kind == "contact attempt"]
    assert on_timeline == list(detail.contact_attempts)  # in the order they happened


def test_an_attempt_keeps_the_time_it_happened_never_in_the_future(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    later = NOW + timedelta(hours=30)
    earlier = followup.ContactAttemptInput(
        view.follow_up_id, Channel.PHONE, AttemptOutcome.NO_ANSWER, at=NOW + timedelta(hours=2)
    )
    followup.log_contact_attempt(program.uow, program.actor, earlier, later)
    right_now = followup.ContactAttemptInput(view.follow_up_id, Channel.TEXT, AttemptOutcome.NO_ANSWER)
    followup.log_contact_attempt(program.uow, program.actor, right_now, later)
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert [a.at for a in detail.contact_attempts] == [NOW + timedelta(hours=2), later]

    written = len(program.audit())
    for at, reason in (
        (later + timedelta(minutes=5), "cannot be in the future"),
        (NOW - timedelta(hours=1), "before the survivor left the bedside"),
    ):
        with pytest.raises(ValidationError, match=reason) as caught:
            followup.log_contact_attempt(program.uow, program.actor, replace(earlier, at=at), later)
        assert caught.value.field == "at"
    assert len(program.audit()) == written


def test_survivor_called_first_stops_the_48_hour_clock(program: Program) -> None:
    called = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    waiting = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    assert [call.follow_up.id for call in followup.calls(program.uow, program.actor, NOW)] == [
        called.follow_up_id,
        waiting.follow_up_id,
    ]

    with pytest.raises(ValidationError) as caught:
        attempt(program, called.follow_up_id, AttemptOutcome.NO_ANSWER, 3, Channel.SURVIVOR_CALLED_IN)
    assert caught.value.field == "outcome"
    state = attempt(program, called.follow_up_id, AttemptOutcome.REACHED, 3, Channel.SURVIVOR_CALLED_IN).state

    assert urgency(state, called.follow_up_due_at, NOW + timedelta(hours=60)) is Urgency.DONE
    left = followup.calls(program.uow, program.actor, NOW + timedelta(hours=4))
    assert [call.follow_up.id for call in left] == [waiting.follow_up_id]
    assert program.audit()[-1] == ("follow_up.list", "follow_up", "ok")
    detail = cases.case_detail(program.uow, program.actor, called.encounter_id)
    last = cases.timeline(detail)[-1].subject
    assert isinstance(last, followup.ContactAttemptView)
    assert (last.channel, last.outcome) == (Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED)


def test_a_call_carries_the_numbers_language_and_assignee(program: Program) -> None:
    resident_view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    bedside.record_encounter(program.uow, program.actor, non_resident(), NOW + timedelta(minutes=1))

    with_burner, without = followup.calls(program.uow, program.actor, NOW)

    assert (with_burner.person_name, with_burner.burner_number, with_burner.own_phone) == (
        "Avery Quinlan (sample)",
        "(703) 555-0161",
        "(703) 555-0123",
    )
    assert (with_burner.encounter_id, with_burner.assignee) == (resident_view.encounter_id, "unassigned")
    assert (without.burner_number, without.own_phone) == ("", "(703) 555-0123")  # no phone for Arlington
    assert with_burner.language.value == "en"


def test_attempts_stored_before_outcomes_had_their_own_names_read_back(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    with program.uow.begin(program.actor) as tx:
        for minutes, outcome in enumerate(("open", "engaged")):  # as older laptops and central hold them
            tx.add(
                ContactAttempt(
                    follow_up_id=view.follow_up_id,
                    at=NOW + timedelta(minutes=minutes),  # attempts read back in time order
                    by_user_id=program.actor.user_id,
                    channel="phone",
                    outcome=outcome,
                )
            )
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert [a.outcome for a in detail.contact_attempts] == [
        AttemptOutcome.NO_ANSWER,
        AttemptOutcome.ENTERED_TREATMENT,
    ]


def test_change_state_without_an_attempt(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    closed = followup.change_state(program.uow, program.actor, view.follow_up_id, FollowUpState.CLOSED, NOW)
    assert (closed.state, closed.closed_at) == (FollowUpState.CLOSED, NOW)
    assert program.audit()[-1] == ("follow_up.update", "follow_up", "ok")
    with pytest.raises(NotFound):
        followup.change_state(program.uow, program.actor, view.encounter_id, FollowUpState.CLOSED, NOW)


def test_calls_are_ordered_by_due_time(program: Program) -> None:
    earlier = NOW - timedelta(hours=47)
    data = non_resident(incident=replace(resident().incident, occurred_at=earlier - timedelta(hours=3)))
    early = bedside.record_encounter(program.uow, program.actor, data, earlier)
    late = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    due = followup.calls(program.uow, program.actor, NOW + timedelta(hours=2))

    assert [
        (d.follow_up.id, urgency(d.follow_up.state, d.follow_up.due_at, NOW + timedelta(hours=2)))
        for d in due
    ] == [
        (early.follow_up_id, Urgency.OVERDUE),
        (late.follow_up_id, Urgency.ON_TIME),
    ]


def test_home_visit_planned_against_the_target_then_recorded_once(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    plan = followup.HomeVisitPlan(NOW + timedelta(hours=40), TEAM, "12 Sample Court (sample)")
    visit = followup.schedule_home_visit(program.uow, program.actor, view.follow_up_id, plan, NOW)
    assert (visit.address, visit.team, visit.done_at) == ("12 Sample Court (sample)", TEAM, None)
    assert program.audit()[-1] == ("home_visit.create", "home_visit", "ok")

    done = followup.HomeVisitDone(
        NOW + timedelta(hours=41),
        TEAM[:2],
        people_met="the survivor and their sister",
        naloxone_trained="the sister",
        ride=Ride.OFFERED,
    )
    recorded = followup.record_home_visit(
        program.uow, program.actor, visit.id, done, NOW + timedelta(hours=42)
    )
    assert (recorded.team, recorded.people_met, recorded.naloxone_trained, recorded.ride) == (
        TEAM[:2],
        "the survivor and their sister",
        "the sister",
        Ride.OFFERED,
    )
    assert recorded.naloxone_training_given
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert cases.timeline(detail)[-1] == cases.TimelineEntry(recorded.done_at, "home visit", recorded)
    with pytest.raises(ValidationError, match="already recorded as done"):
        followup.record_home_visit(program.uow, program.actor, visit.id, done, NOW + timedelta(hours=43))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"scheduled_for": NOW - timedelta(hours=1)}, "scheduled_for"),
        ({"team": ()}, "team"),
        ({"team": (TeamMember("  ", TeamRole.POLICE),)}, "team"),
        ({"address": ""}, "address"),
    ],
    ids=["in the past", "no team", "a nameless member", "no address"],
)
def test_a_visit_plan_is_refused_beside_the_field(
    program: Program, change: dict[str, object], field: str
) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    plan = replace(
        followup.HomeVisitPlan(NOW + timedelta(hours=4), TEAM, "12 Sample Court (sample)"), **change
    )
    with pytest.raises(ValidationError) as caught:
        followup.schedule_home_visit(program.uow, program.actor, view.follow_up_id, plan, NOW)
    assert caught.value.field == field


def test_a_visit_is_recorded_once_it_happened(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    plan = followup.HomeVisitPlan(NOW + timedelta(hours=4), TEAM, "12 Sample Court (sample)")
    visit = followup.schedule_home_visit(program.uow, program.actor, view.follow_up_id, plan, NOW)
    with pytest.raises(ValidationError) as caught:
        followup.record_home_visit(
            program.uow, program.actor, visit.id, followup.HomeVisitDone(NOW + timedelta(hours=5), TEAM), NOW
        )
    assert caught.value.field == "done_at"


def test_a_visit_planned_before_roles_and_addresses_reads_back(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    with program.uow.begin(program.actor) as tx:
        old = tx.add(
            HomeVisit(
                follow_up_id=view.follow_up_id,
                scheduled_for=NOW,
                done_at=NOW + timedelta(hours=1),
                team_members=["Det. Sam Rivera", "Casey Nguyen"],
                ride_to_treatment=True,
            )
        )
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    (visit,) = detail.home_visits
    assert visit.id == old.id
    assert visit.team == (TeamMember("Det. Sam Rivera", None), TeamMember("Casey Nguyen", None))
    assert (visit.address, visit.ride) == ("", Ride.GIVEN)
    assert cases.timeline(detail)[-1].subject == visit


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
    (due,) = today.load(program.uow, program.actor, NOW).calls
    assert due.assignee == "casey.nguyen (sample)"


def test_only_a_supervisor_assigns_and_only_to_a_social_worker(program: Program) -> None:
    casey = add_user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    jordan = add_user(program, "jordan.lee", Role.DETECTIVE)
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    written = len(program.audit())

    for not_a_supervisor in (jordan, casey):
        with pytest.raises(NotPermitted):
            followup.assign(
                program.uow, not_a_supervisor.as_actor(program.actor.device_id), view.follow_up_id, casey.id
            )
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
        followup.assign(program.uow, program.actor, view.follow_up_id, social_worker.id)


def test_a_social_worker_takes_an_unassigned_call_and_only_that(program: Program) -> None:
    casey = add_user(program, "casey.nguyen", Role.SOCIAL_WORKER).as_actor(program.actor.device_id)
    riley = add_user(program, "riley.park", Role.SOCIAL_WORKER).as_actor(program.actor.device_id)
    jordan = add_user(program, "jordan.lee", Role.DETECTIVE).as_actor(program.actor.device_id)
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    with pytest.raises(NotPermitted):
        followup.take(program.uow, jordan, view.follow_up_id)
    with pytest.raises(NotPermitted):
        followup.take(program.uow, program.actor, view.follow_up_id)  # a supervisor assigns instead
    taken = followup.take(program.uow, casey, view.follow_up_id)
    assert taken.assignee_id == casey.user_id
    assert program.audit()[-1] == ("follow_up.assign", "follow_up", "ok")
    assert followup.take(program.uow, casey, view.follow_up_id).assignee_id == casey.user_id  # again: no-op
    with pytest.raises(ValidationError, match=r"casey.nguyen \(sample\) has this call"):
        followup.take(program.uow, riley, view.follow_up_id)
