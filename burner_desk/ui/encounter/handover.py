"""The handover page: the burner phone (city residents: scan it, check its contacts on the handset) and the
recovery bag (everyone: non-residents get it without the phone)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.imei import normalise_imei
from burner_desk.domain.inventory import BagItemKind, BagStatus, check_naloxone
from burner_desk.domain.residency import Branch
from burner_desk.services import bedside, inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.controls import set_combo_data
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, reason
from burner_desk.ui.encounter.survivor import SurvivorPage
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.messages import FieldRow
from burner_desk.ui.widgets.moments import local_date
from burner_desk.ui.widgets.numbers import number


def describe_item(item: inventory.BagItemView, *, with_phone: bool = True) -> str:
    note = vocabulary.bag_item_note(item.description)
    what = note if item.kind is BagItemKind.OTHER else vocabulary.bag_item(item.kind)
    if item.kind is BagItemKind.BURNER_PHONE and not with_phone:
        return QCoreApplication.translate(
            "ui.encounter.handover", "no burner phone: it is for City of Alexandria residents"
        )
    line = f"{number(item.quantity)} × {what}"
    if note and note != what:
        line += f" ({note})"
    if item.kind is BagItemKind.NALOXONE:
        expiry = (
            local_date(item.expires_on)
            if item.expires_on
            else QCoreApplication.translate("ui.encounter.handover", "no expiry")
        )
        line += QCoreApplication.translate(
            "ui.encounter.handover", " — lot {value}, expires {expiry}"
        ).format(value=item.lot or "?", expiry=expiry)
    return line


def _is_imei(raw: str) -> bool:
    try:
        normalise_imei(raw)
    except ValidationError:
        return False
    return True


class HandoverPage(WizardPage):
    key = "handover"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Burner phone and recovery bag")

    def __init__(self, context: ViewContext, survivor: SurvivorPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        # --- the burner phone (residents)
        self.burner = FieldRow(
            self.tr("Burner phone IMEI or asset tag"),
            hint=self.tr("Scan it: a full IMEI is looked up at once"),
        )
        self.add_row(self.tr("Burner phone"), "burner_phone", self.burner)
        self.found: inventory.BurnerPhoneView | None = None
        self._found_for = ""
        self._confirmed_for = ""  # a draft's phone whose contacts were already checked on the handset
        self.details = QLabel()
        self.details.setAccessibleName(self.tr("Burner phone found"))
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow("", self.details)
        self.confirmed = QCheckBox(self.tr("I checked these contacts on the handset"))
        self.add_row(
            "", "contacts_confirmed", ControlRow(self.confirmed, self.tr("Contacts checked on the handset"))
        )
        self.confirmed.setEnabled(False)
        self.confirmed.toggled.connect(self._contacts_checked)
        self.burner.edit.textEdited.connect(self._scanned)
        # --- the bag (everyone)
        self.bags: list[inventory.RecoveryBagView] = []
        self._wanted = ""  # a draft's bag, picked once the list has loaded
        self._packed_for = ""  # a draft's bag whose contents were already checked
        self._contents_of = ""  # the bag whose contents are listed
        self._looking_up: set[str] = set()  # "phone", "bags": the look-ups still on the DB executor
        self.bag = QComboBox()
        self.add_row(self.tr("Recovery bag"), "recovery_bag", ControlRow(self.bag, self.tr("Recovery bag")))
        self.contents = QLabel()
        self.contents.setAccessibleName(self.tr("What the bag holds"))
        self.contents.setTextFormat(Qt.TextFormat.PlainText)
        self.contents.setWordWrap(True)
        self.form.addRow(self.tr("Holds"), self.contents)
        self.packed = QCheckBox(self.tr("I checked the bag holds all of this"))
        self.add_row("", "bag_contents", ControlRow(self.packed, self.tr("Bag contents checked")))
        self.packed.toggled.connect(self.rows["bag_contents"].clear_error)
        self.bag.currentIndexChanged.connect(lambda _index: self._show_contents())
        self.finish_layout()

    @property
    def resident(self) -> bool:
        return self._survivor.branch is Branch.RESIDENT

    def initializePage(self) -> None:
        resident = self.resident
        self.setTitle(self.page_title if resident else self.tr("Recovery bag"))
        self.setSubTitle(
            self.tr("Scan the burner phone and check its contacts, then the bag handed over with it.")
            if resident
            else self.tr("Not a city resident: no burner phone, but the recovery bag all the same.")
        )
        for row in (self.rows["burner_phone"], self.details, self.rows["contacts_confirmed"]):
            self.form.setRowVisible(row, resident)
        if self.bags:
            self._show_contents()
        else:
            self._started("bags")
            self._context.tasks.run_db(
                lambda: inventory.bags(self._context.signed_in.uow, BagStatus.ASSEMBLED),
                on_done=self._show_bags,
                on_error=self._bags_failed,
            )
        # Once the page is on screen (a hidden widget takes no focus): the phone first, else the bag.
        first = self.burner.edit if resident else self.packed
        QTimer.singleShot(0, lambda: first.setFocus() if first.isVisible() else None)

    # --- the burner phone -----------------------------------------------------------------------------

    @property
    def raw(self) -> str:
        return self.burner.text()

    def _scanned(self, text: str) -> None:
        if _is_imei(text):  # a scanner types the whole IMEI: no Enter needed
            self.look_up()

    def _contacts_checked(self, on: bool) -> None:
        self.rows["contacts_confirmed"].clear_error()
        if on:  # the next thing to check is the bag
            self.packed.setFocus()

    def look_up(self) -> None:
        self.rows["burner_phone"].clear_error()
        raw = self.raw
        self.found, self._found_for = None, raw
        self.details.setText(self.tr("Looking up…"))
        self.confirmed.setChecked(False)
        self.confirmed.setEnabled(False)
        uow = self._context.signed_in.uow
        self._started("phone")
        self._context.tasks.run_db(
            lambda: bedside.issuable_burner(uow, raw), on_done=self._show_phone, on_error=self._not_found
        )

    def _started(self, look_up: str) -> None:
        self._looking_up.add(look_up)
        self.wait_for(True)

    def _landed(self, look_up: str) -> None:
        """Settled only once both look-ups are in: a resumed draft goes on past this page then."""
        self._looking_up.discard(look_up)
        if not self._looking_up:
            self.wait_for(False)

    def _show_phone(self, phone: inventory.BurnerPhoneView) -> None:
        self.found = phone
        contacts = "\n".join(f"   {c.label}: {c.phone}" for c in phone.programmed_contacts) or self.tr(
            "   (none)"
        )
        verified = local_date(phone.contacts_verified_at) if phone.contacts_verified_at else self.tr("never")
        self.details.setText(
            self.tr(
                "{asset_tag} · {phone_number} · {carrier}\nProgrammed contacts (last verified {verified}):\n{contacts}"
            ).format(
                asset_tag=phone.asset_tag,
                phone_number=phone.phone_number,
                carrier=phone.carrier,
                verified=verified,
                contacts=contacts,
            )
        )
        # A form row keeps the height it was laid out with: make room for every line now.
        lines = 2 + max(1, len(phone.programmed_contacts))
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * lines + 4)
        self.confirmed.setEnabled(True)
        self.confirmed.setChecked(bool(self._confirmed_for) and self._confirmed_for == self._found_for)
        if not self.confirmed.isChecked():
            self.confirmed.setFocus()
        self._landed("phone")

    def _not_found(self, exc: BaseException) -> None:
        self.details.clear()
        if isinstance(exc, ValidationError):
            self.show_error(ValidationError("burner_phone", exc.reason))
        else:
            self.message.show_error(message_for(exc))
        self._landed("phone")

    # --- the bag --------------------------------------------------------------------------------------

    def _bags_failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
        self._landed("bags")

    def _show_bags(self, bags: list[inventory.RecoveryBagView]) -> None:
        self.bags = bags
        self.bag.blockSignals(True)
        self.bag.clear()
        for bag in bags:
            self.bag.addItem(bag.label, bag.label)
        self.bag.blockSignals(False)
        set_combo_data(self.bag, self._wanted)
        self._show_contents()
        self._landed("bags")

    @property
    def chosen(self) -> inventory.RecoveryBagView | None:
        index = self.bag.currentIndex()
        return self.bags[index] if 0 <= index < len(self.bags) else None

    def _show_contents(self) -> None:
        self.rows["recovery_bag"].clear_error()
        bag = self.chosen
        if bag is None:
            self.contents.setText("")
            if not self.bags:
                note = self.tr("No assembled recovery bag in the inventory: assemble one first.")
                if not self.resident:
                    note = self.tr(
                        "No assembled recovery bag in the inventory: none can be handed over this time."
                    )
                self.rows["recovery_bag"].set_error(note)
            return
        self.contents.setText("\n".join(describe_item(item, with_phone=self.resident) for item in bag.items))
        if bag.label != self._contents_of:  # another bag: its contents are checked afresh
            self._contents_of = bag.label
            self.packed.setChecked(bool(self._packed_for) and self._packed_for == bag.label)
        try:
            self._check_naloxone()
        except ValidationError as exc:
            self.rows["recovery_bag"].set_error(reason(exc))

    def _check_naloxone(self) -> None:
        bag = self.chosen
        if bag is None:
            if self.resident or self.bags:
                raise ValidationError("recovery_bag", self.tr("pick the recovery bag handed over"))
            return  # none in stock: a non-resident's encounter goes on without
        today = self._context.now().date()
        for item in bag.items:
            if item.kind is BagItemKind.NALOXONE and item.expires_on is not None:
                try:
                    check_naloxone(item.lot, item.expires_on, today)
                except ValidationError as exc:
                    raise ValidationError(
                        "recovery_bag",
                        self.tr("bag {label}: {reason}; swap the kit").format(
                            label=bag.label, reason=exc.reason
                        ),
                    ) from exc

    def _check_packed(self) -> None:
        if self.chosen is not None and not self.packed.isChecked():
            raise ValidationError(
                "bag_contents", self.tr("tick once you have checked the bag holds everything listed")
            )

    def _check_phone(self) -> None:
        if self.resident and not self.confirmed.isChecked():
            raise ValidationError("contacts_confirmed", self.tr("tick once the handset shows these contacts"))

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self._check_phone, self._check_naloxone, self._check_packed)

    def validatePage(self) -> bool:
        if self.resident and (self.found is None or self._found_for != self.raw):
            self.look_up()  # Enter on a typed asset tag looks it up first
            return self.found is not None and self.confirmed.isChecked() and super().validatePage()
        return super().validatePage()

    # --- the encounter --------------------------------------------------------------------------------

    def burner_phone(self) -> str:
        return self.raw if self.resident else ""

    def recovery_bag(self) -> str:
        bag = self.chosen
        return bag.label if bag else ""

    def owns(self, field: str) -> bool:
        return field in self.rows

    def state(self) -> State:
        shown = self.found is not None and self._found_for == self.raw
        confirmed = (
            self.confirmed.isChecked() if shown else bool(self.raw) and self._confirmed_for == self.raw
        )
        if not self.bags:  # not loaded yet (a resumed draft): keep what the draft said
            bag, packed = self._wanted, bool(self._packed_for)
        else:
            bag, packed = self.recovery_bag(), self.packed.isChecked()
        return {"burner_phone": self.raw, "confirmed": confirmed, "recovery_bag": bag, "packed": packed}

    def restore(self, state: State) -> None:
        self.burner.edit.setText(str(state.get("burner_phone", "")))
        self._confirmed_for = self.raw if state.get("confirmed") is True else ""
        self._wanted = str(state.get("recovery_bag", ""))
        self._packed_for = self._wanted if state.get("packed") is True else ""
        set_combo_data(self.bag, self._wanted)
