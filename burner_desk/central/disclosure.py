"""What a device may see of the follow-up (42 CFR Part 2).

A social worker's client sees everything. A police device (any device with a user who is not a social
worker, or a user central has no record of) sees a follow-up's outcome only where the survivor's consent
covers sharing the treatment outcome with police; otherwise the follow-up shows only "closed", and other
devices' contact attempts and home visits for it are withheld (a device gets back those it wrote itself).
The follow-up's state is masked even for the device that created the follow-up: the record is the
bedside detective's, the outcome is the program's.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.central.models import Record
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.followup import TERMINAL, FollowUpState
from burner_desk.domain.people import Role

FOLLOW_UP_DETAIL = frozenset({"contact_attempt", "home_visit"})


class Disclosure:
    def __init__(self, session: Session, device_id: uuid.UUID, users: frozenset[uuid.UUID]) -> None:
        self._session = session
        self._device = str(device_id)
        roles = session.execute(
            select(Record.fields).where(Record.entity == "user", Record.id.in_(users))
        ).scalars()
        known = [fields.get("role") for fields in roles]
        self.full = len(known) == len(users) and all(role == Role.SOCIAL_WORKER.value for role in known)
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
            consents = self._session.execute(
                select(Record.fields).where(
                    Record.entity == "consent", Record.fields["person_id"].as_string() == key
                )
            ).scalars()
            self._outcome_shared[key] = any(
                ConsentScope.TREATMENT_OUTCOME.value in (consent.get("scopes") or [])
                and consent.get("revoked_at") is None
                and consent.get("deleted_at") is None
                for consent in consents
            )
        return self._outcome_shared[key]
