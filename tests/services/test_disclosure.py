"""Part 2 on every laptop: a detective or supervisor signed in on a laptop that holds the program's records
sees a follow-up's outcome, contact attempts, notes and home visits only where the survivor's consent shares
them with police, in every service that shows them; the program sees only the contact details the consent
shares with it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from uuid import UUID

import pytest

from burner_desk.domain import disclosure
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState, TeamMember, TeamRole
from burner_desk.domain.people import Actor, Role
from burner_desk.services import bedside, cases, followup, settings, sync, today, users
from burner_desk.services.custody import PersonalPhoneView
from burner_desk.services.disclosure import NAME_NOT_SHARED
from burner_desk.storage.models import SyncConflict
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW, Program, resident

PROGRAM_NOTE = "intake Tuesday at the clinic (sample)"
DETECTIVE_NOTE = "survivor called my direct line (sample)"
SHARES_OUTCOME = frozenset(
    {ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT, ConsentScope.TREATMENT_OUTCOME}
)


@dataclass
class Case:
    program: Program
    detective: Actor
    social_worker: Actor
    encounter_id: UUID
    follow_up_id: UUID
    person_id: UUID

    def actor(self, role: Role) -> Actor:
        return {
            Role.DETECTIVE: self.detective,
            Role.SOCIAL_WORKER: self.social_worker,
            Role.SUPERVISOR: self.program.actor,
        }[role]

    def change_consent(self, **values: object) -> None:
        with self.program.uow.begin(self.program.actor) as tx:
            (consent,) = tx.workload.consents_for(self.encounter_id)
            for name, value in values.items():
                setattr(consent, name, value)


def _user(program: Program, name: str, role: Role) -> Actor:
    data = users.NewUserInput(name, f"{name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF).as_actor(program.actor.device_id)


def _case(program: Program, scopes: frozenset[ConsentScope]) -> Case:
    """A detective's bedside encounter the program then worked: an intake, treatment, a home visit."""
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    data = resident()
    saved = bedside.record_encounter(
        program.uow, detective, replace(data, consent=replace(data.consent, scopes=scopes)), NOW
    )

    def attempt(hours: float, who: Actor, channel: Channel, outcome: AttemptOutcome, note: str) -> None:
        at = NOW + timedelta(hours=hours)
        data = followup.ContactAttemptInput(saved.follow_up_id, channel, outcome, note, at)
        followup.log_contact_attempt(program.uow, who, data, at)

    attempt(2, detective, Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED, DETECTIVE_NOTE)
    attempt(20, social_worker, Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED, PROGRAM_NOTE)
    plan = followup.HomeVisitPlan(
        NOW + timedelta(hours=40), (TeamMember("Casey Nguyen (sample)", TeamRole.TREATMENT),), "1 Sample Way"
    )
    followup.schedule_home_visit(
        program.uow, social_worker, saved.follow_up_id, plan, NOW + timedelta(hours=21)
    )
    attempt(70, social_worker, Channel.PHONE, AttemptOutcome.ENTERED_TREATMENT, "started treatment (sample)")
    return Case(program, detective, social_worker, saved.encounter_id, saved.follow_up_id, saved.person_id)


@dataclass(frozen=True)
class Seen:
    """What one user is shown of the case, by every service that shows a follow-up."""

    search: FollowUpState | None
    today_recent: FollowUpState | None
    case: FollowUpState | None
    attempt_notes: tuple[str, ...]
    home_visits: int
    timeline: str  # every record on the case's timeline, whole: what it holds is what the user sees
    timeline_closed_as: FollowUpState | None  # the follow-up's entry on the timeline, once closed


