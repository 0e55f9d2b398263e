"""The rows domain.metrics computes the program's figures from: only the columns it needs, for the
encounters started in a period, a few grouped queries whatever the count (each starts from the index on
the encounter's start time and follows the indexes on encounter, follow-up and person ids)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from burner_desk.domain.consent import SignedHow
from burner_desk.domain.disclosure import POLICE, ConsentTerms
from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.inventory import BagItemKind, HandoutAudience
from burner_desk.domain.metrics import AttemptRow, EncounterRow, FollowUpRow, ProgramRows, VisitRow
from burner_desk.storage.models import (
    BagItem,
    BurnerPhone,
    Consent,
    ContactAttempt,
    Encounter,
    FollowUp,
    Handout,
    HandoutGiven,
    HomeVisit,
    Person,
    PhoneSwap,
    RecoveryBag,
    User,
)

_POLICE_ROLES = tuple(role.value for role in POLICE)


class ProgramQueries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def rows(self, starts_at: datetime, ends_at: datetime) -> ProgramRows:
        """Everything domain.metrics.compute needs for the encounters started in [starts_at, ends_at)."""
        in_period = (
            Encounter.started_at >= starts_at,
            Encounter.started_at < ends_at,
            Encounter.deleted_at.is_(None),
        )
        period_encounters = select(Encounter.id).where(*in_period)
        period_people = select(Encounter.person_id).where(*in_period)
        period_follow_ups = select(FollowUp.id).where(
            FollowUp.encounter_id.in_(period_encounters), FollowUp.deleted_at.is_(None)
        )
        run = self._session.execute

        consents: dict[uuid.UUID, list[ConsentTerms]] = defaultdict(list)
        declined: set[uuid.UUID] = set()
        for person_id, encounter_id, scopes, revoked_at, expires_on, signed_how in run(
            select(
                Consent.person_id,
                Consent.encounter_id,
                Consent.scopes,
                Consent.revoked_at,
                Consent.expires_on,
                Consent.signed_how,
            ).where(Consent.person_id.in_(period_people), Consent.deleted_at.is_(None))
        ):
            consents[person_id].append(ConsentTerms.of(scopes, revoked_at is not None, expires_on))
            if signed_how == SignedHow.DECLINED:
                declined.add(encounter_id)

        by_police = User.role.in_(_POLICE_ROLES)
        attempts: dict[uuid.UUID, list[AttemptRow]] = defaultdict(list)
        for follow_up_id, at, channel, outcome, police in run(
            select(
                ContactAttempt.follow_up_id, ContactAttempt.at, ContactAttempt.channel, ContactAttempt.outcome
            )
            .add_columns(func.coalesce(by_police, False))
            .outerjoin(User, User.id == ContactAttempt.by_user_id)
            .where(ContactAttempt.follow_up_id.in_(period_follow_ups), ContactAttempt.deleted_at.is_(None))
        ):
            attempts[follow_up_id].append(AttemptRow(at, channel, outcome, bool(police)))
        visits: dict[uuid.UUID, list[VisitRow]] = defaultdict(list)
        for follow_up_id, done_at, police in run(
            select(HomeVisit.follow_up_id, HomeVisit.done_at)
            .add_columns(func.coalesce(by_police, False))
            .outerjoin(User, User.id == HomeVisit.created_by)
            .where(
                HomeVisit.follow_up_id.in_(period_follow_ups),
                HomeVisit.done_at.is_not(None),
                HomeVisit.deleted_at.is_(None),
            )
        ):
            visits[follow_up_id].append(VisitRow(done_at, bool(police)))

        bags = dict(
            self._per_encounter(
                select(RecoveryBag.encounter_id, func.count(RecoveryBag.id)), period_encounters
            )
        )
        naloxone = dict(
            self._per_encounter(
                select(RecoveryBag.encounter_id, func.sum(BagItem.quantity))
                .join(BagItem, BagItem.bag_id == RecoveryBag.id)
                .where(BagItem.kind == BagItemKind.NALOXONE, BagItem.deleted_at.is_(None)),
                period_encounters,
            )
        )
        family_handouts = {
            language: int(quantity)
            for language, quantity in run(
                select(Handout.language, func.sum(HandoutGiven.quantity))
                .join(Handout, Handout.id == HandoutGiven.handout_id)
                .where(
                    HandoutGiven.encounter_id.in_(period_encounters),
                    HandoutGiven.deleted_at.is_(None),
                    Handout.audience == HandoutAudience.FAMILY,
                )
                .group_by(Handout.language)
            )
        }

        encounters: dict[uuid.UUID, EncounterRow] = {}
        for (
            encounter_id,
            started_at,
            person_id,
            jurisdiction,
            burner_id,
            status,
            follow_up_id,
            due_at,
            state,
        ) in run(
            select(
                Encounter.id,
                Encounter.started_at,
                Person.id,
                Person.jurisdiction,
                PhoneSwap.burner_phone_id,
                BurnerPhone.status,
                FollowUp.id,
                FollowUp.due_at,
                FollowUp.state,
            )
            .join(Person, Person.id == Encounter.person_id)
            .outerjoin(PhoneSwap, (PhoneSwap.encounter_id == Encounter.id) & PhoneSwap.deleted_at.is_(None))
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .outerjoin(FollowUp, (FollowUp.encounter_id == Encounter.id) & FollowUp.deleted_at.is_(None))
            .where(*in_period)
        ):
            follow_up = (
                None
                if follow_up_id is None
                else FollowUpRow(
                    due_at, state, tuple(attempts.get(follow_up_id, ())), tuple(visits.get(follow_up_id, ()))
                )
            )
            encounters.setdefault(
                encounter_id,
                EncounterRow(
                    started_at=started_at,
                    jurisdiction=jurisdiction,
                    consents=tuple(consents.get(person_id, ())),
                    consent_declined=encounter_id in declined,
                    phone_issued=burner_id is not None,
                    phone_status=status or "",
                    bags=int(bags.get(encounter_id, 0)),
                    naloxone_kits=int(naloxone.get(encounter_id, 0) or 0),
                    follow_up=follow_up,
                ),
            )
        open_due = tuple(
            self._session.scalars(
                select(FollowUp.due_at).where(
                    FollowUp.state == FollowUpState.OPEN, FollowUp.deleted_at.is_(None)
                )
            )
        )
        return ProgramRows(tuple(encounters.values()), family_handouts, open_due)

    def _per_encounter(self, query: Select[Any], period_encounters: Select[Any]) -> list[Any]:
        """A grouped count or sum per encounter of the period, over the bags issued in it."""
        return list(
            self._session.execute(
                query.where(
                    RecoveryBag.encounter_id.in_(period_encounters), RecoveryBag.deleted_at.is_(None)
                ).group_by(RecoveryBag.encounter_id)
            )
        )
