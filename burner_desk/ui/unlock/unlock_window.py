"""The unlock window: pick the user, type the passphrase, Enter. Errors are shown inline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.services import access
from burner_desk.ui.errors import message_for
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.widgets.messages import MessageLabel, busy_bar
from burner_desk.ui.widgets.screen_fit import fit_to_screen

SignIn = Callable[[str, str], access.SignedIn]


class UnlockWindow(QWidget):
    """Emits `unlocked(SignedIn)` on success; `quit_requested` when the person closes it."""

    unlocked = Signal(object)
    quit_requested = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        sign_in: SignIn,
        user_names: list[str],
        *,
        preselect: str = "",
        notice: str = "",
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._sign_in = sign_in
        self._busy = False
        self._dismissed = False
        self.setWindowTitle(self.tr("Burner Desk — unlock"))
        self.setAccessibleName(self.tr("Unlock"))

        title = QLabel(self.tr("Burner Desk"))
        title.setObjectName("title")
        subtitle = QLabel(self.tr("Unlock the vault on this laptop."))
        subtitle.setObjectName("subtitle")

        self.notice = MessageLabel(self.tr("Notice"))
        self.user = QComboBox()
        self.user.setAccessibleName(self.tr("User"))
        self.user.addItems(user_names)
        if preselect in user_names:
            self.user.setCurrentText(preselect)
        self.passphrase = QLineEdit()
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.unlock)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        user_label = QLabel(self.tr("User"))
        user_label.setBuddy(self.user)
        passphrase_label = QLabel(self.tr("Passphrase"))
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(user_label, self.user)
        form.addRow(passphrase_label, self.passphrase)

        self.message = MessageLabel(self.tr("Unlock message"))
        self.progress = busy_bar(self.tr("Unlocking"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch()  # messages come and go; the fields above them must not move
        self.setMinimumSize(480, 420)  # room for a notice and an error at once
        fit_to_screen(self, 560, 440)

        if notice:
            self.notice.show_info(notice)
        if error:
            self.message.show_error(error)
        self._set_busy(False)
        self.passphrase.setFocus()

    def unlock(self) -> None:
        if self._busy or self.user.count() == 0:
            return
        user_name, passphrase = self.user.currentText(), self.passphrase.text()
        self.passphrase.clear()  # the typed passphrase lives no longer than it must
        if not passphrase:
            self.message.show_error(self.tr("Type your passphrase, then press Enter."))
            return
        self.message.clear()
        self._set_busy(True)
        sign_in = self._sign_in
        self._tasks.run_db(lambda: sign_in(user_name, passphrase), on_done=self._done, on_error=self._failed)

    def _done(self, signed_in: access.SignedIn) -> None:
        self._busy = False
        self.unlocked.emit(signed_in)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.notice.clear()
        self.message.show_error(message_for(exc))
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.user.setEnabled(not busy)
        self.passphrase.setEnabled(not busy and self.user.count() > 0)
        self.unlock_button.setEnabled(not busy and self.user.count() > 0)

    def dismiss(self) -> None:
        """Closed by the app (unlocked): not a request to quit."""
        self._dismissed = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dismissed:
            event.accept()
            return
        event.ignore()
        if not self._busy:  # quitting mid-unlock would leave the vault half-open on the worker
            self.quit_requested.emit()
