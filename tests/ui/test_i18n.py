"""The UI through Qt's catalogs: current catalogs, a Spanish that keeps every placeholder, the language each
user chose applied at sign-in, and a pseudo-locale that finds any visible text bypassing the catalog."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from burner_desk.domain.inventory import BagItemKind
from burner_desk.domain.people import Language
from burner_desk.domain.residency import JURISDICTIONS
from burner_desk.services import access, demo, inventory, resources, settings, spikes
from burner_desk.storage.models import Base
from burner_desk.ui.encounter.handover import describe_item
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.inventory.bags import contents_model
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.unlock.unlock_window import UnlockWindow
from tests.conftest import TEST_KDF
from tests.ui import tour

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "resources" / "i18n"
SPANISH_TS = CATALOGS / "burner_desk_es.ts"
OPEN, CLOSE = "⟦", "⟧"
SIZE = (1366, 768)


def test_the_committed_catalogs_hold_every_string_in_the_code_and_are_compiled() -> None:
    checked = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_every_translate_call_names_its_context_literally() -> None:
    """pyside6-lupdate reads the context from the code: a variable there hides the string from the catalog."""
    calls = re.compile(r"QCoreApplication\.translate\(\s*+(?!\")")
    hidden = [
        f"{path.relative_to(ROOT)}:{source[: match.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "burner_desk" / "ui").rglob("*.py"))
        if path.name != "i18n.py"  # translated(): text marked with QT_TRANSLATE_NOOP, which lupdate reads
        for source in [path.read_text(encoding="utf-8")]
        for match in calls.finditer(source)
    ]
    assert hidden == []


def test_the_sentences_from_below_the_ui_in_the_catalog_are_those_the_code_has() -> None:
    from burner_desk.domain.dates import US_DATE_HINT, US_MOMENT_HINT
    from burner_desk.storage.vault import NO_KEYRING_WARNING
    from burner_desk.ui.i18n import FROM_BELOW

    assert set(FROM_BELOW) == {US_DATE_HINT, US_MOMENT_HINT, NO_KEYRING_WARNING}


def _messages(ts: Path) -> Iterator[tuple[str, list[str], bool]]:
    for message in ET.parse(ts).iter("message"):  # noqa: S314 (our own catalog, in the repository)
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        yield message.findtext("source") or "", forms, translation.get("type") == "unfinished"


def test_spanish_translates_everything_and_keeps_each_placeholder() -> None:
    def fields(text: str) -> list[str]:
        return sorted(re.findall(r"\{[^{}]*\}", text))

    for source, forms, unfinished in _messages(SPANISH_TS):
        assert not unfinished, source
        for form in forms:
            assert form.strip(), source
            # .format() after tr(): a renamed or dropped field would raise KeyError on screen
            assert fields(form) == fields(source), (source, form)
            assert ("%n" in form) == ("%n" in source), (source, form)


def test_a_users_language_applies_at_sign_in_and_the_unlock_screen_is_back_in_the_os_language(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    from tests.conftest import SETUP

    shell = make_shell()
    session = access.sign_in(locked_vault, SETUP.user_name, SETUP.passphrase)
    settings.set_ui_language(session.uow, session.actor, Language.ES)
    shell.show_main(session)
    main = shell.window
    assert isinstance(main, MainWindow)
    assert [action.text() for action in main.menuBar().actions()][:2] == ["&Sesión", "&Encuentro"]
    assert QLocale().language() is QLocale.Language.Spanish  # dates and numbers follow

    shell.lock("manual")
    assert isinstance(shell.window, UnlockWindow)
    assert shell.window.windowTitle() == "Burner Desk — unlock"  # this machine's OS speaks English
    assert QLocale().language() is QLocale.Language.English


def test_anyone_chooses_their_language_in_settings_also_from_the_session_menu(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    from tests.conftest import SETUP

    shell = make_shell()
    session = access.sign_in(locked_vault, SETUP.user_name, SETUP.passphrase)
    shell.show_main(session)
    main = shell.window
    assert isinstance(main, MainWindow)
    main.language_action.trigger()  # leads to Settings, where everyone has their own box
    box = main.my_account()
    assert main.current_view_key() == "settings" and box is not None
    assert box.language.currentText() == "English" and main.focusWidget() is box.language
    box.language.setCurrentIndex(box.language.findData(Language.ES.value))
    box.save_language_button.click()
    qtbot.waitUntil(lambda: settings.ui_language(session.uow, session.actor) is Language.ES)
    qtbot.waitUntil(lambda: "next sign-in" in box.message.text())  # these screens stay as they are until then


def test_a_missing_catalog_leaves_the_screens_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("burner_desk.ui.i18n.catalog_dir", lambda: str(tmp_path))
    language = UiLanguage()
    assert language.apply(Language.ES) is False
    assert language.language is Language.EN
    assert QApplication.translate("Shell", "Locked. Type your passphrase to continue.").startswith("Locked")


def test_a_bags_standard_items_and_the_notes_every_laptop_stores_in_english_read_in_spanish(
    qapp: QApplication,
) -> None:
    language = UiLanguage()
    assert language.apply(Language.ES)
    try:
        naloxone = inventory.BagItemView(
            BagItemKind.NALOXONE, 2, inventory.NALOXONE_NOTE, "LOT-7", date(2027, 12, 4)
        )
        assert describe_item(naloxone).startswith("2 × kit de naloxona (kit de naloxona en aerosol nasal)")
        sheet = inventory.BagItemView(BagItemKind.REFERRAL_SHEET, 1, inventory.REFERRAL_SHEET_NOTE, "", None)
        typed = inventory.BagItemView(BagItemKind.OTHER, 1, "Sample snack bar", "", None)
        model = contents_model()
        model.set_rows([sheet, typed])
        shown = [[model.index(row, column).data() for column in (0, 4)] for row in range(2)]
        assert shown == [["hoja de remisión", "se imprime junto a la cama"], ["otro", "Sample snack bar"]]
    finally:
        language.apply(Language.EN)


# --- the pseudo-locale: every translation is its source in ⟦ ⟧; text on screen without them bypassed tr()


@pytest.fixture(scope="module")
def pseudo_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    tree = ET.parse(SPANISH_TS)  # noqa: S314 (our own catalog, in the repository)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        forms = list(translation.iter("numerusform"))
        for form in forms:
            form.text = f"{OPEN}{source}{CLOSE}"
        if not forms:
            translation.text = f"{OPEN}{source}{CLOSE}"
    ts, qm = folder / "pseudo.ts", folder / "pseudo.qm"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def pseudo(pseudo_catalog: Path) -> Iterator[None]:
    language = UiLanguage()
    language.install_file(str(pseudo_catalog))
    yield
    language.apply(Language.EN)  # removes the pseudo catalog


def _strip(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text
    return text.replace("&&", "&").replace("&", "")


def _item_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    if isinstance(widget, QListWidget):
        for row in range(widget.count()):
            yield "list item", widget.item(row).text()
    elif isinstance(widget, QAbstractItemView) and isinstance(widget.model(), QAbstractItemModel):
        model = widget.model()
        for column in range(model.columnCount()):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                yield "column header", header


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a person can see or hear in `root` and its children."""
    yield "window title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.objectName().startswith(("qt_", "__qt__")) or _qt_own(widget):
            continue
        kind = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        yield f"{kind} tooltip", widget.toolTip()
        yield f"{kind} accessible name", widget.accessibleName()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield kind, widget.text()
        elif isinstance(widget, QLineEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{kind} tab", widget.tabText(index)
        yield from ((f"{kind} {where}", text) for where, text in _item_texts(widget))
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield "menu", action.text()
            menu = action.menu()
            if isinstance(menu, QMenu):
                for item in menu.actions():
                    yield "menu item", item.text()
    if isinstance(root, QWizard):
        page = root.currentPage()
        yield "wizard page title", page.title()
        yield "wizard page subtitle", page.subTitle()


def _qt_own(widget: QWidget) -> bool:
    """Qt's own buttons (Save, Cancel, OK, Next): Qt's catalog (qtbase_<lang>.qm) translates them."""
    box = widget.parent()
    return (
        isinstance(widget, QAbstractButton)
        and isinstance(box, QDialogButtonBox)
        and box.standardButton(widget) is not QDialogButtonBox.StandardButton.NoButton
    )


DATE_OR_NUMBER = re.compile(
    r"^[\d\s.,:;/()+\-–—·×%°#*]*(\b(a|p)\.?\s?m\.?\b)?[\d\s.,:;/()+\-–—·×%°]*$", re.IGNORECASE
)


def bypassing(root: QWidget, data: set[str]) -> list[str]:
    """Texts with words that came neither through the pseudo catalog nor from the records."""
    found = []
    for where, raw in visible_texts(root):
        text = _strip(raw)
        for value in sorted(data, key=len, reverse=True):  # records shown as they are
            text = text.replace(value, " ")
        while (unwrapped := re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)) != text:
            text = unwrapped  # innermost first: a translation can hold another one
        leftover = re.sub(r"\b[a-zñáéíóú]{3}\.?\b", " ", text.lower()) if OPEN in raw else text
        if re.search(r"[A-Za-z]{2}", leftover) and not DATE_OR_NUMBER.match(text):
            found.append(f"{where}: {raw!r}")
    return sorted(set(found))


