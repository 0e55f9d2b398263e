"""The survivor page: who survived the overdose and where they live."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Language
from burner_desk.domain.phone import normalise_us_phone
from burner_desk.domain.residency import HOME_JURISDICTION, Branch, branch_for
from burner_desk.services import bedside
from burner_desk.ui.encounter.controls import language_combo, optional, set_combo_data
from burner_desk.ui.encounter.fields import State, WizardPage, restore_text, text_state
from burner_desk.ui.widgets.messages import FieldRow


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
