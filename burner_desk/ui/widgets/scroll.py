"""A scroll area that keeps the focused control in sight, for pages taller than a 1366×768 laptop screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

FOCUS_MARGIN = 24  # px left around a control scrolled into view, so its label and reason show too


class FocusScrollArea(QScrollArea):
    """Scrolls vertically only, the content taking the area's width and wrapping within it; or, for a whole
    view (`both_ways`), horizontally too once the window is narrower than the view's least width.

    Qt scrolls a focused child into view only when Tab moves the focus; a click, a shortcut or a
    `setFocus()` (a refused field taking the focus) would leave it out of sight, so any focus change
    into the content scrolls it into view."""

    def __init__(
        self,
        content: QWidget,
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        both_ways: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if both_ways else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; they bring the view along
        # The content paints the page's own background, not the viewport's base colour.
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.setWidget(content)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        content = self.widget()
        # The content itself taking the focus (a view shown, before a control has it) leaves the scroll
        # where it is: "into view" would scroll a page taller than the area away from its top.
        if now is not None and content is not None and now is not content and content.isAncestorOf(now):
            across = self.horizontalScrollBar().value()
            self.ensureWidgetVisible(now, FOCUS_MARGIN, FOCUS_MARGIN)
            # Up and down only: a view scrolled sideways would hide its start (the first column, the
            # first button) for a focused table wider than the window.
            self.horizontalScrollBar().setValue(across)
