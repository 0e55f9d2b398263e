"""Today: the 48-hour calls to make (for a social worker, "My calls"), what came in lately, what is running
low. The calls can be narrowed to mine, unassigned or overdue; a social worker takes an unassigned call,
a supervisor assigns one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.changes import Changed
from burner_desk.domain.followup import Urgency, urgency
from burner_desk.domain.people import Role
from burner_desk.domain.permissions import Op
from burner_desk.domain.residency import jurisdiction_name
from burner_desk.services import followup, sync, today
from burner_desk.services.cases import CaseSummary
from burner_desk.ui.cases.actions import AssignFollowUpDialog
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.inventory.selection import selected_row, stretch_column
from burner_desk.ui.spikes.banner import SpikeBanner, may_acknowledge
from burner_desk.ui.sync.view import SYNC_ENTITIES
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import local_date, local_time, time_left, time_or_day
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.stat_card import StatCard
from burner_desk.ui.widgets.tables import read_only_table
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

TICK_MS = 30_000  # the countdown shows minutes; a 30 s tick keeps it at most half a minute behind
# The kinds of record Today is made of (the calls, recent cases, counts and stock warnings): a change to
# one reloads it. A user's display name, which a call shows, never changes once the user is added.
TODAY_ENTITIES = frozenset(
    {
        "encounter",
        "person",
        "consent",
        "follow_up",
        "phone_swap",
        "custody_event",
        "burner_phone",
        "recovery_bag",
        "bag_item",
        "setting",  # the stock threshold
    }
)


class CallFilter(StrEnum):
    MINE = "Mine"
    UNASSIGNED = "Unassigned"
    OVERDUE = "Overdue"
    ALL = "All"


FILTER_LABELS = {
    CallFilter.MINE: QT_TRANSLATE_NOOP("ui.today.today_view", "Mine"),
    CallFilter.UNASSIGNED: QT_TRANSLATE_NOOP("ui.today.today_view", "Unassigned"),
    CallFilter.OVERDUE: QT_TRANSLATE_NOOP("ui.today.today_view", "Overdue"),
    CallFilter.ALL: QT_TRANSLATE_NOOP("ui.today.today_view", "All"),
}
FILTER_DESCRIPTIONS = {
    CallFilter.MINE: QT_TRANSLATE_NOOP("ui.today.today_view", "Show my calls"),
    CallFilter.UNASSIGNED: QT_TRANSLATE_NOOP("ui.today.today_view", "Show unassigned calls"),
    CallFilter.OVERDUE: QT_TRANSLATE_NOOP("ui.today.today_view", "Show overdue calls"),
    CallFilter.ALL: QT_TRANSLATE_NOOP("ui.today.today_view", "Show all calls"),
}


def default_filter(role: Role) -> CallFilter:
    """A social worker starts from their own calls; a supervisor and a detective see every call due."""
    return CallFilter.MINE if role is Role.SOCIAL_WORKER else CallFilter.ALL


def passes(call: followup.Call, which: CallFilter, me: UUID, now: datetime) -> bool:
    if which is CallFilter.MINE:
        return call.follow_up.assignee_id == me
    if which is CallFilter.UNASSIGNED:
        return call.follow_up.assignee_id is None
    if which is CallFilter.OVERDUE:
        return urgency(call.follow_up.state, call.follow_up.due_at, now) is Urgency.OVERDUE
    return True


def call_on(call: followup.Call) -> str:
    """The number to call: the burner phone the program programmed, else the survivor's own."""
    if call.burner_number:
        return call.burner_number
    return (
        QCoreApplication.translate("ui.today.today_view", "{own_phone} (own)").format(
            own_phone=call.own_phone
        )
        if call.own_phone
        else QCoreApplication.translate("ui.today.today_view", "no phone: home visit")
    )


