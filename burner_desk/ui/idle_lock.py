"""Idle lock: no key or mouse input for N minutes locks the vault (DESIGN.md section 4)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 30  # policy ceiling: a forgotten laptop at a bedside must not stay open longer

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def clamp_idle_minutes(minutes: int) -> int:
    return max(1, min(MAX_IDLE_MINUTES, minutes))


class IdleLock(QObject):
    """Application-wide event filter; every bit of input restarts the countdown while armed."""

    idle = Signal()

    def __init__(self, minutes: int = DEFAULT_IDLE_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = clamp_idle_minutes(minutes)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.minutes * 60_000)
        self.timer.timeout.connect(self.idle)

    def arm(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def disarm(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False
