"""What a device may see of the follow-up (42 CFR Part 2), by the rule in domain.disclosure.

Central decides per device: the treatment program's own client (enrolled with a `--treatment-program`
code, a decision made at central by a supervisor) sees everything but police's drug intelligence. Every other device is a police device:
it sees a follow-up's outcome only where a consent in force covers sharing the treatment outcome with
police; otherwise the follow-up shows only "closed", and other devices' contact attempts and home visits
for it are withheld ("written by the viewer" is, for central, written by that device). The follow-up's
state is masked even for the device that created the follow-up: the record is the bedside detective's,
the outcome is the program's. A co-response clinician's notes (domain.disclosure.CLINICAL_RECORDS) go to no
police device but the one they were written on, whatever the consent. On a laptop, the same rule applies
again per signed-in user.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from burner_desk.central.db import insert_rows
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.models import OutcomeConsent, Record
from burner_desk.domain import disclosure
from burner_desk.domain.followup import TERMINAL, FollowUpState


class Disclosure:
    def __init__(self, session: Session, device: AuthenticatedDevice, today: date | None = None) -> None:
        self._session = session
        self._device = str(device.id)
        self.full = device.treatment_program
        self._today = today or datetime.now(UTC).date()
        self._outcome_shared: dict[str, bool] = {}
        self._follow_up_person: dict[str, str | None] = {}

    def shown(self, entity: str, fields: dict[str, Any]) -> dict[str, Any] | None:
        """The fields this device may see of a record, or None to withhold it."""
        if self.full:
            return self._program_view(entity, fields)
        if entity in disclosure.CLINICAL_RECORDS:
            return fields if fields.get("device_id") == self._device else None
        if entity == "follow_up" and fields.get("state") in TERMINAL:
            state = FollowUpState(fields["state"])
            shown = disclosure.shown_state(state, self._shared(fields.get("person_id")))
            return fields if shown is state else fields | {"state": shown.value}
        if entity in disclosure.PROGRAM_RECORDS:
            own = fields.get("device_id") == self._device
            shared = not own and self._shared(
                self._person_of(fields.get("follow_up_id"))
            )  # look up only if needed
            if not disclosure.program_record_shown(written_by_viewer=own, outcome_shared=shared):
                return None
        return fields

    @staticmethod
    def _program_view(entity: str, fields: dict[str, Any]) -> dict[str, Any] | None:
        """The treatment program sees everything but police's own intelligence: drug intelligence
        reports, and the notes laptops not yet upgraded may still put on an incident (models.Incident)."""
        if entity in disclosure.POLICE_ONLY_RECORDS:
            return None
        if entity == "incident" and fields.get("drug_intel_notes"):
            return fields | {"drug_intel_notes": ""}
        return fields

    def _person_of(self, follow_up_id: Any) -> str | None:
        key = str(follow_up_id)
        if key not in self._follow_up_person:
            try:
                record_id = uuid.UUID(key)
            except ValueError:
                return None
            follow_up = self._session.get(Record, ("follow_up", record_id))
            self._follow_up_person[key] = follow_up.fields.get("person_id") if follow_up else None
        return self._follow_up_person[key]

    def _shared(self, person_id: Any) -> bool:
        if person_id is None:
            return False
        key = str(person_id)
        if key not in self._outcome_shared:
            try:
                person = uuid.UUID(key)
            except ValueError:
                return False
            ends = self._session.scalars(
                select(OutcomeConsent.expires_on).where(
                    OutcomeConsent.person_id == person, OutcomeConsent.shares_outcome
                )
            )
            self._outcome_shared[key] = any(disclosure.not_expired(end, self._today) for end in ends)
        return self._outcome_shared[key]


def consent_terms(consent: dict[str, Any]) -> disclosure.ConsentTerms:
    """A consent record as central holds it (wire form); a deleted one counts as revoked."""
    revoked = consent.get("revoked_at") is not None or consent.get("deleted_at") is not None
    return disclosure.ConsentTerms.of(
        consent.get("scopes"), revoked, _date_or_none(consent.get("expires_on"))
    )


def index_consents(session: Session, consents: dict[uuid.UUID, dict[str, Any]]) -> None:
    """Keep outcome_consent in step with consent records just written (same transaction): consent id ->
    the fields as now held."""
    if not consents:
        return
    session.execute(delete(OutcomeConsent).where(OutcomeConsent.consent_id.in_(list(consents))))
    rows = []
    for consent_id, fields in consents.items():
        terms = consent_terms(fields)
        rows.append(
            {
                "consent_id": consent_id,
                "person_id": _uuid_or_none(fields.get("person_id")),
                "shares_outcome": terms.shares_outcome(),
                "expires_on": terms.expires_on,
            }
        )
    insert_rows(session, OutcomeConsent, rows)


def _date_or_none(value: Any) -> date | None:
    """A consent's end date in wire form; one central cannot read ends nothing (the laptop checked it)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
