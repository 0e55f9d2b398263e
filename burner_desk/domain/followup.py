"""The 48-hour follow-up: when it is due and how its state may move."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from burner_desk.domain.errors import InvalidTransition

FOLLOW_UP_WINDOW = timedelta(hours=48)
DUE_SOON = timedelta(hours=6)


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
    SURVIVOR_CALLED_IN = "survivor_called_in"


class Urgency(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"


def due_at(phone_issued_at: datetime) -> datetime:
    """The social worker calls within 48 hours of the burner phone being issued (or of discharge
    for a non-resident, who gets no phone but the same follow-up)."""
    return phone_issued_at + FOLLOW_UP_WINDOW


def advance(current: FollowUpState, new: FollowUpState) -> FollowUpState:
    """Terminal states never move back; sync relies on this to merge without conflicts."""
    if current in TERMINAL and new != current:
        raise InvalidTransition(current, new)
    if new == FollowUpState.OPEN and current != FollowUpState.OPEN:
        raise InvalidTransition(current, new)
    return new


def after_attempt(current: FollowUpState, outcome: FollowUpState) -> FollowUpState:
    """An attempt that reached nobody (outcome "open") leaves the state where it was; any other
    outcome moves it, under the same rule as `advance`."""
    if outcome == FollowUpState.OPEN:
        return current
    return advance(current, outcome)


def urgency(state: FollowUpState, due: datetime, now: datetime) -> Urgency:
    if state in TERMINAL or state == FollowUpState.REACHED:
        return Urgency.DONE
    left = due - now
    if left <= timedelta(0):
        return Urgency.OVERDUE
    if left <= DUE_SOON:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME
