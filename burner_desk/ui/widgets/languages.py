"""How a language is named in the app's (English) screens."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain.people import Language

LANGUAGE_NAMES = {
    Language.EN: QT_TRANSLATE_NOOP("ui.widgets.languages", "English"),
    Language.ES: QT_TRANSLATE_NOOP("ui.widgets.languages", "Spanish"),
}
