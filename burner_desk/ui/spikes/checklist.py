"""Acknowledging a spike alert with a note, and the Spike Response checklist it opens: four steps ticked
by whoever does them (saved and synced at once), and the public alert printed in English or Spanish off
the UI thread (ui/printing/print_run.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.spikes import ResponseStep
from burner_desk.services import printouts, spikes
from burner_desk.services.printouts import Destination
from burner_desk.ui.cases.actions import ActionDialog
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.printing import print_run
from burner_desk.ui.printing.print_dialog import (
    PDF_FOLDER_KEY,
    AskForPdfPath,
    AskForPrinter,
    ask_with_file_dialog,
    ask_with_print_dialog,
)
from burner_desk.ui.printing.print_run import NoPrinter
from burner_desk.ui.spikes.words import SpikeCounts, alert_text, area_name
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel

PUBLIC_ALERT_FILE = "public-alert-{lang}.pdf"  # names the area's alert, never a person


def step_label(step: ResponseStep) -> str:
    return {
        ResponseStep.PUBLIC_ALERT: QCoreApplication.translate(
            "SpikeChecklist", "Public alert printed and posted (English and Spanish)"
        ),
        ResponseStep.NALOXONE_OUTREACH: QCoreApplication.translate(
            "SpikeChecklist", "Naloxone outreach in the area"
        ),
        ResponseStep.TREATMENT_NOTIFIED: QCoreApplication.translate(
            "SpikeChecklist", "Treatment program notified"
        ),
        ResponseStep.DETECTIVES_BRIEFED: QCoreApplication.translate("SpikeChecklist", "Detectives briefed"),
    }[step]


class AcknowledgeDialog(ActionDialog):
    """`acknowledged` carries the spikes.Acknowledgement once it is saved."""

    acknowledged = Signal(object)

    def __init__(self, context: ViewContext, alert: spikes.SpikeAlert, parent: QWidget | None = None) -> None:
        super().__init__(
            context, QCoreApplication.translate("SpikeChecklist", "Acknowledge the spike alert"), parent
        )
        self.area = alert.status.area
        self.save_button.setText(QCoreApplication.translate("SpikeChecklist", "Acknowledge"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            QCoreApplication.translate("SpikeChecklist", "What is being done, by whom")
        )
        self.note.setFixedHeight(90)
        self.add_control(
            "note",
            QCoreApplication.translate("SpikeChecklist", "Note"),
            self.note,
            QCoreApplication.translate(
                "SpikeChecklist", "Every desk reads this note: no names of survivors."
            ),
        )
        self.message.show_info(SpikeCounts().in_last_day(area_name(alert.status), alert.status.incidents))

    def work(self) -> Callable[[], object]:
        context, area, note, now = self.context, self.area, self.note.toPlainText(), self.context.now()
        return lambda: spikes.acknowledge(context.signed_in.uow, context.signed_in.actor, area, note, now)

    def _saved(self, result: object) -> None:
        super()._saved(result)
        self.acknowledged.emit(result)


class SpikeChecklistDialog(QDialog):
    """`ask_for_printer`, `ask_for_pdf_path` and `default_printer` are the system's; tests pass their own."""

    def __init__(
        self,
        context: ViewContext,
        alert: spikes.SpikeAlert,
        just_made: spikes.Acknowledgement | None = None,
        parent: QWidget | None = None,
        *,
        ask_for_printer: AskForPrinter = ask_with_print_dialog,
        ask_for_pdf_path: AskForPdfPath = ask_with_file_dialog,
        default_printer: print_run.DefaultPrinter = QPrinterInfo.defaultPrinter,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._ask_for_printer = ask_for_printer
        self._ask_for_pdf_path = ask_for_pdf_path
        self._default_printer = default_printer
        response = just_made or alert.checklist
        assert response is not None, "the checklist belongs to an acknowledged alert"
        self.response_id: UUID = response.id
        title = QCoreApplication.translate("SpikeChecklist", "Spike Response checklist")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(640)

        heading = QLabel(
            QCoreApplication.translate("SpikeChecklist", "Spike Response: {area}").format(
                area=area_name(alert.status)
            )
        )
        heading.setObjectName("section")
        told = (
            alert
            if just_made is None
            else spikes.SpikeAlert(alert.status, (*alert.acknowledgements, just_made))
        )
        summary = QLabel(alert_text(told))
        summary.setWordWrap(True)
        summary.setAccessibleName(QCoreApplication.translate("SpikeChecklist", "The alert"))
        self.steps: dict[ResponseStep, QCheckBox] = {}
        steps = QVBoxLayout()
        for step in ResponseStep:
            box = QCheckBox(step_label(step))
            box.setAccessibleName(step_label(step))
            box.setChecked(step in response.steps_done)
            box.toggled.connect(lambda done, chosen=step: self.tick(chosen, done))
            self.steps[step] = box
            steps.addWidget(box)

        self.language = QComboBox()
        self.language.setAccessibleName(
            QCoreApplication.translate("SpikeChecklist", "Language of the public alert")
        )
        for lang in printouts.languages():
            self.language.addItem(LANGUAGE_NAMES[lang], lang.value)
        self.print_button = QPushButton(
            QCoreApplication.translate("SpikeChecklist", "Print the public alert")
        )
        self.print_button.setAccessibleName(
            QCoreApplication.translate("SpikeChecklist", "Print the public alert")
        )
        self.print_button.clicked.connect(self.print_public_alert)
        self.save_button = QPushButton(QCoreApplication.translate("SpikeChecklist", "Save as PDF…"))
        self.save_button.setAccessibleName(
            QCoreApplication.translate("SpikeChecklist", "Save the public alert as PDF")
        )
        self.save_button.clicked.connect(self.save_public_alert)
        printing = QHBoxLayout()
        public_alert_label = QLabel(QCoreApplication.translate("SpikeChecklist", "Public alert:"))
        printing.addWidget(public_alert_label)
        printing.addWidget(self.language)
        printing.addWidget(self.print_button)
        printing.addWidget(self.save_button)
        printing.addStretch()

        self.message = MessageLabel(
            QCoreApplication.translate("SpikeChecklist", "Spike Response checklist: message")
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            QCoreApplication.translate("SpikeChecklist", "Close")
        )
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addLayout(steps)
        layout.addLayout(printing)
        layout.addWidget(self.message)
        layout.addWidget(close)

    # --- the steps ---------------------------------------------------------------------------------

    def tick(self, step: ResponseStep, done: bool) -> None:
        context, response_id = self._context, self.response_id
        self.message.clear()
        context.tasks.run_db(
            lambda: spikes.tick(context.signed_in.uow, context.signed_in.actor, response_id, step, done),
            on_error=while_alive(self, lambda exc: self._tick_failed(step, done, exc)),
        )

    def _tick_failed(self, step: ResponseStep, done: bool, exc: BaseException) -> None:
        box = self.steps[step]
        box.blockSignals(True)
        box.setChecked(not done)  # as it is saved
        box.blockSignals(False)
        self.message.show_error(message_for(exc))

    # --- the public alert --------------------------------------------------------------------------

    def print_public_alert(self) -> None:
        try:
            printer = print_run.default_printer(self._default_printer)
        except NoPrinter:
            printer = print_run.letter_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
            if self._ask_for_printer(printer, self) != QDialog.DialogCode.Accepted:
                self.message.show_info(
                    QCoreApplication.translate("SpikeChecklist", "Printing cancelled: nothing was printed.")
                )
                return
        context, response_id, lang, now = self._context, self.response_id, self._lang(), self._context.now()
        uow, actor = context.signed_in.uow, context.signed_in.actor
        self._set_busy(True)
        self.message.show_info(QCoreApplication.translate("SpikeChecklist", "Printing the public alert…"))
        print_run.print_on_paper(
            context,
            printer,
            lambda: [(spikes.render_public_alert(uow, actor, response_id, lang, now), 1)],
            lambda repeats: spikes.record_public_alert_print(
                uow, actor, response_id, lang, repeats, Destination.PRINTER
            ),
            on_done=while_alive(
                self,
                lambda _repeats: self._done(
                    QCoreApplication.translate("SpikeChecklist", "The public alert was printed.")
                ),
            ),
            on_error=while_alive(self, self._failed),
        )

    def save_public_alert(self) -> None:
        lang = self._lang()
        folder = str(
            self._context.settings.value(PDF_FOLDER_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        suggested = str(Path(folder) / PUBLIC_ALERT_FILE.format(lang=lang))
        chosen = self._ask_for_pdf_path(
            self, QCoreApplication.translate("SpikeChecklist", "the public alert"), suggested
        )
        if not chosen:
            self.message.show_info(
                QCoreApplication.translate("SpikeChecklist", "Saving cancelled: nothing was saved.")
            )
            return
        target = Path(chosen).parent / printouts.pdf_file_name(Path(chosen).name)
        self._context.settings.setValue(PDF_FOLDER_KEY, str(target.parent))
        context, response_id, now = self._context, self.response_id, self._context.now()
        uow, actor = context.signed_in.uow, context.signed_in.actor

        def write() -> None:  # on the DB executor
            target.write_bytes(spikes.render_public_alert(uow, actor, response_id, lang, now))
            spikes.record_public_alert_print(uow, actor, response_id, lang, 1, Destination.PDF)

        self._set_busy(True)
        context.tasks.run_db(
            write,
            on_done=while_alive(
                self,
                lambda _none: self._done(
                    QCoreApplication.translate("SpikeChecklist", "Saved as {path}.").format(path=target)
                ),
            ),
            on_error=while_alive(self, self._failed),
        )

    def _lang(self) -> str:
        return str(self.language.currentData())

    def _done(self, text: str) -> None:
        self._set_busy(False)
        self.message.show_info(text)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(print_run.problem(exc))

    def _set_busy(self, busy: bool) -> None:
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
