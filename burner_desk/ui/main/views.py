"""The main window's views, in side-bar order. A feature adds its view here with one entry.

Each factory takes the ViewContext and returns the view widget. `supervisor_only` views are hidden
from detectives and social workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from burner_desk.ui.context import ViewContext


@dataclass(frozen=True)
class ViewEntry:
    key: str  # stable id: QSettings keys, tests, screenshots
    title: str  # side-bar label
    shortcut: str  # e.g. "Ctrl+1", shown in the View menu
    factory: Callable[[ViewContext], QWidget]
    supervisor_only: bool = False


def registered_views() -> list[ViewEntry]:
    return []
