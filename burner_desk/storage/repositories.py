"""Repositories: the queries services need, by aggregate. They add and select; they never commit."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVarTuple

from sqlalchemy import Row, Select, and_, case, func, or_, select, text
from sqlalchemy.orm import Session

from burner_desk.domain.inventory import BagItemKind, BagStatus
from burner_desk.domain.phone import display_us_phone
from burner_desk.storage.models import (
    BagItem,
    BurnerPhone,
    ClinicianNote,
    Consent,
    ContactAttempt,
    CoResponseCall,
    CustodyEvent,
    Draft,
    Encounter,
    FamilyContact,
    FollowUp,
    Handout,
    HandoutGiven,
    HomeVisit,
    Incident,
    OutboxMutation,
    Person,
    PhoneSwap,
    RecoveryBag,
    Referral,
    Resource,
    Setting,
    SpikeResponse,
    SpikeThreshold,
    User,
)

_Ts = TypeVarTuple("_Ts")  # a statement's column types, kept through a helper that adds joins


class People:
    def __init__(self, session: Session) -> None:
        self._session = session

    def user_by_name(self, name: str) -> User | None:
        return self._session.scalar(select(User).where(User.name == name, User.deleted_at.is_(None)))

    def users(self) -> Sequence[User]:
        return self._session.scalars(
            select(User).where(User.deleted_at.is_(None)).order_by(User.display_name)
        ).all()

    def name_ever_used(self, name: str) -> bool:
        """Removed users keep their tombstoned row, and with it their name (it is unique)."""
        return self._session.scalar(select(User.id).where(User.name == name)) is not None

    def family_contacts(self, person_id: uuid.UUID) -> Sequence[FamilyContact]:
        return self._session.scalars(
            select(FamilyContact)
            .where(FamilyContact.person_id == person_id, FamilyContact.deleted_at.is_(None))
            .order_by(FamilyContact.name)
        ).all()


class BagShortfall(NamedTuple):
    label: str
    no_usable_naloxone: bool
    no_disposal_bags: bool


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

    def phone_clashing(self, imei: str, asset_tag: str) -> BurnerPhone | None:
        """Any phone, retired or tombstoned included, already holding this IMEI or asset tag."""
        return self._session.scalar(
            select(BurnerPhone).where(or_(BurnerPhone.imei == imei, BurnerPhone.asset_tag == asset_tag))
        )

    def phone_tagged(self, asset_tag: str) -> BurnerPhone | None:
        """Any phone, retired or tombstoned included, holding this asset tag."""
        return self._session.scalar(select(BurnerPhone).where(BurnerPhone.asset_tag == asset_tag))

    def phones(self, status: str | None = None) -> Sequence[BurnerPhone]:
        stmt = select(BurnerPhone).where(BurnerPhone.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(BurnerPhone.status == status)
        return self._session.scalars(stmt.order_by(BurnerPhone.asset_tag)).all()

    def phones_counted(self, status: str) -> int:
        """How many live phones have this status, counted on the status index: Today's stock figure
        without loading a record per phone."""
        stmt = select(func.count()).where(BurnerPhone.status == status, BurnerPhone.deleted_at.is_(None))
        return self._session.scalar(stmt) or 0

    def phones_after(self, asset_tag: str | None, limit: int) -> Sequence[BurnerPhone]:
        """The next `limit` phones by asset tag after `asset_tag` (None: from the first), walking the tag's
        unique index: a page costs the same at 100 phones or 100,000."""
        stmt = select(BurnerPhone).where(BurnerPhone.deleted_at.is_(None))
        if asset_tag is not None:
            stmt = stmt.where(BurnerPhone.asset_tag > asset_tag)
        return self._session.scalars(stmt.order_by(BurnerPhone.asset_tag).limit(limit)).all()

    def bag_by_label(self, label: str) -> RecoveryBag | None:
        return self._session.scalar(
            select(RecoveryBag).where(RecoveryBag.label == label, RecoveryBag.deleted_at.is_(None))
        )

    def bag_label_used(self, label: str) -> bool:
        return self._session.scalar(select(RecoveryBag.id).where(RecoveryBag.label == label)) is not None

    def bags(self, status: str | None = None) -> Sequence[RecoveryBag]:
        stmt = select(RecoveryBag).where(RecoveryBag.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(RecoveryBag.status == status)
        return self._session.scalars(stmt.order_by(RecoveryBag.label)).all()

    def bags_after(self, label: str | None, limit: int) -> Sequence[RecoveryBag]:
        """The next `limit` bags by label after `label` (None: from the first), on the label's unique index."""
        stmt = select(RecoveryBag).where(RecoveryBag.deleted_at.is_(None))
        if label is not None:
            stmt = stmt.where(RecoveryBag.label > label)
        return self._session.scalars(stmt.order_by(RecoveryBag.label).limit(limit)).all()

    def bag_items(self, bag_id: uuid.UUID) -> Sequence[BagItem]:
        return self.items_of_bags([bag_id]).get(bag_id, [])

    def items_of_bags(self, bag_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[BagItem]]:
        """Each bag's items, for a page of bags in one query (not one per bag)."""
        items: dict[uuid.UUID, list[BagItem]] = {}
        if not bag_ids:
            return items
        for item in self._session.scalars(
            select(BagItem)
            .where(BagItem.bag_id.in_(bag_ids), BagItem.deleted_at.is_(None))
            .order_by(BagItem.kind)
        ):
            items.setdefault(item.bag_id, []).append(item)
        return items

    def assembled_bags_missing_essentials(self, today: date) -> list[BagShortfall]:
        """Assembled bags, by label, that lack usable naloxone (none left, or every kit expired by `today`)
        or disposal bags: counted in one grouped query, so Today costs the same with 20 bags or 2,000."""
        held = BagItem.deleted_at.is_(None) & (BagItem.quantity > 0)
        naloxone = case(
            (
                (BagItem.kind == BagItemKind.NALOXONE)
                & (BagItem.expires_on.is_(None) | (BagItem.expires_on > today)),
                1,
            ),
            else_=0,
        )
        disposal = case((BagItem.kind == BagItemKind.DISPOSAL_BAG, 1), else_=0)
        usable_naloxone, disposal_bags = func.max(naloxone), func.max(disposal)
        rows = self._session.execute(
            select(RecoveryBag.label, usable_naloxone, disposal_bags)
            .outerjoin(BagItem, and_(BagItem.bag_id == RecoveryBag.id, held))
            .where(RecoveryBag.status == BagStatus.ASSEMBLED, RecoveryBag.deleted_at.is_(None))
            .group_by(RecoveryBag.id)
            .having(or_(func.coalesce(usable_naloxone, 0) == 0, func.coalesce(disposal_bags, 0) == 0))
            .order_by(RecoveryBag.label)
        )
        return [
            BagShortfall(label, not naloxone_held, not disposal_held)
            for label, naloxone_held, disposal_held in rows
        ]

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

    def jurisdictions(self) -> list[str]:
        return list(
            self._session.scalars(
                select(Resource.jurisdiction)
                .where(Resource.deleted_at.is_(None))
                .distinct()
                .order_by(Resource.jurisdiction)
            )
        )

    def all(self) -> Sequence[Resource]:
        return self._session.scalars(
            select(Resource)
            .where(Resource.deleted_at.is_(None))
            .order_by(Resource.jurisdiction, Resource.name)
        ).all()


