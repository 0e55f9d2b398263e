"""The Program view over the hand-computed caseload (tests/program_caseload.py): the same figures as the
service, the JSON and the PDF; charts coloured from the palette; the report saved off the UI thread; and a
coordinator's window that holds no view with a name in it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from burner_desk.domain import metrics
from burner_desk.domain.metrics import PeriodChoice
from burner_desk.domain.people import Language
from burner_desk.services import access
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.program.view import ProgramView
from burner_desk.ui.program.words import FIGURE_LABELS
from burner_desk.ui.settings.view import SettingsView
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.widgets import numbers
from tests.program_caseload import NOW, PASSPHRASE, Caseload, record_caseload
from tests.ui.helpers import controls_without_accessible_name
from tests.ui.test_today import context_for
from tools.palettes import dark_palette

SHOTS = os.environ.get("BURNER_DESK_SHOTS")  # a folder to keep the rendered PNGs in, for looking at


@pytest.fixture
def caseload(signed_in: access.SignedIn) -> Caseload:
    return record_caseload(signed_in)


@pytest.fixture
def view(qtbot: QtBot, caseload: Caseload, ui_settings: QSettings) -> ProgramView:
    program_view = ProgramView(context_for(caseload.signed_in, ui_settings, lambda: NOW))
    qtbot.addWidget(program_view)
    program_view.period.setCurrentIndex(program_view.period.findData(PeriodChoice.LAST_MONTH.value))
    return program_view


def table_values(view: ProgramView) -> dict[str, str]:
    root = view.table.invisibleRootItem()
    items = [root.child(n) for n in range(root.childCount())]
    return {item.text(0).strip(): item.text(1) for item in items if item.text(1)}


def test_last_month_shows_the_hand_computed_figures(view: ProgramView) -> None:
    assert (view.first.date(), view.last.date()) == (QDate(2025, 3, 1), QDate(2025, 3, 31))
    tiles = [view.promise_tile, view.median_tile, view.overdue_tile, view.treatment_tile, view.met_tile]
    assert [tile.value.text() for tile in tiles] == ["60%", "30.0", "2", "<5", "7"]
    values = table_values(view)
    assert values["Reached within 48 hours"] == "3"
    assert values["of them: survivor called first"] == "2"
    assert values["Reached after 48 hours"] == "1"
    assert values["Reached or closed, when not shared with police"] == "1"
    assert values["Share reached within 48 hours"] == "60%"
    assert values["Intake scheduled"] == "<5"
    assert values["in Spanish"] == "4"
    assert values["Non-residents (recovery bag, no burner phone)"] == "1"
    assert "3 of 5 survivors whose 48 hours are over were reached in time (2 called first)" in (
        view.promise_line.text()
    )
    funnel = view.funnel_chart.series()[0].barSets()[0]
    # reversed: Treatment, Intake ("<5": no bar), Reached, Burner phone, Met
    assert [funnel.at(n) for n in range(funnel.count())] == [0, 0, 4, 6, 7]
    met, in_time = view.weekly_chart.series()[0].barSets()
    assert [met.at(n) for n in range(met.count())] == [0, 1, 2, 2, 1, 1]
    assert [in_time.at(n) for n in range(in_time.count())] == [0, 1, 0, 2, 0, 0]


def test_every_figure_label_the_domain_writes_has_the_uis_words() -> None:
    """domain.metrics labels its figures in English (the report, the CSV); the view words each in the UI
    language (ui/program/words.py): a label added there without its words here fails."""
    labels = set()
    for section in fields(metrics.ProgramFigures):
        kind = getattr(metrics, str(section.type), None)
        if hasattr(kind, "TITLE"):
            labels.add(kind.TITLE)
            for figure in fields(kind):
                label = figure.metadata["label"]  # "in {key}": one line per language's name
                labels |= {label.format(key=name) for name in metrics.LANGUAGE_NAMES.values()}
    assert labels - FIGURE_LABELS == set()


def test_in_spanish_the_figures_table_and_tiles_speak_spanish(
    qtbot: QtBot, caseload: Caseload, ui_settings: QSettings
) -> None:
    language = UiLanguage()
    language.apply(Language.ES)
    try:
        spanish = ProgramView(context_for(caseload.signed_in, ui_settings, lambda: NOW))
        qtbot.addWidget(spanish)
        spanish.period.setCurrentIndex(spanish.period.findData(PeriodChoice.LAST_MONTH.value))
        values = table_values(spanish)
        assert values["Contactados dentro de 48 horas"] == "3"
        assert values["en español"] == "4"
        # Spanish sets the percent sign apart (RAE); the decimal mark is the es-US locale's, a point.
        assert (
            spanish.promise_tile.value.text()
            == values["Proporción contactada dentro de 48 horas"]
            == "60\u00a0%"
        )
        assert values["Mediana de horas hasta el primer contacto"] == "30.0 h"
        assert spanish.period.currentText() == "El mes pasado"
        assert spanish.treatment_tile.accessibleName() == "ingresaron a tratamiento"
    finally:
        language.apply(Language.EN)


def test_the_co_response_pilots_month_shows_below_the_figures(qtbot: QtBot, view: ProgramView) -> None:
    """The pilot's counts live in the Program view (the Co-response view lists calls only)."""
    qtbot.waitUntil(lambda: view.co_response.figures is not None)
    assert view.co_response.figures is not None and view.co_response.figures.calls == 0  # no calls recorded
    assert view.isAncestorOf(view.co_response)


