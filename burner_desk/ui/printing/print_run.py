"""Printing a case's documents without holding up the UI: each document rendered from the vault on the DB
executor, its pages painted onto the printer by a paper.PaperRun, and every print audited on the DB
executor once the pages have reached the printer.

The print dialog uses `print_documents` (its "Print all" too). Callbacks come back on the UI thread; a
caller that may be gone by then wraps them in `while_alive`. The print and its audit go on either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.services import heap, printouts
from burner_desk.services.printouts import Destination, PrintableDocument
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.printing import paper

DOC_NAME = "Burner desk documents"  # the print job's name in the printer queue: names no one
NO_PRINTER = QT_TRANSLATE_NOOP(
    "ui.printing.print_run",
    "No printer is set up on this laptop. Save as PDF instead, or ask IT to add the portable printer.",
)
PRINTER_NOT_READY = QT_TRANSLATE_NOOP(
    "ui.printing.print_run",
    "The printer could not be started: nothing was printed. Check it is on and try again.",
)

OnProgress = Callable[[int, int], None]  # (sheets painted, sheets in the run)
OnPrinted = Callable[[list["PrintJob"]], None]
OnError = Callable[[BaseException], None]
DefaultPrinter = Callable[[], QPrinterInfo]


class NoPrinter(BurnerDeskError):
    """No default printer is set up on this laptop."""

    def __init__(self) -> None:
        super().__init__(translated("ui.printing.print_run", NO_PRINTER))


@dataclass(frozen=True)
class PrintJob:
    document: PrintableDocument
    lang: str
    copies: int


def problem(exc: BaseException) -> str:
    """What to tell the person when a print or a save failed."""
    if isinstance(exc, paper.PrinterNotReady):
        return translated("ui.printing.print_run", PRINTER_NOT_READY)
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "ui.printing.print_run", "The PDF could not be saved there ({strerror}). Choose another folder."
        ).format(strerror=exc.strerror)
    return message_for(exc)


def letter_printer(printer: QPrinter) -> QPrinter:
    """The documents are US Letter; a printer set to A4 still gets each page whole (paper.py scales)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setDocName(DOC_NAME)
    return printer


def default_printer(find: DefaultPrinter = QPrinterInfo.defaultPrinter) -> QPrinter:
    """The laptop's default printer, set up for the documents; NoPrinter when there is none."""
    info = find()
    if info.isNull():
        raise NoPrinter
    return letter_printer(QPrinter(info, QPrinter.PrinterMode.HighResolution))


def render(context: ViewContext, encounter_id: UUID, job: PrintJob) -> bytes:
    """On the DB executor: one document of the case as PDF bytes."""
    signed_in = context.signed_in
    return printouts.render(
        signed_in.uow, signed_in.actor, encounter_id, job.document.key, job.lang, now=context.now()
    )


def audit(
    context: ViewContext, encounter_id: UUID, jobs: Sequence[PrintJob], destination: Destination
) -> None:
    """On the DB executor: one audit event per document printed or saved."""
    signed_in = context.signed_in
    for job in jobs:
        printouts.record_print(
            signed_in.uow,
            signed_in.actor,
            encounter_id,
            job.document.key,
            job.lang,
            job.copies,
            destination,
        )


def print_documents(
    context: ViewContext,
    encounter_id: UUID,
    printer: QPrinter,
    jobs: Sequence[PrintJob],
    *,
    on_done: OnPrinted,
    on_error: OnError,
    on_progress: OnProgress | None = None,
) -> None:
    """Every job onto `printer`; `on_done` gets the jobs as printed, once their audit is written (the copies
    include the system print dialog's own count, which repeats the whole run). `on_error` gets
    paper.PrinterNotReady when the printer cannot start; nothing is audited then."""
    chosen = list(jobs)

    def as_printed(repeats: int) -> list[PrintJob]:
        return [replace(job, copies=job.copies * repeats) for job in chosen]

    print_on_paper(
        context,
        printer,
        lambda: [(render(context, encounter_id, job), job.copies) for job in chosen],
        lambda repeats: audit(context, encounter_id, as_printed(repeats), Destination.PRINTER),
        on_done=lambda repeats: on_done(as_printed(repeats)),
        on_error=on_error,
        on_progress=on_progress,
    )


def print_on_paper(
    context: ViewContext,
    printer: QPrinter,
    render_all: Callable[[], Sequence[tuple[bytes, int]]],
    record: Callable[[int], None],
    *,
    on_done: Callable[[int], None],
    on_error: OnError,
    on_progress: OnProgress | None = None,
) -> None:
    """Any printout onto `printer`: `render_all` (on the DB executor) gives each PDF with its copies, the
    pages are painted by a paper.PaperRun, then `record` (on the DB executor) audits the print, given how
    many times the system print dialog repeats the whole run; `on_done` gets that number too."""
    # As a sync does: reportlab's many objects set off full collections (services.heap).
    hand_back = heap.set_aside()

    def done(repeats: int) -> None:
        hand_back()
        on_done(repeats)

    def failed(exc: BaseException) -> None:
        hand_back()
        on_error(exc)

    def paint(pdfs: Sequence[tuple[bytes, int]]) -> None:
        run = paper.PaperRun(printer, [paper.PaperJob(pdf, copies) for pdf, copies in pdfs])
        if on_progress is not None:
            run.sheet_printed.connect(on_progress)
        run.finished.connect(lambda _sheets: audit_run())
        run.failed.connect(failed)
        try:
            run.start()
        except ValueError as exc:  # a damaged PDF: refused before anything reached the printer
            failed(exc)

    def audit_run() -> None:
        repeats = max(1, printer.copyCount())
        context.tasks.run_db(
            lambda: record(repeats), on_done=lambda _recorded: done(repeats), on_error=failed
        )

    context.tasks.run_db(render_all, on_done=paint, on_error=failed)
