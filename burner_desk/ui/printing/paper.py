"""PDF pages onto a QPrinter: each page rendered by QtPdf to an image at the printer's resolution (capped,
so a 1200 dpi printer does not cost a gigabyte per page) and painted onto the paper, scaled to fit.

The PDF bytes stay in memory (a QBuffer): a case's papers are never written to a temporary file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 300  # sharp on paper; a Letter page is then ~34 MB as an image, not ~540 MB at 1200 dpi
POINTS_PER_INCH = 72


class PrinterNotReady(Exception):
    """The printer (or the PDF file it writes) could not be opened: nothing was printed."""


@dataclass(frozen=True)
class PaperJob:
    pdf: bytes
    copies: int


class LoadedPdf:
    """A PDF held in memory for QtPdf; keeps its buffer alive as long as the document."""

    def __init__(self, pdf: bytes) -> None:
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            raise ValueError(f"the document could not be read ({self.document.error().name})")

    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self._buffer.close()


def page_count(jobs: Sequence[PaperJob]) -> int:
    """Sheets the jobs put through the printer, copies included."""
    total = 0
    for job in jobs:
        loaded = LoadedPdf(job.pdf)
        total += loaded.page_count() * job.copies
        loaded.close()
    return total


def print_pdfs(printer: QPrinter, jobs: Sequence[PaperJob], on_page: Callable[[int], None]) -> int:
    """Paint every job's pages onto `printer`, each job `copies` times (collated); `on_page(n)` after
    each sheet. Returns the number of sheets. Runs on the UI thread: QPrinter is a paint device."""
    printer.setFullPage(True)  # the PDFs carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterNotReady
    printed = 0
    try:
        for job in jobs:
            loaded = LoadedPdf(job.pdf)
            try:
                for _ in range(job.copies):
                    for page in range(loaded.page_count()):
                        if printed and not printer.newPage():
                            raise PrinterNotReady
                        _paint_page(painter, printer, loaded.document, page)
                        printed += 1
                        on_page(printed)
            finally:
                loaded.close()
    finally:
        painter.end()
    return printed


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    image = document.render(
        page,
        QSize(round(points.width() * dpi / POINTS_PER_INCH), round(points.height() * dpi / POINTS_PER_INCH)),
    )
    # Scaled to fit and centred: a Letter page prints whole on A4 paper too.
    scale = min(paper.width() / points.width(), paper.height() / points.height())
    width, height = round(points.width() * scale), round(points.height() * scale)
    target = QRect((paper.width() - width) // 2, (paper.height() - height) // 2, width, height)
    painter.drawImage(target, image)
