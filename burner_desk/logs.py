"""The app's rotating log file and crash reports, built so that no personal data can reach them.

42 CFR Part 2 and CJIS: a log file is copied, mailed to IT and kept for years, so nothing in it may carry
record content, a passphrase or a key. The formatter here never trusts text it did not write:

- Messages from our own loggers (`burner_desk.*`) keep their wording; of their arguments only ids,
  numbers, enums and our own `BurnerDeskError` messages are written; text, dates and anything else
  become WITHHELD.
- Messages from third-party loggers (SQLAlchemy echoes parameters, alembic, keyring, warnings) are
  withheld whole: only logger name and level are kept.
- Exceptions become their type and frames (file, line, function): no locals, and no message text unless
  it is a `BurnerDeskError` (written to be shown); a database driver's message may quote row values.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import os
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import IO

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.paths import PRIVATE_FILE_MODE, app_version, create_private_file, private_dir

LOG_FILE = "burner-desk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5  # six files of 1 MB: weeks of normal use, bounded on a small laptop disk
KEEP_CRASH_REPORTS = 20  # enough to see a pattern; IT collects them, the laptop is not an archive
CRASH_PREFIX = "crash-"
NATIVE_CRASH_FILE = "native-crash.txt"  # faulthandler's, while the app runs
OWN_LOGGERS = "burner_desk"
WITHHELD = "<withheld>"
_HANDLER_NAME = "burner_desk.private"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _is_own(logger_name: str) -> bool:
    return logger_name == OWN_LOGGERS or logger_name.startswith(OWN_LOGGERS + ".")


def _safe_arg(value: object) -> object:
    """Keep what cannot be record content; numbers stay numbers so %d and %.1f still format."""
    if isinstance(value, BurnerDeskError):
        return str(value)
    if isinstance(value, Enum):
        return value.value if isinstance(value.value, int | float) else value.name
    # Dates are left out on purpose: a date of birth or an incident's time is record content.
    if isinstance(value, bool | int | float) or value is None:
        return value
    from uuid import UUID  # here, not at the top: uuid (with platform) would cost every start ~4 ms

    return value if isinstance(value, UUID) else WITHHELD


def safe_message(record: logging.LogRecord) -> str:
    if not _is_own(record.name):
        return WITHHELD
    template = str(record.msg) if isinstance(record.msg, str) else WITHHELD
    if not record.args:
        return template
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    try:
        return template % tuple(_safe_arg(arg) for arg in args)
    except (TypeError, ValueError):  # a %s given a mapping, a %d given withheld text: keep the template
        return template


def _short_path(filename: str) -> str:
    """From the package on (burner_desk/ui/shell.py, sqlalchemy/orm/session.py): no home folder names."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "_internal", "lib"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) :])
    if "burner_desk" in parts:
        return "/".join(parts[parts.index("burner_desk") :])
    return Path(filename).name


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)


def safe_traceback(exc: BaseException) -> str:
    """Type and frames of an exception and of what caused it, innermost cause last as Python prints it."""
    blocks = []
    for link in reversed(list(_exception_chain(exc))):
        kind = f"{type(link).__module__}.{type(link).__qualname__}"
        headline = f"{kind}: {link}" if isinstance(link, BurnerDeskError) else kind
        frames = [
            f"  {_short_path(frame.filename)}:{frame.lineno} in {frame.name}"
            for frame in traceback.extract_tb(link.__traceback__)
        ]
        blocks.append("\n".join(["Traceback (most recent call last):", *frames, headline]))
    return "\n-- which then caused --\n".join(blocks)


class PrivateFormatter(logging.Formatter):
    """Formats a record from its safe parts only; see the module docstring for the rules."""

    def format(self, record: logging.LogRecord) -> str:
        at = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        line = f"{at} {record.levelname} {record.name} [{record.threadName}]: {safe_message(record)}"
        if record.exc_info and record.exc_info[1] is not None:
            line += "\n" + safe_traceback(record.exc_info[1])
        return line


