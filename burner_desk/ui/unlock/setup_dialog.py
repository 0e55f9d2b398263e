"""First run: create the encrypted vault, this laptop's identity and the first supervisor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import sign_in_name
from burner_desk.domain.phone import normalise_us_phone
from burner_desk.services import access
from burner_desk.ui.errors import message_for
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.widgets.messages import FieldRow, MessageLabel, busy_bar
from burner_desk.ui.widgets.scroll import FocusScrollArea

CreateVault = Callable[[access.SetupInput], access.SignedIn]

CONFIRM = "passphrase_confirm"
REQUIRED = ("agency", "device_name", "display_name")


class SetupDialog(QDialog):
    """Emits `completed(SignedIn)` once the vault exists; the caller owns the session from then on."""

    completed = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        create_vault: CreateVault,
        *,
        device_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._create_vault = create_vault
        self._busy = False
        self.setWindowTitle(self.tr("Burner Desk — first set-up"))
        self.setAccessibleName(self.tr("First set-up"))

        self.rows: dict[str, FieldRow] = {
            "agency": FieldRow(self.tr("Agency")),
            "device_name": FieldRow(self.tr("Device name")),
            "user_name": FieldRow(
                self.tr("Sign-in name"), hint=self.tr("Letters, digits, dot, dash or underscore.")
            ),
            "display_name": FieldRow(self.tr("Display name")),
            "badge_no": FieldRow(self.tr("Badge number")),
            "direct_phone": FieldRow(self.tr("Direct phone")),
            "passphrase": FieldRow(
                self.tr("Passphrase"),
                password=True,
                hint=self.tr("12 or more characters; 3 of: lower, upper, digits, symbols."),
            ),
            CONFIRM: FieldRow(self.tr("Confirm passphrase"), password=True),
        }
        self.rows["device_name"].edit.setText(device_name)
        self.rows["agency"].edit.setPlaceholderText(self.tr("e.g. Alexandria Police Department"))
        self.rows["user_name"].edit.setPlaceholderText(self.tr("e.g. sam.rivera"))
        self.rows["display_name"].edit.setPlaceholderText(self.tr("e.g. Det. Sam Rivera"))
        self.rows["direct_phone"].edit.setPlaceholderText(
            self.tr("(703) 555-0101, printed on referral sheets")
        )
        for name in ("direct_phone", "passphrase", CONFIRM):
            self.rows[name].edit.editingFinished.connect(lambda name=name: self._check_one(name))

        title = QLabel(self.tr("Set up Burner Desk"))
        title.setObjectName("title")
        intro = QLabel(
            self.tr(
                "This laptop has no vault yet. Create it with the first supervisor account. Everything is stored encrypted on this laptop."
            )
        )
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)

        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(16)
        form.addRow(self._section(self.tr("This laptop")))
        self._add(form, self.tr("Agency"), "agency")
        self._add(form, self.tr("Device name"), "device_name")
        form.addRow(self._section(self.tr("First supervisor")))
        self._add(form, self.tr("Sign-in name"), "user_name")
        self._add(form, self.tr("Display name"), "display_name")
        self._add(form, self.tr("Badge no. (optional)"), "badge_no")
        self._add(form, self.tr("Direct phone (optional)"), "direct_phone")
        self._add(form, self.tr("Passphrase"), "passphrase")
        self._add(form, self.tr("Confirm passphrase"), CONFIRM)

        self.message = MessageLabel(self.tr("Set-up message"))
        self.progress = busy_bar(self.tr("Creating the vault"))
        self.busy_label = QLabel(self.tr("Creating the encrypted vault…"))
        self.busy_label.setAccessibleName(self.tr("Busy"))
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setAccessibleName(self.tr("Quit without setting up"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.create_button = QPushButton(self.tr("Create vault"))
        self.create_button.setObjectName("primary")
        self.create_button.setAccessibleName(self.tr("Create vault"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_label)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)

        # The fields scroll, the buttons stay: at 150 % a 1366×768 screen is 512 logical pixels high.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.setSpacing(12)
        fields_layout.addWidget(title)
        fields_layout.addWidget(intro)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.message)
        fields_layout.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(FocusScrollArea(fields, self.tr("First set-up")), 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(720)
        self._set_busy(False)

    def _section(self, heading: str) -> QLabel:
        label = QLabel(heading)
        label.setObjectName("section")
        label.setIndent(0)  # a style-sheet margin would otherwise indent it past the field labels
        return label

    def _add(self, form: QFormLayout, label: str, name: str) -> None:
        caption = QLabel(label)
        caption.setBuddy(self.rows[name].edit)
        form.addRow(caption, self.rows[name])

    # --- validation --------------------------------------------------------------------------------

    def _check_one(self, name: str) -> None:
        """On leaving a field: judge what was typed, but never nag about a field not yet filled."""
        if self.rows[name].text():
            try:
                self._check(name)
            except ValidationError as exc:
                self.rows[name].set_error(message_for(exc))

    def _check(self, name: str) -> None:
        value = self.rows[name].text()
        if name in REQUIRED:
            text.clean(value, name, required=True)
        elif name == "user_name":
            sign_in_name(value)
        elif name == "direct_phone" and value.strip():
            normalise_us_phone(value, name)
        elif name == "passphrase":
            passphrase_policy.check(value)
        elif name == CONFIRM and value != self.rows["passphrase"].text():
            raise ValidationError(CONFIRM, self.tr("the two passphrases differ"))

    def _validated(self) -> access.SetupInput | None:
        first_bad: FieldRow | None = None
        for name, row in self.rows.items():
            try:
                self._check(name)
            except ValidationError as exc:
                row.set_error(message_for(exc))
                first_bad = first_bad or row
            else:
                row.clear_error()
        if first_bad is not None:
            first_bad.edit.setFocus()
            return None
        return access.SetupInput(
            agency=self.rows["agency"].text(),
            device_name=self.rows["device_name"].text(),
            user_name=self.rows["user_name"].text(),
            display_name=self.rows["display_name"].text(),
            badge_no=self.rows["badge_no"].text(),
            direct_phone=self.rows["direct_phone"].text(),
            passphrase=self.rows["passphrase"].text(),
        )

    # --- create ------------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy:
            return
        self.message.clear()
        data = self._validated()
        if data is None:
            return
        self._set_busy(True)
        create = self._create_vault
        self._tasks.run_db(lambda: create(data), on_done=self._created, on_error=self._failed)

    def _created(self, signed_in: access.SignedIn) -> None:
        self._busy = False
        self.rows["passphrase"].edit.clear()
        self.rows[CONFIRM].edit.clear()
        self.completed.emit(signed_in)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        row = self.rows.get(exc.field) if isinstance(exc, ValidationError) else None
        if row is not None:
            row.set_error(message_for(exc))
            row.edit.setFocus()
        else:
            self.message.show_error(message_for(exc))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        for row in self.rows.values():
            row.edit.setEnabled(not busy)
        self.create_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)

    def dismiss(self) -> None:
        """Closed by the app once the main window is up: not a request to quit."""
        self.accept()
        self.deleteLater()

    def reject(self) -> None:
        if not self._busy:  # the vault is half-made while the KDF runs; closing now would orphan it
            super().reject()
