"""The 48-hour follow-up: when it is due, how its state may move, and what a contact attempt came to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from burner_desk.domain.errors import InvalidTransition, ValidationError

FOLLOW_UP_WINDOW = timedelta(hours=48)
DUE_SOON = timedelta(hours=6)
VISIT_SLACK = timedelta(minutes=5)  # "now" in the dialog is a few moments old when it is saved


class FollowUpState(StrEnum):
    OPEN = "open"
    REACHED = "reached"
    ENGAGED = "engaged"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"
    CLOSED = "closed"


TERMINAL = frozenset(
    {FollowUpState.ENGAGED, FollowUpState.DECLINED, FollowUpState.UNREACHABLE, FollowUpState.CLOSED}
)


class Channel(StrEnum):
    PHONE = "phone"
    TEXT = "text"
    IN_PERSON = "in_person"
    HOME_VISIT = "home_visit"
    SURVIVOR_CALLED_IN = "survivor_called_in"  # the survivor called first: the 48-hour clock stops


class AttemptOutcome(StrEnum):
    """What one contact attempt came to. Several outcomes may leave the follow-up's state as it was
    (STATE_AFTER): the state machine stays small and monotonic for sync, the attempt keeps the detail."""

    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    REACHED = "reached"
    INTAKE_SCHEDULED = "intake_scheduled"
    ENTERED_TREATMENT = "entered_treatment"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"


# Attempts stored before they had outcomes of their own carried a follow-up state ("open" = nobody
# reached); laptops and central still hold such rows, so they keep reading back.
_LEGACY_OUTCOMES = {"open": AttemptOutcome.NO_ANSWER, "engaged": AttemptOutcome.ENTERED_TREATMENT}

STATE_AFTER: dict[AttemptOutcome, FollowUpState | None] = {  # None: the state stays where it was
    AttemptOutcome.NO_ANSWER: None,
    AttemptOutcome.WRONG_NUMBER: None,
    AttemptOutcome.REACHED: FollowUpState.REACHED,
    AttemptOutcome.INTAKE_SCHEDULED: FollowUpState.REACHED,
    AttemptOutcome.ENTERED_TREATMENT: FollowUpState.ENGAGED,
    AttemptOutcome.DECLINED: FollowUpState.DECLINED,
    AttemptOutcome.UNREACHABLE: FollowUpState.UNREACHABLE,
}
# When the survivor called first, somebody was reached: "no answer" and the like cannot be the outcome.
REACHED_SOMEONE = frozenset(
    outcome for outcome, state in STATE_AFTER.items() if state not in (None, FollowUpState.UNREACHABLE)
)


class TeamRole(StrEnum):
    """Who goes on an Overdose Response Team home visit."""

    POLICE = "police"
    TREATMENT = "treatment"
    PEER_SUPPORT = "peer_support"


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: TeamRole | None  # None: a visit planned before members had roles


class Ride(StrEnum):
    """A ride to treatment at a home visit."""

    NOT_OFFERED = "not_offered"
    OFFERED = "offered"  # offered, not taken
    GIVEN = "given"


def ride_of(offered: bool, given: bool) -> Ride:
    """A ride given was offered, whatever an older visit's record says about the offer."""
    return Ride.GIVEN if given else Ride.OFFERED if offered else Ride.NOT_OFFERED


class Urgency(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"


def attempt_outcome(stored: str) -> AttemptOutcome:
    """An attempt's outcome as stored, older rows included."""
    return _LEGACY_OUTCOMES.get(stored) or AttemptOutcome(stored)


def due_at(phone_issued_at: datetime) -> datetime:
    """The social worker calls within 48 hours of the burner phone being issued (or of discharge
    for a non-resident, who gets no phone but the same follow-up)."""
    return phone_issued_at + FOLLOW_UP_WINDOW


def call_due(state: FollowUpState) -> bool:
    """Whether the 48-hour call is still to be made: nobody has been reached and no outcome is in.
    A survivor who called first is reached, so the clock stops for them too."""
    return state is FollowUpState.OPEN


def advance(current: FollowUpState, new: FollowUpState) -> FollowUpState:
    """Terminal states never move back; sync relies on this to merge without conflicts."""
    if current in TERMINAL and new != current:
        raise InvalidTransition(current, new)
    if new == FollowUpState.OPEN and current != FollowUpState.OPEN:
        raise InvalidTransition(current, new)
    return new


def after_attempt(current: FollowUpState, outcome: AttemptOutcome) -> FollowUpState:
    """An attempt that reached nobody leaves the state where it was; any other outcome moves it, under
    the same rule as `advance`."""
    new = STATE_AFTER[outcome]
    return current if new is None else advance(current, new)


def check_attempt(
    channel: Channel, outcome: AttemptOutcome, at: datetime, started: datetime, now: datetime
) -> None:
    """An attempt happened between the start of the follow-up and now, and a survivor who called
    first was reached. `started` is when the 48-hour clock began."""
    if at > now:
        raise ValidationError("at", "a contact attempt cannot be in the future")
    if at < started:
        raise ValidationError("at", "this is before the survivor left the bedside")
    if channel is Channel.SURVIVOR_CALLED_IN and outcome not in REACHED_SOMEONE:
        raise ValidationError("outcome", "the survivor called: choose what the call came to")


def check_visit_time(scheduled_for: datetime, now: datetime) -> None:
    if scheduled_for < now - VISIT_SLACK:
        raise ValidationError("scheduled_for", "a visit is planned ahead: pick a time from now on")


def check_visit_done(done_at: datetime, now: datetime) -> None:
    if done_at > now:
        raise ValidationError("done_at", "a visit is recorded once it has happened: not a time in the future")


def urgency(state: FollowUpState, due: datetime, now: datetime) -> Urgency:
    if not call_due(state):
        return Urgency.DONE
    left = due - now
    if left <= timedelta(0):
        return Urgency.OVERDUE
    if left <= DUE_SOON:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME
