"""Which window is on screen — set-up, unlock or main — and the lock that moves between them.

The shell owns the signed-in session. Locking (menu, Ctrl+L, idle, 12-hour limit or quit) drops the
main window first, so nothing stays on screen, then closes the vault on the DB executor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from burner_desk.services import access
from burner_desk.ui.errors import message_for
from burner_desk.ui.idle_lock import DEFAULT_IDLE_MINUTES, IdleLock
from burner_desk.ui.tasks import TaskRunner
from burner_desk.ui.unlock.setup_dialog import CreateVault, SetupDialog
from burner_desk.ui.unlock.unlock_window import UnlockWindow

if TYPE_CHECKING:
    from burner_desk.ui.main.main_window import MainWindow

log = logging.getLogger(__name__)

SESSION_LIMIT_MS = 12 * 60 * 60 * 1000  # DESIGN.md section 4: full sign-in again after 12 hours


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

    def start(self) -> None:
        if access.needs_setup(self._data_dir):
            self.show_setup()
        else:
            self.show_unlock()

    def show_setup(self) -> None:
        dialog = SetupDialog(self._tasks, self._create_vault, device_name=self._device_name)
        dialog.completed.connect(self.show_main)
        dialog.rejected.connect(self.quit)
        self._set_window(dialog)

    def show_unlock(self, notice: str = "") -> None:
        self._tasks.run_db(
            partial(access.sign_in_names, self._data_dir),
            on_done=lambda names: self._open_unlock(names, notice),
            on_error=lambda exc: self._open_unlock([], notice, message_for(exc)),
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

    def show_main(self, signed_in: access.SignedIn) -> None:
        # Imported on first unlock, not at start-up: the main window pulls in every view (wizard,
        # printing, reportlab ...), which the unlock window does not need, so it shows sooner.
        from burner_desk.ui.main.main_window import MainWindow

        self.signed_in = signed_in
        self._user_name = signed_in.actor.user_name
        window = MainWindow(signed_in, self._tasks, self._settings)
        window.lock_requested.connect(self.lock)
        window.quit_requested.connect(self.quit)
        self._set_window(window)
        self.idle_lock.arm()
        self.session_limit.start()

    def lock(self, reason: str) -> None:
        """`reason` goes into the audit action (session.lock.<reason>) and picks the notice shown."""
        notice = _lock_notice(reason, self.idle_lock.minutes)
        self._end_session(
            reason,
            then=lambda: self.show_unlock(notice),
            failed=lambda exc: self.show_unlock(f"{notice} The lock was not recorded: {message_for(exc)}"),
        )

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
        self.idle_lock.disarm()
        self.session_limit.stop()
        self._drop_window()
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


def _lock_notice(reason: str, idle_minutes: int) -> str:
    if reason == "idle":
        return f"Locked after {idle_minutes} minutes without activity. Type your passphrase to continue."
    if reason == "expired":
        return "Signed out after 12 hours. Sign in again with your passphrase."
    return "Locked. Type your passphrase to continue."
