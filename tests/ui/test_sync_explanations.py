"""The Sync view explains, in plain words, what a sync could not settle alone (DESIGN.md section 5a): a
phone issued to two survivors, a sign-in name held by two people, a phone from another desk held back
for its asset tag, and the records waiting for it. Which survivor, phone or user; what clashes with what;
what to do; never a field or table name. Rendered at 1366x768 for a person to look at."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.sync.view import SyncView
from burner_desk.ui.tasks import InlineTasks
from tests.sync.conftest import LiveCentral
from tests.sync.department import ODD_PHONE_IMEI, TAG, Department

# What a person must never read: a table or field name (they all have an underscore) or an id
TECHNICAL = re.compile(r"\w_\w|[0-9a-f]{8}-[0-9a-f]{4}")
SCREENSHOTS = os.environ.get("BURNER_DESK_SCREENSHOTS")  # a folder to keep the PNGs in, for a person


@pytest.fixture
def department(tmp_path: Path) -> Iterator[Department]:
    central = LiveCentral(f"sqlite:///{tmp_path / 'central.db'}").start()
    made = Department(tmp_path, central)
    for _round in range(2):
        made.sync(("A", "C", "B"))  # B pushes last: the phone and the name it shares with A are its conflicts
    yield made
    made.close()
    central.stop()


def _shown(qtbot: QtBot, department: Department, desk: str, settings: QSettings, png: Path) -> list[str]:
    view = SyncView(ViewContext(department.laptops[desk].signed_in, InlineTasks(), ChangeBus(), settings))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view.status is not None)
    view.grab().save(str(png))
    if SCREENSHOTS:
        view.grab().save(str(Path(SCREENSHOTS) / png.name))
    cards = [*view.conflicts.cards, *view.conflicts.held_cards]
    return [label.text() for card in cards for label in card.findChildren(QLabel)]


def test_the_laptop_that_pushed_last_explains_its_conflicts_and_what_it_holds_back(
    qtbot: QtBot, department: Department, ui_settings: QSettings, tmp_path: Path
) -> None:
    texts = _shown(qtbot, department, "B", ui_settings, tmp_path / "sync-explained-desk-b.png")

    phone = f"Burner phone {TAG} (IMEI …"
    assert any(
        t.startswith(phone)
        and "is recorded as issued to two survivors: Blake Sample on this laptop, and Avery Sample at another desk."
        in t
        for t in texts
    ), texts
    assert (
        "Two people use the sign-in name sam.rivera: Det. Sam Rivera (sample) on this laptop, and Det. Sam "
        "Rivera (sample) at another desk." in texts
    )
    assert any(t.startswith("A supervisor renames one of them in Settings › Users") for t in texts)
    odd = f"Burner phone {TAG} (IMEI …{ODD_PHONE_IMEI[-4:]}), added by Sgt. Morgan Ellis (sample), has the same asset tag as"
    assert any(t.startswith(odd) and t.endswith("on this laptop.") for t in texts), texts
    assert any(t.startswith("Re-tag one of the two phones in Inventory") for t in texts)
    assert not [t for t in texts if TECHNICAL.search(t)]


def test_the_laptop_holding_back_the_stock_phone_says_what_waits_for_it(
    qtbot: QtBot, department: Department, ui_settings: QSettings, tmp_path: Path
) -> None:
    texts = _shown(qtbot, department, "C", ui_settings, tmp_path / "sync-explained-desk-c.png")

    assert any(
        t.startswith(f"Burner phone {TAG} (IMEI …") and "has the same asset tag as" in t for t in texts
    )
    waiting = [t for t in texts if "which is held back too" in t]
    assert sorted(w.split(" belongs to")[0] for w in waiting) == [
        "A custody step of Avery Sample's personal phone",
        "A custody step of Blake Sample's personal phone",
        "Avery Sample's personal phone (receipt PR-A-0001)",
        "Blake Sample's personal phone (receipt PR-B-0001)",
    ]
    assert not [t for t in texts if TECHNICAL.search(t)]
