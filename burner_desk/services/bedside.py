"""The bedside encounter: everything the detective records at the hospital, saved as one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from uuid import UUID

from burner_desk.domain import bedside as rules
from burner_desk.domain import consent
from burner_desk.domain.consent import ConsentScope, FollowUpReach, SignedHow
from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.followup import FollowUpState, due_at
from burner_desk.domain.ids import new_id
from burner_desk.domain.inventory import (
    BagItemKind,
    BagStatus,
    PhoneStatus,
    check_handout_stock,
    check_issuable,
    check_naloxone,
)
from burner_desk.domain.people import Actor, Language
from burner_desk.domain.permissions import Op, require
from burner_desk.domain.phone import display_us_phone
from burner_desk.domain.residency import Branch, ZipTable, branch_for, normalise_jurisdiction
from burner_desk.domain.resources import ReferralMethod, ReferralStatus, ResourceKind
from burner_desk.paths import resource_path
from burner_desk.printing import texts
from burner_desk.services import settings
from burner_desk.services.inventory import BurnerPhoneView, phone_by_imei_or_tag
from burner_desk.storage.models import (
    BurnerPhone,
    Consent,
    CustodyEvent,
    Encounter,
    FamilyContact,
    FollowUp,
    Handout,
    HandoutGiven,
    Incident,
    Person,
    PhoneSwap,
    RecoveryBag,
    Referral,
    Resource,
)
from burner_desk.storage.repositories import search_terms
from burner_desk.storage.uow import Transaction, UnitOfWork

ZIP_TABLE = ("residency", "zip_jurisdictions.json")
MAX_RECIPIENT = 200  # the consent's "to whom": the programs referred, by name


@dataclass(frozen=True)
class PersonInput:
    given_name: str
    family_name: str
    jurisdiction: str  # where they live; "alexandria" makes them a resident
    date_of_birth: date | None = None
    preferred_language: Language = Language.EN
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class IncidentInput:
    """The overdose, with the fields ODMAP asks for."""

    occurred_at: datetime
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    naloxone_doses: int = 0
    suspected_substance: str = ""
    responding_agency: str = ""


@dataclass(frozen=True)
class ConsentInput:
    """To whom is not asked: it is the program(s) the survivor is referred to, by name."""

    scopes: frozenset[ConsentScope]  # empty when declined
    signed_how: SignedHow
    discloser: str  # who may disclose
    purpose: str
    form_number: str = ""  # the paper form, when signed on paper
    signature_png: bytes | None = None  # drawn on screen
    expires_on: date | None = None  # default: a year from the day it is signed


@dataclass(frozen=True)
class PersonalPhoneInput:
    """The survivor's own phone, taken into property; the receipt number is on their copy."""

    property_receipt_no: str
    make: str = ""
    model: str = ""
    colour: str = ""
    imei: str = ""  # optional: a locked phone may not show it
    condition: str = ""
    storage_location: str = ""


@dataclass(frozen=True)
class HandoutRequest:
    code: str
    language: Language
    quantity: int = 1


@dataclass(frozen=True)
class FamilyContactInput:
    name: str
    relationship: str = ""
    phone: str = ""
    language: Language = Language.EN
    consent_to_contact: bool = False
    handouts: tuple[HandoutRequest, ...] = ()


@dataclass(frozen=True)
class EncounterInput:
    person: PersonInput
    incident: IncidentInput
    consent: ConsentInput
    hospital: str
    personal_phone: PersonalPhoneInput | None = None  # required for residents: the swap
    burner_phone: str = ""  # IMEI or asset tag; residents only
    recovery_bag: str = ""  # bag label: residents' carries the burner phone; non-residents' goes without
    handouts: tuple[HandoutRequest, ...] = ()  # to the survivor
    family_contacts: tuple[FamilyContactInput, ...] = ()
    referral_resource_ids: tuple[UUID, ...] = ()  # default: the jurisdiction's treatment programs
    referral_method: ReferralMethod = ReferralMethod.SHEET
    started_at: datetime | None = None  # default: when saved


@dataclass(frozen=True)
class ReferralView:
    resource_id: UUID
    name: str
    kind: ResourceKind
    phone: str
    phone_24h: str
    address: str
    hours: str

    @staticmethod
    def of(resource: Resource) -> ReferralView:
        return ReferralView(
            resource_id=resource.id,
            name=resource.name,
            kind=ResourceKind(resource.kind),
            phone=display_us_phone(resource.phone),
            phone_24h=display_us_phone(resource.phone_24h),
            address=resource.address,
            hours=resource.hours,
        )


