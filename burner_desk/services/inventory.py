"""Inventory: burner phones, recovery bags and handouts, before any of them reaches a survivor."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

from burner_desk.domain import text
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.ids import bag_item_id, burner_phone_id, recovery_bag_id
from burner_desk.domain.imei import normalise_imei
from burner_desk.domain.inventory import (
    BagItemKind,
    BagStatus,
    HandoutAudience,
    PhoneStatus,
    check_naloxone,
    check_status_change,
)
from burner_desk.domain.people import Actor, Language
from burner_desk.domain.permissions import Op, require, require_change
from burner_desk.domain.phone import display_us_phone, normalise_us_phone
from burner_desk.paths import resource_path
from burner_desk.services.paging import PAGE_SIZE, Page
from burner_desk.storage.models import BagItem, BurnerPhone, Handout, RecoveryBag
from burner_desk.storage.uow import Transaction, UnitOfWork

CSV_COLUMNS = ("asset_tag", "imei", "phone_number", "carrier", "programmed_contacts")
MAX_CSV_ROWS = 5000
MAX_PER_ITEM = 20  # more than this of one item in a bag is a typo, not a bag
IMEI_CHARS = frozenset("0123456789 -/.")


# --- burner phones -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammedContact:
    label: str
    phone: str  # E.164 once stored; as typed on input


@dataclass(frozen=True)
class BurnerPhoneInput:
    asset_tag: str
    imei: str
    phone_number: str
    carrier: str
    programmed_contacts: tuple[ProgrammedContact, ...]


@dataclass(frozen=True)
class BurnerPhoneView:
    id: UUID
    asset_tag: str
    imei: str
    phone_number: str
    carrier: str
    status: PhoneStatus
    programmed_contacts: tuple[ProgrammedContact, ...]
    contacts_verified_at: datetime | None

    @staticmethod
    def of(row: BurnerPhone) -> BurnerPhoneView:
        return BurnerPhoneView(
            id=row.id,
            asset_tag=row.asset_tag,
            imei=row.imei,
            phone_number=display_us_phone(row.phone_number),
            carrier=row.carrier,
            status=PhoneStatus(row.status),
            programmed_contacts=tuple(
                ProgrammedContact(entry["label"], display_us_phone(entry["phone"]))
                for entry in row.programmed_contacts
            ),
            contacts_verified_at=row.contacts_verified_at,
        )


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[str, ...]  # asset tags, in file order
    errors: tuple[RowError, ...]


def add_burner_phone(uow: UnitOfWork, actor: Actor, data: BurnerPhoneInput) -> BurnerPhoneView:
    require(actor, "burner_phone", Op.INSERT)
    with uow.begin(actor) as tx:
        phone = tx.add(_new_phone(tx, data))
        tx.record("burner_phone.create", phone)
        return BurnerPhoneView.of(phone)


def import_burner_phones_csv(uow: UnitOfWork, actor: Actor, csv_text: str) -> ImportReport:
    """Good rows are imported and bad rows skipped, each reported with its line number and reason.

    Columns: asset_tag, imei, phone_number, carrier, programmed_contacts ("label: phone; label: phone").
    Cells are only ever read as plain text, so a cell starting with = + - @ is stored as typed.
    """
    require(actor, "burner_phone", Op.INSERT)
    reader = csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff")), restval="")
    columns = [(name or "").strip().lower() for name in reader.fieldnames or ()]
    missing = [name for name in CSV_COLUMNS if name not in columns]
    if missing:
        raise ValidationError("csv", f"the first line must name the columns; missing: {', '.join(missing)}")
    reader.fieldnames = columns
    imported: list[str] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}  # IMEI or asset tag -> line that brought it
    with uow.begin(actor) as tx:
        try:
            for number, row in enumerate(reader, start=1):
                if number > MAX_CSV_ROWS:
                    raise ValidationError("csv", f"import at most {MAX_CSV_ROWS} phones per file")
                line = reader.line_num
                try:
                    if None in row:
                        raise ValidationError("csv", f"more cells than the {len(columns)} columns")
                    data = BurnerPhoneInput(
                        asset_tag=row["asset_tag"],
                        imei=row["imei"],
                        phone_number=row["phone_number"],
                        carrier=row["carrier"],
                        programmed_contacts=_contacts_cell(row["programmed_contacts"]),
                    )
                    phone = _new_phone(tx, data, first_line)
                except ValidationError as exc:
                    errors.append(RowError(line, exc.field, exc.reason))
                    continue
                first_line[phone.imei] = first_line[phone.asset_tag] = line
                tx.add(phone)
                tx.record("burner_phone.create", phone)
                imported.append(phone.asset_tag)
        except csv.Error as exc:
            raise ValidationError("csv", f"line {reader.line_num} cannot be read: {exc}") from exc
        tx.record("burner_phone.import", entity="burner_phone", outcome="ok" if not errors else "partial")
    return ImportReport(tuple(imported), tuple(errors))


def verify_programmed_contacts(
    uow: UnitOfWork, actor: Actor, imei_or_tag: str, now: datetime
) -> BurnerPhoneView:
    """Someone called each programmed contact from the phone and it rang the right person."""
    require(actor, "burner_phone", Op.UPDATE, "contacts_verified_at")
    with uow.begin(actor) as tx:
        phone = phone_by_imei_or_tag(tx, imei_or_tag)
        phone.contacts_verified_at = now
        tx.record("burner_phone.verify_contacts", phone)
        return BurnerPhoneView.of(phone)


def mark_phone(uow: UnitOfWork, actor: Actor, imei_or_tag: str, status: PhoneStatus) -> BurnerPhoneView:
    """Returned, lost or retired; a phone becomes issued only at the bedside."""
    with uow.begin(actor) as tx:
        phone = phone_by_imei_or_tag(tx, imei_or_tag)
        require_change(actor, "burner_phone", Op.UPDATE, {"status": (phone.status, status.value)})
        check_status_change(PhoneStatus(phone.status), status, phone.asset_tag)
        phone.status = status.value
        tx.record(f"burner_phone.{status.value}", phone)
        return BurnerPhoneView.of(phone)


def retag_phone(uow: UnitOfWork, actor: Actor, imei_or_tag: str, new_tag: str) -> BurnerPhoneView:
    """A new asset tag on a phone: two phones were given the same tag (at two desks, before they synced),
    or a label was reprinted."""
    tag = text.clean(new_tag, "asset_tag", max_len=40, required=True)
    with uow.begin(actor) as tx:
        phone = phone_by_imei_or_tag(tx, imei_or_tag)
        if phone.asset_tag == tag:
            raise ValidationError("asset_tag", f"{tag} is already this phone's asset tag")
        clash = tx.inventory.phone_tagged(tag)
        if clash is not None:
            raise ValidationError(
                "asset_tag", f"{tag} is already the tag of the phone with IMEI {clash.imei}"
            )
        phone.asset_tag = tag
        tx.record("burner_phone.retag", phone)
        return BurnerPhoneView.of(phone)


def phones(uow: UnitOfWork, status: PhoneStatus | None = None) -> list[BurnerPhoneView]:
    with uow.begin() as tx:
        return [BurnerPhoneView.of(row) for row in tx.inventory.phones(status.value if status else None)]


def phones_page(uow: UnitOfWork, after: str | None = None, size: int = PAGE_SIZE) -> Page[BurnerPhoneView]:
    """Phones by asset tag, `size` of them after the asset tag `after` (None: the first page)."""
    with uow.begin() as tx:
        fetched = tx.inventory.phones_after(after, size + 1)  # the extra row only says that more follow
        return Page(tuple(BurnerPhoneView.of(row) for row in fetched[:size]), more=len(fetched) > size)


def phone_by_imei_or_tag(tx: Transaction, raw: str, field: str = "burner_phone") -> BurnerPhone:
    """What a scanner or a person typed: an IMEI (checked, separators dropped) or an asset tag."""
    key = text.clean(raw, field, max_len=40, required=True)
    if set(key) <= IMEI_CHARS:
        key = normalise_imei(key, field)
    phone = tx.inventory.phone_by_imei_or_tag(key)
    if phone is None:
        raise ValidationError(field, f"no burner phone {key} in the inventory")
    return phone


def _new_phone(
    tx: Transaction, data: BurnerPhoneInput, first_line: dict[str, int] | None = None
) -> BurnerPhone:
    asset_tag = text.clean(data.asset_tag, "asset_tag", max_len=40, required=True)
    imei = normalise_imei(data.imei)
    contacts = [
        {
            "label": text.clean(contact.label, "programmed_contacts", required=True),
            "phone": normalise_us_phone(contact.phone, "programmed_contacts"),
        }
        for contact in data.programmed_contacts
    ]
    if not contacts:
        raise ValidationError(
            "programmed_contacts", "program at least the detective's line and the treatment program"
        )
    for field, value in (("imei", imei), ("asset_tag", asset_tag)):
        if first_line is not None and value in first_line:
            raise ValidationError(field, f"{value} is already on line {first_line[value]} of this file")
    clash = tx.inventory.phone_clashing(imei, asset_tag)
    if clash is not None:
        field = "imei" if clash.imei == imei else "asset_tag"
        raise ValidationError(field, f"already in the inventory as phone {clash.asset_tag}")
    return BurnerPhone(
        id=burner_phone_id(imei),  # the same IMEI is the same record on every laptop
        asset_tag=asset_tag,
        imei=imei,
        phone_number=normalise_us_phone(data.phone_number, "phone_number"),
        carrier=text.clean(data.carrier, "carrier", max_len=80),
        status=PhoneStatus.IN_STOCK.value,
        programmed_contacts=contacts,
    )


def _contacts_cell(cell: str) -> tuple[ProgrammedContact, ...]:
    contacts = []
    for entry in cell.split(";"):
        if not entry.strip():
            continue
        label, colon, phone = entry.rpartition(":")
        if not colon:
            raise ValidationError("programmed_contacts", "write each contact as 'label: phone', split by ';'")
        contacts.append(ProgrammedContact(label, phone))
    return tuple(contacts)


# --- recovery bags -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NaloxoneKit:
    lot: str
    expires_on: date
    quantity: int = 1


@dataclass(frozen=True)
class RecoveryBagInput:
    label: str
    naloxone: tuple[NaloxoneKit, ...]
    disposal_bags: int = 2
    other_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class BagItemView:
    kind: BagItemKind
    quantity: int
    description: str
    lot: str
    expires_on: date | None


@dataclass(frozen=True)
class RecoveryBagView:
    id: UUID
    label: str
    status: BagStatus
    issued_at: datetime | None
    items: tuple[BagItemView, ...]

    @staticmethod
    def of(bag: RecoveryBag, items: Iterable[BagItem]) -> RecoveryBagView:
        return RecoveryBagView(
            id=bag.id,
            label=bag.label,
            status=BagStatus(bag.status),
            issued_at=bag.issued_at,
            items=tuple(
                BagItemView(BagItemKind(i.kind), i.quantity, i.description, i.lot, i.expires_on)
                for i in items
            ),
        )


# The notes a packed bag's standard items carry. Stored (and synced) in English, as every laptop writes them;
# the UI shows them in its language (ui.widgets.vocabulary.bag_item_note).
PHONE_SLOT_NOTE = "issued at the bedside"
REFERRAL_SHEET_NOTE = "printed at the bedside"
NALOXONE_NOTE = "naloxone nasal spray kit"


def assemble_recovery_bag(
    uow: UnitOfWork, actor: Actor, data: RecoveryBagInput, now: datetime
) -> RecoveryBagView:
    """A packed bag waiting for a survivor; its burner phone slot is filled at the bedside."""
    require(actor, "recovery_bag", Op.INSERT)
    label = text.clean(data.label, "label", max_len=40, required=True)
    if not data.naloxone:
        raise ValidationError("naloxone", "a recovery bag carries at least one naloxone kit")
    _check_quantity("disposal_bags", data.disposal_bags, minimum=0)
    bag_id = recovery_bag_id(label)  # the same label is the same bag on every laptop, its items too
    items = [
        BagItem(bag_id=bag_id, kind=BagItemKind.BURNER_PHONE.value, description=PHONE_SLOT_NOTE),
        BagItem(bag_id=bag_id, kind=BagItemKind.REFERRAL_SHEET.value, description=REFERRAL_SHEET_NOTE),
    ]
    if data.disposal_bags:
        items.append(BagItem(bag_id=bag_id, kind=BagItemKind.DISPOSAL_BAG.value, quantity=data.disposal_bags))
    for kit in data.naloxone:
        lot = text.clean(kit.lot, "naloxone_lot", max_len=40)
        check_naloxone(lot, kit.expires_on, now.date())
        _check_quantity("naloxone", kit.quantity, minimum=1)
        items.append(
            BagItem(
                bag_id=bag_id,
                kind=BagItemKind.NALOXONE.value,
                quantity=kit.quantity,
                description=NALOXONE_NOTE,
                lot=lot,
                expires_on=kit.expires_on,
            )
        )
    for other in data.other_items:
        items.append(
            BagItem(
                bag_id=bag_id,
                kind=BagItemKind.OTHER.value,
                description=text.clean(other, "other_items", required=True),
            )
        )
    for position, item in enumerate(items):
        item.id = bag_item_id(bag_id, position)
    with uow.begin(actor) as tx:
        if tx.inventory.bag_label_used(label):
            raise ValidationError("label", f"a bag labelled {label} already exists")
        bag = tx.add(RecoveryBag(id=bag_id, label=label, status=BagStatus.ASSEMBLED.value))
        tx.flush()  # the bag row first: its items point at it
        tx.add_all(items)
        tx.record("recovery_bag.create", bag)
        return RecoveryBagView.of(bag, items)


def bags(uow: UnitOfWork, status: BagStatus | None = None) -> list[RecoveryBagView]:
    with uow.begin() as tx:
        return _with_items(tx, tx.inventory.bags(status.value if status else None))


def bags_page(uow: UnitOfWork, after: str | None = None, size: int = PAGE_SIZE) -> Page[RecoveryBagView]:
    """Bags by label, `size` of them after the label `after` (None: the first page), with their items."""
    with uow.begin() as tx:
        fetched = tx.inventory.bags_after(after, size + 1)  # the extra row only says that more follow
        return Page(tuple(_with_items(tx, fetched[:size])), more=len(fetched) > size)


def _with_items(tx: Transaction, bags: Sequence[RecoveryBag]) -> list[RecoveryBagView]:
    items = tx.inventory.items_of_bags([bag.id for bag in bags])
    return [RecoveryBagView.of(bag, items.get(bag.id, ())) for bag in bags]


def _check_quantity(field: str, quantity: int, *, minimum: int) -> None:
    if not minimum <= quantity <= MAX_PER_ITEM:
        raise ValidationError(field, f"enter a number from {minimum} to {MAX_PER_ITEM}")


# --- handouts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutInput:
    code: str
    title: str
    audience: HandoutAudience
    language: Language
    edition: str = "1"
    stock: int = 0


@dataclass(frozen=True)
class HandoutView:
    id: UUID
    code: str
    title: str
    audience: HandoutAudience
    language: Language
    edition: str
    stock: int

    @staticmethod
    def of(row: Handout) -> HandoutView:
        return HandoutView(
            row.id,
            row.code,
            row.title,
            HandoutAudience(row.audience),
            Language(row.language),
            row.edition,
            row.stock,
        )


def add_handout(uow: UnitOfWork, actor: Actor, data: HandoutInput) -> HandoutView:
    require(actor, "handout", Op.INSERT)
    with uow.begin(actor) as tx:
        handout = _new_handout(tx, data)
        tx.record("handout.create", handout)
        return HandoutView.of(handout)


def restock_handout(
    uow: UnitOfWork, actor: Actor, code: str, language: Language, quantity: int
) -> HandoutView:
    if quantity < 1:
        raise ValidationError("quantity", "add at least one copy")
    with uow.begin(actor) as tx:
        handout = tx.inventory.handout(code, language.value)
        if handout is None:
            raise NotFound("handout", f"{code} ({language.value})")
        require_change(actor, "handout", Op.UPDATE, {"stock": (handout.stock, handout.stock + quantity)})
        handout.stock += quantity
        tx.record("handout.restock", handout)
        return HandoutView.of(handout)


def handouts(uow: UnitOfWork) -> list[HandoutView]:
    with uow.begin() as tx:
        return [HandoutView.of(row) for row in tx.inventory.handouts()]


def load_handout_catalog(uow: UnitOfWork, actor: Actor, initial_stock: int = 0) -> list[HandoutView]:
    """Add the shipped catalog (resources/handouts/catalog.json); entries already present are kept."""
    require(actor, "handout", Op.INSERT)
    catalog = json.loads(resource_path("handouts", "catalog.json").read_text(encoding="utf-8"))
    loaded = []
    with uow.begin(actor) as tx:
        for entry in catalog["handouts"]:
            for language, title in entry["titles"].items():
                if tx.inventory.handout(entry["code"], language) is not None:
                    continue
                data = HandoutInput(
                    code=entry["code"],
                    title=title,
                    audience=HandoutAudience(entry["audience"]),
                    language=Language(language),
                    edition=entry["edition"],
                    stock=initial_stock,
                )
                loaded.append(_new_handout(tx, data))
        tx.record("handout.import", entity="handout")
        return [HandoutView.of(row) for row in loaded]


def _new_handout(tx: Transaction, data: HandoutInput) -> Handout:
    code = text.clean(data.code, "code", max_len=60, required=True)
    if data.stock < 0:
        raise ValidationError("stock", "stock cannot be negative")
    if tx.inventory.handout(code, data.language.value) is not None:
        raise ValidationError("code", f"handout {code} in {data.language.value} is already in the catalog")
    return tx.add(
        Handout(
            code=code,
            title=text.clean(data.title, "title", required=True),
            audience=data.audience.value,
            language=data.language.value,
            edition=text.clean(data.edition, "edition", max_len=20, required=True),
            stock=data.stock,
        )
    )


# --- reading what a person typed or picked -----------------------------------------------------------

MAX_CSV_BYTES = 5 * 1024 * 1024  # MAX_CSV_ROWS phones fit in far less


def programmed_contacts_from_text(cell: str) -> tuple[ProgrammedContact, ...]:
    """The CSV's contacts cell format, also typed in the add-phone form: "label: phone; label: phone"."""
    return _contacts_cell(cell)


def import_burner_phones_file(uow: UnitOfWork, actor: Actor, path: Path) -> ImportReport:
    """The file picked in the Inventory view; an unreadable file is a refusal, never a crash."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ValidationError("csv", f"the file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB")
        csv_text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "csv", "the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8"
        ) from exc
    except OSError as exc:
        raise ValidationError("csv", f"the file cannot be read ({exc.strerror or 'unknown reason'})") from exc
    return import_burner_phones_csv(uow, actor, csv_text)
