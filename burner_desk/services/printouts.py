"""Printouts for a case: which documents apply, each one built from the vault's records, and the audit
of every print or save.

Printing sits below services: this module maps the vault's rows to `printing.data` values (phones in
display form, times in the laptop's local time) and calls the document's `build`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from burner_desk.domain import opening_hours
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.inventory import BagItemKind
from burner_desk.domain.people import Actor, Language
from burner_desk.domain.phone import display_us_phone
from burner_desk.domain.residency import HOME_JURISDICTION, Branch, branch_for, normalise_jurisdiction
from burner_desk.domain.resources import ResourceKind
from burner_desk.printing import consent, family, packing_list, receipt, referral, texts
from burner_desk.printing import data as printed
from burner_desk.services.access import AGENCY
from burner_desk.storage.models import (
    BurnerPhone,
    Consent,
    CoResponseCall,
    Encounter,
    FamilyContact,
    Person,
    RecoveryBag,
    Resource,
    User,
)
from burner_desk.storage.uow import Transaction, UnitOfWork

# Where a personal phone is given back: vault settings, written by a supervisor. Until they are set the
# receipt names the agency and the detective's direct line, so it never prints without a way back.
PROPERTY_OFFICE_NAME = "property_office_name"
PROPERTY_OFFICE_PHONE = "property_office_phone"
PROPERTY_OFFICE_ADDRESS = "property_office_address"
PROPERTY_OFFICE_HOURS = "property_office_hours"

MAX_COPIES = 20
RowT = TypeVar("RowT")
FAMILY_PREFIX = "family_sheet:"  # a family sheet's key names the family contact it is printed for


class DocumentKind(StrEnum):
    REFERRAL_SHEET = "referral_sheet"
    FAMILY_SHEET = "family_sheet"
    PROPERTY_RECEIPT = "property_receipt"
    CONSENT_FORM = "consent_form"
    PACKING_LIST = "packing_list"


class Destination(StrEnum):
    PRINTER = "printer"
    PDF = "pdf"


AUDIT_ACTION = {Destination.PRINTER: "document.print", Destination.PDF: "document.save_pdf"}

# The outcome column holds 20 characters: short codes for the documents.
AUDIT_CODE = {
    DocumentKind.REFERRAL_SHEET: "referral",
    DocumentKind.FAMILY_SHEET: "family",
    DocumentKind.PROPERTY_RECEIPT: "receipt",
    DocumentKind.CONSENT_FORM: "consent",
    DocumentKind.PACKING_LIST: "packing",
}


@dataclass(frozen=True)
class PrintableDocument:
    key: str  # what `render` and `record_print` take: the kind, plus the family contact for a family sheet
    kind: DocumentKind
    title: str  # as the print dialog lists it
    default_lang: Language  # the survivor's, or the family member's, preferred language
    file_stem: str  # for "Save as PDF": names the document, never the person
    about: str = ""  # the family member a family sheet is for (the UI words the title in its language)


def languages() -> tuple[Language, ...]:
    """The languages every document is printed in (those with wording in resources/print)."""
    return tuple(Language(lang) for lang in texts.languages())


def documents_for(uow: UnitOfWork, actor: Actor, encounter_id: UUID) -> list[PrintableDocument]:
    """What applies to this case, in the order a detective hands it over."""
    with uow.begin(actor) as tx:
        encounter, person = _case(tx, encounter_id)
        swap = tx.workload.swap_for(encounter_id)
        resident = branch_for(person.jurisdiction) is Branch.RESIDENT
        survivor_lang = Language(person.preferred_language)
        found = [
            PrintableDocument(
                DocumentKind.REFERRAL_SHEET.value,
                DocumentKind.REFERRAL_SHEET,
                "Referral sheet" if resident else "Referral sheet (non-resident)",
                survivor_lang,
                "referral-sheet" if resident else "referral-sheet-non-resident",
            )
        ]
        for number, contact in enumerate(tx.people.family_contacts(person.id), start=1):
            found.append(
                PrintableDocument(
                    f"{FAMILY_PREFIX}{contact.id}",
                    DocumentKind.FAMILY_SHEET,
                    f"Family sheet for {contact.name}",
                    Language(contact.language),
                    f"family-sheet-{number}",
                    contact.name,
                )
            )
        if swap is not None:
            found.append(
                _simple(DocumentKind.PROPERTY_RECEIPT, "Property receipt (two copies)", survivor_lang)
            )
        if _signed_consent(tx, encounter_id) is not None:
            found.append(_simple(DocumentKind.CONSENT_FORM, "Consent form", survivor_lang))
        if tx.workload.bag_for(encounter_id) is not None:
            found.append(_simple(DocumentKind.PACKING_LIST, "Recovery-bag packing list", survivor_lang))
        tx.record("document.list", encounter)
        return found


def render(
    uow: UnitOfWork,
    actor: Actor,
    encounter_id: UUID,
    document_key: str,
    lang: str,
    *,
    now: datetime | None = None,
    invariant: bool = False,
) -> bytes:
    """One document of the case as PDF bytes. Nothing is audited here: `record_print` is, once the
    pages reached the printer or the file."""
    _check_language(lang)
    today = (now or datetime.now().astimezone()).astimezone().date()
    with uow.begin(actor) as tx:
        encounter, person = _case(tx, encounter_id)
        kind, family_contact_id = _parse_key(document_key)
        builders: dict[DocumentKind, Callable[[], bytes]] = {
            DocumentKind.REFERRAL_SHEET: lambda: referral.build(
                _referral_sheet(tx, encounter, person, today), lang, invariant=invariant
            ),
            DocumentKind.FAMILY_SHEET: lambda: family.build(
                _family_sheet(tx, encounter, person, family_contact_id, today), lang, invariant=invariant
            ),
            DocumentKind.PROPERTY_RECEIPT: lambda: receipt.build(
                _property_receipt(tx, encounter, person), lang, invariant=invariant
            ),
            DocumentKind.CONSENT_FORM: lambda: consent.build(
                _consent_form(tx, encounter, person), lang, invariant=invariant
            ),
            DocumentKind.PACKING_LIST: lambda: packing_list.build(
                _packing_list(tx, encounter), lang, invariant=invariant
            ),
        }
        return builders[kind]()


def record_print(
    uow: UnitOfWork,
    actor: Actor,
    encounter_id: UUID,
    document_key: str,
    lang: str,
    copies: int,
    destination: Destination | str,
) -> None:
    """Audit one printed or saved document: who and when are the event's own; the subject is the case
    (or the family member a family sheet is for); what, language and copies are coded in the outcome,
    e.g. "referral/es/2" — no record content."""
    where = Destination(destination)
    if not 1 <= copies <= MAX_COPIES:
        raise ValidationError("copies", f"print from 1 to {MAX_COPIES} copies")
    _check_language(lang)
    kind, family_contact_id = _parse_key(document_key)
    with uow.begin(actor) as tx:
        encounter, person = _case(tx, encounter_id)
        subject: Encounter | FamilyContact = encounter
        if family_contact_id is not None:
            subject = _family_contact(tx, person, family_contact_id)
        tx.record(AUDIT_ACTION[where], subject, outcome=f"{AUDIT_CODE[kind]}/{lang}/{copies}")


UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
RESERVED_FILE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)


def pdf_file_name(raw: str) -> str:
    """A file name that is safe on every laptop: no folders, no `..`, no characters or names Windows
    refuses, and a .pdf ending."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = UNSAFE_IN_FILE_NAME.sub("_", stem).strip(" .")[:100] or "document"
    if stem.split(".")[0].lower() in RESERVED_FILE_NAMES:
        stem = f"_{stem}"
    return f"{stem}.pdf"


# --- mapping the vault's records to what the documents print --------------------------------------


def _check_language(lang: str) -> None:
    if lang not in texts.languages():
        raise ValidationError("language", f"there is no printed wording in {lang!r}")


def _simple(kind: DocumentKind, title: str, lang: Language) -> PrintableDocument:
    return PrintableDocument(kind.value, kind, title, lang, kind.value.replace("_", "-"))


def _parse_key(document_key: str) -> tuple[DocumentKind, UUID | None]:
    try:
        if document_key.startswith(FAMILY_PREFIX):
            return DocumentKind.FAMILY_SHEET, UUID(document_key.removeprefix(FAMILY_PREFIX))
        kind = DocumentKind(document_key)
    except ValueError:
        raise ValidationError("document", f"there is no document called {document_key!r}") from None
    if kind is DocumentKind.FAMILY_SHEET:
        raise ValidationError("document", "a family sheet is printed for a named family member")
    return kind, None


def _case(tx: Transaction, encounter_id: UUID) -> tuple[Encounter, Person]:
    encounter = tx.get(Encounter, encounter_id)
    return encounter, tx.get(Person, encounter.person_id)


def _family_contact(tx: Transaction, person: Person, contact_id: UUID) -> FamilyContact:
    contact = tx.get(FamilyContact, contact_id)
    if contact.person_id != person.id:  # never a sheet naming someone from another case
        raise NotFound("family_contact", contact_id)
    return contact


def _signed_consent(tx: Transaction, encounter_id: UUID) -> Consent | None:
    """The newest consent the survivor gave (signed on screen or on paper) and has not revoked."""
    given = [
        row
        for row in tx.workload.consents_for(encounter_id)
        if row.signed_how != SignedHow.DECLINED.value and row.revoked_at is None
    ]
    return given[-1] if given else None


def _detective(tx: Transaction, encounter: Encounter) -> printed.Detective:
    user = tx.get(User, encounter.detective_id)
    return printed.Detective(
        name=user.display_name,
        badge_no=user.badge_no,
        direct_phone=display_us_phone(user.direct_phone),
        agency=tx.settings.get(AGENCY),
    )


def directory_entries(tx: Transaction, jurisdiction: str, kind: ResourceKind) -> tuple[printed.Resource, ...]:
    """A jurisdiction's entries of one kind in the resource directory, as every printout lists them."""
    return tuple(_printed(row) for row in tx.resources.in_jurisdiction(jurisdiction, kind.value))


def _printed(row: Resource) -> printed.Resource:
    return printed.Resource(
        name=row.name,
        phone=display_us_phone(row.phone),
        phone_24h=display_us_phone(row.phone_24h),
        address=row.address,
        hours=opening_hours.from_record(row.opening_hours, row.hours_notes, row.hours),
    )


def _referral_sheet(
    tx: Transaction, encounter: Encounter, person: Person, today: date
) -> printed.ReferralSheet:
    jurisdiction = normalise_jurisdiction(person.jurisdiction)
    # The programs the detective referred to; the jurisdiction's own when none was recorded.
    referred = [
        res for _, res in tx.workload.referrals_for(encounter.id) if res.kind == ResourceKind.TREATMENT
    ]
    programs = referred or list(tx.resources.in_jurisdiction(jurisdiction, ResourceKind.TREATMENT.value))
    swap = tx.workload.swap_for(encounter.id)
    burner = tx.get(BurnerPhone, swap.burner_phone_id) if swap and swap.burner_phone_id else None
    follow_up = tx.workload.follow_up_for(encounter.id)
    caller = _caller(tx, programs)
    return printed.ReferralSheet(
        survivor_name=_full_name(person),
        prepared_on=today,
        detective=_detective(tx, encounter),
        resident=branch_for(jurisdiction) is Branch.RESIDENT,
        jurisdiction=string.capwords(jurisdiction),
        treatment=tuple(_printed(row) for row in programs),
        naloxone=directory_entries(tx, jurisdiction, ResourceKind.NALOXONE),
        harm_reduction=directory_entries(tx, jurisdiction, ResourceKind.HARM_REDUCTION),
        info_url=_info_url(tx, programs),
        burner_phone_number=display_us_phone(burner.phone_number) if burner else "",
        caller=_printed(caller) if caller else None,
        # A follow-up already closed (the survivor called first) has no call left to promise a time for.
        call_by=_local(follow_up.due_at) if follow_up and follow_up.closed_at is None else None,
    )


