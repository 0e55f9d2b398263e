"""Who may see what of a survivor's follow-up and contact details (42 CFR Part 2). One rule, used by every
laptop's services (by the signed-in user's role) and by central (by the device a record goes to).

- The follow-up's outcome and the treatment program's own records of it (contact attempts with their
  notes, home visits) are the program's. Police, detectives and their supervisors, see them only where a
  consent in force covers sharing the treatment outcome with police. Otherwise a follow-up with an outcome
  reads "closed", and the program's records are withheld, except those the viewer wrote themself. Whether
  the 48-hour call is still due (open or reached) is not an outcome: police see it.
- Drug intelligence (domain.drug_intel) is police's alone: the program never sees a report, whatever
  the consent says (POLICE_ONLY_RECORDS).
- Treatment outcomes (an intake, treatment entered, treatment declined) are recorded by the program only.
- The program (social workers, and central's treatment-program devices) sees all of the follow-up, but of
  the survivor only what domain.consent lets it reach: their name, own phone and address with "contact
  info", the burner phone it programmed unless the city switched that off, their family with "family
  contact" (and only those who agreed).
- A co-response clinician's notes (CLINICAL_RECORDS) are treatment records: police never see them, whatever
  the consent; they see the call's disposition and referrals. Central sends them only to the program's
  devices and back to the device that wrote them (where the signed-in role decides again).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from burner_desk.domain.consent import ConsentScope, FollowUpReach, follow_up_reach
from burner_desk.domain.followup import TERMINAL, AttemptOutcome, FollowUpState
from burner_desk.domain.people import Role

POLICE = frozenset({Role.DETECTIVE, Role.SUPERVISOR})
# The program's records of a follow-up, by wire name: withheld from police as a whole (see above).
PROGRAM_RECORDS = frozenset({"contact_attempt", "home_visit"})
# Records only police see: never a social worker, never the treatment program's devices.
POLICE_ONLY_RECORDS = frozenset({"drug_intel_report"})

CLINICAL_RECORDS = frozenset({"clinician_note"})
WITHHELD_NOTE = "withheld: the survivor's consent does not cover sharing this with police (42 CFR Part 2)"


@dataclass(frozen=True)
class ConsentTerms:
    """What one consent record says, as far as disclosure goes."""

    scopes: frozenset[str]
    revoked: bool = False
    expires_on: date | None = None  # the consent ends at the start of this day

    @staticmethod
    def of(scopes: Collection[str] | None, revoked: bool, expires_on: date | None) -> ConsentTerms:
        return ConsentTerms(frozenset(scopes or ()), revoked, expires_on)

    def in_force(self, today: date) -> bool:
        return not self.revoked and not_expired(self.expires_on, today)

    def covers(self, scope: ConsentScope, today: date) -> bool:
        return scope.value in self.scopes and self.in_force(today)

    def shares_outcome(self) -> bool:
        """Whether it shares the outcome with police while in force (central indexes this, then checks
        the expiry when a record goes out)."""
        return ConsentScope.TREATMENT_OUTCOME.value in self.scopes and not self.revoked


def not_expired(expires_on: date | None, today: date) -> bool:
    """A consent's end date is the first day it no longer applies. Days are UTC days, on laptops and
    central alike, so both sides stop disclosing at the same moment (a few hours early in Virginia)."""
    return expires_on is None or today < expires_on


def covered(consents: Iterable[ConsentTerms], scope: ConsentScope, today: date) -> bool:
    """Any of a survivor's consents, from any encounter, covers `scope` today."""
    return any(terms.covers(scope, today) for terms in consents)


def is_police(role: Role) -> bool:
    return role in POLICE


def sees_records(role: Role) -> bool:
    """Whether `role` may see any survivor's record: a name, a case, a follow-up, a contact detail.

    The Opioid Coordinator may not. They are no police officer, but the desk they sign in on is a police
    desk (central decides what a laptop pulls per device, central.disclosure: a coordinator's laptop gets
    what a supervisor's gets), and they read it only as the program's figures (domain.metrics), which
    count an outcome only where the consent shares it with police. So they see no more than police
    would, and of that only counts: no service shows them a row (services.disclosure.viewer refuses)."""
    return role is not Role.COORDINATOR


CLINICAL_READERS = frozenset({Role.CLINICIAN, Role.SOCIAL_WORKER})  # the program's own people


def clinical_record_shown(role: Role) -> bool:
    """Whether this role sees a clinician's notes (CLINICAL_RECORDS): the program's people only, never
    police (named, not "everyone but police", so a role added later sees none until it is decided)."""
    return role in CLINICAL_READERS


# What the survivor does about treatment is the program's to record, not police's: a detective or supervisor
# writes down reaching someone (or not) and closes a follow-up for another reason, nothing more.
PROGRAM_OUTCOMES = frozenset(
    {AttemptOutcome.INTAKE_SCHEDULED, AttemptOutcome.ENTERED_TREATMENT, AttemptOutcome.DECLINED}
)
PROGRAM_STATES = frozenset({FollowUpState.ENGAGED, FollowUpState.DECLINED})


def may_record_outcome(role: Role, outcome: AttemptOutcome) -> bool:
    return not is_police(role) or outcome not in PROGRAM_OUTCOMES


def may_record_state(role: Role, state: FollowUpState) -> bool:
    return not is_police(role) or state not in PROGRAM_STATES


def shown_state(state: FollowUpState, outcome_shared: bool) -> FollowUpState:
    """The follow-up's state as police see it: an outcome they may not know reads "closed"."""
    return FollowUpState.CLOSED if state in TERMINAL and not outcome_shared else state


def program_record_shown(*, written_by_viewer: bool, outcome_shared: bool) -> bool:
    """Whether police see one of the program's records of a follow-up (PROGRAM_RECORDS)."""
    return written_by_viewer or outcome_shared


@dataclass(frozen=True)
class ContactSharing:
    """What of the survivor the treatment program may see and use, by domain.consent.follow_up_reach."""

    contact_info: bool  # their name, own phone and address
    burner_phone: bool  # the burner phone the program programmed, to call
    family: bool


EVERYTHING = ContactSharing(contact_info=True, burner_phone=True, family=True)  # police took the details
NOTHING = ContactSharing(contact_info=False, burner_phone=False, family=False)


def contact_sharing(
    role: Role,
    consents: Iterable[ConsentTerms],
    today: date,
    *,
    burner_phone_issued: bool,
    program_calls_burner: bool,
) -> ContactSharing:
    """Police see what they took at the bedside; the program what the consents in force share with it."""
    if is_police(role):
        return EVERYTHING
    if not sees_records(role):
        return NOTHING
    in_force = frozenset(
        ConsentScope(scope)
        for terms in consents
        if terms.in_force(today)
        for scope in terms.scopes
        if scope in _SCOPES
    )
    reach = follow_up_reach(
        in_force, burner_phone_issued=burner_phone_issued, program_calls_burner=program_calls_burner
    )
    return ContactSharing(
        contact_info=reach is FollowUpReach.SURVIVOR,
        burner_phone=reach is not FollowUpReach.SURVIVOR_CALLS,
        family=ConsentScope.FAMILY_CONTACT in in_force,
    )


_SCOPES = frozenset(scope.value for scope in ConsentScope)
