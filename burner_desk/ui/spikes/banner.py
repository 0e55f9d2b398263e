"""The spike alert banner on Today: one line per area over a rule (services.spikes), for everyone who may
acknowledge an alert. Acknowledging asks for a note, then opens the Spike Response checklist; an
acknowledged alert says who acknowledged it, on every desk after the next sync."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from burner_desk.domain.changes import Changed
from burner_desk.domain.permissions import Op
from burner_desk.services import spikes
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.spikes.checklist import AcknowledgeDialog, SpikeChecklistDialog
from burner_desk.ui.spikes.words import alert_text
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

REFRESH_MS = 5 * 60_000  # alerts come and go with the 24-hour window, not only with changes
SPIKE_ENTITIES = frozenset({"spike_threshold", "spike_response"})
# A sync announces what it brought (incidents come with encounters); thresholds and acknowledgements
# change what is shown.
ENTITIES = frozenset({"incident", "encounter", *SPIKE_ENTITIES})


class AlertRow(QFrame):
    def __init__(self, alert: spikes.SpikeAlert) -> None:
        super().__init__()
        self.alert = alert
        self.setObjectName("spikeAlert")
        self.text = QLabel(alert_text(alert))
        self.text.setObjectName("banner")
        self.text.setWordWrap(True)
        self.text.setContentsMargins(12, 8, 12, 8)
        self.text.setAccessibleName(QCoreApplication.translate("SpikeAlert", "Spike alert"))
        self.text.setAccessibleDescription(self.text.text())
        self.acknowledge_button = QPushButton(QCoreApplication.translate("SpikeAlert", "Acknowledge…"))
        self.acknowledge_button.setAccessibleName(
            QCoreApplication.translate("SpikeAlert", "Acknowledge the spike alert")
        )
        self.checklist_button = QPushButton(
            QCoreApplication.translate("SpikeAlert", "Spike Response checklist…")
        )
        self.checklist_button.setAccessibleName(
            QCoreApplication.translate("SpikeAlert", "Spike Response checklist")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.acknowledge_button)
        layout.addWidget(self.checklist_button)
        # In the layout first: made visible before, a button would open as a window of its own.
        self.acknowledge_button.setVisible(not alert.acknowledged)
        self.checklist_button.setVisible(alert.acknowledged)


class SpikeBanner(QWidget):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setAccessibleName(QCoreApplication.translate("SpikeAlert", "Spike alerts"))
        self.board: spikes.SpikeBoard | None = None
        self.rows: list[AlertRow] = []
        self.dialog: AcknowledgeDialog | SpikeChecklistDialog | None = None
        self.message = MessageLabel(QCoreApplication.translate("SpikeAlert", "Spike alerts: message"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.message)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        context.changes.changed.connect(self._changed)
        self.refresh()

    def _changed(self, written: Changed) -> None:
        if written & ENTITIES:
            self._refresh_when_shown()

    def refresh(self) -> None:
        context = self._context
        context.tasks.run_db(
            lambda: spikes.board(context.signed_in.uow, context.now()),
            on_done=while_alive(self, self.show_board),
            on_error=while_alive(self, self._failed),
        )

    def show_board(self, board: spikes.SpikeBoard) -> None:
        self.board = board
        self.message.clear()
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = [AlertRow(alert) for alert in board.alerts]
        for position, row in enumerate(self.rows):
            row.acknowledge_button.clicked.connect(lambda _c=False, a=row.alert: self.acknowledge(a))
            row.checklist_button.clicked.connect(lambda _c=False, a=row.alert: self.open_checklist(a))
            self._layout.insertWidget(position, row)
        self.setVisible(bool(self.rows))

    def acknowledge(self, alert: spikes.SpikeAlert) -> AcknowledgeDialog:
        dialog = AcknowledgeDialog(self._context, alert, self)
        dialog.acknowledged.connect(lambda ack: self.open_checklist(alert, ack))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_checklist(
        self, alert: spikes.SpikeAlert, just_made: spikes.Acknowledgement | None = None
    ) -> SpikeChecklistDialog:
        dialog = SpikeChecklistDialog(self._context, alert, just_made, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
        self.show()


def may_acknowledge(context: ViewContext) -> bool:
    """The banner is for everyone who may acknowledge an alert (domain.permissions)."""
    return context.may("spike_response", Op.INSERT)
