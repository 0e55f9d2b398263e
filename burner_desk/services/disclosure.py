"""domain.disclosure applied on this laptop, for the signed-in user: whatever central sent, a detective or
supervisor never sees an outcome or a program record the survivor's consent does not share with police,
and a social worker sees of the survivor only what the consent lets the program reach (domain.consent). Every service that
shows a follow-up, a survivor's contact details or the program's records reads them through a Viewer."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from burner_desk.domain import disclosure
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.disclosure import ConsentTerms, ContactSharing
from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.people import Actor
from burner_desk.services import settings
from burner_desk.storage.models import ContactAttempt, FollowUp, HomeVisit
from burner_desk.storage.sync_ledger import MODELS_BY_ENTITY
from burner_desk.storage.uow import Transaction

WITHHELD = disclosure.WITHHELD_NOTE
WITHHELD_FROM_PROGRAM = "withheld: drug intelligence is for police only"
STATES = frozenset(state.value for state in FollowUpState)


NAME_NOT_SHARED = "Survivor (name not shared)"


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    today: date
    consents: Mapping[UUID, tuple[ConsentTerms, ...]]  # survivor (person id) -> their consents
    program_calls_burner: bool = True  # the city's setting (services.settings)

    @property
    def police(self) -> bool:
        return disclosure.is_police(self.actor.role)

    def outcome_shared(self, person_id: UUID) -> bool:
        """Whether this user may see the outcome of the survivor's follow-up."""
        return not self.police or disclosure.covered(
            self.consents.get(person_id, ()), ConsentScope.TREATMENT_OUTCOME, self.today
        )

    def state(self, person_id: UUID, state: FollowUpState) -> FollowUpState:
        return disclosure.shown_state(state, self.outcome_shared(person_id))

    def shows_program_record(self, person_id: UUID, written_by: UUID | None) -> bool:
        """A contact attempt or home visit of the survivor's follow-up."""
        return disclosure.program_record_shown(
            written_by_viewer=written_by == self.actor.user_id, outcome_shared=self.outcome_shared(person_id)
        )

    def contact_sharing(self, person_id: UUID, *, burner_phone_issued: bool) -> ContactSharing:
        return disclosure.contact_sharing(
            self.actor.role,
            self.consents.get(person_id, ()),
            self.today,
            burner_phone_issued=burner_phone_issued,
            program_calls_burner=self.program_calls_burner,
        )

    def name(self, person_id: UUID, given_name: str, family_name: str, *, burner_phone_issued: bool) -> str:
        """The survivor's name, where this user may know it."""
        if self.contact_sharing(person_id, burner_phone_issued=burner_phone_issued).contact_info:
            return f"{given_name} {family_name}"
        return NAME_NOT_SHARED


def conflict_values(
    tx: Transaction,
    actor: Actor,
    entity: str,
    entity_id: UUID,
    field: str,
    values: tuple[Any, Any],
    today: date,
) -> tuple[Any, Any]:
    """A sync conflict's two values (this laptop's, central's) as this user may see them: a conflict about
    a follow-up's outcome, the program's records, police's drug intelligence or a clinician's notes is no way
    around the rule."""
    if entity in disclosure.POLICE_ONLY_RECORDS:
        return values if disclosure.is_police(actor.role) else (WITHHELD_FROM_PROGRAM, WITHHELD_FROM_PROGRAM)
    if entity in disclosure.CLINICAL_RECORDS and not disclosure.clinical_record_shown(actor.role):
        return WITHHELD, WITHHELD
    if not disclosure.is_police(actor.role) or entity not in {"follow_up", *disclosure.PROGRAM_RECORDS}:
        return values
    model = MODELS_BY_ENTITY[entity]
    record = tx.sync.record(model, entity_id)
    follow_up = record if isinstance(record, FollowUp) else None
    if isinstance(record, ContactAttempt | HomeVisit):
        follow_up = tx.sync.record(FollowUp, record.follow_up_id)  # type: ignore[assignment]
    if record is None or follow_up is None:
        return WITHHELD, WITHHELD  # whose it is cannot be told: nothing is shown
    seen_by = viewer(tx, actor, {follow_up.person_id}, today)
    if isinstance(record, FollowUp):
        if field != "state":
            return values
        return tuple(  # type: ignore[return-value]
            seen_by.state(follow_up.person_id, FollowUpState(value)).value
            if isinstance(value, str) and value in STATES
            else value
            for value in values
        )
    if seen_by.shows_program_record(follow_up.person_id, record.created_by):
        return values
    return WITHHELD, WITHHELD


def viewer(tx: Transaction, actor: Actor, person_ids: Collection[UUID], today: date) -> Viewer:
    """The signed-in user, with the consents of the survivors about to be shown (one query). Refuses a
    user who may see no survivor's record (domain.disclosure.sees_records): every view of one comes here."""
    if not disclosure.sees_records(actor.role):
        raise NotPermitted("A coordinator sees the program's figures, never a survivor's record.")
    consents: dict[UUID, list[ConsentTerms]] = {}
    for person_id, scopes, revoked_at, expires_on in tx.workload.consent_terms_of(person_ids):
        consents.setdefault(person_id, []).append(ConsentTerms.of(scopes, revoked_at is not None, expires_on))
    calls_burner = settings.program_calls_burner(tx)
    return Viewer(actor, today, {person: tuple(terms) for person, terms in consents.items()}, calls_burner)
