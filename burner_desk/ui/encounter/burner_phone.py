"""The burner phone page: scan or type it, look it up, check its contacts on the handset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel

from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside, inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.messages import FieldRow


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
