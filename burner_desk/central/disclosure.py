"""What a device may see of the follow-up (42 CFR Part 2).

The treatment program's own client (enrolled with a `--treatment-program` code, a decision made at central
by a supervisor) sees everything. Every other device is a police device: it sees a follow-up's outcome
only where the survivor's consent covers sharing the treatment outcome with police; otherwise the follow-up shows only "closed", and other
devices' contact attempts and home visits for it are withheld (a device gets back those it wrote itself).
The follow-up's state is masked even for the device that created the follow-up: the record is the
bedside detective's, the outcome is the program's.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from burner_desk.central.db import insert_rows
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.models import OutcomeConsent, Record
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.followup import TERMINAL, FollowUpState

FOLLOW_UP_DETAIL = frozenset({"contact_attempt", "home_visit"})


class Disclosure:
    def __init__(self, session: Session, device: AuthenticatedDevice) -> None:
        self._session = session
        self._device = str(device.id)
        self.full = device.treatment_program
        self._outcome_shared: dict[str, bool] = {}
        self._follow_up_person: dict[str, str | None] = {}

    def shown(self, entity: str, fields: dict[str, Any]) -> dict[str, Any] | None:
        """The fields this device may see of a record, or None to withhold it."""
        if self.full:
            return fields
        outcome = entity == "follow_up" and fields.get("state") in TERMINAL
        if outcome and not self._shared(fields.get("person_id")):
            return fields | {"state": FollowUpState.CLOSED.value}
        if entity in FOLLOW_UP_DETAIL and fields.get("device_id") != self._device:
            person = self._person_of(fields.get("follow_up_id"))
            if not self._shared(person):
                return None
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
            shared = self._session.scalar(
                select(OutcomeConsent.consent_id)
                .where(OutcomeConsent.person_id == person, OutcomeConsent.shares_outcome)
                .limit(1)
            )
            self._outcome_shared[key] = shared is not None
        return self._outcome_shared[key]


def shares_outcome(consent: dict[str, Any]) -> bool:
    """Whether a consent record, as central holds it, lets police see the follow-up outcome."""
    return (
        ConsentScope.TREATMENT_OUTCOME.value in (consent.get("scopes") or [])
        and consent.get("revoked_at") is None
        and consent.get("deleted_at") is None
    )


def index_consents(session: Session, consents: dict[uuid.UUID, dict[str, Any]]) -> None:
    """Keep outcome_consent in step with consent records just written (same transaction): consent id ->
    the fields as now held."""
    if not consents:
        return
    session.execute(delete(OutcomeConsent).where(OutcomeConsent.consent_id.in_(list(consents))))
    insert_rows(
        session,
        OutcomeConsent,
        [
            {
                "consent_id": consent_id,
                "person_id": _uuid_or_none(fields.get("person_id")),
                "shares_outcome": shares_outcome(fields),
            }
            for consent_id, fields in consents.items()
        ],
    )


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
