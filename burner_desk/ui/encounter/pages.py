"""The wizard's data pages, in order: survivor, incident, residency, consent, personal phone, burner
phone, recovery bag, family and handouts. Each checks itself with the same domain rules the bedside
service applies, so a page blocks with the reason the save would give."""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import consent, text
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.imei import normalise_imei
from burner_desk.domain.inventory import (
    BagItemKind,
    BagStatus,
    HandoutAudience,
    check_handout_stock,
    check_naloxone,
)
from burner_desk.domain.people import Language
from burner_desk.domain.phone import normalise_us_phone
from burner_desk.domain.residency import HOME_JURISDICTION, Branch, branch_for, normalise_jurisdiction
from burner_desk.services import bedside, inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, reason, restore_text, text_state
from burner_desk.ui.errors import message_for
from burner_desk.ui.resources.view import jurisdiction_name
from burner_desk.ui.widgets.messages import FieldRow
from burner_desk.ui.widgets.signature_pad import SignaturePad

LANGUAGES = {Language.EN: "English", Language.ES: "Español"}
DEFAULT_HOSPITAL = "Inova Alexandria Hospital"
SCOPE_LABELS = {
    ConsentScope.CONTACT_INFO: "Name and phone to the treatment program (needed for the referral)",
    ConsentScope.REFERRAL_STATUS: "Whether they engaged with treatment",
    ConsentScope.TREATMENT_OUTCOME: "The follow-up outcome, back to the police",
    ConsentScope.FAMILY_CONTACT: "The program may talk to the family members named",
}
SIGNED_LABELS = {
    SignedHow.ON_SCREEN: "Signed on this screen",
    SignedHow.ON_PAPER: "Signed on the paper form",
    SignedHow.DECLINED: "Declined",
}


