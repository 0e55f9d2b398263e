"""The Settings view: for everyone, their own language and passphrase (ui/settings/my_account.py); for
supervisors also users, spike thresholds, the vault settings, backup and restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Language
from burner_desk.services import backup, settings, users
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import shown, translated
from burner_desk.ui.inventory.selection import selected_row
from burner_desk.ui.settings.my_account import MyAccountBox
from burner_desk.ui.settings.restore import RestoreDialog
from burner_desk.ui.settings.users import ENTITY as USER_ENTITY
from burner_desk.ui.settings.users import AddUserDialog, RenameUserDialog, users_model
from burner_desk.ui.spikes.thresholds import SpikeThresholdsBox
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import ControlRow, MessageLabel
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.tables import read_only_table
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

ENTITY = "setting"


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.rstrip("…"))
    button.clicked.connect(slot)
    return button


class SettingsView(QWidget):
    restore_requested = Signal(object, str)  # backup file (Path), passphrase: the shell locks and restores

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Settings"))
        # Tests and the screenshot script replace these: the real ones block on a modal dialog.
        self.confirm: Callable[[str], bool] = self._confirm
        self.choose_backup_target: Callable[[], Path | None] = self._choose_backup_target
        self.choose_backup_file: Callable[[], Path | None] = self._choose_backup_file

        self.my_account = MyAccountBox(context)  # everyone's; the rest is the supervisor's
        self.supervisor = settings.may_change(context.signed_in.actor)
        layout = QHBoxLayout(self)
        layout.setSpacing(16)
        right = QVBoxLayout()
        if self.supervisor:
            left = QVBoxLayout()
            left.addWidget(self._users_box(), 1)
            self.spike_thresholds = SpikeThresholdsBox(context)
            left.addWidget(self.spike_thresholds)
            layout.addLayout(left, 3)
            right.addWidget(self._settings_box())
            right.addWidget(self._backup_box())
        right.addWidget(self.my_account)  # below the laptop's settings, in the room they leave
        right.addStretch()
        layout.addLayout(right, 2)
        if self.supervisor:
            self._load_users_when_shown = RefreshWhenShown(self, self.load_users)
            context.changes.changed.connect(self._on_changed)
            self.load_users()
            self.load_settings()

    # --- users -------------------------------------------------------------------------------------

    def _users_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Users"))
        box.setAccessibleName(self.tr("Users"))
        self.users_model = users_model()
        self.users_table = read_only_table(self.users_model, self.tr("Users"))
        # Every column as wide as its contents, names first: stretched, the name column gave its width to the
        # others and showed only "…" at 1366 px. A narrow screen scrolls to the direct phone instead.
        self.users_table.selectionModel().selectionChanged.connect(self._enable_remove)
        self.rename_button = _button(self.tr("Rename…"), self.rename_user)
        self.remove_button = _button(self.tr("Remove user…"), self.remove_user)
        self.users_message = MessageLabel(self.tr("Users message"))
        add = _button(self.tr("Add user…"), self.add_user)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.users_table, 1)
        layout.addWidget(self.users_message)
        self._enable_remove()
        return box

    def load_users(self) -> None:
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: users.users(uow),
            on_done=while_alive(self, self._show_users),
            on_error=while_alive(self, self._users_failed),
        )

    def _show_users(self, listed: list[users.UserView]) -> None:
        self.users_model.set_rows(listed)
        self._enable_remove()

    def _enable_remove(self) -> None:
        chosen = selected_row(self.users_table) is not None
        self.remove_button.setEnabled(chosen)
        self.rename_button.setEnabled(chosen)

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self._context, self._user_added, self)
        dialog.open()
        return dialog

    def _user_added(self, user: users.UserView) -> None:
        self.users_message.show_info(
            self.tr("{display_name} can now sign in as {user_name}.").format(
                display_name=user.display_name, user_name=user.user_name
            )
        )

    def rename_user(self) -> RenameUserDialog | None:
        user = selected_row(self.users_table)
        if user is None:
            return None

        def renamed(view: users.UserView) -> None:
            self.users_message.show_info(
                self.tr(
                    "{display_name} now signs in as {user_name}; the next sync tells the other laptops."
                ).format(display_name=view.display_name, user_name=view.user_name)
            )

        self.users_message.clear()
        dialog = RenameUserDialog(self._context, user, renamed, self)
        dialog.open()
        return dialog

    def remove_user(self) -> None:
        user = selected_row(self.users_table)
        if user is None or not self.confirm(
            self.tr(
                "Remove {display_name} ({user_name})? Their passphrase stops opening this vault; what they recorded stays."
            ).format(display_name=user.display_name, user_name=user.user_name)
        ):
            return
        signed_in, now = self._context.signed_in, self._context.now()

        def removed(gone: users.UserView) -> None:
            self.users_message.show_info(
                self.tr("{display_name} was removed.").format(display_name=gone.display_name)
            )

        self.users_message.clear()
        self._context.tasks.run_db(
            lambda: users.remove_user(signed_in, user.user_name, now),
            on_done=while_alive(self, removed),
            on_error=while_alive(self, self._users_failed),
        )

    def _users_failed(self, exc: BaseException) -> None:
        self.users_message.show_error(message_for(exc))

    # --- vault settings ----------------------------------------------------------------------------

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This program"))
        box.setAccessibleName(self.tr("Program settings"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, settings.MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.survivor_language = self._language_picker()
        self.family_language = self._language_picker()
        self.threshold_phones = QSpinBox()
        self.threshold_bags = QSpinBox()
        for spin in (self.threshold_phones, self.threshold_bags):
            spin.setRange(0, settings.MAX_THRESHOLD)
        # The city's choice in the consent rule (domain/consent.py).
        self.calls_burner = QCheckBox(self.tr("The program may call the burner phone it programmed"))
        self.calls_burner.setToolTip(
            self.tr(
                "When the survivor does not agree to share their name and phone: calling the program's own phone discloses nothing. Untick and nobody calls; the survivor has the numbers."
            )
        )
        form = QFormLayout()
        # A field too wide beside its label goes under it: the view then fits a 1366-pixel screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.setting_rows = {
            "idle_lock_minutes": ControlRow(self.idle_minutes, self.tr("Lock after idle")),
            "survivor_language": ControlRow(self.survivor_language, self.tr("Survivor language")),
            "family_language": ControlRow(self.family_language, self.tr("Family language")),
            "stock_threshold_phones": ControlRow(
                self.threshold_phones, self.tr("Warn below phones in stock")
            ),
            "stock_threshold_bags": ControlRow(self.threshold_bags, self.tr("Warn below bags ready")),
            "program_calls_burner_without_consent": ControlRow(
                self.calls_burner, self.tr("Without consent to share")
            ),
        }
        for row in self.setting_rows.values():
            form.addRow(f"{row.control.accessibleName()}:", row)
        hint = QLabel(
            self.tr("Idle lock: at most {MAX_IDLE_MINUTES} minutes; applies as soon as it is saved.").format(
                MAX_IDLE_MINUTES=number(settings.MAX_IDLE_MINUTES)
            )
        )
        hint.setObjectName("hint")
        hint.setAccessibleName(self.tr("Idle lock: hint"))
        hint.setWordWrap(True)
        self.save_button = _button(self.tr("Save settings"), self.save_settings)
        self.save_button.setObjectName("primary")
        self.settings_message = MessageLabel(self.tr("Settings message"))
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.save_button)
        layout.addWidget(self.settings_message)
        return box

    def _language_picker(self) -> QComboBox:
        picker = QComboBox()
        for language, marked in LANGUAGE_NAMES.items():
            name = translated("ui.widgets.languages", marked)
            picker.addItem(name, language)
        return picker

    def load_settings(self) -> None:
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: settings.load(uow),
            on_done=while_alive(self, self._show_settings),
            on_error=while_alive(self, self._settings_failed),
        )

    def _show_settings(self, current: settings.VaultSettings) -> None:
        self.idle_minutes.setValue(current.idle_lock_minutes)
        self.survivor_language.setCurrentIndex(self.survivor_language.findData(current.survivor_language))
        self.family_language.setCurrentIndex(self.family_language.findData(current.family_language))
        self.threshold_phones.setValue(current.stock_threshold_phones)
        self.threshold_bags.setValue(current.stock_threshold_bags)
        self.calls_burner.setChecked(current.program_calls_burner_without_consent)

    def settings_value(self) -> settings.VaultSettings:
        return settings.VaultSettings(
            idle_lock_minutes=self.idle_minutes.value(),
            # Qt hands enum item data back as plain str
            survivor_language=Language(self.survivor_language.currentData()),
            family_language=Language(self.family_language.currentData()),
            stock_threshold_phones=self.threshold_phones.value(),
            stock_threshold_bags=self.threshold_bags.value(),
            program_calls_burner_without_consent=self.calls_burner.isChecked(),
        )

    def save_settings(self) -> None:
        signed_in, wanted = self._context.signed_in, self.settings_value()
        for row in self.setting_rows.values():
            row.clear_error()
        self.settings_message.clear()

        def saved(kept: settings.VaultSettings) -> None:
            self._show_settings(kept)
            self.settings_message.show_info(self.tr("Settings saved."))

        self._context.tasks.run_db(
            lambda: settings.save(signed_in.uow, signed_in.actor, wanted),
            on_done=while_alive(self, saved),
            on_error=while_alive(self, self._settings_failed),
        )

    def _settings_failed(self, exc: BaseException) -> None:
        row = self.setting_rows.get(exc.field) if isinstance(exc, ValidationError) else None
        if row is not None:
            row.set_error(message_for(exc))
        else:
            self.settings_message.show_error(message_for(exc))

    # --- backup and restore ------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backup"))
        box.setAccessibleName(self.tr("Backup"))
        self.backup_message = MessageLabel(self.tr("Backup message"))
        buttons = QHBoxLayout()
        self.backup_button = _button(self.tr("Back up…"), self.back_up)
        self.restore_button = _button(self.tr("Restore…"), self.restore)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_message)
        self.keyring_note: QLabel | None = None
        if warning := self._context.signed_in.keystore_warning:  # the main window says it once only
            self.keyring_note = QLabel(shown(warning))
            self.keyring_note.setObjectName("hint")
            self.keyring_note.setWordWrap(True)
            self.keyring_note.setAccessibleName(self.tr("Keyring warning"))
            layout.addWidget(self.keyring_note)
        return box

    def back_up(self) -> None:
        target = self.choose_backup_target()
        if target is None:
            return
        signed_in = self._context.signed_in

        def written(info: backup.BackupInfo) -> None:
            self.backup_message.show_info(
                self.tr(
                    "Backup written to {path}. It is encrypted: the same users open it with the same passphrases. Keep it somewhere locked."
                ).format(path=info.path)
            )

        def failed(exc: BaseException) -> None:
            self.backup_message.show_error(message_for(exc))

        self.backup_message.show_info(self.tr("Writing the backup…"))
        self._context.tasks.run_db(
            lambda: backup.backup(signed_in, target),
            on_done=while_alive(self, written),
            on_error=while_alive(self, failed),
        )

    def restore(self) -> RestoreDialog:
        """Ask for the file and passphrase; the shell then locks the session and restores."""
        dialog = RestoreDialog(self._context, self.choose_backup_file, self.restore_requested.emit, self)
        dialog.open()
        return dialog

    def _on_changed(self, entities: frozenset[str]) -> None:
        if USER_ENTITY in entities:
            self._load_users_when_shown()

    # --- the real pickers --------------------------------------------------------------------------

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Remove user"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _choose_backup_target(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the vault"),
            "burner-desk-backup.bdbackup",
            self.tr("Burner Desk backups (*.bdbackup)"),
        )
        return Path(name) if name else None

    def _choose_backup_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore a backup"), "", self.tr("Burner Desk backups (*.bdbackup);;All files (*)")
        )
        return Path(name) if name else None
