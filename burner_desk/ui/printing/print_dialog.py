"""The print dialog of a case: which documents, in which language, how many copies; then Qt's print
dialog, the default printer in one click, or PDF files.

Printing goes through print_run: documents rendered on the DB executor, pages painted onto the printer a
strip per turn of the event loop (the dialog shows how far it got and stays responsive), each print
audited after the pages reached the printer; a save is audited after each file is written. A missing printer or a
cancelled dialog says so and keeps every choice on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from burner_desk.services import printouts
from burner_desk.services.printouts import Destination, DocumentKind, PrintableDocument
from burner_desk.ui.context import ViewContext
from burner_desk.ui.i18n import translated
from burner_desk.ui.printing import print_run
from burner_desk.ui.printing.print_run import NoPrinter, PrintJob
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.numbers import number

PRINT_CANCELLED = QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Printing cancelled: nothing was printed.")
SAVE_CANCELLED = QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Saving cancelled: nothing was saved.")
NOTHING_CHOSEN = QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Tick at least one document.")
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
DOCUMENT_TITLES = {
    DocumentKind.REFERRAL_SHEET: QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Referral sheet"),
    DocumentKind.PROPERTY_RECEIPT: QT_TRANSLATE_NOOP(
        "ui.printing.print_dialog", "Property receipt (two copies)"
    ),
    DocumentKind.CONSENT_FORM: QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Consent form"),
    DocumentKind.PACKING_LIST: QT_TRANSLATE_NOOP("ui.printing.print_dialog", "Recovery-bag packing list"),
}
PDF_FOLDER_KEY = "printing/pdf_folder"  # cosmetic: where the last PDF was saved

AskForPrinter = Callable[[QPrinter, QWidget], QDialog.DialogCode]
AskForPdfPath = Callable[
    [QWidget, str, str], str
]  # (parent, document title, suggested path) -> "" if cancelled


def ask_with_print_dialog(printer: QPrinter, parent: QWidget) -> QDialog.DialogCode:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ui.printing.print_dialog", "Print documents"))
    return QDialog.DialogCode(dialog.exec())


def ask_with_file_dialog(parent: QWidget, title: str, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ui.printing.print_dialog", "Save {title} as PDF").format(title=title),
        suggested,
        QCoreApplication.translate("ui.printing.print_dialog", "PDF files (*.pdf)"),
    )
    return path


def document_title(document: PrintableDocument) -> str:
    """How the dialog lists a document, in the UI's language (the service's title is English)."""
    if document.kind is DocumentKind.FAMILY_SHEET:
        return QCoreApplication.translate("ui.printing.print_dialog", "Family sheet for {name}").format(
            name=document.about
        )
    if document.kind is DocumentKind.REFERRAL_SHEET and document.file_stem.endswith("non-resident"):
        return QCoreApplication.translate("ui.printing.print_dialog", "Referral sheet (non-resident)")
    return translated("ui.printing.print_dialog", DOCUMENT_TITLES.get(document.kind, document.title))


class DocumentRow:
    """One line of the list: print it or not, its language, its copies."""

    def __init__(self, document: PrintableDocument) -> None:
        self.document = document
        self.chosen = QCheckBox(document_title(document))
        self.chosen.setChecked(True)
        self.chosen.setAccessibleName(
            QCoreApplication.translate("DocumentRow", "Print {title}").format(title=document_title(document))
        )
        self.language = QComboBox()
        self.language.setAccessibleName(
            QCoreApplication.translate("DocumentRow", "Language of {title}").format(
                title=document_title(document)
            )
        )
        for lang in printouts.languages():
            self.language.addItem(LANGUAGE_NAMES.get(lang.value, lang.value), lang.value)
        self.language.setCurrentIndex(max(0, self.language.findData(document.default_lang.value)))
        self.copies = QSpinBox()
        self.copies.setRange(1, printouts.MAX_COPIES)
        self.copies.setAccessibleName(
            QCoreApplication.translate("DocumentRow", "Copies of {title}").format(
                title=document_title(document)
            )
        )
        self.chosen.toggled.connect(self.language.setEnabled)
        self.chosen.toggled.connect(self.copies.setEnabled)

    def job(self) -> PrintJob | None:
        if not self.chosen.isChecked():
            return None
        return PrintJob(self.document, str(self.language.currentData()), self.copies.value())


class PrintDialog(QDialog):
    """`ask_for_printer`, `ask_for_pdf_path` and `default_printer` are the system's dialogs and printer
    list; tests pass their own. `printed` carries the jobs (list[PrintJob]) once their pages reached the
    printer or their files, and were audited."""

    printed = Signal(object)

    def __init__(
        self,
        context: ViewContext,
        encounter_id: UUID,
        parent: QWidget | None = None,
        *,
        ask_for_printer: AskForPrinter = ask_with_print_dialog,
        ask_for_pdf_path: AskForPdfPath = ask_with_file_dialog,
        default_printer: print_run.DefaultPrinter = QPrinterInfo.defaultPrinter,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._encounter_id = encounter_id
        self._ask_for_printer = ask_for_printer
        self._ask_for_pdf_path = ask_for_pdf_path
        self._default_printer = default_printer
        self._rows: list[DocumentRow] = []
        self._print_all_when_listed = False
        self.setObjectName("printDialog")
        self.setWindowTitle(self.tr("Print documents"))
        self.setAccessibleName(self.tr("Print documents"))

        intro = QLabel(self.tr("Choose what to print, the language of each and how many copies."))
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(8)
        for column, heading in enumerate((self.tr("Document"), self.tr("Language"), self.tr("Copies"))):
            label = QLabel(heading)
            label.setObjectName("section")
            self._grid.addWidget(label, 0, column)
        self._grid.setColumnStretch(0, 1)
        self.message = MessageLabel(self.tr("Printing status"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sheets sent to the printer"))
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("primary")
        self.print_button.setAccessibleName(self.tr("Print, choosing the printer"))
        self.print_button.setDefault(True)
        self.default_printer_button = QPushButton(self.tr("Print to default printer"))
        self.default_printer_button.setAccessibleName(self.tr("Print to the default printer"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save as PDF files"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the print dialog"))
        self.print_button.clicked.connect(lambda: self._print(choose_printer=True))
        self.default_printer_button.clicked.connect(lambda: self._print(choose_printer=False))
        self.save_button.clicked.connect(self._save_pdfs)
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.default_printer_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(self._grid)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(720)
        self._set_busy(True)
        self._context.tasks.run_db(
            lambda: printouts.documents_for(
                self._context.signed_in.uow, self._context.signed_in.actor, encounter_id
            ),
            on_done=while_alive(self, self._show_documents),
            on_error=while_alive(self, self._failed),
        )

    # --- the list ---------------------------------------------------------------------------------

    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def _show_documents(self, documents: list[PrintableDocument]) -> None:
        for grid_row, document in enumerate(documents, start=1):
            row = DocumentRow(document)
            self._grid.addWidget(row.chosen, grid_row, 0)
            self._grid.addWidget(row.language, grid_row, 1)
            self._grid.addWidget(row.copies, grid_row, 2)
            self._rows.append(row)
        self._set_busy(False)
        if self._rows:
            self._rows[0].chosen.setFocus()
        if self._print_all_when_listed:
            self.print_all()

    def print_all(self) -> None:
        """Every document, each in its default language, to the default printer — or, on a laptop
        without one, the printer the detective picks (the print queue page's default button)."""
        if not self._rows:  # still being listed: print once they are
            self._print_all_when_listed = True
            return
        self._print_all_when_listed = False
        for row in self._rows:
            row.chosen.setChecked(True)
        # On a later turn of the event loop: the turn that lays out the list it was waiting for (or ticks
        # every row) does not also start the print, which made that one turn twice as long.
        QTimer.singleShot(1, self, lambda: self._print(choose_printer=self._default_printer().isNull()))

    def _jobs(self) -> list[PrintJob]:
        return [job for row in self._rows if (job := row.job()) is not None]

    # --- printing ----------------------------------------------------------------------------------

    def _print(self, *, choose_printer: bool) -> None:
        jobs = self._jobs()
        if not jobs:
            self.message.show_error(translated("ui.printing.print_dialog", NOTHING_CHOSEN))
            return
        if choose_printer:
            printer = print_run.letter_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
            if self._ask_for_printer(printer, self) != QDialog.DialogCode.Accepted:
                self.message.show_info(translated("ui.printing.print_dialog", PRINT_CANCELLED))
                return
        else:
            try:
                printer = print_run.default_printer(self._default_printer)
            except NoPrinter as exc:
                self.message.show_error(str(exc))
                return
        self._set_busy(True, self.tr("Preparing %n document(s)…", "", len(jobs)))
        print_run.print_documents(
            self._context,
            self._encounter_id,
            printer,
            jobs,
            on_progress=while_alive(self, self._show_progress),
            on_done=while_alive(self, self._printed),
            on_error=while_alive(self, self._failed),
        )

    def _show_progress(self, sheets: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(sheets)
        self.progress.show()
        self.message.show_info(
            self.tr("Sending the pages to the printer: {sheets} of %n sheet(s)…", "", total).format(
                sheets=number(sheets)
            )
        )

    def _printed(self, jobs: list[PrintJob]) -> None:
        self._recorded(self.tr("Printed {summary}.").format(summary=_summary(jobs)))
        self.printed.emit(jobs)

    # --- saving as PDF -----------------------------------------------------------------------------

    def _save_pdfs(self) -> None:
        jobs = self._jobs()
        if not jobs:
            self.message.show_error(translated("ui.printing.print_dialog", NOTHING_CHOSEN))
            return
        folder = str(
            self._context.settings.value(PDF_FOLDER_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        # Every file is chosen before any is written: a cancel part-way leaves nothing half-saved.
        targets: list[Path] = []
        for job in jobs:
            chosen = self._ask_for_pdf_path(
                self,
                document_title(job.document),
                str(Path(folder) / f"{job.document.file_stem}-{job.lang}.pdf"),
            )
            if not chosen:
                self.message.show_info(translated("ui.printing.print_dialog", SAVE_CANCELLED))
                return
            target = Path(chosen).parent / printouts.pdf_file_name(Path(chosen).name)
            targets.append(target)
            folder = str(target.parent)
        self._context.settings.setValue(PDF_FOLDER_KEY, folder)
        saved = [PrintJob(job.document, job.lang, 1) for job in jobs]
        self._set_busy(True, self.tr("Saving %n PDF file(s)…", "", len(jobs)))
        self._context.tasks.run_db(
            lambda: self._write(list(zip(saved, targets, strict=True))),
            on_done=while_alive(self, lambda _written: self._saved(saved, folder)),
            on_error=while_alive(self, self._failed),
        )

    def _write(self, files: list[tuple[PrintJob, Path]]) -> None:
        """On the DB executor: render, write, and audit the save of each file."""
        for job, target in files:
            target.write_bytes(print_run.render(self._context, self._encounter_id, job))
            print_run.audit(self._context, self._encounter_id, [job], Destination.PDF)

    def _saved(self, jobs: list[PrintJob], folder: str) -> None:
        self._recorded(
            self.tr("Saved {summary} as PDF in {folder}.").format(summary=_summary(jobs), folder=folder)
        )
        self.printed.emit(jobs)

    # --- shared ------------------------------------------------------------------------------------

    def _recorded(self, done: str) -> None:
        self._set_busy(False)
        self.message.show_info(done)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(print_run.problem(exc))

    def _set_busy(self, busy: bool, status: str = "") -> None:
        for button in (self.print_button, self.default_printer_button, self.save_button):
            button.setEnabled(not busy and bool(self._rows))
        if not busy:
            self.progress.hide()
        if status:
            self.message.show_info(status)


def show_print_dialog(context: ViewContext, encounter_id: UUID, parent: QWidget | None = None) -> PrintDialog:
    """For the encounter wizard's print queue and the case view: open the dialog over `parent`."""
    dialog = PrintDialog(context, encounter_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _summary(jobs: list[PrintJob]) -> str:
    def one(job: PrintJob) -> str:
        copies = (
            QCoreApplication.translate("ui.printing.print_dialog", ", {copies} copies").format(
                copies=number(job.copies)
            )
            if job.copies > 1
            else ""
        )
        return f"{document_title(job.document)} ({LANGUAGE_NAMES.get(job.lang, job.lang)}{copies})"

    return "; ".join(one(job) for job in jobs)
