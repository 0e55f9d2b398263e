"""`burner-desk --self-check`: does this installation have every part it needs? Frozen or from source.

Each check prints one line, "ok" or "FAIL", with what it found; the exit code is 0 only when all pass.
IT runs it after installing or upgrading; `make package-check` runs it on the frozen bundle. It works on
sample data in a temporary folder and leaves nothing behind (not even a keyring entry).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLibraryInfo, QSize, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from burner_desk import paths
from burner_desk.printing import referral, samples, texts
from burner_desk.services import access
from burner_desk.storage import keystore
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.vault import NO_KEYRING_WARNING

# The platform plugin each desktop needs, and the one package-check and screenshots run on.
NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
HEADLESS_PLATFORM = "qoffscreen"
# The policy's memory floor with one pass: the check proves Argon2id runs, not how slow it is tuned.
CHECK_KDF = KdfParams(time_cost=1)
CHECK_PASSPHRASE = "Self check 4 passphrase"  # noqa: S105 (a throwaway vault, deleted at once)
CHECK_SETUP = access.SetupInput(
    agency="Self-check (sample)",
    device_name="self-check",
    user_name="self.check",
    display_name="Self check (sample)",
    badge_no="",
    direct_phone="",
    passphrase=CHECK_PASSPHRASE,
)


class CheckFailed(Exception):
    """A check ran but found something missing; the message says what."""


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    detail: str


def check_qt_platform() -> str:
    running = QGuiApplication.platformName()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    present = {path.name.split(".")[0].removeprefix("lib") for path in folder.glob("*")}
    missing = {NATIVE_PLATFORM, HEADLESS_PLATFORM} - present
    if not running or missing:
        raise CheckFailed(f"running {running or 'none'}; missing in {folder}: {', '.join(sorted(missing))}")
    return f"running '{running}'; {NATIVE_PLATFORM} and {HEADLESS_PLATFORM} present"


def check_keyring() -> str:
    if keystore.available():
        return f"OS keyring: {keystore.backend_name()}"
    return f"no OS keyring, passphrase-only fallback ({NO_KEYRING_WARNING})"


def check_vault() -> str:
    with tempfile.TemporaryDirectory(prefix="burner-desk-self-check-") as tmp:
        directory = Path(tmp) / "vault"
        created = access.first_run_setup(directory, CHECK_SETUP, kdf=CHECK_KDF)
        vault_id = created.vault.vault_id
        device_bound = created.keystore_warning is None  # a device secret went into the OS keyring
        try:
            access.lock(created, "manual")
            opened = access.sign_in(directory, CHECK_SETUP.user_name, CHECK_PASSPHRASE)
            try:
                problem = opened.vault.verify()
            finally:
                access.lock(opened, "manual")
        finally:
            if device_bound:  # a throwaway vault leaves no secret behind
                keystore.delete_device_secret(vault_id)
    if problem is not None:
        raise CheckFailed(f"verify found: {problem}")
    return "created, locked, unlocked and verified in a temporary folder (SQLCipher, Argon2id, audit chain)"


def build_sample_pdf() -> bytes:
    return referral.build(samples.referral_sheet(), "en")


def check_pdf() -> str:
    pdf = build_sample_pdf()
    if not pdf.startswith(b"%PDF"):
        raise CheckFailed("the referral sheet is not a PDF")
    return f"sample referral sheet built ({len(pdf):,} bytes, embedded fonts, resources from {paths.resources_root()})"


def check_pdf_render() -> str:
    data = QByteArray(build_sample_pdf())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise CheckFailed(f"QtPdf could not load the sample ({document.error().name})")
    image = document.render(0, QSize(306, 396))
    if image.isNull() or not _has_ink(image):
        raise CheckFailed("QtPdf rendered a blank page")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # loads the print support plugin
    return (
        f"QtPdf rendered page 1 of {document.pageCount()}; print support ready ({printer.resolution()} dpi)"
    )


def _has_ink(image: QImage) -> bool:
    white = QColor("white").rgb()
    step = 7  # sampling is enough to tell a page with text from an empty one
    return any(
        image.pixel(x, y) != white
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


# The UI's catalogs (resources/i18n) and Qt's own for the same languages (its standard buttons); the
# printouts' catalogs (resources/print, read with Babel).
UI_LANGUAGES = ("en", "es")


def check_languages() -> str:
    ours, qts = str(paths.resource_path("i18n")), QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing = [
        f"burner_desk_{lang}.qm"
        for lang in UI_LANGUAGES
        if not QTranslator().load(f"burner_desk_{lang}", ours)
    ]
    missing += [
        f"qtbase_{lang}.qm" for lang in UI_LANGUAGES[1:] if not QTranslator().load(f"qtbase_{lang}", qts)
    ]
    if missing:
        raise CheckFailed(f"missing: {', '.join(missing)} (in {ours} or {qts})")
    printed = [texts.load(lang).lang for lang in texts.languages()]  # raises for a missing or partial one
    return f"screens in {', '.join(UI_LANGUAGES)}; printouts in {', '.join(printed)}"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Qt platform plugin", check_qt_platform),
    ("keyring", check_keyring),
    ("vault", check_vault),
    ("PDF", check_pdf),
    ("QtPdf render", check_pdf_render),
    ("languages", check_languages),
)


def run_checks(checks: tuple[tuple[str, Callable[[], str]], ...]) -> list[Outcome]:
    outcomes = []
    for name, check in checks:
        try:
            outcomes.append(Outcome(name, True, check()))
        except Exception as exc:  # every part is checked and reported, whatever the first failure
            outcomes.append(Outcome(name, False, f"{type(exc).__name__}: {exc}"))
    return outcomes


def _header() -> str:
    kind = "frozen" if paths.is_frozen() else "from source"
    return f"Burner Desk {paths.app_version()} self-check ({kind}, Python {sys.version.split()[0]})"


def report_without_qt(problem: str, out: TextIO | None = None) -> int:
    """The self-check's verdict when Qt cannot start here at all (app.main finds that out first)."""
    stream = out or sys.stdout
    print(_header(), file=stream)
    print(f"FAIL  Qt platform plugin: {problem}", file=stream)
    print("self-check FAILED: Qt platform plugin (the other checks need Qt)", file=stream)
    return 1


def main(out: TextIO | None = None) -> int:
    """Runs inside the app's QApplication (app.main creates it first, so a missing plugin shows there)."""
    stream = out or sys.stdout
    if QApplication.instance() is None:
        raise RuntimeError("create the QApplication before the self-check")
    print(_header(), file=stream)
    started = time.perf_counter()
    outcomes = run_checks(CHECKS)
    for outcome in outcomes:
        print(f"{'ok  ' if outcome.passed else 'FAIL'}  {outcome.name}: {outcome.detail}", file=stream)
    failed = [outcome.name for outcome in outcomes if not outcome.passed]
    elapsed = time.perf_counter() - started
    if failed:
        print(f"self-check FAILED: {', '.join(failed)} ({elapsed:.1f} s)", file=stream)
        return 1
    print(f"self-check passed: {len(outcomes)} checks ({elapsed:.1f} s)", file=stream)
    return 0