class SpikeRecords:
    """What spike alerts are computed from (domain.spikes) and what people did about them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def incidents_since(self, since: datetime) -> Sequence[Row[datetime, str, float | None, float | None]]:
        """When and where each live incident since `since` happened: nothing about who."""
        return self._session.execute(
            select(Incident.occurred_at, Incident.address, Incident.latitude, Incident.longitude).where(
                Incident.occurred_at >= since, Incident.deleted_at.is_(None)
            )
        ).all()

    def first_incident_at(self) -> datetime | None:
        """When recording began, as far as this desk knows."""
        return self._session.scalar(
            select(func.min(Incident.occurred_at)).where(Incident.deleted_at.is_(None))
        )

    def thresholds(self) -> Sequence[SpikeThreshold]:
        return self._session.scalars(
            select(SpikeThreshold).where(SpikeThreshold.deleted_at.is_(None)).order_by(SpikeThreshold.area)
        ).all()

    def threshold(self, threshold_id: uuid.UUID) -> SpikeThreshold | None:
        """An area's threshold record, tombstoned or not (its id is the area's: domain.ids)."""
        return self._session.get(SpikeThreshold, threshold_id)

    def responses_since(self, since: datetime) -> Sequence[SpikeResponse]:
        """Acknowledgements made since `since`, oldest first (the same order on every desk)."""
        return self._session.scalars(
            select(SpikeResponse)
            .where(SpikeResponse.acknowledged_at >= since, SpikeResponse.deleted_at.is_(None))
            .order_by(SpikeResponse.acknowledged_at, SpikeResponse.id)
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


class CaseLine(NamedTuple):
    """One encounter as a result list shows it (services.cases.CaseSummary)."""

    encounter_id: uuid.UUID
    started_at: datetime
    person_id: uuid.UUID
    given_name: str
    family_name: str
    jurisdiction: str
    follow_up_state: str | None  # None: no follow-up
    follow_up_due_at: datetime | None
    property_receipt_no: str | None  # None: no phone swap
    personal_phone_returned_at: datetime | None
    burner_asset_tag: str | None  # None: no burner phone issued


def _with_case_parts(stmt: Select[*_Ts], encounter_ids: Sequence[uuid.UUID]) -> Select[*_Ts]:
    """The live encounters named, each with its person and, where there are, its follow-up, phone swap
    and burner phone."""
    return (
        stmt.join(Person, Person.id == Encounter.person_id)
        .outerjoin(FollowUp, (FollowUp.encounter_id == Encounter.id) & FollowUp.deleted_at.is_(None))
        .outerjoin(PhoneSwap, (PhoneSwap.encounter_id == Encounter.id) & PhoneSwap.deleted_at.is_(None))
        .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
        .where(Encounter.id.in_(encounter_ids), Encounter.deleted_at.is_(None))
    )


class Workload:
    """Encounters, follow-ups and custody: what a case is made of."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def calls_due(self) -> Sequence[Row[FollowUp, Person, BurnerPhone | None]]:
        """Follow-ups whose 48-hour call is still to make (domain.followup.call_due), soonest first, with
        the survivor and the burner phone they were given (none for a non-resident)."""
        return self._session.execute(
            select(FollowUp, Person, BurnerPhone)
            .join(Person, Person.id == FollowUp.person_id)
            .outerjoin(
                PhoneSwap, (PhoneSwap.encounter_id == FollowUp.encounter_id) & PhoneSwap.deleted_at.is_(None)
            )
            .outerjoin(BurnerPhone, BurnerPhone.id == PhoneSwap.burner_phone_id)
            .where(FollowUp.state == "open", FollowUp.deleted_at.is_(None))
            .order_by(FollowUp.due_at)
        ).all()

    def consent_terms_of(
        self, person_ids: Collection[uuid.UUID]
    ) -> Sequence[Row[uuid.UUID, list[Any], datetime | None, date | None]]:
        """What every live consent of these survivors, from any encounter, shares and for how long: person
        id, scopes, revoked at, expires on (not the whole consent: its signature is an image)."""
        if not person_ids:
            return []
        return self._session.execute(
            select(Consent.person_id, Consent.scopes, Consent.revoked_at, Consent.expires_on).where(
                Consent.person_id.in_(list(person_ids)), Consent.deleted_at.is_(None)
            )
        ).all()

    def home_visits(self, follow_up_id: uuid.UUID) -> Sequence[HomeVisit]:
        return self._session.scalars(
            select(HomeVisit)
            .where(HomeVisit.follow_up_id == follow_up_id, HomeVisit.deleted_at.is_(None))
            .order_by(HomeVisit.scheduled_for, HomeVisit.created_at)
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

    def custody_events(self, phone_swap_id: uuid.UUID) -> Sequence[CustodyEvent]:
        return self._session.scalars(
            select(CustodyEvent)
            .where(CustodyEvent.phone_swap_id == phone_swap_id, CustodyEvent.deleted_at.is_(None))
            .order_by(CustodyEvent.at, CustodyEvent.created_at)
        ).all()

    def case_rows(
        self, encounter_ids: Sequence[uuid.UUID]
    ) -> Sequence[Row[Encounter, Person, FollowUp | None, PhoneSwap | None, BurnerPhone | None]]:
        """One row per encounter with the records a case is opened with; one query, whatever the count."""
        return self._session.execute(
            _with_case_parts(select(Encounter, Person, FollowUp, PhoneSwap, BurnerPhone), encounter_ids)
        ).all()

    def case_lines(self, encounter_ids: Sequence[uuid.UUID]) -> list[CaseLine]:
        """What a result list shows of each encounter; one query, whatever the count. The dozen columns
        alone: fifty whole records of five kinds cost more to load than the search that found them."""
        stmt = select(
            Encounter.id,
            Encounter.started_at,
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.jurisdiction,
            FollowUp.state,
            FollowUp.due_at,
            PhoneSwap.property_receipt_no,
            PhoneSwap.returned_at,
            BurnerPhone.asset_tag,
        )
        return [CaseLine(*row) for row in self._session.execute(_with_case_parts(stmt, encounter_ids))]

    def incident_of(self, encounter: Encounter) -> Incident | None:
        return self._session.get(Incident, encounter.incident_id)

    def consents_for(self, encounter_id: uuid.UUID) -> Sequence[Consent]:
        return self._session.scalars(
            select(Consent)
            .where(Consent.encounter_id == encounter_id, Consent.deleted_at.is_(None))
            .order_by(Consent.created_at)
        ).all()

    def referrals_for(self, encounter_id: uuid.UUID) -> Sequence[Row[Referral, Resource]]:
        return self._session.execute(
            select(Referral, Resource)
            .join(Resource, Resource.id == Referral.resource_id)
            .where(Referral.encounter_id == encounter_id, Referral.deleted_at.is_(None))
            .order_by(Resource.kind, Resource.name)
        ).all()

    def handouts_given(
        self, encounter_id: uuid.UUID
    ) -> Sequence[Row[HandoutGiven, Handout, FamilyContact | None]]:
        return self._session.execute(
            select(HandoutGiven, Handout, FamilyContact)
            .join(Handout, Handout.id == HandoutGiven.handout_id)
            .outerjoin(FamilyContact, FamilyContact.id == HandoutGiven.family_contact_id)
            .where(HandoutGiven.encounter_id == encounter_id, HandoutGiven.deleted_at.is_(None))
            .order_by(HandoutGiven.created_at)
        ).all()

    def bag_for(self, encounter_id: uuid.UUID) -> RecoveryBag | None:
        return self._session.scalar(
            select(RecoveryBag).where(
                RecoveryBag.encounter_id == encounter_id, RecoveryBag.deleted_at.is_(None)
            )
        )

    def live_encounter_count(self) -> int:
        return self._session.scalar(select(func.count()).where(Encounter.deleted_at.is_(None))) or 0

    def recent_encounters(self, limit: int) -> Sequence[Encounter]:
        return self._session.scalars(
            select(Encounter)
            .where(Encounter.deleted_at.is_(None))
            .order_by(Encounter.started_at.desc())
            .limit(limit)
        ).all()

    def naloxone_in_stock_expiring(self, until: date) -> Sequence[Row[BagItem, RecoveryBag]]:
        """Naloxone kits in bags not yet issued that expire on or before `until`, soonest first."""
        return self._session.execute(
            select(BagItem, RecoveryBag)
            .join(RecoveryBag, RecoveryBag.id == BagItem.bag_id)
            .where(
                BagItem.kind == "naloxone",
                BagItem.expires_on <= until,
                BagItem.deleted_at.is_(None),
                RecoveryBag.status == "assembled",
                RecoveryBag.deleted_at.is_(None),
            )
            .order_by(BagItem.expires_on, RecoveryBag.label)
        ).all()

    def outbox_pending(self) -> int:
        """Changes made on this laptop that central has not acknowledged yet."""
        return self._session.scalar(select(func.count()).select_from(OutboxMutation)) or 0


def search_terms(person: Person, swap: PhoneSwap | None, burner: BurnerPhone | None) -> list[str]:
    """What a detective may type to find the case: the name, the phone as digits and as printed, the
    IMEIs, the asset tag and the receipt number."""
    return case_terms(
        person.given_name,
        person.family_name,
        person.phone,
        None if swap is None else swap.personal_imei,
        None if swap is None else swap.property_receipt_no,
        None if burner is None else burner.imei,
        None if burner is None else burner.asset_tag,
    )


def case_terms(
    given_name: str,
    family_name: str,
    phone: str,
    personal_imei: str | None,
    receipt_no: str | None,
    burner_imei: str | None,
    asset_tag: str | None,
) -> list[str]:
    """search_terms from the columns themselves (a pulled page reads them, not whole records)."""
    terms = [f"{given_name} {family_name}"]
    if phone:
        terms += [phone.removeprefix("+1"), display_us_phone(phone)]
    return terms + [term for term in (personal_imei, receipt_no, burner_imei, asset_tag) if term]


def _body(terms: Sequence[str]) -> str:
    return " | ".join(term for term in terms if term)


class CaseSearch:
    """FTS5 trigram index over what a detective types to find a case: name, phones, IMEIs, receipt no."""

    MIN_QUERY = 3  # trigram tokenizer matches substrings of three characters or more

    def __init__(self, session: Session) -> None:
        self._session = session

    # case_search_key gives each encounter a stable integer rowid in the FTS table, so re-indexing is a
    # rowid lookup instead of a scan of the whole index (an UNINDEXED column cannot be searched fast).
    # The latest indexed first: FTS5 walks its matches from the highest rowid and stops at the limit. Not
    # ORDER BY rank: that scores every match before sorting (a phone's area code matches thousands of
    # cases), and the score of a name or number found as typed tells nothing a detective could use.
    FIND_SQL = (
        "SELECT k.encounter_id FROM case_search JOIN case_search_key AS k ON k.search_rowid = case_search.rowid"
        " WHERE case_search.body MATCH :q ORDER BY case_search.rowid DESC LIMIT :n"
    )

    def index_many(self, terms_by_encounter: dict[uuid.UUID, Sequence[str]]) -> None:
        """Index (or re-index) many encounters' search terms in a few statements (a pulled page)."""
        if not terms_by_encounter:
            return
        keys = [encounter_id.hex for encounter_id in terms_by_encounter]
        rowids = self._rowids(keys)
        if rowids:
            self._session.execute(
                text("DELETE FROM case_search WHERE rowid = :r"), [{"r": rowid} for rowid in rowids.values()]
            )
        if new := [key for key in keys if key not in rowids]:
            self._session.execute(
                text("INSERT INTO case_search_key (encounter_id) VALUES (:id)"), [{"id": key} for key in new]
            )
            rowids |= self._rowids(new)
        self._session.execute(
            text("INSERT INTO case_search (rowid, body) VALUES (:r, :body)"),
            [
                {"r": rowids[encounter_id.hex], "body": _body(terms)}
                for encounter_id, terms in terms_by_encounter.items()
            ],
        )

    def _rowids(self, keys: list[str]) -> dict[str, int]:
        """The FTS rowids of these encounters (by hex id) that have one; the keys as one JSON array."""
        found = self._session.execute(
            text(
                "SELECT encounter_id, search_rowid FROM case_search_key"
                " WHERE encounter_id IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": json.dumps(keys)},
        )
        return {key: rowid for key, rowid in found}

    def index(self, encounter_id: uuid.UUID, terms: Sequence[str]) -> None:
        """One case, as the bedside save does: three plain statements are faster than `index_many`'s
        batched ones for a single row, and this is on the 25 ms save path."""
        key = encounter_id.hex
        rowid = self._session.scalar(
            text("SELECT search_rowid FROM case_search_key WHERE encounter_id = :id"), {"id": key}
        )
        if rowid is None:
            rowid = self._session.scalar(
                text("INSERT INTO case_search_key (encounter_id) VALUES (:id) RETURNING search_rowid"),
                {"id": key},
            )
        else:
            self._session.execute(text("DELETE FROM case_search WHERE rowid = :r"), {"r": rowid})
        self._session.execute(
            text("INSERT INTO case_search (rowid, body) VALUES (:r, :body)"),
            {"r": rowid, "body": _body(terms)},
        )

    def find(self, query: str, limit: int = 50) -> list[uuid.UUID]:
        cleaned = query.strip()
        if len(cleaned) < self.MIN_QUERY:
            return []
        # Quoted as one FTS5 string so user text is never parsed as query syntax.
        phrase = '"' + cleaned.replace('"', '""') + '"'
        rows = self._session.execute(text(self.FIND_SQL), {"q": phrase, "n": limit})
        return [uuid.UUID(hex=row[0]) for row in rows]


class CoResponse:
    """Co-response calls and the clinician's notes on them (services.coresponse)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def calls(
        self,
        *,
        person_ids: Collection[uuid.UUID] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> Sequence[Row[CoResponseCall, Person]]:
        """Live calls with their person, newest first, narrowed by person and time (until: excluded)."""
        stmt = (
            select(CoResponseCall, Person)
            .join(Person, Person.id == CoResponseCall.person_id)
            .where(CoResponseCall.deleted_at.is_(None))
        )
        if person_ids is not None:
            stmt = stmt.where(CoResponseCall.person_id.in_(list(person_ids)))
        if since is not None:
            stmt = stmt.where(CoResponseCall.called_at >= since)
        if until is not None:
            stmt = stmt.where(CoResponseCall.called_at < until)
        return self._session.execute(stmt.order_by(CoResponseCall.called_at.desc()).limit(limit)).all()

    def notes(self, call_ids: Collection[uuid.UUID]) -> Sequence[ClinicianNote]:
        if not call_ids:
            return []
        return self._session.scalars(
            select(ClinicianNote)
            .where(ClinicianNote.call_id.in_(list(call_ids)), ClinicianNote.deleted_at.is_(None))
            .order_by(ClinicianNote.at, ClinicianNote.created_at)
        ).all()

    def people_like(self, words: Sequence[str], digits: str, limit: int) -> Sequence[Person]:
        """People whose name holds every word, or whose phone holds the digits (the call form's search:
        a person met again is picked, not made twice)."""
        name = func.lower(Person.given_name + " " + Person.family_name)
        matches = [name.contains(word.lower(), autoescape=True) for word in words]
        stmt = select(Person).where(Person.deleted_at.is_(None))
        if digits:
            stmt = stmt.where(Person.phone.contains(digits, autoescape=True))
        elif matches:
            stmt = stmt.where(*matches)
        else:
            return []
        return self._session.scalars(stmt.order_by(Person.family_name, Person.given_name).limit(limit)).all()

    def people_on_calls(
        self, name_part: str, digits: str, limit: int
    ) -> Sequence[Row[Person, datetime, int]]:
        """People with live calls whose "given family" name holds `name_part` (any case) or whose phone
        holds `digits`, with their latest call's time and how many calls; the latest met first."""
        if digits:
            match = Person.phone.contains(digits, autoescape=True)
        elif name_part:
            match = func.lower(Person.given_name + " " + Person.family_name).contains(
                name_part.lower(), autoescape=True
            )
        else:
            return []
        # The calls first, one row per person met, then each of them by id: the people met on calls are a
        # few among everyone on record, so the match never reads the whole person table.
        met = (
            select(
                CoResponseCall.person_id,
                func.max(CoResponseCall.called_at).label("last_at"),
                func.count().label("calls"),
            )
            .where(CoResponseCall.deleted_at.is_(None))
            .group_by(CoResponseCall.person_id)
            .subquery("met")
        )
        stmt = (
            select(Person, met.c.last_at, met.c.calls)
            .join(Person, Person.id == met.c.person_id)
            .where(Person.deleted_at.is_(None), match)
            .order_by(met.c.last_at.desc())
            .limit(limit)
        )
        return self._session.execute(stmt).all()

    def people_with_calls(self, person_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        if not person_ids:
            return set()
        return set(
            self._session.scalars(
                select(CoResponseCall.person_id).where(
                    CoResponseCall.person_id.in_(list(person_ids)), CoResponseCall.deleted_at.is_(None)
                )
            )
        )


class Drafts:
    """One person's half-finished forms; a draft is never readable by another user."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, draft: Draft) -> Draft:
        self._session.add(draft)
        return draft

    def get(self, draft_id: uuid.UUID, user_id: uuid.UUID) -> Draft | None:
        return self._session.scalar(select(Draft).where(Draft.id == draft_id, Draft.user_id == user_id))

    def latest(self, user_id: uuid.UUID, kind: str) -> Draft | None:
        return self._session.scalar(
            select(Draft)
            .where(Draft.user_id == user_id, Draft.kind == kind)
            .order_by(Draft.updated_at.desc())
            .limit(1)
        )

    def delete(self, draft: Draft) -> None:
        self._session.delete(draft)
