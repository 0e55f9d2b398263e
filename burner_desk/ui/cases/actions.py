"""The case actions, each a small dialog: fill in, Save, and the reason shows beside the field if refused.

A dialog saves on the DB executor and closes; the runner announces what the save wrote, and the case
view refreshes from that like any other view would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import disclosure
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.followup import (
    FOLLOW_UP_WINDOW,
    REACHED_SOMEONE,
    AttemptOutcome,
    Channel,
    FollowUpState,
    Ride,
    TeamMember,
    TeamRole,
)
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.services import custody, followup, inventory
from burner_desk.services.cases import CaseDetail
from burner_desk.services.followup import HomeVisitView
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import ControlRow, FieldRow, MessageLabel
from burner_desk.ui.widgets.moments import local_time, time_left

# Terminal states only: recording the outcome closes the follow-up (domain.followup.advance).
FINAL_OUTCOMES = {
    FollowUpState.ENGAGED: QT_TRANSLATE_NOOP("ui.cases.actions", "Entered treatment"),
    FollowUpState.DECLINED: QT_TRANSLATE_NOOP("ui.cases.actions", "Declined"),
    FollowUpState.UNREACHABLE: QT_TRANSLATE_NOOP("ui.cases.actions", "Unreachable"),
    FollowUpState.CLOSED: QT_TRANSLATE_NOOP(
        "ui.cases.actions", "Closed for another reason (moved away, in custody …)"
    ),
}
CLOSING_OUTCOMES = (AttemptOutcome.ENTERED_TREATMENT, AttemptOutcome.DECLINED, AttemptOutcome.UNREACHABLE)
QUARTER_HOUR = timedelta(minutes=15)


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
    note.setAccessibleName(QCoreApplication.translate("ui.cases.actions", "Note"))
    note.setTabChangesFocus(True)  # keyboard users leave the box with Tab, as in every other field
    note.setFixedHeight(72)
    return note


def _qt_time(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _when(
    accessible_name: str,
    moment: datetime,
    *,
    earliest: datetime | None = None,
    latest: datetime | None = None,
) -> QDateTimeEdit:
    """A local date and time; `earliest`/`latest` keep it where the service would accept it."""
    edit = QDateTimeEdit(_qt_time(moment))
    edit.setAccessibleName(accessible_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd dd MMM yyyy, h:mm AP")
    if earliest is not None:
        edit.setMinimumDateTime(_qt_time(earliest))
    if latest is not None:
        edit.setMaximumDateTime(_qt_time(latest))
    return edit


def _moment(edit: QDateTimeEdit) -> datetime:
    """The edit shows local time; the vault stores UTC."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class ActionDialog(QDialog):
    """Subclasses add their fields and implement `work()`; the runner announces what it wrote."""

    def __init__(self, context: ViewContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, FieldRow | ControlRow] = {}
        self.message = MessageLabel(self.tr("{title}: message").format(title=title))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
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

    def add_control(self, service_field: str, label: str, control: QWidget, hint: str = "") -> ControlRow:
        """Like `add_field`, for a control that is not a line edit."""
        row = ControlRow(control, label, hint)
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
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        row = self.fields.get(exc.field) if isinstance(exc, ValidationError) else None
        if row is not None:
            row.set_error(message_for(exc))
            (row.edit if isinstance(row, FieldRow) else row.control).setFocus()
        else:
            self.message.show_error(message_for(exc))


class ReturnPersonalPhoneDialog(ActionDialog):
    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Return the personal phone"), parent)
        phone = detail.personal_phone
        assert phone is not None  # the case view offers this only while a phone is held
        self.receipt_no = phone.property_receipt_no
        self.received_by = self.add_field(
            "received_by",
            self.tr("Received by"),
            self.tr("Who signed: the survivor or the person they named"),
        )
        self.received_by.edit.setText(f"{detail.person.given_name} {detail.person.family_name}")
        self.note = _note_box()
        self.form.addRow(self.tr("Note"), self.note)

    def work(self) -> Callable[[], object]:
        context, receipt_no = self.context, self.receipt_no
        received_by, note, now = self.received_by.text(), self.note.toPlainText(), context.now()
        return lambda: custody.return_personal_phone(
            context.signed_in.uow, context.signed_in.actor, receipt_no, received_by, now, note
        )


