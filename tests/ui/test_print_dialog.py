"""The print dialog over a real vault: through QPrinter into a PDF file (the system dialog replaced by a
hook), cancel, no default printer, Save as PDF, and a look at the dialog itself."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from uuid import UUID

import pytest
import shiboken6
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from burner_desk.services import bedside, printouts
from burner_desk.services.access import SignedIn
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.printing import print_dialog, print_run
from burner_desk.ui.printing.print_dialog import PrintDialog
from burner_desk.ui.printing.print_run import PrintJob
from burner_desk.ui.shell import load_main_window_code
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
from tests.printing.conftest import pages, render_pngs, text_of
from tests.services.conftest import NOW, Program, program, resident  # noqa: F401 (fixture)
from tests.ui.helpers import controls_without_accessible_name, pop_ups

# Set BURNER_DESK_PRINT_LOOK=/tmp/print-look to keep the rendered dialog for a person to look at.
LOOK_DIR = os.environ.get("BURNER_DESK_PRINT_LOOK")


@pytest.fixture
def context(program: Program, ui_settings: QSettings) -> ViewContext:  # noqa: F811
    return ViewContext(program.signed_in, InlineTasks(), ChangeBus(), ui_settings, lambda: NOW)


@pytest.fixture
def encounter_id(program: Program) -> UUID:  # noqa: F811
    return bedside.record_encounter(program.uow, program.actor, resident(), NOW).encounter_id


def _printer_to(path: Path) -> Callable[[QPrinter, QWidget], QDialog.DialogCode]:
    """Stands in for the system print dialog: the person picks "print to file" and presses Print."""

    def accept(printer: QPrinter, parent: QWidget) -> QDialog.DialogCode:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return QDialog.DialogCode.Accepted

    return accept


def _refuse(printer: QPrinter, parent: QWidget) -> QDialog.DialogCode:
    return QDialog.DialogCode.Rejected


def _dialog(qtbot: QtBot, context: ViewContext, encounter_id: UUID, **hooks: object) -> PrintDialog:
    dialog = PrintDialog(context, encounter_id, **hooks)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def _only(dialog: PrintDialog, *kinds: printouts.DocumentKind) -> None:
    for row in dialog.rows():
        row.chosen.setChecked(row.document.kind in kinds)


def _audit(signed_in: SignedIn) -> list[tuple[str, str, str]]:
    with signed_in.uow.begin() as tx:
        return tx.audit_trail()


def _looks_alike(printed: Path, source: Path) -> float:
    """Mean difference (0-255) between two page renders of the same size, softened so the printer's
    resampling (a pixel's shift here and there) does not count, while different content does."""
    a, b = (Image.open(path).convert("L").filter(ImageFilter.GaussianBlur(2)) for path in (printed, source))
    assert a.size == b.size
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def test_printing_through_qprinter_writes_every_page_and_copy(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=_printer_to(out))
    _only(dialog, printouts.DocumentKind.REFERRAL_SHEET, printouts.DocumentKind.PROPERTY_RECEIPT)
    referral_row = dialog.rows()[0]
    referral_row.copies.setValue(2)
    referral_row.language.setCurrentIndex(referral_row.language.findData("es"))
    before = len(_audit(context.signed_in))
    printed_signal: list[list[PrintJob]] = []
    dialog.printed.connect(printed_signal.append)

    dialog.print_button.click()
    assert not dialog.print_button.isEnabled()  # painting goes on in the background
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Printed"), timeout=20_000)

    printed = out.read_bytes()
    assert pages(printed) == 3  # two referral sheets, one receipt page
    metadata = PdfReader(BytesIO(printed)).metadata
    assert metadata is not None and metadata.title == "Burner desk documents"
    # The pages are the documents themselves: each printed page looks like the PDF it came from.
    sources = [
        printouts.render(context.signed_in.uow, context.signed_in.actor, encounter_id, key, lang, now=NOW)
        for key, lang in (("referral_sheet", "es"), ("property_receipt", "en"))
    ]
    (es_sheet,) = render_pngs(sources[0], tmp_path, "es-sheet", dpi=40)
    (receipt,) = render_pngs(sources[1], tmp_path, "receipt", dpi=40)
    first, second, third = render_pngs(printed, tmp_path, "printed", dpi=40)
    assert _looks_alike(first, es_sheet) < 6
    assert _looks_alike(second, es_sheet) < 6
    assert _looks_alike(third, receipt) < 6
    assert _looks_alike(third, es_sheet) > 12  # the comparison tells documents apart
    assert "Referral sheet (Español, 2 copies)" in dialog.message.text()
    assert _audit(context.signed_in)[before:] == [
        ("document.print", "encounter", "referral/es/2"),
        ("document.print", "encounter", "receipt/en/1"),
    ]
    assert [[(job.document.kind, job.copies) for job in jobs] for jobs in printed_signal] == [
        [(printouts.DocumentKind.REFERRAL_SHEET, 2), (printouts.DocumentKind.PROPERTY_RECEIPT, 1)]
    ]
    assert dialog.progress.isHidden()
    assert pop_ups() == []


def test_a_cancelled_print_dialog_prints_nothing_and_says_so(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID
) -> None:
    dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=_refuse)
    before = _audit(context.signed_in)
    dialog.print_button.click()
    assert dialog.message.text() == print_dialog.PRINT_CANCELLED
    assert _audit(context.signed_in) == before
    assert all(row.chosen.isChecked() for row in dialog.rows())  # every choice still there
    assert dialog.print_button.isEnabled()


