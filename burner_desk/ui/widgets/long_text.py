"""A word-wrapped label for a long text (the consent wording on the signing screen).

QLabel lays its whole text out again on every heightForWidth call, and the layouts around it call that
many times while a window is shown (for each of their own passes, and again for the scroll area it sits
in). The height for a width is the same until the text or the font changes, so it is kept per width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class LongTextLabel(QLabel):
    """Set its format (and any QLabel margin or indent) before its text: a new text, font or contents
    margins clear the kept heights."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:
        # A style sheet or font reaching the label changes the size of its text; margins, the room for it.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)