class BurnerReturnedOrLostDialog(ActionDialog):
    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Burner phone returned or lost"), parent)
        burner = detail.burner_phone
        assert burner is not None
        self.asset_tag = burner.asset_tag
        self.returned = QRadioButton(
            self.tr("Phone {asset_tag} came back").format(asset_tag=burner.asset_tag)
        )
        self.returned.setAccessibleName(self.tr("Returned"))
        self.returned.setChecked(True)
        self.lost = QRadioButton(self.tr("Phone {asset_tag} is lost").format(asset_tag=burner.asset_tag))
        self.lost.setAccessibleName(self.tr("Lost"))
        self.form.addRow(self.tr("Status"), self.returned)
        self.form.addRow("", self.lost)

    def work(self) -> Callable[[], object]:
        context, tag = self.context, self.asset_tag
        status = PhoneStatus.RETURNED if self.returned.isChecked() else PhoneStatus.LOST
        return lambda: inventory.mark_phone(context.signed_in.uow, context.signed_in.actor, tag, status)


class ContactAttemptDialog(ActionDialog):
    """An attempt at the time it happened: "when" starts at now, and cannot be later or before the bedside."""

    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Add a contact attempt"), parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        now = context.now()
        self.when = _when(
            self.tr("When"),
            now,
            earliest=detail.follow_up.due_at - FOLLOW_UP_WINDOW,
            latest=now + timedelta(minutes=1),
        )
        self.add_control(
            "at", self.tr("When"), self.when, self.tr("Change it if you are writing down an earlier call")
        )
        self.channel = _combo(
            self.tr("Channel"), {channel: vocabulary.channel(channel).capitalize() for channel in Channel}
        )
        role = context.signed_in.actor.role  # police record reaching someone, not treatment outcomes
        self.outcome = _combo(
            self.tr("Outcome"),
            {
                outcome: vocabulary.attempt_outcome(outcome).capitalize()
                for outcome in AttemptOutcome
                if disclosure.may_record_outcome(role, outcome)
            },
        )
        self.form.addRow(self.tr("Channel"), self.channel)
        self.add_control("outcome", self.tr("Outcome"), self.outcome)
        self.note = _note_box()
        self.form.addRow(self.tr("Note"), self.note)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        closing = [
            vocabulary.attempt_outcome(outcome)
            for outcome in CLOSING_OUTCOMES
            if disclosure.may_record_outcome(role, outcome)
        ]
        self.message.show_info(
            self.tr("{capitalize}: closes the follow-up for good.").format(
                capitalize=", ".join(closing).capitalize()
            )
        )

    def _channel_changed(self) -> None:
        """The survivor calling first reached someone: the outcome moves to "reached" unless it already did."""
        if self.channel.currentData() == Channel.SURVIVOR_CALLED_IN and (
            AttemptOutcome(self.outcome.currentData()) not in REACHED_SOMEONE
        ):
            self.outcome.setCurrentIndex(self.outcome.findData(AttemptOutcome.REACHED))

    def work(self) -> Callable[[], object]:
        context = self.context
        data = followup.ContactAttemptInput(
            self.follow_up_id,
            Channel(self.channel.currentData()),  # Qt hands enum data back as plain str
            AttemptOutcome(self.outcome.currentData()),
            self.note.toPlainText(),
            _moment(self.when),
        )
        now = context.now()
        return lambda: followup.log_contact_attempt(context.signed_in.uow, context.signed_in.actor, data, now)


