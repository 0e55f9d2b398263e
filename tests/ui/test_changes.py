"""Services say what changed: the runner announces the kinds of record each task wrote, and each view
reloads only what shows one of them (real vault, real widgets, the writes through the runner as a view
makes them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from burner_desk.services import access, bedside, cases, today, users
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.inventory.bags import BagsTab
from burner_desk.ui.inventory.handouts import HandoutsTab
from burner_desk.ui.inventory.phones import PhonesTab
from burner_desk.ui.inventory.view import BAGS, HANDOUTS, PHONES, InventoryView
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.program.view import ProgramView
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.today.today_view import TodayView
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW, non_resident, resident, stock


@pytest.fixture
def context(signed_in: access.SignedIn, ui_settings: QSettings) -> ViewContext:
    stock(signed_in)
    return ViewContext(signed_in, InlineTasks(), ChangeBus(), ui_settings, lambda: NOW)


def counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[object]:
    """Calls of `owner.name` from here on, each still doing its work."""
    calls: list[object] = []
    real: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_saving_an_encounter_reloads_an_inventory_tab_only_when_it_issued_what_the_tab_shows(
    qtbot: QtBot, context: ViewContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    tabs = {"phones": PhonesTab, "bags": BagsTab, "handouts": HandoutsTab}
    reloads = {name: counting(monkeypatch, tab, "refresh") for name, tab in tabs.items()}
    view = InventoryView(context)
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(HANDOUTS)
    for calls in reloads.values():
        calls.clear()  # the first loads
    signed_in = context.signed_in

    def counts() -> dict[str, int]:
        return {name: len(calls) for name, calls in reloads.items()}

    # A non-resident without a bag: handouts leave the stock, no phone, no bag.
    context.tasks.run_db(
        lambda: bedside.record_encounter(signed_in.uow, signed_in.actor, non_resident(), NOW)
    )
    assert counts() == {"phones": 0, "bags": 0, "handouts": 1}

    # A resident: a burner phone and a recovery bag issued, handouts too. The tab on screen reloads at
    # once; the phones and bags tabs, not selected, once each when selected.
    context.tasks.run_db(lambda: bedside.record_encounter(signed_in.uow, signed_in.actor, resident(), NOW))
    assert counts() == {"phones": 0, "bags": 0, "handouts": 2}
    view.tabs.setCurrentIndex(PHONES)
    view.tabs.setCurrentIndex(BAGS)
    view.tabs.setCurrentIndex(PHONES)
    assert counts() == {"phones": 1, "bags": 1, "handouts": 2}


def test_a_save_reloads_the_view_on_screen_at_once_and_a_hidden_one_once_when_shown(
    qtbot: QtBot, context: ViewContext, ui_settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed_in = context.signed_in
    inventory_reloads = [counting(monkeypatch, tab, "refresh") for tab in (PhonesTab, BagsTab)]
    program_reloads = counting(monkeypatch, ProgramView, "refresh")
    searches = counting(monkeypatch, CasesView, "run_search")
    window = MainWindow(signed_in, context.tasks, ui_settings)
    qtbot.addWidget(window)
    window.show()
    rows = [entry.key for entry in window.entries]
    for key in ("inventory", "program", "cases"):  # built when first shown; Cases ends on screen
        window.side_bar.setCurrentRow(rows.index(key))
    inventory, program, cases_view = window.view("inventory"), window.view("program"), window.view("cases")
    assert isinstance(inventory, InventoryView) and isinstance(program, ProgramView)
    assert isinstance(cases_view, CasesView)
    cases_view.search.setText("Quinlan")
    cases_view.run_search()
    for calls in (*inventory_reloads, program_reloads, searches):
        calls.clear()  # the first loads

    context.tasks.run_db(lambda: bedside.record_encounter(signed_in.uow, signed_in.actor, resident(), NOW))

    assert len(searches) == 1, "the view on screen reloads at once"
    assert inventory_reloads == [[], []] and program_reloads == [], "hidden views wait to be shown"
    window.side_bar.setCurrentRow(rows.index("inventory"))
    window.side_bar.setCurrentRow(rows.index("today"))
    window.side_bar.setCurrentRow(rows.index("inventory"))
    assert [len(calls) for calls in inventory_reloads] == [1, 0], "the phones tab on screen, once"
    assert program_reloads == []


def test_adding_a_user_moves_todays_waiting_count_without_reloading_today(
    qtbot: QtBot, context: ViewContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = TodayView(context)
    qtbot.addWidget(view)
    waiting = int(view.cards["outbox_pending"].value.text())
    loads = counting(monkeypatch, today, "load")
    signed_in = context.signed_in
    new_user = users.NewUserInput(
        "casey.nguyen", "Casey Nguyen (sample)", users.Role.SOCIAL_WORKER, "", "", "Cedar-Orchard-0102"
    )

    context.tasks.run_db(lambda: users.add_user(signed_in, new_user, kdf=TEST_KDF))

    assert loads == [], "a user is not on Today: its calls, cases and stock were not loaded again"
    assert int(view.cards["outbox_pending"].value.text()) == waiting + 1, "the new user waits to sync"
    assert f"Changes waiting to sync: {waiting + 1}." in view.sync_status.text()

    context.tasks.run_db(lambda: bedside.record_encounter(signed_in.uow, signed_in.actor, resident(), NOW))
    assert len(loads) == 1 and view.cards["encounters"].value.text() == "1"


def test_a_read_announces_nothing(context: ViewContext) -> None:
    announced: list[object] = []
    context.changes.changed.connect(announced.append)
    signed_in, found = context.signed_in, []

    # Both are audited (a view of survivors' records): the audit chain grows, and no view hears of it.
    context.tasks.run_db(lambda: today.load(signed_in.uow, signed_in.actor, NOW), on_done=found.append)
    context.tasks.run_db(
        lambda: cases.find_cases(signed_in.uow, signed_in.actor, "Quinlan", today=NOW.date()),
        on_done=found.append,
    )

    assert len(found) == 2 and announced == []