def _caller(tx: Transaction, programs: list[Resource]) -> Resource | None:
    """The program whose social worker makes the 48-hour call, non-residents included: the city's own
    (DESIGN.md section 1), the one referred to when it is the city's."""
    home = [row for row in programs if row.jurisdiction == HOME_JURISDICTION]
    home = home or list(tx.resources.in_jurisdiction(HOME_JURISDICTION, ResourceKind.TREATMENT.value))
    return home[0] if home else None


def _info_url(tx: Transaction, programs: list[Resource]) -> str:
    """The QR code leads to the survivor's program's page, or else to the city program's."""
    home = tx.resources.in_jurisdiction(HOME_JURISDICTION, ResourceKind.TREATMENT.value)
    return next((row.url for row in (*programs, *home) if row.url), "")


def _family_sheet(
    tx: Transaction, encounter: Encounter, person: Person, contact_id: UUID | None, today: date
) -> printed.FamilySheet:
    assert contact_id is not None  # _parse_key gives every family sheet its contact
    contact = _family_contact(tx, person, contact_id)
    # The family is pointed to the help where the survivor lives; the sheet names nothing of the survivor.
    jurisdiction = normalise_jurisdiction(person.jurisdiction)
    return printed.FamilySheet(
        recipient_name=contact.name,
        prepared_on=today,
        detective=_detective(tx, encounter),
        treatment=directory_entries(tx, jurisdiction, ResourceKind.TREATMENT),
        support_groups=directory_entries(tx, jurisdiction, ResourceKind.FAMILY_SUPPORT),
        naloxone=directory_entries(tx, jurisdiction, ResourceKind.NALOXONE),
    )


def _property_receipt(tx: Transaction, encounter: Encounter, person: Person) -> printed.PropertyReceipt:
    swap = _required(tx.workload.swap_for(encounter.id), "no personal phone was taken in this case")
    detective = _detective(tx, encounter)
    taken = next(iter(tx.workload.custody_events(swap.id)), None)
    return printed.PropertyReceipt(
        receipt_no=swap.property_receipt_no,
        taken_at=_local((taken.at if taken else None) or encounter.ended_at or encounter.started_at),
        owner_name=_full_name(person),
        make=swap.personal_make,
        model=swap.personal_model,
        colour=swap.personal_colour,
        imei=swap.personal_imei,
        condition=swap.personal_condition,
        storage_location=swap.storage_location,
        detective=detective,
        property_office=_property_office(tx, detective),
    )


def _property_office(tx: Transaction, detective: printed.Detective) -> printed.Resource:
    phone = tx.settings.get(PROPERTY_OFFICE_PHONE)
    return printed.Resource(
        name=tx.settings.get(PROPERTY_OFFICE_NAME) or detective.agency,
        phone=display_us_phone(phone) if phone else detective.direct_phone,
        address=tx.settings.get(PROPERTY_OFFICE_ADDRESS),
        hours=opening_hours.parse_text(tx.settings.get(PROPERTY_OFFICE_HOURS)),  # typed as free text
    )


def _consent_form(tx: Transaction, encounter: Encounter, person: Person) -> printed.ConsentForm:
    row = _required(_signed_consent(tx, encounter.id), "the survivor gave no consent in this case")
    return printed.ConsentForm(
        survivor_name=_full_name(person),
        date_of_birth=person.date_of_birth,
        discloser=row.discloser,
        recipient=row.recipient,
        scopes=frozenset(ConsentScope(scope) for scope in row.scopes),
        purpose=row.purpose,
        expires_on=row.expires_on,
        # Signed on screen there is no paper form: the record's own id ties the print to it.
        form_number=row.form_number or str(row.id)[:8].upper(),
        signed_at=_local(row.signed_at) if row.signed_at else None,
        signature_png=row.signature_png,
    )


