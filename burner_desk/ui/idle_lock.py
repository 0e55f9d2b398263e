"""Idle lock: no key or mouse input for N minutes locks the vault (DESIGN.md section 4).

Input anywhere in the app counts, so the lock watches every event of the application. An application-wide
event filter is a call into Python for every event of every object (a view being built sends thousands:
children added, polish, layout, paint), which held the UI thread for about as long as building the view
itself (issue 17). So the filter steps aside once it has seen input, and comes back after INPUT_CHECK_MS:
it notices the first input of each such step, which is all the countdown needs. The lock may come up to
INPUT_CHECK_MS before N minutes after the very last key, never later.
"""

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
INPUT_CHECK_MS = 1000  # how long the filter steps aside after it saw input: next to minutes, nothing


class IdleLock(QObject):
    """Application-wide event filter, while armed and not stepped aside; input restarts the countdown."""

    idle = Signal()

    def __init__(self, minutes: int = DEFAULT_IDLE_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self.watching = False  # the filter is on the application
        self._back = QTimer(self)  # brings the filter back after it stepped aside
        self._back.setSingleShot(True)
        self._back.setInterval(INPUT_CHECK_MS)
        self._back.timeout.connect(self._watch)

    def set_minutes(self, minutes: int) -> None:
        """The vault's setting, read after sign-in or saved in Settings; a running countdown restarts."""
        self.minutes = clamp_idle_minutes(minutes)
        self.timer.setInterval(self.minutes * 60_000)
        if self.timer.isActive():
            self.timer.start()

    def set_input_check_ms(self, ms: int) -> None:
        """Tests that count in milliseconds step aside for less than INPUT_CHECK_MS."""
        self._back.setInterval(ms)

    def arm(self) -> None:
        """At sign-in, which was input itself: the countdown starts and the filter comes in a step."""
        self._input_seen()

    def disarm(self) -> None:
        self._back.stop()
        self._unwatch()
        self.timer.stop()

    def _input_seen(self) -> None:
        self.timer.start()
        self._unwatch()
        self._back.start()

    def _watch(self) -> None:
        app = QApplication.instance()
        if app is not None and not self.watching:
            app.installEventFilter(self)
            self.watching = True

    def _unwatch(self) -> None:
        app = QApplication.instance()
        if app is not None and self.watching:
            app.removeEventFilter(self)
        self.watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While watching, this sees every event of the app: the type test first, as it costs a fraction of
        # asking the event's type.
        if isinstance(event, QInputEvent) and event.type() in _ACTIVITY:
            self._input_seen()
        return False
