"""Users of this vault: the list, adding one (the passphrase policy checked as it is typed), renaming one
(sign-in names are unique agency-wide), removing one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Role
from burner_desk.services import users
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.widgets.messages import FieldRow
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, RowsModel

ENTITY = "user"
ROLE_NAMES = {
    Role.DETECTIVE: QT_TRANSLATE_NOOP("ui.settings.users", "Detective"),
    Role.SOCIAL_WORKER: QT_TRANSLATE_NOOP("ui.settings.users", "Social worker"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("ui.settings.users", "Supervisor"),
    Role.COORDINATOR: QT_TRANSLATE_NOOP("ui.settings.users", "Coordinator (figures only)"),
    Role.CLINICIAN: QT_TRANSLATE_NOOP("ui.settings.users", "Clinician"),
}


def policy_hint() -> str:
    return QCoreApplication.translate(
        "ui.settings.users",
        "{min_length} or more characters; {min_classes} of: lower, upper, digits, symbols",
    ).format(
        min_length=number(passphrase_policy.MIN_LENGTH), min_classes=number(passphrase_policy.MIN_CLASSES)
    )


def users_model() -> RowsModel[users.UserView]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.settings.users", "Name"), lambda u: u.display_name),
            Column(QCoreApplication.translate("ui.settings.users", "Sign-in name"), lambda u: u.user_name),
            Column(
                QCoreApplication.translate("ui.settings.users", "Role"),
                lambda u: translated("ui.settings.users", ROLE_NAMES[u.role]),
            ),
            Column(
                QCoreApplication.translate("ui.settings.users", "Badge / staff no."), lambda u: u.badge_no
            ),
            Column(QCoreApplication.translate("ui.settings.users", "Direct phone"), lambda u: u.direct_phone),
        ]
    )


class AddUserDialog(FormDialog):
    def __init__(
        self, context: ViewContext, on_added: Callable[[users.UserView], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, self.tr("Add a user"), self.tr("Add user"), parent)
        self._on_added = on_added
        self.user_name = self.add_line(
            "user_name", self.tr("Sign-in name"), hint=self.tr("letters, digits, dot, dash or underscore")
        )
        self.display_name = self.add_line("display_name", self.tr("Full name"))
        self.role = QComboBox()
        for role, marked in ROLE_NAMES.items():
            name = translated("ui.settings.users", marked)
            self.role.addItem(name, role)
        self.add_widget("role", self.tr("Role"), self.role)
        self.badge_no = self.add_line("badge_no", self.tr("Badge or staff no."))
        self.direct_phone = self.add_line("direct_phone", self.tr("Direct phone"))
        self.passphrase = self.add_line("passphrase", self.tr("Initial passphrase"), hint=policy_hint())
        self.passphrase.edit.setEchoMode(self.passphrase.edit.EchoMode.Password)
        self.passphrase.edit.textEdited.connect(self._check_passphrase)

    def _check_passphrase(self, typed: str) -> None:
        try:
            passphrase_policy.check(typed)
        except ValidationError as exc:
            self.passphrase.set_error(message_for(exc))

    def save(self) -> None:
        signed_in = self.context.signed_in
        data = users.NewUserInput(
            user_name=self.user_name.text(),
            display_name=self.display_name.text(),
            role=Role(self.role.currentData()),  # Qt hands enum item data back as plain str
            badge_no=self.badge_no.text(),
            direct_phone=self.direct_phone.text(),
            passphrase=self.passphrase.text(),
        )
        self.submit(lambda: users.add_user(signed_in, data), self._on_added)


class RenameUserDialog(FormDialog):
    """A new sign-in name: two people at two desks had the same one (the Sync view says so). Their
    passphrase stays; the other laptops learn the name at their next sync."""

    def __init__(
        self,
        context: ViewContext,
        user: users.UserView,
        on_renamed: Callable[[users.UserView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context,
            self.tr("Rename {display_name}").format(display_name=user.display_name),
            self.tr("Rename"),
            parent,
        )
        self._user = user
        self._on_renamed = on_renamed
        self.new_name = self.add_line(
            "new_name",
            self.tr("New sign-in name"),
            hint=self.tr("now {user_name}; letters, digits, dot, dash or underscore").format(
                user_name=user.user_name
            ),
        )

    def save(self) -> None:
        signed_in, user_id, name = self.context.signed_in, self._user.id, self.new_name.text()
        self.submit(lambda: users.rename_user(signed_in, user_id, name), self._on_renamed)


class ChangePassphraseDialog(FormDialog):
    """Anyone's own passphrase (Settings › Just for me): the current one, then the new one twice. Only this user's
    keyslot is re-wrapped; the vault itself is untouched."""

    def __init__(
        self, context: ViewContext, on_changed: Callable[[None], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, self.tr("Change my passphrase"), self.tr("Change passphrase"), parent)
        self._on_changed = on_changed
        self.current = self._secret("current", self.tr("Current passphrase"))
        self.new = self._secret("passphrase", self.tr("New passphrase"), hint=policy_hint())
        self.repeat = self._secret("repeat", self.tr("New passphrase again"))

    def _secret(self, key: str, label: str, hint: str = "") -> FieldRow:
        row = self.add_line(key, label, hint=hint)
        row.edit.setEchoMode(row.edit.EchoMode.Password)
        return row

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self.repeat.set_error(self.tr("The two new passphrases differ."))
            self.repeat.edit.setFocus()
            return
        signed_in, current, new = self.context.signed_in, self.current.text(), self.new.text()
        self.submit(lambda: users.change_own_passphrase(signed_in, current, new), self._on_changed)
