"""The main window after unlock: who is signed in, a side bar of views, Lock and Quit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.people import Role
from burner_desk.domain.permissions import Op
from burner_desk.services import access, drafts, odmap, overview
from burner_desk.services.bedside import EncounterView
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ChangeBus, ViewContext, utc_now
from burner_desk.ui.drug_intel.view import CirculatingView
from burner_desk.ui.encounter.wizard import EncounterWizard
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import shown
from burner_desk.ui.main.views import ViewEntry, registered_views, start_view
from burner_desk.ui.odmap.export_dialog import OdmapExportDialog
from burner_desk.ui.settings.my_account import MyAccountBox
from burner_desk.ui.settings.view import SettingsView
from burner_desk.ui.sync.view import SyncView
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.today.today_view import TodayView
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import Banner, MessageLabel
from burner_desk.ui.widgets.moments import time_or_day
from burner_desk.ui.widgets.screen_fit import fit_to_screen
from burner_desk.ui.widgets.scroll import FocusScrollArea

GEOMETRY_KEY = "main_window/geometry"
SPLITTER_KEY = "main_window/splitter"
KEYRING_WARNING_SEEN_KEY = "main_window/keyring_warning_seen"  # per vault id
DEFAULT_SIZE = (1280, 700)  # fits a 1366×768 laptop screen with the taskbar (fit_to_screen when scaled)
VIEW_CHROME = 60  # the window's margins, the splitter handle and a view's scroll bar, in px
MINIMUM_SIZE = (600, 400)  # below a 1366×768 screen at 150 %; the views scroll inside
SIDE_BAR_WIDTH = 170


class MainWindow(QMainWindow):
    """Holds the session only to ask services; `dismiss()` drops every view and the session with it."""

    lock_requested = Signal(str)
    quit_requested = Signal()
    restore_requested = Signal(object, str)  # SettingsView's: backup file (Path), passphrase
    device_wiped = Signal(str)  # SyncView's: central revoked this laptop

    def __init__(
        self,
        signed_in: access.SignedIn,
        tasks: TaskRunner,
        settings: QSettings,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__()
        self._signed_in: access.SignedIn | None = signed_in
        self._tasks = tasks
        self._settings = settings
        self._dismissed = False
        self.changes = ChangeBus(self)
        context = ViewContext(signed_in, tasks, self.changes, settings, now)
        self._may_record_encounters = context.may("encounter", Op.INSERT)  # a social worker may not
        self.context: ViewContext | None = context  # dropped with the views on lock
        self.entries: list[ViewEntry] = [e for e in registered_views() if e.shown_to(signed_in.actor.role)]
        self.odmap_dialog: OdmapExportDialog | None = None
        self.views: dict[str, QWidget] = {}  # those built so far (`view` builds one when first shown)
        self.wizard: EncounterWizard | None = None
        self.setWindowTitle(self.tr("Burner Desk — {agency}").format(agency=signed_in.agency))
        self.setAccessibleName(self.tr("Burner Desk main window"))
        self.setMinimumSize(MINIMUM_SIZE[0], MINIMUM_SIZE[1])
        self._build_menu()
        self.setCentralWidget(self._build_views(signed_in, context))
        # The start view is built a turn of the event loop later, into the finished window as any view first
        # shown is, so the style sheet polishes its widgets once; a view that works in the background (Sync)
        # a turn after it. Built with the window's frame, the start view held the UI thread for ~60 ms of
        # CPU at unlock, with Sync for the whole unlock (issue 17).
        QTimer.singleShot(0, self, self._build_start_view)
        geometry = settings.value(GEOMETRY_KEY)
        self._fit_to_start_view = not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry))
        if self._fit_to_start_view:
            fit_to_screen(self, DEFAULT_SIZE[0], DEFAULT_SIZE[1])
        self.overview: overview.Overview | None = None
        self.refresh()

    def _build_menu(self) -> None:
        menu_bar = self.menuBar()
        menu_bar.setAccessibleName(self.tr("Main menu"))
        session = menu_bar.addMenu(self.tr("&Session"))
        session.setAccessibleName(self.tr("Session menu"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lambda: self.lock_requested.emit("manual"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit_requested)
        self.passphrase_action = QAction(self.tr("Change my &passphrase…"), self)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        session.addAction(self.lock_action)
        session.addAction(self.passphrase_action)
        self.language_action = QAction(self.tr("&Language of my screens…"), self)
        self.language_action.triggered.connect(self.choose_language)
        session.addAction(self.language_action)
        session.addSeparator()
        session.addAction(self.quit_action)
        encounter_menu = menu_bar.addMenu(self.tr("&Encounter"))
        encounter_menu.setAccessibleName(self.tr("Encounter menu"))
        self.new_encounter_action = QAction(self.tr("&New encounter…"), self)
        self.new_encounter_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_encounter_action.triggered.connect(self.new_encounter)
        self.new_encounter_action.setEnabled(self._may_record_encounters)
        encounter_menu.addAction(self.new_encounter_action)
        self.addAction(self.new_encounter_action)
        if self._signed_in is not None and odmap.may_export(self._signed_in.actor):
            reports = menu_bar.addMenu(self.tr("&Reports"))
            reports.setAccessibleName(self.tr("Reports menu"))
            self.odmap_action = QAction(self.tr("&ODMAP export…"), self)
            self.odmap_action.triggered.connect(self.odmap_export)
            reports.addAction(self.odmap_action)
        view_menu = menu_bar.addMenu(self.tr("&View"))
        view_menu.setAccessibleName(self.tr("View menu"))
        self.view_actions: dict[str, QAction] = {}
        for position, entry in enumerate(self.entries):
            action = QAction(entry.title, self)
            action.setShortcut(QKeySequence(entry.shortcut))
            action.triggered.connect(lambda _checked=False, row=position: self.side_bar.setCurrentRow(row))
            view_menu.addAction(action)
            self.addAction(action)  # a closed menu's shortcuts fire only if the window holds the action too
            self.view_actions[entry.key] = action

    def _build_views(self, signed_in: access.SignedIn, context: ViewContext) -> QWidget:
        agency = QLabel(signed_in.agency)
        agency.setObjectName("title")
        agency.setAccessibleName(self.tr("Agency"))
        self.who = QLabel(_who(signed_in.display_name, signed_in.actor.user_name, str(signed_in.actor.role)))
        self.who.setObjectName("subtitle")
        self.who.setAccessibleName(self.tr("Signed in as"))
        lock_button = QPushButton(self.tr("Lock  (Ctrl+L)"))
        lock_button.setAccessibleName(self.tr("Lock"))
        lock_button.setToolTip(self.tr("Lock the vault now. Unlocking needs your passphrase."))
        lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+L from anywhere; keep Tab for the work
        lock_button.clicked.connect(self.lock_action.trigger)

        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(agency)
        header_text.addWidget(self.who)
        header = QHBoxLayout()
        header.addLayout(header_text, 1)
        header.addWidget(lock_button, 0, Qt.AlignmentFlag.AlignTop)
        self.message = MessageLabel(self.tr("Main window message"))

        self.side_bar = QListWidget()
        self.side_bar.setObjectName("sideBar")
        self.side_bar.setAccessibleName(self.tr("Views"))
        self.side_bar.setMinimumWidth(120)
        self.side_bar.setStyleSheet("QListWidget#sideBar::item { padding: 8px 10px; }")  # easy to hit
        # Narrowed by hand, a title is cut short with "…" rather than the bar scrolling sideways.
        self.side_bar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Current view"))
        for entry in self.entries:
            page = QWidget()  # holds the view once it is built (`view`)
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(page)
            self.side_bar.addItem(entry.title)
            item = self.side_bar.item(self.side_bar.count() - 1)
            item.setToolTip(f"{entry.title} ({entry.shortcut})")  # the View menu lists the shortcuts too
        self.side_bar.setCurrentRow(start_view(self.entries, signed_in.actor.role))  # shown in __init__
        self.side_bar.currentRowChanged.connect(self._show_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side_bar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        state = self._settings.value(SPLITTER_KEY)
        if not (isinstance(state, QByteArray) and self.splitter.restoreState(state)):
            # Wide enough for the longest title in the user's language ("Drogas que circulan").
            fitting = self.side_bar.sizeHintForColumn(0) + 2 * self.side_bar.frameWidth()
            width = max(SIDE_BAR_WIDTH, fitting)
            self.splitter.setSizes([width, DEFAULT_SIZE[0] - width])

        views = QWidget()
        layout = QVBoxLayout(views)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        self.keystore_banner: KeyringWarning | None = None
        seen_key = f"{KEYRING_WARNING_SEEN_KEY}/{signed_in.vault.vault_id}"
        # For the supervisor, who can have IT act on it, until they have read it; not for every user on
        # every screen. Settings keeps saying it.
        if (
            signed_in.keystore_warning
            and signed_in.actor.role is Role.SUPERVISOR
            and not self._settings.value(seen_key, False, type=bool)
        ):
            self.keystore_banner = KeyringWarning(
                shown(signed_in.keystore_warning), lambda: self._settings.setValue(seen_key, True)
            )
            layout.addWidget(self.keystore_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        return views

    def _build_start_view(self) -> None:
        if self.context is None:  # dismissed meanwhile
            return
        start = self.side_bar.currentRow()
        self._show_row(start)
        if self._fit_to_start_view:
            # Wide enough for the start view where the screen allows; the others, built later, scroll inside
            # if they need more.
            widest = self.view(self.entries[start].key).minimumSizeHint().width()
            fit_to_screen(self, max(DEFAULT_SIZE[0], widest + SIDE_BAR_WIDTH + VIEW_CHROME), DEFAULT_SIZE[1])
        QTimer.singleShot(0, self, self._build_background_views)

    def _build_background_views(self) -> None:
        if self.context is not None:  # not dismissed meanwhile
            for entry in self.entries:
                if entry.works_in_background:
                    self.view(entry.key)

    def view(self, key: str) -> QWidget:
        """The view, built the first time it is asked for: unlock builds the start view only (and any that
        works in the background), not every view with its queries and tables (issue 17)."""
        built = self.views.get(key)
        if built is not None:
            return built
        context = self.context
        if context is None:
            raise RuntimeError("the main window was dismissed: its views are gone")
        row = [entry.key for entry in self.entries].index(key)
        entry = self.entries[row]
        view = entry.factory(context)
        self.views[key] = view
        page = self.stack.widget(row)
        layout = page.layout()
        assert layout is not None
        # Each view scrolls rather than holds the window wider or taller than a scaled laptop screen. The
        # scroll area is made in its page: the view's widgets move into the window (and the style sheet
        # re-polishes them) once, not again with the scroll area.
        layout.addWidget(FocusScrollArea(view, entry.title, page, both_ways=True))
        self._connect(view)
        return view

    def _connect(self, view: QWidget) -> None:
        """What a view asks of the window or the shell."""
        if isinstance(view, TodayView):
            view.open_case.connect(self.open_case)
            view.new_encounter.connect(self.new_encounter)
        elif isinstance(view, CirculatingView):
            view.open_case.connect(self.open_case)
        elif isinstance(view, SettingsView):
            view.restore_requested.connect(self.restore_requested)
        elif isinstance(view, SyncView):
            view.device_wiped.connect(self.device_wiped)

    def current_view_key(self) -> str:
        row = self.side_bar.currentRow()
        return self.entries[row].key if 0 <= row < len(self.entries) else ""

    def my_account(self) -> MyAccountBox | None:
        """Settings' box of one's own language and passphrase, shown: the Session menu's entries lead there."""
        if "settings" not in self.view_actions:
            return None
        self.view_actions["settings"].trigger()  # shows it, building it the first time
        settings_view = self.view("settings")
        return settings_view.my_account if isinstance(settings_view, SettingsView) else None

    def change_passphrase(self) -> None:
        if (box := self.my_account()) is not None:
            box.change_passphrase()

    def odmap_export(self) -> None:
        if self.context is not None:
            self.odmap_dialog = OdmapExportDialog(self.context, self)
            self.odmap_dialog.open()

    def choose_language(self) -> None:
        if (box := self.my_account()) is not None:
            box.language.setFocus()

    def new_encounter(self) -> None:
        if self.context is None or not self._may_record_encounters:
            return
        if self.wizard is not None and not self.wizard.isVisible():
            # The one closed before goes: its pages hold the last survivor's details, and each wizard
            # kept alive made every later one slower to open.
            self.wizard.deleteLater()
        self.wizard = EncounterWizard(self.context, self)
        self.wizard.saved.connect(self._encounter_saved)
        self.wizard.open()

    def offer_draft(self, draft: drafts.DraftView) -> DraftOffer:
        """The banner above the views, under the header and any warning."""
        offer = DraftOffer(draft, self)
        layout = self.centralWidget().layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.splitter), offer)
        offer.show()  # the window is already on screen: a child added now starts hidden
        offer.resume_button.setFocus()
        return offer

    def _encounter_saved(self, encounter: EncounterView) -> None:
        """Straight to the new case: its timeline and its print action are what comes next."""
        self.open_case(encounter.encounter_id)

    def open_case(self, encounter_id: UUID) -> None:
        keys = [entry.key for entry in self.entries]
        if "cases" in keys and self.context is not None:
            self.side_bar.setCurrentRow(keys.index("cases"))
            cases = self.view("cases")
            if isinstance(cases, CasesView):
                cases.case.open_case(encounter_id)

    def _show_row(self, row: int) -> None:
        if 0 <= row < self.stack.count() and self.context is not None:
            built = self.entries[row].key in self.views
            view = self.view(self.entries[row].key)
            if not built:
                # Built and laid out in this turn of the event loop, painted in the next: in one turn, a first
                # opening of Settings held the UI thread for 35-50 ms (issue 17).
                self.stack.setUpdatesEnabled(False)
                QTimer.singleShot(1, self, lambda: self.stack.setUpdatesEnabled(True))
            self.stack.setCurrentIndex(row)
            view.setFocus()

    def current_view(self) -> QWidget:
        return self.view(self.current_view_key())

    def refresh(self) -> None:
        signed_in = self._signed_in
        if signed_in is None:
            return
        self._tasks.run_db(
            lambda: overview.load(signed_in),
            on_done=while_alive(self, self.show_overview),
            on_error=while_alive(self, self._failed),
        )

    def show_overview(self, data: overview.Overview) -> None:
        if self._dismissed:  # locked while the query ran: the views are gone
            return
        self.overview = data
        self.who.setText(_who(data.display_name, data.user_name, str(data.role), data.badge_no))

    def _failed(self, exc: BaseException) -> None:
        if not self._dismissed:
            self.message.show_error(message_for(exc))

    def dismiss(self) -> None:
        """Lock or quit: forget the session, drop every view, then close."""
        self._dismissed = True
        self._signed_in = None
        self._tasks.changed.disconnect(self.changes.changed)  # a task still queued announces to nobody
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        self.overview = None
        self.context = None
        self.views.clear()
        # Deleted where they are: taken out of the window first, every widget of every view built would be
        # re-polished by the style sheet on its way out (about 50 ms of the lock).
        views = self.centralWidget()
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


