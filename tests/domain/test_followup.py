from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from burner_desk.domain.errors import InvalidTransition
from burner_desk.domain.followup import (
    TERMINAL,
    FollowUpState,
    Urgency,
    advance,
    after_attempt,
    due_at,
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
    assert after_attempt(FollowUpState.REACHED, FollowUpState.OPEN) is FollowUpState.REACHED
    assert after_attempt(FollowUpState.ENGAGED, FollowUpState.OPEN) is FollowUpState.ENGAGED
    assert after_attempt(FollowUpState.OPEN, FollowUpState.DECLINED) is FollowUpState.DECLINED
    with pytest.raises(InvalidTransition):
        after_attempt(FollowUpState.DECLINED, FollowUpState.ENGAGED)


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
