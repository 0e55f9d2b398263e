"""Composition root of the GUI: builds the DB runner, settings and shell. Imports every layer."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QSysInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from burner_desk import logs, paths
from burner_desk.domain.errors import BurnerDeskError
from burner_desk.domain.session import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES
from burner_desk.instance_lock import InstanceLock, VaultInUse
from burner_desk.services import access
from burner_desk.ui import qt_platform
from burner_desk.ui.crash import CrashHandler
from burner_desk.ui.i18n import UiLanguage, system_language, translated
from burner_desk.ui.shell import Shell, load_main_window_ahead
from burner_desk.ui.style import apply_style, follow_system_colour_scheme
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks, TaskRunner

PASSPHRASE_ENV = "BURNER_DESK_PASSPHRASE"  # noqa: S105 (the variable's name, not a secret)
UI_SETTINGS_FILE = "ui-settings.ini"
APP_ICON = ("icons", "burner-desk.png")  # under resources/; packaging/icons/draw_icon.py draws it

ALREADY_OPEN = QT_TRANSLATE_NOOP(
    "app",
    "Burner Desk is already open with this vault on this laptop, perhaps minimised or in another user's "
    "session. Use that window.",
)
ALREADY_OPEN_TITLE = QT_TRANSLATE_NOOP("app", "Burner Desk is already open")

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="burner-desk", description="Burner Desk: the bedside app.")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="vault directory; settings and logs go there too (default: the platform's usual folders)",
    )
    parser.add_argument("--user", default="", help="sign-in name to preselect (with --screenshot: sign in)")
    parser.add_argument(
        "--idle-minutes",
        type=int,
        default=DEFAULT_IDLE_MINUTES,
        help=f"lock after this many idle minutes (at most {MAX_IDLE_MINUTES})",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help=f"render the first window offscreen to PATH (PNG) and exit; with --user and {PASSPHRASE_ENV} "
        "set, sign in and render the main window",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that Qt, the keyring, the vault, printing and PDF rendering work here; exit 0 if all do",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {paths.app_version()}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    dirs = paths.AppDirs.resolve(args.data_dir)
    logs.configure(dirs.logs)
    try:
        return _run(args, dirs)
    finally:
        logs.close()  # a second main() in one process (tests, tools) starts from no handlers, not a pile


def _run(args: argparse.Namespace, dirs: paths.AppDirs) -> int:
    if args.screenshot is not None and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the QApplication is created, just below

    data_dir = dirs.data
    existing = QApplication.instance()
    if existing is None and (problem := qt_platform.platform_problem()) is not None:
        # Qt would abort the process in the QApplication's constructor, explaining nothing
        if args.self_check:
            from burner_desk import selfcheck

            return selfcheck.report_without_qt(problem)
        print(f"burner-desk: {problem}", file=sys.stderr)
        return 1
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("Burner Desk")
    if args.self_check:
        _log_start()
        # Only here: it loads printing and the whole vault stack, which an ordinary start defers.
        from burner_desk import selfcheck

        return selfcheck.main()
    in_use = InstanceLock(data_dir)
    if args.screenshot is None:  # a one-shot render leaves the vault to a running app
        try:
            in_use.acquire()
        except VaultInUse:
            print(f"burner-desk: {ALREADY_OPEN}", file=sys.stderr)
            if app.platformName() != "offscreen":  # nobody would see it, nor could close it
                from PySide6.QtWidgets import QMessageBox  # only here: its type costs every start ~2 ms

                language = UiLanguage()  # as the unlock screen would have spoken
                language.apply(system_language())
                QMessageBox.information(
                    None, translated("app", ALREADY_OPEN_TITLE), translated("app", ALREADY_OPEN)
                )
            return 1
    try:
        return _run_app(app, args, dirs, data_dir)
    finally:
        in_use.release()


def _run_app(app: QApplication, args: argparse.Namespace, dirs: paths.AppDirs, data_dir: Path) -> int:
    app.setQuitOnLastWindowClosed(False)  # windows are swapped on lock; the shell says when to quit
    app.setWindowIcon(QIcon(str(paths.resource_path(*APP_ICON))))  # every window's, unlock and main alike
    apply_style(app)
    follow_system_colour_scheme(app)
    crash_handler = CrashHandler(dirs.logs)
    crash_handler.install()
    native_crashes = logs.NativeCrashReports(dirs.logs)
    native_crashes.enable()
    # Cosmetic state only (geometry); with --data-dir it sits beside the vault, so each has its own.
    settings = QSettings(str(dirs.config / UI_SETTINGS_FILE), QSettings.Format.IniFormat)

    # A one-shot render has nobody to keep responsive, and inline work makes the picture deterministic.
    tasks: TaskRunner = InlineTasks() if args.screenshot is not None else BackgroundTasks()
    shell = Shell(
        data_dir,
        tasks,
        settings,
        idle_minutes=args.idle_minutes,
        user_name=args.user,
        device_name=QSysInfo.machineHostName(),
    )
    stop_signals = None
    try:
        if args.screenshot is not None:
            rendered = _screenshot(shell, data_dir, args.user, args.screenshot)
            _log_start()
            return rendered
        shell.finished.connect(app.quit)
        shell.start()
        # After the first window, like the imports below: Ctrl+C and SIGTERM then end the app as Quit
        # does, the draft kept.
        from burner_desk.ui.os_signals import QuitOnStopSignals

        stop_signals = QuitOnStopSignals(shell.quit)
        stop_signals.install()
        # Queued behind the user list the unlock window waits for (one DB thread, FIFO), so the window
        # shows first and an early Unlock simply queues behind the import instead of paying for it again.
        # The start line goes first: the log file's first record imports logging.handlers, off the UI thread.
        tasks.run_db(_log_start)
        tasks.run_db(access.load_vault_stack)
        load_main_window_ahead(tasks)  # then the main window's, while the passphrase is typed
        return app.exec()
    finally:
        if stop_signals is not None:
            stop_signals.uninstall()
        shell.shutdown()
        tasks.shutdown()
        settings.sync()
        native_crashes.disable()
        crash_handler.uninstall()


def _log_start() -> None:
    """Written once the first window is up: its first record makes the log file (see logs.RotatingLogFile)."""
    # The version is ours, not record content; as an argument it would be withheld like any text.
    log.info(f"burner-desk {paths.app_version()} starting (frozen: %s)", paths.is_frozen())


def _screenshot(shell: Shell, data_dir: Path, user: str, target: Path) -> int:
    if user:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            print(f"burner-desk: set {PASSPHRASE_ENV} to sign in as {user}", file=sys.stderr)
            return 2
        try:
            shell.show_main(access.sign_in(data_dir, user, passphrase))
        except BurnerDeskError as exc:
            print(f"burner-desk: {exc}", file=sys.stderr)
            return 1
    else:
        shell.start()
    window = shell.window
    if window is None or not window.grab().save(str(target), "PNG"):
        print(f"burner-desk: could not write {target}", file=sys.stderr)
        return 1
    return 0