def calls_model(now: Callable[[], datetime]) -> RowsModel[followup.Call]:
    """Time left and colour are worked out at paint time from `now`, so a tick only repaints."""

    def tone(row: followup.Call) -> str:
        level = urgency(row.follow_up.state, row.follow_up.due_at, now())
        return level.value if level in (Urgency.OVERDUE, Urgency.DUE_SOON) else ""

    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.today.today_view", "Person"), lambda row: row.person_name),
            Column(QCoreApplication.translate("ui.today.today_view", "Call on"), call_on),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Language"),
                lambda row: translated("ui.widgets.languages", LANGUAGE_NAMES[row.language]),
            ),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Due at"),
                lambda row: local_time(row.follow_up.due_at),
            ),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Time left"),
                lambda row: time_left(row.follow_up.due_at, now()),
            ),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Assigned to"),
                lambda row: vocabulary.assignee(row.assignee),
            ),
        ],
        tone,
    )


def recent_model() -> RowsModel[CaseSummary]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.today.today_view", "Person"), lambda row: row.person_name),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Encounter"),
                lambda row: local_time(row.started_at),
            ),
            Column(
                QCoreApplication.translate("ui.today.today_view", "Jurisdiction"),
                lambda row: jurisdiction_name(row.jurisdiction),
            ),
        ]
    )


def sync_line(
    last_sync_at: datetime | None, waiting: int, open_conflicts: int, held_back: int, sync_error: str
) -> str:
    last = (
        time_or_day(last_sync_at)
        if last_sync_at
        else QCoreApplication.translate("ui.today.today_view", "never")
    )
    line = QCoreApplication.translate(
        "ui.today.today_view", "Last sync: {last}. Changes waiting to sync: {outbox_pending}."
    ).format(last=last, outbox_pending=number(waiting))
    if open_conflicts:
        line += QCoreApplication.translate(
            "ui.today.today_view", " Sync conflicts to settle: {open_conflicts} in the Sync view."
        ).format(open_conflicts=number(open_conflicts))
    if held_back:
        line += QCoreApplication.translate(
            "ui.today.today_view", " Records held back from central: {held_back} (the Sync view says why)."
        ).format(held_back=number(held_back))
    if sync_error:
        line += QCoreApplication.translate(
            "ui.today.today_view", " The last sync did not finish: {sync_error}"
        ).format(sync_error=sync_error)
    return line


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section")
    return label


