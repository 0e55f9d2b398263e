"""The personal phone page (residents): the survivor's own phone, taken into property. The app prints the
receipt, so it numbers it; make and model are one field ("Samsung Galaxy A14")."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain import bedside as rules
from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.fields import State, WizardPage, restore_text, text_state
from burner_desk.ui.widgets.messages import FieldRow

MAKE_AND_MODEL = "make_and_model"


class PersonalPhonePage(WizardPage):
    key = "personal_phone"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Personal phone receipt")
    TEXT = (
        MAKE_AND_MODEL,
        "personal_colour",
        "personal_imei",
        "property_receipt_no",
        "personal_condition",
        "storage_location",
    )

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setSubTitle(
            self.tr("The survivor's own phone goes into property; the receipt number is on their copy.")
        )
        self.make_and_model = FieldRow(
            self.tr("Make and model"), hint=self.tr("e.g. Samsung Galaxy A14: the first word is the make")
        )
        self.add_row(self.tr("Make and model"), MAKE_AND_MODEL, self.make_and_model)
        self.add_field(self.tr("Colour"), rules.PERSONAL_COLOUR)
        self.add_field(
            self.tr("IMEI"),
            rules.PERSONAL_IMEI,
            hint=self.tr("15 digits (dial *#06#); empty if a locked phone hides it"),
            accessible_name=self.tr("Personal phone IMEI"),
        )
        self.add_field(
            self.tr("Receipt number"),
            rules.PROPERTY_RECEIPT_NO,
            hint=self.tr("Numbered by this laptop; type the paper receipt's if you wrote one"),
            accessible_name=self.tr("Property receipt number"),
        )
        self.add_field(self.tr("Condition"), rules.PERSONAL_CONDITION)
        self.add_field(
            self.tr("Stored in"), rules.STORAGE_LOCATION, accessible_name=self.tr("Storage location")
        )
        self.finish_layout()

    def initializePage(self) -> None:
        if self.text("property_receipt_no").strip():
            return
        signed_in, today = self._context.signed_in, self._context.now().astimezone().date()
        self._context.tasks.run_db(
            lambda: bedside.suggested_receipt_no(signed_in.uow, signed_in.actor, today),
            on_done=self._suggest_receipt,
        )

    def _suggest_receipt(self, number: str) -> None:
        if not self.text("property_receipt_no").strip():
            self.edit("property_receipt_no").setText(number)

    def make_model(self) -> tuple[str, str]:
        make, model = rules.split_make_model(self.make_and_model.text())
        # Each part within its own bounds; a problem shows on the one field that holds both.
        for rule, part in ((rules.PERSONAL_MAKE, make), (rules.PERSONAL_MODEL, model)):
            try:
                rule.clean(part)
            except ValidationError as exc:
                raise ValidationError(MAKE_AND_MODEL, exc.reason) from exc
        return make, model

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self.make_model, *self.field_checks())

    def value(self) -> bedside.PersonalPhoneInput:
        make, model = self.make_model()
        return bedside.PersonalPhoneInput(
            property_receipt_no=self.text("property_receipt_no"),
            make=make,
            model=model,
            colour=self.text("personal_colour"),
            imei=self.text("personal_imei"),
            condition=self.text("personal_condition"),
            storage_location=self.text("storage_location"),
        )

    def owns(self, field: str) -> bool:
        return field in self.rows or field in ("personal_make", "personal_model")

    def state(self) -> State:
        return text_state(self.rows, self.TEXT)

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
