"""The bedside encounter: everything the detective records at the hospital, saved as one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from burner_desk.domain import consent, text
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.followup import FollowUpState, due_at
from burner_desk.domain.ids import new_id
from burner_desk.domain.imei import normalise_imei
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
from burner_desk.domain.phone import display_us_phone, normalise_us_phone
from burner_desk.domain.residency import Branch, branch_for, normalise_jurisdiction
from burner_desk.domain.resources import ReferralMethod, ReferralStatus, ResourceKind
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
from burner_desk.storage.uow import Transaction, UnitOfWork

CLOCK_SKEW = timedelta(minutes=5)  # a laptop clock a little ahead must not refuse a real time
MAX_NALOXONE_DOSES = 20
EARLIEST_BIRTH = date(1900, 1, 1)


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
    drug_intel_notes: str = ""


@dataclass(frozen=True)
class ConsentInput:
    scopes: frozenset[ConsentScope]
    signed_how: SignedHow
    discloser: str  # who may disclose
    recipient: str  # to whom
    purpose: str
    form_number: str = ""  # the paper form, when signed on paper
    signature_png: bytes | None = None  # drawn on screen
    expires_on: date | None = None


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
    recovery_bag: str = ""  # bag label; residents only
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


def record_encounter(uow: UnitOfWork, actor: Actor, data: EncounterInput, now: datetime) -> EncounterView:
    """Person, incident, consent, phone swap, burner phone and bag issued, handouts, family, referrals and
    the 48-hour follow-up: all saved, or (on any error) none of it."""
    require(actor, "encounter", Op.INSERT)
    person = _person(data.person)
    branch = branch_for(person.jurisdiction)
    _check_branch(data, branch)
    incident = _incident(data.incident, now)
    consent_row = _consent(data.consent, now)
    consent.check_covers(
        data.consent.scopes, family_contacted=any(c.consent_to_contact for c in data.family_contacts)
    )
    hospital = text.clean(data.hospital, "hospital", required=True)
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
        bag = _issuable_bag(tx, data.recovery_bag, now) if branch is Branch.RESIDENT else None
        resources = _referral_resources(tx, data.referral_resource_ids, person.jurisdiction)
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


def check_location(latitude: float | None, longitude: float | None) -> None:
    """Where the overdose happened, for ODMAP: both coordinates or neither, and a place on Earth."""
    if (latitude is None) != (longitude is None):
        raise ValidationError("latitude", "give both latitude and longitude, or neither")
    if (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise ValidationError("latitude", "this is not a place on Earth")


def check_occurred_at(occurred_at: datetime, now: datetime) -> None:
    if occurred_at.tzinfo is None or occurred_at > now + CLOCK_SKEW:
        raise ValidationError("occurred_at", "enter when the overdose happened (not in the future)")


# --- validation of the form, before the transaction -------------------------------------------------


def _person(data: PersonInput) -> Person:
    if data.date_of_birth is not None and not EARLIEST_BIRTH <= data.date_of_birth <= date.today():
        raise ValidationError("date_of_birth", "enter a date of birth in the past")
    jurisdiction = normalise_jurisdiction(
        text.clean(data.jurisdiction, "jurisdiction", max_len=100, required=True)
    )
    return Person(
        id=new_id(),
        given_name=text.clean(data.given_name, "given_name", required=True),
        family_name=text.clean(data.family_name, "family_name", required=True),
        date_of_birth=data.date_of_birth,
        preferred_language=data.preferred_language.value,
        phone=normalise_us_phone(data.phone) if data.phone.strip() else "",
        address=text.clean(data.address, "address", max_len=400),
        jurisdiction=jurisdiction,
    )


def _check_branch(data: EncounterInput, branch: Branch) -> None:
    if branch is Branch.RESIDENT:
        if data.personal_phone is None:
            raise ValidationError("property_receipt_no", "record the personal phone taken in the swap")
        if not data.burner_phone.strip():
            raise ValidationError("burner_phone", "scan or type the burner phone's IMEI or asset tag")
        if not data.recovery_bag.strip():
            raise ValidationError("recovery_bag", "enter the label of the recovery bag handed over")
        return
    if data.burner_phone.strip():
        raise ValidationError("burner_phone", "only Alexandria residents get a burner phone")
    if data.recovery_bag.strip():
        raise ValidationError("recovery_bag", "a recovery bag carries a burner phone: residents only")


def _incident(data: IncidentInput, now: datetime) -> Incident:
    check_occurred_at(data.occurred_at, now)
    if not 0 <= data.naloxone_doses <= MAX_NALOXONE_DOSES:
        raise ValidationError("naloxone_doses", f"enter a number from 0 to {MAX_NALOXONE_DOSES}")
    check_location(data.latitude, data.longitude)
    return Incident(
        id=new_id(),
        occurred_at=data.occurred_at,
        address=text.clean(data.address, "incident_address", max_len=400),
        latitude=data.latitude,
        longitude=data.longitude,
        fatal=False,  # the program follows up survivors
        naloxone_given=data.naloxone_doses > 0,
        naloxone_doses=data.naloxone_doses,
        suspected_substance=text.clean(data.suspected_substance, "suspected_substance"),
        responding_agency=text.clean(data.responding_agency, "responding_agency"),
        drug_intel_notes=text.clean(data.drug_intel_notes, "drug_intel_notes", max_len=text.LONG),
    )


def _consent(data: ConsentInput, now: datetime) -> Consent:
    form_number = text.clean(data.form_number, "consent_form_number", max_len=40)
    consent.check_consent(data.scopes, data.signed_how, form_number)
    consent.check_signature(data.signed_how, data.signature_png)
    consent.check_expiry(data.expires_on, now.date())
    return Consent(
        discloser=text.clean(data.discloser, "consent_discloser", required=True),
        recipient=text.clean(data.recipient, "consent_recipient", required=True),
        scopes=sorted(scope.value for scope in data.scopes),
        purpose=text.clean(data.purpose, "consent_purpose", max_len=400, required=True),
        expires_on=data.expires_on,
        signed_how=data.signed_how.value,
        form_number=form_number,
        signature_png=data.signature_png,
        signed_at=None if data.signed_how is SignedHow.DECLINED else now,
    )


def _phone_swap(data: PersonalPhoneInput) -> PhoneSwap:
    return PhoneSwap(
        id=new_id(),
        personal_make=text.clean(data.make, "personal_make", max_len=80),
        personal_model=text.clean(data.model, "personal_model", max_len=80),
        personal_colour=text.clean(data.colour, "personal_colour", max_len=40),
        personal_imei=normalise_imei(data.imei, "personal_imei") if data.imei.strip() else "",
        personal_condition=text.clean(data.condition, "personal_condition", max_len=400),
        property_receipt_no=text.clean(
            data.property_receipt_no, "property_receipt_no", max_len=40, required=True
        ),
        storage_location=text.clean(data.storage_location, "storage_location"),
    )


def _family_contact(data: FamilyContactInput, person_id: UUID) -> FamilyContact:
    return FamilyContact(
        id=new_id(),
        person_id=person_id,
        name=text.clean(data.name, "family_name", required=True),
        relationship=text.clean(data.relationship, "family_relationship", max_len=80),
        phone=normalise_us_phone(data.phone, "family_phone") if data.phone.strip() else "",
        language=data.language.value,
        consent_to_contact=data.consent_to_contact,
    )


# --- inside the transaction ----------------------------------------------------------------------


def _issuable_burner(tx: Transaction, imei_or_tag: str) -> BurnerPhone:
    phone = phone_by_imei_or_tag(tx, imei_or_tag)
    check_issuable(PhoneStatus(phone.status), phone.asset_tag)
    return phone


def _issuable_bag(tx: Transaction, raw_label: str, now: datetime) -> RecoveryBag:
    label = text.clean(raw_label, "recovery_bag", max_len=40, required=True)
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


def search_terms(person: Person, swap: PhoneSwap | None, burner: BurnerPhone | None) -> list[str]:
    """What a detective may type to find the case: the name, the phone as digits and as printed, the
    IMEIs, the asset tag and the receipt number."""
    terms = [f"{person.given_name} {person.family_name}"]
    if person.phone:
        terms += [person.phone.removeprefix("+1"), display_us_phone(person.phone)]
    if swap is not None:
        terms += [swap.personal_imei, swap.property_receipt_no]
    if burner is not None:
        terms += [burner.imei, burner.asset_tag]
    return terms