@dataclass(frozen=True)
class EncounterView:
    encounter_id: UUID
    person_id: UUID
    person_name: str
    branch: Branch
    jurisdiction: str
    started_at: datetime
    follow_up_id: UUID
    follow_up_due_at: datetime
    property_receipt_no: str | None
    burner_asset_tag: str | None
    burner_phone_number: str | None
    recovery_bag_label: str | None
    referrals: tuple[ReferralView, ...]
    follow_up_reach: FollowUpReach  # whom the 48-hour call may reach (domain/consent.py)


def record_encounter(uow: UnitOfWork, actor: Actor, data: EncounterInput, now: datetime) -> EncounterView:
    """Person, incident, consent, phone swap, burner phone and bag issued, handouts, family, referrals and
    the 48-hour follow-up: all saved, or (on any error) none of it."""
    require(actor, "encounter", Op.INSERT)
    person = new_person(data.person, now.date())
    branch = branch_for(person.jurisdiction)
    _check_branch(data, branch)
    incident = _incident(data.incident, now)
    consent_row = _consent(data.consent, now)
    consent.check_covers(
        data.consent.scopes, family_contacted=any(c.consent_to_contact for c in data.family_contacts)
    )
    hospital = rules.HOSPITAL.clean(data.hospital)
    swap = _phone_swap(data.personal_phone) if data.personal_phone is not None else None
    family = [(_family_contact(contact, person.id), contact.handouts) for contact in data.family_contacts]
    encounter = Encounter(
        id=new_id(),
        incident_id=incident.id,
        person_id=person.id,
        detective_id=actor.user_id,
        hospital=hospital,
        started_at=data.started_at or now,
        ended_at=now,
    )
    consent_row.person_id, consent_row.encounter_id = person.id, encounter.id

    with uow.begin(actor) as tx:
        # Every lookup before any write, so no query autoflushes a half-built encounter.
        burner = _issuable_burner(tx, data.burner_phone) if branch is Branch.RESIDENT else None
        bag = _issuable_bag(tx, data.recovery_bag, now) if data.recovery_bag.strip() else None
        resources = _referral_resources(tx, data.referral_resource_ids, person.jurisdiction)
        consent_row.recipient = _recipient(resources)
        calls_burner = settings.program_calls_burner(tx)
        if swap is not None and tx.workload.swap_by_receipt(swap.property_receipt_no) is not None:
            raise ValidationError(
                "property_receipt_no", f"receipt {swap.property_receipt_no} is already used"
            )
        requests = [(None, r) for r in data.handouts] + [(c.id, r) for c, rs in family for r in rs]
        given = _give_handouts(tx, encounter.id, requests)

        # Parents are flushed before their children: the models declare no relationships to order by.
        tx.add_all([person, incident])
        tx.flush()
        tx.add_all([encounter, *(contact for contact, _ in family)])
        tx.flush()
        follow_up = FollowUp(
            id=new_id(),
            encounter_id=encounter.id,
            person_id=person.id,
            due_at=due_at(now),  # now = when the burner phone was issued, or discharge for non-residents
            state=FollowUpState.OPEN.value,
        )
        referrals = [
            Referral(
                encounter_id=encounter.id,
                person_id=person.id,
                resource_id=resource.id,
                method=data.referral_method.value,
                status=ReferralStatus.MADE.value,
            )
            for resource in resources
        ]
        tx.add_all([consent_row, *given, *referrals, follow_up])
        if burner is not None:
            burner.status = PhoneStatus.ISSUED.value
        if bag is not None:
            bag.status, bag.encounter_id, bag.issued_at = BagStatus.ISSUED.value, encounter.id, now
        if swap is not None:
            swap.encounter_id = encounter.id
            swap.burner_phone_id, swap.burner_issued_at = (burner.id, now) if burner else (None, None)
            tx.add(swap)
            tx.flush()
            tx.add(
                CustodyEvent(
                    phone_swap_id=swap.id,
                    at=now,
                    action=CustodyAction.TAKEN.value,
                    by_user_id=actor.user_id,
                    location=hospital,
                )
            )

        tx.record("encounter.create", encounter)
        tx.record("consent.create", consent_row)
        if swap is not None:
            tx.record("phone_swap.create", swap)
        if burner is not None:
            tx.record("burner_phone.issue", burner)
        if bag is not None:
            tx.record("recovery_bag.issue", bag)
        tx.record("follow_up.create", follow_up)
        tx.search.index(encounter.id, search_terms(person, swap, burner))
        return EncounterView(
            encounter_id=encounter.id,
            person_id=person.id,
            person_name=f"{person.given_name} {person.family_name}",
            branch=branch,
            jurisdiction=person.jurisdiction,
            started_at=encounter.started_at,
            follow_up_id=follow_up.id,
            follow_up_due_at=follow_up.due_at,
            property_receipt_no=swap.property_receipt_no if swap else None,
            burner_asset_tag=burner.asset_tag if burner else None,
            burner_phone_number=display_us_phone(burner.phone_number) if burner else None,
            recovery_bag_label=bag.label if bag else None,
            referrals=tuple(ReferralView.of(resource) for resource in resources),
            follow_up_reach=consent.follow_up_reach(
                data.consent.scopes, burner_phone_issued=burner is not None, program_calls_burner=calls_burner
            ),
        )