def language_combo(accessible_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for language, label in LANGUAGES.items():
        combo.addItem(label, language.value)
    return combo


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def optional(field: str, raw: str, normalise: Callable[[str, str], str]) -> str:
    return normalise(raw, field) if raw.strip() else ""


def fit_to_rows(checklist: QListWidget, least_rows: int = 3) -> None:
    """As tall as its rows, so every one shows without an inner scroll bar; the page scrolls instead."""
    rows = max(checklist.count(), least_rows)
    # Empty (still loading): about the height of an item, text and its padding.
    row_height = checklist.sizeHintForRow(0) if checklist.count() else checklist.fontMetrics().height() + 6
    checklist.setFixedHeight(rows * row_height + 2 * checklist.frameWidth())


# --- survivor -----------------------------------------------------------------------------------


class SurvivorPage(WizardPage):
    key = "survivor"
    title_text = "Survivor"
    TEXT = ("given_name", "family_name", "date_of_birth", "phone", "address", "jurisdiction")

    def __init__(self) -> None:
        super().__init__()
        self.setSubTitle("Who survived the overdose. Only the names and where they live are required.")
        self.add_row("Given name", "given_name", FieldRow("Given name"))
        self.add_row("Family name", "family_name", FieldRow("Family name"))
        self.add_row(
            "Date of birth", "date_of_birth", FieldRow("Date of birth", hint="YYYY-MM-DD; empty if unknown")
        )
        self.language = language_combo("Preferred language")
        self.form.addRow("Preferred language", self.language)
        self.add_row("Phone", "phone", FieldRow("Phone", hint="Their own number, if they have one"))
        self.add_row("Address", "address", FieldRow("Address"))
        self.jurisdiction = self.add_row(
            "Lives in",
            "jurisdiction",
            FieldRow("Lives in (jurisdiction)", hint="Alexandria residents get a burner phone and a bag"),
        )
        assert isinstance(self.jurisdiction, FieldRow)
        self.jurisdiction.edit.setText("Alexandria")
        self.finish_layout()

    def set_jurisdictions(self, names: list[str]) -> None:
        completer = QCompleter(sorted({HOME_JURISDICTION, *names}), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        assert isinstance(self.jurisdiction, FieldRow)
        self.jurisdiction.edit.setCompleter(completer)

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def first_field(self) -> QLineEdit:
        row = self.rows["given_name"]
        assert isinstance(row, FieldRow)
        return row.edit

    @property
    def preferred_language(self) -> Language:
        return Language(self.language.currentData())

    @property
    def branch(self) -> Branch:
        return branch_for(self.text("jurisdiction"))

    def date_of_birth(self) -> date | None:
        raw = self.text("date_of_birth").strip()
        if not raw:
            return None
        try:
            born = date.fromisoformat(raw)
        except ValueError as exc:
            raise ValidationError("date_of_birth", "enter the date as YYYY-MM-DD, e.g. 1990-05-17") from exc
        if not bedside.EARLIEST_BIRTH <= born <= date.today():
            raise ValidationError("date_of_birth", "enter a date of birth in the past")
        return born

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: text.clean(self.text("given_name"), "given_name", required=True),
            lambda: text.clean(self.text("family_name"), "family_name", required=True),
            self.date_of_birth,
            lambda: optional("phone", self.text("phone"), normalise_us_phone),
            lambda: text.clean(self.text("address"), "address", max_len=400),
            lambda: text.clean(self.text("jurisdiction"), "jurisdiction", max_len=100, required=True),
        )

    def value(self) -> bedside.PersonInput:
        return bedside.PersonInput(
            given_name=self.text("given_name"),
            family_name=self.text("family_name"),
            jurisdiction=self.text("jurisdiction"),
            date_of_birth=self.date_of_birth(),
            preferred_language=self.preferred_language,
            phone=self.text("phone"),
            address=self.text("address"),
        )

    def state(self) -> State:
        return text_state(self.rows, self.TEXT) | {"language": self.language.currentData()}

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        set_combo_data(self.language, state.get("language"))


# --- incident -----------------------------------------------------------------------------------


class IncidentPage(WizardPage):
    key = "incident"
    title_text = "Incident"
    TEXT = ("incident_address", "suspected_substance", "responding_agency", "hospital")
    COORDINATES = ("latitude", "longitude")

    def __init__(self, now: Callable[[], datetime]) -> None:
        super().__init__()
        self._now = now
        self.setSubTitle("The overdose, with the fields ODMAP asks for.")
        self.occurred_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.occurred_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setMaximumWidth(240)
        self.add_row("When", "occurred_at", ControlRow(self.occurred_at, "When the overdose happened"))
        self.add_row("Where", "incident_address", FieldRow("Where it happened", hint="Address or block"))
        # One row for both: the service reports either coordinate's problem as "latitude".
        self.coordinates: dict[str, QLineEdit] = {}
        location = QWidget()
        location_layout = QHBoxLayout(location)
        location_layout.setContentsMargins(0, 0, 0, 0)
        for field, example in zip(self.COORDINATES, ("38.8048", "-77.0469"), strict=True):
            edit = QLineEdit()
            edit.setAccessibleName(field.title())
            edit.setPlaceholderText(f"{field.title()}, e.g. {example}")
            edit.setMaximumWidth(260)
            location_layout.addWidget(edit)
            self.coordinates[field] = edit
        location_layout.addStretch()
        location.setFocusProxy(self.coordinates["latitude"])
        location_row = ControlRow(
            location, "Map location", hint="Optional, in decimal degrees: both or neither"
        )
        self.add_row("Map location", "latitude", location_row)
        for edit in self.coordinates.values():
            edit.textEdited.connect(location_row.clear_error)
        self.fatal = QCheckBox("The overdose was fatal")
        self.add_row("Outcome", "fatal", ControlRow(self.fatal, "The overdose was fatal"))
        self.doses = QSpinBox()
        self.doses.setRange(0, bedside.MAX_NALOXONE_DOSES)
        self.doses.setMaximumWidth(120)
        self.add_row(
            "Naloxone doses",
            "naloxone_doses",
            ControlRow(self.doses, "Naloxone doses given", hint="0 if no naloxone was given"),
        )
        self.add_row("Suspected substance", "suspected_substance", FieldRow("Suspected substance"))
        self.add_row("Responding agency", "responding_agency", FieldRow("Responding agency"))
        hospital = self.add_row("Hospital", "hospital", FieldRow("Hospital"))
        assert isinstance(hospital, FieldRow)
        hospital.edit.setText(DEFAULT_HOSPITAL)
        self.finish_layout()

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def when(self) -> datetime:
        moment = datetime.fromtimestamp(self.occurred_at.dateTime().toSecsSinceEpoch(), UTC)
        bedside.check_occurred_at(moment, self._now())
        return moment

    def coordinate(self, field: str) -> float | None:
        raw = self.coordinates[field].text().strip()
        if not raw:
            return None
        try:
            return float(raw)
        except ValueError as exc:
            raise ValidationError("latitude", f"enter the {field} as decimal degrees, e.g. 38.8048") from exc

    def location(self) -> tuple[float | None, float | None]:
        latitude, longitude = self.coordinate("latitude"), self.coordinate("longitude")
        bedside.check_location(latitude, longitude)
        return latitude, longitude

    def _survivor(self) -> None:
        if self.fatal.isChecked():
            raise ValidationError(
                "fatal", "the bedside program follows up survivors; report a death to ODMAP"
            )

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            self.when,
            lambda: text.clean(self.text("incident_address"), "incident_address", max_len=400),
            self.location,
            self._survivor,
            lambda: text.clean(self.text("suspected_substance"), "suspected_substance"),
            lambda: text.clean(self.text("responding_agency"), "responding_agency"),
            lambda: text.clean(self.text("hospital"), "hospital", required=True),
        )

    def value(self) -> bedside.IncidentInput:
        latitude, longitude = self.location()
        return bedside.IncidentInput(
            occurred_at=self.when(),
            address=self.text("incident_address"),
            latitude=latitude,
            longitude=longitude,
            naloxone_doses=self.doses.value(),
            suspected_substance=self.text("suspected_substance"),
            responding_agency=self.text("responding_agency"),
        )

    def state(self) -> State:
        return (
            text_state(self.rows, self.TEXT)
            | {
                "occurred_at": self.occurred_at.dateTime().toSecsSinceEpoch(),
                "fatal": self.fatal.isChecked(),
                "naloxone_doses": self.doses.value(),
            }
            | {field: edit.text() for field, edit in self.coordinates.items()}
        )

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for field, edit in self.coordinates.items():
            edit.setText(str(state.get(field, "")))
        if isinstance(state.get("occurred_at"), int):
            self.occurred_at.setDateTime(QDateTime.fromSecsSinceEpoch(state["occurred_at"]))
        self.fatal.setChecked(bool(state.get("fatal")))
        self.doses.setValue(int(state.get("naloxone_doses", 0)))