def _seen(case: Case, role: Role) -> Seen:
    actor, program = case.actor(role), case.program
    later = NOW + timedelta(hours=72)
    (found,) = cases.find_cases(program.uow, actor, "Quinlan", today=later.date())
    (recent,) = today.load(program.uow, actor, later).recent
    detail = cases.case_detail(program.uow, actor, case.encounter_id, today=later.date())
    assert detail.follow_up is not None
    return Seen(
        found.follow_up_state,
        recent.follow_up_state,
        detail.follow_up.state,
        tuple(attempt.note for attempt in detail.contact_attempts),
        len(detail.home_visits),
        "\n".join(repr(entry.subject) for entry in cases.timeline(detail)),
        next(
            (e.subject.state for e in cases.timeline(detail) if isinstance(e.subject, followup.FollowUpView)),
            None,
        ),
    )


@pytest.mark.parametrize("role", [Role.DETECTIVE, Role.SUPERVISOR])
def test_police_see_neither_outcome_nor_program_notes_without_consent(program: Program, role: Role) -> None:
    case = _case(program, frozenset({ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}))

    seen = _seen(case, role)

    assert (seen.search, seen.today_recent, seen.case) == (FollowUpState.CLOSED,) * 3
    own = (DETECTIVE_NOTE,) if role is Role.DETECTIVE else ()  # the detective's own attempt stays theirs
    assert (seen.attempt_notes, seen.home_visits) == (own, 0)
    for withheld in ("engaged", "intake", "entered_treatment", PROGRAM_NOTE, "HomeVisitView", "1 Sample Way"):
        assert withheld not in seen.timeline
    assert seen.timeline_closed_as is FollowUpState.CLOSED


@pytest.mark.parametrize("role", [Role.DETECTIVE, Role.SUPERVISOR])
def test_police_see_the_outcome_the_consent_shares_with_them(program: Program, role: Role) -> None:
    case = _case(program, SHARES_OUTCOME)

    seen = _seen(case, role)

    assert (seen.search, seen.today_recent, seen.case) == (FollowUpState.ENGAGED,) * 3
    assert seen.attempt_notes == (DETECTIVE_NOTE, PROGRAM_NOTE, "started treatment (sample)")
    assert seen.home_visits == 1
    assert seen.timeline_closed_as is FollowUpState.ENGAGED


@pytest.mark.parametrize(
    "change",
    [{"revoked_at": NOW + timedelta(days=1)}, {"expires_on": NOW.date()}],
    ids=["revoked", "expired"],
)
def test_a_revoked_or_expired_consent_shares_nothing_more(
    program: Program, change: dict[str, object]
) -> None:
    case = _case(program, SHARES_OUTCOME)
    case.change_consent(**change)

    seen = _seen(case, Role.DETECTIVE)

    assert (seen.case, seen.attempt_notes, seen.home_visits) == (FollowUpState.CLOSED, (DETECTIVE_NOTE,), 0)


def test_the_program_sees_its_whole_follow_up_whatever_police_may(program: Program) -> None:
    case = _case(program, frozenset({ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}))

    seen = _seen(case, Role.SOCIAL_WORKER)

    assert (seen.search, seen.today_recent, seen.case) == (FollowUpState.ENGAGED,) * 3
    assert seen.attempt_notes == (DETECTIVE_NOTE, PROGRAM_NOTE, "started treatment (sample)")
    assert seen.home_visits == 1


