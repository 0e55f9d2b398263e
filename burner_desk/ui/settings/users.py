"""Users of this vault: the list, adding one (the passphrase policy checked as it is typed), renaming one
(sign-in names are unique agency-wide), removing one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Role
from burner_desk.services import users
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.widgets.messages import FieldRow
from burner_desk.ui.widgets.rows_model import Column, RowsModel

ENTITY = "user"
ROLE_NAMES = {
    Role.DETECTIVE: "Detective",
    Role.SOCIAL_WORKER: "Social worker",
    Role.SUPERVISOR: "Supervisor",
    Role.COORDINATOR: "Coordinator (figures only)",
    Role.CLINICIAN: "Clinician",
}
POLICY_HINT = (
    f"{passphrase_policy.MIN_LENGTH} or more characters; {passphrase_policy.MIN_CLASSES} of: lower, upper, "
    "digits, symbols"
)


def users_model() -> RowsModel[users.UserView]:
    return RowsModel(
        [
            Column("Name", lambda u: u.display_name),
            Column("Sign-in name", lambda u: u.user_name),
            Column("Role", lambda u: ROLE_NAMES[u.role]),
            Column("Badge / staff no.", lambda u: u.badge_no),
            Column("Direct phone", lambda u: u.direct_phone),
        ]
    )


class AddUserDialog(FormDialog):
    def __init__(
        self, context: ViewContext, on_added: Callable[[users.UserView], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, "Add a user", "Add user", parent)
        self._on_added = on_added
        self.user_name = self.add_line(
            "user_name", "Sign-in name", hint="letters, digits, dot, dash or underscore"
        )
        self.display_name = self.add_line("display_name", "Full name")
        self.role = QComboBox()
        for role, name in ROLE_NAMES.items():
            self.role.addItem(name, role)
        self.add_widget("role", "Role", self.role)
        self.badge_no = self.add_line("badge_no", "Badge or staff no.")
        self.direct_phone = self.add_line("direct_phone", "Direct phone")
        self.passphrase = self.add_line("passphrase", "Initial passphrase", hint=POLICY_HINT)
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
        super().__init__(context, f"Rename {user.display_name}", "Rename", parent)
        self._user = user
        self._on_renamed = on_renamed
        self.new_name = self.add_line(
            "new_name",
            "New sign-in name",
            hint=f"now {user.user_name}; letters, digits, dot, dash or underscore",
        )

    def save(self) -> None:
        signed_in, user_id, name = self.context.signed_in, self._user.id, self.new_name.text()
        self.submit(lambda: users.rename_user(signed_in, user_id, name), self._on_renamed)


class ChangePassphraseDialog(FormDialog):
    """Anyone's own passphrase (Session menu): the current one, then the new one twice. Only this user's
    keyslot is re-wrapped; the vault itself is untouched."""

    def __init__(
        self, context: ViewContext, on_changed: Callable[[None], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, "Change my passphrase", "Change passphrase", parent)
        self._on_changed = on_changed
        self.current = self._secret("current", "Current passphrase")
        self.new = self._secret("passphrase", "New passphrase", hint=POLICY_HINT)
        self.repeat = self._secret("repeat", "New passphrase again")

    def _secret(self, key: str, label: str, hint: str = "") -> FieldRow:
        row = self.add_line(key, label, hint=hint)
        row.edit.setEchoMode(row.edit.EchoMode.Password)
        return row

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self.repeat.set_error("The two new passphrases differ.")
            self.repeat.edit.setFocus()
            return
        signed_in, current, new = self.context.signed_in, self.current.text(), self.new.text()
        self.submit(lambda: users.change_own_passphrase(signed_in, current, new), self._on_changed)
