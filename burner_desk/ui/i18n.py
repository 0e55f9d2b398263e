"""The UI's language: Qt catalogs (resources/i18n/burner_desk_<lang>.qm) and the QLocale that goes with them.

Every user-visible string in ui/ goes through Qt's translation: `self.tr("…")` in QObject subclasses,
`QCoreApplication.translate("Context", "…")` elsewhere, `QT_TRANSLATE_NOOP("Context", "…")` for text
defined at import time (before a catalog is installed) and shown later through `translated()`. Arguments
come after translation (`.format(name=…)`), counts through Qt's plural forms (`"%n phone(s)"`, n).
`make translations` runs pyside6-lupdate and pyside6-lrelease (tools/translations.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from burner_desk.domain.people import Language
from burner_desk.paths import resource_path

log = logging.getLogger(__name__)

CATALOG = "burner_desk"
# The catalog's language and the locale its dates, times and numbers are written in.
LOCALES = {Language.EN: QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}
LOCALES[Language.ES] = QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates)


def translated(context: str, marked: str) -> str:
    """Text marked with QT_TRANSLATE_NOOP(context, …) at import time, in the language installed now."""
    return QCoreApplication.translate(context, marked)


def catalog_dir() -> str:
    return str(resource_path("i18n"))


class UiLanguage:
    """The one translator the app has installed; switching language replaces it (at sign-in)."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = Language.EN

    def apply(self, language: Language) -> bool:
        """Install `language`'s catalog (English needs none). False, and English, if the catalog is
        missing: the person still works, in English, and the log says why."""
        self._remove()
        self.language = Language.EN
        QLocale.setDefault(LOCALES[Language.EN])
        if language is Language.EN:
            return True
        translator = QTranslator()
        if not translator.load(f"{CATALOG}_{language.value}", catalog_dir()):
            log.warning("no UI catalog for %s in %s", language.value, catalog_dir())
            return False
        QCoreApplication.installTranslator(translator)
        self._translator = translator
        self.language = language
        QLocale.setDefault(LOCALES[language])
        return True

    def install_file(self, qm_path: str) -> None:
        """A catalog by path (the pseudo-locale test)."""
        self._remove()
        translator = QTranslator()
        if not translator.load(qm_path):
            raise FileNotFoundError(qm_path)
        QCoreApplication.installTranslator(translator)
        self._translator = translator

    def _remove(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None


def system_language() -> Language:
    """The OS's language where the app speaks it, else English: the unlock screen, before anyone signs in."""
    return Language.ES if QLocale.system().language() is QLocale.Language.Spanish else Language.EN


def current_language() -> Language:
    """The language the screens are in now (QLocale's default follows the catalog installed)."""
    return Language.ES if QLocale().language() is QLocale.Language.Spanish else Language.EN