# --- residency ----------------------------------------------------------------------------------


class ResidencyPage(WizardPage):
    key = "residency"
    title_text = "Residency"

    def __init__(self, context: ViewContext, survivor: SurvivorPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        self.branch_label = QLabel()
        self.branch_label.setWordWrap(True)
        self.branch_label.setAccessibleName("What happens next")
        self.outer.insertWidget(0, self.branch_label)
        self.programs: list[bedside.ReferralView] = []
        self._programs_for = ""  # the jurisdiction the list was loaded for
        self._wanted: set[str] | None = None  # a draft's ticked programs, ticked once the list has loaded
        self._problem: ValidationError | None = None  # why the list is empty once loaded, or still loading
        self.program_list = QListWidget()
        fit_to_rows(self.program_list)
        self.program_list.itemChanged.connect(lambda _item: self.rows["referrals"].clear_error())
        self.add_row(
            "Refer to",
            "referrals",
            ControlRow(self.program_list, "Programs to refer to", hint="Untick a program to leave it off"),
        )
        self.finish_layout()

    def initializePage(self) -> None:
        jurisdiction = normalise_jurisdiction(self._survivor.text("jurisdiction"))
        self._explain(jurisdiction)
        if jurisdiction != self._programs_for:
            self._load_programs(jurisdiction)

    def _load_programs(self, jurisdiction: str) -> None:
        self.programs, self._programs_for = [], jurisdiction
        self._problem = ValidationError("referrals", "the programs are still loading: try again in a moment")
        self.program_list.clear()
        self._context.tasks.run_db(
            lambda: bedside.referral_programs(self._context.signed_in.uow, jurisdiction),
            on_done=self._show_programs,
            on_error=self._programs_failed,
        )

    def _programs_failed(self, exc: BaseException) -> None:
        self._programs_for = ""  # try again next time the page opens
        if isinstance(exc, ValidationError):
            self._problem = exc
            self.show_error(exc)
        else:
            self._problem = ValidationError("referrals", message_for(exc))
            self.message.show_error(message_for(exc))

    def _show_programs(self, programs: list[bedside.ReferralView]) -> None:
        self.programs, self._problem = programs, None
        if self._wanted is not None and not self._wanted & {str(p.resource_id) for p in programs}:
            self._wanted = None  # ticked for another jurisdiction: the defaults apply here
        self.program_list.blockSignals(True)
        self.program_list.clear()
        for program in programs:
            phone = f"24/7 {program.phone_24h}" if program.phone_24h else program.phone
            entry = QListWidgetItem(f"{program.name} · {phone}" if phone else program.name)
            entry.setToolTip(program.address)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = self._wanted is None or str(program.resource_id) in self._wanted
            entry.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.program_list.addItem(entry)
        self.program_list.blockSignals(False)
        fit_to_rows(self.program_list)

    def chosen_ids(self) -> tuple[UUID, ...]:
        if not self.programs:  # not loaded yet (a resumed draft): what the draft ticked
            return tuple(UUID(raw) for raw in sorted(self._wanted or ()))
        return tuple(
            program.resource_id
            for row, program in enumerate(self.programs)
            if self.program_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def chosen_names(self) -> list[str]:
        chosen = set(self.chosen_ids())
        return [program.name for program in self.programs if program.resource_id in chosen]

    def _check_chosen(self) -> None:
        if self._problem is not None and self._wanted is None:
            raise self._problem
        if not self.chosen_ids():
            raise ValidationError("referrals", "tick at least one program to refer to")

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self._check_chosen,)

    def state(self) -> State:
        if not self.programs and self._wanted is None:  # never shown: the defaults still apply
            return {}
        return {"referrals": [str(resource_id) for resource_id in self.chosen_ids()]}

    def restore(self, state: State) -> None:
        chosen = state.get("referrals")
        self._wanted = {str(raw) for raw in chosen} if isinstance(chosen, list) else None
        if self.programs:
            self._show_programs(self.programs)

    def _explain(self, jurisdiction: str) -> None:
        if self._survivor.branch is Branch.RESIDENT:
            self.setSubTitle("An Alexandria resident.")
            self.branch_label.setText(
                "Next: the personal phone is taken into property and swapped for a burner phone, a "
                "recovery bag is handed over, and the referral goes to the city treatment program. "
                "A social worker calls within 48 hours."
            )
        else:
            self.setSubTitle(f"Lives in {jurisdiction_name(jurisdiction)}: not an Alexandria resident.")
            self.branch_label.setText(
                "No burner phone and no recovery bag. The referral sheet lists the treatment programs "
                f"of {jurisdiction_name(jurisdiction)}, and a social worker still follows up within 48 hours."
            )


# --- consent ------------------------------------------------------------------------------------


class ConsentPage(WizardPage):
    key = "consent"
    title_text = "Consent"
    TEXT = ("consent_form_number", "consent_discloser", "consent_recipient", "consent_purpose")

    def __init__(self, agency: str) -> None:
        super().__init__()
        self.setSubTitle("42 CFR Part 2: what the survivor agrees may be shared, and how they signed.")
        scopes = QWidget()
        scopes_layout = QVBoxLayout(scopes)
        scopes_layout.setContentsMargins(0, 0, 0, 0)
        scopes_layout.setSpacing(2)
        self.scopes: dict[ConsentScope, QCheckBox] = {}
        for scope, label in SCOPE_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(label)
            scopes_layout.addWidget(box)
            self.scopes[scope] = box
        self.add_row("May share", "consent_scopes", ControlRow(scopes, "What may be shared"))

        how = QWidget()
        how_layout = QHBoxLayout(how)
        how_layout.setContentsMargins(0, 0, 0, 0)
        self.signed_how = QButtonGroup(self)
        self.how_buttons: dict[SignedHow, QRadioButton] = {}
        for signed, label in SIGNED_LABELS.items():
            button = QRadioButton(label)
            button.setAccessibleName(label)
            self.signed_how.addButton(button)
            self.how_buttons[signed] = button
            how_layout.addWidget(button)
        how_layout.addStretch()
        self.how_buttons[SignedHow.ON_SCREEN].setChecked(True)
        self.form.addRow("Signed", how)

        pad_box = QWidget()
        pad_layout = QHBoxLayout(pad_box)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        self.pad = SignaturePad("Survivor's signature")
        self.clear_pad = QPushButton("Clear")
        self.clear_pad.setAccessibleName("Clear the signature")
        self.clear_pad.clicked.connect(self.pad.clear)
        pad_layout.addWidget(self.pad)
        pad_layout.addWidget(self.clear_pad, 0, Qt.AlignmentFlag.AlignBottom)
        pad_layout.addStretch()
        self.add_row("Signature", "consent_signature", ControlRow(pad_box, "Signature"))
        self.add_row("Paper form no.", "consent_form_number", FieldRow("Paper form number"))
        discloser = self.add_row("Who may disclose", "consent_discloser", FieldRow("Who may disclose"))
        recipient = self.add_row("To whom", "consent_recipient", FieldRow("To whom"))
        purpose = self.add_row("Purpose", "consent_purpose", FieldRow("Purpose"))
        for row, default in (
            (discloser, agency),
            (recipient, "The treatment program on the referral sheet"),
            (purpose, "Referral to treatment and follow-up"),
        ):
            assert isinstance(row, FieldRow)
            row.edit.setText(default)
        self.signed_how.buttonToggled.connect(lambda _button, _on: self._show_how())
        # A reason goes away as soon as it is dealt with, as it does when typing in a field.
        for box in self.scopes.values():
            box.toggled.connect(self.rows["consent_scopes"].clear_error)
        self.pad.changed.connect(self.rows["consent_signature"].clear_error)
        self._show_how()
        self.finish_layout()

    def _show_how(self) -> None:
        how = self.how
        self.rows["consent_signature"].setEnabled(how is SignedHow.ON_SCREEN)
        self.rows["consent_form_number"].setEnabled(how is SignedHow.ON_PAPER)

    @property
    def how(self) -> SignedHow:
        return next((s for s, b in self.how_buttons.items() if b.isChecked()), SignedHow.ON_SCREEN)

    def chosen_scopes(self) -> frozenset[ConsentScope]:
        return frozenset(scope for scope, box in self.scopes.items() if box.isChecked())

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def signature(self) -> bytes | None:
        return self.pad.png_bytes() if self.how is SignedHow.ON_SCREEN else None

    def form_number(self) -> str:
        return self.text("consent_form_number") if self.how is SignedHow.ON_PAPER else ""

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: consent.check_consent(self.chosen_scopes(), self.how, self.form_number()),
            lambda: consent.check_covers(self.chosen_scopes(), family_contacted=False),
            lambda: consent.check_signature(self.how, self.signature()),
            lambda: text.clean(self.text("consent_discloser"), "consent_discloser", required=True),
            lambda: text.clean(self.text("consent_recipient"), "consent_recipient", required=True),
            lambda: text.clean(self.text("consent_purpose"), "consent_purpose", max_len=400, required=True),
        )

    def value(self) -> bedside.ConsentInput:
        return bedside.ConsentInput(
            scopes=self.chosen_scopes(),
            signed_how=self.how,
            discloser=self.text("consent_discloser"),
            recipient=self.text("consent_recipient"),
            purpose=self.text("consent_purpose"),
            form_number=self.form_number(),
            signature_png=self.signature(),
        )

    def state(self) -> State:
        png = self.pad.png_bytes()
        return text_state(self.rows, self.TEXT) | {
            "scopes": sorted(scope.value for scope in self.chosen_scopes()),
            "signed_how": self.how.value,
            "signature_png": base64.b64encode(png).decode("ascii") if png else "",
        }

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for scope, box in self.scopes.items():
            box.setChecked(scope.value in state.get("scopes", ()))
        if state.get("signed_how") in {s.value for s in SignedHow}:
            self.how_buttons[SignedHow(state["signed_how"])].setChecked(True)
        png = state.get("signature_png")
        self.pad.set_png(base64.b64decode(png) if isinstance(png, str) and png else None)


