"""The Co-response view (issue 19): the newest ACORP calls, one call read whole, "New call…" for the team,
a clinician's note for clinicians, and (for supervisors, until the Program view takes it in) the pilot's
figures. Police roles read a call's disposition and referrals; a clinician's notes never reach them (the
service leaves them out, and this view says so)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.people import Role
from burner_desk.domain.permissions import Op
from burner_desk.services import coresponse, printouts
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse import words
from burner_desk.ui.coresponse.call_dialog import NoteAmendDialog, own_notes
from burner_desk.ui.coresponse.call_form import SEARCH_PAUSE_MS, CallForm
from burner_desk.ui.coresponse.call_text import call_html, when_text
from burner_desk.ui.errors import message_for
from burner_desk.ui.printing.print_dialog import PDF_FOLDER_KEY, AskForPdfPath, ask_with_file_dialog
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

ENTITIES = frozenset({"co_response_call", "clinician_note", "person"})


def _pilot_hours(call: coresponse.CallView) -> str:
    return (
        QCoreApplication.translate("ui.coresponse.view", "within")
        if call.within_pilot_hours
        else QCoreApplication.translate("ui.coresponse.view", "outside")
    )


def calls_model() -> RowsModel[coresponse.CallView]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.coresponse.view", "When"), when_text),
            Column(QCoreApplication.translate("ui.coresponse.view", "Pilot hours"), _pilot_hours),
            Column(QCoreApplication.translate("ui.coresponse.view", "Person"), lambda c: c.person_name),
            Column(
                QCoreApplication.translate("ui.coresponse.view", "Source"), lambda c: words.source(c.source)
            ),
            Column(QCoreApplication.translate("ui.coresponse.view", "Where"), lambda c: c.block),
            Column(
                QCoreApplication.translate("ui.coresponse.view", "Disposition"),
                lambda c: words.disposition(c.disposition),
            ),
        ]
    )


class CoResponseView(QWidget):
    def __init__(self, context: ViewContext, ask_for_pdf_path: AskForPdfPath = ask_with_file_dialog) -> None:
        super().__init__()
        self._context = context
        self._ask_for_pdf_path = ask_for_pdf_path
        self.setAccessibleName(self.tr("Co-response calls"))
        self.form: CallForm | None = None
        self.shown: coresponse.CallView | None = None
        actor = context.signed_in.actor
        self.new_button = QPushButton(self.tr("&New co-response call…"))
        self.new_button.setAccessibleName(self.tr("Record a new co-response call"))
        self.new_button.setEnabled(context.may("co_response_call", Op.INSERT))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_call)
        self.message = MessageLabel(self.tr("Co-response message"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Find calls by the person's name or phone"))
        self.search.setPlaceholderText(self.tr("Find calls by name or phone (empty: the newest calls)"))
        self.search.setClearButtonEnabled(True)
        for clear_button in self.search.findChildren(QToolButton):  # Qt's own, unnamed
            clear_button.setAccessibleName(self.tr("Clear search"))
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _text: self.search_timer.start())
        self.model = calls_model()
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Newest co-response calls"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = QLabel(self.tr("Pick a call to read it."))
        self.detail.setAccessibleName(self.tr("The call"))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("A clinician's note on this call"))
        self.note.setFixedHeight(70)
        self.add_note_button = QPushButton(self.tr("Add note"))
        self.add_note_button.setAccessibleName(self.tr("Add the clinician's note to this call"))
        self.add_note_button.clicked.connect(self.add_note)
        self.amend_button = QPushButton(self.tr("&Amend call…"))
        self.amend_button.setAccessibleName(self.tr("Amend the call"))
        self.amend_button.setEnabled(False)
        self.amend_button.clicked.connect(self.amend_call)
        self.amend_note_button = QPushButton(self.tr("Amend &my note…"))
        self.amend_note_button.setAccessibleName(self.tr("Amend your clinician's note on this call"))
        self.amend_note_button.setEnabled(False)
        self.amend_note_button.clicked.connect(self.amend_note)
        self.amendment: QDialog | None = None  # the amendment opened last
        note_box = QWidget()
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.note)
        note_buttons = QHBoxLayout()
        note_buttons.addStretch(1)
        note_buttons.addWidget(self.amend_note_button)
        note_buttons.addWidget(self.add_note_button)
        note_layout.addLayout(note_buttons)
        self.sheet_button = QPushButton(self.tr("Save referral sheet as PDF…"))
        self.sheet_button.setAccessibleName(self.tr("Save the call's referral sheet as a PDF"))
        self.sheet_button.setEnabled(False)
        self.sheet_button.clicked.connect(self.save_referral_sheet)
        self.note.setEnabled(False)
        self.add_note_button.setEnabled(False)

        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.detail)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(detail_scroll, 1)
        call_buttons = QHBoxLayout()
        call_buttons.addStretch(1)
        call_buttons.addWidget(self.amend_button)
        call_buttons.addWidget(self.sheet_button)
        right_layout.addLayout(call_buttons)
        right_layout.addWidget(note_box)
        note_box.setVisible(actor.role is Role.CLINICIAN)  # in the layout first, or it opens as a window
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Co-response calls"))
        heading.setObjectName("section")
        top.addWidget(heading, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        context.changes.changed.connect(self._changed)
        self.refresh()

    def _changed(self, entities: frozenset[str]) -> None:
        if entities & ENTITIES:
            self._refresh_when_shown()

    def refresh(self) -> None:
        uow, actor, query = self._context.signed_in.uow, self._context.signed_in.actor, self.search.text()
        self._context.tasks.run_db(
            lambda: (
                coresponse.search_calls(uow, actor, query)
                if query.strip()
                else coresponse.recent_calls(uow, actor)
            ),
            on_done=while_alive(self, self.model.set_rows),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def new_call(self) -> None:
        self.form = CallForm(self._context, self)
        self.form.saved.connect(self._call_saved)
        self.form.open()

    def _call_saved(self, view: coresponse.CallView) -> None:
        self.message.show_info(
            self.tr("Call with {0} saved: {1}.").format(view.person_name, words.disposition(view.disposition))
        )
        self.show_call(view)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        call = self.model.row_at(rows[0]) if rows else None
        if call is None:
            return
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(
            lambda: coresponse.call_detail(uow, actor, call.call_id),
            on_done=while_alive(self, self.show_call),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def show_call(self, call: coresponse.CallView) -> None:
        self.shown = call
        self.detail.setText(call_html(call))
        self.note.setEnabled(True)
        self.add_note_button.setEnabled(True)
        self.sheet_button.setEnabled(True)
        self.amend_button.setEnabled(self._context.may("co_response_call", Op.UPDATE))
        self.amend_note_button.setEnabled(bool(own_notes(self._context, call)))

    def amend_call(self) -> None:
        if self.shown is not None and self.amend_button.isEnabled():
            form = CallForm(self._context, self, amending=self.shown)
            form.saved.connect(self._amended)
            self.amendment = form
            form.open()

    def amend_note(self) -> None:
        if self.shown is not None and self.amend_note_button.isEnabled():
            dialog = NoteAmendDialog(self._context, self.shown, self)
            dialog.saved.connect(self._amended)
            self.amendment = dialog
            dialog.open()

    def _amended(self, call: coresponse.CallView) -> None:
        self.message.show_info(self.tr("Amendment saved."))
        self.show_call(call)

    def save_referral_sheet(self) -> None:
        """The referral sheet of the call shown (printing/referral.py), in English, to a file the person
        picks; written and audited on the DB executor. The file is named for the document, never the person."""
        call = self.shown
        if call is None:
            return
        folder = str(
            self._context.settings.value(PDF_FOLDER_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen = self._ask_for_pdf_path(
            self, self.tr("referral sheet"), str(Path(folder) / "referral-sheet-en.pdf")
        )
        if not chosen:
            self.message.show_info(self.tr("Saving cancelled: nothing was saved."))
            return
        target = Path(chosen).parent / printouts.pdf_file_name(Path(chosen).name)
        self._context.settings.setValue(PDF_FOLDER_KEY, str(target.parent))
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor

        def write() -> None:
            target.write_bytes(printouts.render_call_referral_sheet(uow, actor, call.call_id, "en"))
            printouts.record_call_print(uow, actor, call.call_id, "en", 1, printouts.Destination.PDF)

        self._context.tasks.run_db(
            write,
            on_done=while_alive(
                self,
                lambda _none: self.message.show_info(
                    self.tr("Referral sheet saved in {0}.").format(target.parent)
                ),
            ),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def add_note(self) -> None:
        call, text = self.shown, self.note.toPlainText()
        if call is None:
            return
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        self._context.tasks.run_db(
            lambda: coresponse.add_clinician_note(uow, actor, call.call_id, text, now),
            on_done=while_alive(self, self._note_added),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def _note_added(self, call: coresponse.CallView) -> None:
        self.note.clear()
        self.message.show_info(self.tr("Note added."))
        self.show_call(call)
