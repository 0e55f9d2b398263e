"""Burner phones: the stock list, add one, import a CSV, verify programmed contacts, mark a status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.permissions import Op
from burner_desk.services import inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.inventory.selection import reload_keeping_selection, selected_row
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.tables import read_only_table

ENTITY = "burner_phone"
PROGRESS_AFTER_MS = 1000  # a progress dialog only for imports that take longer than a second
CONTACTS_EXAMPLE = "Det. Lee: (703) 555-0101; Treatment: (703) 555-0130"


def status_text(status: PhoneStatus) -> str:
    return status.value.replace("_", " ")


def local_time(moment: datetime | None, never: str = "never") -> str:
    return moment.astimezone().strftime("%d %b %Y, %H:%M") if moment is not None else never


def _tone(phone: inventory.BurnerPhoneView) -> str:
    return "overdue" if phone.status is PhoneStatus.LOST else ""


def phones_model() -> RowsModel[inventory.BurnerPhoneView]:
    return RowsModel(
        [
            Column("Asset tag", lambda p: p.asset_tag),
            Column("IMEI", lambda p: p.imei),
            Column("Number", lambda p: p.phone_number),
            Column("Carrier", lambda p: p.carrier),
            Column("Status", lambda p: status_text(p.status)),
            Column("Contacts verified", lambda p: local_time(p.contacts_verified_at)),
            Column("Programmed contacts", lambda p: ", ".join(c.label for c in p.programmed_contacts)),
        ],
        tone=_tone,
    )


def report_model() -> RowsModel[inventory.RowError]:
    return RowsModel(
        [
            Column("Line", lambda e: str(e.line)),
            Column("Field", lambda e: e.field.replace("_", " ")),
            Column("Reason", lambda e: e.reason),
        ]
    )


class AddPhoneDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        on_added: Callable[[inventory.BurnerPhoneView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "Add a burner phone", "Add phone", parent)
        self._on_added = on_added
        self.asset_tag = self.add_line("asset_tag", "Asset tag")
        self.imei = self.add_line("imei", "IMEI", hint="15 digits, from the box or *#06# on the phone")
        self.phone_number = self.add_line("phone_number", "Phone number")
        self.carrier = self.add_line("carrier", "Carrier")
        self.contacts = self.add_line(
            "programmed_contacts", "Programmed contacts", hint="label: phone; label: phone"
        )
        self.contacts.edit.setPlaceholderText(CONTACTS_EXAMPLE)

    def save(self) -> None:
        signed_in = self.context.signed_in
        contacts_text = self.contacts.text()

        def add() -> inventory.BurnerPhoneView:
            data = inventory.BurnerPhoneInput(
                asset_tag=self.asset_tag.text(),
                imei=self.imei.text(),
                phone_number=self.phone_number.text(),
                carrier=self.carrier.text(),
                programmed_contacts=inventory.programmed_contacts_from_text(contacts_text),
            )
            return inventory.add_burner_phone(signed_in.uow, signed_in.actor, data)

        self.submit(add, self._on_added)


class ImportReportDialog(QDialog):
    """What was imported and, line by line, what was not and why."""

    def __init__(self, report: inventory.ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("CSV import report")
        self.setAccessibleName("CSV import report")
        self.resize(760, 420)
        skipped = len(report.errors)
        summary = QLabel(
            f"Imported {len(report.imported)} phone(s)."
            + (
                f" {skipped} line(s) were skipped; fix them in the file and import it again:"
                if skipped
                else ""
            )
        )
        summary.setAccessibleName("Import summary")
        summary.setWordWrap(True)
        self.model = report_model()
        self.model.set_rows(report.errors)
        self.table = read_only_table(self.model, "Lines not imported")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        self.table.setVisible(bool(skipped))
        layout.addWidget(buttons)


class RetagPhoneDialog(FormDialog):
    """A new asset tag for one phone: two phones were given the same tag at two desks (the Sync view
    says so), or a label was reprinted."""

    def __init__(
        self,
        context: ViewContext,
        phone: inventory.BurnerPhoneView,
        on_saved: Callable[[inventory.BurnerPhoneView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, f"Re-tag phone {phone.asset_tag}", "Re-tag", parent)
        self._phone = phone
        self._on_saved = on_saved
        self.asset_tag = self.add_line("asset_tag", "New asset tag", hint=f"IMEI {phone.imei}")

    def save(self) -> None:
        signed_in, imei, tag = self.context.signed_in, self._phone.imei, self.asset_tag.text()
        self.submit(lambda: inventory.retag_phone(signed_in.uow, signed_in.actor, imei, tag), self._on_saved)


class PhonesTab(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        # Tests and the screenshot script replace these two: the real ones block on a modal dialog.
        self.choose_csv: Callable[[], Path | None] = self._choose_csv
        self.confirm: Callable[[str], bool] = self._confirm
        self.model = phones_model()
        self.table = read_only_table(self.model, "Burner phones")
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.contacts = QLabel("Select a phone to see its programmed contacts.")
        self.contacts.setAccessibleName("Programmed contacts of the selected phone")
        self.contacts.setWordWrap(True)
        self.message = MessageLabel("Burner phones message")

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", "Add phone…", self.add_phone),
            ("import", "Import CSV…", self.import_csv),
            ("verify", "Verify contacts…", self.verify_contacts),
            ("retag", "Re-tag…", self.retag_phone),
            ("returned", "Mark returned", partial(self.mark, PhoneStatus.RETURNED)),
            ("lost", "Mark lost", partial(self.mark, PhoneStatus.LOST)),
            ("retired", "Retire", partial(self.mark, PhoneStatus.RETIRED)),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button
            if key == "import":
                actions.addSpacing(24)  # stock in on the left, changes to one phone on the right
        actions.addStretch()
        self.buttons["add"].setObjectName("primary")
        # Stock is a supervisor's (domain.permissions): the others see it, and the actions are not offered
        for key, permitted in (
            ("add", context.may("burner_phone", Op.INSERT)),
            ("import", context.may("burner_phone", Op.INSERT)),
            ("verify", context.may("burner_phone", Op.UPDATE, {"contacts_verified_at": (None, None)})),
            *(
                (status.value, context.may("burner_phone", Op.UPDATE, {"status": (None, status.value)}))
                for status in (PhoneStatus.RETURNED, PhoneStatus.LOST, PhoneStatus.RETIRED)
            ),
        ):
            self.buttons[key].setVisible(permitted)
        self._enable_phone_actions(None)

        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.contacts)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: inventory.phones(uow),
            on_done=while_alive(self, self._show),
            on_error=while_alive(self, self._failed),
        )

    def _show(self, phones: list[inventory.BurnerPhoneView]) -> None:
        reload_keeping_selection(self.table, phones)
        self._show_selected()

    def _show_selected(self) -> None:
        phone = selected_row(self.table)
        self._enable_phone_actions(phone)
        if phone is None:
            self.contacts.setText("Select a phone to see its programmed contacts.")
            return
        listed = "; ".join(f"{c.label}: {c.phone}" for c in phone.programmed_contacts)
        self.contacts.setText(
            f"{phone.asset_tag} calls {listed}. Last verified {local_time(phone.contacts_verified_at)}."
        )

    def _enable_phone_actions(self, phone: inventory.BurnerPhoneView | None) -> None:
        for key in ("verify", "retag", "returned", "lost", "retired"):
            self.buttons[key].setEnabled(phone is not None)

    def add_phone(self) -> AddPhoneDialog:
        dialog = AddPhoneDialog(self._context, self._changed, self)
        dialog.open()
        return dialog

    def retag_phone(self) -> RetagPhoneDialog | None:
        phone = selected_row(self.table)
        if phone is None:
            return None
        dialog = RetagPhoneDialog(self._context, phone, self._changed, self)
        dialog.open()
        return dialog

    def import_csv(self) -> None:
        path = self.choose_csv()
        if path is None:
            return
        signed_in = self._context.signed_in
        progress = QProgressDialog("Importing burner phones…", "", 0, 0, self)
        progress.setCancelButton(None)  # one transaction: it lands whole or not at all
        progress.setAccessibleName("Import progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)

        def done(report: inventory.ImportReport) -> None:
            self._changed(report)
            self.report_dialog = ImportReportDialog(report, self)
            self.report_dialog.open()

        def finished(then: Callable[[Any], None]) -> Callable[[Any], None]:
            def close_progress(result: Any) -> None:
                progress.reset()
                while_alive(self, then)(result)

            return close_progress

        self.message.clear()
        self._context.tasks.run_db(
            lambda: inventory.import_burner_phones_file(signed_in.uow, signed_in.actor, path),
            on_done=finished(done),
            on_error=finished(self._failed),
        )

    def verify_contacts(self) -> None:
        phone = selected_row(self.table)
        if phone is None or not self.confirm(
            f"Did you call each programmed contact from {phone.asset_tag} and reach the right person?"
        ):
            return
        signed_in, now = self._context.signed_in, self._context.now()
        self._run(
            lambda: inventory.verify_programmed_contacts(signed_in.uow, signed_in.actor, phone.asset_tag, now)
        )

    def mark(self, status: PhoneStatus) -> None:
        phone = selected_row(self.table)
        if phone is None:
            return
        signed_in = self._context.signed_in
        self._run(lambda: inventory.mark_phone(signed_in.uow, signed_in.actor, phone.asset_tag, status))

    def _run(self, call: Callable[[], inventory.BurnerPhoneView]) -> None:
        def done(phone: inventory.BurnerPhoneView) -> None:
            self.message.show_info(
                f"{phone.asset_tag}: {status_text(phone.status)}, contacts verified "
                f"{local_time(phone.contacts_verified_at)}."
            )
            self._changed(phone)

        self.message.clear()
        self._context.tasks.run_db(
            call, on_done=while_alive(self, done), on_error=while_alive(self, self._failed)
        )

    def _changed(self, _result: object) -> None:
        self._context.changes.announce(ENTITY)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))

    def _choose_csv(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, "Import burner phones", "", "CSV files (*.csv)")
        return Path(name) if name else None

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Verify programmed contacts", question)
        return answer == QMessageBox.StandardButton.Yes
