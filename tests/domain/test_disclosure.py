"""The Part 2 rule itself: consent scope, revocation and end date; police against the program."""

from datetime import date

import pytest

from burner_desk.domain import disclosure
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.disclosure import ConsentTerms, ContactSharing
from burner_desk.domain.followup import TERMINAL, FollowUpState
from burner_desk.domain.people import Role

TODAY = date(2026, 11, 27)
OUTCOME = ConsentScope.TREATMENT_OUTCOME.value
CONTACT = ConsentScope.CONTACT_INFO.value
FAMILY = ConsentScope.FAMILY_CONTACT.value


@pytest.mark.parametrize(
    ("terms", "shared"),
    [
        (ConsentTerms(frozenset({CONTACT})), False),
        (ConsentTerms(frozenset({CONTACT, OUTCOME})), True),
        (ConsentTerms(frozenset({OUTCOME}), expires_on=date(2026, 11, 28)), True),
        (ConsentTerms(frozenset({OUTCOME}), expires_on=TODAY), False),
        (ConsentTerms(frozenset({OUTCOME}), revoked=True), False),
    ],
    ids=["not in scope", "in scope", "ends tomorrow", "ended today", "revoked"],
)
def test_a_consent_shares_the_outcome_while_in_scope_in_force_and_not_revoked(
    terms: ConsentTerms, shared: bool
) -> None:
    assert disclosure.covered([terms], ConsentScope.TREATMENT_OUTCOME, TODAY) is shared
    # any one consent of the survivor is enough
    assert (
        disclosure.covered([ConsentTerms(frozenset()), terms], ConsentScope.TREATMENT_OUTCOME, TODAY)
        is shared
    )


@pytest.mark.parametrize("state", list(FollowUpState))
def test_police_read_an_outcome_they_may_not_know_as_closed(state: FollowUpState) -> None:
    hidden = disclosure.shown_state(state, outcome_shared=False)
    assert hidden is (FollowUpState.CLOSED if state in TERMINAL else state)
    assert disclosure.shown_state(state, outcome_shared=True) is state


def test_police_see_the_programs_records_only_with_consent_or_their_own() -> None:
    assert not disclosure.program_record_shown(written_by_viewer=False, outcome_shared=False)
    assert disclosure.program_record_shown(written_by_viewer=True, outcome_shared=False)
    assert disclosure.program_record_shown(written_by_viewer=False, outcome_shared=True)


def test_detectives_and_supervisors_are_police_social_workers_are_the_program() -> None:
    assert [role for role in Role if disclosure.is_police(role)] == [Role.DETECTIVE, Role.SUPERVISOR]


@pytest.mark.parametrize(
    ("consents", "burner", "city_allows", "expected"),
    [
        ([], True, True, ContactSharing(contact_info=False, burner_phone=True, family=False)),
        ([], True, False, ContactSharing(contact_info=False, burner_phone=False, family=False)),
        ([], False, True, ContactSharing(contact_info=False, burner_phone=False, family=False)),
        ([ConsentTerms(frozenset({CONTACT}))], False, True, ContactSharing(True, True, False)),
        ([ConsentTerms(frozenset({CONTACT, FAMILY}))], True, False, ContactSharing(True, True, True)),
        (
            [ConsentTerms(frozenset({CONTACT, FAMILY}), expires_on=TODAY)],
            True,
            True,
            ContactSharing(False, True, False),
        ),
        (
            [ConsentTerms(frozenset({CONTACT}), revoked=True)],
            False,
            True,
            ContactSharing(False, False, False),
        ),
    ],
    ids=[
        "declined, burner",
        "declined, city says no",
        "declined, non-resident",
        "contact info",
        "contact and family",
        "expired",
        "revoked",
    ],
)
def test_the_program_sees_of_the_survivor_what_the_consent_lets_it_reach(
    consents: list[ConsentTerms], burner: bool, city_allows: bool, expected: ContactSharing
) -> None:
    """domain.consent.follow_up_reach decides; an expired or revoked consent shares nothing any more."""
    sharing = disclosure.contact_sharing(
        Role.SOCIAL_WORKER, consents, TODAY, burner_phone_issued=burner, program_calls_burner=city_allows
    )
    assert sharing == expected


def test_police_see_what_they_took_at_the_bedside() -> None:
    for police in (Role.DETECTIVE, Role.SUPERVISOR):
        sharing = disclosure.contact_sharing(
            police, [], TODAY, burner_phone_issued=False, program_calls_burner=False
        )
        assert sharing == disclosure.EVERYTHING
