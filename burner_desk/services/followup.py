"""The 48-hour follow-up: the calls to make, who makes them, contact attempts and their outcomes, and
Overdose Response Team home visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from burner_desk.domain import disclosure, text
from burner_desk.domain.errors import NotFound, NotPermitted, ValidationError
from burner_desk.domain.followup import (
    FOLLOW_UP_WINDOW,
    TERMINAL,
    AttemptOutcome,
    Channel,
    FollowUpState,
    Ride,
    TeamMember,
    TeamRole,
    advance,
    after_attempt,
    attempt_outcome,
    check_attempt,
    check_visit_done,
    check_visit_time,
    ride_of,
)
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.domain.phone import display_us_phone
from burner_desk.services.disclosure import viewer
from burner_desk.storage.models import ContactAttempt, FollowUp, HomeVisit, User
from burner_desk.storage.uow import Transaction, UnitOfWork

MAX_TEAM = 10
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class FollowUpView:
    id: UUID
    encounter_id: UUID
    person_id: UUID
    due_at: datetime
    state: FollowUpState
    closed_at: datetime | None
    assignee_id: UUID | None = None

    @staticmethod
    def of(row: FollowUp) -> FollowUpView:
        return FollowUpView(
            row.id,
            row.encounter_id,
            row.person_id,
            row.due_at,
            FollowUpState(row.state),
            row.closed_at,
            row.assignee_id,
        )


@dataclass(frozen=True)
class Assignee:
    """A social worker who can take a follow-up."""

    user_id: UUID
    display_name: str


@dataclass(frozen=True)
class ContactAttemptInput:
    follow_up_id: UUID
    channel: Channel
    outcome: AttemptOutcome
    note: str = ""
    at: datetime | None = None  # when it happened; None: now


@dataclass(frozen=True)
class ContactAttemptView:
    id: UUID
    at: datetime
    by_user_id: UUID
    channel: Channel
    outcome: AttemptOutcome
    note: str

    @staticmethod
    def of(row: ContactAttempt) -> ContactAttemptView:
        return ContactAttemptView(
            row.id, row.at, row.by_user_id, Channel(row.channel), attempt_outcome(row.outcome), row.note
        )


@dataclass(frozen=True)
class HomeVisitPlan:
    scheduled_for: datetime
    team: tuple[TeamMember, ...]
    address: str


@dataclass(frozen=True)
class HomeVisitDone:
    done_at: datetime
    team: tuple[TeamMember, ...]
    people_met: str = ""  # who the team met: the survivor, family, others
    naloxone_trained: str = ""  # to whom naloxone training was given; "" = none was
    ride: Ride = Ride.NOT_OFFERED
    note: str = ""


@dataclass(frozen=True)
class HomeVisitView:
    id: UUID
    follow_up_id: UUID
    scheduled_for: datetime | None
    done_at: datetime | None
    team: tuple[TeamMember, ...]
    address: str
    people_met: str
    naloxone_training_given: bool
    naloxone_trained: str
    ride: Ride
    note: str
    created_by: UUID | None

    @staticmethod
    def of(row: HomeVisit) -> HomeVisitView:
        return HomeVisitView(
            row.id,
            row.follow_up_id,
            row.scheduled_for,
            row.done_at,
            tuple(_member(entry) for entry in row.team_members),
            row.address,
            row.people_met,
            row.naloxone_training_given,
            row.naloxone_trained,
            ride_of(row.ride_offered, row.ride_to_treatment),
            row.note,
            row.created_by,
        )


@dataclass(frozen=True)
class Call:
    """A 48-hour call still to make, with what the social worker needs to make it."""

    follow_up: FollowUpView
    encounter_id: UUID
    person_name: str
    burner_number: str  # "" when none was given (a non-resident), or the program may not call it
    own_phone: str  # "" when none was recorded, or the consent does not share it with the program
    language: Language
    assignee: str  # the social worker's name, or UNASSIGNED


def log_contact_attempt(
    uow: UnitOfWork, actor: Actor, data: ContactAttemptInput, now: datetime
) -> FollowUpView:
    """An attempt at the time it happened (`data.at`, default now). "Survivor called first" counts as
    reached: the 48-hour clock stops."""
    if not disclosure.may_record_outcome(actor.role, data.outcome):
        raise NotPermitted("A treatment outcome is the treatment program's to record.")
    note = text.clean(data.note, "note", max_len=text.LONG)
    at = data.at or now
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, data.follow_up_id)
        check_attempt(data.channel, data.outcome, at, follow_up.due_at - FOLLOW_UP_WINDOW, now)
        _move(follow_up, after_attempt(FollowUpState(follow_up.state), data.outcome), at)
        attempt = tx.add(
            ContactAttempt(
                follow_up_id=follow_up.id,
                at=at,
                by_user_id=actor.user_id,
                channel=data.channel.value,
                outcome=data.outcome.value,
                note=note,
            )
        )
        tx.record("contact_attempt.create", attempt)
        return FollowUpView.of(follow_up)


def change_state(
    uow: UnitOfWork, actor: Actor, follow_up_id: UUID, new: FollowUpState, now: datetime
) -> FollowUpView:
    """For a change with no attempt behind it, e.g. closing a case the survivor moved away from."""
    if not disclosure.may_record_state(actor.role, new):
        raise NotPermitted("A treatment outcome is the treatment program's to record.")
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, follow_up_id)
        _move(follow_up, advance(FollowUpState(follow_up.state), new), now)
        tx.record("follow_up.update", follow_up)
        return FollowUpView.of(follow_up)


def social_workers(uow: UnitOfWork) -> list[Assignee]:
    """Who a follow-up can be assigned to: the active social workers on this laptop, by name."""
    with uow.begin() as tx:
        return [
            Assignee(user.id, user.display_name)
            for user in tx.people.users()
            if user.role == Role.SOCIAL_WORKER.value
        ]


def assign(uow: UnitOfWork, actor: Actor, follow_up_id: UUID, assignee_id: UUID) -> FollowUpView:
    """A supervisor gives an open follow-up to a social worker, who then owns the 48-hour call."""
    if actor.role is not Role.SUPERVISOR:
        raise NotPermitted(
            "Only a supervisor assigns follow-ups; a social worker can take an unassigned one."
        )
    with uow.begin(actor) as tx:
        follow_up = _assignable(tx, follow_up_id)
        try:
            user = tx.get(User, assignee_id)
        except NotFound as exc:
            raise ValidationError("assignee", "that user was removed from this laptop; pick another") from exc
        if user.role != Role.SOCIAL_WORKER.value:
            raise ValidationError("assignee", f"{user.display_name} is not a social worker")
        follow_up.assignee_id = user.id
        tx.record("follow_up.assign", follow_up)
        return FollowUpView.of(follow_up)


def take(uow: UnitOfWork, actor: Actor, follow_up_id: UUID) -> FollowUpView:
    """A social worker takes an unassigned follow-up for themself."""
    if actor.role is not Role.SOCIAL_WORKER:
        raise NotPermitted("Only a social worker takes a follow-up; a supervisor assigns one.")
    with uow.begin(actor) as tx:
        follow_up = _assignable(tx, follow_up_id)
        if follow_up.assignee_id not in (None, actor.user_id):
            holder = tx.get(User, follow_up.assignee_id)
            raise ValidationError(
                "assignee", f"{holder.display_name} has this call; a supervisor can reassign it"
            )
        follow_up.assignee_id = actor.user_id
        tx.record("follow_up.assign", follow_up)
        return FollowUpView.of(follow_up)


def schedule_home_visit(
    uow: UnitOfWork, actor: Actor, follow_up_id: UUID, plan: HomeVisitPlan, now: datetime
) -> HomeVisitView:
    """Plan an Overdose Response Team visit; the dialog shows the 48-hour target it is planned against."""
    check_visit_time(plan.scheduled_for, now)
    team = _team(plan.team)
    address = text.clean(plan.address, "address", max_len=400, required=True)
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, follow_up_id)
        if FollowUpState(follow_up.state) in TERMINAL:
            raise ValidationError("scheduled_for", f"this follow-up is already {follow_up.state}")
        visit = tx.add(
            HomeVisit(
                follow_up_id=follow_up.id,
                scheduled_for=plan.scheduled_for,
                team_members=team,
                address=address,
            )
        )
        tx.record("home_visit.create", visit)
        return HomeVisitView.of(visit)


def record_home_visit(
    uow: UnitOfWork, actor: Actor, home_visit_id: UUID, data: HomeVisitDone, now: datetime
) -> HomeVisitView:
    check_visit_done(data.done_at, now)
    team = _team(data.team)
    people_met = text.clean(data.people_met, "people_met", max_len=text.LONG)
    trained = text.clean(data.naloxone_trained, "naloxone_trained", max_len=text.LONG)
    note = text.clean(data.note, "note", max_len=text.LONG)
    with uow.begin(actor) as tx:
        visit = tx.get(HomeVisit, home_visit_id)
        if visit.done_at is not None:
            raise ValidationError(
                "done_at", f"this visit was already recorded as done on {visit.done_at:%Y-%m-%d}"
            )
        visit.done_at = data.done_at
        visit.team_members = team
        visit.people_met = people_met
        visit.naloxone_training_given = bool(trained)
        visit.naloxone_trained = trained
        visit.ride_offered = data.ride is not Ride.NOT_OFFERED
        visit.ride_to_treatment = data.ride is Ride.GIVEN
        visit.note = note
        tx.record("home_visit.update", visit)
        return HomeVisitView.of(visit)


def calls(uow: UnitOfWork, actor: Actor, now: datetime) -> list[Call]:
    """The 48-hour calls still to make, soonest due first. Shows names, so audited."""
    with uow.begin(actor) as tx:
        found = calls_due(tx, actor, now)
        tx.record("follow_up.list", entity="follow_up")
        return found


def calls_due(tx: Transaction, actor: Actor, now: datetime) -> list[Call]:
    """`calls` inside a caller's transaction (the Today view reads them with the rest of its day)."""
    rows = tx.workload.calls_due()
    names = {user.id: user.display_name for user in tx.people.users()}
    seen_by = viewer(tx, actor, {person.id for _, person, _ in rows}, now.date())
    calls = []
    for follow_up, person, burner in rows:
        sharing = seen_by.contact_sharing(person.id, burner_phone_issued=burner is not None)
        calls.append(
            Call(
                follow_up=FollowUpView.of(follow_up),
                encounter_id=follow_up.encounter_id,
                person_name=seen_by.name(
                    person.id, person.given_name, person.family_name, burner_phone_issued=burner is not None
                ),
                burner_number=display_us_phone(burner.phone_number)
                if burner and sharing.burner_phone
                else "",
                own_phone=display_us_phone(person.phone) if sharing.contact_info else "",
                language=Language(person.preferred_language),
                assignee=names.get(follow_up.assignee_id, UNASSIGNED)
                if follow_up.assignee_id
                else UNASSIGNED,
            )
        )
    return calls