def jurisdictions(uow: UnitOfWork) -> list[str]:
    """Jurisdictions the resource directory covers, for the residency picker."""
    with uow.begin() as tx:
        return tx.resources.jurisdictions()


def referral_programs(uow: UnitOfWork, jurisdiction: str) -> list[ReferralView]:
    """The programs a survivor living in `jurisdiction` is referred to unless the detective picks fewer."""
    with uow.begin() as tx:
        return [ReferralView.of(row) for row in _default_referrals(tx, normalise_jurisdiction(jurisdiction))]


def issuable_burner(uow: UnitOfWork, imei_or_tag: str) -> BurnerPhoneView:
    """The burner phone a scanner or a person typed, if it may be handed over now."""
    with uow.begin() as tx:
        return BurnerPhoneView.of(_issuable_burner(tx, imei_or_tag))


# --- validation of the form, before the transaction -------------------------------------------------


def new_person(data: PersonInput, today: date) -> Person:
    rules.check_date_of_birth(data.date_of_birth, today)
    return Person(
        id=new_id(),
        given_name=rules.GIVEN_NAME.clean(data.given_name),
        family_name=rules.FAMILY_NAME.clean(data.family_name),
        date_of_birth=data.date_of_birth,
        preferred_language=data.preferred_language.value,
        phone=rules.PHONE.clean(data.phone),
        address=rules.ADDRESS.clean(data.address),
        jurisdiction=normalise_jurisdiction(rules.JURISDICTION.clean(data.jurisdiction)),
    )


def _check_branch(data: EncounterInput, branch: Branch) -> None:
    """Bags for all; the phone swap and the burner phone for city residents only. A resident's bag
    carries the burner phone, so it is required; a non-resident's is handed over when one is in stock."""
    if branch is Branch.RESIDENT:
        if not data.recovery_bag.strip():
            raise ValidationError("recovery_bag", "pick the recovery bag handed over with the burner phone")
        if data.personal_phone is None:
            raise ValidationError("property_receipt_no", "record the personal phone taken in the swap")
        if not data.burner_phone.strip():
            raise ValidationError("burner_phone", "scan or type the burner phone's IMEI or asset tag")
        return
    if data.burner_phone.strip():
        raise ValidationError("burner_phone", "only City of Alexandria residents get a burner phone")
    if data.personal_phone is not None:
        raise ValidationError("property_receipt_no", "only a resident's phone is swapped for a burner phone")


def _incident(data: IncidentInput, now: datetime) -> Incident:
    rules.check_occurred_at(data.occurred_at, now)
    rules.check_naloxone_doses(data.naloxone_doses)
    rules.check_location(data.latitude, data.longitude)
    return Incident(
        id=new_id(),
        occurred_at=data.occurred_at,
        address=rules.INCIDENT_ADDRESS.clean(data.address),
        latitude=data.latitude,
        longitude=data.longitude,
        fatal=False,  # the program follows up survivors
        naloxone_given=data.naloxone_doses > 0,
        naloxone_doses=data.naloxone_doses,
        suspected_substance=rules.SUSPECTED_SUBSTANCE.clean(data.suspected_substance),
        responding_agency=rules.RESPONDING_AGENCY.clean(data.responding_agency),
    )


