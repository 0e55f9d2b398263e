"""Asking for what a restore needs: the backup file and the passphrase that opens it.

The restore itself runs in the shell: it needs the vault closed, so the session is locked first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from burner_desk.ui.context import ViewContext
from burner_desk.ui.i18n import translated
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.widgets.messages import FieldRow

WARNING = QT_TRANSLATE_NOOP(
    "ui.settings.restore",
    "Restoring locks this session and replaces the vault with the backup: what was recorded since that backup is no longer in the vault. The current vault files are kept in a folder beside it.",
)


class RestoreDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        choose_file: Callable[[], Path | None],
        on_chosen: Callable[[Path, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, self.tr("Restore a backup"), self.tr("Lock and restore"), parent)
        self._choose_file = choose_file
        self._on_chosen = on_chosen
        self.message.show_info(translated("ui.settings.restore", WARNING))
        self.file = FieldRow(self.tr("Backup file"))
        self.fields["file"] = self.file
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the backup file"))
        browse.setAutoDefault(False)  # Enter restores; it never reopens the file picker
        browse.clicked.connect(self.choose)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file, 1)
        layout.addWidget(browse)
        self.form.addRow(self.tr("Backup file:"), row)
        self.passphrase = self.add_line(
            "passphrase",
            self.tr("Your passphrase"),
            hint=self.tr("the one you used when the backup was made"),
        )
        self.passphrase.edit.setEchoMode(self.passphrase.edit.EchoMode.Password)

    def choose(self) -> None:
        chosen = self._choose_file()
        if chosen is not None:
            self.file.edit.setText(str(chosen))
            self.file.clear_error()
            self.passphrase.edit.setFocus()

    def save(self) -> None:
        """Checked here only for what can be seen at once; the restore checks the backup itself."""
        file, passphrase = Path(self.file.text().strip()), self.passphrase.text()
        if not self.file.text().strip():
            self.file.set_error(self.tr("Choose the backup file."))
        elif not file.is_file():
            self.file.set_error(self.tr("There is no file at this path."))
        elif not passphrase:
            self.passphrase.set_error(self.tr("Type your passphrase."))
        else:
            self.accept()
            self._on_chosen(file, passphrase)