# --- personal phone -----------------------------------------------------------------------------


class PersonalPhonePage(WizardPage):
    key = "personal_phone"
    title_text = "Personal phone receipt"
    TEXT = (
        "property_receipt_no",
        "personal_make",
        "personal_model",
        "personal_colour",
        "personal_imei",
        "personal_condition",
        "storage_location",
    )

    def __init__(self) -> None:
        super().__init__()
        self.setSubTitle("The survivor's own phone goes into property; the receipt number is on their copy.")
        self.add_row("Receipt number", "property_receipt_no", FieldRow("Property receipt number"))
        self.add_row("Make", "personal_make", FieldRow("Make"))
        self.add_row("Model", "personal_model", FieldRow("Model"))
        self.add_row("Colour", "personal_colour", FieldRow("Colour"))
        self.add_row(
            "IMEI",
            "personal_imei",
            FieldRow("Personal phone IMEI", hint="15 digits (dial *#06#); empty if a locked phone hides it"),
        )
        self.add_row("Condition", "personal_condition", FieldRow("Condition"))
        self.add_row("Stored in", "storage_location", FieldRow("Storage location"))
        self.finish_layout()

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: text.clean(
                self.text("property_receipt_no"), "property_receipt_no", max_len=40, required=True
            ),
            lambda: text.clean(self.text("personal_make"), "personal_make", max_len=80),
            lambda: text.clean(self.text("personal_model"), "personal_model", max_len=80),
            lambda: text.clean(self.text("personal_colour"), "personal_colour", max_len=40),
            lambda: optional("personal_imei", self.text("personal_imei"), normalise_imei),
            lambda: text.clean(self.text("personal_condition"), "personal_condition", max_len=400),
            lambda: text.clean(self.text("storage_location"), "storage_location"),
        )

    def value(self) -> bedside.PersonalPhoneInput:
        return bedside.PersonalPhoneInput(
            property_receipt_no=self.text("property_receipt_no"),
            make=self.text("personal_make"),
            model=self.text("personal_model"),
            colour=self.text("personal_colour"),
            imei=self.text("personal_imei"),
            condition=self.text("personal_condition"),
            storage_location=self.text("storage_location"),
        )

    def state(self) -> State:
        return text_state(self.rows, self.TEXT)

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)


