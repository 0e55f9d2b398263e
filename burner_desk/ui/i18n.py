"""The UI's language: Qt catalogs (resources/i18n/burner_desk_<lang>.qm) and the QLocale that goes with them.

Every user-visible string in ui/ goes through Qt's translation: `self.tr("…")` in QObject subclasses,
`QCoreApplication.translate("Context", "…")` elsewhere, `QT_TRANSLATE_NOOP("Context", "…")` for text
defined at import time (before a catalog is installed) and shown later through `translated()`. Arguments
come after translation (`.format(name=…)`), counts through Qt's plural forms: `self.tr("%n phone(s)", "", n)`
(pyside6-lupdate sees plurals only in tr(), not in QCoreApplication.translate()).
`make translations` runs pyside6-lupdate and pyside6-lrelease (tools/translations.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from burner_desk.domain.people import Language
from burner_desk.paths import resource_path

log = logging.getLogger(__name__)

CATALOG = "burner_desk"
# The catalog's language and the locale its dates, times and numbers are written in.
LOCALES = {Language.EN: QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}
LOCALES[Language.ES] = QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates)


# English sentences from the domain, services and storage that a person reads often: marked here (the
# domain never imports Qt) so the catalog holds them; `shown()` translates them where they appear, and any
# other sentence from below the UI is shown as it came (docs/DESIGN.md section 2, Languages).
# tests/ui/test_i18n.py checks each is still the text its module has.
FROM_BELOW = (
    QT_TRANSLATE_NOOP("from_below", "MM/DD/YYYY, e.g. 05/17/1990"),
    QT_TRANSLATE_NOOP("from_below", "e.g. 6:30 PM (today), or 03/01/2025 6:30 PM"),
    QT_TRANSLATE_NOOP(
        "from_below",
        "No OS keyring on this machine: the vault is protected by passphrases alone. "
        "Ask IT to enable the system keyring.",
    ),
)


def shown(text: str) -> str:
    """A sentence from the domain, a service or storage, in the UI language if the catalog has it."""
    return QCoreApplication.translate("from_below", text)


def translated(context: str, marked: str) -> str:
    """Text marked with QT_TRANSLATE_NOOP(context, …) at import time, in the language installed now."""
    return QCoreApplication.translate(context, marked)


def catalog_dir() -> str:
    return str(resource_path("i18n"))


class UiLanguage:
    """The translators the app has installed; switching language replaces them (at sign-in and lock)."""

    def __init__(self) -> None:
        self._translators: list[QTranslator] = []
        self.language = Language.EN

    def apply(self, language: Language) -> bool:
        """Install `language`'s catalogs: ours, and Qt's own for its standard buttons and dialogs (English
        has one too, for plural forms). False, and English, if ours is missing: the person still works,
        in English, and the log says why."""
        self._remove()
        found = self._install(f"{CATALOG}_{language.value}", catalog_dir())
        if not found and language is not Language.EN:
            log.warning("no UI catalog for %s in %s", language.value, catalog_dir())
            return self.apply(Language.EN)
        if language is not Language.EN:
            self._install(
                f"qtbase_{language.value}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            )
        self.language = language
        QLocale.setDefault(LOCALES[language])
        return found

    def _install(self, name: str, folder: str) -> bool:
        translator = QTranslator()
        if not translator.load(name, folder):
            return False
        QCoreApplication.installTranslator(translator)
        self._translators.append(translator)
        return True

    def install_file(self, qm_path: str) -> None:
        """A catalog by path, instead of the language's (the pseudo-locale test)."""
        self._remove()
        if not self._install(qm_path, ""):
            raise FileNotFoundError(qm_path)

    def _remove(self) -> None:
        while self._translators:
            QCoreApplication.removeTranslator(self._translators.pop())


def system_language() -> Language:
    """The OS's language where the app speaks it, else English: the unlock screen, before anyone signs in."""
    return Language.ES if QLocale.system().language() is QLocale.Language.Spanish else Language.EN


def current_language() -> Language:
    """The language the screens are in now (QLocale's default follows the catalog installed)."""
    return Language.ES if QLocale().language() is QLocale.Language.Spanish else Language.EN