class KeyringWarning(QWidget):
    """The no-keyring warning, with the button that says it has been read."""

    def __init__(self, text: str, read: Callable[[], None]) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Keyring warning"))
        self.label = Banner(text, self.tr("Keyring warning"))
        self.read_button = QPushButton(self.tr("Got it"))
        self.read_button.setAccessibleName(self.tr("Hide the keyring warning"))
        self.read_button.clicked.connect(read)
        self.read_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.read_button)


class DraftOffer(QWidget):
    """A calm, non-modal banner in the main window: resume or discard the encounter left unfinished."""

    def __init__(self, draft: drafts.DraftView, window: MainWindow) -> None:
        super().__init__()
        self.draft = draft
        self._window = window
        self.setAccessibleName(self.tr("Unfinished encounter"))
        self.label = QLabel(
            self.tr("You have an unfinished encounter from {time_or_day}.").format(
                time_or_day=time_or_day(draft.created_at)
            )
        )
        self.label.setObjectName("banner")
        self.label.setAccessibleName(self.tr("Unfinished encounter"))
        self.label.setWordWrap(True)
        self.label.setContentsMargins(12, 10, 12, 10)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setAccessibleName(self.tr("Resume the unfinished encounter"))
        self.resume_button.clicked.connect(self.resume)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setAccessibleName(self.tr("Discard the unfinished encounter"))
        self.discard_button.clicked.connect(self.discard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.discard_button)

    def resume(self) -> None:
        self.hide()
        self._window.new_encounter()
        wizard = self._window.wizard
        if wizard is not None:  # the wizard's own offer of this draft is then skipped: same draft id
            wizard.offered = self.draft
            wizard.resume_offered()

    def discard(self) -> None:
        self.hide()
        context = self._window.context
        if context is not None:
            uow, actor, draft_id = context.signed_in.uow, context.signed_in.actor, self.draft.draft_id
            context.tasks.run_db(
                lambda: drafts.discard(uow, actor, draft_id),
                on_error=while_alive(
                    self._window, lambda exc: self._window.message.show_error(message_for(exc))
                ),
            )


def _who(display_name: str, user_name: str, role: str, badge_no: str = "") -> str:
    badge = (
        QCoreApplication.translate("ui.main.main_window", " · badge {badge_no}").format(badge_no=badge_no)
        if badge_no
        else ""
    )
    return QCoreApplication.translate(
        "ui.main.main_window", "Signed in as {display_name} ({user_name}) · {replace}{badge}"
    ).format(display_name=display_name, user_name=user_name, replace=role.replace("_", " "), badge=badge)
