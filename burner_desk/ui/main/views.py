"""The main window's views, in side-bar order. A feature adds its view here with one entry.

Each factory takes the ViewContext and returns the view widget; the main window calls it when the view is
first shown. `supervisor_only` views are hidden
from detectives and social workers, `police_only` ones from social workers. A coordinator sees only the
views marked `for_coordinator`: those show no survivor's record (domain.disclosure.sees_records).
A role opens on its START_VIEWS entry, everyone else on the first view they see (Today).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from burner_desk.domain.disclosure import is_police
from burner_desk.domain.people import Role
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse.view import CoResponseView
from burner_desk.ui.drug_intel.view import CirculatingView
from burner_desk.ui.inventory.view import InventoryView
from burner_desk.ui.program.view import ProgramView
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
    police_only: bool = False  # detectives and supervisors (domain.disclosure.POLICE)
    for_coordinator: bool = False
    # Views are built the first time they are shown; one that works unseen (Sync's background sync) is
    # built at unlock.
    works_in_background: bool = False

    def shown_to(self, role: Role) -> bool:
        if role is Role.COORDINATOR:
            return self.for_coordinator
        if self.police_only and not is_police(role):
            return False
        return role is Role.SUPERVISOR or not self.supervisor_only


# The coordinator's work is the program's figures; the first of their views would be Resources.
START_VIEWS = {Role.COORDINATOR: "program"}


def start_view(entries: list[ViewEntry], role: Role) -> int:
    """The side-bar row `role` lands on after unlocking: its START_VIEWS entry, else the first."""
    keys = [entry.key for entry in entries]
    start = START_VIEWS.get(role)
    return keys.index(start) if start in keys else 0


def registered_views() -> list[ViewEntry]:
    return [
        ViewEntry("today", QCoreApplication.translate("ui.main.views", "Today"), "Ctrl+1", TodayView),
        ViewEntry("cases", QCoreApplication.translate("ui.main.views", "Cases"), "Ctrl+2", CasesView),
        ViewEntry(
            "inventory", QCoreApplication.translate("ui.main.views", "Inventory"), "Ctrl+3", InventoryView
        ),
        ViewEntry(
            "resources",
            QCoreApplication.translate("ui.main.views", "Resources"),
            "Ctrl+4",
            ResourcesView,
            for_coordinator=True,
        ),
        ViewEntry(
            "settings",
            QCoreApplication.translate("ui.main.views", "Settings"),
            "Ctrl+5",
            SettingsView,  # everyone's own language and passphrase; the rest for supervisors
            for_coordinator=True,
        ),
        ViewEntry(
            "sync",
            QCoreApplication.translate("ui.main.views", "Sync"),
            "Ctrl+6",
            SyncView,
            for_coordinator=True,
            works_in_background=True,
        ),
        ViewEntry(
            "program",
            QCoreApplication.translate("ui.main.views", "Program"),
            "Ctrl+7",
            ProgramView,
            supervisor_only=True,
            for_coordinator=True,
        ),
        ViewEntry(
            "drug_intel",
            QCoreApplication.translate("ui.main.views", "Drug intel"),
            "Ctrl+8",
            CirculatingView,
            police_only=True,
        ),
        ViewEntry(
            "coresponse", QCoreApplication.translate("ui.main.views", "Co-response"), "Ctrl+9", CoResponseView
        ),
    ]
