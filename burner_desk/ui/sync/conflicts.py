"""One card per open sync conflict: both values, who and when, and the choice a person makes; and one
per record held back from central, saying why and what to do (ui.sync.explain).

A two-sided conflict offers "Keep central's" and "Keep this laptop's"; a change central refused outright
(no field) shows the reason and can only be dismissed, which keeps central's side. A phone issued to two
survivors or a sign-in name held by two people is set right elsewhere, then marked settled. A record held
back needs no button: it is stored by itself once its cause is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from burner_desk.services import sync
from burner_desk.services.sync import HeldBackView
from burner_desk.ui.i18n import translated
from burner_desk.ui.sync import explain
from burner_desk.ui.widgets.moments import time_or_day

Keep = Literal["server", "local"]
PREVIEW_CHARS = 300  # a refused change can carry a whole record; the card shows its start

# Wire names a person would not recognise; the rest read well with underscores as spaces.
RECORD_NAMES = {
    "person": QT_TRANSLATE_NOOP("ui.sync.conflicts", "survivor"),
    "phone_swap": QT_TRANSLATE_NOOP("ui.sync.conflicts", "personal phone (swap)"),
    "follow_up": QT_TRANSLATE_NOOP("ui.sync.conflicts", "48-hour follow-up"),
    "handout_given": QT_TRANSLATE_NOOP("ui.sync.conflicts", "handout given"),
}


def record_name(entity: str) -> str:
    return (
        translated("ui.sync.conflicts", RECORD_NAMES[entity])
        if entity in RECORD_NAMES
        else entity.replace("_", " ")
    )


def value_text(value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("ui.sync.conflicts", "(empty)")
    text = sync.wire_preview(value)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def by_and_when(by: str, at: datetime | None) -> str:
    return f"{by} · {time_or_day(at)}" if at is not None else by


def _label(text: str, accessible_name: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setAccessibleName(accessible_name)
    label.setAccessibleDescription(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


def _explained_card(card: QFrame, explanation: explain.Explanation, accessible_name: str) -> QVBoxLayout:
    """A card that says what happened and what to do; returns its layout for any buttons."""
    card.setObjectName("card")
    card.setAccessibleName(accessible_name)
    card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # see ConflictCard
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 6, 12, 10)
    layout.setSpacing(6)
    layout.addWidget(
        _label(
            explanation.headline, QCoreApplication.translate("ui.sync.conflicts", "What happened"), "section"
        )
    )
    layout.addWidget(
        _label(explanation.to_do, QCoreApplication.translate("ui.sync.conflicts", "What to do"), "hint")
    )
    return layout


class ConflictCard(QFrame):
    """Calls `choose(conflict, keep)`; the view runs the service and reloads the list."""

    def __init__(
        self, conflict: sync.ConflictView, choose: Callable[[sync.ConflictView, Keep], None]
    ) -> None:
        super().__init__()
        self.conflict = conflict
        self.buttons: dict[Keep, QPushButton] = {}
        explanation = explain.conflict(conflict)
        if explanation is not None:
            layout = _explained_card(
                self, explanation, self.tr("Conflict: {headline}").format(headline=explanation.headline)
            )
            settled = QPushButton(self.tr("Mark settled"))
            settled.setAccessibleName(
                self.tr("Mark settled ({headline})").format(headline=explanation.headline)
            )
            settled.clicked.connect(lambda _checked=False: choose(conflict, "server"))
            self.buttons["server"] = settled
            row = QHBoxLayout()
            row.addStretch()
            row.addWidget(settled)
            layout.addLayout(row)
            return
        self.setObjectName("card")
        kind = record_name(conflict.entity)
        refused = conflict.kind == "refused" or not conflict.field
        heading = (
            self.tr("{record}: change refused by central").format(record=kind[:1].upper() + kind[1:])
            if refused
            else f"{kind[:1].upper()}{kind[1:]} · {conflict.field.replace('_', ' ')}"
        )
        if conflict.about:
            heading = f"{conflict.about} — {heading}"
        self.setAccessibleName(self.tr("Conflict: {heading}").format(heading=heading))
        # Word-wrapped labels under-report their height: a card squeezed by its neighbours would clip
        # them, so it keeps its own height and the list scrolls instead.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        if refused:
            rows = [
                (self.tr("Reason"), conflict.reason or self.tr("(none given)"), ""),
                (
                    self.tr("Change"),
                    value_text(conflict.local_value),
                    by_and_when(conflict.local_by, conflict.local_at),
                ),
            ]
        else:
            rows = [
                (
                    self.tr("This laptop"),
                    value_text(conflict.local_value),
                    by_and_when(conflict.local_by, conflict.local_at),
                ),
                (
                    self.tr("Central"),
                    value_text(conflict.server_value),
                    by_and_when(conflict.server_by, conflict.server_at),
                ),
            ]
        for row, (caption, value, who) in enumerate(rows):
            grid.addWidget(
                _label(f"{caption}:", self.tr("{caption}: caption").format(caption=caption), "hint"),
                row,
                0,
                Qt.AlignmentFlag.AlignTop,
            )
            side = QVBoxLayout()
            side.setSpacing(0)
            side.addWidget(_label(value, caption))
            if who:
                side.addWidget(_label(who, self.tr("{caption}: by and when").format(caption=caption), "hint"))
            grid.addLayout(side, row, 1)

        choices: list[tuple[Keep, str]] = (
            [("server", self.tr("Dismiss"))]
            if refused
            else [("server", self.tr("Keep central's")), ("local", self.tr("Keep this laptop's"))]
        )
        buttons = QHBoxLayout()
        buttons.addStretch()
        for keep, text in choices:
            button = QPushButton(text)
            button.setAccessibleName(f"{text} ({heading})")
            button.clicked.connect(lambda _checked=False, keep=keep: choose(conflict, keep))
            buttons.addWidget(button)
            self.buttons[keep] = button

        title = _label(heading, self.tr("Conflict"), "section")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)


class HeldBackCard(QFrame):
    """A record from central held back here: why, and what a person does about it."""

    def __init__(self, record: HeldBackView) -> None:
        super().__init__()
        self.record = record
        explanation = explain.held_back(record)
        layout = _explained_card(
            self, explanation, self.tr("Held back: {headline}").format(headline=explanation.headline)
        )
        layout.addWidget(
            _label(
                self.tr("Held back since {time_or_day}").format(time_or_day=time_or_day(record.parked_at)),
                self.tr("Held back since"),
                "hint",
            )
        )


class ConflictList(QWidget):
    """The cards, conflicts first, then records held back; or a line saying there is nothing to settle."""

    def __init__(self, choose: Callable[[sync.ConflictView, Keep], None]) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Open sync conflicts"))
        self._choose = choose
        self.cards: list[ConflictCard] = []
        self.held_cards: list[HeldBackCard] = []
        self.empty = QLabel(
            self.tr("Nothing to settle: everything agreed with central and everything was stored.")
        )
        self.empty.setObjectName("subtitle")
        self.empty.setAccessibleName(self.tr("No conflicts"))
        self.empty.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.empty)
        self._layout.addStretch()

    def set_conflicts(self, conflicts: list[sync.ConflictView], held: Sequence[HeldBackView] = ()) -> None:
        for card in [*self.cards, *self.held_cards]:
            self._layout.removeWidget(card)
            card.hide()  # deleteLater waits for the event loop; a stale card must not show meanwhile
            card.deleteLater()
        self.cards = [ConflictCard(conflict, self._choose) for conflict in conflicts]
        self.held_cards = [HeldBackCard(record) for record in held]
        for position, card in enumerate([*self.cards, *self.held_cards]):
            self._layout.insertWidget(position, card)
        self.empty.setVisible(not self.cards and not self.held_cards)

    def card_for(self, conflict_id: object) -> ConflictCard | None:
        return next((card for card in self.cards if card.conflict.id == conflict_id), None)
