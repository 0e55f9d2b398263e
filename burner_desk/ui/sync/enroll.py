"""Enrollment (supervisors, laptop not yet enrolled): central's address, the one-time code, an optional CA.

The exchange talks to central, so it runs on the network runner; the form waits calmly meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.services import sync
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import FieldRow, MessageLabel, busy_bar

MAX_CA_BYTES = 256 * 1024  # a CA bundle is a few kB; anything far larger is the wrong file


def read_ca_file(path: Path) -> str:
    """The PEM text IT handed over; a clear sentence when it is not one."""
    try:
        data = path.read_bytes()[: MAX_CA_BYTES + 1]
    except OSError as exc:
        raise BurnerDeskError(
            QCoreApplication.translate(
                "ui.sync.enroll", "The CA file {name} cannot be read ({strerror})."
            ).format(name=path.name, strerror=exc.strerror)
        ) from exc
    if len(data) > MAX_CA_BYTES or b"-----BEGIN CERTIFICATE-----" not in data:
        raise BurnerDeskError(
            QCoreApplication.translate(
                "ui.sync.enroll", "{name} is not a CA certificate file (PEM). Ask IT for the right file."
            ).format(name=path.name)
        )
    return data.decode("ascii", errors="replace")


class EnrollBox(QGroupBox):
    enrolled = Signal(object)  # sync.EnrollmentView

    def __init__(self, context: ViewContext) -> None:
        super().__init__(self.tr("Enroll this laptop with central"))
        self.setAccessibleName(self.tr("Enroll this laptop with central"))
        self._context = context
        # Tests and the screenshot script replace it: the real one blocks on a modal dialog.
        self.choose_ca_file: Callable[[], Path | None] = self._choose_ca_file
        self.ca_file: Path | None = None
        self.again = False  # the laptop is enrolled already and central no longer knows it
        self.server = FieldRow(
            self.tr("Central server address"), hint=self.tr("As IT gave it, e.g. https://central.example.org")
        )
        self.code = FieldRow(
            self.tr("Enrollment code"),
            hint=self.tr("One-time, from a supervisor at central; valid 24 hours."),
        )
        self.ca_path = QLineEdit()
        self.ca_path.setReadOnly(True)
        self.ca_path.setPlaceholderText(self.tr("Only if IT gave you one"))
        self.ca_path.setAccessibleName(self.tr("CA certificate file"))
        self.ca_button = QPushButton(self.tr("Choose…"))
        self.ca_button.setAccessibleName(self.tr("Choose the CA certificate file"))
        self.ca_button.clicked.connect(self.pick_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_path, 1)
        ca_row.addWidget(self.ca_button)
        form = QFormLayout()
        for caption, row in ((self.tr("Server:"), self.server), (self.tr("Code:"), self.code)):
            label = QLabel(caption)
            label.setBuddy(row.edit)
            form.addRow(label, row)
        form.addRow(self.tr("CA file:"), ca_row)
        self.enroll_button = QPushButton(self.tr("Enroll"))
        self.enroll_button.setObjectName("primary")
        self.enroll_button.setAccessibleName(self.tr("Enroll this laptop"))
        self.enroll_button.clicked.connect(self.submit)
        self.code.edit.returnPressed.connect(self.submit)
        self.busy = busy_bar(self.tr("Enrolling"))
        self.busy.hide()
        self.message = MessageLabel(self.tr("Enrollment message"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addStretch()
        buttons.addWidget(self.enroll_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def pick_ca_file(self) -> None:
        chosen = self.choose_ca_file()
        if chosen is not None:
            self.ca_file = chosen
            self.ca_path.setText(str(chosen))

    def submit(self) -> None:
        if not self.enroll_button.isEnabled():
            return
        self.message.clear()
        server, code, ca_file = self.server.text().strip(), self.code.text().strip(), self.ca_file
        for row, value in ((self.server, server), (self.code, code)):
            row.clear_error()
            if not value:
                row.set_error(self.tr("Required."))
        if not server or not code:
            return
        signed_in, tasks, again = self._context.signed_in, self._context.tasks, self.again

        def enroll(_progress: object) -> sync.EnrollmentView:
            ca_pem = read_ca_file(ca_file) if ca_file is not None else None
            return sync.enroll(signed_in, server, code, ca_pem=ca_pem, again=again, run_db=tasks.db_call)

        self._set_busy(True)
        self._context.tasks.run_network(
            enroll, on_done=while_alive(self, self._enrolled), on_error=while_alive(self, self._failed)
        )

    def _enrolled(self, view: sync.EnrollmentView) -> None:
        self._set_busy(False)
        self.code.edit.clear()
        self.enrolled.emit(view)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(message_for(exc))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for control in (self.server.edit, self.code.edit, self.ca_button, self.enroll_button):
            control.setEnabled(not busy)

    def _choose_ca_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate for central"),
            "",
            self.tr("Certificates (*.pem *.crt);;All files (*)"),
        )
        return Path(name) if name else None
