"""Burner phones: the stock list, add one, import a CSV, verify programmed contacts, mark a status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from burner_desk.services.paging import Page
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.inventory.selection import reload_keeping_selection, selected_row
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import local_day_and_time
from burner_desk.ui.widgets.rows_model import Column, PagedRowsModel, RowsModel
from burner_desk.ui.widgets.tables import read_only_table

ENTITIES = frozenset({"burner_phone"})  # what this tab shows: a change to one reloads it
PROGRESS_AFTER_MS = 1000  # a progress dialog only for imports that take longer than a second
CONTACTS_EXAMPLE = QT_TRANSLATE_NOOP(
    "ui.inventory.phones", "Det. Lee: (703) 555-0101; Treatment: (703) 555-0130"
)


def status_text(status: PhoneStatus) -> str:
    return vocabulary.phone_status(status)


def local_time(moment: datetime | None, never: str = "") -> str:
    if moment is None:
        return never or QCoreApplication.translate("ui.inventory.phones", "never")
    return local_day_and_time(moment)


def _tone(phone: inventory.BurnerPhoneView) -> str:
    return "overdue" if phone.status is PhoneStatus.LOST else ""


def phones_model(
    context: ViewContext, on_error: Callable[[BaseException], None]
) -> PagedRowsModel[inventory.BurnerPhoneView]:
    uow = context.signed_in.uow

    def load(after: inventory.BurnerPhoneView | None, size: int) -> Page[inventory.BurnerPhoneView]:
        return inventory.phones_page(uow, after.asset_tag if after is not None else None, size)

    return PagedRowsModel(
        [
            Column(QCoreApplication.translate("ui.inventory.phones", "Asset tag"), lambda p: p.asset_tag),
            Column(QCoreApplication.translate("ui.inventory.phones", "IMEI"), lambda p: p.imei),
            Column(QCoreApplication.translate("ui.inventory.phones", "Number"), lambda p: p.phone_number),
            Column(QCoreApplication.translate("ui.inventory.phones", "Carrier"), lambda p: p.carrier),
            Column(
                QCoreApplication.translate("ui.inventory.phones", "Status"), lambda p: status_text(p.status)
            ),
            Column(
                QCoreApplication.translate("ui.inventory.phones", "Contacts verified"),
                lambda p: local_time(p.contacts_verified_at),
            ),
            Column(
                QCoreApplication.translate("ui.inventory.phones", "Programmed contacts"),
                lambda p: ", ".join(c.label for c in p.programmed_contacts),
            ),
        ],
        load,
        context.tasks,
        on_error,
        tone=_tone,
    )


def report_model() -> RowsModel[inventory.RowError]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.inventory.phones", "Line"), lambda e: str(e.line)),
            Column(
                QCoreApplication.translate("ui.inventory.phones", "Field"),
                lambda e: e.field.replace("_", " "),
            ),
            Column(QCoreApplication.translate("ui.inventory.phones", "Reason"), lambda e: e.reason),
        ]
    )


class AddPhoneDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, self.tr("Add a burner phone"), self.tr("Add phone"), parent)
        self.asset_tag = self.add_line("asset_tag", self.tr("Asset tag"))
        self.imei = self.add_line(
            "imei", self.tr("IMEI"), hint=self.tr("15 digits, from the box or *#06# on the phone")
        )
        self.phone_number = self.add_line("phone_number", self.tr("Phone number"))
        self.carrier = self.add_line("carrier", self.tr("Carrier"))
        self.contacts = self.add_line(
            "programmed_contacts", self.tr("Programmed contacts"), hint=self.tr("label: phone; label: phone")
        )
        self.contacts.edit.setPlaceholderText(translated("ui.inventory.phones", CONTACTS_EXAMPLE))

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

        self.submit(add)


class ImportReportDialog(QDialog):
    """What was imported and, line by line, what was not and why."""

    def __init__(self, report: inventory.ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CSV import report"))
        self.setAccessibleName(self.tr("CSV import report"))
        self.resize(760, 420)
        skipped = len(report.errors)
        summary = QLabel(
            self.tr("Imported %n phone(s).", "", len(report.imported))
            + (
                self.tr(" %n line(s) were skipped; fix them in the file and import it again:", "", skipped)
                if skipped
                else ""
            )
        )
        summary.setAccessibleName(self.tr("Import summary"))
        summary.setWordWrap(True)
        self.model = report_model()
        self.model.set_rows(report.errors)
        self.table = read_only_table(self.model, self.tr("Lines not imported"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context,
            self.tr("Re-tag phone {asset_tag}").format(asset_tag=phone.asset_tag),
            self.tr("Re-tag"),
            parent,
        )
        self._phone = phone
        self.asset_tag = self.add_line(
            "asset_tag", self.tr("New asset tag"), hint=self.tr("IMEI {imei}").format(imei=phone.imei)
        )

    def save(self) -> None:
        signed_in, imei, tag = self.context.signed_in, self._phone.imei, self.asset_tag.text()
        self.submit(lambda: inventory.retag_phone(signed_in.uow, signed_in.actor, imei, tag))


class PhonesTab(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        # Tests and the screenshot script replace these two: the real ones block on a modal dialog.
        self.choose_csv: Callable[[], Path | None] = self._choose_csv
        self.confirm: Callable[[str], bool] = self._confirm
        self.model = phones_model(context, while_alive(self, self._failed))
        self.table = read_only_table(self.model, self.tr("Burner phones"))
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.contacts = QLabel(self.tr("Select a phone to see its programmed contacts."))
        self.contacts.setAccessibleName(self.tr("Programmed contacts of the selected phone"))
        self.contacts.setWordWrap(True)
        self.message = MessageLabel(self.tr("Burner phones message"))

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", self.tr("Add phone…"), self.add_phone),
            ("import", self.tr("Import CSV…"), self.import_csv),
            ("verify", self.tr("Verify contacts…"), self.verify_contacts),
            ("retag", self.tr("Re-tag…"), self.retag_phone),
            ("returned", self.tr("Mark returned"), partial(self.mark, PhoneStatus.RETURNED)),
            ("lost", self.tr("Mark lost"), partial(self.mark, PhoneStatus.LOST)),
            ("retired", self.tr("Retire"), partial(self.mark, PhoneStatus.RETIRED)),
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
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.contacts)
        layout.addWidget(self.message)
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
            # In the tab's layout by now: made visible before, a control opens as a window of its own.
            self.buttons[key].setVisible(permitted)
        self._enable_phone_actions(None)

    def refresh(self) -> None:
        self.model.reload(while_alive(self, self._show))

    def _show(self, phones: Sequence[inventory.BurnerPhoneView]) -> None:
        reload_keeping_selection(self.table, phones)
        self._show_selected()

    def _show_selected(self) -> None:
        phone = selected_row(self.table)
        self._enable_phone_actions(phone)
        if phone is None:
            self.contacts.setText(self.tr("Select a phone to see its programmed contacts."))
            return
        listed = "; ".join(f"{c.label}: {c.phone}" for c in phone.programmed_contacts)
        self.contacts.setText(
            self.tr("{asset_tag} calls {listed}. Last verified {local_time}.").format(
                asset_tag=phone.asset_tag, listed=listed, local_time=local_time(phone.contacts_verified_at)
            )
        )

    def _enable_phone_actions(self, phone: inventory.BurnerPhoneView | None) -> None:
        for key in ("verify", "retag", "returned", "lost", "retired"):
            self.buttons[key].setEnabled(phone is not None)

    def add_phone(self) -> AddPhoneDialog:
        dialog = AddPhoneDialog(self._context, self)
        dialog.open()
        return dialog

    def retag_phone(self) -> RetagPhoneDialog | None:
        phone = selected_row(self.table)
        if phone is None:
            return None
        dialog = RetagPhoneDialog(self._context, phone, self)
        dialog.open()
        return dialog

    def import_csv(self) -> None:
        path = self.choose_csv()
        if path is None:
            return
        signed_in = self._context.signed_in
        progress = QProgressDialog(self.tr("Importing burner phones…"), "", 0, 0, self)
        progress.setCancelButton(None)  # one transaction: it lands whole or not at all
        progress.setAccessibleName(self.tr("Import progress"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)

        def done(report: inventory.ImportReport) -> None:
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
            self.tr(
                "Did you call each programmed contact from {asset_tag} and reach the right person?"
            ).format(asset_tag=phone.asset_tag)
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
                self.tr("{asset_tag}: {status_text}, contacts verified {local_time}.").format(
                    asset_tag=phone.asset_tag,
                    status_text=status_text(phone.status),
                    local_time=local_time(phone.contacts_verified_at),
                )
            )

        self.message.clear()
        self._context.tasks.run_db(
            call, on_done=while_alive(self, done), on_error=while_alive(self, self._failed)
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))

    def _choose_csv(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import burner phones"), "", self.tr("CSV files (*.csv)")
        )
        return Path(name) if name else None

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Verify programmed contacts"), question)
        return answer == QMessageBox.StandardButton.Yes
