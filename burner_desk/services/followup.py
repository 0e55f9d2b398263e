"""The 48-hour follow-up: contact attempts, state changes and Overdose Response Team home visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from burner_desk.domain import text
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.followup import (
    TERMINAL,
    Channel,
    FollowUpState,
    Urgency,
    advance,
    after_attempt,
    urgency,
)
from burner_desk.domain.people import Actor, Role
from burner_desk.domain.permissions import Op, require
from burner_desk.domain.phone import display_us_phone
from burner_desk.storage.models import ContactAttempt, FollowUp, HomeVisit, User
from burner_desk.storage.uow import UnitOfWork

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
    outcome: FollowUpState  # "open" = nobody reached
    note: str = ""


@dataclass(frozen=True)
class ContactAttemptView:
    id: UUID
    at: datetime
    by_user_id: UUID
    channel: Channel
    outcome: FollowUpState
    note: str

    @staticmethod
    def of(row: ContactAttempt) -> ContactAttemptView:
        return ContactAttemptView(
            row.id, row.at, row.by_user_id, Channel(row.channel), FollowUpState(row.outcome), row.note
        )


@dataclass(frozen=True)
class HomeVisitView:
    id: UUID
    follow_up_id: UUID
    scheduled_for: datetime | None
    done_at: datetime | None
    team_members: tuple[str, ...]
    naloxone_training_given: bool
    ride_to_treatment: bool
    note: str

    @staticmethod
    def of(row: HomeVisit) -> HomeVisitView:
        return HomeVisitView(
            row.id,
            row.follow_up_id,
            row.scheduled_for,
            row.done_at,
            tuple(row.team_members),
            row.naloxone_training_given,
            row.ride_to_treatment,
            row.note,
        )


@dataclass(frozen=True)
class HomeVisitDone:
    done_at: datetime
    team_members: tuple[str, ...]
    naloxone_training_given: bool = False
    ride_to_treatment: bool = False
    note: str = ""


@dataclass(frozen=True)
class DueFollowUp:
    follow_up: FollowUpView
    person_name: str
    person_phone: str
    urgency: Urgency


def log_contact_attempt(
    uow: UnitOfWork, actor: Actor, data: ContactAttemptInput, now: datetime
) -> FollowUpView:
    require(actor, "contact_attempt", Op.INSERT)
    note = text.clean(data.note, "note", max_len=text.LONG)
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, data.follow_up_id)
        _move(follow_up, after_attempt(FollowUpState(follow_up.state), data.outcome), now)
        attempt = tx.add(
            ContactAttempt(
                follow_up_id=follow_up.id,
                at=now,
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
    require(actor, "follow_up", Op.UPDATE, "state", "closed_at")
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
    """Give an open follow-up to a social worker, who then owns the 48-hour call."""
    require(actor, "follow_up", Op.UPDATE, "assignee_id")
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, follow_up_id)
        if FollowUpState(follow_up.state) in TERMINAL:
            raise ValidationError("assignee", f"this follow-up is already {follow_up.state}")
        try:
            user = tx.get(User, assignee_id)
        except NotFound as exc:
            raise ValidationError("assignee", "that user was removed from this laptop; pick another") from exc
        if user.role != Role.SOCIAL_WORKER.value:
            raise ValidationError("assignee", f"{user.display_name} is not a social worker")
        follow_up.assignee_id = user.id
        tx.record("follow_up.assign", follow_up)
        return FollowUpView.of(follow_up)


def schedule_home_visit(
    uow: UnitOfWork, actor: Actor, follow_up_id: UUID, scheduled_for: datetime, team_members: tuple[str, ...]
) -> HomeVisitView:
    require(actor, "home_visit", Op.INSERT)
    team = _team(team_members)
    with uow.begin(actor) as tx:
        follow_up = tx.get(FollowUp, follow_up_id)
        visit = tx.add(HomeVisit(follow_up_id=follow_up.id, scheduled_for=scheduled_for, team_members=team))
        tx.record("home_visit.create", visit)
        return HomeVisitView.of(visit)


def record_home_visit(
    uow: UnitOfWork, actor: Actor, home_visit_id: UUID, data: HomeVisitDone
) -> HomeVisitView:
    require(actor, "home_visit", Op.UPDATE)
    team = _team(data.team_members)
    note = text.clean(data.note, "note", max_len=text.LONG)
    with uow.begin(actor) as tx:
        visit = tx.get(HomeVisit, home_visit_id)
        if visit.done_at is not None:
            raise ValidationError(
                "done_at", f"this visit was already recorded as done on {visit.done_at:%Y-%m-%d}"
            )
        visit.done_at = data.done_at
        visit.team_members = team
        visit.naloxone_training_given = data.naloxone_training_given
        visit.ride_to_treatment = data.ride_to_treatment
        visit.note = note
        tx.record("home_visit.update", visit)
        return HomeVisitView.of(visit)


def due_follow_ups(uow: UnitOfWork, actor: Actor, now: datetime) -> list[DueFollowUp]:
    """The worklist: every follow-up still open or reached, soonest due first. Shows names, so audited."""
    with uow.begin(actor) as tx:
        rows = tx.workload.open_follow_ups_with_person()
        tx.record("follow_up.list", entity="follow_up")
        return [
            DueFollowUp(
                follow_up=FollowUpView.of(follow_up),
                person_name=f"{person.given_name} {person.family_name}",
                person_phone=display_us_phone(person.phone),
                urgency=urgency(FollowUpState(follow_up.state), follow_up.due_at, now),
            )
            for follow_up, person in rows
        ]


def _move(follow_up: FollowUp, state: FollowUpState, now: datetime) -> None:
    follow_up.state = state.value
    if state in TERMINAL and follow_up.closed_at is None:
        follow_up.closed_at = now


def _team(members: tuple[str, ...]) -> list[str]:
    team = [text.clean(member, "team_members", required=True) for member in members]
    if not 1 <= len(team) <= MAX_TEAM:
        raise ValidationError("team_members", f"name from 1 to {MAX_TEAM} team members")
    return team
