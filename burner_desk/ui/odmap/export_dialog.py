"""Reports › ODMAP export…: the incidents of a period as an ODMAP upload file (services.odmap), for
supervisors. The export runs on the DB executor and writes the file there; the dialog says what it wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from burner_desk.services import odmap
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel


def _date_edit(accessible_name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setAccessibleName(accessible_name)
    edit.setCalendarPopup(True)
    return edit


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


class OdmapExportDialog(QDialog):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("ODMAP export"))
        self.setAccessibleName(self.tr("ODMAP export"))
        self.setMinimumWidth(640)
        today = context.now().astimezone().date()
        self.first_day = _date_edit(self.tr("From"), today.replace(day=1))
        self.last_day = _date_edit(self.tr("To"), today)
        self.only_new = QCheckBox(self.tr("&Only new or changed incidents"))
        self.only_new.setAccessibleName(self.tr("Only new or changed incidents"))
        self.only_new.setToolTip(
            self.tr("Leaves out incidents this laptop exported before that have not changed since.")
        )
        explain = QLabel(
            self.tr(
                "One row per incident with ODMAP's fields only: date and time, the block (not the "
                "address), coordinates rounded to about a block, fatal or not, naloxone and doses, "
                "suspected drug, responding agency. No names, birth dates, phones, IMEIs, receipts or drug "
                "intelligence. The export is recorded in the audit trail."
            )
        )
        explain.setObjectName("hint")
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.first_day)
        form.addRow(self.tr("&To:"), self.last_day)
        form.addRow("", self.only_new)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.message = MessageLabel(self.tr("ODMAP export message"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setAccessibleName(self.tr("Export"))
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.choose_file: Callable[[], Path | None] = self._choose_file  # tests answer instead of a person

    def export(self) -> None:
        first_day, last_day = _day(self.first_day), _day(self.last_day)
        target = self.choose_file()
        if target is None:
            return
        context, only_new, now = self._context, self.only_new.isChecked(), self._context.now()
        self.message.clear()
        self.export_button.setEnabled(False)
        context.tasks.run_db(
            lambda: odmap.export_to_file(
                context.signed_in.uow,
                context.signed_in.actor,
                first_day,
                last_day,
                target,
                now,
                only_new=only_new,
                replace=True,  # the file dialog asked before replacing a file
            ),
            on_done=while_alive(self, lambda export: self._exported(export, target)),
            on_error=while_alive(self, self._failed),
        )

    def _exported(self, export: odmap.OdmapExport, target: Path) -> None:
        self.export_button.setEnabled(True)
        text = self.tr("%n incident(s) written to {0}.", "", export.rows).format(target)
        if self.only_new.isChecked():
            text += " " + self.tr("%n exported before and unchanged left out.", "", export.left_out_unchanged)
        self.message.show_info(text)
        self.adjustSize()  # a wrapped message under-reports its height until the dialog is laid out again

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.message.show_error(message_for(exc))
        self.adjustSize()

    def _choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the ODMAP export"), "odmap-export.csv", self.tr("CSV files (*.csv)")
        )
        return Path(name) if name else None