def _assignable(tx: Transaction, follow_up_id: UUID) -> FollowUp:
    follow_up = tx.get(FollowUp, follow_up_id)
    if FollowUpState(follow_up.state) in TERMINAL:
        raise ValidationError("assignee", f"this follow-up is already {follow_up.state}")
    return follow_up


def _move(follow_up: FollowUp, state: FollowUpState, at: datetime) -> None:
    follow_up.state = state.value
    if state in TERMINAL and follow_up.closed_at is None:
        follow_up.closed_at = at


def _team(members: tuple[TeamMember, ...]) -> list[dict[str, str]]:
    team = []
    for member in members:
        stored = {"name": text.clean(member.name, "team", required=True)}
        team.append(stored if member.role is None else stored | {"role": member.role.value})
    if not 1 <= len(team) <= MAX_TEAM:
        raise ValidationError("team", f"name from 1 to {MAX_TEAM} team members")
    return team


def _member(entry: Any) -> TeamMember:
    """A team member as stored: {"name", "role"}, or a plain name from before roles were kept."""
    if not isinstance(entry, dict):
        return TeamMember(str(entry), None)
    try:
        role: TeamRole | None = TeamRole(str(entry.get("role")))
    except ValueError:
        role = None
    return TeamMember(str(entry.get("name", "")), role)