def test_the_program_sees_only_what_the_consent_lets_it_reach(program: Program) -> None:
    detective = _user(program, "jordan.lee", Role.DETECTIVE)
    social_worker = _user(program, "casey.nguyen", Role.SOCIAL_WORKER)
    saved = bedside.record_encounter(program.uow, detective, resident(), NOW)
    case = Case(program, detective, social_worker, saved.encounter_id, saved.follow_up_id, saved.person_id)
    shared = cases.case_detail(program.uow, social_worker, saved.encounter_id, today=NOW.date())
    assert (shared.summary.person_name, shared.person.phone, [f.name for f in shared.family_contacts]) == (
        "Avery Quinlan (sample)",
        "(703) 555-0123",
        ["Pat Quinlan (sample)"],
    )

    case.change_consent(scopes=[])  # as if the survivor had declined: the program calls the burner phone

    for_program = cases.case_detail(program.uow, social_worker, saved.encounter_id, today=NOW.date())
    assert for_program.summary.person_name == NAME_NOT_SHARED
    assert (for_program.person.given_name, for_program.person.date_of_birth) == (NAME_NOT_SHARED, None)
    assert (for_program.person.phone, for_program.person.address, for_program.family_contacts) == ("", "", ())
    assert not for_program.contact_sharing.contact_info and for_program.contact_sharing.burner_phone
    assert (for_program.personal_phone, for_program.custody) == (
        None,
        (),
    )  # its IMEI and receipt name its owner
    assert for_program.incident is not None and for_program.incident.address == ""
    timeline = cases.timeline(for_program)
    handouts = [entry.subject for entry in timeline if isinstance(entry.subject, cases.HandoutGivenView)]
    assert handouts[-1].given_to == cases.A_FAMILY_MEMBER
    assert not any(isinstance(entry.subject, PersonalPhoneView) for entry in timeline)
    leaks = [entry for entry in timeline if "Quinlan" in repr(entry) or "Sample St (sample)" in repr(entry)]
    assert leaks == []
    (call,) = followup.calls(program.uow, social_worker, NOW)
    assert (call.person_name, call.burner_number, call.own_phone) == (NAME_NOT_SHARED, "(703) 555-0161", "")
    (recent,) = today.load(program.uow, social_worker, NOW).recent
    assert recent.person_name == NAME_NOT_SHARED
    assert (
        cases.find_cases(program.uow, social_worker, "Quinlan", today=NOW.date()) == []
    )  # a match would tell the name

    city_says_no = replace(settings.load(program.uow), program_calls_burner_without_consent=False)
    settings.save(program.uow, program.actor, city_says_no)  # no calls to a burner without consent
    (call,) = followup.calls(program.uow, social_worker, NOW)
    assert (call.burner_number, call.own_phone) == ("", "")

    for_police = cases.case_detail(
        program.uow, detective, saved.encounter_id, today=NOW.date()
    )  # they took the details
    assert (for_police.person.phone, len(for_police.family_contacts)) == ("(703) 555-0123", 1)
    assert [
        found.person_name for found in cases.find_cases(program.uow, detective, "Quinlan", today=NOW.date())
    ] == ["Avery Quinlan (sample)"]


def test_consent_rows_deleted_locally_share_nothing(program: Program) -> None:
    case = _case(program, SHARES_OUTCOME)
    with program.uow.begin(program.actor) as tx:
        (consent,) = tx.workload.consents_for(case.encounter_id)
        consent.deleted_at = NOW
    assert _seen(case, Role.DETECTIVE).case is FollowUpState.CLOSED


def test_a_sync_conflict_about_an_outcome_or_a_program_note_is_no_way_around(program: Program) -> None:
    """What central kept, shown in the Sync view to whoever is signed in on this laptop."""
    case = _case(program, frozenset({ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}))
    visit = cases.case_detail(
        program.uow, case.social_worker, case.encounter_id, today=NOW.date()
    ).home_visits[0]
    with program.uow.begin(program.actor) as tx:
        for entity, entity_id, field, server in (
            ("follow_up", case.follow_up_id, "state", "declined"),
            ("home_visit", visit.id, "note", PROGRAM_NOTE),
        ):
            tx.add(
                SyncConflict(
                    entity=entity,
                    entity_id=entity_id,
                    field=field,
                    local_value={"value": "closed" if field == "state" else "", "by": None, "at": None},
                    server_value={"value": server, "by": None, "at": None},
                )
            )

    def seen(role: Role) -> list[tuple[str, object, object]]:
        return [
            (conflict.entity, conflict.local_value, conflict.server_value)
            for conflict in sync.conflicts(program.uow, case.actor(role), today=NOW.date())
        ]

    withheld = disclosure.WITHHELD_NOTE
    for police in (Role.DETECTIVE, Role.SUPERVISOR):
        assert seen(police) == [("follow_up", "closed", "closed"), ("home_visit", withheld, withheld)]
    assert seen(Role.SOCIAL_WORKER) == [("follow_up", "closed", "declined"), ("home_visit", "", PROGRAM_NOTE)]
