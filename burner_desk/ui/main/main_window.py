"""The main window after unlock: who is signed in, the workload at a glance, Lock and Quit."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.followup import DUE_SOON
from burner_desk.services import access, overview
from burner_desk.ui.errors import message_for
from burner_desk.ui.style import set_style_property
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.widgets.messages import Banner, MessageLabel

GEOMETRY_KEY = "main_window/geometry"
DUE_SOON_HOURS = int(DUE_SOON.total_seconds() // 3600)
DEFAULT_SIZE = (1180, 700)  # fits a 1366×768 laptop screen with the taskbar


class StatCard(QFrame):
    """One number and what it counts."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setAccessibleName(caption)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.value.setAccessibleName(f"{caption}: number")
        label = QLabel(caption)
        label.setObjectName("cardLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.value)
        layout.addWidget(label)

    def set_value(self, value: int) -> None:
        self.value.setText(str(value))
        self.setAccessibleDescription(str(value))


class MainWindow(QMainWindow):
    """Holds the session only to ask services; `dismiss()` drops every view and the session with it."""

    lock_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, signed_in: access.SignedIn, tasks: TaskRunner, settings: QSettings) -> None:
        super().__init__()
        self._signed_in: access.SignedIn | None = signed_in
        self._tasks = tasks
        self._settings = settings
        self._dismissed = False
        self.setWindowTitle(f"Burner Desk — {signed_in.agency}")
        self.setAccessibleName("Burner Desk main window")
        self.setMinimumSize(760, 520)
        self._build_menu()
        self.setCentralWidget(self._build_views(signed_in))
        geometry = settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        self.overview: overview.Overview | None = None
        self.refresh()

    def _build_menu(self) -> None:
        menu_bar = self.menuBar()
        menu_bar.setAccessibleName("Main menu")
        session = menu_bar.addMenu("&Session")
        session.setAccessibleName("Session menu")
        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lambda: self.lock_requested.emit("manual"))
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit_requested)
        session.addAction(self.lock_action)
        session.addSeparator()
        session.addAction(self.quit_action)

    def _build_views(self, signed_in: access.SignedIn) -> QWidget:
        agency = QLabel(signed_in.agency)
        agency.setObjectName("title")
        agency.setAccessibleName("Agency")
        agency.setWordWrap(True)
        self.who = QLabel(_who(signed_in.display_name, signed_in.actor.user_name, str(signed_in.actor.role)))
        self.who.setObjectName("subtitle")
        self.who.setAccessibleName("Signed in as")
        lock_button = QPushButton("Lock  (Ctrl+L)")
        lock_button.setAccessibleName("Lock")
        lock_button.setToolTip("Lock the vault now. Unlocking needs your passphrase.")
        lock_button.clicked.connect(self.lock_action.trigger)

        header_text = QVBoxLayout()
        header_text.setSpacing(4)
        header_text.addWidget(agency)
        header_text.addWidget(self.who)
        header = QHBoxLayout()
        header.addLayout(header_text, 1)
        header.addWidget(lock_button, 0, Qt.AlignmentFlag.AlignTop)

        self.cards = {
            "encounters": StatCard("Bedside encounters"),
            "phones_in_stock": StatCard("Burner phones in stock"),
            "open_follow_ups": StatCard("Open follow-ups"),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        self.follow_up_summary = QLabel("Loading…")
        self.follow_up_summary.setObjectName("followUps")
        self.follow_up_summary.setAccessibleName("Follow-ups due")
        self.follow_up_summary.setWordWrap(True)
        self.message = MessageLabel("Main window message")

        views = QWidget()
        layout = QVBoxLayout(views)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addLayout(header)
        if signed_in.keystore_warning:
            self.keystore_banner: Banner | None = Banner(signed_in.keystore_warning, "Keyring warning")
            layout.addWidget(self.keystore_banner)
        else:
            self.keystore_banner = None
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.follow_up_summary)
        layout.addWidget(self.message)
        layout.addStretch()
        return views

    def refresh(self) -> None:
        signed_in = self._signed_in
        if signed_in is None:
            return
        self._tasks.run_db(
            lambda: overview.load(signed_in), on_done=self.show_overview, on_error=self._failed
        )

    def show_overview(self, data: overview.Overview) -> None:
        if self._dismissed:  # locked while the query ran: the views are gone
            return
        self.overview = data
        self.who.setText(_who(data.display_name, data.user_name, str(data.role), data.badge_no))
        self.cards["encounters"].set_value(data.encounters)
        self.cards["phones_in_stock"].set_value(data.phones_in_stock)
        self.cards["open_follow_ups"].set_value(data.open_follow_ups)
        self.follow_up_summary.setText(_follow_up_summary(data))
        set_style_property(self.follow_up_summary, "urgent", "true" if data.overdue_follow_ups else "false")

    def _failed(self, exc: BaseException) -> None:
        if not self._dismissed:
            self.follow_up_summary.clear()
            self.message.show_error(message_for(exc))

    def dismiss(self) -> None:
        """Lock or quit: forget the session, drop every view, then close."""
        self._dismissed = True
        self._signed_in = None
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.overview = None
        views = self.takeCentralWidget()
        if views is not None:
            views.deleteLater()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dismissed:
            event.accept()
        else:  # the window's close button means Quit, which locks first
            event.ignore()
            self.quit_requested.emit()


def _who(display_name: str, user_name: str, role: str, badge_no: str = "") -> str:
    badge = f" · badge {badge_no}" if badge_no else ""
    return f"Signed in as {display_name} ({user_name}) · {role.replace('_', ' ')}{badge}"


def _follow_up_summary(data: overview.Overview) -> str:
    if data.open_follow_ups == 0:
        return "Follow-ups: none open."
    parts = []
    if data.overdue_follow_ups:
        parts.append(f"{data.overdue_follow_ups} overdue")
    if data.due_soon_follow_ups:
        parts.append(f"{data.due_soon_follow_ups} due within {DUE_SOON_HOURS} hours")
    summary = "Follow-ups: " + (", ".join(parts) or "none overdue")
    if data.next_due_at is not None:
        summary += f". Earliest due {_local(data.next_due_at)}"
    return summary + "."


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b, %H:%M")
