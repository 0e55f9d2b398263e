"""PDF pages onto a QPrinter without holding up the UI.

Each page is rendered by QtPdf's own render thread (QPdfPageRenderer, multi-threaded) to an image at the
printer's resolution, capped so a 1200 dpi printer does not cost a gigabyte per page, and a worker thread
paints the images onto the printer, scaled to fit the paper. Qt allows a QPainter on a QPrinter outside
the GUI thread ("Thread-Support in Qt Modules": QImage, QPrinter and QPicture), as long as one thread at a
time paints on it: the printer is set up on the UI thread, then left alone until the run has finished.

Three things keep the event loop turning while a run goes on. PySide keeps the GIL through a Qt call, so
the worker paints a page in strips (calls of a few ms) rather than in one call of a few hundred ms. No QtPdf
call is made on the UI thread while a page renders (QtPdf runs every call under one lock): all the
documents are opened before the first page is asked for and closed after the last one has come back. And
a page is rendered only while the worker waits, so at most one of the two keeps a core busy.

The PDF bytes stay in memory (a QBuffer): a case's papers are never written to a temporary file.
"""

from __future__ import annotations

import queue
import threading
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
STRIP_ROWS = 32  # image rows painted per call: a few ms of the printer's image encoding


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
    """One page of one job, as the worker paints it."""

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
    # From the worker to this object's slots, which run on the UI thread (queued): a page painted (the
    # next may be rendered), a sheet painted, the end. The public signals are emitted there, so whatever
    # they reach runs on the UI thread.
    _page_painted = Signal()
    _sheet_painted = Signal(int, int)
    _stopped = Signal(object)

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
        self._pages: list[_Page] = []
        self._next_request = 0  # index into _pages of the next page to ask QtPdf for
        self._rendering = False
        self._unpainted = False  # a rendered page is with the worker, not painted yet
        self._rendered: queue.Queue[QImage | None] = queue.Queue()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._outcome: int | BaseException | None = None  # the worker's, until reported
        self._page_painted.connect(self._on_page_painted)
        self._sheet_painted.connect(self.sheet_printed)
        self._stopped.connect(self._on_stopped)

    @property
    def total_sheets(self) -> int:
        return sum(len(self._pages_of(index)) * job.copies for index, job in enumerate(self._jobs))

    def start(self) -> None:
        """Open the documents (ValueError if one is damaged: nothing is printed), then print."""
        self._pdfs = [LoadedPdf(job.pdf) for job in self._jobs]
        self._printer.setFullPage(True)  # the PDFs carry their own margins
        paper = self._printer.pageLayout().fullRectPixels(self._printer.resolution())
        dpi = min(self._printer.resolution(), MAX_RENDER_DPI)
        for index, loaded in enumerate(self._pdfs):
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
                self._pages.append(_Page(index, page, size, target))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._worker = threading.Thread(target=self._work, name="burner-desk-paper")
        _RUNNING.add(self)
        self._worker.start()
        self._request_next()

    def stop(self) -> None:
        """Drop the rest of the job and wait for the worker (the app is quitting)."""
        self._stop.set()
        self._rendered.put(None)
        if self._worker is not None:
            self._worker.join()

    # --- UI thread: asking QtPdf for pages, one at a time ---------------------------------------------

    def _request_next(self) -> None:
        # Never while the worker paints: on a two-core laptop, QtPdf rendering and the worker painting at
        # once would leave the UI thread no core (stalls of 100-250 ms, measured on a busy machine). It
        # also keeps one page image (~34 MB) in memory at a time.
        if self._rendering or self._unpainted or self._next_request >= len(self._pages):
            return
        page = self._pages[self._next_request]
        self._next_request += 1
        self._rendering = True
        if self._renderer_job != page.job:  # nothing is rendering now: it may change documents
            self._renderer.setDocument(self._pdfs[page.job].document)
            self._renderer_job = page.job
        self._renderer.requestPage(page.page, page.image_size, QPdfDocumentRenderOptions())

    def _on_rendered(self, _page: int, _size: QSize, image: QImage, *_request: object) -> None:
        self._rendering = False
        if self._outcome is not None:  # the worker stopped early; this was the last page in flight
            self._report()
            return
        self._unpainted = True
        self._rendered.put(image)

    def _on_page_painted(self) -> None:
        self._unpainted = False
        self._request_next()

    def _on_stopped(self, outcome: int | BaseException) -> None:
        if self._worker is not None:
            self._worker.join()  # it has returned or is about to
        self._outcome = outcome
        if not self._rendering:  # else once the page QtPdf is rendering has come back
            self._report()

    def _report(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self.stop)
        self._close_documents()
        outcome, self._outcome = self._outcome, None
        if isinstance(outcome, BaseException):
            self.failed.emit(outcome)
        elif outcome is not None:
            self.finished.emit(outcome)
        # Not from inside this object's own slot: once the event loop is back.
        QTimer.singleShot(0, partial(_RUNNING.discard, self))

    def _close_documents(self) -> None:
        self._renderer.setDocument(None)  # type: ignore[arg-type]  # QtPdf takes nullptr: no document
        for loaded in self._pdfs:
            loaded.close()
        self._pdfs.clear()

    def _pages_of(self, job: int) -> list[_Page]:
        return [page for page in self._pages if page.job == job]

    # --- the worker: painting --------------------------------------------------------------------------

    def _work(self) -> None:
        try:
            outcome: int | BaseException = self._paint_all()
        except BaseException as exc:  # handed to the UI thread, which reports it
            outcome = exc
        self._stopped.emit(outcome)

    def _paint_all(self) -> int:
        painter = QPainter()
        if not painter.begin(self._printer):
            raise PrinterNotReady
        total, printed = self.total_sheets, 0
        try:
            for index, job in enumerate(self._jobs):
                pages = self._pages_of(index)
                images: list[QImage] = []  # kept for the next copies
                for copy in range(job.copies):
                    for number, page in enumerate(pages):
                        if copy == 0:
                            images.append(self._take_rendered())
                        if printed and not self._printer.newPage():
                            raise PrinterNotReady
                        self._paint_page(painter, images[number], page.target)
                        if copy == 0:
                            self._page_painted.emit()
                        printed += 1
                        self._sheet_painted.emit(printed, total)
        except PrintingStopped:
            self._printer.abort()
            raise
        finally:
            painter.end()
        return printed

    def _take_rendered(self) -> QImage:
        image = self._rendered.get()
        if image is None or self._stop.is_set():
            raise PrintingStopped
        if image.isNull():
            raise ValueError("a page could not be rendered for the printer")
        return image

    def _paint_page(self, painter: QPainter, image: QImage, target: QRect) -> None:
        scale = target.height() / image.height()
        for top in range(0, image.height(), STRIP_ROWS):
            if self._stop.is_set():
                raise PrintingStopped
            bottom = min(top + STRIP_ROWS, image.height())
            # Rounded edges are shared by neighbouring strips: no gap and no overlap between them.
            y_top, y_bottom = target.y() + round(top * scale), target.y() + round(bottom * scale)
            strip = image.copy(0, top, image.width(), bottom - top)
            painter.drawImage(QRect(target.x(), y_top, target.width(), y_bottom - y_top), strip)


_RUNNING: set[PaperRun] = set()  # started runs, kept alive until they have reported
