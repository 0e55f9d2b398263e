"""Refresh when shown: a view that is not on screen reloads once when it is shown, not on every change.

After a save every view that shows a kind of record it wrote hears of it (ui.context.ChangeBus). Only the
one on screen needs its rows now; the others (another side-bar entry current, an Inventory tab not
selected) remember that they are stale and reload once when shown, as Anki's views do (aqt/operations).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """Call it where the view would reload: `refresh` runs now if `widget` is shown, else once when it is.

    "Shown" is within its window: a window not on screen yet (a test's, one about to be shown) does not
    hold its current view back, and a hidden page of a side bar or a tab widget waits for its Show event.
    """

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self.stale = False
        widget.installEventFilter(self)

    def __call__(self) -> None:
        widget = self._widget
        if widget.isWindow() or widget.isVisibleTo(widget.window()):
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False  # the widget still gets its Show event
