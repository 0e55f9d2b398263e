"""Log a survivor's call about what they took, on their case (police only), correct one, or withdraw one
entered in error. The form has no field for a source's name and says so at the top: the record is about the
supply, never about who sold it."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from burner_desk.services import drug_intel
from burner_desk.services.drug_intel import DrugIntelView
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
    """A new call on the case, or (`correcting`) what an earlier one said, put right."""

    def __init__(
        self,
        context: ViewContext,
        encounter_id: UUID,
        parent: QWidget | None = None,
        correcting: DrugIntelView | None = None,
    ) -> None:
        title = (
            QCoreApplication.translate("DrugIntelCallDialog", "Correct a drug intel call")
            if correcting is not None
            else QCoreApplication.translate("DrugIntelCallDialog", "Drug intel call")
        )
        super().__init__(context, title, parent)
        self.encounter_id = encounter_id
        self.correcting = correcting
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
        if correcting is not None:
            self._fill(correcting)
        self.substance.edit.setFocus()

    def _fill(self, report: DrugIntelView) -> None:
        for row, value in (
            (self.substance, report.substance),
            (self.colour, report.colour),
            (self.stamp, report.stamp),
            (self.packaging, report.packaging),
            (self.area, report.area_obtained),
        ):
            row.edit.setText(value)
        self.effects.setPlainText(report.effects)
        self.notes.setPlainText(report.notes)

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
        uow, actor = context.signed_in.uow, context.signed_in.actor
        if self.correcting is not None:
            report_id = self.correcting.id
            return lambda: drug_intel.correct_report(uow, actor, report_id, data)
        return lambda: drug_intel.log_report(uow, actor, encounter_id, data, now)


class WithdrawDrugIntelDialog(ActionDialog):
    """Withdraw a call entered in error: it leaves the case, the 14-day view and the spike alerts on every
    police desk; the audit trail keeps it."""

    def __init__(self, context: ViewContext, report: DrugIntelView, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("WithdrawDrugIntelDialog", "Withdraw a drug intel call"),
            parent,
        )
        self.report = report
        what = QLabel(
            " · ".join(
                part for part in (report.substance, report.stamp, report.colour, report.packaging) if part
            )
        )
        what.setObjectName("subtitle")
        what.setAccessibleName(self.tr("The call to withdraw"))
        why = QLabel(
            self.tr(
                "Withdraw a call only when it was entered in error: on the wrong case, or never made. It "
                "leaves the case, the last 14 days and the spike alerts on every police desk; the audit "
                "trail keeps it. To put a detail right, correct the call instead."
            )
        )
        why.setWordWrap(True)
        self.form.addRow(what)
        self.form.addRow(why)
        self.save_button.setText(self.tr("Withdraw"))
        self.save_button.setAccessibleName(self.tr("Withdraw"))

    def work(self) -> Callable[[], object]:
        context, report_id, now = self.context, self.report.id, self.context.now()
        return lambda: drug_intel.withdraw_report(
            context.signed_in.uow, context.signed_in.actor, report_id, now
        )
