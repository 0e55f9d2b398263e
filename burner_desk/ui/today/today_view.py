"""Today: who must be called before their 48 hours run out, what came in lately, what is running low."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from burner_desk.domain.followup import Urgency, urgency
from burner_desk.domain.permissions import Op
from burner_desk.services import today
from burner_desk.services.cases import CaseSummary
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.resources.view import jurisdiction_name
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import local_time, time_or_day
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.stat_card import StatCard
from burner_desk.ui.widgets.tables import read_only_table

TICK_MS = 30_000  # the countdown shows minutes; a 30 s tick keeps it at most half a minute behind


def time_left(due: datetime, now: datetime) -> str:
    """ "5 h 12 min" while there is time, "overdue 3 h" after; whole minutes, rounded down."""
    left = due - now
    minutes = int(abs(left) // timedelta(minutes=1))
    hours, rest = divmod(minutes, 60)
    if left <= timedelta(0):
        return f"overdue {hours} h" if hours else f"overdue {rest} min"
    return f"{hours} h {rest} min" if hours else f"{rest} min"


def follow_up_model(now: Callable[[], datetime]) -> RowsModel[today.FollowUpDue]:
    """Time left and colour are worked out at paint time from `now`, so a tick only repaints."""

    def tone(row: today.FollowUpDue) -> str:
        level = urgency(row.state, row.due_at, now())
        return level.value if level in (Urgency.OVERDUE, Urgency.DUE_SOON) else ""

    return RowsModel(
        [
            Column("Person", lambda row: row.person_name),
            Column("Due at", lambda row: local_time(row.due_at)),
            Column("Time left", lambda row: time_left(row.due_at, now())),
            Column("Assignee", lambda row: row.assignee),
            Column("State", lambda row: row.state.value),
        ],
        tone,
    )


def recent_model() -> RowsModel[CaseSummary]:
    return RowsModel(
        [
            Column("Person", lambda row: row.person_name),
            Column("Encounter", lambda row: local_time(row.started_at)),
            Column("Jurisdiction", lambda row: jurisdiction_name(row.jurisdiction)),
        ]
    )


def sync_line(data: today.TodayView) -> str:
    last = time_or_day(data.last_sync_at) if data.last_sync_at else "never"
    line = f"Last sync: {last}. Changes waiting to sync: {data.outbox_pending}."
    if data.open_conflicts:
        line += f" Sync conflicts to settle: {data.open_conflicts} in the Sync view."
    if data.sync_error:
        line += f" The last sync did not finish: {data.sync_error}"
    return line


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section")
    return label


class TodayView(QWidget):
    open_case = Signal(UUID)  # Enter or double-click on a follow-up or a recent encounter
    new_encounter = Signal()  # the button; the main window opens the bedside wizard

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName("Today")
        self.data: today.TodayView | None = None
        self.cards = {
            "follow_ups": StatCard("Follow-ups due"),
            "encounters": StatCard("Bedside encounters"),
            "phones_in_stock": StatCard("Burner phones in stock"),
            "outbox_pending": StatCard("Changes waiting to sync"),
        }
        self.follow_ups = follow_up_model(context.now)
        self.follow_up_table = read_only_table(self.follow_ups, "Follow-ups due")
        self.recent = recent_model()
        self.recent_table = read_only_table(self.recent, "Recent encounters")
        self.warnings = QListWidget()
        self.warnings.setAccessibleName("Inventory warnings")
        self.warnings.setWordWrap(True)
        self.sync_status = QLabel("Last sync: never.")
        self.sync_status.setAccessibleName("Sync status")
        self.sync_status.setWordWrap(True)
        self.message = MessageLabel("Today message")

        self.new_encounter_button = QPushButton("New encounter  (Ctrl+N)")
        self.new_encounter_button.setObjectName("primary")
        self.new_encounter_button.setAccessibleName("New encounter")
        self.new_encounter_button.clicked.connect(self.new_encounter)
        self.new_encounter_button.setVisible(context.may("encounter", Op.INSERT))  # not a social worker's

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        grid.addWidget(_section("Follow-ups due (48 hours from the burner phone)"), 1, 0, 1, 4)
        grid.addWidget(self.follow_up_table, 2, 0, 1, 4)
        grid.addWidget(_section("Recent encounters"), 3, 0, 1, 2)
        grid.addWidget(self.recent_table, 4, 0, 1, 2)
        grid.addWidget(_section("Inventory warnings"), 3, 2, 1, 2)
        grid.addWidget(self.warnings, 4, 2, 1, 2)
        grid.setRowStretch(2, 1)
        grid.setRowStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_encounter_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(grid, 1)
        layout.addWidget(self.sync_status)
        layout.addWidget(self.message)

        self.follow_up_table.activated.connect(lambda index: self._open(self.follow_ups.row_at(index)))
        self.recent_table.activated.connect(lambda index: self._open(self.recent.row_at(index)))
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self.follow_ups.refresh_all)
        self.tick.start()
        # Every write adds an outbox row, so any change moves at least the "waiting to sync" count.
        context.changes.changed.connect(lambda _entities: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        context = self._context
        self._context.tasks.run_db(
            lambda: today.load(context.signed_in.uow, context.signed_in.actor, context.now()),
            on_done=while_alive(self, self.show_today),
            on_error=while_alive(self, self._failed),
        )

    def show_today(self, data: today.TodayView) -> None:
        self.data = data
        self.message.clear()
        self.follow_ups.set_rows(data.follow_ups)
        self.recent.set_rows(data.recent)
        self.warnings.clear()
        self.warnings.addItems(list(data.inventory_warnings) or ["Nothing is running low."])
        self.cards["follow_ups"].set_value(len(data.follow_ups))
        self.cards["encounters"].set_value(data.encounters)
        self.cards["phones_in_stock"].set_value(data.phones_in_stock)
        self.cards["outbox_pending"].set_value(data.outbox_pending)
        self.sync_status.setText(sync_line(data))

    def _open(self, row: today.FollowUpDue | CaseSummary | None) -> None:
        if row is not None:
            self.open_case.emit(row.encounter_id)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
