"""A case timeline in words: each kind of entry reads as a sentence, in English and in Spanish; what the
service left out of a record (for this user) is not worded in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from pytestqt.qtbot import QtBot

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState, Ride, TeamMember, TeamRole
from burner_desk.domain.people import Language
from burner_desk.services import cases
from burner_desk.services.drug_intel import DrugIntelView
from burner_desk.services.followup import ContactAttemptView, FollowUpView, HomeVisitView
from burner_desk.ui.cases.timeline_words import entry_text
from burner_desk.ui.i18n import UiLanguage

AT = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
SAM = TeamMember("Det. Sam Rivera (sample)", TeamRole.POLICE)
CASEY = TeamMember("Casey Nguyen (sample)", TeamRole.TREATMENT)


@pytest.fixture
def language(qtbot: QtBot) -> Iterator[UiLanguage]:
    ui_language = UiLanguage()
    yield ui_language
    ui_language.apply(Language.EN)


def _words(kind: str, subject: cases.TimelineSubject) -> str:
    return entry_text(cases.TimelineEntry(AT, kind, subject))


def _attempt(channel: Channel, outcome: AttemptOutcome, note: str = "") -> ContactAttemptView:
    return ContactAttemptView(uuid4(), AT, uuid4(), channel, outcome, note)


def _visit(**fields: object) -> HomeVisitView:
    visit = HomeVisitView(
        id=uuid4(),
        follow_up_id=uuid4(),
        scheduled_for=AT,
        done_at=AT,
        team=(SAM, CASEY),
        address="12 Sample Court (sample)",
        people_met="the survivor and their sister",
        naloxone_training_given=True,
        naloxone_trained="the sister",
        ride=Ride.OFFERED,
        note="",
        created_by=None,
    )
    return replace(visit, **fields)


def _follow_up(state: FollowUpState) -> FollowUpView:
    return FollowUpView(uuid4(), uuid4(), uuid4(), AT, state, AT)


def test_each_kind_reads_as_a_sentence_in_english(language: UiLanguage) -> None:
    language.apply(Language.EN)

    assert (
        _words("contact attempt", _attempt(Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED, "left voicemail"))
        == "Phone call: intake scheduled — left voicemail"
    )
    assert (
        _words("contact attempt", _attempt(Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED))
        == "Survivor called first: reached"
    )
    assert _words("home visit", _visit()) == (
        "Home visit done at 12 Sample Court (sample) by Det. Sam Rivera (sample) (police), "
        "Casey Nguyen (sample) (treatment staff); met the survivor and their sister; naloxone training to "
        "the sister; ride to treatment offered, not taken"
    )
    planned_before_roles = _visit(
        done_at=None, team=(TeamMember("Casey Nguyen", None),), address="", ride=Ride.NOT_OFFERED
    )
    assert _words("home visit", planned_before_roles) == "Home visit scheduled with Casey Nguyen"
    consent = cases.ConsentView(
        frozenset({ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}),
        SignedHow.ON_PAPER,
        "",
        "",
        "",
        "F-0042",
        False,
        AT,
        None,
        None,
    )
    assert _words("consent", consent) == "Signed on paper (form F-0042): contact info, family contact"
    handout = cases.HandoutGivenView(
        "naloxone", "Naloxone saves lives", Language.ES, 2, cases.A_FAMILY_MEMBER
    )
    assert _words("handout", handout) == "2 × Naloxone saves lives (Spanish) to a family member"
    report = DrugIntelView(
        uuid4(),
        uuid4(),
        uuid4(),
        AT,
        "Fentanyl (sample)",
        "blue",
        "M30",
        "loose pills",
        "",
        "Route 1",
        "",
        None,
    )
    assert _words("drug intel", report) == (
        "Drug intel call: Fentanyl (sample) (blue, stamp M30, loose pills); obtained: Route 1"
    )
    assert _words("follow-up", _follow_up(FollowUpState.ENGAGED)) == "Follow-up engaged"


def test_the_timeline_reads_in_spanish(language: UiLanguage) -> None:
    language.apply(Language.ES)

    attempt = _words("contact attempt", _attempt(Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED))
    visit = _words("home visit", _visit())
    closed = _words("follow-up", _follow_up(FollowUpState.CLOSED))

    for english in (
        "Survivor called first",
        "reached",
        "Home visit",
        "treatment staff",
        "offered",
        "Follow-up",
    ):
        assert english not in attempt + visit + closed
    assert "Det. Sam Rivera (sample)" in visit  # names stay as written
