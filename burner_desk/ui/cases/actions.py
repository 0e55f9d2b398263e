"""The case actions, each a small dialog: fill in, Save, and the reason shows beside the field if refused.

A dialog saves on the DB executor, announces what it changed on the ChangeBus, and closes; the case view
refreshes from the announcement like any other view would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.followup import Channel, FollowUpState
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.services import custody, followup, inventory
from burner_desk.services.cases import CaseDetail
from burner_desk.services.followup import HomeVisitView
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import FieldRow, MessageLabel

OUTCOMES = {  # what a contact attempt can come to; "open" means nobody was reached
    FollowUpState.OPEN: "Nobody reached",
    FollowUpState.REACHED: "Reached",
    FollowUpState.ENGAGED: "Engaged in treatment",
    FollowUpState.DECLINED: "Declined",
    FollowUpState.UNREACHABLE: "Unreachable",
}
# Terminal states only: recording the outcome closes the follow-up (domain.followup.advance).
FINAL_OUTCOMES = {
    FollowUpState.ENGAGED: OUTCOMES[FollowUpState.ENGAGED],
    FollowUpState.DECLINED: OUTCOMES[FollowUpState.DECLINED],
    FollowUpState.UNREACHABLE: OUTCOMES[FollowUpState.UNREACHABLE],
    FollowUpState.CLOSED: "Closed for another reason (moved away, in custody …)",
}
CHANNELS = {channel: channel.value.replace("_", " ").capitalize() for channel in Channel}


def _combo(accessible_name: str, choices: Mapping[Any, str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    # Sized to the form, not to its longest choice: a wide combo box squeezes the labels to nothing.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    for value, label in choices.items():
        combo.addItem(label, value)
    return combo


def _note_box() -> QPlainTextEdit:
    note = QPlainTextEdit()
    note.setAccessibleName("Note")
    note.setTabChangesFocus(True)  # keyboard users leave the box with Tab, as in every other field
    note.setFixedHeight(72)
    return note


def _when(accessible_name: str, moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
    edit.setAccessibleName(accessible_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd dd MMM yyyy, HH:mm")
    return edit


def _moment(edit: QDateTimeEdit) -> datetime:
    """The edit shows local time; the vault stores UTC."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class ActionDialog(QDialog):
    """Subclasses add their fields and implement `work()`; `entities` are announced after a save."""

    entities: tuple[str, ...] = ()

    def __init__(self, context: ViewContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, FieldRow] = {}
        self.message = MessageLabel(f"{title}: message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def add_field(self, service_field: str, label: str, hint: str = "") -> FieldRow:
        """`service_field` is the name services use in ValidationError, so refusals land beside it."""
        row = FieldRow(label, hint=hint)
        self.fields[service_field] = row
        self.form.addRow(label, row)
        return row

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def save(self) -> None:
        self.message.clear()
        try:
            job = self.work()
        except ValidationError as exc:
            self._refused(exc)
            return
        self.save_button.setEnabled(False)
        self.context.tasks.run_db(
            job, on_done=while_alive(self, self._saved), on_error=while_alive(self, self._refused)
        )

    def _saved(self, _result: object) -> None:
        self.context.changes.announce(*self.entities)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        row = self.fields.get(exc.field) if isinstance(exc, ValidationError) else None
        if row is not None:
            row.set_error(message_for(exc))
            row.edit.setFocus()
        else:
            self.message.show_error(message_for(exc))


class ReturnPersonalPhoneDialog(ActionDialog):
    entities = ("phone_swap", "custody_event")

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Return the personal phone", parent)
        phone = detail.personal_phone
        assert phone is not None  # the case view offers this only while a phone is held
        self.receipt_no = phone.property_receipt_no
        self.received_by = self.add_field(
            "received_by", "Received by", "Who signed: the survivor or the person they named"
        )
        self.received_by.edit.setText(f"{detail.person.given_name} {detail.person.family_name}")
        self.note = _note_box()
        self.form.addRow("Note", self.note)

    def work(self) -> Callable[[], object]:
        context, receipt_no = self.context, self.receipt_no
        received_by, note, now = self.received_by.text(), self.note.toPlainText(), context.now()
        return lambda: custody.return_personal_phone(
            context.signed_in.uow, context.signed_in.actor, receipt_no, received_by, now, note
        )


class BurnerReturnedOrLostDialog(ActionDialog):
    entities = ("burner_phone",)

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Burner phone returned or lost", parent)
        burner = detail.burner_phone
        assert burner is not None
        self.asset_tag = burner.asset_tag
        self.returned = QRadioButton(f"Phone {burner.asset_tag} came back")
        self.returned.setAccessibleName("Returned")
        self.returned.setChecked(True)
        self.lost = QRadioButton(f"Phone {burner.asset_tag} is lost")
        self.lost.setAccessibleName("Lost")
        self.form.addRow("Status", self.returned)
        self.form.addRow("", self.lost)

    def work(self) -> Callable[[], object]:
        context, tag = self.context, self.asset_tag
        status = PhoneStatus.RETURNED if self.returned.isChecked() else PhoneStatus.LOST
        return lambda: inventory.mark_phone(context.signed_in.uow, context.signed_in.actor, tag, status)


class ContactAttemptDialog(ActionDialog):
    entities = ("contact_attempt", "follow_up")

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Add a contact attempt", parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        self.channel = _combo("Channel", CHANNELS)
        self.outcome = _combo("Outcome", OUTCOMES)
        self.note = _note_box()
        self.form.addRow("Channel", self.channel)
        self.form.addRow("Outcome", self.outcome)
        self.form.addRow("Note", self.note)

    def work(self) -> Callable[[], object]:
        context = self.context
        data = followup.ContactAttemptInput(
            self.follow_up_id,
            Channel(self.channel.currentData()),
            FollowUpState(self.outcome.currentData()),
            self.note.toPlainText(),
        )
        now = context.now()
        return lambda: followup.log_contact_attempt(context.signed_in.uow, context.signed_in.actor, data, now)


def _team_members(raw: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in raw.split(",") if name.strip())


class ScheduleHomeVisitDialog(ActionDialog):
    entities = ("home_visit",)

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Schedule an Overdose Response Team home visit", parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        self.scheduled_for = _when("Visit on", context.now() + timedelta(days=1))
        self.form.addRow("Visit on", self.scheduled_for)
        self.team = self.add_field(
            "team_members", "Team", "Names, split by commas: police, treatment, peer support"
        )

    def work(self) -> Callable[[], object]:
        context, follow_up_id = self.context, self.follow_up_id
        when, team = _moment(self.scheduled_for), _team_members(self.team.text())
        return lambda: followup.schedule_home_visit(
            context.signed_in.uow, context.signed_in.actor, follow_up_id, when, team
        )


class RecordHomeVisitDialog(ActionDialog):
    entities = ("home_visit",)

    def __init__(self, context: ViewContext, visit: HomeVisitView, parent: QWidget | None = None) -> None:
        super().__init__(context, "Record the home visit", parent)
        self.visit_id = visit.id
        self.done_at = _when("Visited on", context.now())
        self.form.addRow("Visited on", self.done_at)
        self.team = self.add_field("team_members", "Team", "Names, split by commas")
        self.team.edit.setText(", ".join(visit.team_members))
        self.training = QCheckBox("Naloxone training given")
        self.training.setAccessibleName("Naloxone training given")
        self.ride = QCheckBox("Ride to treatment given")
        self.ride.setAccessibleName("Ride to treatment given")
        self.note = _note_box()
        self.form.addRow("", self.training)
        self.form.addRow("", self.ride)
        self.form.addRow("Note", self.note)

    def work(self) -> Callable[[], object]:
        context, visit_id = self.context, self.visit_id
        data = followup.HomeVisitDone(
            _moment(self.done_at),
            _team_members(self.team.text()),
            self.training.isChecked(),
            self.ride.isChecked(),
            self.note.toPlainText(),
        )
        return lambda: followup.record_home_visit(
            context.signed_in.uow, context.signed_in.actor, visit_id, data
        )


class AssignFollowUpDialog(ActionDialog):
    entities = ("follow_up",)

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Assign the follow-up", parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        self.current = detail.follow_up.assignee_id
        self.assignee = _combo("Social worker", {})
        self.form.addRow("Social worker", self.assignee)
        self.save_button.setEnabled(False)  # until the social workers are listed
        uow = context.signed_in.uow
        context.tasks.run_db(
            lambda: followup.social_workers(uow),
            on_done=while_alive(self, self._list),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def _list(self, social_workers: list[followup.Assignee]) -> None:
        for person in social_workers:
            self.assignee.addItem(person.display_name, person.user_id)
        if not social_workers:
            self.message.show_error(
                "No social worker uses this laptop yet: a supervisor adds one in Settings."
            )
            return
        current = self.assignee.findData(self.current)
        self.assignee.setCurrentIndex(max(current, 0))
        self.save_button.setEnabled(True)

    def work(self) -> Callable[[], object]:
        context, follow_up_id, assignee_id = self.context, self.follow_up_id, self.assignee.currentData()
        return lambda: followup.assign(
            context.signed_in.uow, context.signed_in.actor, follow_up_id, assignee_id
        )


class FollowUpOutcomeDialog(ActionDialog):
    entities = ("follow_up",)

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, "Record the follow-up outcome", parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        self.outcome = _combo("Outcome", FINAL_OUTCOMES)
        self.form.addRow("Outcome", self.outcome)
        self.message.show_info("An outcome closes the follow-up for good: it cannot be reopened.")

    def work(self) -> Callable[[], object]:
        context, follow_up_id, now = self.context, self.follow_up_id, self.context.now()
        state = FollowUpState(self.outcome.currentData())  # Qt hands enum data back as plain str
        return lambda: followup.change_state(
            context.signed_in.uow, context.signed_in.actor, follow_up_id, state, now
        )
