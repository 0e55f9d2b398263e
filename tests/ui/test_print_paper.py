"""PDF pages onto a QPrinter a strip per turn of the event loop: every page and copy, scaled to the paper,
reported on the UI thread; a printer that cannot start, a damaged PDF, a run stopped part-way."""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from burner_desk.printing import samples
from burner_desk.ui.printing import paper


def _pdf_printer(path: Path, page_size: QPageSize.PageSizeId) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(page_size))
    return printer


class Reports:
    """What a run reported, and on which thread."""

    def __init__(self, run: paper.PaperRun) -> None:
        self.sheets: list[tuple[int, int]] = []
        self.outcome: list[object] = []
        self.threads: set[str] = set()
        run.sheet_printed.connect(lambda done, total: self._note(self.sheets, (done, total)))
        run.finished.connect(lambda sheets: self._note(self.outcome, sheets))
        run.failed.connect(lambda exc: self._note(self.outcome, exc))

    def _note(self, into: list[object], value: object) -> None:
        self.threads.add(threading.current_thread().name)
        into.append(value)


def test_copies_are_collated_and_a_letter_page_fits_a4_paper(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    run = paper.PaperRun(
        _pdf_printer(out, QPageSize.PageSizeId.A4),
        [
            paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 2),
            paper.PaperJob(samples.DOCUMENTS["packing-list"]("es", True), 1),
        ],
    )
    reports = Reports(run)
    run.start()
    qtbot.waitUntil(lambda: reports.outcome != [], timeout=20_000)
    assert reports.outcome == [3]
    assert reports.sheets == [(1, 3), (2, 3), (3, 3)]
    assert reports.threads == {threading.main_thread().name}  # reported where widgets may be touched
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def _two_pages() -> bytes:
    writer = PdfWriter()
    for document in ("referral-sheet", "packing-list"):
        writer.append(PdfReader(BytesIO(samples.DOCUMENTS[document]("en", True))))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_page_image_is_kept_only_while_copies_of_it_remain(qtbot: QtBot, tmp_path: Path) -> None:
    """A page at the printer's resolution is ~34 MB: a long document must not hold all of its pages."""
    run = paper.PaperRun(
        _pdf_printer(tmp_path / "out.pdf", QPageSize.PageSizeId.Letter),
        [paper.PaperJob(_two_pages(), 2), paper.PaperJob(_two_pages(), 1)],
    )
    held: list[list[int]] = []
    run.sheet_printed.connect(lambda _done, _total: held.append(sorted(run._images)))
    reports = Reports(run)
    run.start()
    qtbot.waitUntil(lambda: reports.outcome != [], timeout=20_000)
    assert reports.outcome == [6]
    # The first job's pages, collated: each dropped after its second copy; the second job's, at once.
    assert held == [[0], [0, 1], [1], [], [], []]


def test_a_printer_that_cannot_start_prints_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "out.pdf"
    job = paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 1)
    run = paper.PaperRun(_pdf_printer(out, QPageSize.PageSizeId.Letter), [job])
    reports = Reports(run)
    run.start()
    qtbot.waitUntil(lambda: reports.outcome != [], timeout=20_000)
    assert [type(exc) for exc in reports.outcome] == [paper.PrinterNotReady]
    assert reports.sheets == []
    assert not out.exists()


def test_a_damaged_pdf_is_refused_before_anything_is_painted(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    good = paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 1)
    run = paper.PaperRun(
        _pdf_printer(out, QPageSize.PageSizeId.Letter), [good, paper.PaperJob(b"%PDF-1.4 not really", 1)]
    )
    with pytest.raises(ValueError, match="could not be read"):
        run.start()
    assert not out.exists()


def test_a_run_stopped_part_way_drops_the_job(qtbot: QtBot, tmp_path: Path) -> None:
    """What happens when the app quits while the printer is still busy: the run stops at once."""
    out = tmp_path / "out.pdf"
    job = paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 5)
    run = paper.PaperRun(_pdf_printer(out, QPageSize.PageSizeId.Letter), [job])
    reports = Reports(run)
    run.start()
    qtbot.waitUntil(lambda: reports.sheets != [], timeout=20_000)
    run.stop()
    qtbot.waitUntil(lambda: reports.outcome != [], timeout=20_000)
    assert [type(exc) for exc in reports.outcome] == [paper.PrintingStopped]
    assert len(reports.sheets) < 5