def _consent(data: ConsentInput, now: datetime) -> Consent:
    """The recipient is filled in once the referred programs are known (`_recipient`)."""
    form_number = rules.CONSENT_FORM_NUMBER.clean(data.form_number)
    consent.check_consent(data.scopes, data.signed_how, form_number)
    consent.check_signature(data.signed_how, data.signature_png)
    consent.check_expiry(data.expires_on, now.date())
    declined = data.signed_how is SignedHow.DECLINED
    return Consent(
        discloser=rules.CONSENT_DISCLOSER.clean(data.discloser),
        recipient="",
        scopes=sorted(scope.value for scope in data.scopes),
        purpose=rules.CONSENT_PURPOSE.clean(data.purpose),
        expires_on=None if declined else (data.expires_on or consent.default_expiry(now.date())),
        signed_how=data.signed_how.value,
        form_number=form_number,
        signature_png=data.signature_png,
        signed_at=None if declined else now,
    )


def _recipient(resources: Sequence[Resource]) -> str:
    """ "To whom": the programs referred, by name, as the consent form prints them."""
    names = "; ".join(resource.name for resource in resources)
    return names if len(names) <= MAX_RECIPIENT else names[: MAX_RECIPIENT - 1] + "…"


def _phone_swap(data: PersonalPhoneInput) -> PhoneSwap:
    return PhoneSwap(
        id=new_id(),
        personal_make=rules.PERSONAL_MAKE.clean(data.make),
        personal_model=rules.PERSONAL_MODEL.clean(data.model),
        personal_colour=rules.PERSONAL_COLOUR.clean(data.colour),
        personal_imei=rules.PERSONAL_IMEI.clean(data.imei),
        personal_condition=rules.PERSONAL_CONDITION.clean(data.condition),
        property_receipt_no=rules.PROPERTY_RECEIPT_NO.clean(data.property_receipt_no),
        storage_location=rules.STORAGE_LOCATION.clean(data.storage_location),
    )


def _family_contact(data: FamilyContactInput, person_id: UUID) -> FamilyContact:
    return FamilyContact(
        id=new_id(),
        person_id=person_id,
        name=rules.FAMILY_MEMBER_NAME.clean(data.name),
        relationship=rules.FAMILY_MEMBER_RELATIONSHIP.clean(data.relationship),
        phone=rules.FAMILY_MEMBER_PHONE.clean(data.phone),
        language=data.language.value,
        consent_to_contact=data.consent_to_contact,
    )


# --- inside the transaction ----------------------------------------------------------------------


def _issuable_burner(tx: Transaction, imei_or_tag: str) -> BurnerPhone:
    phone = phone_by_imei_or_tag(tx, imei_or_tag)
    check_issuable(PhoneStatus(phone.status), phone.asset_tag)
    return phone


def _issuable_bag(tx: Transaction, raw_label: str, now: datetime) -> RecoveryBag:
    label = rules.RECOVERY_BAG.clean(raw_label)
    bag = tx.inventory.bag_by_label(label)
    if bag is None:
        raise ValidationError("recovery_bag", f"no recovery bag labelled {label}")
    if bag.status != BagStatus.ASSEMBLED.value:
        raise ValidationError("recovery_bag", f"bag {label} was already issued")
    for item in tx.inventory.bag_items(bag.id):
        if item.kind == BagItemKind.NALOXONE.value and item.expires_on is not None:
            try:
                check_naloxone(item.lot, item.expires_on, now.date())
            except ValidationError as exc:
                raise ValidationError("recovery_bag", f"bag {label}: {exc.reason}; swap the kit") from exc
    return bag


def _default_referrals(tx: Transaction, jurisdiction: str) -> list[Resource]:
    resources = list(tx.resources.in_jurisdiction(jurisdiction, ResourceKind.TREATMENT.value))
    if not resources:
        raise ValidationError(
            "referrals", f"the resource directory has no treatment program for {jurisdiction}: add one first"
        )
    return resources


def _referral_resources(tx: Transaction, chosen: tuple[UUID, ...], jurisdiction: str) -> list[Resource]:
    if not chosen:
        return _default_referrals(tx, jurisdiction)
    resources = []
    for resource_id in chosen:
        try:
            resource = tx.get(Resource, resource_id)
        except NotFound as exc:
            raise ValidationError("referrals", "a chosen program is no longer in the directory") from exc
        if resource.jurisdiction != jurisdiction:
            raise ValidationError(
                "referrals", f"{resource.name} serves {resource.jurisdiction}, not {jurisdiction}"
            )
        resources.append(resource)
    return resources


