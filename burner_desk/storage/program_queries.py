"""The rows domain.metrics computes the program's figures from: one row per encounter started in the
period, with what it needs of that encounter's survivor, phone, bags, consents, follow-up, attempts and
home visits gathered in SQL, plus two small grouped queries.

Every part is an index lookup from the encounter (the start-time index, then the indexes on encounter,
follow-up and person ids). The rows come back as plain text and numbers, never as ORM objects: turning
tens of thousands of ids and times into Python objects would cost more than the query (a year's figures
on a 100k-encounter vault have a 200 ms budget, benchmarks/program.py). Times travel as Unix seconds, and
the lists (consents, attempts, visits) as JSON arrays made by SQLite.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, String, and_, case, cast, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from burner_desk.domain.consent import SignedHow
from burner_desk.domain.disclosure import POLICE, ConsentTerms
from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.inventory import BagItemKind, HandoutAudience
from burner_desk.domain.metrics import (
    COUNTED_OUTCOMES,
    AttemptRow,
    EncounterRow,
    FollowUpRow,
    ProgramRows,
    VisitRow,
)
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


def _seconds(column: Any) -> ColumnElement[int]:
    """A UTC time column (stored as text) as Unix seconds, worked out by SQLite."""
    return cast(func.strftime("%s", type_coerce(column, String)), Integer)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _moment(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=seconds)  # a tenth of the time of datetime.fromtimestamp(seconds, UTC)


def _json_list(*columns: Any) -> Any:
    return func.coalesce(func.json_group_array(func.json_array(*columns)), "[]")


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
        police = func.coalesce(User.role.in_(_POLICE_ROLES), False)
        declined_here = and_(Consent.encounter_id == Encounter.id, Consent.signed_how == SignedHow.DECLINED)
        consents = (  # [[scopes, revoked, expires on, declined at this encounter], ...]
            select(
                _json_list(
                    func.json(type_coerce(Consent.scopes, String)),
                    Consent.revoked_at.is_not(None),
                    Consent.expires_on,
                    declined_here,
                )
            )
            .where(Consent.person_id == Encounter.person_id, Consent.deleted_at.is_(None))
            .scalar_subquery()
        )
        attempts = (
            select(
                _json_list(
                    _seconds(ContactAttempt.at), ContactAttempt.channel, ContactAttempt.outcome, police
                )
            )
            .select_from(ContactAttempt)
            .outerjoin(User, User.id == ContactAttempt.by_user_id)
            .where(
                ContactAttempt.follow_up_id == FollowUp.id,
                ContactAttempt.outcome.in_(COUNTED_OUTCOMES),
                ContactAttempt.deleted_at.is_(None),
            )
            .scalar_subquery()
        )
        visits = (
            select(_json_list(_seconds(HomeVisit.done_at), police))
            .select_from(HomeVisit)
            .outerjoin(User, User.id == HomeVisit.created_by)
            .where(
                HomeVisit.follow_up_id == FollowUp.id,
                HomeVisit.done_at.is_not(None),
                HomeVisit.deleted_at.is_(None),
            )
            .scalar_subquery()
        )
        naloxone = case(
            (and_(BagItem.kind == BagItemKind.NALOXONE, BagItem.deleted_at.is_(None)), BagItem.quantity)
        )
        bags = (  # [bags, naloxone kits in them]
            select(
                func.json_array(func.count(RecoveryBag.id.distinct()), func.coalesce(func.sum(naloxone), 0))
            )
            .select_from(RecoveryBag)
            .outerjoin(BagItem, BagItem.bag_id == RecoveryBag.id)
            .where(RecoveryBag.encounter_id == Encounter.id, RecoveryBag.deleted_at.is_(None))
            .scalar_subquery()
        )
        # The whole answer as one JSON document: one parse in C instead of a Python step per row and
        # per list. func.json() marks a subquery's text as JSON again, so it nests instead of quoting.
        query = (
            select(
                _json_list(
                    _seconds(Encounter.started_at),
                    Person.jurisdiction,
                    PhoneSwap.burner_phone_id.is_not(None),
                    func.coalesce(BurnerPhone.status, ""),
                    func.json(consents),
                    func.json(bags),
                    _seconds(FollowUp.due_at),
                    FollowUp.state,
                    func.json(func.coalesce(attempts, "[]")),
                    func.json(func.coalesce(visits, "[]")),
                )
            )
            .select_from(Encounter)
            .join(Person, Person.id == Encounter.person_id)
            .outerjoin(PhoneSwap, (PhoneSwap.encounter_id == Encounter.id) & PhoneSwap.deleted_at.is_(None))
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .outerjoin(FollowUp, (FollowUp.encounter_id == Encounter.id) & FollowUp.deleted_at.is_(None))
            .where(*in_period)
        )
        encounters = tuple(_encounter_row(*row) for row in json.loads(self._session.scalar(query) or "[]"))

        family_handouts = {
            language: int(quantity)
            for language, quantity in self._session.execute(
                select(Handout.language, func.sum(HandoutGiven.quantity))
                .join(Handout, Handout.id == HandoutGiven.handout_id)
                .where(
                    HandoutGiven.encounter_id.in_(select(Encounter.id).where(*in_period)),
                    HandoutGiven.deleted_at.is_(None),
                    Handout.audience == HandoutAudience.FAMILY,
                )
                .group_by(Handout.language)
            )
        }
        open_due = tuple(
            _moment(seconds)
            for seconds in self._session.scalars(
                select(_seconds(FollowUp.due_at)).where(
                    FollowUp.state == FollowUpState.OPEN, FollowUp.deleted_at.is_(None)
                )
            )
        )
        return ProgramRows(encounters, family_handouts, open_due)


def _encounter_row(
    started: int,
    jurisdiction: str,
    phone_issued: int,
    status: str,
    consents: list[list[Any]],
    bags: list[int],
    due: int | None,
    state: str | None,
    attempts: list[list[Any]],
    visits: list[list[Any]],
) -> EncounterRow:
    follow_up = None
    if due is not None and state is not None:
        follow_up = FollowUpRow(
            _moment(due),
            state,
            tuple(
                AttemptRow(_moment(at), channel, outcome, bool(police))
                for at, channel, outcome, police in attempts
            ),
            tuple(VisitRow(_moment(done), bool(police)) for done, police in visits),
        )
    return EncounterRow(
        _moment(started),
        jurisdiction,
        tuple(
            ConsentTerms.of(scopes, bool(revoked), date.fromisoformat(ends) if ends else None)
            for scopes, revoked, ends, _declined in consents
        ),
        any(declined for *_terms, declined in consents),
        bool(phone_issued),
        status,
        bags[0],
        bags[1],
        follow_up,
    )
