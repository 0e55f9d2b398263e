from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from burner_desk.domain.errors import InvalidTransition, ValidationError
from burner_desk.domain.followup import (
    STATE_AFTER,
    TERMINAL,
    AttemptOutcome,
    Channel,
    FollowUpState,
    Ride,
    Urgency,
    advance,
    after_attempt,
    attempt_outcome,
    call_due,
    check_attempt,
    due_at,
    ride_of,
    urgency,
)

ISSUED = datetime(2025, 3, 1, 22, 30, tzinfo=UTC)
states = st.sampled_from(list(FollowUpState))


def test_due_48_hours_after_the_phone_is_issued() -> None:
    assert due_at(ISSUED) == datetime(2025, 3, 3, 22, 30, tzinfo=UTC)


@given(terminal=st.sampled_from(sorted(TERMINAL)), new=states)
def test_terminal_state_never_moves_to_another(terminal: FollowUpState, new: FollowUpState) -> None:
    if new == terminal:
        assert advance(terminal, new) is terminal
    else:
        with pytest.raises(InvalidTransition):
            advance(terminal, new)


def test_open_moves_forward_and_reached_cannot_reopen() -> None:
    assert advance(FollowUpState.OPEN, FollowUpState.REACHED) is FollowUpState.REACHED
    assert advance(FollowUpState.REACHED, FollowUpState.ENGAGED) is FollowUpState.ENGAGED
    with pytest.raises(InvalidTransition):
        advance(FollowUpState.REACHED, FollowUpState.OPEN)


def test_an_attempt_that_reached_nobody_keeps_the_state() -> None:
    for nobody in (AttemptOutcome.NO_ANSWER, AttemptOutcome.WRONG_NUMBER):
        assert after_attempt(FollowUpState.REACHED, nobody) is FollowUpState.REACHED
        assert after_attempt(FollowUpState.ENGAGED, nobody) is FollowUpState.ENGAGED
    assert after_attempt(FollowUpState.OPEN, AttemptOutcome.DECLINED) is FollowUpState.DECLINED
    assert after_attempt(FollowUpState.REACHED, AttemptOutcome.INTAKE_SCHEDULED) is FollowUpState.REACHED
    assert after_attempt(FollowUpState.REACHED, AttemptOutcome.ENTERED_TREATMENT) is FollowUpState.ENGAGED
    with pytest.raises(InvalidTransition):
        after_attempt(FollowUpState.DECLINED, AttemptOutcome.ENTERED_TREATMENT)


@given(current=states, outcome=st.sampled_from(list(AttemptOutcome)))
def test_an_attempt_never_moves_the_state_back(current: FollowUpState, outcome: AttemptOutcome) -> None:
    """What central's merge relies on: whatever laptops record, a terminal state stays and "open" never
    comes back."""
    try:
        new = after_attempt(current, outcome)
    except InvalidTransition:
        return
    assert current not in TERMINAL or new is current
    assert new is not FollowUpState.OPEN or current is FollowUpState.OPEN


def test_every_outcome_has_a_state_after_it_and_old_rows_read_back() -> None:
    assert set(STATE_AFTER) == set(AttemptOutcome)
    assert attempt_outcome("open") is AttemptOutcome.NO_ANSWER
    assert attempt_outcome("engaged") is AttemptOutcome.ENTERED_TREATMENT
    assert attempt_outcome("wrong_number") is AttemptOutcome.WRONG_NUMBER


def test_only_the_open_state_still_needs_the_48_hour_call() -> None:
    assert [state for state in FollowUpState if call_due(state)] == [FollowUpState.OPEN]


def test_an_attempt_lies_between_the_bedside_and_now() -> None:
    now = ISSUED + timedelta(hours=10)
    check_attempt(Channel.PHONE, AttemptOutcome.NO_ANSWER, ISSUED, ISSUED, now)
    check_attempt(Channel.PHONE, AttemptOutcome.NO_ANSWER, now, ISSUED, now)
    for at, field in ((now + timedelta(seconds=1), "at"), (ISSUED - timedelta(seconds=1), "at")):
        with pytest.raises(ValidationError) as caught:
            check_attempt(Channel.PHONE, AttemptOutcome.NO_ANSWER, at, ISSUED, now)
        assert caught.value.field == field


@pytest.mark.parametrize("outcome", list(AttemptOutcome))
def test_a_survivor_who_called_first_was_reached(outcome: AttemptOutcome) -> None:
    now = ISSUED + timedelta(hours=10)
    reached = outcome in {
        AttemptOutcome.REACHED,
        AttemptOutcome.INTAKE_SCHEDULED,
        AttemptOutcome.ENTERED_TREATMENT,
        AttemptOutcome.DECLINED,
    }
    if reached:
        check_attempt(Channel.SURVIVOR_CALLED_IN, outcome, now, ISSUED, now)
    else:
        with pytest.raises(ValidationError, match="the survivor called"):
            check_attempt(Channel.SURVIVOR_CALLED_IN, outcome, now, ISSUED, now)


def test_a_ride_given_was_offered() -> None:
    assert ride_of(offered=False, given=False) is Ride.NOT_OFFERED
    assert ride_of(offered=True, given=False) is Ride.OFFERED
    assert ride_of(offered=False, given=True) is Ride.GIVEN  # a visit recorded before offers were kept
    assert ride_of(offered=True, given=True) is Ride.GIVEN


@pytest.mark.parametrize(
    ("state", "left", "expected"),
    [
        (FollowUpState.OPEN, timedelta(hours=30), Urgency.ON_TIME),
        (FollowUpState.OPEN, timedelta(hours=6), Urgency.DUE_SOON),
        (FollowUpState.OPEN, timedelta(0), Urgency.OVERDUE),
        (FollowUpState.OPEN, -timedelta(hours=1), Urgency.OVERDUE),
        (FollowUpState.REACHED, -timedelta(hours=1), Urgency.DONE),
        (FollowUpState.UNREACHABLE, timedelta(hours=1), Urgency.DONE),
    ],
)
def test_urgency(state: FollowUpState, left: timedelta, expected: Urgency) -> None:
    due = due_at(ISSUED)
    assert urgency(state, due, due - left) is expected
