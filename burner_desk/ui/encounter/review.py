"""The last two pages: review everything with "Edit" jumps, save; then the print queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
    QWizard,
)

from burner_desk.domain.consent import FollowUpReach
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Language
from burner_desk.domain.residency import Branch
from burner_desk.services import bedside
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.fields import WizardPage
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.printing.print_dialog import PrintDialog
from burner_desk.ui.widgets.moments import local_time


@dataclass(frozen=True)
class ReviewGroup:
    title: str
    page_key: str
    lines: tuple[str, ...]


class ReviewPage(WizardPage):
    key = "review"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Review")

    def __init__(
        self, summary: Callable[[], list[ReviewGroup]], save: Callable[[], bool], edit: Callable[[str], None]
    ) -> None:
        super().__init__()
        self._summary = summary
        self._save = save
        self._edit = edit
        self.setSubTitle(self.tr("Check everything once more. Saving records the whole encounter at once."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Save encounter"))
        self.groups = QWidget()
        self.grid = QGridLayout(self.groups)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.outer.insertWidget(0, self.groups)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no percentage to give: one transaction
        self.busy.setAccessibleName(self.tr("Saving the encounter"))
        self.busy.setFormat(self.tr("Saving…"))
        self.busy.hide()
        self.outer.insertWidget(1, self.busy)
        self.edit_buttons: dict[str, QPushButton] = {}
        self.finish_layout()

    def initializePage(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.edit_buttons = {}
        try:
            groups = self._summary()
        except ValidationError as exc:  # only when opened directly (show_page), not by Next
            self.message.show_error(
                self.tr("A page before this one is not complete: {message_for}").format(
                    message_for=message_for(exc)
                )
            )
            return
        for index, group in enumerate(groups):
            # Two columns of groups: everything fits on one 1366×768 screen without scrolling. Titles and
            # lines wrap: two columns of them unwrapped were wider than the wizard at 150 %.
            row, column = (index // 2) * 2, (index % 2) * 2
            title = QLabel(group.title)
            title.setObjectName("section")
            title.setWordWrap(True)
            edit = QPushButton(self.tr("Edit"))
            edit.setAccessibleName(self.tr("Edit {title}").format(title=group.title))
            edit.setAutoDefault(False)
            edit.clicked.connect(lambda _checked=False, key=group.page_key: self._edit(key))
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            body = QLabel("\n".join(group.lines))
            body.setAccessibleName(group.title)
            body.setWordWrap(True)
            self.grid.addWidget(title, row, column)
            self.grid.addWidget(edit, row, column + 1, Qt.AlignmentFlag.AlignLeft)
            self.grid.addWidget(body, row + 1, column, 1, 2, Qt.AlignmentFlag.AlignTop)
            self.edit_buttons[group.page_key] = edit

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.setEnabled(not busy)

    def validatePage(self) -> bool:
        self.message.clear()
        return self._save()


def documents_to_print(
    branch: Branch, language: Language, *, family: bool, personal_phone: bool, bag: bool, consent: bool = True
) -> list[str]:
    """What the print path prints for this encounter, in the survivor's language."""
    in_language = (
        QCoreApplication.translate("ui.encounter.review", "English")
        if language is Language.EN
        else QCoreApplication.translate("ui.encounter.review", "Spanish")
    )
    documents = [
        QCoreApplication.translate("ui.encounter.review", "Referral sheet")
        if branch is Branch.RESIDENT
        else QCoreApplication.translate(
            "ui.encounter.review", "Referral sheet (non-resident: their jurisdiction)"
        )
    ]
    if family:
        documents.append(QCoreApplication.translate("ui.encounter.review", "Family resource sheet"))
    if personal_phone:
        documents.append(
            QCoreApplication.translate("ui.encounter.review", "Personal phone property receipt (two copies)")
        )
    if consent:
        documents.append(QCoreApplication.translate("ui.encounter.review", "Consent form"))
    if bag:
        documents.append(QCoreApplication.translate("ui.encounter.review", "Recovery bag packing list"))
    return [f"{document} — {in_language}" for document in documents]


PrintDialogFactory = Callable[[ViewContext, UUID, QWidget], PrintDialog]
NOTHING_PRINTED = QT_TRANSLATE_NOOP(
    "ui.encounter.review",
    "Nothing was printed yet: the survivor leaves with the referral sheet. Enter prints everything; Close again finishes without printing.",
)


