"""The survivor page: who survived the overdose, where they live (a jurisdiction, with a hint from the ZIP
code), and the programs they are referred to there. A scanned licence fills the names, the date of birth
and the address (ui/encounter/scanner.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

from burner_desk.domain import bedside as rules
from burner_desk.domain.aamva import LicenceHolder
from burner_desk.domain.dates import US_DATE_HINT, us_date
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Language
from burner_desk.domain.residency import (
    HOME_JURISDICTION,
    JURISDICTIONS,
    Branch,
    ZipHint,
    branch_for,
    jurisdiction_name,
    normalise_jurisdiction,
    zip_hint,
)
from burner_desk.services import bedside
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.controls import fit_to_rows, language_combo, set_combo_data
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import shown
from burner_desk.ui.widgets.messages import FieldRow

TYPING_PAUSE_MS = 300  # the programs load once the detective stops typing where the survivor lives


def zip_note(hint: ZipHint | None, chosen: str) -> tuple[str, bool]:
    """What the ZIP code says about where they live, and whether it is a warning."""
    if hint is None or not hint.shares:
        return "", False
    shares = ", ".join(f"{jurisdiction_name(key)} {share:.0%}" for key, share in hint.shares)
    if hint.partly_in_city:
        return QCoreApplication.translate(
            "ui.encounter.survivor",
            "ZIP {zip_code} is partly outside the city ({shares}): ask where they live.",
        ).format(zip_code=hint.zip_code, shares=shares), True
    proposed = hint.jurisdiction or ""
    if chosen and proposed and chosen != proposed:
        return (
            QCoreApplication.translate(
                "ui.encounter.survivor",
                "ZIP {zip_code} is in {jurisdiction_name}, not {jurisdiction_name2}: check.",
            ).format(
                zip_code=hint.zip_code,
                jurisdiction_name=jurisdiction_name(proposed),
                jurisdiction_name2=jurisdiction_name(chosen),
            ),
            True,
        )
    if proposed != HOME_JURISDICTION and proposed:
        return (
            QCoreApplication.translate(
                "ui.encounter.survivor",
                "ZIP {zip_code} is in {jurisdiction_name}, whatever city the mail names.",
            ).format(zip_code=hint.zip_code, jurisdiction_name=jurisdiction_name(proposed)),
            False,
        )
    return QCoreApplication.translate(
        "ui.encounter.survivor", "ZIP {zip_code} is in {jurisdiction_name}."
    ).format(zip_code=hint.zip_code, jurisdiction_name=jurisdiction_name(proposed)), False


class SurvivorPage(WizardPage):
    key = "survivor"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Survivor")
    TEXT = ("given_name", "family_name", "date_of_birth", "phone", "address")
    advance = Signal()  # the programs the detective was waiting for have loaded: go on

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setSubTitle(
            self.tr(
                "Scan their driver's licence or ID card, or type. Where they live decides the burner phone; everyone gets a bag, a referral and a call."
            )
        )
        self.add_field(self.tr("Given name"), rules.GIVEN_NAME)
        self.add_field(self.tr("Family name"), rules.FAMILY_NAME)
        self.add_row(
            self.tr("Date of birth"),
            "date_of_birth",
            FieldRow(
                self.tr("Date of birth"),
                hint=self.tr("{US_DATE_HINT}; empty if unknown").format(US_DATE_HINT=shown(US_DATE_HINT)),
            ),
        )
        self.add_field(self.tr("Phone"), rules.PHONE, hint=self.tr("Their own number, if they have one"))
        self.add_field(
            self.tr("Address"),
            rules.ADDRESS,
            hint=self.tr("Street, city, state and ZIP: the ZIP code suggests where they live"),
        )
        self.lives_in = QComboBox()
        self.lives_in.setEditable(True)
        self.lives_in.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for key, name in JURISDICTIONS.items():
            self.lives_in.addItem(name, key)
        self.lives_in.setCurrentIndex(-1)  # never a silent default: asked, or proposed by the ZIP code
        self.lives_in.lineEdit().setPlaceholderText(self.tr("Choose or type the county or city they live in"))
        self.lives_in_row = ControlRow(self.lives_in, self.tr("Lives in (jurisdiction)"))
        self.add_row(self.tr("Lives in"), "jurisdiction", self.lives_in_row)
        self.zip_label = QLabel()
        self.zip_label.setObjectName("hint")
        self.zip_label.setAccessibleName(self.tr("What the ZIP code says"))
        self.zip_label.setWordWrap(True)
        self.form.addRow("", self.zip_label)
        self.language = language_combo(self.tr("Preferred language"))
        self.form.addRow(self.tr("Preferred language"), self.language)
        self.branch_label = QLabel()
        self.branch_label.setWordWrap(True)
        self.branch_label.setAccessibleName(self.tr("What happens next"))
        self.form.addRow("", self.branch_label)
        self.program_list = QListWidget()
        fit_to_rows(self.program_list, least_rows=1)
        self.program_list.itemChanged.connect(lambda _item: self.rows["referrals"].clear_error())
        self.add_row(
            self.tr("Refer to"),
            "referrals",
            ControlRow(
                self.program_list,
                self.tr("Programs to refer to"),
                hint=self.tr("Untick a program to leave it off"),
            ),
        )
        self.finish_layout()

        self.programs: list[bedside.ReferralView] = []
        self._programs_for = ""  # the jurisdiction the list was loaded (or is loading) for
        self._loading = False
        self._advance_when_loaded = False
        self._wanted: set[str] | None = None  # a draft's ticked programs, ticked once the list has loaded
        self._problem: ValidationError | None = None  # why the list is empty once loaded
        self._chosen_by_hand = False  # the detective picked or typed where they live
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._jurisdiction_changed)
        self.edit("address").textChanged.connect(lambda _text: self._zip_changed())
        self.lives_in.lineEdit().textEdited.connect(self._typed_where)
        self.lives_in.activated.connect(lambda _index: self._picked_where())
        self._explain()

    # --- where they live ------------------------------------------------------------------------------

    @property
    def jurisdiction(self) -> str:
        return normalise_jurisdiction(self.lives_in.currentText())

    @property
    def branch(self) -> Branch:
        return branch_for(self.jurisdiction)

    def set_jurisdictions(self, names: list[str]) -> None:
        """The directory's jurisdictions join the list, so every one with programs can be picked."""
        for key in names:
            if self.lives_in.findData(normalise_jurisdiction(key)) < 0:
                self.lives_in.addItem(jurisdiction_name(key), normalise_jurisdiction(key))

    def _typed_where(self, _text: str) -> None:
        self._chosen_by_hand = True
        self.lives_in_row.clear_error()
        self._typing.start()

    def _picked_where(self) -> None:
        self._chosen_by_hand = True
        self.lives_in_row.clear_error()
        self._jurisdiction_changed()

    def _zip_changed(self) -> None:
        hint = zip_hint(self.text("address"), bedside.zip_table())
        proposed = hint.jurisdiction if hint is not None else None
        if not self._chosen_by_hand and proposed is not None:
            self.lives_in.setCurrentText(jurisdiction_name(proposed))
            self._jurisdiction_changed()
        elif (
            not self._chosen_by_hand
            and hint is not None
            and hint.partly_in_city
            and self.lives_in.currentText()
        ):
            self.lives_in.setCurrentIndex(-1)  # a shared ZIP proposes nothing: ask
            self.lives_in.setEditText("")
            self._jurisdiction_changed()
        self._show_zip_note()

    def _show_zip_note(self) -> None:
        hint = zip_hint(self.text("address"), bedside.zip_table())
        note, warning = zip_note(hint, self.jurisdiction if self.lives_in.currentText() else "")
        self.zip_label.setText(note)
        self.zip_label.setObjectName("fieldError" if warning else "hint")
        self.zip_label.style().unpolish(self.zip_label)
        self.zip_label.style().polish(self.zip_label)

    def _jurisdiction_changed(self) -> None:
        self._typing.stop()
        self._explain()
        self._show_zip_note()
        jurisdiction = self.jurisdiction
        if jurisdiction and jurisdiction != self._programs_for:
            self._load_programs(jurisdiction)

    def _explain(self) -> None:
        jurisdiction = self.jurisdiction
        if not jurisdiction:
            self.branch_label.setText(
                self.tr("Once you know where they live, the programs there are listed below.")
            )
        elif self.branch is Branch.RESIDENT:
            self.branch_label.setText(
                self.tr(
                    "A City of Alexandria resident: their phone is swapped for a burner phone, they get a recovery bag, and a social worker of the city treatment program calls within 48 hours."
                )
            )
        else:
            self.branch_label.setText(
                self.tr(
                    "Lives in {jurisdiction_name}: no burner phone, but a recovery bag, the programs where they live, and a follow-up within 48 hours."
                ).format(jurisdiction_name=jurisdiction_name(jurisdiction))
            )

    # --- the programs ---------------------------------------------------------------------------------

    def _load_programs(self, jurisdiction: str) -> None:
        self.programs, self._programs_for, self._loading = [], jurisdiction, True
        self._problem = None
        self.program_list.clear()
        self.wait_for(True)
        self._context.tasks.run_db(
            lambda: bedside.referral_programs(self._context.signed_in.uow, jurisdiction),
            on_done=lambda programs: self._show_programs(jurisdiction, programs),
            on_error=lambda exc: self._programs_failed(jurisdiction, exc),
        )

    def _programs_failed(self, jurisdiction: str, exc: BaseException) -> None:
        if jurisdiction != self._programs_for:
            return  # an answer for a place typed before
        self._loading = self._advance_when_loaded = False
        self._problem = (
            exc if isinstance(exc, ValidationError) else ValidationError("referrals", message_for(exc))
        )
        self.show_error(self._problem)
        self.wait_for(False)

    def _show_programs(self, jurisdiction: str, programs: list[bedside.ReferralView]) -> None:
        if jurisdiction != self._programs_for:
            return
        self.programs, self._problem, self._loading = programs, None, False
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
        fit_to_rows(self.program_list, least_rows=1)
        self.wait_for(False)
        if self._advance_when_loaded:
            self._advance_when_loaded = False
            self.advance.emit()

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

    # --- checks ---------------------------------------------------------------------------------------

    def date_of_birth(self) -> date | None:
        return rules.parse_date_of_birth(self.text("date_of_birth"), self._context.now().astimezone().date())

    def _check_jurisdiction(self) -> None:
        rules.JURISDICTION.clean(self.lives_in.currentText())

    def _check_programs(self) -> None:
        if not self.jurisdiction:
            return  # the jurisdiction's own check says what is missing
        if self._problem is not None and self._wanted is None:
            raise self._problem
        if self._programs_for != self.jurisdiction or self._loading:
            return  # validatePage waits for the list
        if not self.chosen_ids():
            raise ValidationError("referrals", self.tr("tick at least one program to refer to"))

    def checks(self) -> Iterable[Callable[[], object]]:
        return (*self.field_checks(), self.date_of_birth, self._check_jurisdiction, self._check_programs)

    def validatePage(self) -> bool:
        if self.jurisdiction and self._programs_for != self.jurisdiction:
            self._jurisdiction_changed()
        if not super().validatePage():
            return False
        if self._loading:  # goes on by itself once the programs are in
            self._advance_when_loaded = True
            self.message.show_info(self.tr("Looking up the programs where they live…"))
            return False
        return True

    # --- the licence ----------------------------------------------------------------------------------

    def fill_from_licence(self, holder: LicenceHolder) -> None:
        """Names, date of birth and address from the card; nothing else of it is kept anywhere."""
        for field, value in (
            ("given_name", holder.given_name),
            ("family_name", holder.family_name),
            ("date_of_birth", us_date(holder.date_of_birth) if holder.date_of_birth else ""),
            ("address", holder.address),
        ):
            self.edit(field).setText(value)
            self.rows[field].clear_error()
        self.edited.emit()
        self.message.show_info(self.tr("Filled in from the licence. Check the names, then add their phone."))
        self.edit("phone").setFocus()

    # --- the encounter --------------------------------------------------------------------------------

    def first_field(self) -> QLineEdit:
        return self.edit("given_name")

    @property
    def preferred_language(self) -> Language:
        return Language(self.language.currentData())

    def value(self) -> bedside.PersonInput:
        return bedside.PersonInput(
            given_name=self.text("given_name"),
            family_name=self.text("family_name"),
            jurisdiction=self.lives_in.currentText(),
            date_of_birth=self.date_of_birth(),
            preferred_language=self.preferred_language,
            phone=self.text("phone"),
            address=self.text("address"),
        )

    def state(self) -> State:
        referrals = (
            {"referrals": [str(i) for i in self.chosen_ids()]} if self.programs or self._wanted else {}
        )
        return (
            text_state(self.rows, self.TEXT)
            | {"jurisdiction": self.lives_in.currentText(), "language": self.language.currentData()}
            | referrals
        )

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        set_combo_data(self.language, state.get("language"))
        chosen = state.get("referrals")
        self._wanted = {str(raw) for raw in chosen} if isinstance(chosen, list) else None
        where = state.get("jurisdiction")
        if isinstance(where, str):
            self._chosen_by_hand = bool(where)
            self.lives_in.setEditText(where)
            self._programs_for = ""
            self._jurisdiction_changed()
