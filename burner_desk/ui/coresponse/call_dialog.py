"""A co-response call opened from elsewhere (a person's timeline in Cases), and the corrections of a saved
call: the call itself (the call form, amending) and a clinician's own note (NoteAmendDialog).

Who may amend what is domain.permissions': the team and supervisors amend a call; a clinician amends only
the notes they wrote, and police roles never see a note to amend (services.coresponse leaves them out).
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.permissions import Op
from burner_desk.services import coresponse
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse.call_form import CallForm
from burner_desk.ui.coresponse.call_text import call_html
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import time_or_day
from burner_desk.ui.widgets.screen_fit import fit_to_screen

DIALOG_SIZE = (640, 560)


def own_notes(context: ViewContext, call: coresponse.CallView) -> list[coresponse.ClinicianNoteView]:
    """The notes on `call` the signed-in user wrote: the only ones they may amend."""
    user_id = context.signed_in.actor.user_id
    return [note for note in call.clinician_notes if note.by_user_id == user_id]


class NoteAmendDialog(QDialog):
    """Correct one of your own clinician's notes on a call. `saved` carries the call as it now reads."""

    saved = Signal(object)

    def __init__(
        self, context: ViewContext, call: coresponse.CallView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._saving = False
        self.setWindowTitle(self.tr("Amend your clinician's note"))
        self.setAccessibleName(self.tr("Amend your clinician's note"))
        self.notes = own_notes(context, call)
        self.which = QComboBox()
        self.which.setAccessibleName(self.tr("Which of your notes"))
        for note in self.notes:
            self.which.addItem(time_or_day(note.at), str(note.note_id))
        self.which.setCurrentIndex(len(self.notes) - 1)  # the newest: the one most often corrected
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("The note as it should read"))
        self.which.currentIndexChanged.connect(self._show_note)
        self.message = MessageLabel(self.tr("Note amendment message"))
        self.save_button = QPushButton(self.tr("Save amended note"))
        self.save_button.setAccessibleName(self.tr("Save the amended note"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel: the note stays as it was"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("A treatment record: police roles never see it. The change is audited."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.which)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.which.setVisible(len(self.notes) > 1)  # in the layout first, or it opens as a window
        fit_to_screen(self, 560, 320)
        self._show_note()
        self.setFocusProxy(self.text)

    def _show_note(self) -> None:
        if self.notes:
            self.text.setPlainText(self.notes[self.which.currentIndex()].note)

    def save(self) -> None:
        if self._saving or not self.notes:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.message.clear()
        note_id, text = self.notes[self.which.currentIndex()].note_id, self.text.toPlainText()
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        self._context.tasks.run_db(
            lambda: coresponse.amend_clinician_note(uow, actor, note_id, text, now),
            on_done=while_alive(self, self._saved),
            on_error=while_alive(self, self._refused),
        )

    def _saved(self, call: coresponse.CallView) -> None:
        self.saved.emit(call)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.message.show_error(message_for(exc))


class CallDialog(QDialog):
    """One call read whole, opened from a person's timeline, with its corrections where permitted."""

    def __init__(self, context: ViewContext, call_id: UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.call: coresponse.CallView | None = None
        self.amendment: QDialog | None = None  # the amendment opened last
        self.setWindowTitle(self.tr("Co-response call"))
        self.setAccessibleName(self.tr("Co-response call"))
        self.detail = QLabel(self.tr("Opening the call…"))
        self.detail.setAccessibleName(self.tr("The call"))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        self.message = MessageLabel(self.tr("Call message"))
        self.amend_button = QPushButton(self.tr("&Amend call…"))
        self.amend_button.setAccessibleName(self.tr("Amend the call"))
        self.amend_button.clicked.connect(self.amend_call)
        self.amend_note_button = QPushButton(self.tr("Amend &my note…"))
        self.amend_note_button.setAccessibleName(self.tr("Amend your clinician's note on this call"))
        self.amend_note_button.clicked.connect(self.amend_note)
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close the call"))
        close.clicked.connect(self.reject)
        for button in (self.amend_button, self.amend_note_button):
            button.setEnabled(False)
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.amend_note_button)
        buttons.addWidget(self.amend_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        # In the layout first: made visible before, it would open as a window of its own.
        self.amend_note_button.setVisible(context.may("clinician_note", Op.UPDATE))
        fit_to_screen(self, *DIALOG_SIZE)
        self._load(call_id)

    def _load(self, call_id: UUID) -> None:
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(
            lambda: coresponse.call_detail(uow, actor, call_id),
            on_done=while_alive(self, self.show_call),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def show_call(self, call: coresponse.CallView) -> None:
        self.call = call
        self.detail.setText(call_html(call))
        self.amend_button.setEnabled(self._context.may("co_response_call", Op.UPDATE))
        self.amend_note_button.setEnabled(bool(own_notes(self._context, call)))

    def amend_call(self) -> None:
        if self.call is not None and self.amend_button.isEnabled():
            form = CallForm(self._context, self, amending=self.call)
            form.saved.connect(self._amended)
            self.amendment = form
            form.open()

    def amend_note(self) -> None:
        if self.call is not None and self.amend_note_button.isEnabled():
            dialog = NoteAmendDialog(self._context, self.call, self)
            dialog.saved.connect(self._amended)
            self.amendment = dialog
            dialog.open()

    def _amended(self, call: coresponse.CallView) -> None:
        self.show_call(call)
        self.message.show_info(self.tr("Amendment saved."))
