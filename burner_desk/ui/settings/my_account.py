"""What everyone sets for themselves, whatever their role: the language of their screens (kept per user in
the vault, applied at their next sign-in: services.settings.set_ui_language) and their passphrase. It heads
the Settings view; the Session menu's entries bring the person here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.people import Language
from burner_desk.services import settings
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.settings.users import ChangePassphraseDialog
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel

# Each language named in itself, so someone who cannot read the current one still finds theirs.
ENDONYMS = {Language.EN: "English", Language.ES: "Español"}


class MyAccountBox(QGroupBox):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setTitle(
            self.tr("Just for me ({user_name})").format(user_name=context.signed_in.actor.user_name)
        )
        self.setAccessibleName(self.tr("Just for me"))
        self.passphrase_dialog: ChangePassphraseDialog | None = None

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of my screens"))
        for language, name in ENDONYMS.items():
            self.language.addItem(name, language.value)
        self.save_language_button = QPushButton(self.tr("Save my language"))
        self.save_language_button.setAccessibleName(self.tr("Save my language"))
        self.save_language_button.clicked.connect(self.save_language)
        language_label = QLabel(self.tr("&Language of my screens:"))
        language_label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(language_label, self.language)
        hint = QLabel(self.tr("It applies from your next sign-in (Ctrl+L locks; unlock again)."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setAccessibleName(self.tr("Language of my screens: hint"))

        self.passphrase_button = QPushButton(self.tr("Change my passphrase…"))
        self.passphrase_button.setAccessibleName(self.tr("Change my passphrase"))
        self.passphrase_button.clicked.connect(self.change_passphrase)
        # The buttons at the left: in a view wider than the window they stay in sight.
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_language_button)
        buttons.addWidget(self.passphrase_button)
        buttons.addStretch()
        self.message = MessageLabel(self.tr("Just for me: message"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.load_language()

    def load_language(self) -> None:
        """The language saved for this user, which may differ from the screens' until the next sign-in."""
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(
            lambda: settings.ui_language(uow, actor),
            on_done=while_alive(self, self._show_language),
            on_error=while_alive(self, self._failed),
        )

    def _show_language(self, language: Language) -> None:
        self.language.setCurrentIndex(self.language.findData(language.value))

    def save_language(self) -> None:
        signed_in, language = self._context.signed_in, Language(self.language.currentData())
        self.message.clear()
        self._context.tasks.run_db(
            lambda: settings.set_ui_language(signed_in.uow, signed_in.actor, language),
            on_done=while_alive(self, self._language_saved),
            on_error=while_alive(self, self._failed),
        )

    def _language_saved(self, language: Language) -> None:
        self._show_language(language)
        self.message.show_info(
            self.tr("{language} saved: your screens speak it from your next sign-in.").format(
                language=ENDONYMS[language]
            )
        )

    def change_passphrase(self) -> ChangePassphraseDialog:
        self.message.clear()
        self.passphrase_dialog = ChangePassphraseDialog(
            self._context,
            lambda _none: self.message.show_info(
                self.tr("Your passphrase was changed. Use the new one from now on.")
            ),
            self,
        )
        self.passphrase_dialog.open()
        return self.passphrase_dialog

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
