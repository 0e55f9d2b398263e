"""The co-response call form (issue 19): one keyboard-first page, kept as a draft while it is typed.

Tab walks the fields top to bottom; Enter in a line field (or Ctrl+S) saves; Escape closes and keeps the
draft, which the form offers again the next time it opens (services.drafts, as the bedside wizard does).
The person is found among the people already on record (name or phone) so a repeat contact lands on the
same timeline; only when nobody matches are they entered new.

The same form amends a saved call (`amending`): filled in from the call, the person fixed, the draft kept
per call; the clinician's notes are amended on their own (ui.coresponse.call_dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import coresponse as rules
from burner_desk.domain.coresponse import CallSource, Category, Disposition, Substance
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.ids import new_id
from burner_desk.domain.people import Role
from burner_desk.domain.residency import HOME_JURISDICTION
from burner_desk.services import bedside, coresponse, drafts
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse import words
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import ControlRow, FieldRow, MessageLabel
from burner_desk.ui.widgets.moments import time_or_day
from burner_desk.ui.widgets.screen_fit import fit_to_screen

DRAFT_PAUSE_MS = 1500  # typing pause before the draft is kept
SEARCH_PAUSE_MS = 250
FORM_SIZE = (900, 700)  # inside a 1366×768 screen with its taskbar
CHECK_COLUMNS = 3  # the Spanish words of four categories side by side overflow the form's width


class CallForm(QDialog):
    """Record one co-response call, or amend the saved call `amending`. `saved` carries the service's
    CallView once it is stored."""

    saved = Signal(object)

    def __init__(
        self,
        context: ViewContext,
        parent: QWidget | None = None,
        amending: coresponse.CallView | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.amending = amending
        self._draft_kind = coresponse.DRAFT_KIND if amending is None else coresponse.AMEND_DRAFT_KIND
        self.draft_id: UUID = new_id()
        self.offered: drafts.DraftView | None = None
        self.picked: coresponse.PersonMatch | None = None
        self._dirty = False
        self._saving = False
        self._restored_programs: set[str] = set()  # a resumed draft's, for when the programs arrive
        title = self.tr("New co-response call") if amending is None else self.tr("Amend co-response call")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        fit_to_screen(self, *FORM_SIZE)  # smaller at 125 % or 150 %: the form scrolls
        self._build()
        if amending is not None:
            self._fill_from(amending)
        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.keep_draft)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self.search_timer.timeout.connect(self._search)
        self._watch_edits()
        uow, actor = context.signed_in.uow, context.signed_in.actor
        context.tasks.run_db(
            lambda: bedside.referral_programs(uow, HOME_JURISDICTION),
            on_done=self._alive(self._show_programs),
        )
        kind = self._draft_kind
        context.tasks.run_db(lambda: drafts.latest(uow, actor, kind), on_done=self._alive(self._offer_draft))

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        actor = self._context.signed_in.actor
        me = self._context.signed_in.display_name
        self.message = MessageLabel(self.tr("Call form message"))
        self._build_draft_offer()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat))
        self.when_row = ControlRow(self.when, self.tr("When the call came"), " ")
        self.when.dateTimeChanged.connect(lambda _moment: self._show_pilot_hours())
        form.addRow(self.tr("&When"), self.when_row)
        self.source = self._combo({s: words.source(s) for s in CallSource})
        form.addRow(self.tr("&Source"), ControlRow(self.source, self.tr("How the call came")))
        self.block = FieldRow(
            self.tr("Where, to the block"),
            hint=self.tr("A house number is kept only to its block: 1234 → 1200 block"),
        )
        form.addRow(self.tr("Whe&re"), self.block)

        self.officer = FieldRow(self.tr("Officer"))
        self.cit_trained = QCheckBox(self.tr("CIT-trained"))
        self.cit_trained.setAccessibleName(self.tr("Officer is CIT-trained"))
        self.clinician = FieldRow(self.tr("Clinician"))
        if actor.role is Role.CLINICIAN:
            self.clinician.edit.setText(me)
        else:
            self.officer.edit.setText(me)
        officer_line = QWidget()
        officer_layout = QHBoxLayout(officer_line)
        officer_layout.setContentsMargins(0, 0, 0, 0)
        officer_layout.addWidget(self.officer, 1)
        officer_layout.addWidget(self.cit_trained, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("&Officer"), officer_line)
        form.addRow(self.tr("&Clinician"), self.clinician)

        form.addRow(self.tr("&Person"), self._person_box())
        self.categories = self._checks({c: words.category(c) for c in Category}, self.tr("About"))
        form.addRow(self.tr("About"), self.categories[0])
        self.substances = self._checks(
            {s: words.substance(s) for s in Substance}, self.tr("Substance involved")
        )
        form.addRow(self.tr("Substance"), self.substances[0])
        self.actions_taken = QPlainTextEdit()
        self.actions_taken.setTabChangesFocus(True)
        self.actions_taken.setAccessibleName(self.tr("What was done"))
        self.actions_taken.setFixedHeight(54)
        form.addRow(self.tr("What was &done"), self.actions_taken)
        self.disposition = self._combo({d: words.disposition(d) for d in Disposition})
        self.disposition_row = ControlRow(self.disposition, self.tr("Disposition"))
        form.addRow(self.tr("D&isposition"), self.disposition_row)
        self.arrest_avoided = QCheckBox(self.tr("Arrest avoided"))
        self.arrest_avoided.setAccessibleName(self.tr("Diversion: arrest avoided"))
        self.involuntary_avoided = QCheckBox(self.tr("Involuntary hospitalisation avoided"))
        self.involuntary_avoided.setAccessibleName(self.tr("Diversion: involuntary hospitalisation avoided"))
        diversions = QWidget()
        diversions_layout = QHBoxLayout(diversions)
        diversions_layout.setContentsMargins(0, 0, 0, 0)
        diversions_layout.addWidget(self.arrest_avoided)
        diversions_layout.addWidget(self.involuntary_avoided)
        diversions_layout.addStretch(1)
        self.diversions_row = ControlRow(diversions, self.tr("Diversions"))
        form.addRow(self.tr("Diversions"), self.diversions_row)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, rules.MAX_ON_SCENE_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes_row = ControlRow(self.minutes, self.tr("Time on scene in minutes"))
        form.addRow(self.tr("Time on sce&ne"), self.minutes_row)
        self.programs = QListWidget()
        self.programs.setAccessibleName(self.tr("Referrals: programs from the resource directory"))
        self.programs.setFixedHeight(70)
        form.addRow(self.tr("Re&ferrals"), self.programs)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("Clinician's note (a treatment record: police never see it)"))
        self.note.setFixedHeight(60)
        if actor.role is Role.CLINICIAN and self.amending is None:
            form.addRow(self.tr("Clinician's no&te"), self.note)
        else:
            self.note.hide()  # an amended call's notes are amended on their own

        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        amending = self.amending is not None
        self.save_button = QPushButton(self.tr("Save amendment") if amending else self.tr("Save call"))
        self.save_button.setAccessibleName(
            self.tr("Save the amended call") if amending else self.tr("Save the call")
        )
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close (keeps the draft)"))
        self.close_button.setAccessibleName(self.tr("Close the form and keep the draft"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.offer)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self._show_pilot_hours()

    def _person_box(self) -> QWidget:
        box = QWidget()
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.person_search = FieldRow(
            self.tr("Find the person by name or phone"),
            hint=self.tr("Pick them if they are on record: their calls and encounters share one timeline"),
        )
        self.matches = QListWidget()
        self.matches.setAccessibleName(self.tr("People on record who match"))
        self.matches.setFixedHeight(64)
        self.matches.itemActivated.connect(self._pick)
        self.matches.itemClicked.connect(self._pick)
        self.picked_label = QLabel(self.tr("Nobody picked: a new person is entered below."))
        self.picked_label.setAccessibleName(self.tr("Person picked"))
        self.given_name = FieldRow(self.tr("New person: given name"))
        self.family_name = FieldRow(self.tr("New person: family name"))
        self.jurisdiction = FieldRow(self.tr("New person: where they live"), hint=self.tr("e.g. alexandria"))
        self.jurisdiction.edit.setText(HOME_JURISDICTION)
        self.given_name.edit.setPlaceholderText(self.tr("Given name (new person)"))
        self.family_name.edit.setPlaceholderText(self.tr("Family name (new person)"))
        self.person_search.edit.textEdited.connect(lambda _text: self.search_timer.start())
        layout.addWidget(self.person_search, 0, 0, 1, 3)
        layout.addWidget(self.matches, 1, 0, 1, 3)
        layout.addWidget(self.picked_label, 2, 0, 1, 3)
        layout.addWidget(self.given_name, 3, 0)
        layout.addWidget(self.family_name, 3, 1)
        layout.addWidget(self.jurisdiction, 3, 2)
        return box

    def _combo(self, labels: dict[Any, str]) -> QComboBox:
        combo = QComboBox()
        for value, label in labels.items():
            combo.addItem(label, value.value)
        return combo

    def _checks(self, labels: dict[Any, str], name: str) -> tuple[QWidget, dict[str, QCheckBox]]:
        row = QWidget()
        row.setAccessibleName(name)
        layout = QGridLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        boxes: dict[str, QCheckBox] = {}
        for position, (value, label) in enumerate(labels.items()):
            box = QCheckBox(label)
            box.setAccessibleName(f"{name}: {label}")
            layout.addWidget(box, position // CHECK_COLUMNS, position % CHECK_COLUMNS)
            boxes[value.value] = box
        return row, boxes

    def _build_draft_offer(self) -> None:
        self.offer = QWidget()
        self.offer_label = QLabel()
        self.offer_label.setObjectName("banner")
        self.offer_label.setAccessibleName(self.tr("Unfinished call"))
        self.offer_label.setWordWrap(True)
        resume = QPushButton(self.tr("Resume"))
        resume.setAccessibleName(self.tr("Resume the unfinished call"))
        resume.clicked.connect(self.resume_offered)
        discard = QPushButton(self.tr("Discard it"))
        discard.setAccessibleName(self.tr("Discard the unfinished call"))
        discard.setAutoDefault(False)
        discard.clicked.connect(self.discard_offered)
        layout = QHBoxLayout(self.offer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offer_label, 1)
        layout.addWidget(resume)
        layout.addWidget(discard)
        self.offer.hide()

    # --- what was typed ---------------------------------------------------------------------------

    def _watch_edits(self) -> None:
        for row in (
            self.block,
            self.officer,
            self.clinician,
            self.given_name,
            self.family_name,
            self.jurisdiction,
        ):
            row.edit.textEdited.connect(self._typed)
        for text_edit in (self.actions_taken, self.note):
            text_edit.textChanged.connect(self._typed)
        for combo in (self.source, self.disposition):
            combo.currentIndexChanged.connect(self._typed)
        boxes = [*self.categories[1].values(), *self.substances[1].values()]
        for box in (*boxes, self.cit_trained, self.arrest_avoided, self.involuntary_avoided):
            box.toggled.connect(self._typed)
        self.minutes.valueChanged.connect(self._typed)
        self.when.dateTimeChanged.connect(self._typed)
        self.programs.itemChanged.connect(self._typed)

    def _typed(self, *_changed: object) -> None:
        self._dirty = True
        self.draft_timer.start()

    def state(self) -> dict[str, Any]:
        """The form as a draft payload (plain JSON); an amendment's names its call."""
        return {
            "call_id": str(self.amending.call_id) if self.amending else "",
            "when": self.when.dateTime().toString(Qt.DateFormat.ISODate),
            "source": self.source.currentData(),
            "block": self.block.text(),
            "officer": self.officer.text(),
            "cit_trained": self.cit_trained.isChecked(),
            "clinician": self.clinician.text(),
            "person_id": str(self.picked.person_id) if self.picked else "",
            "person_name": self.picked.name if self.picked else "",
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "jurisdiction": self.jurisdiction.text(),
            "categories": [value for value, box in self.categories[1].items() if box.isChecked()],
            "substances": [value for value, box in self.substances[1].items() if box.isChecked()],
            "actions_taken": self.actions_taken.toPlainText(),
            "disposition": self.disposition.currentData(),
            "arrest_avoided": self.arrest_avoided.isChecked(),
            "involuntary_avoided": self.involuntary_avoided.isChecked(),
            "minutes": self.minutes.value(),
            "referrals": self._chosen_programs(),
            "note": self.note.toPlainText(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        when = QDateTime.fromString(str(state.get("when", "")), Qt.DateFormat.ISODate)
        if when.isValid():
            self.when.setDateTime(when)
        _pick_data(self.source, state.get("source"))
        _pick_data(self.disposition, state.get("disposition"))
        for row, key in (
            (self.block, "block"),
            (self.officer, "officer"),
            (self.clinician, "clinician"),
            (self.given_name, "given_name"),
            (self.family_name, "family_name"),
            (self.jurisdiction, "jurisdiction"),
        ):
            row.edit.setText(str(state.get(key, "")))
        for boxes, key in ((self.categories[1], "categories"), (self.substances[1], "substances")):
            chosen = set(state.get(key) or ())
            for value, box in boxes.items():
                box.setChecked(value in chosen)
        self.cit_trained.setChecked(bool(state.get("cit_trained")))
        self.arrest_avoided.setChecked(bool(state.get("arrest_avoided")))
        self.involuntary_avoided.setChecked(bool(state.get("involuntary_avoided")))
        self.actions_taken.setPlainText(str(state.get("actions_taken", "")))
        self.note.setPlainText(str(state.get("note", "")))
        self.minutes.setValue(int(state.get("minutes") or 0))
        chosen_programs = set(state.get("referrals") or ())
        for index in range(self.programs.count()):
            item = self.programs.item(index)
            checked = str(item.data(Qt.ItemDataRole.UserRole)) in chosen_programs
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._restored_programs = chosen_programs
        if state.get("person_id"):
            match = coresponse.PersonMatch(
                UUID(str(state["person_id"])), str(state.get("person_name", "")), None, "", ""
            )
            self._set_picked(match)

    def _fill_from(self, call: coresponse.CallView) -> None:
        """An amendment starts from the call as saved; its person stays the call's."""
        self.restore(
            {
                "when": QDateTime(call.called_at.astimezone()).toString(Qt.DateFormat.ISODate),
                "source": call.source.value,
                "block": call.block,
                "officer": call.officer,
                "cit_trained": call.officer_cit_trained,
                "clinician": call.clinician,
                "person_id": str(call.person_id),
                "person_name": call.person_name,
                "categories": [category.value for category in call.categories],
                "substances": [substance.value for substance in call.substances],
                "actions_taken": call.actions_taken,
                "disposition": call.disposition.value,
                "arrest_avoided": call.arrest_avoided,
                "involuntary_avoided": call.involuntary_avoided,
                "minutes": call.on_scene_minutes,
                "referrals": [str(referral.resource_id) for referral in call.referrals],
            }
        )
        for finding in (
            self.person_search,
            self.matches,
            self.given_name,
            self.family_name,
            self.jurisdiction,
        ):
            finding.hide()
        self.picked_label.setText(
            self.tr("{0}: an amendment keeps the call's person (a wrong person is a new call).").format(
                call.person_name
            )
        )
        self._dirty = False  # filled in, not typed: nothing to keep as a draft yet

    def value(self) -> coresponse.CallInput:
        picked = self.picked
        return coresponse.CallInput(
            called_at=self.when.dateTime().toPython().astimezone(),  # type: ignore[union-attr]
            source=CallSource(self.source.currentData()),
            block=self.block.text(),
            officer=self.officer.text(),
            clinician=self.clinician.text(),
            disposition=Disposition(self.disposition.currentData()),
            on_scene_minutes=self.minutes.value(),
            person_id=picked.person_id if picked else None,
            new_person=None
            if picked
            else bedside.PersonInput(
                self.given_name.text(), self.family_name.text(), self.jurisdiction.text()
            ),
            officer_cit_trained=self.cit_trained.isChecked(),
            categories=frozenset(Category(v) for v, box in self.categories[1].items() if box.isChecked()),
            substances=frozenset(Substance(v) for v, box in self.substances[1].items() if box.isChecked()),
            actions_taken=self.actions_taken.toPlainText(),
            arrest_avoided=self.arrest_avoided.isChecked(),
            involuntary_avoided=self.involuntary_avoided.isChecked(),
            referral_resource_ids=tuple(UUID(value) for value in self._chosen_programs()),
            clinician_note=self.note.toPlainText(),
        )

    # --- the person -------------------------------------------------------------------------------

    def _search(self) -> None:
        query = self.person_search.text()
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(
            lambda: coresponse.find_people(uow, actor, query),
            on_done=self._alive(self._show_matches),
            on_error=self._alive(lambda exc: self.person_search.set_error(message_for(exc))),
        )

    def _show_matches(self, found: list[coresponse.PersonMatch]) -> None:
        self.matches.clear()
        for match in found:
            born = (
                match.date_of_birth.isoformat() if match.date_of_birth else self.tr("birth date not recorded")
            )
            item = QListWidgetItem(f"{match.name} · {born} · {match.jurisdiction} {match.phone}".strip())
            item.setData(Qt.ItemDataRole.UserRole, match)
            self.matches.addItem(item)
        if self.person_search.text().strip() and not found:
            self.matches.addItem(self.tr("Nobody on record matches: enter them as a new person below."))

    def _pick(self, item: QListWidgetItem) -> None:
        match = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(match, coresponse.PersonMatch):
            self._set_picked(match)
            self._typed()

    def _set_picked(self, match: coresponse.PersonMatch) -> None:
        self.picked = match
        self.picked_label.setText(self.tr("Picked: {0} (a repeat contact: same timeline)").format(match.name))
        for row in (self.given_name, self.family_name, self.jurisdiction):
            row.setEnabled(False)

    # --- referrals --------------------------------------------------------------------------------

    def _show_programs(self, programs: list[bedside.ReferralView]) -> None:
        chosen = self._restored_programs
        self.programs.clear()
        for program in programs:
            item = QListWidgetItem(f"{program.name} · {program.phone}")
            item.setData(Qt.ItemDataRole.UserRole, str(program.resource_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = str(program.resource_id) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.programs.addItem(item)

    def _chosen_programs(self) -> list[str]:
        return [
            str(self.programs.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.programs.count())
            if self.programs.item(i).checkState() == Qt.CheckState.Checked
        ]

    # --- pilot hours ------------------------------------------------------------------------------

    def _show_pilot_hours(self) -> None:
        local = self.when.dateTime().toPython()
        assert isinstance(local, datetime)
        hint = self.when_row.hint
        assert hint is not None
        if rules.within_pilot_hours(local):
            hint.setText(self.tr("Within pilot hours (Mon–Fri 12:00–20:00)"))
        else:
            hint.setText(self.tr("Outside pilot hours (Mon–Fri 12:00–20:00): recorded and marked"))

    # --- saving -----------------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving:
            return
        self.message.clear()
        for row in (
            self.block,
            self.officer,
            self.clinician,
            self.given_name,
            self.family_name,
            self.person_search,
        ):
            row.clear_error()
        for control_row in (self.when_row, self.disposition_row, self.diversions_row, self.minutes_row):
            control_row.clear_error()
        try:
            data = self.value()
        except (ValueError, ValidationError) as exc:
            self.message.show_error(message_for(exc))
            return
        self._saving = True
        self.save_button.setEnabled(False)
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        amending = self.amending
        self._context.tasks.run_db(
            lambda: (
                coresponse.record_call(uow, actor, data, now)
                if amending is None
                else coresponse.amend_call(uow, actor, amending.call_id, data, now)
            ),
            on_done=self._alive(self._saved),
            on_error=self._alive(self._refused),
        )

    def _saved(self, view: coresponse.CallView) -> None:
        self._saving = False
        self.draft_timer.stop()
        self._dirty = False
        self._discard(self.draft_id)
        self.saved.emit(view)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        reason = message_for(exc)
        rows: dict[str, Callable[[str], None]] = {
            "block": self.block.set_error,
            "officer": self.officer.set_error,
            "clinician": self.clinician.set_error,
            "given_name": self.given_name.set_error,
            "family_name": self.family_name.set_error,
            "jurisdiction": self.jurisdiction.set_error,
            "person": self.person_search.set_error,
            "called_at": self.when_row.set_error,
            "on_scene_minutes": self.minutes_row.set_error,
            "arrest_avoided": self.diversions_row.set_error,
            "involuntary_avoided": self.diversions_row.set_error,
        }
        if isinstance(exc, ValidationError) and exc.field in rows:
            rows[exc.field](reason)
        self.message.show_error(reason)

    # --- the draft --------------------------------------------------------------------------------

    def keep_draft(self) -> None:
        self.draft_timer.stop()
        if not self._dirty or self._saving:
            return
        self._dirty = False
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        draft_id, payload, kind = self.draft_id, self.state(), self._draft_kind
        self._context.tasks.run_db(
            lambda: drafts.save(uow, actor, draft_id, kind, payload, now),
            on_error=self._alive(
                lambda exc: self.message.show_error(
                    self.tr("The draft could not be kept: {0}").format(message_for(exc))
                )
            ),
        )

    def _offer_draft(self, draft: drafts.DraftView | None) -> None:
        if draft is None or draft.draft_id == self.draft_id:
            return
        if self.amending is not None and draft.payload.get("call_id") != str(self.amending.call_id):
            return  # an unfinished amendment of another call waits for that call
        self.offered = draft
        self.offer_label.setText(
            self.tr("Resume the call you started at {0}?").format(time_or_day(draft.created_at))
        )
        self.offer.show()

    def resume_offered(self) -> None:
        draft, self.offered = self.offered, None
        self.offer.hide()
        if draft is not None:
            self.restore(draft.payload)
            self.draft_id = draft.draft_id  # keep saving onto the same draft
            self.message.show_info(self.tr("Resumed as it was typed."))

    def discard_offered(self) -> None:
        draft, self.offered = self.offered, None
        self.offer.hide()
        if draft is not None:
            self._discard(draft.draft_id)

    def _discard(self, draft_id: UUID) -> None:
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(lambda: drafts.discard(uow, actor, draft_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves, except where it means "this one": in the person search (look them up now and go
        to the matches) and in the lists (pick the person, tick the program)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if focused is self.person_search.edit:
                self.search_timer.stop()
                self._search()
                self.matches.setFocus()
                return
            if focused is self.matches or focused is self.programs:
                item = focused.currentItem()
                if focused is self.programs and item is not None:
                    checked = item.checkState() == Qt.CheckState.Checked
                    item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Escape or Close: whatever was typed stays a draft."""
        self.keep_draft()
        super().reject()

    def _alive(self, callback: Callable[..., None]) -> Callable[..., None]:
        return while_alive(self, callback)


def _pick_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
