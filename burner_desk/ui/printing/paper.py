"""PDF pages onto a QPrinter without holding up the UI.

Each page is rendered by QtPdf's own render thread (QPdfPageRenderer, multi-threaded) to an image at the
printer's resolution, capped so a 1200 dpi printer does not cost a gigabyte per page, and painted onto the
printer by the UI thread a strip at a time, one strip per turn of the event loop, scaled to fit the paper.

Why strips on the UI thread and not a painting thread: PySide keeps the GIL through every Qt call, so a
painting thread held it through each strip, and every Python call the UI thread made in a turn (the app's
event filters see each event) waited for it; when the machine was busy and the OS paused the painting
thread in mid-call, the UI waited out the pause too (the UI thread blocked for 20-40 ms at a time with
0.5 ms of its own work, seen in /proc's schedstat). A strip on the UI thread costs a few ms of its turn and
nothing waits for it. No QtPdf call is made on the UI thread while a page renders (QtPdf runs every call
under one lock): all the documents are opened before the first page is asked for and closed after the last
one has come back; a page is asked for only once the one before it is painted, and its image (~34 MB) is
kept only while copies of it remain to print.

The PDF bytes stay in memory (a QBuffer): a case's papers are never written to a temporary file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 300  # sharp on paper; a Letter page is then ~34 MB as an image, not ~540 MB at 1200 dpi
POINTS_PER_INCH = 72
STRIP_ROWS = 32  # image rows painted per turn of the event loop: a few ms of the printer's image encoding


class PrinterNotReady(Exception):
    """The printer (or the PDF file it writes) could not be opened: nothing was printed."""


class PrintingStopped(Exception):
    """The run was stopped part-way (the app is quitting): the printer was told to drop the job."""


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


@dataclass(frozen=True)
class _Page:
    """One page of one job, as it is painted."""

    job: int
    page: int
    image_size: QSize  # what QtPdf renders, at the render resolution
    target: QRect  # where it goes on the paper, in printer pixels


class PaperRun(QObject):
    """One print run: every job's pages, each job `copies` times (collated), onto `printer`.

    Create and start it on the UI thread; it reports there: `sheet_printed(done, total)` after each sheet,
    then `finished(sheets)` or `failed(exception)` (PrinterNotReady when the printer cannot start; a
    damaged PDF fails in `start`, before anything reaches the printer). A started run keeps itself alive
    until it has reported.
    """

    sheet_printed = Signal(int, int)
    finished = Signal(int)
    failed = Signal(object)

    def __init__(self, printer: QPrinter, jobs: Sequence[PaperJob]) -> None:
        super().__init__()
        self._printer = printer
        self._jobs = list(jobs)
        self._pdfs: list[LoadedPdf] = []
        # One render thread for the run, given each document in turn.
        self._renderer = QPdfPageRenderer(self)
        self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self._renderer.pageRendered.connect(self._on_rendered)
        self._renderer_job = -1  # the job whose document the renderer holds
        self._sheets: list[_Page] = []  # in printing order: each job's pages, `copies` times over
        self._printed = 0
        # The current job's pages that have copies left to print, by page alone: a job's sheets follow each
        # other in _sheets, so no other job's page is kept here.
        self._images: dict[int, QImage] = {}
        self._copies_left: Counter[tuple[int, int]] = Counter()  # (job, page): sheets of it not printed yet
        self._rendering = False
        self._painter = QPainter()
        self._image = QImage()  # the sheet being painted
        self._next_row = 0  # its first row not painted yet
        self._strips = QTimer(self)  # a strip per turn: the turns between them are the UI's
        self._strips.setInterval(0)
        self._strips.timeout.connect(self._paint_strip)
        self._outcome: int | BaseException | None = None  # how the run ended, until reported

    def start(self) -> None:
        """Open the documents (ValueError if one is damaged: nothing is printed), then print."""
        self._pdfs = [LoadedPdf(job.pdf) for job in self._jobs]
        self._printer.setFullPage(True)  # the PDFs carry their own margins
        paper = self._printer.pageLayout().fullRectPixels(self._printer.resolution())
        dpi = min(self._printer.resolution(), MAX_RENDER_DPI)
        for index, (job, loaded) in enumerate(zip(self._jobs, self._pdfs, strict=True)):
            pages = []
            for page in range(loaded.page_count()):
                points = loaded.document.pagePointSize(page)
                size = QSize(
                    round(points.width() * dpi / POINTS_PER_INCH),
                    round(points.height() * dpi / POINTS_PER_INCH),
                )
                # Scaled to fit and centred: a Letter page prints whole on A4 paper too.
                scale = min(paper.width() / points.width(), paper.height() / points.height())
                width, height = round(points.width() * scale), round(points.height() * scale)
                target = QRect((paper.width() - width) // 2, (paper.height() - height) // 2, width, height)
                pages.append(_Page(index, page, size, target))
            self._sheets.extend(pages * job.copies)
        self._copies_left.update((page.job, page.page) for page in self._sheets)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        _RUNNING.add(self)
        if not self._painter.begin(self._printer):
            self._end(PrinterNotReady())
            return
        self._next_sheet()

    def stop(self) -> None:
        """Drop the rest of the job (the app is quitting): the printer is told to drop what it has."""
        if self._outcome is None and self._painter.isActive():
            self._printer.abort()
            self._end(PrintingStopped())

    def _next_sheet(self) -> None:
        if self._printed == len(self._sheets):
            self._end(self._printed)
            return
        if self._printed and not self._printer.newPage():
            self._end(PrinterNotReady())
            return
        page = self._sheets[self._printed]
        if page.job != self._renderer_job:  # nothing is rendering now: it may change documents
            self._renderer.setDocument(self._pdfs[page.job].document)
            self._renderer_job = page.job
        if page.page in self._images:  # a further copy
            self._paint(self._images[page.page])
            return
        self._rendering = True
        self._renderer.requestPage(page.page, page.image_size, QPdfDocumentRenderOptions())

    def _on_rendered(self, page: int, _size: QSize, image: QImage, *_request: object) -> None:
        self._rendering = False
        if self._outcome is not None:  # stopped while this page rendered: its document may close now
            self._report()
        elif image.isNull():
            self._end(ValueError("a page could not be rendered for the printer"))
        else:
            self._images[page] = image
            self._paint(image)

    def _paint(self, image: QImage) -> None:
        self._image, self._next_row = image, 0
        self._strips.start()

    def _paint_strip(self) -> None:
        image, top, target = self._image, self._next_row, self._sheets[self._printed].target
        bottom = min(top + STRIP_ROWS, image.height())
        scale = target.height() / image.height()
        # Rounded edges are shared by neighbouring strips: no gap and no overlap between them.
        y_top, y_bottom = target.y() + round(top * scale), target.y() + round(bottom * scale)
        strip = image.copy(0, top, image.width(), bottom - top)
        self._painter.drawImage(QRect(target.x(), y_top, target.width(), y_bottom - y_top), strip)
        self._next_row = bottom
        if bottom < image.height():
            return
        self._strips.stop()
        self._image = QImage()
        sheet = self._sheets[self._printed]
        self._copies_left[sheet.job, sheet.page] -= 1
        if not self._copies_left[sheet.job, sheet.page]:
            del self._images[sheet.page]  # its last copy: ~34 MB freed before the next page renders
        self._printed += 1
        self.sheet_printed.emit(self._printed, len(self._sheets))
        self._next_sheet()

    def _end(self, outcome: int | BaseException) -> None:
        self._strips.stop()
        if self._painter.isActive():
            self._painter.end()
        self._outcome = outcome
        if not self._rendering:  # else once the page QtPdf is rendering has come back
            self._report()

    def _report(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self.stop)
        self._close_documents()
        outcome = self._outcome
        if isinstance(outcome, BaseException):
            self.failed.emit(outcome)
        else:
            self.finished.emit(outcome)
        # Not from inside this object's own slot: once the event loop is back.
        QTimer.singleShot(0, partial(_RUNNING.discard, self))

    def _close_documents(self) -> None:
        self._images.clear()
        self._renderer.setDocument(None)  # type: ignore[arg-type]  # QtPdf takes nullptr: no document
        for loaded in self._pdfs:
            loaded.close()
        self._pdfs.clear()


_RUNNING: set[PaperRun] = set()  # started runs, kept alive until they have reported