# --- burner phone -------------------------------------------------------------------------------


class BurnerPhonePage(WizardPage):
    key = "burner_phone"
    title_text = "Burner phone"

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setSubTitle("Scan or type the burner phone's IMEI or asset tag, then press Enter.")
        self.add_row("IMEI or asset tag", "burner_phone", FieldRow("Burner phone IMEI or asset tag"))
        self.found: inventory.BurnerPhoneView | None = None
        self._found_for = ""
        self._confirmed_for = ""  # a draft's phone whose contacts were already checked on the handset
        # Below the form, not in it: a form row keeps the height it had before the phone was found.
        self.details = QLabel()
        self.details.setAccessibleName("Burner phone found")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.outer.addWidget(self.details)
        self.confirmed = QCheckBox("I checked these contacts on the handset")
        self.rows["contacts_confirmed"] = ControlRow(self.confirmed, "Contacts checked on the handset")
        self.outer.addWidget(self.rows["contacts_confirmed"])
        self.confirmed.toggled.connect(self.rows["contacts_confirmed"].clear_error)
        self.confirmed.setEnabled(False)
        self.finish_layout()

    @property
    def raw(self) -> str:
        row = self.rows["burner_phone"]
        assert isinstance(row, FieldRow)
        return row.text()

    def validatePage(self) -> bool:
        if self.found is None or self._found_for != self.raw:
            self.look_up()
            # Only a resumed draft's phone, found at once, goes on without a second Enter.
            return self.found is not None and self.confirmed.isChecked()
        if not self.confirmed.isChecked():
            self.show_error(
                ValidationError("contacts_confirmed", "tick once the handset shows these contacts")
            )
            return False
        return True

    def look_up(self) -> None:
        self.clear_errors()
        raw = self.raw
        self.found, self._found_for = None, raw
        self.details.setText("Looking up…")
        self.confirmed.setChecked(False)
        self.confirmed.setEnabled(False)
        uow = self._context.signed_in.uow
        self.wait_for(True)
        self._context.tasks.run_db(
            lambda: bedside.issuable_burner(uow, raw), on_done=self._show_phone, on_error=self._not_found
        )

    def _show_phone(self, phone: inventory.BurnerPhoneView) -> None:
        self.found = phone
        contacts = "\n".join(f"   {c.label}: {c.phone}" for c in phone.programmed_contacts) or "   (none)"
        verified = (
            phone.contacts_verified_at.astimezone().strftime("%Y-%m-%d")
            if phone.contacts_verified_at
            else "never"
        )
        self.details.setText(
            f"{phone.asset_tag} · {phone.phone_number} · {phone.carrier}\n"
            f"Programmed contacts (last verified {verified}):\n{contacts}"
        )
        self.confirmed.setEnabled(True)
        self.confirmed.setChecked(bool(self._confirmed_for) and self._confirmed_for == self._found_for)
        self.confirmed.setFocus()
        self.wait_for(False)

    def _not_found(self, exc: BaseException) -> None:
        self.details.clear()
        if isinstance(exc, ValidationError):
            self.show_error(ValidationError("burner_phone", exc.reason))
        else:
            self.message.show_error(message_for(exc))
        self.wait_for(False)

    def state(self) -> State:
        shown = self.found is not None and self._found_for == self.raw
        confirmed = (
            self.confirmed.isChecked() if shown else bool(self.raw) and self._confirmed_for == self.raw
        )
        return {"burner_phone": self.raw, "confirmed": confirmed}

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        self._confirmed_for = self.raw if state.get("confirmed") is True else ""


# --- recovery bag -------------------------------------------------------------------------------


