from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from burner_desk.services import access, overview
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import InlineTasks


def test_overview_counts_and_overdue_follow_ups_stand_out(
    qtbot: QtBot, signed_in: access.SignedIn, ui_settings
) -> None:
    window = MainWindow(signed_in, InlineTasks(), ui_settings)
    qtbot.addWidget(window)
    loaded = window.overview
    assert loaded is not None
    assert (loaded.encounters, loaded.phones_in_stock, loaded.open_follow_ups) == (0, 0, 0)
    assert window.follow_up_summary.text() == "Follow-ups: none open."
    assert window.follow_up_summary.property("urgent") == "false"

    busy_day = replace(
        loaded,
        encounters=12,
        phones_in_stock=30,
        open_follow_ups=4,
        overdue_follow_ups=2,
        due_soon_follow_ups=1,
        next_due_at=datetime.now(UTC) - timedelta(hours=1),
    )
    window.show_overview(busy_day)
    assert [card.value.text() for card in window.cards.values()] == ["12", "30", "4"]
    assert window.follow_up_summary.text().startswith("Follow-ups: 2 overdue, 1 due within 6 hours.")
    assert window.follow_up_summary.property("urgent") == "true"


def test_overview_is_one_frozen_snapshot(signed_in: access.SignedIn) -> None:
    snapshot = overview.load(signed_in)
    assert snapshot.user_name == signed_in.actor.user_name
    assert snapshot.agency == signed_in.agency
    assert snapshot.next_due_at is None
    with pytest.raises(FrozenInstanceError):
        snapshot.encounters = 5  # type: ignore[misc]
