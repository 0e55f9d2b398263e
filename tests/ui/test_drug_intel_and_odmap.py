"""Drug intel on a case and in the police-only view; the ODMAP export dialog in the Reports menu. A social
worker sees neither."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from burner_desk.domain import odmap as odmap_rules
from burner_desk.services import access, demo
from burner_desk.ui.drug_intel.call_dialog import DrugIntelCallDialog, WithdrawDrugIntelDialog
from burner_desk.ui.drug_intel.view import CirculatingView
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.odmap.export_dialog import OdmapExportDialog
from burner_desk.ui.tasks import InlineTasks
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_cases import _act, _open, _timeline
from tests.ui.test_today import context_for, open_demo

SIZE = (1366, 768)
SHOTS_ENV = "BURNER_DESK_TEST_SHOTS"  # a folder to keep the PNGs in, to look at them


def _shot(widget: QWidget, name: str) -> None:
    """Rendered as a person would see it; kept only where SHOTS_ENV says."""
    image = widget.grab()
    assert not image.isNull()
    if os.environ.get(SHOTS_ENV):
        folder = Path(os.environ[SHOTS_ENV])
        folder.mkdir(parents=True, exist_ok=True)
        image.save(str(folder / f"{name}.png"))


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo")
    yield session
    session.vault.close()


def _window(qtbot: QtBot, session: access.SignedIn, ui_settings: QSettings) -> MainWindow:
    window = MainWindow(session, InlineTasks(), ui_settings)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    return window


def test_a_call_logged_on_the_case_shows_in_its_timeline_and_in_the_view(
    qtbot: QtBot, supervisor: access.SignedIn, ui_settings: QSettings
) -> None:
    window = _window(qtbot, supervisor, ui_settings)
    window.view_actions["cases"].trigger()
    cases = window.view("cases")
    _open(qtbot, cases, "Tanaka")  # type: ignore[arg-type]

    def fill(dialog: DrugIntelCallDialog) -> None:
        assert dialog.no_names.isVisible() and "Never write the name" in dialog.no_names.text()
        _shot(dialog, "drug-intel-call")
        qtbot.keyClicks(dialog.substance.edit, "Fentanyl (sample)")
        qtbot.keyClicks(dialog.stamp.edit, "m30")
        qtbot.keyClicks(dialog.area.edit, "Route 1 corridor")

    dialog = _act(qtbot, cases, "drug_intel", fill)  # type: ignore[arg-type]

    assert not dialog.isVisible() and pop_ups() == []
    assert any(
        line.startswith("drug intel: Drug intel call: Fentanyl (sample) (stamp m30)")
        for line in _timeline(cases)
    )  # type: ignore[arg-type]
    window.view_actions["drug_intel"].trigger()
    view = window.view("drug_intel")
    assert isinstance(view, CirculatingView)
    assert controls_without_accessible_name(view) == []
    top = view.groups.rows[0]
    assert (top.substance.casefold(), top.stamp.casefold(), top.count) == ("fentanyl (sample)", "m30", 3)
    _shot(window, "drug-intel-view")
    opened: list[UUID] = []
    view.open_case.connect(opened.append)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert opened == [top.reports[0].encounter_id]
    assert window.current_view_key() == "cases"  # the main window opened the case


def test_a_social_worker_sees_no_drug_intel_and_no_export(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.SOCIAL_WORKER)
    try:
        window = _window(qtbot, session, ui_settings)
        assert "drug_intel" not in window.view_actions
        assert not any("Reports" in action.text() for action in window.menuBar().actions())
        window.view_actions["cases"].trigger()
        cases = window.view("cases")
        _open(qtbot, cases, "Quinlan")  # type: ignore[arg-type]  # the demo case with two calls logged
        assert "drug_intel" not in cases.case.buttons  # type: ignore[attr-defined]
        assert not any(line.startswith("drug intel") for line in _timeline(cases))  # type: ignore[arg-type]
    finally:
        session.vault.close()


def test_the_odmap_export_from_the_reports_menu_writes_the_file_and_says_so(
    qtbot: QtBot, supervisor: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, supervisor, ui_settings)
    target = tmp_path / "odmap.csv"
    target.write_text("an older export", encoding="utf-8")  # the file dialog asked before replacing it
    window.odmap_action.trigger()
    dialog = window.odmap_dialog
    assert isinstance(dialog, OdmapExportDialog) and dialog.isVisible()
    assert controls_without_accessible_name(dialog) == []
    dialog.first_day.setDate(dialog.first_day.date().addDays(-40))
    dialog.choose_file = lambda: target

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == list(odmap_rules.COLUMNS)
    assert dialog.message.text() == f"{len(rows)} incidents written to {target}."
    _shot(dialog, "odmap-export")
    dialog.only_new.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith(f"0 incidents written to {target}. {len(rows)} exported before")
    assert pop_ups() == []


def test_the_detective_corrects_a_call_and_withdraws_one_entered_in_error(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)  # who logged the demo's calls
    try:
        window = _window(qtbot, session, ui_settings)
        window.view_actions["drug_intel"].trigger()
        view = window.view("drug_intel")
        assert isinstance(view, CirculatingView)
        call = view.calls.rows[0]
        assert view.correct_button.isEnabled() and view.withdraw_button.isEnabled()

        view.correct()
        dialog = view.dialog
        assert isinstance(dialog, DrugIntelCallDialog) and dialog.isVisible()
        assert (dialog.substance.text(), dialog.stamp.text()) == (call.substance, call.stamp)
        assert dialog.effects.toPlainText() == call.effects
        assert controls_without_accessible_name(dialog) == []
        dialog.stamp.edit.setText("K9 (corrected)")
        _shot(dialog, "drug-intel-correct")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible() and pop_ups() == []
        stamps = {report.id: report.stamp for group in view.groups.rows for report in group.reports}
        assert stamps[call.id] == "K9 (corrected)"

        view.groups_table.selectRow(
            next(n for n, g in enumerate(view.groups.rows) if g.stamp == "K9 (corrected)")
        )
        view.withdraw()
        withdrawal = view.dialog
        assert isinstance(withdrawal, WithdrawDrugIntelDialog) and withdrawal.isVisible()
        assert controls_without_accessible_name(withdrawal) == []
        _shot(withdrawal, "drug-intel-withdraw")
        qtbot.mouseClick(withdrawal.save_button, Qt.MouseButton.LeftButton)
        assert not withdrawal.isVisible() and pop_ups() == []
        assert call.id not in {report.id for group in view.groups.rows for report in group.reports}
        _shot(window, "drug-intel-view-after-withdrawal")
    finally:
        session.vault.close()


def test_another_detective_cannot_correct_a_call_they_did_not_log(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    session.actor = replace(session.actor, user_id=uuid4())  # a colleague at the same desk
    try:
        view = CirculatingView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        assert view.calls.rows and view.open_button.isEnabled()
        assert not view.correct_button.isEnabled() and not view.withdraw_button.isEnabled()
    finally:
        session.vault.close()