def _packing_list(tx: Transaction, encounter: Encounter) -> printed.PackingList:
    bag: RecoveryBag = _required(tx.workload.bag_for(encounter.id), "no recovery bag was handed over")
    swap = tx.workload.swap_for(encounter.id)
    burner = tx.get(BurnerPhone, swap.burner_phone_id) if swap and swap.burner_phone_id else None
    packer = tx.get(User, bag.created_by) if bag.created_by else None
    lines = []
    for item in tx.inventory.bag_items(bag.id):
        kind = BagItemKind(item.kind)
        detail = ""
        if kind is BagItemKind.BURNER_PHONE:
            if burner is None:
                continue  # the slot is filled at the bedside, for residents only: no phone went in
            detail = f"{burner.asset_tag} · {display_us_phone(burner.phone_number)}"
        elif kind is BagItemKind.OTHER:
            detail = item.description
        lines.append(printed.BagLine(kind, item.quantity, detail, item.lot, item.expires_on))
    return printed.PackingList(
        bag_label=bag.label,
        packed_on=_local(bag.created_at).date(),
        packed_by=packer.display_name if packer else "",
        lines=tuple(lines),
    )


def _required(row: RowT | None, reason: str) -> RowT:
    if row is None:
        raise ValidationError("document", reason)
    return row


def _full_name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}"


def _local(moment: datetime) -> datetime:
    """Printed times are the laptop's wall-clock time, as the person holding the paper reads them."""
    return moment.astimezone()


# --- a co-response call's referral sheet (issue 19) ------------------------------------------------


def render_call_referral_sheet(
    uow: UnitOfWork,
    actor: Actor,
    call_id: UUID,
    lang: str,
    *,
    now: datetime | None = None,
    invariant: bool = False,
) -> bytes:
    """The referral sheet for the person a co-response call met: the programs the team referred them to
    (the jurisdiction's own when none was recorded), who came, 988. Nothing the clinician wrote is on it."""
    _check_language(lang)
    today = (now or datetime.now().astimezone()).astimezone().date()
    with uow.begin(actor) as tx:
        call = tx.get(CoResponseCall, call_id)
        person = tx.get(Person, call.person_id)
        jurisdiction = normalise_jurisdiction(person.jurisdiction)
        referred = [
            row
            for row in (tx.sync.record(Resource, UUID(str(i))) for i in call.referral_resource_ids)
            if isinstance(row, Resource) and row.deleted_at is None
        ]
        programs = referred or list(tx.resources.in_jurisdiction(jurisdiction, ResourceKind.TREATMENT.value))
        sheet = printed.ReferralSheet(
            survivor_name=_full_name(person),
            prepared_on=today,
            detective=printed.Detective(
                name=call.officer, badge_no="", direct_phone="", agency=tx.settings.get(AGENCY)
            ),
            resident=branch_for(jurisdiction) is Branch.RESIDENT,
            jurisdiction=string.capwords(jurisdiction),
            treatment=tuple(_printed(row) for row in programs),
            naloxone=(),
            harm_reduction=(),
            info_url=_info_url(tx, programs),
            co_response_clinician=call.clinician,
        )
    return referral.build(sheet, lang, invariant=invariant)


def record_call_print(
    uow: UnitOfWork, actor: Actor, call_id: UUID, lang: str, copies: int, destination: Destination | str
) -> None:
    """Audit a co-response call's referral sheet printed or saved, as `record_print` does a case's."""
    where = Destination(destination)
    if not 1 <= copies <= MAX_COPIES:
        raise ValidationError("copies", f"print from 1 to {MAX_COPIES} copies")
    _check_language(lang)
    with uow.begin(actor) as tx:
        tx.record(AUDIT_ACTION[where], tx.get(CoResponseCall, call_id), outcome=f"referral/{lang}/{copies}")
