"""The personal phone page: the survivor's own phone, taken into property."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from burner_desk.domain import text
from burner_desk.domain.imei import normalise_imei
from burner_desk.services import bedside
from burner_desk.ui.encounter.controls import optional
from burner_desk.ui.encounter.fields import State, WizardPage, restore_text, text_state
from burner_desk.ui.widgets.messages import FieldRow


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
