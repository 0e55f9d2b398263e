"""Windows sized for a 1366×768 laptop that still fit when the OS scales the screen to 125 % or 150 %
(then Qt lays out on 1093×614 or 911×512 logical pixels): the preferred size, or the screen's available
area where that is smaller. What no longer fits scrolls (FocusScrollArea); fonts never shrink."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (title bar, borders), in logical pixels.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    available = window.screen().availableGeometry()
    window.resize(min(width, available.width() - FRAME_WIDTH), min(height, available.height() - FRAME_HEIGHT))
