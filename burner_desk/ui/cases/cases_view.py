"""Cases: one search box for name, phone, IMEI or receipt number, the results, and the case it opens. A
person met only on co-response calls is found by the same fields and opens as their calls' timeline; a
call on any timeline opens with Enter or a double-click (ui.coresponse.call_dialog)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.changes import Changed
from burner_desk.domain.followup import TERMINAL, FollowUpState, call_due
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.people import Role
from burner_desk.domain.permissions import Op
from burner_desk.domain.residency import jurisdiction_name
from burner_desk.services import cases, coresponse, followup
from burner_desk.services.followup import HomeVisitView
from burner_desk.ui.cases import actions, timeline_words
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse.call_dialog import CallDialog
from burner_desk.ui.drug_intel.call_dialog import DrugIntelCallDialog
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.inventory.selection import stretch_column
from burner_desk.ui.printing.print_dialog import PrintDialog
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.flow_layout import FlowLayout
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import local_date, local_time, time_left
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.tables import read_only_table
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

DEBOUNCE_MS = 250  # results as you type, without a query per keystroke
SPLITTER_KEY = "cases/splitter"
# What a case shows: a change to any of these reloads the open case.
CASE_ENTITIES = frozenset(
    {
        "encounter",
        "incident",
        "person",
        "family_contact",
        "phone_swap",
        "custody_event",
        "burner_phone",
        "recovery_bag",
        "follow_up",
        "contact_attempt",
        "home_visit",
        "consent",
        "referral",
        "handout_given",
        "drug_intel_report",
        "co_response_call",
        "clinician_note",
    }
)
# What a result line shows (cases.CaseSummary): a change to any of these searches again.
RESULT_ENTITIES = frozenset({"encounter", "person", "consent", "follow_up", "phone_swap", "burner_phone"})


def _found_name(row: cases.Found) -> str:
    return row.person_name if isinstance(row, cases.CaseSummary) else row.name


def _found_when(row: cases.Found) -> str:
    """The bedside encounter's day; for someone met only on co-response calls, their latest call's."""
    return local_date(row.started_at if isinstance(row, cases.CaseSummary) else row.last_call_at)


def _found_follow_up(row: cases.Found) -> str:
    if isinstance(row, cases.CaseSummary):
        return vocabulary.follow_up_state(row.follow_up_state) if row.follow_up_state else "—"
    # No bedside follow-up: a short word, so the columns fit beside the name (the case says how many calls)
    return QCoreApplication.translate("ui.cases.cases_view", "co-response")


def results_model() -> RowsModel[cases.Found]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.cases.cases_view", "Person"), _found_name),
            Column(QCoreApplication.translate("ui.cases.cases_view", "Encounter"), _found_when),
            Column(
                QCoreApplication.translate("ui.cases.cases_view", "Receipt no."),
                lambda row: (row.property_receipt_no if isinstance(row, cases.CaseSummary) else None) or "—",
            ),
            Column(QCoreApplication.translate("ui.cases.cases_view", "Follow-up"), _found_follow_up),
        ]
    )


TIMELINE_KIND_COLUMN = 1


def timeline_model() -> RowsModel[cases.TimelineEntry]:
    return RowsModel(
        [
            Column(
                QCoreApplication.translate("ui.cases.cases_view", "When"),
                lambda entry: local_time(entry.at) if entry.at else "—",
            ),
            Column(
                QCoreApplication.translate("ui.cases.cases_view", "What"),
                lambda entry: vocabulary.timeline_kind(entry.kind),
            ),
            Column(QCoreApplication.translate("ui.cases.cases_view", "Details"), timeline_words.entry_text),
        ]
    )


WITHHELD_FROM_PROGRAM = QT_TRANSLATE_NOOP(
    "ui.cases.cases_view", "not shared with the program: the survivor's consent does not cover it"
)


def call_on_line(detail: cases.CaseDetail, _now: datetime) -> str:
    """Burner and own numbers and the language to call in."""
    sharing, numbers = detail.contact_sharing, []
    if detail.burner_phone is not None:
        may_call = sharing.burner_phone
        numbers.append(
            QCoreApplication.translate("ui.cases.cases_view", "burner {phone_number}").format(
                phone_number=detail.burner_phone.phone_number
            )
            if may_call
            else QCoreApplication.translate(
                "ui.cases.cases_view", "burner phone not to be called (city setting)"
            )
        )
    if detail.person.phone:
        numbers.append(
            QCoreApplication.translate("ui.cases.cases_view", "own phone {phone}").format(
                phone=detail.person.phone
            )
        )
    elif not sharing.contact_info:
        numbers.append(QCoreApplication.translate("ui.cases.cases_view", "own phone not shared"))
    spoken = QCoreApplication.translate("ui.cases.cases_view", "speaks {value}").format(
        value=translated("ui.widgets.languages", LANGUAGE_NAMES[detail.person.preferred_language])
    )
    return (
        " · ".join([*numbers, spoken])
        if numbers
        else QCoreApplication.translate("ui.cases.cases_view", "no phone recorded · {spoken}").format(
            spoken=spoken
        )
    )


def address_line(detail: cases.CaseDetail, _now: datetime) -> str:
    if not detail.contact_sharing.contact_info:
        return translated("ui.cases.cases_view", WITHHELD_FROM_PROGRAM)
    return detail.person.address or QCoreApplication.translate("ui.cases.cases_view", "none recorded")


def family_lines(detail: cases.CaseDetail, _now: datetime) -> str:
    """One line per family member, with whether they agreed to be called."""
    if not detail.contact_sharing.family:
        return translated("ui.cases.cases_view", WITHHELD_FROM_PROGRAM)
    if not detail.family_contacts:
        return QCoreApplication.translate("ui.cases.cases_view", "none recorded")
    lines = []
    for member in detail.family_contacts:
        relation = f", {member.relationship}" if member.relationship else ""
        agrees = (
            QCoreApplication.translate("ui.cases.cases_view", "agrees to be called")
            if member.consent_to_contact
            else QCoreApplication.translate("ui.cases.cases_view", "do not call")
        )
        phone = member.phone or QCoreApplication.translate("ui.cases.cases_view", "no phone")
        language = translated("ui.widgets.languages", LANGUAGE_NAMES[member.language])
        lines.append(f"{member.name}{relation} · {phone} · {language} · {agrees}")
    return "\n".join(lines)


def follow_up_line(detail: cases.CaseDetail, now: datetime) -> str:
    """Where the follow-up stands, its countdown while the call is due, and who has the call."""
    follow_up = detail.follow_up
    if follow_up is None:
        return QCoreApplication.translate("ui.cases.cases_view", "none")
    if follow_up.state is FollowUpState.CLOSED and not detail.outcome_shared:
        return QCoreApplication.translate(
            "ui.cases.cases_view", "closed (the consent does not share the outcome with police)"
        )
    line = QCoreApplication.translate("ui.cases.cases_view", "{value}, due {local_time}").format(
        value=vocabulary.follow_up_state(follow_up.state), local_time=local_time(follow_up.due_at)
    )
    if call_due(follow_up.state):
        line += f" ({time_left(follow_up.due_at, now)})"
    if follow_up.assignee_id is not None:
        return QCoreApplication.translate(
            "ui.cases.cases_view", "{line} · {assignee_name} has the call"
        ).format(line=line, assignee_name=detail.assignee_name)
    if follow_up.state in TERMINAL:
        return line
    return QCoreApplication.translate("ui.cases.cases_view", "{line} · nobody has the call yet").format(
        line=line
    )


def personal_phone_line(detail: cases.CaseDetail, _now: datetime) -> str:
    phone = detail.personal_phone
    if phone is None:
        return (
            QCoreApplication.translate("ui.cases.cases_view", "none taken")
            if detail.contact_sharing.contact_info
            else translated("ui.cases.cases_view", WITHHELD_FROM_PROGRAM)
        )
    held = (
        QCoreApplication.translate("ui.cases.cases_view", "returned")
        if phone.returned_at
        else QCoreApplication.translate("ui.cases.cases_view", "held")
    )
    return QCoreApplication.translate("ui.cases.cases_view", "{held}, receipt {property_receipt_no}").format(
        held=held, property_receipt_no=phone.property_receipt_no
    )


CARD_LINES: tuple[tuple[str, str, Callable[[cases.CaseDetail, datetime], str]], ...] = (
    ("call_on", QT_TRANSLATE_NOOP("ui.cases.cases_view", "Call on"), call_on_line),
    ("address", QT_TRANSLATE_NOOP("ui.cases.cases_view", "Address"), address_line),
    ("family", QT_TRANSLATE_NOOP("ui.cases.cases_view", "Family"), family_lines),
    ("follow_up", QT_TRANSLATE_NOOP("ui.cases.cases_view", "Follow-up"), follow_up_line),
    ("personal_phone", QT_TRANSLATE_NOOP("ui.cases.cases_view", "Personal phone"), personal_phone_line),
)


class ContactCard(QFrame):
    """Whom to call and how, at the top of every case: numbers, language, address, family and their
    consent, where the follow-up stands. Only what this user may see (services.disclosure)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setAccessibleName(self.tr("Contact card"))
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.lines: dict[str, QLabel] = {}
        for row, (key, marked_caption, _text) in enumerate(CARD_LINES):
            caption = translated("ui.cases.cases_view", marked_caption)
            name = QLabel(caption)
            name.setObjectName("cardKey")
            value = QLabel()
            value.setAccessibleName(caption)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # into a dialler
            # Wrapped, so a long family line never widens the case past the screen at 125 % scaling; in a
            # grid (unlike a form layout) the wrapped label gets the height it needs.
            value.setWordWrap(True)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.lines[key] = value
        grid.setColumnStretch(1, 1)

    def show_case(self, detail: cases.CaseDetail, now: datetime) -> None:
        for key, _caption, text in CARD_LINES:
            self.lines[key].setText(text(detail, now))
            self.lines[key].setAccessibleDescription(self.lines[key].text())
        self.show()

    def text(self, key: str) -> str:
        return self.lines[key].text()


