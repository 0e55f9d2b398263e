"""Repositories: the queries services need, by aggregate. They add and select; they never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from burner_desk.storage.models import (
    BagItem,
    BurnerPhone,
    ContactAttempt,
    Encounter,
    FollowUp,
    Handout,
    PhoneSwap,
    RecoveryBag,
    Resource,
    Setting,
    User,
)


class People:
    def __init__(self, session: Session) -> None:
        self._session = session

    def user_by_name(self, name: str) -> User | None:
        return self._session.scalar(select(User).where(User.name == name, User.deleted_at.is_(None)))

    def users(self) -> Sequence[User]:
        return self._session.scalars(
            select(User).where(User.deleted_at.is_(None)).order_by(User.display_name)
        ).all()


class Inventory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def phone_by_imei_or_tag(self, imei_or_tag: str) -> BurnerPhone | None:
        return self._session.scalar(
            select(BurnerPhone).where(
                or_(BurnerPhone.imei == imei_or_tag, BurnerPhone.asset_tag == imei_or_tag),
                BurnerPhone.deleted_at.is_(None),
            )
        )

    def phones(self, status: str | None = None) -> Sequence[BurnerPhone]:
        stmt = select(BurnerPhone).where(BurnerPhone.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(BurnerPhone.status == status)
        return self._session.scalars(stmt.order_by(BurnerPhone.asset_tag)).all()

    def bag_by_label(self, label: str) -> RecoveryBag | None:
        return self._session.scalar(
            select(RecoveryBag).where(RecoveryBag.label == label, RecoveryBag.deleted_at.is_(None))
        )

    def bags(self, status: str | None = None) -> Sequence[RecoveryBag]:
        stmt = select(RecoveryBag).where(RecoveryBag.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(RecoveryBag.status == status)
        return self._session.scalars(stmt.order_by(RecoveryBag.label)).all()

    def bag_items(self, bag_id: uuid.UUID) -> Sequence[BagItem]:
        return self._session.scalars(
            select(BagItem)
            .where(BagItem.bag_id == bag_id, BagItem.deleted_at.is_(None))
            .order_by(BagItem.kind)
        ).all()

    def handouts(self) -> Sequence[Handout]:
        return self._session.scalars(
            select(Handout).where(Handout.deleted_at.is_(None)).order_by(Handout.code, Handout.language)
        ).all()

    def handout(self, code: str, language: str) -> Handout | None:
        return self._session.scalar(
            select(Handout).where(
                Handout.code == code, Handout.language == language, Handout.deleted_at.is_(None)
            )
        )


class Resources:
    def __init__(self, session: Session) -> None:
        self._session = session

    def in_jurisdiction(self, jurisdiction: str, kind: str | None = None) -> Sequence[Resource]:
        stmt = select(Resource).where(Resource.jurisdiction == jurisdiction, Resource.deleted_at.is_(None))
        if kind is not None:
            stmt = stmt.where(Resource.kind == kind)
        return self._session.scalars(stmt.order_by(Resource.kind, Resource.name)).all()

    def all(self) -> Sequence[Resource]:
        return self._session.scalars(
            select(Resource)
            .where(Resource.deleted_at.is_(None))
            .order_by(Resource.jurisdiction, Resource.name)
        ).all()


class Settings:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: str = "") -> str:
        row = self._session.get(Setting, key)
        return default if row is None else row.value

    def put(self, key: str, value: str) -> None:
        row = self._session.get(Setting, key)
        if row is None:
            self._session.add(Setting(key=key, value=value))
        else:
            row.value = value


class Workload:
    """Encounters, follow-ups and custody: what a case is made of."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def open_follow_ups(self) -> Sequence[FollowUp]:
        return self._session.scalars(
            select(FollowUp)
            .where(FollowUp.state.in_(("open", "reached")), FollowUp.deleted_at.is_(None))
            .order_by(FollowUp.due_at)
        ).all()

    def follow_up_for(self, encounter_id: uuid.UUID) -> FollowUp | None:
        return self._session.scalar(
            select(FollowUp).where(FollowUp.encounter_id == encounter_id, FollowUp.deleted_at.is_(None))
        )

    def attempts(self, follow_up_id: uuid.UUID) -> Sequence[ContactAttempt]:
        return self._session.scalars(
            select(ContactAttempt)
            .where(ContactAttempt.follow_up_id == follow_up_id, ContactAttempt.deleted_at.is_(None))
            .order_by(ContactAttempt.at)
        ).all()

    def swap_for(self, encounter_id: uuid.UUID) -> PhoneSwap | None:
        return self._session.scalar(
            select(PhoneSwap).where(PhoneSwap.encounter_id == encounter_id, PhoneSwap.deleted_at.is_(None))
        )

    def swap_by_receipt(self, property_receipt_no: str) -> PhoneSwap | None:
        return self._session.scalar(
            select(PhoneSwap).where(
                PhoneSwap.property_receipt_no == property_receipt_no, PhoneSwap.deleted_at.is_(None)
            )
        )

    def recent_encounters(self, limit: int) -> Sequence[Encounter]:
        return self._session.scalars(
            select(Encounter)
            .where(Encounter.deleted_at.is_(None))
            .order_by(Encounter.started_at.desc())
            .limit(limit)
        ).all()


class CaseSearch:
    """FTS5 trigram index over what a detective types to find a case: name, phones, IMEIs, receipt no."""

    MIN_QUERY = 3  # trigram tokenizer matches substrings of three characters or more

    def __init__(self, session: Session) -> None:
        self._session = session

    def index(self, encounter_id: uuid.UUID, terms: Sequence[str]) -> None:
        key = encounter_id.hex
        self._session.execute(text("DELETE FROM case_search WHERE encounter_id = :id"), {"id": key})
        body = " | ".join(term for term in terms if term)
        self._session.execute(
            text("INSERT INTO case_search (encounter_id, body) VALUES (:id, :body)"),
            {"id": key, "body": body},
        )

    def find(self, query: str, limit: int = 50) -> list[uuid.UUID]:
        cleaned = query.strip()
        if len(cleaned) < self.MIN_QUERY:
            return []
        # Quoted as one FTS5 string so user text is never parsed as query syntax.
        phrase = '"' + cleaned.replace('"', '""') + '"'
        rows = self._session.execute(
            text("SELECT encounter_id FROM case_search WHERE body MATCH :q ORDER BY rank LIMIT :n"),
            {"q": phrase, "n": limit},
        )
        return [uuid.UUID(hex=row[0]) for row in rows]
