"""The Today view over the demo vault: the live 48-hour countdown and its colours."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.people import Language
from burner_desk.services import access, demo, today
from burner_desk.services.disclosure import NAME_NOT_SHARED
from burner_desk.services.settings import STOCK_THRESHOLD_PHONES
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.today.today_view import CallFilter, TodayView
from burner_desk.ui.widgets.moments import time_left
from burner_desk.ui.widgets.rows_model import tone_colours
from tests.conftest import TEST_KDF
from tests.ui.helpers import controls_without_accessible_name

RECENT_RESIDENT = "Morgan Tanaka (sample)"  # demo case recorded 0.2 days ago, with a burner phone
TIME_LEFT = 4  # the calls table's column


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
    model = view.calls
    row = next(i for i, due in enumerate(model.rows) if due.person_name == person)
    index = model.index(row, TIME_LEFT)
    brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
    colour = brush.color().name() if brush is not None else ""
    return str(model.data(index)), colour


def test_countdown_turns_amber_at_6_hours_and_red_at_0(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    clock = [datetime.now(UTC)]
    view = TodayView(context_for(demo_session, ui_settings, lambda: clock[0]))
    qtbot.addWidget(view)
    due = next(row.follow_up.due_at for row in view.calls.rows if row.person_name == RECENT_RESIDENT)
    amber, red = (tone_colours(name).text.name() for name in ("due_soon", "overdue"))  # type: ignore[union-attr]

    clock[0] = due - timedelta(hours=6, minutes=1)
    view.tick.timeout.emit()
    assert _tone_of(view, RECENT_RESIDENT) == ("6 h 1 min", "")

    clock[0] = due - timedelta(hours=6)
    with qtbot.waitSignal(view.calls.dataChanged):
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
    qtmodeltester.check(view.calls)
    qtmodeltester.check(view.recent)

    def raise_threshold() -> None:
        with demo_session.uow.begin(demo_session.actor) as tx:
            tx.settings.put(STOCK_THRESHOLD_PHONES, "20")

    context.tasks.run_db(raise_threshold)  # as the Settings view saves it: the runner announces "setting"
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
    assert view.calls_table.horizontalScrollBar().isVisible() is False


def test_painting_the_countdown_for_hours_does_not_wear_out_none(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    """PySide6 drops a reference to None per None returned from data(); Python aborts when it hits 0."""
    view = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(view)
    through_cpp = QSortFilterProxyModel()  # so data() is called from C++, as a view's painting does
    through_cpp.setSourceModel(view.calls)
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
    assert shown["Sky Brennan (sample)"] == "Prince George's County, MD"  # stored as "prince george's"
    assert shown["Jesse Castillo (sample)"] == "Washington, DC"
    assert shown[RECENT_RESIDENT] == "City of Alexandria"


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


# --- the social worker's day --------------------------------------------------------------------------

CASEY = "Casey Nguyen, LCSW (sample)"
# Casey's, still to call: Dana declined consent, so the program has only the burner phone, not her name
ASSIGNED_OPEN = ["Blake Moreno (sample)", NAME_NOT_SHARED]
UNASSIGNED = ["Jesse Castillo (sample)", "Morgan Tanaka (sample)", "Sky Brennan (sample)"]


@pytest.fixture
def social_worker_session(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo", demo.SOCIAL_WORKER)
    yield session
    session.vault.close()


def _names(view: TodayView) -> list[str]:
    return [call.person_name for call in view.calls.rows]


def _select(view: TodayView, person: str) -> None:
    view.calls_table.selectRow(_names(view).index(person))


def test_a_social_workers_today_is_my_calls(
    qtbot: QtBot, social_worker_session: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    view = TodayView(context_for(social_worker_session, ui_settings))
    qtbot.addWidget(view)
    view.resize(1366 - 200, 768 - 150)
    view.show()
    assert view.grab().save(str(tmp_path / "today-social-worker.png"))

    assert view.calls_table.accessibleName() == "My calls"
    assert view.filter is CallFilter.MINE and view.filter_buttons[CallFilter.MINE].isChecked()
    assert _names(view) == ASSIGNED_OPEN  # reached (Riley called first) and engaged (Avery) have left
    assert [view.filter_buttons[which].text() for which in CallFilter] == [
        "Mine (2)",
        "Unassigned (3)",
        "Overdue (1)",
        "All (5)",
    ]
    blake = view.calls.rows[0]
    assert [view.calls.data(view.calls.index(0, column)) for column in (1, 2, 5)] == [
        blake.burner_number,
        "Spanish",
        CASEY,
    ]
    assert blake.burner_number.startswith("(703) 555-01")
    assert view.calls.data(view.calls.index(0, TIME_LEFT)).startswith("overdue")

    qtbot.mouseClick(view.filter_buttons[CallFilter.OVERDUE], Qt.MouseButton.LeftButton)
    assert _names(view) == ["Blake Moreno (sample)"]
    qtbot.mouseClick(view.filter_buttons[CallFilter.UNASSIGNED], Qt.MouseButton.LeftButton)
    assert _names(view) == UNASSIGNED
    non_resident = view.calls.rows[0]  # Jesse, Washington DC: no burner phone, called on their own
    assert view.calls.data(view.calls.index(0, 1)) == f"{non_resident.own_phone} (own)"
    assert controls_without_accessible_name(view) == []


def test_a_social_worker_takes_an_unassigned_call(
    qtbot: QtBot, social_worker_session: access.SignedIn, ui_settings: QSettings
) -> None:
    view = TodayView(context_for(social_worker_session, ui_settings))
    qtbot.addWidget(view)
    assert view.take_button.isVisibleTo(view) and not view.assign_button.isVisibleTo(view)
    view.show_calls(CallFilter.UNASSIGNED)
    assert not view.take_button.isEnabled()  # nothing picked yet
    _select(view, RECENT_RESIDENT)
    assert view.take_button.isEnabled()

    qtbot.mouseClick(view.take_button, Qt.MouseButton.LeftButton)

    with social_worker_session.uow.begin() as tx:
        assert [action for action, _entity, _outcome in tx.audit_trail()][-2] == "follow_up.assign"
    assert RECENT_RESIDENT not in _names(view)  # the change bus reloaded Today
    view.show_calls(CallFilter.MINE)
    assert _names(view) == [*ASSIGNED_OPEN, RECENT_RESIDENT]
    _select(view, RECENT_RESIDENT)
    assert not view.take_button.isEnabled()  # already taken


def test_a_supervisor_assigns_a_call_from_today(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    view = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(view)
    assert view.filter is CallFilter.ALL
    assert view.assign_button.isVisibleTo(view) and not view.take_button.isVisibleTo(view)
    _select(view, RECENT_RESIDENT)
    qtbot.mouseClick(view.assign_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.assignee.currentText() == CASEY
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assigned = {call.person_name: call.assignee for call in view.calls.rows}
    assert assigned[RECENT_RESIDENT] == CASEY


def test_a_detective_sees_the_calls_but_neither_takes_nor_assigns(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    try:
        view = TodayView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        assert view.filter is CallFilter.ALL
        assert len(view.calls.rows) == 5
        assert not view.take_button.isVisibleTo(view) and not view.assign_button.isVisibleTo(view)
        # Recent encounters carry no outcome a detective may not see (the demo consents share none).
        assert {case.follow_up_state for case in view.recent.rows} <= {
            FollowUpState.OPEN,
            FollowUpState.REACHED,
            FollowUpState.CLOSED,
        }
    finally:
        session.vault.close()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            Language.EN,
            [
                "Only 1 burner phone in stock (threshold 5).",
                "Naloxone lot LOT-7 in bag RB-01 expires on 31 Jan 2026.",
                "Bag RB-02 is not fully stocked: no usable naloxone and no disposal bags.",
            ],
        ),
        (
            Language.ES,
            [
                "Solo queda 1 teléfono provisional en existencia (umbral 5).",
                "El lote de naloxona LOT-7 de la bolsa RB-01 vence el 31 ene 2026.",
                "A la bolsa RB-02 le falta algo: no tiene naloxona utilizable ni bolsas para desechar medicamentos.",
            ],
        ),
    ],
)
def test_inventory_warnings_are_worded_in_the_screens_language(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings, language: Language, said: list[str]
) -> None:
    """The service hands facts (services.today.InventoryWarning); the view words them, with plural forms
    and the language's dates."""
    ui_language = UiLanguage()
    ui_language.apply(language)
    try:
        view = TodayView(context_for(demo_session, ui_settings))
        qtbot.addWidget(view)
        warnings = [
            today.PhonesLow(in_stock=1, threshold=5),
            today.NaloxoneExpiring("LOT-7", "RB-01", date(2026, 1, 31), expired=False),
            today.BagIncomplete("RB-02", no_usable_naloxone=True, no_disposal_bags=True),
        ]
        assert [view.warning_text(warning) for warning in warnings] == said
    finally:
        ui_language.apply(Language.EN)