class CasePanel(QWidget):
    """One case: who, where the follow-up stands, the actions that apply now, and the whole timeline."""

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.detail: cases.CaseDetail | None = None
        self.person: coresponse.CallPersonDetail | None = None  # met only on co-response calls
        self.dialog: QDialog | None = None  # the action dialog opened last
        self.title = QLabel(self.tr("No case open"))
        self.title.setObjectName("title")
        self.title.setAccessibleName(self.tr("Case"))
        self.subtitle = QLabel(self.tr("Search on the left, then press Enter or double-click a result."))
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setAccessibleName(self.tr("Case status"))
        self.card = ContactCard()
        self.card.hide()  # until a case is open
        self.buttons: dict[str, QPushButton] = {}
        social_worker = context.signed_in.actor.role is Role.SOCIAL_WORKER
        # The stock actions a role may not take at all (domain.permissions); show_case adds what the case allows
        self.permitted = {
            "return_phone": context.may("custody_event", Op.INSERT),
            "burner": context.may("burner_phone", Op.UPDATE, {"status": (None, PhoneStatus.RETURNED.value)}),
            "drug_intel": context.may("drug_intel_report", Op.INSERT),  # police only
        }
        # By topic: the phones and paper, the 48-hour call, the Overdose Response Team visit. Supervisors
        # assign a call, social workers take one.
        action_rows = (
            (
                ("return_phone", self.tr("Return personal phone…"), self._return_phone),
                ("burner", self.tr("Burner returned or lost…"), self._burner),
                ("print", self.tr("Print…"), self._print),
            ),
            (
                ("attempt", self.tr("Add contact attempt…"), self._attempt),
                ("outcome", self.tr("Record outcome…"), self._outcome),
                ("take", self.tr("Take this call"), self._take)
                if social_worker
                else ("assign", self.tr("Assign follow-up…"), self._assign),
            ),
            (
                ("schedule_visit", self.tr("Schedule home visit…"), self._schedule_visit),
                ("record_visit", self.tr("Record home visit…"), self._record_visit),
                # not even shown to a social worker: drug intelligence is police's alone
                *(
                    (("drug_intel", self.tr("Drug intel call…"), self._drug_intel),)
                    if self.permitted["drug_intel"]
                    else ()
                ),
            ),
        )
        # In topic order, wrapping where the pane ends (a fixed row per topic held the pane as wide as its
        # longest row, squeezing the search results' names to a few letters in Spanish).
        self.button_flow = FlowLayout()
        for key, label, slot in (action for topic in action_rows for action in topic):
            button = QPushButton(label)
            button.setAccessibleName(label.rstrip("…"))
            button.setEnabled(False)
            button.clicked.connect(slot)
            self.buttons[key] = button
            self.button_flow.addWidget(button)
        self.timeline = timeline_model()
        self.timeline_table = read_only_table(self.timeline, self.tr("Case timeline"))
        self.timeline_table.setWordWrap(True)
        # The kind of entry wraps in a column of its own width rather than squeezing the details: in
        # Spanish it can read "llamada de respuesta conjunta".
        kinds = self.timeline_table.horizontalHeader()
        kinds.setSectionResizeMode(TIMELINE_KIND_COLUMN, QHeaderView.ResizeMode.Interactive)
        kinds.resizeSection(TIMELINE_KIND_COLUMN, self.fontMetrics().horizontalAdvance("M" * 10))
        # Wrapped rows need their height again whenever the details column changes width: a dragged
        # splitter, and the view narrowing when the rows' own height brings in the scroll bar (which
        # resizes the stretched column without a sectionResized).
        self.timeline_table.horizontalHeader().sectionResized.connect(
            lambda *_: self.timeline_table.resizeRowsToContents()
        )
        self.timeline_table.viewport().installEventFilter(self)
        self.timeline_table.activated.connect(self._open_entry)
        self.timeline_table.setToolTip(self.tr("Enter or double-click a co-response call to open it"))
        self.message = MessageLabel(self.tr("Case message"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.card)
        layout.addLayout(self.button_flow)
        layout.addWidget(self.timeline_table, 1)
        layout.addWidget(self.message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.timeline_table.viewport() and event.type() == QEvent.Type.Resize:
            # After the view has laid out its columns for the new width.
            QTimer.singleShot(0, self.timeline_table.resizeRowsToContents)
        return False

    def open_case(self, encounter_id: UUID) -> None:
        context = self._context
        self.message.clear()
        context.tasks.run_db(
            lambda: cases.case_detail(
                context.signed_in.uow, context.signed_in.actor, encounter_id, today=context.now().date()
            ),
            on_done=while_alive(self, self.show_case),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def open_person(self, person_id: UUID) -> None:
        """Someone met only on co-response calls: who they are and their calls' timeline."""
        context = self._context
        self.message.clear()
        context.tasks.run_db(
            lambda: coresponse.person_with_calls(context.signed_in.uow, context.signed_in.actor, person_id),
            on_done=while_alive(self, self.show_person),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def reload(self) -> None:
        if self.detail is not None:
            self.open_case(self.detail.summary.encounter_id)
        elif self.person is not None:
            self.open_person(self.person.person_id)

    def show_person(self, person: coresponse.CallPersonDetail) -> None:
        self.detail, self.person = None, person
        self.title.setText(person.name)
        self.subtitle.setText(
            self.tr(
                "{jurisdiction_name} · met on %n co-response call(s), never at the bedside",
                "",
                len(person.calls),
            ).format(jurisdiction_name=jurisdiction_name(person.jurisdiction))
        )
        self.card.hide()  # the card is the bedside follow-up's: whom the program calls
        self.timeline.set_rows(cases.person_timeline(person))
        self.timeline_table.resizeRowsToContents()
        for button in self.buttons.values():
            button.setEnabled(False)

    def _open_entry(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """Enter or a double-click on a co-response call (or its clinician's note) opens the call."""
        entry = self.timeline.row_at(index)
        if entry is not None and entry.call_id is not None:
            self.dialog = CallDialog(self._context, entry.call_id, self)
            self.dialog.open()

    def show_case(self, detail: cases.CaseDetail) -> None:
        self.detail, self.person = detail, None
        summary = detail.summary
        self.title.setText(summary.person_name)
        self.subtitle.setText(
            self.tr("{jurisdiction_name} · encounter {local_time}").format(
                jurisdiction_name=jurisdiction_name(summary.jurisdiction),
                local_time=local_time(summary.started_at),
            )
        )
        self.card.show_case(detail, self._context.now())
        self.timeline.set_rows(cases.timeline(detail))
        self.timeline_table.resizeRowsToContents()
        follow_up = detail.follow_up
        open_follow_up = follow_up is not None and follow_up.state not in TERMINAL
        phone = detail.personal_phone
        burner = detail.burner_phone
        role = self._context.signed_in.actor.role
        enabled = {
            "return_phone": phone is not None and phone.returned_at is None,
            "burner": burner is not None and burner.status in (PhoneStatus.ISSUED, PhoneStatus.LOST),
            "attempt": open_follow_up,
            "schedule_visit": open_follow_up,
            "record_visit": self._visit_to_record() is not None,
            "outcome": open_follow_up,
            "assign": open_follow_up and role is Role.SUPERVISOR,
            "take": open_follow_up and follow_up is not None and follow_up.assignee_id is None,
            "print": True,  # referral and family sheets can be reprinted at any time
            "drug_intel": True,  # a survivor may call about what they took at any time
        }
        for key, button in self.buttons.items():
            button.setEnabled(enabled[key] and self.permitted.get(key, True))

    def _visit_to_record(self) -> HomeVisitView | None:
        visits = self.detail.home_visits if self.detail else ()
        return next((visit for visit in visits if visit.done_at is None), None)

    def _run(self, make: Callable[[cases.CaseDetail], QDialog]) -> None:
        if self.detail is not None:
            self.dialog = make(self.detail)
            self.dialog.open()  # window-modal; the dialog announces its change and closes

    def _return_phone(self) -> None:
        self._run(lambda detail: actions.ReturnPersonalPhoneDialog(self._context, detail, self))

    def _burner(self) -> None:
        self._run(lambda detail: actions.BurnerReturnedOrLostDialog(self._context, detail, self))

    def _attempt(self) -> None:
        self._run(lambda detail: actions.ContactAttemptDialog(self._context, detail, self))

    def _schedule_visit(self) -> None:
        self._run(lambda detail: actions.ScheduleHomeVisitDialog(self._context, detail, self))

    def _record_visit(self) -> None:
        visit = self._visit_to_record()
        if visit is not None:
            self._run(lambda _detail: actions.RecordHomeVisitDialog(self._context, visit, self))

    def _print(self) -> None:
        self._run(lambda detail: PrintDialog(self._context, detail.summary.encounter_id, self))

    def _drug_intel(self) -> None:
        self._run(lambda detail: DrugIntelCallDialog(self._context, detail.summary.encounter_id, self))

    def _outcome(self) -> None:
        self._run(lambda detail: actions.FollowUpOutcomeDialog(self._context, detail, self))

    def _assign(self) -> None:
        follow_up = self.detail.follow_up if self.detail else None
        if follow_up is not None:
            self._run(
                lambda _detail: actions.AssignFollowUpDialog(
                    self._context, follow_up.id, follow_up.assignee_id, self
                )
            )

    def _take(self) -> None:
        follow_up = self.detail.follow_up if self.detail else None
        if follow_up is None:
            return
        context, follow_up_id = self._context, follow_up.id
        self.buttons["take"].setEnabled(False)
        context.tasks.run_db(
            lambda: followup.take(context.signed_in.uow, context.signed_in.actor, follow_up_id),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )


class CasesView(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Cases"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setPlaceholderText(self.tr("Name, phone, IMEI or receipt no."))
        self.search.setClearButtonEnabled(True)
        for clear_button in self.search.findChildren(QToolButton):  # Qt's own, unnamed
            clear_button.setAccessibleName(self.tr("Clear search"))
        self.search_status = QLabel(
            self.tr("Type at least {MIN_QUERY} characters.").format(MIN_QUERY=number(cases.MIN_QUERY))
        )
        self.search_status.setObjectName("hint")
        self.search_status.setAccessibleName(self.tr("Search status"))
        self.results = results_model()
        self.results_table = read_only_table(self.results, self.tr("Search results"))
        stretch_column(self.results_table, 0)  # a long name gives way; the follow-up state stays whole
        self.case = CasePanel(context)

        left = QWidget()
        left.setMinimumWidth(300)  # the search hint and the names stay readable
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 12, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.search_status)
        left_layout.addWidget(self.results_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.case)
        self.splitter.setStretchFactor(1, 1)
        state = context.settings.value(SPLITTER_KEY)
        if not (isinstance(state, QByteArray) and self.splitter.restoreState(state)):
            self.splitter.setSizes(
                [520, 650]
            )  # the names stay readable; the case, with its card, gets the rest
        self.splitter.splitterMoved.connect(
            lambda _pos, _index: context.settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self._serial = 0  # bumped per query; results of an older query are dropped
        self._open_first = False
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._enter)
        self.results_table.activated.connect(self._open_index)
        self._reload_case_when_shown = RefreshWhenShown(self.case, self.case.reload)
        self._search_again_when_shown = RefreshWhenShown(self, self.run_search)
        context.changes.changed.connect(self._changed)
        self.setFocusProxy(self.search)

    def run_search(self) -> None:
        self._debounce.stop()
        self._serial += 1
        serial, query = self._serial, self.search.text()
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        today = self._context.now().date()
        self._context.tasks.run_db(
            lambda: cases.find_all(uow, actor, query, today=today),
            on_done=while_alive(self, lambda found: self._found(serial, found)),
            on_error=while_alive(self, lambda exc: self._search_failed(serial, exc)),
        )

    def _found(self, serial: int, found: list[cases.Found]) -> None:
        if serial != self._serial:
            return  # typed on meanwhile: a newer query's results are on their way
        self.results.set_rows(found)
        self.search_status.setText(self._count(len(found), self.search.text()))
        if found and self._open_first:
            self._open(found[0])
        self._open_first = False

    def _open(self, row: cases.Found) -> None:
        if isinstance(row, cases.CaseSummary):
            self.case.open_case(row.encounter_id)
        else:
            self.case.open_person(row.person_id)

    def _search_failed(self, serial: int, exc: BaseException) -> None:
        if serial == self._serial:
            self._open_first = False
            self.search_status.setText(message_for(exc))

    def _enter(self) -> None:
        """Enter opens the first result, searching first if the debounce has not fired yet."""
        if self._debounce.isActive():
            self._open_first = True
            self.run_search()
        elif self.results.rows:
            self._open(self.results.rows[0])

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = self.results.row_at(index)
        if row is not None:
            self._open(row)

    def _changed(self, written: Changed) -> None:
        if written & CASE_ENTITIES:
            self._reload_case_when_shown()
        # "No case matches" can be out of date too: a sync may just have brought the case.
        if written & RESULT_ENTITIES and len(self.search.text().strip()) >= cases.MIN_QUERY:
            self._search_again_when_shown()

    def _count(self, found: int, query: str) -> str:
        if len(query.strip()) < cases.MIN_QUERY:
            return self.tr("Type at least {MIN_QUERY} characters.").format(MIN_QUERY=number(cases.MIN_QUERY))
        if found == 0:
            return self.tr("No case matches.")
        return self.tr("%n case(s)", "", found)
