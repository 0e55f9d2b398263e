"""PDF pages onto a QPrinter: every page and copy, scaled to the paper, and a printer that cannot start."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from burner_desk.printing import samples
from burner_desk.ui.printing import paper


def _pdf_printer(path: Path, page_size: QPageSize.PageSizeId) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(page_size))
    return printer


def test_copies_are_collated_and_a_letter_page_fits_a4_paper(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    sheets: list[int] = []
    jobs = [
        paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 2),
        paper.PaperJob(samples.DOCUMENTS["packing-list"]("es", True), 1),
    ]
    assert paper.page_count(jobs) == 3
    printed = paper.print_pdfs(_pdf_printer(out, QPageSize.PageSizeId.A4), jobs, sheets.append)
    assert printed == 3 and sheets == [1, 2, 3]
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_a_printer_that_cannot_start_prints_nothing(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "out.pdf"
    job = paper.PaperJob(samples.DOCUMENTS["referral-sheet"]("en", True), 1)
    with pytest.raises(paper.PrinterNotReady):
        paper.print_pdfs(_pdf_printer(out, QPageSize.PageSizeId.Letter), [job], lambda _sheet: None)
    assert not out.exists()


def test_a_damaged_pdf_is_refused_before_anything_is_painted(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="could not be read"):
        paper.LoadedPdf(b"%PDF-1.4 not really")
