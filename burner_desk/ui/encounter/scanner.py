"""A USB barcode scanner reading a driver's licence: it is a keyboard ("wedge") that types the card's
AAMVA text very fast, wherever the focus is. This filter watches the wizard's keys: "@" followed at once
by Enter (the scanner's LF) or RS starts a scan; every key after it is held back from the fields, not
typed into them, until the text is complete or the keys pause. Then the survivor page is filled in
(domain/aamva.py reads only names, date of birth and address). A person typing "@" is not held up: a
lone "@" is typed after a short pause.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from burner_desk.domain.aamva import LicenceHolder, NotALicence, parse_licence

QUIET_MS = 150  # a scanner types a character every few ms; a pause this long is the end of the scan
LONE_AT_MS = 60  # "@" alone for this long was typed by a person
NEWLINES = {Qt.Key.Key_Return: "\n", Qt.Key.Key_Enter: "\n"}


class LicenceScanner(QObject):
    """Watches the keys of `area` (the wizard) while it is on screen; calls `on_licence` with what the card
    says, or `on_unreadable` with the reason.

    A key goes to the focused widget, so that one is watched (and the area, for keys with no control
    focused), not the whole application: a filter on the application is handed every event of the app
    (paints, layouts, each child added), and each one crossing into Python cost the wizard's page-building
    turns about a third of their CPU (issue 17)."""

    def __init__(
        self,
        area: QWidget,
        on_licence: Callable[[LicenceHolder], None],
        on_unreadable: Callable[[str], None],
    ) -> None:
        super().__init__(area)
        self._area = area
        self._on_licence = on_licence
        self._on_unreadable = on_unreadable
        self._watched: QWidget | None = None  # the focused control inside the area
        self._buffer = ""
        self._capturing = False
        self._pending_at: tuple[QWidget, QKeyEvent] | None = None  # an "@" that may start a scan
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._finish)
        self._lone_at = QTimer(self)
        self._lone_at.setSingleShot(True)
        self._lone_at.setInterval(LONE_AT_MS)
        self._lone_at.timeout.connect(self._type_the_at)

    def start(self) -> None:
        self._area.installEventFilter(self)
        _application().focusChanged.connect(self._follow_focus)
        self._follow_focus(None, QApplication.focusWidget())

    def stop(self) -> None:
        _application().focusChanged.disconnect(self._follow_focus)
        self._area.removeEventFilter(self)
        self._follow_focus(None, None)

    def _follow_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):  # a control removed goes first
            self._watched.removeEventFilter(self)
        self._watched = now if now is not None and now is not self._area and self._inside(now) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    @property
    def capturing(self) -> bool:
        return self._capturing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):  # first, as it is cheap
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or not self._inside(watched):
            return False
        if kind is not QEvent.Type.KeyPress:
            return self._capturing or self._pending_at is not None  # their releases go with them
        character = NEWLINES.get(Qt.Key(event.key()), event.text())
        if self._capturing:
            self._buffer += character
            self._quiet.start()
            return True
        if self._pending_at is not None:
            if character in ("\n", "\r", "\x1e"):
                self._lone_at.stop()
                self._pending_at = None
                self._capturing, self._buffer = True, "@" + character
                self._quiet.start()
                return True
            self._type_the_at()
            return False
        if character == "@":
            self._pending_at = (
                watched,
                QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()),
            )
            self._lone_at.start()
            return True
        return False

    def _inside(self, widget: QWidget) -> bool:
        return widget is self._area or self._area.isAncestorOf(widget)

    def _type_the_at(self) -> None:
        """Not a scan after all: the "@" goes where it was typed."""
        self._lone_at.stop()
        pending, self._pending_at = self._pending_at, None
        if pending is not None:
            target, event = pending
            self.stop()  # so the replayed key is not held again
            QApplication.sendEvent(target, event)
            self.start()

    def _finish(self) -> None:
        text, self._buffer, self._capturing = self._buffer, "", False
        try:
            holder = parse_licence(text)
        except NotALicence as exc:
            self._on_unreadable(str(exc))
            return
        self._on_licence(holder)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a wizard on screen needs the application"
    return app
