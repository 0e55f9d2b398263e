"""Log a survivor's call about what they took, on their case (police only). The form has no field for a
source's name and says so at the top: the record is about the supply, never about who sold it."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from burner_desk.services import drug_intel
from burner_desk.ui.cases.actions import ActionDialog
from burner_desk.ui.context import ViewContext
from burner_desk.ui.widgets.messages import Banner, FieldRow


def _text_box(accessible_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)  # keyboard users leave the box with Tab, as in every other field
    box.setFixedHeight(52)
    return box


class DrugIntelCallDialog(ActionDialog):
    entities = ("drug_intel_report",)

    def __init__(self, context: ViewContext, encounter_id: UUID, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Drug intel call"), parent)
        self.encounter_id = encounter_id
        self.no_names = Banner(
            self.tr(
                "Never write the name of whoever sold or gave it, nor any other person's name: this "
                "record is about what circulates, and it stays with police."
            ),
            self.tr("No names"),
        )
        self.layout().insertWidget(0, self.no_names)
        self.setMinimumWidth(640)
        # Examples as placeholders, not hints under the fields: the dialog must fit a 768-pixel screen
        self.substance = self._field(
            "substance", self.tr("Substance"), self.tr("What they took, as they named it")
        )
        self.colour = self._field("colour", self.tr("Colour"), "")
        self.stamp = self._field("stamp", self.tr("Stamp"), self.tr("Printed or pressed on it, e.g. M30"))
        self.packaging = self._field(
            "packaging", self.tr("Packaging"), self.tr("Pills, baggie, folded paper …")
        )
        self.effects = _text_box(self.tr("Effects"))
        self.add_control("effects", self.tr("Effects"), self.effects)
        self.area = self._field(
            "area_obtained", self.tr("Area obtained"), self.tr("A neighbourhood or corridor, not an address")
        )
        self.notes = _text_box(self.tr("Other notes"))
        self.add_control("notes", self.tr("Other notes"), self.notes)
        self.substance.edit.setFocus()

    def _field(self, service_field: str, label: str, example: str) -> FieldRow:
        row = self.add_field(service_field, label)
        row.edit.setPlaceholderText(example)
        return row

    def work(self) -> Callable[[], object]:
        data = drug_intel.DrugIntelInput(
            substance=self.substance.text(),
            colour=self.colour.text(),
            stamp=self.stamp.text(),
            packaging=self.packaging.text(),
            effects=self.effects.toPlainText(),
            area_obtained=self.area.text(),
            notes=self.notes.toPlainText(),
        )
        context, encounter_id, now = self.context, self.encounter_id, self.context.now()
        return lambda: drug_intel.log_report(
            context.signed_in.uow, context.signed_in.actor, encounter_id, data, now
        )
