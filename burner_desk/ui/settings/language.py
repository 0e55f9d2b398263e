"""The language of one's own screens (Session menu, for every role): stored per user, applied at sign-in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from burner_desk.domain.people import Language
from burner_desk.services import settings
from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory.form import FormDialog

# Each language named in itself, so someone who cannot read the current one still finds theirs.
ENDONYMS = {Language.EN: "English", Language.ES: "Español"}


class LanguageDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        current: Language,
        on_saved: Callable[[Language], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, self.tr("Language of my screens"), self.tr("Save"), parent)
        self._on_saved = on_saved
        self.language = QComboBox()
        for language, name in ENDONYMS.items():
            self.language.addItem(name, language.value)
        self.language.setCurrentIndex(self.language.findData(current.value))
        self.add_widget("language", self.tr("Language"), self.language)
        self.message.show_info(self.tr("It applies from your next sign-in (Ctrl+L locks; unlock again)."))

    def save(self) -> None:
        signed_in, language = self.context.signed_in, Language(self.language.currentData())
        self.submit(
            lambda: settings.set_ui_language(signed_in.uow, signed_in.actor, language), self._on_saved
        )