def test_print_all_starts_the_print_on_a_later_turn(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    """The turn that lists the documents (or ticks them all) does not also start the print: the UI
    thread gets back to its event loop between the two."""
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def ask(printer: QPrinter, parent: QWidget) -> QDialog.DialogCode:
        asked.append(printer)
        return _printer_to(out)(printer, parent)

    # No default printer: Print all asks for one, which tells when the print started.
    dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=ask, default_printer=QPrinterInfo)
    dialog.show()
    dialog.print_all()
    assert asked == [] and dialog.print_button.isEnabled()
    assert all(row.chosen.isChecked() for row in dialog.rows())

    qtbot.waitUntil(lambda: dialog.message.text().startswith("Printed"), timeout=20_000)
    assert len(asked) == 1
    assert pages(out.read_bytes()) == 5


def test_no_default_printer_gives_the_message(qtbot: QtBot, context: ViewContext, encounter_id: UUID) -> None:
    dialog = _dialog(qtbot, context, encounter_id, default_printer=QPrinterInfo)
    before = _audit(context.signed_in)
    dialog.default_printer_button.click()
    assert dialog.message.text() == print_run.NO_PRINTER
    assert dialog.message.kind == "error"
    assert _audit(context.signed_in) == before


def test_save_as_pdf_writes_the_documents_and_audits_each(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    suggested: list[str] = []

    def choose(parent: QWidget, title: str, proposal: str) -> str:
        suggested.append(Path(proposal).name)
        return str(tmp_path / ("../CON.pdf" if "Family" in title else Path(proposal).name))

    dialog = _dialog(qtbot, context, encounter_id, ask_for_pdf_path=choose)
    _only(dialog, printouts.DocumentKind.REFERRAL_SHEET, printouts.DocumentKind.FAMILY_SHEET)
    before = len(_audit(context.signed_in))
    dialog.save_button.click()

    assert suggested == ["referral-sheet-en.pdf", "family-sheet-1-en.pdf"]  # no names in file names
    sheet = (tmp_path / "referral-sheet-en.pdf").read_bytes()
    family = (tmp_path.parent / "_CON.pdf").read_bytes()  # the chosen folder, a safe name
    assert "Avery Quinlan (sample)" in text_of(sheet)
    assert "Pat Quinlan (sample)" in text_of(family) and "Avery" not in text_of(family)
    assert _audit(context.signed_in)[before:] == [
        ("document.save_pdf", "encounter", "referral/en/1"),
        ("document.save_pdf", "family_contact", "family/en/1"),
    ]
    assert dialog.message.kind == "info"


def test_cancelling_a_save_saves_nothing(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    answers = iter([str(tmp_path / "first.pdf"), ""])
    dialog = _dialog(qtbot, context, encounter_id, ask_for_pdf_path=lambda *_: next(answers))
    before = _audit(context.signed_in)
    dialog.save_button.click()
    assert dialog.message.text() == print_dialog.SAVE_CANCELLED
    assert list(tmp_path.glob("*.pdf")) == []
    assert _audit(context.signed_in) == before


def test_a_folder_that_cannot_be_written_gives_a_calm_message(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "sheet.pdf"
    dialog = _dialog(qtbot, context, encounter_id, ask_for_pdf_path=lambda *_: str(missing))
    _only(dialog, printouts.DocumentKind.REFERRAL_SHEET)
    dialog.save_button.click()
    assert dialog.message.kind == "error"
    assert "could not be saved there" in dialog.message.text()
    assert pop_ups() == []


def test_nothing_ticked_prints_nothing(qtbot: QtBot, context: ViewContext, encounter_id: UUID) -> None:
    asked: list[QPrinter] = []
    dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=lambda p, _w: asked.append(p))
    _only(dialog)
    dialog.print_button.click()
    assert asked == []
    assert dialog.message.text() == print_dialog.NOTHING_CHOSEN


def test_the_dialog_lists_the_case_documents_accessibly(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, context, encounter_id)
    dialog.resize(760, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [row.chosen.text() for row in dialog.rows()] == [
        "Referral sheet",
        "Family sheet for Pat Quinlan (sample)",
        "Property receipt (two copies)",
        "Consent form",
        "Recovery-bag packing list",
    ]
    assert controls_without_accessible_name(dialog) == []
    assert dialog.sizeHint().height() < 700 and dialog.minimumSizeHint().width() < 1300  # fits 1366×768
    dialog.message.show_info(print_dialog.PRINT_CANCELLED)
    look = Path(LOOK_DIR or tmp_path)
    look.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(look / "print-dialog.png"))


def test_printing_through_the_db_executor(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    """The real runner: rendering and audit on the DB thread, painting back on the UI thread."""
    tasks = BackgroundTasks()
    out = tmp_path / "printed.pdf"
    try:
        dialog = _dialog(qtbot, replace(context, tasks=tasks), encounter_id, ask_for_printer=_printer_to(out))
        qtbot.waitUntil(lambda: len(dialog.rows()) == 5)
        _only(dialog, printouts.DocumentKind.CONSENT_FORM)
        dialog.print_button.click()
        assert not dialog.print_button.isEnabled()  # busy until the audit is written
        qtbot.waitUntil(lambda: dialog.message.text().startswith("Printed"))
    finally:
        tasks.shutdown()
    assert pages(out.read_bytes()) == 1
    assert _audit(context.signed_in)[-1] == ("document.print", "encounter", "consent/en/1")
    assert dialog.print_button.isEnabled()


def test_a_print_leaves_the_apps_code_set_aside_from_full_collections(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    """Handing the heap back after a print handed back what the app froze for good too, and every later
    full collection walked it again (services.heap)."""
    load_main_window_code()  # as the app runs it while the passphrase is typed: then gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=_printer_to(tmp_path / "printed.pdf"))
        _only(dialog, printouts.DocumentKind.CONSENT_FORM)
        dialog.print_button.click()
        qtbot.waitUntil(lambda: dialog.message.text().startswith("Printed"), timeout=20_000)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()  # the rest of the tests' heap is collected as before


def test_results_arriving_after_the_dialog_is_gone_are_dropped(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID
) -> None:
    tasks = BackgroundTasks()
    try:
        dialog = PrintDialog(replace(context, tasks=tasks), encounter_id)
        dialog.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    finally:
        tasks.shutdown()  # the list of documents is delivered now, to nobody
    QApplication.processEvents()


def test_a_printer_that_cannot_start_says_so_and_audits_nothing(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    unwritable = tmp_path / "no-such-folder" / "out.pdf"
    dialog = _dialog(qtbot, context, encounter_id, ask_for_printer=_printer_to(unwritable))
    before = _audit(context.signed_in)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.message.text() == print_run.PRINTER_NOT_READY)
    assert _audit(context.signed_in) == before
    assert dialog.print_button.isEnabled()


class EventLoopGaps:
    """The longest time the UI thread went without turning its event loop, while it was watched."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> EventLoopGaps:
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.stop()

    def longest_ms(self) -> float:
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)) * 1000

    def watched_ms(self) -> float:
        return (self.ticks[-1] - self.ticks[0]) * 1000


def test_printing_five_sheets_keeps_the_ui_responsive(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    """The event loop keeps turning while the sheets are painted: no gap takes more than a third of the
    print. Painting on the UI thread made the whole print (~1.8 s) one gap. The absolute figure (DESIGN.md
    section 8: at most 50 ms) is a speed, measured where speeds are, not asserted here: on a shared,
    loaded machine the OS alone sometimes holds the UI thread 60-200 ms (18-45 ms when calm)."""
    tasks = BackgroundTasks()
    try:
        dialog = _dialog(qtbot, replace(context, tasks=tasks), encounter_id)
        qtbot.waitUntil(lambda: len(dialog.rows()) == 5)
        out = tmp_path / "printed.pdf"
        dialog._ask_for_printer = _printer_to(out)
        progress: list[int] = []
        dialog.progress.valueChanged.connect(progress.append)
        with EventLoopGaps() as gaps:
            dialog.print_button.click()
            qtbot.waitUntil(lambda: dialog.message.text().startswith("Printed"), timeout=30_000)
    finally:
        tasks.shutdown()
    assert pages(out.read_bytes()) == 5
    assert progress[-5:] == [1, 2, 3, 4, 5]  # the dialog showed how far it got
    assert gaps.longest_ms() <= gaps.watched_ms() / 3, (
        f"the UI stalled {gaps.longest_ms():.0f} ms of a {gaps.watched_ms():.0f} ms print"
    )
    assert [outcome for _, _, outcome in _audit(context.signed_in)[-5:]] == [
        "referral/en/1",
        "family/en/1",
        "receipt/en/1",
        "consent/en/1",
        "packing/en/1",
    ]


def test_closing_the_dialog_while_it_prints_still_prints_and_audits(
    qtbot: QtBot, context: ViewContext, encounter_id: UUID, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    dialog = PrintDialog(context, encounter_id, ask_for_printer=_printer_to(out))
    _only(dialog, printouts.DocumentKind.REFERRAL_SHEET)
    dialog.print_button.click()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    qtbot.waitUntil(lambda: _audit(context.signed_in)[-1][0] == "document.print", timeout=20_000)
    assert _audit(context.signed_in)[-1] == ("document.print", "encounter", "referral/en/1")
    assert pages(out.read_bytes()) == 1


def test_no_default_printer_is_a_clear_error() -> None:
    with pytest.raises(print_run.NoPrinter, match="No printer is set up"):
        print_run.default_printer(QPrinterInfo)