ITEM_NAMES = {
    BagItemKind.BURNER_PHONE: "burner phone",
    BagItemKind.REFERRAL_SHEET: "referral sheet",
    BagItemKind.DISPOSAL_BAG: "medication disposal bag",
    BagItemKind.NALOXONE: "naloxone kit",
}


def describe_item(item: inventory.BagItemView) -> str:
    what = ITEM_NAMES.get(item.kind, "") or item.description
    line = f"{item.quantity} × {what}"
    if item.description and item.description != what:
        line += f" ({item.description})"
    if item.kind is BagItemKind.NALOXONE:
        expiry = item.expires_on.isoformat() if item.expires_on else "no expiry"
        line += f" — lot {item.lot or '?'}, expires {expiry}"
    return line


class RecoveryBagPage(WizardPage):
    key = "recovery_bag"
    title_text = "Recovery bag"

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setSubTitle("Pick the assembled bag, and tick each item as you check it is inside.")
        self.bags: list[inventory.RecoveryBagView] = []
        self._wanted = ""  # a draft's bag and ticked items, picked once the list has loaded
        self._ticked: set[int] = set()
        self.bag = QComboBox()
        self.add_row("Bag", "recovery_bag", ControlRow(self.bag, "Recovery bag"))
        self.contents = QListWidget()
        fit_to_rows(self.contents)
        self.add_row("Contents", "bag_contents", ControlRow(self.contents, "Bag contents checklist"))
        self.bag.currentIndexChanged.connect(lambda _index: self._show_contents())
        self.contents.itemChanged.connect(self.rows["bag_contents"].clear_error)
        self.finish_layout()

    def initializePage(self) -> None:
        if self.bags:
            return
        self.wait_for(True)
        self._context.tasks.run_db(
            lambda: inventory.bags(self._context.signed_in.uow, BagStatus.ASSEMBLED),
            on_done=self._show_bags,
            on_error=self._bags_failed,
        )

    def _bags_failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
        self.wait_for(False)

    def _show_bags(self, bags: list[inventory.RecoveryBagView]) -> None:
        self.bags = bags
        self.bag.blockSignals(True)
        self.bag.clear()
        for bag in bags:
            self.bag.addItem(bag.label, bag.label)
        self.bag.blockSignals(False)
        if not bags:
            self.rows["recovery_bag"].set_error(
                "No assembled recovery bag in the inventory: assemble one first."
            )
        set_combo_data(self.bag, self._wanted)
        self._show_contents()
        self.wait_for(False)

    @property
    def chosen(self) -> inventory.RecoveryBagView | None:
        index = self.bag.currentIndex()
        return self.bags[index] if 0 <= index < len(self.bags) else None

    def _show_contents(self) -> None:
        self.contents.clear()
        self.rows["recovery_bag"].clear_error()
        bag = self.chosen
        if bag is None:
            return
        ticked = self._ticked if bag.label == self._wanted else set()
        for row, item in enumerate(bag.items):
            entry = QListWidgetItem(describe_item(item))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if row in ticked else Qt.CheckState.Unchecked)
            self.contents.addItem(entry)
        fit_to_rows(self.contents)
        try:
            self._check_naloxone()
        except ValidationError as exc:
            self.rows["recovery_bag"].set_error(reason(exc))

    def _check_naloxone(self) -> None:
        bag = self.chosen
        if bag is None:
            raise ValidationError("recovery_bag", "pick the recovery bag handed over")
        today = self._context.now().date()
        for item in bag.items:
            if item.kind is BagItemKind.NALOXONE and item.expires_on is not None:
                try:
                    check_naloxone(item.lot, item.expires_on, today)
                except ValidationError as exc:
                    raise ValidationError(
                        "recovery_bag", f"bag {bag.label}: {exc.reason}; swap the kit"
                    ) from exc

    def _check_contents(self) -> None:
        items = [self.contents.item(row) for row in range(self.contents.count())]
        if any(item.checkState() != Qt.CheckState.Checked for item in items):
            raise ValidationError("bag_contents", "tick every item once you have checked it is in the bag")

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self._check_naloxone, self._check_contents)

    def value(self) -> str:
        bag = self.chosen
        return bag.label if bag else ""

    def state(self) -> State:
        if not self.bags:  # not loaded yet (a resumed draft): keep what the draft said
            return {"recovery_bag": self._wanted, "ticked": sorted(self._ticked)}
        ticked = [
            row
            for row in range(self.contents.count())
            if self.contents.item(row).checkState() == Qt.CheckState.Checked
        ]
        return {"recovery_bag": self.value(), "ticked": ticked}

    def restore(self, state: State) -> None:
        self._wanted = str(state.get("recovery_bag", ""))
        self._ticked = {int(row) for row in state.get("ticked", ())}
        set_combo_data(self.bag, self._wanted)


# --- family and handouts ------------------------------------------------------------------------