def test_a_custom_period_that_ends_before_it_starts_says_so(view: ProgramView) -> None:
    view.period.setCurrentIndex(view.period.findData(PeriodChoice.CUSTOM.value))
    view.first.setDate(QDate(2025, 3, 10))
    view.last.setDate(QDate(2025, 3, 9))
    assert "ends before it starts" in view.message.text()
    view.last.setDate(QDate(2025, 3, 16))  # B and C only
    assert view.met_tile.value.text() == "2"


def test_the_report_is_saved_as_pdf_and_csv(view: ProgramView, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    view.save_to(view.chosen_period(), str(target))

    assert view.saved == (str(target), str(tmp_path / "report.csv"))
    assert target.read_bytes().startswith(b"%PDF")
    view.save_to(view.chosen_period(), str(target))
    assert "already exists: nothing was saved" in view.message.text()
    assert view.save_button.isEnabled()


def test_every_control_is_named(view: ProgramView) -> None:
    assert controls_without_accessible_name(view) == []


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    previous = qapp.palette()
    qapp.setPalette(dark_palette())
    apply_style(qapp)
    yield
    qapp.setPalette(previous)
    apply_style(qapp)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_renders_in_light_and_dark(
    qtbot: QtBot, caseload: Caseload, ui_settings: QSettings, tmp_path: Path, scheme: str, qapp: QApplication
) -> None:
    previous = qapp.palette()
    qapp.setPalette(dark_palette() if scheme == "dark" else QStyleFactory.create("Fusion").standardPalette())
    apply_style(qapp)
    try:
        view = ProgramView(context_for(caseload.signed_in, ui_settings, lambda: NOW))
        qtbot.addWidget(view)
        view.period.setCurrentIndex(view.period.findData(PeriodChoice.LAST_MONTH.value))
        view.resize(1366 - 200, 768 - 90)  # the view's share of a 1366×768 main window
        shot = view.grab()
        folder = Path(SHOTS) if SHOTS else tmp_path
        assert shot.save(str(folder / f"program-{scheme}.png"))
        background = view.funnel_chart.backgroundBrush().color()
        assert (background.lightness() < 100) == (scheme == "dark")
    finally:
        qapp.setPalette(previous)
        apply_style(qapp)


def test_a_coordinator_gets_the_program_resources_sync_and_their_own_settings_only(
    qtbot: QtBot, caseload: Caseload, vault_dir: Path, ui_settings: QSettings
) -> None:
    caseload.signed_in.vault.close()
    coordinator = access.sign_in(vault_dir, "quinn.harper", PASSPHRASE)
    try:
        window = MainWindow(coordinator, InlineTasks(), ui_settings, now=lambda: NOW)
        qtbot.addWidget(window)
        # Settings holds only their own language and passphrase for them.
        assert [entry.key for entry in window.entries] == ["resources", "settings", "sync", "program"]
        assert window.current_view_key() == "program"  # where their work is, not the first in the list
        settings_view = window.view("settings")
        assert isinstance(settings_view, SettingsView) and not settings_view.supervisor
        assert not window.new_encounter_action.isEnabled()
        program_view = window.view("program")
        assert isinstance(program_view, ProgramView)
        assert program_view.met_tile.value.text() != "–"
    finally:
        coordinator.vault.close()


def test_numbers_are_written_the_locales_way(qapp: QApplication) -> None:
    """Every figure goes through QLocale (ui/widgets/numbers.py): a comma-decimal locale shows one."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert (numbers.number(12345), numbers.decimal(21.5), numbers.hours(21.5)) == (
            "12.345",
            "21,5",
            "21,5 h",
        )
        assert (numbers.count(metrics.SMALL), numbers.count(7), numbers.percent(None)) == ("<5", "7", "–")
    finally:
        QLocale.setDefault(previous)
