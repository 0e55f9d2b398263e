"""domain.disclosure applied on this laptop, for the signed-in user: whatever central sent, a detective or
supervisor never sees an outcome or a program record the survivor's consent does not share with police,
and a social worker sees only the contact details the consent shares with the program. Every service that
shows a follow-up, a survivor's contact details or the program's records reads them through a Viewer."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from burner_desk.domain import disclosure
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.disclosure import ConsentTerms, ContactSharing
from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.people import Actor
from burner_desk.storage.uow import Transaction


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    today: date
    consents: Mapping[UUID, tuple[ConsentTerms, ...]]  # survivor (person id) -> their consents

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

    def contact_sharing(self, person_id: UUID) -> ContactSharing:
        return disclosure.contact_sharing(self.actor.role, self.consents.get(person_id, ()), self.today)


def viewer(tx: Transaction, actor: Actor, person_ids: Collection[UUID], today: date) -> Viewer:
    """The signed-in user, with the consents of the survivors about to be shown (one query)."""
    consents: dict[UUID, list[ConsentTerms]] = {}
    for row in tx.workload.consents_of(person_ids):
        terms = ConsentTerms.of(row.scopes, row.revoked_at is not None, row.expires_on)
        consents.setdefault(row.person_id, []).append(terms)
    return Viewer(actor, today, {person: tuple(terms) for person, terms in consents.items()})