class FamilyContactRow(QWidget):
    """One family member added: who they are, the handouts given to them (in their language), Remove."""

    def __init__(
        self,
        contact: bedside.FamilyContactInput,
        handouts: list[inventory.HandoutView],
        chosen: set[str],
        on_change: Callable[[], None],
        on_remove: Callable[[], None],
    ) -> None:
        super().__init__()
        self.setObjectName("familyContactRow")
        agrees = "may be contacted" if contact.consent_to_contact else "not to be contacted"
        relation = f" ({contact.relationship})" if contact.relationship else ""
        summary = QLabel(
            f"{contact.name}{relation} · {contact.phone or 'no phone'} · {LANGUAGES[contact.language]} · {agrees}"
        )
        summary.setAccessibleName(f"Family contact {contact.name}")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove {contact.name}")
        self.remove.setAutoDefault(False)
        # Not connected directly: clicked's `checked` would land in the callback's row-index default.
        self.remove.clicked.connect(lambda: on_remove())
        self.handouts: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setVerticalSpacing(2)
        layout.addWidget(summary, 0, 0)
        layout.addWidget(self.remove, 0, 1, Qt.AlignmentFlag.AlignRight)
        # Two a line: three titles side by side are wider than the wizard at 1366×768.
        choices = QGridLayout()
        choices.setHorizontalSpacing(18)
        choices.setVerticalSpacing(2)
        for position, handout in enumerate(handouts):
            box = QCheckBox(handout.title)
            box.setAccessibleName(f"Give {contact.name} the handout {handout.title}")
            box.setChecked(handout.code in chosen)
            box.toggled.connect(lambda on, code=handout.code: self._toggle(chosen, code, on, on_change))
            choices.addWidget(box, position // 2, position % 2)
            self.handouts[handout.code] = box
        choices.setColumnStretch(2, 1)
        layout.addLayout(choices, 1, 0, 1, 2)

    @staticmethod
    def _toggle(chosen: set[str], code: str, on: bool, on_change: Callable[[], None]) -> None:
        if on:
            chosen.add(code)
        else:
            chosen.discard(code)
        on_change()


class FamilyPage(WizardPage):
    key = "family"
    title_text = "Family contacts and handouts"

    def __init__(self, context: ViewContext, survivor: SurvivorPage, consent_page: ConsentPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        self._consent = consent_page
        self.setSubTitle(
            "Family members the program may call, with their handouts, and the survivor's handouts."
        )
        self.contacts: list[bedside.FamilyContactInput] = []
        self.contact_handouts: list[set[str]] = []  # codes given to each contact, in the contact's language
        self.contact_rows: list[FamilyContactRow] = []
        self.catalog: list[inventory.HandoutView] = []
        self.handouts: list[inventory.HandoutView] = []  # the survivor's, in their language
        self.quantities: dict[str, QSpinBox] = {}
        self._wanted: dict[str, int] = {}

        self.add_row("Name", "family_name", FieldRow("Family member's name"))
        self.add_row("Relationship", "family_relationship", FieldRow("Relationship"))
        self.add_row("Phone", "family_phone", FieldRow("Family member's phone"))
        self.family_language = language_combo("Family member's language")
        self.form.addRow("Language", self.family_language)
        self.consent_to_contact = QCheckBox("Agrees to be contacted by the program")
        self.consent_to_contact.setAccessibleName("Family member agrees to be contacted")
        self.form.addRow("", self.consent_to_contact)
        self.add_contact = QPushButton("Add contact")
        self.add_contact.setAccessibleName("Add family contact")
        self.add_contact.setAutoDefault(False)
        self.add_contact.clicked.connect(self.add_family_contact)
        self.form.addRow("", self.add_contact)
        contacts_box = QWidget()
        self.contacts_layout = QVBoxLayout(contacts_box)
        self.contacts_layout.setContentsMargins(0, 0, 0, 0)
        self.contacts_layout.setSpacing(4)
        self.no_contacts = QLabel("No family contacts added yet.")
        self.no_contacts.setObjectName("hint")
        self.no_contacts.setAccessibleName("No family contacts added yet")
        self.contacts_layout.addWidget(self.no_contacts)
        self.add_row("Contacts", "consent_scopes", ControlRow(contacts_box, "Family contacts added"))

        self.handout_grid = QGridLayout()
        self.handout_grid.setHorizontalSpacing(12)
        self.handout_grid.setColumnStretch(2, 1)  # the copies stay beside their titles
        handout_box = QWidget()
        handout_box.setLayout(self.handout_grid)
        self.add_row(
            "Survivor's handouts", "handouts", ControlRow(handout_box, "Handouts to give the survivor")
        )
        self.finish_layout()

    def initializePage(self) -> None:
        self._context.tasks.run_db(
            lambda: inventory.handouts(self._context.signed_in.uow),
            on_done=self._show_handouts,
            on_error=lambda exc: self.message.show_error(message_for(exc)),
        )

    def _show_handouts(self, handouts: list[inventory.HandoutView]) -> None:
        wanted = self._wanted | {code: box.value() for code, box in self.quantities.items()}
        while self.handout_grid.count():
            item = self.handout_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        language = self._survivor.preferred_language
        self.catalog = handouts
        self.handouts = [h for h in handouts if h.language is language]
        self.quantities = {}
        for row, handout in enumerate(self.handouts):
            label = QLabel(f"{handout.title}  ({handout.audience.value}, {handout.stock} in stock)")
            box = QSpinBox()
            box.setRange(0, 20)
            box.setAccessibleName(f"Copies of {handout.title}")
            box.setValue(wanted.get(handout.code, 0))
            box.valueChanged.connect(self.edited)
            label.setBuddy(box)
            # One a line: two titles with their stock side by side are wider than the wizard.
            self.handout_grid.addWidget(label, row, 0)
            self.handout_grid.addWidget(box, row, 1)
            self.quantities[handout.code] = box
        self._show_contacts()

    def family_handouts(self, language: Language) -> list[inventory.HandoutView]:
        return [h for h in self.catalog if h.audience is HandoutAudience.FAMILY and h.language is language]

    def _show_contacts(self) -> None:
        for old in self.contact_rows:
            self.contacts_layout.removeWidget(old)
            old.hide()  # gone from the screen now, not when the event loop gets to deleting it
            old.deleteLater()
        self.contact_rows = []
        for index, (contact, chosen) in enumerate(zip(self.contacts, self.contact_handouts, strict=True)):
            contact_row = FamilyContactRow(
                contact,
                self.family_handouts(contact.language),
                chosen,
                on_change=self.edited.emit,
                on_remove=lambda index=index: self.remove_family_contact(index),
            )
            self.contacts_layout.addWidget(contact_row)
            self.contact_rows.append(contact_row)
        self.no_contacts.setVisible(not self.contacts)
        # Tab goes down the page as it reads; rows built after the survivor's handouts would come last.
        previous: QWidget = self.add_contact
        for control in [
            *(c for r in self.contact_rows for c in (r.remove, *r.handouts.values())),
            *self.quantities.values(),
        ]:
            QWidget.setTabOrder(previous, control)
            previous = control

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def add_family_contact(self) -> None:
        self.clear_errors()
        try:
            name = text.clean(self.text("family_name"), "family_name", required=True)
            relationship = text.clean(self.text("family_relationship"), "family_relationship", max_len=80)
            optional("family_phone", self.text("family_phone"), normalise_us_phone)
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.contacts.append(
            bedside.FamilyContactInput(
                name=name,
                relationship=relationship,
                phone=self.text("family_phone"),
                language=Language(self.family_language.currentData()),
                consent_to_contact=self.consent_to_contact.isChecked(),
            )
        )
        self.contact_handouts.append(set())
        self._show_contacts()
        self.edited.emit()
        for field in ("family_name", "family_relationship", "family_phone"):
            row = self.rows[field]
            assert isinstance(row, FieldRow)
            row.edit.clear()
        self.consent_to_contact.setChecked(False)
        self.first_field().setFocus()

    def first_field(self) -> QLineEdit:
        row = self.rows["family_name"]
        assert isinstance(row, FieldRow)
        return row.edit

    def remove_family_contact(self, index: int) -> None:
        if 0 <= index < len(self.contacts):
            del self.contacts[index]
            del self.contact_handouts[index]
            self._show_contacts()
            self.edited.emit()
            self.first_field().setFocus()

    def title_of(self, code: str) -> str:
        return next((h.title for h in self.handouts if h.code == code), code)

    def handout_requests(self) -> tuple[bedside.HandoutRequest, ...]:
        """The survivor's own handouts."""
        language = self._survivor.preferred_language
        return tuple(
            bedside.HandoutRequest(code, language, box.value())
            for code, box in self.quantities.items()
            if box.value() > 0
        )

    def family_contacts(self) -> tuple[bedside.FamilyContactInput, ...]:
        return tuple(
            replace(
                contact,
                handouts=tuple(bedside.HandoutRequest(code, contact.language) for code in sorted(chosen)),
            )
            for contact, chosen in zip(self.contacts, self.contact_handouts, strict=True)
        )

    def _check_stock(self) -> None:
        """Stock is shared: the survivor's copies and each family member's add up."""
        wanted: Counter[tuple[str, Language]] = Counter()
        requests = [*self.handout_requests(), *(r for c in self.family_contacts() for r in c.handouts)]
        for request in requests:
            wanted[(request.code, request.language)] += request.quantity
        for handout in self.catalog:
            quantity = wanted[(handout.code, handout.language)]
            if quantity > 0:
                check_handout_stock(handout.stock, quantity, handout.title)

    def _unsaved_contact(self) -> None:
        if self.text("family_name").strip():
            raise ValidationError("family_name", "press Add contact, or clear the name")

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            self._unsaved_contact,
            lambda: consent.check_covers(
                self._consent.chosen_scopes(),
                family_contacted=any(c.consent_to_contact for c in self.contacts),
            ),
            self._check_stock,
        )

    def state(self) -> State:
        return text_state(self.rows, ("family_name", "family_relationship", "family_phone")) | {
            "contacts": [
                {
                    "name": c.name,
                    "relationship": c.relationship,
                    "phone": c.phone,
                    "language": c.language.value,
                    "consent_to_contact": c.consent_to_contact,
                    "handouts": sorted(chosen),
                }
                for c, chosen in zip(self.contacts, self.contact_handouts, strict=True)
            ],
            "handouts": self._wanted | {code: box.value() for code, box in self.quantities.items()},
        }

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        self.contacts.clear()
        self.contact_handouts.clear()
        for entry in state.get("contacts", ()):
            self.contacts.append(
                bedside.FamilyContactInput(
                    name=str(entry.get("name", "")),
                    relationship=str(entry.get("relationship", "")),
                    phone=str(entry.get("phone", "")),
                    language=Language(entry.get("language", Language.EN.value)),
                    consent_to_contact=bool(entry.get("consent_to_contact")),
                )
            )
            self.contact_handouts.append({str(code) for code in entry.get("handouts", ())})
        self._show_contacts()
        handouts = state.get("handouts", {})
        self._wanted = (
            {str(code): int(n) for code, n in handouts.items()} if isinstance(handouts, dict) else {}
        )
        for code, box in self.quantities.items():
            box.setValue(self._wanted.get(code, 0))