@pytest.fixture
def demo_records(tmp_path: Path) -> Iterator[tuple[access.SignedIn, set[str]]]:
    demo.create_demo_vault(tmp_path / "demo", TEST_KDF)
    session = access.sign_in(tmp_path / "demo", demo.SUPERVISOR.name, demo.SUPERVISOR.passphrase)
    # Opening hours are worded by the printouts' catalog (printing/hours.py), in the UI language.
    hours = {
        program.hours
        for place in resources.jurisdictions(session.uow)
        for program in resources.directory(session.uow, place)
    }
    # A stored enum value ("closed", "in_stock") is the UI's to word, not data shown as it is.
    # Area names are data like jurisdiction names: resources/areas, the agency's own list.
    areas = {area.name for area in spikes.shipped_areas()}
    data = (
        (_record_texts(session) - _enum_values())
        | hours
        | set(JURISDICTIONS.values())
        | areas
        | {tour.SPIKE_NOTE, "Burner Desk"}
    )
    yield session, data
    session.vault.close()


def _enum_values() -> set[str]:
    values: set[str] = set()
    for path in (ROOT / "burner_desk" / "domain").glob("*.py"):
        module = importlib.import_module(f"burner_desk.domain.{path.stem}")
        for thing in vars(module).values():
            if isinstance(thing, type) and issubclass(thing, StrEnum) and thing is not StrEnum:
                values.update(member.value for member in thing)
    return values