# Short captions for the team lines, so the names get the room (the timeline says the roles in full).
TEAM_CAPTIONS: dict[TeamRole | None, str] = {
    TeamRole.POLICE: QT_TRANSLATE_NOOP("ui.cases.actions", "Police"),
    TeamRole.TREATMENT: QT_TRANSLATE_NOOP("ui.cases.actions", "Treatment"),
    TeamRole.PEER_SUPPORT: QT_TRANSLATE_NOOP("ui.cases.actions", "Peer support"),
    None: QT_TRANSLATE_NOOP("ui.cases.actions", "Others"),
}


class TeamFields(QWidget):
    """The Overdose Response Team, one line per role (several names split by commas), and a line for
    anyone else (and for the plain names of visits planned before roles were kept)."""

    def __init__(self, team: tuple[TeamMember, ...] = ()) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.lines: dict[TeamRole | None, QLineEdit] = {}
        for role, marked in TEAM_CAPTIONS.items():
            caption = translated("ui.cases.actions", marked)
            line = QLineEdit(", ".join(member.name for member in team if member.role == role))
            line.setAccessibleName(self.tr("Team: {caption}").format(caption=caption))
            self.lines[role] = line
            form.addRow(caption, line)

    def members(self) -> tuple[TeamMember, ...]:
        return tuple(
            TeamMember(name.strip(), role)
            for role, line in self.lines.items()
            for name in line.text().split(",")
            if name.strip()
        )


def target_line(due_at: datetime, now: datetime) -> str:
    """The 48-hour target a visit is planned against, and how far off it is."""
    if due_at <= now:
        return QCoreApplication.translate(
            "ui.cases.actions", "{local_time} (passed: go as soon as you can)"
        ).format(local_time=local_time(due_at))
    return QCoreApplication.translate("ui.cases.actions", "{local_time} (in {time_left})").format(
        local_time=local_time(due_at), time_left=time_left(due_at, now)
    )


def suggested_visit(due_at: datetime, now: datetime) -> datetime:
    """Two hours before the target when that is still ahead, else two hours from now (on a quarter hour)."""
    wanted = due_at - timedelta(hours=2)
    if wanted < now + timedelta(minutes=30):
        wanted = now + timedelta(hours=2)
    return wanted - (wanted - datetime.min.replace(tzinfo=wanted.tzinfo)) % QUARTER_HOUR


class ScheduleHomeVisitDialog(ActionDialog):
    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Schedule an Overdose Response Team home visit"), parent)
        self.setMinimumWidth(620)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        self.due_at = detail.follow_up.due_at
        now = context.now()
        self.target = QLabel(target_line(self.due_at, now))
        self.target.setAccessibleName(self.tr("48-hour target"))
        self.form.addRow(self.tr("48-hour target"), self.target)
        self.scheduled_for = _when(self.tr("Visit on"), suggested_visit(self.due_at, now), earliest=now)
        self.visit_row = self.add_control(
            "scheduled_for", self.tr("Visit on"), self.scheduled_for, self.tr("Before the 48-hour target")
        )
        self.address = self.add_field(
            "address", self.tr("Address"), self.tr("Where the survivor stays, if not at home")
        )
        self.address.edit.setText(detail.person.address)
        if not detail.contact_sharing.contact_info:
            self.message.show_info(
                self.tr("The survivor's consent does not share their address with the program.")
            )
        self.team = TeamFields()
        self.add_control(
            "team",
            self.tr("Team"),
            self.team,
            self.tr("Names, split by commas: police, treatment staff, peer support"),
        )
        self.scheduled_for.dateTimeChanged.connect(self._against_target)
        self._against_target()

    def _against_target(self) -> None:
        """Says beside the time whether the visit is before or after the 48-hour target."""
        assert self.visit_row.hint is not None
        late = _moment(self.scheduled_for) > self.due_at
        self.visit_row.hint.setText(
            self.tr("After the 48-hour target") if late else self.tr("Before the 48-hour target")
        )

    def work(self) -> Callable[[], object]:
        context, follow_up_id = self.context, self.follow_up_id
        plan = followup.HomeVisitPlan(_moment(self.scheduled_for), self.team.members(), self.address.text())
        now = context.now()
        return lambda: followup.schedule_home_visit(
            context.signed_in.uow, context.signed_in.actor, follow_up_id, plan, now
        )