class PrintQueuePage(WizardPage):
    """After the save: "Print all" is the default (every document, in its language, to the default
    printer — or the printer the detective picks when the laptop has none); Close asks once when nothing
    was printed."""

    key = "print"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Print")
    finished_printing = Signal()

    def __init__(
        self,
        context: ViewContext,
        documents: Callable[[], list[str]],
        print_dialog: PrintDialogFactory = PrintDialog,
    ) -> None:
        super().__init__()
        self._context = context
        self._documents = documents
        self.print_dialog_factory = print_dialog  # tests print to a PDF file through the dialog's hooks
        self.encounter: bedside.EncounterView | None = None
        self.print_dialog: PrintDialog | None = None
        self.printed = False
        self._asked = False
        self.setFinalPage(True)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setAccessibleName(self.tr("Encounter saved"))
        self.queue = QListWidget()
        self.queue.setAccessibleName(self.tr("Documents to print"))
        self.print_all_button = QPushButton(self.tr("Print all"))
        self.print_all_button.setObjectName("primary")
        self.print_all_button.setAccessibleName(self.tr("Print all the documents"))
        self.print_all_button.clicked.connect(self.print_all)
        self.choose_button = QPushButton(self.tr("Choose what to print…"))
        self.choose_button.setAccessibleName(self.tr("Choose the documents, languages and copies"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.open_print_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_all_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        self.outer.insertWidget(0, self.saved_label)
        self.outer.insertWidget(1, self.queue)
        self.outer.insertLayout(2, buttons)
        self.finish_layout()

    def initializePage(self) -> None:
        view = self.encounter
        if view is not None:
            self.saved_label.setText(
                self.tr("Saved: {person_name}. {value} — due by {local_time}.").format(
                    person_name=view.person_name,
                    value=translated("ui.encounter.review", REACH[view.follow_up_reach]),
                    local_time=local_time(view.follow_up_due_at),
                )
            )
        self.queue.clear()
        self.queue.addItems(self._documents())
        self.setSubTitle(
            self.tr("Enter prints all of these, each in the survivor's or family member's language.")
        )

    def take_enter(self, close_button: QPushButton) -> None:
        """Enter prints first: Print all is the default button, not the wizard's Close."""
        close_button.setDefault(False)
        self.print_all_button.setDefault(True)
        self.print_all_button.setFocus()

    def print_all(self) -> None:
        """The dialog shows the progress and closes itself once everything printed; a problem keeps
        it open with the reason and every choice."""
        dialog = self._dialog(close_when_printed=True)
        if dialog is not None:
            dialog.print_all()

    def open_print_dialog(self) -> None:
        self._dialog(close_when_printed=False)

    def _dialog(self, *, close_when_printed: bool) -> PrintDialog | None:
        if self.encounter is None:
            return None
        dialog = self.print_dialog_factory(self._context, self.encounter.encounter_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(lambda: self._printed(dialog, close_when_printed))
        dialog.finished.connect(lambda _result: self.window().activateWindow())
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def _printed(self, dialog: PrintDialog, close: bool) -> None:
        self.printed = True
        self.message.show_info(
            self.tr("{text} Close when the papers are handed over.").format(text=dialog.message.text())
        )
        if close:
            dialog.accept()
        self.finished_printing.emit()

    def may_close(self) -> bool:
        """Closing with nothing printed is asked about once, on the page; the second Close closes."""
        if self.printed or self._asked:
            return True
        self._asked = True
        self.message.show_error(translated("ui.encounter.review", NOTHING_PRINTED))
        self.print_all_button.setFocus()
        return False

    def validatePage(self) -> bool:
        return self.may_close()


REACH = {
    FollowUpReach.SURVIVOR: QT_TRANSLATE_NOOP(
        "ui.encounter.review", "The treatment program calls them within 48 hours"
    ),
    FollowUpReach.BURNER_PHONE_ONLY: QT_TRANSLATE_NOOP(
        "ui.encounter.review",
        "The program may call only the burner phone it programmed (nothing else was shared)",
    ),
    FollowUpReach.SURVIVOR_CALLS: QT_TRANSLATE_NOOP(
        "ui.encounter.review", "Nobody calls them; they have the numbers to call (nothing was shared)"
    ),
}
