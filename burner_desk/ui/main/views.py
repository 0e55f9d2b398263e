"""The main window's views, in side-bar order. A feature adds its view here with one entry.

Each factory takes the ViewContext and returns the view widget. `supervisor_only` views are hidden
from detectives and social workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory.view import InventoryView
from burner_desk.ui.resources.view import ResourcesView
from burner_desk.ui.settings.view import SettingsView
from burner_desk.ui.sync.view import SyncView
from burner_desk.ui.today.today_view import TodayView


@dataclass(frozen=True)
class ViewEntry:
    key: str  # stable id: QSettings keys, tests, screenshots
    title: str  # side-bar label
    shortcut: str  # e.g. "Ctrl+1", shown in the View menu
    factory: Callable[[ViewContext], QWidget]
    supervisor_only: bool = False


def registered_views() -> list[ViewEntry]:
    return [
        ViewEntry("today", QCoreApplication.translate("ui.main.views", "Today"), "Ctrl+1", TodayView),
        ViewEntry("cases", QCoreApplication.translate("ui.main.views", "Cases"), "Ctrl+2", CasesView),
        ViewEntry(
            "inventory", QCoreApplication.translate("ui.main.views", "Inventory"), "Ctrl+3", InventoryView
        ),
        ViewEntry(
            "resources", QCoreApplication.translate("ui.main.views", "Resources"), "Ctrl+4", ResourcesView
        ),
        ViewEntry(
            "settings",
            QCoreApplication.translate("ui.main.views", "Settings"),
            "Ctrl+5",
            SettingsView,
            supervisor_only=True,
        ),
        ViewEntry("sync", QCoreApplication.translate("ui.main.views", "Sync"), "Ctrl+6", SyncView),
    ]
