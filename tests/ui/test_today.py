"""The Today view over the demo vault: the live 48-hour countdown and its colours."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from burner_desk.services import access, demo
from burner_desk.services.settings import STOCK_THRESHOLD_PHONES
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.today.today_view import TodayView, time_left
from burner_desk.ui.widgets.rows_model import tone_colours
from tests.conftest import TEST_KDF

RECENT_RESIDENT = "Morgan Tanaka (sample)"  # demo case recorded 0.2 days ago, with a burner phone


def open_demo(directory: Path, user: demo.DemoUser = demo.SUPERVISOR) -> access.SignedIn:
    demo.create_demo_vault(directory, TEST_KDF)
    return access.sign_in(directory, user.name, user.passphrase)


def context_for(
    signed_in: access.SignedIn, settings: QSettings, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> ViewContext:
    return ViewContext(signed_in, InlineTasks(), ChangeBus(), settings, now)


@pytest.fixture
def demo_session(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo")
    yield session
    session.vault.close()


def _tone_of(view: TodayView, person: str) -> tuple[str, str]:
    model = view.follow_ups
    row = next(i for i, due in enumerate(model.rows) if due.person_name == person)
    index = model.index(row, 2)
    brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
    colour = brush.color().name() if brush is not None else ""
    return str(model.data(index)), colour


def test_countdown_turns_amber_at_6_hours_and_red_at_0(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    clock = [datetime.now(UTC)]
    view = TodayView(context_for(demo_session, ui_settings, lambda: clock[0]))
    qtbot.addWidget(view)
    due = next(row.due_at for row in view.follow_ups.rows if row.person_name == RECENT_RESIDENT)
    amber, red = (tone_colours(name).text.name() for name in ("due_soon", "overdue"))  # type: ignore[union-attr]

    clock[0] = due - timedelta(hours=6, minutes=1)
    view.tick.timeout.emit()
    assert _tone_of(view, RECENT_RESIDENT) == ("6 h 1 min", "")

    clock[0] = due - timedelta(hours=6)
    with qtbot.waitSignal(view.follow_ups.dataChanged):
        view.tick.timeout.emit()
    assert _tone_of(view, RECENT_RESIDENT) == ("6 h 0 min", amber)

    clock[0] = due
    view.tick.timeout.emit()
    assert _tone_of(view, RECENT_RESIDENT) == ("overdue 0 min", red)

    clock[0] = due + timedelta(hours=3, minutes=20)
    view.tick.timeout.emit()
    assert _tone_of(view, RECENT_RESIDENT) == ("overdue 3 h", red)


def test_time_left_reads_in_hours_and_minutes() -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert time_left(now + timedelta(hours=5, minutes=12, seconds=40), now) == "5 h 12 min"
    assert time_left(now + timedelta(minutes=9), now) == "9 min"
    assert time_left(now - timedelta(hours=3, minutes=5), now) == "overdue 3 h"


def test_today_shows_recent_encounters_warnings_and_what_waits_to_sync(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings, qtmodeltester
) -> None:
    context = context_for(demo_session, ui_settings)
    view = TodayView(context)
    qtbot.addWidget(view)
    data = view.data
    assert data is not None
    assert view.recent.rows[0].person_name == "Sky Brennan (sample)"  # the newest demo case
    assert view.cards["encounters"].value.text() == str(len(demo.SAMPLE_CASES))
    assert view.cards["outbox_pending"].value.text() == str(data.outbox_pending) != "0"
    assert view.sync_status.text() == f"Last sync: never. Changes waiting to sync: {data.outbox_pending}."
    assert data.inventory_warnings == ()
    assert [view.warnings.item(i).text() for i in range(view.warnings.count())] == ["Nothing is running low."]
    qtmodeltester.check(view.follow_ups)
    qtmodeltester.check(view.recent)

    with demo_session.uow.begin(demo_session.actor) as tx:
        tx.settings.put(STOCK_THRESHOLD_PHONES, "20")
    context.changes.announce("setting")  # as the Settings view does after saving a threshold
    in_stock = view.cards["phones_in_stock"].value.text()
    assert view.warnings.item(0).text() == f"Only {in_stock} burner phones in stock (threshold 20)."


def test_today_at_1366_by_768(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    view = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(view)
    view.resize(1366 - 200, 768 - 150)  # what the main window leaves for a view beside the side bar
    view.show()
    assert view.grab().save(str(tmp_path / "today.png"))
    assert view.follow_up_table.horizontalScrollBar().isVisible() is False


def test_painting_the_countdown_for_hours_does_not_wear_out_none(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    """PySide6 drops a reference to None per None returned from data(); Python aborts when it hits 0."""
    view = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(view)
    through_cpp = QSortFilterProxyModel()  # so data() is called from C++, as a view's painting does
    through_cpp.setSourceModel(view.follow_ups)
    cell = through_cpp.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        through_cpp.data(cell, Qt.ItemDataRole.DecorationRole)  # a role the model has nothing for
        through_cpp.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole)
    assert sys.getrefcount(None) >= before


def test_recent_encounters_show_the_jurisdiction_as_people_write_it(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    view = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(view)
    shown = {
        view.recent.data(view.recent.index(row, 0)): view.recent.data(view.recent.index(row, 2))
        for row in range(view.recent.rowCount())
    }
    assert shown["Sky Brennan (sample)"] == "Prince George's"  # stored as "prince george's"
    assert shown["Jesse Castillo (sample)"] == "Washington DC"
    assert shown[RECENT_RESIDENT] == "Alexandria"


def test_a_social_worker_is_not_offered_a_new_encounter(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.SOCIAL_WORKER)
    try:
        view = TodayView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        window = MainWindow(session, InlineTasks(), ui_settings)
        qtbot.addWidget(window, before_close_func=lambda widget: widget.dismiss())

        assert view.new_encounter_button.isHidden()  # the bedside record is the detective's
        assert not window.new_encounter_action.isEnabled()
        window.new_encounter()
        assert window.wizard is None
    finally:
        session.vault.close()
