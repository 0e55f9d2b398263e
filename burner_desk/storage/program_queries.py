"""The rows domain.metrics computes the program's figures from: one flat row per encounter started in the
period, with what it needs of that encounter's survivor, phone, bags, consents, follow-up, attempts and
home visits worked out by SQLite, plus two small grouped queries.

Every part is an index lookup from the encounter (the live start-time index, then the indexes on encounter,
follow-up and person ids; attempts and visits through indexes that hold every column read, laptop
migration 0017). SQLite hands back plain numbers and text, never lists or ORM objects: building Python
objects for tens of thousands of attempts cost more than the figures' whole budget (a year on a
100k-encounter vault: 200 ms, benchmarks/program.py). Times travel as Unix seconds.

Police see the program's own attempts and visits only where the outcome is shared, their own always
(domain.disclosure.program_record_shown): SQLite finds the first contact and visit among both, and
`_encounter_row` keeps the one police may know.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.disclosure import POLICE
from burner_desk.domain.followup import Channel, FollowUpState
from burner_desk.domain.inventory import BagItemKind, HandoutAudience
from burner_desk.domain.metrics import (
    INTAKE_STORED,
    REACHED_STORED,
    TREATMENT_STORED,
    EncounterRow,
    FollowUpRow,
    ProgramRows,
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


class ProgramQueries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def rows(self, starts_at: datetime, ends_at: datetime, now: datetime) -> ProgramRows:
        """Everything domain.metrics.compute needs for the encounters started in [starts_at, ends_at);
        a consent shares the outcome if it is in force on `now`'s UTC day."""
        in_period = (
            Encounter.started_at >= starts_at,
            Encounter.started_at < ends_at,
            Encounter.deleted_at.is_(None),
        )
        # The desk's few police users, read once: as a subquery SQLite would list them again per follow-up
        police = self._session.scalars(select(User.id).where(User.role.in_(_POLICE_ROLES))).all()
        reached = ContactAttempt.outcome.in_(REACHED_STORED)
        by_police = ContactAttempt.by_user_id.in_(police)
        called_in = ContactAttempt.channel == Channel.SURVIVOR_CALLED_IN
        query = (
            select(
                _seconds(Encounter.started_at),
                Person.jurisdiction,
                _declined_here(),
                PhoneSwap.burner_phone_id.is_not(None),
                func.coalesce(BurnerPhone.status, ""),
                _bags(),
                _naloxone_kits(),
                _seconds(FollowUp.due_at),
                FollowUp.state,
                _outcome_shared(now.date()),
                _first_contact(reached),
                _first_contact(reached, called_in),
                _first_contact(reached, by_police),
                _first_contact(reached, by_police, called_in),
                _recorded(INTAKE_STORED),
                _recorded(TREATMENT_STORED),
                _first_visit(),
                _first_visit(HomeVisit.created_by.in_(police)),
            )
            .select_from(Encounter)
            .join(Person, Person.id == Encounter.person_id)
            .outerjoin(PhoneSwap, (PhoneSwap.encounter_id == Encounter.id) & PhoneSwap.deleted_at.is_(None))
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .outerjoin(FollowUp, (FollowUp.encounter_id == Encounter.id) & FollowUp.deleted_at.is_(None))
            .where(*in_period)
        )
        encounters = tuple(_encounter_row(*row) for row in self._session.execute(query))

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
        overdue_now = self._session.scalar(
            select(func.count()).where(
                FollowUp.state == FollowUpState.OPEN, FollowUp.deleted_at.is_(None), FollowUp.due_at <= now
            )
        )
        return ProgramRows(encounters, family_handouts, overdue_now or 0)


def _declined_here() -> ColumnElement[bool]:
    return exists(
        select(literal(1)).where(
            Consent.encounter_id == Encounter.id,
            Consent.signed_how == SignedHow.DECLINED,
            Consent.deleted_at.is_(None),
        )
    )


def _outcome_shared(today: date) -> ColumnElement[bool]:
    """Any of the survivor's consents, from any encounter, shares the treatment outcome with police and is
    in force on `today` (domain.disclosure.ConsentTerms.covers: not revoked, ends after today)."""
    scopes = func.json_each(type_coerce(Consent.scopes, String)).table_valued("value")
    return exists(
        select(literal(1))
        .select_from(Consent)
        .join(scopes, true())
        .where(
            Consent.person_id == Encounter.person_id,
            Consent.deleted_at.is_(None),
            Consent.revoked_at.is_(None),
            or_(Consent.expires_on.is_(None), Consent.expires_on > today),
            scopes.c.value == ConsentScope.TREATMENT_OUTCOME.value,
        )
    )


def _attempts(*where: ColumnElement[bool]) -> Any:
    """A follow-up's live attempts that `where` picks, read from ix_contact_attempt_figures alone."""
    return (
        select()
        .select_from(ContactAttempt)
        .where(ContactAttempt.follow_up_id == FollowUp.id, ContactAttempt.deleted_at.is_(None), *where)
    )


def _first_contact(*where: ColumnElement[bool]) -> Any:
    """When the first attempt `where` picks came (Unix seconds; none: NULL)."""
    return _attempts(*where).add_columns(func.min(_seconds(ContactAttempt.at))).scalar_subquery()


def _recorded(outcomes: tuple[str, ...]) -> ColumnElement[bool]:
    return exists(_attempts(ContactAttempt.outcome.in_(outcomes)).add_columns(literal(1)))


def _first_visit(*where: ColumnElement[bool]) -> Any:
    return (
        select(func.min(_seconds(HomeVisit.done_at)))
        .where(
            HomeVisit.follow_up_id == FollowUp.id,
            HomeVisit.done_at.is_not(None),
            HomeVisit.deleted_at.is_(None),
            *where,
        )
        .scalar_subquery()
    )


def _bags() -> Any:
    return (
        select(func.count())
        .where(RecoveryBag.encounter_id == Encounter.id, RecoveryBag.deleted_at.is_(None))
        .scalar_subquery()
    )


def _naloxone_kits() -> Any:
    return (
        select(func.coalesce(func.sum(BagItem.quantity), 0))
        .join(RecoveryBag, RecoveryBag.id == BagItem.bag_id)
        .where(
            RecoveryBag.encounter_id == Encounter.id,
            RecoveryBag.deleted_at.is_(None),
            BagItem.kind == BagItemKind.NALOXONE,
            BagItem.deleted_at.is_(None),
        )
        .scalar_subquery()
    )


def _encounter_row(
    started: int,
    jurisdiction: str,
    declined: int,
    phone_issued: int,
    status: str,
    bags: int,
    kits: int,
    due: int | None,
    state: str | None,
    shared: int,
    first_at: int | None,
    first_call_in_at: int | None,
    own_first_at: int | None,
    own_first_call_in_at: int | None,
    intake: int,
    treatment: int,
    first_visit: int | None,
    own_first_visit: int | None,
) -> EncounterRow:
    follow_up = None
    if due is not None and state is not None:
        # The program's records count where the outcome is shared, police's own always
        # (domain.disclosure.program_record_shown).
        if not shared:
            first_at, first_call_in_at, first_visit = own_first_at, own_first_call_in_at, own_first_visit
        follow_up = FollowUpRow(
            due,
            state,
            bool(shared),
            first_at,
            first_at is not None
            and first_call_in_at == first_at,  # the first contact was the survivor's call
            bool(intake),
            bool(treatment),
            first_visit,
        )
    return EncounterRow(
        started, jurisdiction, bool(declined), bool(phone_issued), status, bags, kits, follow_up
    )
