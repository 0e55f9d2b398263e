"""Which window is on screen — set-up, unlock or main — and the lock that moves between them.

The shell owns the signed-in session and the UI language: the unlock screen speaks the OS's language
(Spanish or English), the main window the language the signed-in user chose (services/settings.py). Locking (menu, Ctrl+L, idle, 12-hour limit or quit) drops the
main window first, so nothing stays on screen, then closes the vault on the DB executor. After sign-in it
applies the vault's settings and offers an unfinished encounter; a restore from Settings runs here, between
the lock and the next unlock, because it needs the vault closed.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from burner_desk.domain.people import Language
from burner_desk.domain.session import DEFAULT_IDLE_MINUTES, FULL_SIGN_IN_EVERY
from burner_desk.services import access
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import UiLanguage, system_language
from burner_desk.ui.idle_lock import IdleLock
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.unlock.unlock_window import UnlockWindow

if TYPE_CHECKING:
    from burner_desk.services import backup, drafts, settings
    from burner_desk.ui.main.main_window import DraftOffer, MainWindow
    from burner_desk.ui.unlock.setup_dialog import CreateVault, SetupDialog

log = logging.getLogger(__name__)

SESSION_LIMIT_MS = int(FULL_SIGN_IN_EVERY.total_seconds() * 1000)


class Shell(QObject):
    """Emits `finished` once the person has quit and the vault is closed (or queued to close)."""

    finished = Signal()

    def __init__(
        self,
        data_dir: Path,
        tasks: TaskRunner,
        settings: QSettings,
        *,
        idle_minutes: int = DEFAULT_IDLE_MINUTES,
        create_vault: CreateVault | None = None,
        user_name: str = "",
        device_name: str = "",
    ) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._tasks = tasks
        self._settings = settings
        self._create_vault = create_vault or partial(access.first_run_setup, data_dir)
        self._user_name = user_name
        self._device_name = device_name
        self.window: SetupDialog | UnlockWindow | MainWindow | None = None
        self.signed_in: access.SignedIn | None = None
        self.idle_lock = IdleLock(idle_minutes, self)
        self.idle_lock.idle.connect(lambda: self.lock("idle"))
        self.session_limit = QTimer(self)
        self.session_limit.setSingleShot(True)
        self.session_limit.setInterval(SESSION_LIMIT_MS)
        self.session_limit.timeout.connect(lambda: self.lock("expired"))
        self.restoring: QProgressDialog | None = None  # the busy indicator while a restore runs
        self.draft_offer: DraftOffer | None = None
        self.language = UiLanguage()
        self.language.apply(system_language())

    def start(self) -> None:
        if access.needs_setup(self._data_dir):
            self.show_setup()
        else:
            self.show_unlock()

    def show_setup(self, notice: str = "") -> None:
        # Imported here: first run is rare, and every start to the unlock window would pay for it.
        from burner_desk.ui.unlock.setup_dialog import SetupDialog

        dialog = SetupDialog(self._tasks, self._create_vault, device_name=self._device_name)
        if notice:
            dialog.message.show_info(notice)
        dialog.completed.connect(self.show_main)
        dialog.rejected.connect(self.quit)
        self._set_window(dialog)

    def show_unlock(self, notice: str = "", error: str = "") -> None:
        self._tasks.run_db(
            partial(access.sign_in_names, self._data_dir),
            on_done=lambda names: self._open_unlock(names, notice, error),
            on_error=lambda exc: self._open_unlock([], notice, error or message_for(exc)),
        )

    def _open_unlock(self, names: list[str], notice: str, error: str = "") -> None:
        window = UnlockWindow(
            self._tasks,
            partial(access.sign_in, self._data_dir),
            names,
            preselect=self._user_name,
            notice=notice,
            error=error,
        )
        window.unlocked.connect(self.show_main)
        window.quit_requested.connect(self.quit)
        self._set_window(window)
        QTimer.singleShot(0, self, warm_up_widgets)  # in a turn of its own, before anything is typed

    def show_main(self, signed_in: access.SignedIn) -> None:
        # Imported on first unlock, not at start-up: the main window pulls in every view (wizard,
        # printing, reportlab ...) and services the vault stack, which the unlock window does not need.
        # The other service imports below are deferred for the same reason.
        from burner_desk.services import settings

        self.signed_in = signed_in
        self._user_name = signed_in.actor.user_name
        self._tasks.when_idle(partial(access.settle, signed_in))
        self._tasks.run_db(
            lambda: settings.ui_language(signed_in.uow, signed_in.actor),
            on_done=lambda language: self._open_main(signed_in, language),
            # The screens stay in the unlock screen's language rather than not open at all.
            on_error=lambda _exc: self._open_main(signed_in, self.language.language),
        )

    def _open_main(self, signed_in: access.SignedIn, language: Language) -> None:
        from burner_desk.services import drafts
        from burner_desk.ui.main.main_window import MainWindow

        if signed_in is not self.signed_in:  # locked while the language was read
            return
        self.language.apply(language)  # before the window: every string is translated as it is built
        window = MainWindow(signed_in, self._tasks, self._settings)
        window.lock_requested.connect(self.lock)
        window.quit_requested.connect(self.quit)
        window.changes.changed.connect(self._on_changed)
        window.restore_requested.connect(self.restore)
        window.device_wiped.connect(self.revoked)
        self._set_window(window)
        self.idle_lock.arm()
        self.session_limit.start()
        self.apply_settings()
        self._tasks.run_db(
            lambda: drafts.latest(signed_in.uow, signed_in.actor, drafts.ENCOUNTER),
            on_done=partial(self._offer_draft, window),
        )

    def apply_settings(self) -> None:
        """The idle-lock minutes come from the vault (a supervisor sets them in Settings)."""
        from burner_desk.services import settings

        signed_in = self.signed_in
        if signed_in is None:
            return
        self._tasks.run_db(
            lambda: settings.load(signed_in.uow),
            on_done=lambda loaded: self._set_idle_minutes(signed_in, loaded),
            # The session stays locked by the default (or --idle-minutes) rather than not at all.
            on_error=lambda exc: log.warning("vault settings: %s", message_for(exc)),
        )

    def _set_idle_minutes(self, signed_in: access.SignedIn, loaded: settings.VaultSettings) -> None:
        if signed_in is self.signed_in:  # not a session locked while the query ran
            self.idle_lock.set_minutes(loaded.idle_lock_minutes)

    def _on_changed(self, entities: frozenset[str]) -> None:
        from burner_desk.ui.settings.view import ENTITY  # loaded with the main window already

        if ENTITY in entities:
            self.apply_settings()

    def _offer_draft(self, window: MainWindow, draft: drafts.DraftView | None) -> None:
        if draft is None or window is not self.window or window.context is None:
            return
        self.draft_offer = window.offer_draft(draft)

    def restore(self, backup_file: Path, passphrase: str) -> None:
        """Lock (audited as session.lock.restore), put the backup in place, then the unlock window says
        what happened. On any failure the vault is untouched (services/backup.restore checks first)."""
        signed_in = self.signed_in
        if signed_in is None:
            return
        user_name = signed_in.actor.user_name
        self._end_session(
            "restore",
            then=lambda: self._run_restore(backup_file, user_name, passphrase),
            failed=lambda exc: self.show_unlock(error=_not_restored(exc)),
        )

    def _run_restore(self, backup_file: Path, user_name: str, passphrase: str) -> None:
        from PySide6.QtCore import Qt  # here, not at start-up: its namespace costs ~18 ms (ui/tasks.py)

        from burner_desk.services import backup

        busy = QProgressDialog(
            self.tr("Restoring the vault from {name}…").format(name=backup_file.name), "", 0, 0
        )
        busy.setCancelButton(None)  # a half-done swap is never left behind, but it cannot be stopped
        busy.setWindowTitle(self.tr("Burner Desk — restoring"))
        busy.setAccessibleName(self.tr("Restoring the vault"))
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.setMinimumDuration(0)
        busy.show()
        self.restoring = busy
        self._tasks.run_db(
            lambda: backup.restore(self._data_dir, backup_file, user_name, passphrase),
            on_done=lambda restored: self._restore_done(_restored_notice(backup_file, restored)),
            on_error=lambda exc: self._restore_done(error=_not_restored(exc)),
        )

    def _restore_done(self, notice: str = "", error: str = "") -> None:
        busy, self.restoring = self.restoring, None
        if busy is not None:
            busy.close()
            busy.deleteLater()
        self.show_unlock(notice, error)

    def revoked(self, notice: str) -> None:
        """Central revoked this laptop and the sync erased its vault. The session is dropped like a lock,
        which leaves the erased vault alone (access.lock returns at once for a closed one), and set-up
        says why this laptop starts from scratch."""
        self._end_session(
            "revoked", then=lambda: self.show_setup(notice), failed=lambda _exc: self.show_setup(notice)
        )

    def lock(self, reason: str) -> None:
        """`reason` goes into the audit action (session.lock.<reason>) and picks the notice shown."""
        notice = self._lock_notice(reason)
        self._end_session(
            reason,
            then=lambda: self.show_unlock(notice),
            failed=lambda exc: self.show_unlock(
                self.tr("{notice} The lock was not recorded: {message_for}").format(
                    notice=notice, message_for=message_for(exc)
                )
            ),
        )

    def _lock_notice(self, reason: str) -> str:
        if reason == "idle":
            return self.tr(
                "Locked after %n minute(s) without activity. Type your passphrase to continue.",
                "",
                self.idle_lock.minutes,
            )
        if reason == "expired":
            return self.tr("Signed out after 12 hours. Sign in again with your passphrase.")
        return self.tr("Locked. Type your passphrase to continue.")

    def quit(self) -> None:
        self.shutdown()
        self.finished.emit()

    def shutdown(self) -> None:
        """Lock whatever is open and close every window; the executor's shutdown waits for the lock."""
        self._end_session(
            "quit", then=lambda: None, failed=lambda exc: log.warning("lock on quit: %s", message_for(exc))
        )
        self._drop_window()

    def _end_session(
        self, reason: str, *, then: Callable[[], None], failed: Callable[[BaseException], None]
    ) -> None:
        signed_in, self.signed_in = self.signed_in, None
        if signed_in is None:  # already locking (Ctrl+L and idle can race), or never signed in
            return
        self._tasks.when_idle(None)  # closing the vault checkpoints it
        self.idle_lock.disarm()
        self.session_limit.stop()
        self.draft_offer = None  # goes with the main window
        self._drop_window()
        self.language.apply(system_language())  # the unlock screen after it
        self._tasks.run_db(
            lambda: access.lock(signed_in, reason), on_done=lambda _none: then(), on_error=failed
        )

    def _set_window(self, window: SetupDialog | UnlockWindow | MainWindow) -> None:
        self._drop_window()
        self.window = window
        window.show()
        window.raise_()
        window.activateWindow()  # keyboard first: Enter, Ctrl+L work without a click

    def _drop_window(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.dismiss()


def load_main_window_ahead(tasks: TaskRunner) -> None:
    """Queued once the unlock window is up: the main window's code on the DB executor, then the bindings'
    look-up of `_warm_up_event_filter` on the UI thread, in a turn of its own."""
    tasks.run_db(load_main_window_code, on_done=lambda _none: _warm_up_event_filter())


def load_main_window_code() -> None:
    """For the DB executor while the passphrase is typed (the app queues it): the main window's code, every
    view, the wizard and printing, imported on the UI thread after the unlock held the event loop for about
    0.8 s of CPU on the first unlock (issue 17). Imports only: no widget is made here.

    Then what is loaded so far, which lives as long as the app, is left out of Python's full garbage
    collections (gc.freeze): one of them, set off by the allocations of building the main window, scanned it
    all on the UI thread for about 100 ms."""
    importlib.import_module("burner_desk.ui.main.main_window")
    gc.freeze()


def warm_up_widgets() -> None:
    """For the UI thread while the unlock window waits: Qt's bindings work out, once per process, the Python
    type of the first widget Qt made itself (a scroll area's viewport) and of the first events a scroll area
    filters, ~10-15 ms of CPU that the unlock's turn building the main window (every view sits in a
    FocusScrollArea) would otherwise pay (issue 17).
    """
    _throwaway_scroll_area()


def _warm_up_event_filter() -> None:
    """The idle lock watches every event of the app from Python once no key has come for a second
    (ui/idle_lock.py). The first event such a filter is handed for Qt's gesture manager (a scroll area sends
    one as it is made) has the bindings look for that private class's Python type, making every Qt class
    and enum not made yet: 31-41 ms of CPU for the first scroll area made while the detective pauses (a view
    or a wizard page built in a later turn), 2 ms once paid (issue 17). A filter that lets everything
    through, for the making of one scroll area, pays it here; the type found is kept for the life of the
    process. After the main window's code is loaded: that import makes many of those classes, and the
    look-up costs ~33 ms after it against ~55 ms before.
    """
    app = QCoreApplication.instance()
    if app is None:
        return
    bystander = _LetsEverythingThrough()
    app.installEventFilter(bystander)
    try:
        _throwaway_scroll_area()
    finally:
        app.removeEventFilter(bystander)


def _throwaway_scroll_area() -> None:
    # Imported here: Qt's widgets namespace comes with the scroll area, which the unlock window does not need.
    from PySide6.QtWidgets import QWidget

    from burner_desk.ui.widgets.scroll import FocusScrollArea

    FocusScrollArea(QWidget(), "").deleteLater()


class _LetsEverythingThrough(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False


def _not_restored(exc: BaseException) -> str:
    # The restore checks the whole backup before it moves a file, so a failure leaves the vault as it was.
    return QCoreApplication.translate("ui.shell", "Nothing was restored: {message_for}").format(
        message_for=message_for(exc)
    )


def _restored_notice(backup_file: Path, restored: backup.Restored) -> str:
    # Imported here, not at start-up: moments brings domain.metrics along (~20 ms before the unlock window).
    from burner_desk.ui.widgets.moments import time_or_day

    made = time_or_day(datetime.fromisoformat(restored.backup_made_at))
    kept = (
        QCoreApplication.translate("ui.shell", " The previous vault files are kept in {replaced}.").format(
            replaced=restored.replaced
        )
        if restored.replaced
        else ""
    )
    return QCoreApplication.translate(
        "ui.shell",
        "Restored from {backup_file} (made at {made}).{kept} Sign in with your passphrase from that backup.",
    ).format(backup_file=backup_file, made=made, kept=kept)