def _record_texts(session: access.SignedIn) -> set[str]:
    """Every text the demo vault holds: names, addresses, phone numbers, labels (data, never translated)."""
    values: set[str] = set()
    with session.uow.begin() as tx:
        for table in Base.metadata.sorted_tables:
            for row in tx._session.execute(select(table)):
                values.update(v for v in row if isinstance(v, str) and len(v) >= 2)
    return values


def test_pseudo_locale_every_window_page_and_dialog_shows_only_catalog_text(
    qtbot: QtBot,
    pseudo: None,
    demo_records: tuple[access.SignedIn, set[str]],
    ui_settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, data = demo_records
    problems: dict[str, list[str]] = {}

    def check(name: str, widget: QWidget) -> None:
        QApplication.processEvents()
        if found := bypassing(widget, data):
            problems[name] = found

    # Modal questions and file choosers would wait for a person: their words are checked, the answer is No.
    def question(_parent: QWidget, title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, title, text)
        box.show()
        check(f"question {title}", box)
        box.close()
        return QMessageBox.StandardButton.No

    # A file chooser is the system's: its title and file types are ours to translate.
    def choose_file(_parent: QWidget, caption: str, _folder: str = "", types: str = "") -> tuple[str, str]:
        for where, text in (("title", caption), ("file types", types)):
            if text and not text.startswith(OPEN):
                problems.setdefault(f"file chooser {caption!r}", []).append(f"{where}: {text!r}")
        return "", ""

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_file)

    for name, widget in tour.before_sign_in():
        check(name, widget)
    window = MainWindow(session, InlineTasks(), ui_settings)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    for name, widget in tour.main_window(window):
        check(name, widget)
    window.dismiss()
    assert problems == {}, "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