class RecordHomeVisitDialog(ActionDialog):
    def __init__(self, context: ViewContext, visit: HomeVisitView, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Record the home visit"), parent)
        self.setMinimumWidth(620)
        self.visit_id = visit.id
        now = context.now()
        where = QLabel(visit.address or self.tr("no address recorded"))
        where.setAccessibleName(self.tr("Address"))
        self.form.addRow(self.tr("Address"), where)
        self.done_at = _when(self.tr("Visited on"), now, latest=now + timedelta(minutes=1))
        self.add_control("done_at", self.tr("Visited on"), self.done_at)
        self.team = TeamFields(visit.team)
        self.add_control("team", self.tr("Team"), self.team)
        self.people_met = self.add_field(
            "people_met", self.tr("Met"), self.tr("Who the team met, e.g. the survivor and their mother")
        )
        self.trained = self.add_field(
            "naloxone_trained",
            self.tr("Naloxone training"),
            self.tr("Given to whom; leave empty if none was given"),
        )
        self.ride_choices = QButtonGroup(self)
        rides = QWidget()
        ride_layout = QVBoxLayout(rides)
        ride_layout.setContentsMargins(0, 0, 0, 0)
        self.rides: dict[Ride, QRadioButton] = {}
        for ride in Ride:
            label = vocabulary.ride(ride)
            button = QRadioButton(label.capitalize())
            button.setAccessibleName(self.tr("Ride to treatment {label}").format(label=label))
            button.setChecked(ride is Ride.NOT_OFFERED)
            self.ride_choices.addButton(button)
            self.rides[ride] = button
            ride_layout.addWidget(button)
        self.add_control("ride", self.tr("Ride to treatment"), rides)
        self.note = _note_box()
        self.form.addRow(self.tr("Note"), self.note)

    def work(self) -> Callable[[], object]:
        context, visit_id = self.context, self.visit_id
        ride = next(ride for ride, button in self.rides.items() if button.isChecked())
        data = followup.HomeVisitDone(
            _moment(self.done_at),
            self.team.members(),
            self.people_met.text(),
            self.trained.text(),
            ride,
            self.note.toPlainText(),
        )
        now = context.now()
        return lambda: followup.record_home_visit(
            context.signed_in.uow, context.signed_in.actor, visit_id, data, now
        )


class AssignFollowUpDialog(ActionDialog):
    """A supervisor hands a follow-up's 48-hour call to a social worker (from a case or from Today)."""

    def __init__(
        self, context: ViewContext, follow_up_id: UUID, current: UUID | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, self.tr("Assign the follow-up"), parent)
        self.follow_up_id = follow_up_id
        self.current = current
        self.assignee = _combo(self.tr("Social worker"), {})
        self.form.addRow(self.tr("Social worker"), self.assignee)
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
                self.tr("No social worker uses this laptop yet: a supervisor adds one in Settings.")
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
    def __init__(self, context: ViewContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(context, self.tr("Record the follow-up outcome"), parent)
        assert detail.follow_up is not None
        self.follow_up_id = detail.follow_up.id
        role = context.signed_in.actor.role
        self.outcome = _combo(
            self.tr("Outcome"),
            {
                state: label
                for state, label in (
                    (state, translated("ui.cases.actions", marked))
                    for state, marked in FINAL_OUTCOMES.items()
                )
                if disclosure.may_record_state(role, state)
            },
        )
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.message.show_info(self.tr("An outcome closes the follow-up for good: it cannot be reopened."))

    def work(self) -> Callable[[], object]:
        context, follow_up_id, now = self.context, self.follow_up_id, self.context.now()
        state = FollowUpState(self.outcome.currentData())  # Qt hands enum data back as plain str
        return lambda: followup.change_state(
            context.signed_in.uow, context.signed_in.actor, follow_up_id, state, now
        )
