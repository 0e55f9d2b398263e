"""Idle lock: no key or mouse input for N minutes locks the vault (DESIGN.md section 4)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputEvent
from PySide6.QtWidgets import QApplication

from burner_desk.domain.session import DEFAULT_IDLE_MINUTES, clamp_idle_minutes

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


class IdleLock(QObject):
    """Application-wide event filter; every bit of input restarts the countdown while armed."""

    idle = Signal()

    def __init__(self, minutes: int = DEFAULT_IDLE_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """The vault's setting, read after sign-in or saved in Settings; a running countdown restarts."""
        self.minutes = clamp_idle_minutes(minutes)
        self.timer.setInterval(self.minutes * 60_000)
        if self.timer.isActive():
            self.timer.start()

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
        # This sees every event of the app (thousands as a window is built): the type test first, as it
        # costs a fraction of asking the event's type.
        if isinstance(event, QInputEvent) and event.type() in _ACTIVITY:
            self.timer.start()
        return False
