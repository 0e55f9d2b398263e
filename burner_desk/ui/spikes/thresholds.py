"""Settings, spike alerts: a supervisor's threshold per area (as ODMAP's agency alerts), synced so every
desk alerts on the same numbers. Each area also alerts on its own baseline (CDC EARS C2), threshold or not.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from burner_desk.domain.changes import Changed
from burner_desk.domain.spikes import MAX_THRESHOLD
from burner_desk.services import spikes
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.spikes.words import area_name
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

ENTITY = "spike_threshold"
NO_THRESHOLD = 0  # the spin box's lowest value reads "none"


class SpikeThresholdsBox(QGroupBox):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SpikeThresholds", "Spike alerts"), parent)
        self._context = context
        self.setAccessibleName(QCoreApplication.translate("SpikeThresholds", "Spike alert thresholds"))
        self.spins: dict[str, QSpinBox] = {}
        self.saved: dict[str, int] = {}
        self.form = QFormLayout()
        hint = QLabel(
            QCoreApplication.translate(
                "SpikeThresholds",
                "An area alerts when its overdoses in the last 24 hours reach its threshold, and, threshold or "
                "not, when they are far above its own last week (CDC EARS C2). Every desk uses these "
                "thresholds after its next sync.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.save_button = QPushButton(QCoreApplication.translate("SpikeThresholds", "Save thresholds"))
        self.save_button.setAccessibleName(QCoreApplication.translate("SpikeThresholds", "Save thresholds"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)  # until the areas are listed
        self.message = MessageLabel(
            QCoreApplication.translate("SpikeThresholds", "Spike alert thresholds: message")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(self.form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        self._load_when_shown = RefreshWhenShown(self, self.load)
        context.changes.changed.connect(self._changed)
        self.load()

    def _changed(self, written: Changed) -> None:
        if ENTITY in written:
            self._load_when_shown()

    def load(self) -> None:
        context = self._context
        uow = context.signed_in.uow
        context.tasks.run_db(
            lambda: (spikes.board(uow, context.now()), spikes.thresholds(uow)),
            on_done=while_alive(self, lambda found: self.show_areas(*found)),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def show_areas(self, board: spikes.SpikeBoard, thresholds: dict[str, int]) -> None:
        self.saved = thresholds
        if not self.spins:
            for status in board.areas:
                spin = QSpinBox()
                spin.setRange(NO_THRESHOLD, MAX_THRESHOLD)
                spin.setSpecialValueText(QCoreApplication.translate("SpikeThresholds", "none"))
                spin.setSuffix(QCoreApplication.translate("SpikeThresholds", " in 24 hours"))
                spin.setAccessibleName(
                    QCoreApplication.translate("SpikeThresholds", "Threshold for {area}").format(
                        area=area_name(status)
                    )
                )
                self.spins[status.area] = spin
                self.form.addRow(area_name(status), spin)
        for area, spin in self.spins.items():
            spin.setValue(thresholds.get(area, NO_THRESHOLD))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        wanted = {
            area: (spin.value() or None)
            for area, spin in self.spins.items()
            if spin.value() != self.saved.get(area, NO_THRESHOLD)
        }
        self.message.clear()
        if not wanted:
            self.message.show_info(
                QCoreApplication.translate("SpikeThresholds", "Nothing to save: the thresholds are as saved.")
            )
            return
        context = self._context
        self.save_button.setEnabled(False)

        def saved(thresholds: dict[str, int]) -> None:
            self.saved = thresholds
            self.save_button.setEnabled(True)
            self.message.show_info(
                QCoreApplication.translate(
                    "SpikeThresholds", "Thresholds saved; the other desks get them at their next sync."
                )
            )

        def refused(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.message.show_error(message_for(exc))

        context.tasks.run_db(
            lambda: spikes.set_thresholds(context.signed_in.uow, context.signed_in.actor, wanted),
            on_done=while_alive(self, saved),
            on_error=while_alive(self, refused),
        )
