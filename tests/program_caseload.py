"""A month's caseload whose figures were worked out by hand (issue 16 item 6), recorded through the real
services into a real vault. Tests of the figures, the view, the JSON and the report all use it.

March 2025, figures computed at NOW (1 April 2025, 12:00 UTC). All people are invented (sample data).

| case | met (UTC)      | who          | consent shares          | what happened (hours after meeting)                      |
|------|----------------|--------------|-------------------------|-----------------------------------------------------------|
| A    | Mon 3 Mar 10:00 | resident     | contact, family, outcome | social worker reaches them at 47 h 59 min; visit at 30 h; intake 60 h; treatment 80 h; phone returned |
| B    | Mon 10 Mar 09:00 | resident    | contact, outcome        | social worker reaches them at 48 h 01 min; intake 50 h; phone lost |
| C    | Wed 12 Mar 15:00 | resident    | declined                | survivor calls the program at 10 h (social worker logs it); treatment 20 h: not shared |
| D    | Mon 17 Mar 08:00 | non-resident | contact, family, outcome | survivor calls the program at 5 h |
| E    | Thu 20 Mar 12:00 | resident    | contact only            | survivor calls the detective at 12 h (police's own record); intake 30 h: not shared |
| F    | Mon 24 Mar 10:00 | resident    | contact only            | no answer at 20 h; nobody reached, 48 h over: overdue |
| G    | Mon 31 Mar 20:00 | resident    | contact, outcome        | nothing yet: still within its 48 hours |
| H    | Tue 25 Feb 10:00 | resident    | contact only            | (February) nobody reached: overdue, counts only in "overdue now" |
| I    | Tue 1 Apr 09:00  | resident    | contact only            | (April) outside the period |

Every bag holds 2 naloxone kits; A and D's sister got 2 Spanish family handouts each.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.followup import AttemptOutcome, Channel, TeamMember, TeamRole
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.metrics import SMALL, Period
from burner_desk.domain.people import Actor, Role
from burner_desk.services import access, bedside, demo, followup, inventory, users
from tests.conftest import TEST_KDF
from tests.services.conftest import non_resident, resident

PERIOD = Period.month(2025, 3)
NOW = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)
CONSENT_ENDS = date(2031, 1, 1)  # in force at NOW and on the day the tests run (the CLI's now is today)
PASSPHRASE = "Sample pass 2 phrase"  # every user's but the first supervisor's

CONTACT = frozenset({ConsentScope.CONTACT_INFO})
SHARED = frozenset({ConsentScope.CONTACT_INFO, ConsentScope.TREATMENT_OUTCOME})
SHARED_WITH_FAMILY = SHARED | {ConsentScope.FAMILY_CONTACT}


def met(month: int, day: int, hour: int) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


EXPECTED: dict[str, Any] = {
    "survivors": {"total": 7, "residents": 6, "non_residents": 1, "consent_declined": 1},
    "supplies": {
        "phones_issued": 6,
        "phones_returned": 1,
        "phones_lost": 1,
        "bags_given": 7,
        "naloxone_kits": 14,
    },
    "family_handouts": {"total": 4, "by_language": {"Spanish": 4}},
    "promise": {
        "follow_ups": 7,
        "reached_within_48h": 3,  # A (47 h 59 min), D, E
        "survivor_called_first": 2,  # D, E
        "social_worker_reached": 1,  # A
        "reached_late": 1,  # B (48 h 01 min)
        "not_reached": 1,  # F
        "time_not_shared": 1,  # C (declined consent)
        "still_within_48h": 1,  # G
        "share_within_48h": 0.6,  # 3 of A, B, D, E, F
        "median_hours_to_first_contact": (12 + 47 + 59 / 60) / 2,  # of 5, 12, 47.98, 48.02
        "overdue_now": 2,  # F and H
    },
    "treatment": {"outcome_shared": 4, "intake_scheduled": SMALL, "entered_treatment": SMALL},  # 2 and 1
    "home_visits": {"visited": 1, "within_48h": 1},
    "funnel": {"met": 7, "phone": 6, "reached": 4, "intake": SMALL, "treatment": SMALL},
    "weekly": [
        {"starts_on": "2025-02-24", "met": 0, "reached_within_48h": 0},
        {"starts_on": "2025-03-03", "met": 1, "reached_within_48h": 1},
        {"starts_on": "2025-03-10", "met": 2, "reached_within_48h": 0},
        {"starts_on": "2025-03-17", "met": 2, "reached_within_48h": 2},
        {"starts_on": "2025-03-24", "met": 1, "reached_within_48h": 0},
        {"starts_on": "2025-03-31", "met": 1, "reached_within_48h": 0},
    ],
}


class Caseload:
    def __init__(self, signed_in: access.SignedIn) -> None:
        self.signed_in = signed_in
        self.supervisor = signed_in.actor
        self.social_worker = self._user("casey.nguyen", Role.SOCIAL_WORKER)
        self.detective = self._user("jordan.lee", Role.DETECTIVE)
        self.coordinator = self._user("quinn.harper", Role.COORDINATOR)
        self.serial = 0

    def _user(self, name: str, role: Role) -> Actor:
        data = users.NewUserInput(name, f"{name} (sample)", role, "", "", PASSPHRASE)
        return users.add_user(self.signed_in, data, kdf=TEST_KDF).as_actor(self.supervisor.device_id)

    def encounter(
        self, at: datetime, scopes: frozenset[ConsentScope], *, resident_: bool = True, family: bool = False
    ) -> bedside.EncounterView:
        self.serial += 1
        n, uow, actor = self.serial, self.signed_in.uow, self.supervisor
        bag = f"RB-{n:02d}"
        inventory.assemble_recovery_bag(
            uow,
            actor,
            inventory.RecoveryBagInput(bag, (inventory.NaloxoneKit("LOT-7", date(2027, 1, 31), 2),)),
            at,
        )
        consent = bedside.ConsentInput(
            scopes=scopes,
            signed_how=SignedHow.ON_PAPER if scopes else SignedHow.DECLINED,
            discloser="Alexandria Police Department (sample)",
            purpose="Referral to treatment and follow-up",
            form_number=f"CF-{n:04d}" if scopes else "",
            expires_on=CONSENT_ENDS if scopes else None,
        )
        incident = replace(resident().incident, occurred_at=at - timedelta(hours=3))
        changes: dict[str, Any] = {"consent": consent, "recovery_bag": bag, "incident": incident}
        if not family:
            changes["family_contacts"] = ()
        if not resident_:
            return bedside.record_encounter(uow, actor, non_resident(**changes), at)
        imei = demo.sample_imei(100 + n)
        inventory.add_burner_phone(
            uow,
            actor,
            inventory.BurnerPhoneInput(
                f"BD-{n:04d}",
                imei,
                f"(703) 555-01{n:02d}",
                "Sample Wireless",
                (inventory.ProgrammedContact("Detective", "(703) 555-0101"),),
            ),
        )
        data = resident(**changes)
        data = replace(
            data,
            burner_phone=imei,
            personal_phone=replace(data.personal_phone, property_receipt_no=f"PR-{n:04d}"),
        )
        return bedside.record_encounter(uow, actor, data, at)

    def attempt(
        self,
        actor: Actor,
        case: bedside.EncounterView,
        after: timedelta,
        channel: Channel,
        outcome: AttemptOutcome,
    ) -> None:
        data = followup.ContactAttemptInput(case.follow_up_id, channel, outcome, "", case.started_at + after)
        followup.log_contact_attempt(self.signed_in.uow, actor, data, NOW)

    def visit(self, case: bedside.EncounterView, after: timedelta) -> None:
        at, uow = case.started_at + after, self.signed_in.uow
        team = (TeamMember("Casey Nguyen (sample)", TeamRole.TREATMENT),)
        plan = followup.HomeVisitPlan(at, team, "1 Example Lane (sample)")
        planned = followup.schedule_home_visit(uow, self.social_worker, case.follow_up_id, plan, at)
        followup.record_home_visit(uow, self.social_worker, planned.id, followup.HomeVisitDone(at, team), at)


def record_caseload(signed_in: access.SignedIn) -> Caseload:
    load = Caseload(signed_in)
    demo.load_sample_directory(signed_in.uow, load.supervisor)
    inventory.load_handout_catalog(signed_in.uow, load.supervisor, initial_stock=50)
    sw, police, hours, minutes = load.social_worker, load.detective, timedelta(hours=1), timedelta(minutes=1)

    a = load.encounter(met(3, 3, 10), SHARED_WITH_FAMILY, family=True)
    load.attempt(sw, a, 47 * hours + 59 * minutes, Channel.PHONE, AttemptOutcome.REACHED)
    load.visit(a, 30 * hours)
    load.attempt(sw, a, 60 * hours, Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED)
    load.attempt(sw, a, 80 * hours, Channel.PHONE, AttemptOutcome.ENTERED_TREATMENT)
    b = load.encounter(met(3, 10, 9), SHARED)
    load.attempt(sw, b, 48 * hours + 1 * minutes, Channel.PHONE, AttemptOutcome.REACHED)
    load.attempt(sw, b, 50 * hours, Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED)
    c = load.encounter(met(3, 12, 15), frozenset())
    load.attempt(sw, c, 10 * hours, Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED)
    load.attempt(sw, c, 20 * hours, Channel.PHONE, AttemptOutcome.ENTERED_TREATMENT)
    d = load.encounter(met(3, 17, 8), SHARED_WITH_FAMILY, resident_=False, family=True)
    load.attempt(sw, d, 5 * hours, Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED)
    e = load.encounter(met(3, 20, 12), CONTACT)
    load.attempt(police, e, 12 * hours, Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED)
    load.attempt(sw, e, 30 * hours, Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED)
    f = load.encounter(met(3, 24, 10), CONTACT)
    load.attempt(sw, f, 20 * hours, Channel.PHONE, AttemptOutcome.NO_ANSWER)
    load.encounter(met(3, 31, 20), SHARED)  # G
    load.encounter(met(2, 25, 10), CONTACT)  # H
    load.encounter(met(4, 1, 9), CONTACT)  # I

    uow = signed_in.uow
    inventory.mark_phone(uow, load.supervisor, "BD-0001", PhoneStatus.RETURNED)  # A's
    inventory.mark_phone(uow, load.supervisor, "BD-0002", PhoneStatus.LOST)  # B's
    return load
