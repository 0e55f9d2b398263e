"""The police-only Drug intel view: what survivors reported over the last 14 days, grouped by substance and
stamp (most reported first), and the calls behind the selected group, each opening its case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from PySide6.QtCore import QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from burner_desk.services import drug_intel
from burner_desk.services.drug_intel import CirculatingGroup
from burner_desk.ui.context import ViewContext
from burner_desk.ui.drug_intel.call_dialog import DrugIntelCallDialog, WithdrawDrugIntelDialog
from burner_desk.ui.errors import message_for
from burner_desk.ui.inventory.selection import selected_row, stretch_column
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.tables import read_only_table
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

ENTITY = "drug_intel_report"


def short_moment(moment: datetime) -> str:
    """The laptop's own date and time format (QLocale), in its time zone."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class CirculatingView(QWidget):
    open_case = Signal(UUID)  # Enter or double-click on a call, or its button

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Drug intel"))
        title = QLabel(self.tr("Drug intelligence: the last 14 days"))
        title.setObjectName("title")
        note = QLabel(
            self.tr(
                "Police only: what survivors told detectives about what they took, grouped by substance "
                "and stamp. Never shared with the treatment program, never in the ODMAP export."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.groups: RowsModel[CirculatingGroup] = RowsModel(
            [
                Column(self.tr("Substance"), lambda g: g.substance),
                Column(self.tr("Stamp"), lambda g: g.stamp or "—"),
                Column(self.tr("Calls"), lambda g: number(g.count)),
                Column(self.tr("Last call"), lambda g: short_moment(g.last_reported_at)),
                Column(self.tr("Colours"), lambda g: ", ".join(g.colours) or "—"),
                Column(self.tr("Areas obtained"), lambda g: ", ".join(g.areas) or "—"),
            ]
        )
        self.groups_table = read_only_table(self.groups, self.tr("Substances and stamps"))
        stretch_column(self.groups_table, 5)
        self.groups_table.selectionModel().selectionChanged.connect(lambda *_: self._show_calls())
        self.calls: RowsModel[drug_intel.DrugIntelView] = RowsModel(
            [
                Column(self.tr("Call"), lambda r: short_moment(r.reported_at)),
                Column(self.tr("Colour"), lambda r: r.colour or "—"),
                Column(self.tr("Packaging"), lambda r: r.packaging or "—"),
                Column(self.tr("Area obtained"), lambda r: r.area_obtained or "—"),
                Column(
                    self.tr("Effects and notes"), lambda r: "; ".join(p for p in (r.effects, r.notes) if p)
                ),
            ]
        )
        self.calls_table = read_only_table(self.calls, self.tr("Calls about the selected substance"))
        stretch_column(self.calls_table, 4)
        self.calls_table.activated.connect(self._open)  # Enter, or a double-click
        self.open_button = QPushButton(self.tr("Open case"))
        self.open_button.setAccessibleName(self.tr("Open case"))
        self.open_button.clicked.connect(lambda: self._open(self.calls_table.currentIndex()))
        # The detective who logged a call, or a supervisor, corrects it or withdraws it (entered in error)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setAccessibleName(self.tr("Correct the selected call"))
        self.correct_button.clicked.connect(self.correct)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"))
        self.withdraw_button.setAccessibleName(self.tr("Withdraw the selected call"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.dialog: DrugIntelCallDialog | WithdrawDrugIntelDialog | None = None
        self.calls_table.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())
        self._enable_actions()
        self.calls_caption = QLabel()
        self.calls_caption.setObjectName("subtitle")
        self.message = MessageLabel(self.tr("Drug intel message"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.calls_caption, 1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.groups_table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.calls_table, 2)
        layout.addWidget(self.message)
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        context = self._context
        context.tasks.run_db(
            lambda: drug_intel.recent(context.signed_in.uow, context.signed_in.actor, context.now()),
            on_done=while_alive(self, self._show),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def _show(self, groups: Sequence[CirculatingGroup]) -> None:
        self.message.clear()
        previous = selected_row(self.groups_table)
        self.groups.set_rows(groups)
        if not groups:
            self.message.show_info(self.tr("No drug intel calls in the last 14 days."))
            self._show_calls()
            return
        keep = (previous.substance, previous.stamp) if previous is not None else None
        self.groups_table.selectRow(
            next((row for row, g in enumerate(groups) if (g.substance, g.stamp) == keep), 0)
        )

    def _show_calls(self) -> None:
        group = selected_row(self.groups_table)
        self.calls.set_rows(group.reports if group is not None else ())
        self.calls_caption.setText(
            self.tr("Calls about {0}").format(
                f"{group.substance} · {group.stamp}"
                if group is not None and group.stamp
                else group.substance
                if group is not None
                else "—"
            )
        )
        if group is not None:
            self.calls_table.selectRow(0)

    def _enable_actions(self) -> None:
        report = selected_row(self.calls_table)
        self.open_button.setEnabled(report is not None)
        may = report is not None and drug_intel.may_correct(self._context.signed_in.actor, report)
        self.correct_button.setEnabled(may)
        self.withdraw_button.setEnabled(may)

    def correct(self) -> None:
        report = selected_row(self.calls_table)
        if report is not None:
            self.dialog = DrugIntelCallDialog(self._context, report.encounter_id, self, correcting=report)
            self.dialog.open()

    def withdraw(self) -> None:
        report = selected_row(self.calls_table)
        if report is not None:
            self.dialog = WithdrawDrugIntelDialog(self._context, report, self)
            self.dialog.open()

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        report = self.calls.row_at(index)
        if report is not None:
            self.open_case.emit(report.encounter_id)

    def _on_changed(self, entities: frozenset[str]) -> None:
        if ENTITY in entities:
            self._refresh_when_shown()