def _give_handouts(
    tx: Transaction, encounter_id: UUID, requests: Sequence[tuple[UUID | None, HandoutRequest]]
) -> list[HandoutGiven]:
    """Requests are (family contact id or None for the survivor, request); stock is checked across all."""
    catalog: dict[tuple[str, str], Handout] = {}
    for _, request in requests:
        key = (request.code, request.language.value)
        handout = catalog.get(key) or tx.inventory.handout(*key)
        if handout is None:
            raise ValidationError("handouts", f"handout {key[0]} ({key[1]}) is not in the catalog")
        catalog[key] = handout
    given = []
    for family_contact_id, request in requests:
        handout = catalog[(request.code, request.language.value)]
        check_handout_stock(handout.stock, request.quantity, handout.title)
        handout.stock -= request.quantity
        given.append(
            HandoutGiven(
                encounter_id=encounter_id,
                handout_id=handout.id,
                family_contact_id=family_contact_id,
                quantity=request.quantity,
            )
        )
    return given


# --- what the wizard shows before anything is saved ------------------------------------------------


@dataclass(frozen=True)
class ConsentWording:
    """The consent form's wording in one language, filled in for this survivor: the signing screen shows
    exactly what the form prints (resources/print/<lang>.po, through printing.texts). Values are
    paragraph markup (<b> at most) with case data escaped."""

    lang: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (label, value): person, date of birth, who, to whom, why, until
    information_heading: str
    shared: tuple[str, ...]  # the scopes ticked, in the form's order
    only_listed: str
    rights_heading: str
    rights: tuple[str, ...]
    agreement: str
    sign_label: str
    notice_title: str
    notice: str


@dataclass(frozen=True)
class ConsentDraft:
    """What the survivor is asked to sign, before the encounter is saved."""

    survivor_name: str
    date_of_birth: date | None
    discloser: str
    recipients: tuple[str, ...]  # the programs referred, by name
    purpose: str
    scopes: frozenset[ConsentScope]
    expires_on: date


def consent_wording(draft: ConsentDraft, lang: str) -> ConsentWording:
    t = texts.load(lang)
    return ConsentWording(
        lang=lang,
        title=t("consent.title"),
        fields=(
            (t("consent.person"), f"<b>{texts.safe(draft.survivor_name)}</b>"),
            (t("consent.date_of_birth"), t.date(draft.date_of_birth) if draft.date_of_birth else ""),
            (t("consent.discloser"), texts.safe(draft.discloser)),
            (t("consent.recipient"), texts.safe("; ".join(draft.recipients))),
            (t("consent.purpose"), texts.safe(draft.purpose)),
            (t("consent.expiry"), t.date(draft.expires_on)),
        ),
        information_heading=t("consent.information_heading"),
        shared=tuple(t(f"consent.scope.{scope.value}") for scope in ConsentScope if scope in draft.scopes),
        only_listed=t("consent.only_listed"),
        rights_heading=t("consent.revoke_heading"),
        rights=tuple(t.items("consent.revoke")),
        agreement=t("consent.agreement"),
        sign_label=t("consent.sign_person"),
        notice_title=t("notice.title"),
        notice=t("notice.text"),
    )


def consent_purpose(lang: str) -> str:
    """The purpose the consent names unless the detective words it otherwise, in the survivor's language."""
    return texts.load(lang)("consent.purpose_default")


@cache
def zip_table() -> ZipTable:
    """ZIP code -> jurisdictions and their share of its land (resources/residency/, sourced there)."""
    entries = json.loads(resource_path(*ZIP_TABLE).read_text(encoding="utf-8"))["zip_codes"]
    return {
        zip_code: tuple((key, float(share)) for key, share in shares) for zip_code, shares in entries.items()
    }


def suggested_receipt_no(uow: UnitOfWork, actor: Actor, today: date) -> str:
    """The next free property receipt number of this laptop this year ("PR-2025-3F2A-0001"): the app
    prints the receipt, so it can number it; the device part keeps two laptops from clashing."""
    prefix = f"PR-{today.year}-{str(actor.device_id)[-4:].upper()}-"
    with uow.begin() as tx:
        number = 1
        while tx.workload.swap_by_receipt(f"{prefix}{number:04d}") is not None:
            number += 1
        return f"{prefix}{number:04d}"