class TodayView(QWidget):
    open_case = Signal(UUID)  # Enter or double-click on a call or a recent encounter
    new_encounter = Signal()  # the button; the main window opens the bedside wizard

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        actor = context.signed_in.actor
        self.setAccessibleName(self.tr("Today"))
        self.data: today.TodayView | None = None
        self.dialog: AssignFollowUpDialog | None = None
        social_worker = actor.role is Role.SOCIAL_WORKER
        self.cards = {
            "calls": StatCard(self.tr("Calls to make")),
            "encounters": StatCard(self.tr("Bedside encounters")),
            "phones_in_stock": StatCard(self.tr("Burner phones in stock")),
            "outbox_pending": StatCard(self.tr("Changes waiting to sync")),
        }
        self.calls = calls_model(context.now)
        self.calls_table = read_only_table(
            self.calls, self.tr("My calls") if social_worker else self.tr("Calls to make")
        )
        stretch_column(self.calls_table, 0)  # a long name gives way, elided; numbers and times stay whole
        self.filter = default_filter(actor.role)
        self.filter_buttons: dict[CallFilter, QPushButton] = {}
        self._filter_group = QButtonGroup(self)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for which in CallFilter:
            button = QPushButton(translated("ui.today.today_view", FILTER_LABELS[which]))
            button.setCheckable(True)
            button.setAccessibleName(translated("ui.today.today_view", FILTER_DESCRIPTIONS[which]))
            button.setChecked(which is self.filter)
            button.clicked.connect(lambda _checked=False, chosen=which: self.show_calls(chosen))
            self._filter_group.addButton(button)
            self.filter_buttons[which] = button
            filters.addWidget(button)
        filters.addStretch()
        self.take_button = QPushButton(self.tr("Take this call"))
        self.take_button.setAccessibleName(self.tr("Take this call"))
        self.take_button.clicked.connect(self._take)
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.assign_button.setAccessibleName(self.tr("Assign the call"))
        self.assign_button.clicked.connect(self._assign)
        filters.addWidget(self.take_button)
        filters.addWidget(self.assign_button)

        self.recent = recent_model()
        self.recent_table = read_only_table(self.recent, self.tr("Recent encounters"))
        self.warnings = QListWidget()
        self.warnings.setAccessibleName(self.tr("Inventory warnings"))
        self.warnings.setWordWrap(True)
        self.sync_status = QLabel(self.tr("Last sync: never."))
        self.sync_status.setAccessibleName(self.tr("Sync status"))
        self.sync_status.setWordWrap(True)
        self.message = MessageLabel(self.tr("Today message"))
        # Made in the view: it shows itself when alerts come, which can be before it is in the layout.
        self.spike_banner = SpikeBanner(context, self) if may_acknowledge(context) else None

        self.new_encounter_button = QPushButton(self.tr("New encounter  (Ctrl+N)"))
        self.new_encounter_button.setObjectName("primary")
        self.new_encounter_button.setAccessibleName(self.tr("New encounter"))
        self.new_encounter_button.clicked.connect(self.new_encounter)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        title = self.tr("My calls") if social_worker else self.tr("Calls to make")
        grid.addWidget(
            _section(self.tr("{title}: the 48-hour call after the burner phone").format(title=title)),
            1,
            0,
            1,
            4,
        )
        grid.addLayout(filters, 2, 0, 1, 4)
        grid.addWidget(self.calls_table, 3, 0, 1, 4)
        grid.addWidget(_section(self.tr("Recent encounters")), 4, 0, 1, 2)
        grid.addWidget(self.recent_table, 5, 0, 1, 2)
        grid.addWidget(_section(self.tr("Inventory warnings")), 4, 2, 1, 2)
        grid.addWidget(self.warnings, 5, 2, 1, 2)
        grid.setRowStretch(3, 3)
        grid.setRowStretch(5, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.spike_banner is not None:
            layout.addWidget(self.spike_banner)
        layout.addWidget(self.new_encounter_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(grid, 1)
        layout.addWidget(self.sync_status)
        layout.addWidget(self.message)
        # What this role does, once the controls are in the view: made visible before, a control would
        # open as a window of its own for a moment.
        self.filter_buttons[CallFilter.MINE].setVisible(social_worker)  # only social workers take calls
        self.take_button.setVisible(social_worker)
        self.assign_button.setVisible(actor.role is Role.SUPERVISOR)
        self.new_encounter_button.setVisible(context.may("encounter", Op.INSERT))  # not a social worker's

        self.calls_table.activated.connect(lambda index: self._open(self.calls.row_at(index)))
        self.calls_table.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())
        self.recent_table.activated.connect(lambda index: self._open(self.recent.row_at(index)))
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._tick)
        self.tick.start()
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        self._refresh_sync_when_shown = RefreshWhenShown(self, self.refresh_sync)
        context.changes.changed.connect(self._changed)
        self._enable_actions()
        self.refresh()

    def refresh(self) -> None:
        context = self._context
        self._context.tasks.run_db(
            lambda: today.load(context.signed_in.uow, context.signed_in.actor, context.now()),
            on_done=while_alive(self, self.show_today),
            on_error=while_alive(self, self._failed),
        )

    def _changed(self, written: Changed) -> None:
        if written & TODAY_ENTITIES:
            self._refresh_when_shown()
        elif written & SYNC_ENTITIES:  # every save adds to the outbox: then only the waiting count moves
            self._refresh_sync_when_shown()

    def refresh_sync(self) -> None:
        """Only the sync line and the waiting count (a user added, a sync with nothing new)."""
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: sync.status(uow),
            on_done=while_alive(self, self.show_sync),
            on_error=while_alive(self, self._failed),
        )

    def show_sync(self, status: sync.SyncStatus) -> None:
        self.cards["outbox_pending"].set_value(status.waiting)
        self.sync_status.setText(
            sync_line(
                status.last_sync_at,
                status.waiting,
                status.open_conflicts,
                status.held_back,
                status.last_error,
            )
        )

    def warning_text(self, warning: today.InventoryWarning) -> str:
        if isinstance(warning, today.PhonesLow):
            return self.tr(
                "Only %n burner phone(s) in stock (threshold {threshold}).", "", warning.in_stock
            ).format(threshold=number(warning.threshold))
        if isinstance(warning, today.NaloxoneExpiring):
            said = (
                self.tr("Naloxone lot {lot} in bag {bag} expired on {day}.")
                if warning.expired
                else self.tr("Naloxone lot {lot} in bag {bag} expires on {day}.")
            )
            return said.format(lot=warning.lot, bag=warning.bag_label, day=local_date(warning.expires_on))
        missing = [
            text
            for text, lacking in (
                (self.tr("usable naloxone"), warning.no_usable_naloxone),
                (self.tr("disposal bags"), warning.no_disposal_bags),
            )
            if lacking
        ]
        return self.tr("Bag {bag} is not fully stocked: no {missing}.").format(
            bag=warning.bag_label, missing=self.tr(" and no ").join(missing)
        )

    def show_today(self, data: today.TodayView) -> None:
        self.data = data
        self.message.clear()
        self.show_calls(self.filter)
        self.recent.set_rows(data.recent)
        self.warnings.clear()
        self.warnings.addItems(
            [self.warning_text(warning) for warning in data.inventory_warnings]
            or [self.tr("Nothing is running low.")]
        )
        self.cards["calls"].set_value(len(data.calls))
        self.cards["encounters"].set_value(data.encounters)
        self.cards["phones_in_stock"].set_value(data.phones_in_stock)
        self.cards["outbox_pending"].set_value(data.outbox_pending)
        self.sync_status.setText(
            sync_line(
                data.last_sync_at, data.outbox_pending, data.open_conflicts, data.held_back, data.sync_error
            )
        )

    def show_calls(self, which: CallFilter) -> None:
        """The calls that pass `which`, the same call kept selected; each button counts its calls."""
        self.filter = which
        self.filter_buttons[which].setChecked(True)
        calls = self.data.calls if self.data is not None else ()
        me, now = self._context.signed_in.actor.user_id, self._context.now()
        for option, button in self.filter_buttons.items():
            count = sum(passes(call, option, me, now) for call in calls)
            button.setText(
                self.tr("{filter} ({count})").format(
                    filter=translated("ui.today.today_view", FILTER_LABELS[option]), count=number(count)
                )
            )
        shown = tuple(call for call in calls if passes(call, which, me, now))
        if shown == self.calls.rows:
            self.calls.refresh_all()  # the same calls: repaint the countdown, keep scroll and selection
            return
        kept = self._selected()
        self.calls.set_rows(shown)
        if kept is not None:
            row = next((n for n, call in enumerate(shown) if call.follow_up.id == kept.follow_up.id), None)
            if row is not None:
                self.calls_table.selectRow(row)
        self._enable_actions()

    def _tick(self) -> None:
        # Calls fall overdue as time passes: the overdue filter and the counts move with them.
        self.show_calls(self.filter)

    def _selected(self) -> followup.Call | None:
        call = selected_row(self.calls_table)
        return call if isinstance(call, followup.Call) else None

    def _enable_actions(self) -> None:
        call = self._selected()
        self.take_button.setEnabled(call is not None and call.follow_up.assignee_id is None)
        self.assign_button.setEnabled(call is not None)

    def _take(self) -> None:
        call = self._selected()
        if call is None:
            return
        context, follow_up_id = self._context, call.follow_up.id
        self.take_button.setEnabled(False)
        context.tasks.run_db(
            lambda: followup.take(context.signed_in.uow, context.signed_in.actor, follow_up_id),
            on_error=while_alive(self, self._failed),
        )

    def _assign(self) -> None:
        call = self._selected()
        if call is not None:
            self.dialog = AssignFollowUpDialog(
                self._context, call.follow_up.id, call.follow_up.assignee_id, self
            )
            self.dialog.open()

    def _open(self, row: followup.Call | CaseSummary | None) -> None:
        if row is not None:
            self.open_case.emit(row.encounter_id)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
        self._enable_actions()