class RotatingLogFile(logging.Handler):
    """The rotating log file, made on its first record (logging.handlers brings socket, pickle and queue
    with it, ~10 ms the start to the unlock window does without). Like delay=True, the file opens then too."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _private_rotating_file(self.path)
            self._file.setFormatter(self.formatter)
        self._file.emit(record)  # under this handler's lock (Handler.handle): one writer at a time

    def close(self) -> None:
        self.acquire()  # not while a record is being written
        try:
            if self._file is not None:
                self._file.close()
                self._file = None
        finally:
            self.release()
        super().close()


def _private_rotating_file(path: Path) -> logging.Handler:
    """A RotatingFileHandler whose files (the current one and each made at a rollover) are owner-only."""
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFile(RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFile(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )


def configure(log_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send every logger to the rotating file in `log_dir` (and warnings to stderr), both private.

    Returns the log file, or None when `log_dir` cannot be written: a read-only profile must not keep
    the app from starting, so it then logs to stderr alone. Calling it again replaces what it installed.
    """
    close()
    handlers: list[logging.Handler] = []
    path: Path | None = log_dir / LOG_FILE
    try:
        private_dir(log_dir)
        handlers.append(RotatingLogFile(log_dir / LOG_FILE))
    except OSError:
        path = None
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    handlers.append(console)
    root = logging.getLogger()
    for handler in handlers:
        handler.name = _HANDLER_NAME
        handler.setFormatter(PrivateFormatter())
        root.addHandler(handler)
    root.setLevel(logging.WARNING)  # third-party INFO (alembic's every step) would only add withheld lines
    logging.getLogger(OWN_LOGGERS).setLevel(level)
    logging.captureWarnings(True)  # warnings.warn() goes through the same formatter (and is withheld)
    if path is None:
        logging.getLogger(__name__).warning("the log folder cannot be written: logging to stderr only")
    return path


def close() -> None:
    """Detach and close the handlers `configure` installed (app.main on its way out; a second configure)."""
    root = logging.getLogger()
    for handler in installed_handlers():
        root.removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)


def installed_handlers() -> list[logging.Handler]:
    """The handlers `configure` put on the root logger and `close` has not yet taken off."""
    return [handler for handler in logging.getLogger().handlers if handler.name == _HANDLER_NAME]


def write_crash_report(log_dir: Path, exc: BaseException, *, now: datetime | None = None) -> Path:
    """A file IT can be sent: when, which version, and where it failed (frames only). Readable by the user only."""
    at = now or datetime.now(UTC)
    private_dir(log_dir)
    path = _crash_report_path(log_dir, at)
    report = "\n".join(
        [
            "Burner Desk crash report (frames only: no record content, passphrases or keys)",
            f"version: {app_version()}",
            f"time (UTC): {at.isoformat(timespec='seconds')}",
            "",
            safe_traceback(exc),
            "",
        ]
    )
    with os.fdopen(create_private_file(path), "w", encoding="utf-8") as out:
        out.write(report)
    _prune_crash_reports(log_dir, keep=path)
    return path


def _crash_report_path(log_dir: Path, at: datetime, kind: str = "") -> Path:
    return log_dir / f"{CRASH_PREFIX}{at:%Y%m%dT%H%M%S%fZ}{kind}.txt"


class NativeCrashReports:
    """A crash below Python (Qt, a driver, SQLCipher) kills the process before any handler runs;
    faulthandler then writes every thread's Python frames (files, lines and functions: no values) to a
    file opened in advance. At the next start a non-empty file becomes a crash report beside the others."""

    def __init__(self, log_dir: Path) -> None:
        self._path = log_dir / NATIVE_CRASH_FILE
        self._file: IO[str] | None = None

    def enable(self) -> Path | None:
        """Start catching; returns the report made from the last run's native crash, if there was one."""
        report: Path | None = None
        try:
            private_dir(self._path.parent)
            if self._path.stat().st_size:
                at = datetime.fromtimestamp(self._path.stat().st_mtime, UTC)
                report = _crash_report_path(self._path.parent, at, "-native")
                os.replace(self._path, report)
                _prune_crash_reports(self._path.parent, keep=report)
        except FileNotFoundError:
            pass
        try:
            self._path.unlink(missing_ok=True)
            self._file = os.fdopen(create_private_file(self._path), "w", encoding="utf-8")
        except OSError:
            return report  # a read-only profile: the app still starts, as with the log file
        faulthandler.enable(self._file, all_threads=True)
        return report

    def disable(self) -> None:
        """A clean exit: stop catching and leave no empty file behind."""
        if self._file is None:
            return
        faulthandler.disable()
        self._file.close()
        self._file = None
        with contextlib.suppress(OSError):
            if not self._path.stat().st_size:
                self._path.unlink()


def _prune_crash_reports(log_dir: Path, keep: Path) -> None:
    """Only the newest reports: a crash loop must not fill the disk. Names sort by time."""
    older = sorted(p for p in log_dir.glob(f"{CRASH_PREFIX}*.txt") if p != keep)
    for stale in older[: max(len(older) - (KEEP_CRASH_REPORTS - 1), 0)]:
        stale.unlink(missing_ok=True)
