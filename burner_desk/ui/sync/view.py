"""The Sync view: server, enrollment, last sync, what waits, Sync now with its progress, and conflicts.

A sync talks to central on the network runner; every vault step inside it goes through `tasks.db_call`,
so it runs on the one DB executor like any other query, and when it ends the runner announces every kind
of record it wrote (what it pulled too). The view also syncs in the background, quietly: the result (or
the last error, which the sync service keeps in the vault) shows here and on Today.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import disclosure
from burner_desk.domain.changes import Changed
from burner_desk.domain.people import Role
from burner_desk.services import sync
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.sync.conflicts import ConflictList, Keep
from burner_desk.ui.sync.enroll import EnrollBox
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import time_or_day
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.scroll import FocusScrollArea

# What the status rows and the conflicts show: the outbox (every save adds to it), the sync's own state,
# conflicts and records held back. The view reloads when one of them was written.
SYNC_ENTITIES = frozenset({"outbox", "sync_state", "sync_conflict", "parked_row"})
SYNC_SHORTCUT = "F5"
# Often enough that a laptop back at the station is current within minutes of docking; rare enough that
# an offline laptop's failed attempts (one refused connection each) cost nothing.
BACKGROUND_SYNC_MS = 5 * 60_000
PHASES = {
    "push": QT_TRANSLATE_NOOP("ui.sync.view", "Sending changes"),
    "audit": QT_TRANSLATE_NOOP("ui.sync.view", "Sending the audit trail"),
    "snapshot": QT_TRANSLATE_NOOP("ui.sync.view", "First sync: receiving records"),
    "pull": QT_TRANSLATE_NOOP("ui.sync.view", "Receiving changes"),
}


def progress_text(step: sync.SyncProgress) -> str:
    phase = translated("ui.sync.view", PHASES[step.phase])
    return (
        QCoreApplication.translate("ui.sync.view", "{phase}: {done} of {total}").format(
            phase=phase, done=number(step.done), total=number(step.total)
        )
        if step.total is not None
        else f"{phase}…"
    )


class SyncView(QWidget):
    device_wiped = Signal(str)  # central revoked this laptop and its vault is erased: the shell takes over

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Sync"))
        self.status: sync.SyncStatus | None = None
        self.syncing = False
        self.supervisor = context.signed_in.actor.role is Role.SUPERVISOR
        self.reenrolling = False  # a supervisor opened the form on an enrolled laptop

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self._status_box())
        self.enroll_box = EnrollBox(context)
        self.enroll_box.enrolled.connect(self._enrolled)
        self.enroll_box.hide()
        left.addWidget(self.enroll_box)
        left.addStretch()
        layout.addLayout(left, 2)
        layout.addWidget(self._conflicts_box(), 3)
        self.setFocusProxy(self.sync_button)

        self.background = QTimer(self)
        self.background.setInterval(BACKGROUND_SYNC_MS)
        self.background.timeout.connect(lambda: self.sync_now(quiet=True))
        self.background.start()
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    # --- layout ------------------------------------------------------------------------------------

    def _status_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This laptop and central"))
        box.setAccessibleName(self.tr("Sync status"))
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, caption in (
            ("server", self.tr("Central server")),
            ("enrolled", self.tr("Enrolled")),
            ("last_sync", self.tr("Last sync")),
            ("waiting", self.tr("Changes waiting")),
            ("conflicts", self.tr("Open conflicts")),
            ("held_back", self.tr("Held back from central")),
        ):
            value = QLabel("…")
            value.setAccessibleName(caption)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{caption}:", value)
            self.values[key] = value
        self.last_error = MessageLabel(self.tr("Last sync attempt"))
        # Supervisors only: what central found in this laptop's audit trail (sync.audit_push)
        self.audit_warning = MessageLabel(self.tr("Audit trail at central"))
        self.sync_button = QPushButton(
            self.tr("Sync now  ({SYNC_SHORTCUT})").format(SYNC_SHORTCUT=SYNC_SHORTCUT)
        )
        self.sync_button.setObjectName("primary")
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setToolTip(
            self.tr("Send this laptop's changes to central and bring back what others recorded.")
        )
        self.sync_button.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_button.setEnabled(False)  # until the status says the laptop is enrolled
        self.sync_button.clicked.connect(lambda: self.sync_now())
        # When central no longer knows this laptop (its enrollment removed), a supervisor enrolls it again.
        self.reenroll_button = QPushButton(self.tr("Enroll again…"))
        self.reenroll_button.setAccessibleName(self.tr("Enroll this laptop again"))
        self.reenroll_button.setToolTip(
            self.tr(
                "With a new code from central, when central no longer knows this laptop. What waits here is kept."
            )
        )
        self.reenroll_button.hide()
        self.reenroll_button.clicked.connect(self.toggle_reenroll)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.phase = QLabel()
        self.phase.setAccessibleName(self.tr("Sync step"))
        self.phase.hide()
        self.message = MessageLabel(self.tr("Sync message"))
        button_row = QHBoxLayout()
        button_row.addWidget(self.sync_button)
        button_row.addStretch()
        button_row.addWidget(self.reenroll_button)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.last_error)
        layout.addWidget(self.audit_warning)
        layout.addLayout(button_row)
        layout.addWidget(self.phase)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        return box

    def _conflicts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("To settle"))
        box.setAccessibleName(self.tr("Conflicts to settle"))
        hint = QLabel(
            self.tr(
                "Where this laptop and another desk disagree, central kept its value: pick the one that is right, or set the record right as the card says. Records from central that cannot be stored here yet are held back, and stored by themselves once the cause is gone."
            )
        )
        hint.setObjectName("hint")
        hint.setAccessibleName(self.tr("Conflicts: hint"))
        hint.setWordWrap(True)
        self.conflicts = ConflictList(self.choose)
        self.conflicts_message = MessageLabel(self.tr("Conflicts message"))
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addWidget(self.conflicts_message)
        layout.addWidget(FocusScrollArea(self.conflicts, self.tr("Open sync conflicts")), 1)
        return box

    # --- status ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        today = self._context.now().date()
        # Held-back records are described with what they hold: not for a user who sees no survivor's record.
        sees_records = disclosure.sees_records(actor.role)
        self._context.tasks.run_db(
            lambda: (
                sync.status(uow),
                sync.conflicts(uow, actor, today=today),
                sync.held_back_records(uow) if sees_records else [],
            ),
            on_done=while_alive(self, lambda loaded: self.show_status(*loaded)),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def show_status(
        self,
        status: sync.SyncStatus,
        conflicts: list[sync.ConflictView],
        held: Sequence[sync.HeldBackView] = (),
    ) -> None:
        self.status = status
        self.values["server"].setText(status.server_url or "—")
        self.values["enrolled"].setText(
            self.tr("Yes")
            if status.enrolled
            else self.tr("Not yet: a supervisor enrolls this laptop")
            + (self.tr(" below.") if self.supervisor else self.tr(" in this view."))
        )
        self.values["last_sync"].setText(
            time_or_day(status.last_sync_at) if status.last_sync_at else self.tr("never")
        )
        self.values["waiting"].setText(number(status.waiting))
        self.values["conflicts"].setText(number(status.open_conflicts))
        self.values["held_back"].setText(number(status.held_back))
        for value in self.values.values():
            value.setAccessibleDescription(value.text())
        # A manual sync's failure is already in the message below the button: say it once.
        if status.last_error and status.last_error != self.message.text():
            self.last_error.show_error(
                self.tr("The last sync did not finish: {last_error}").format(last_error=status.last_error)
            )
        else:
            self.last_error.clear()
        self._show_audit_break(status.audit_break)
        self._show_enrollment(status)
        self.sync_button.setEnabled(status.enrolled and not self.syncing)
        self.conflicts.set_conflicts(conflicts, held)

    def _show_audit_break(self, note: sync.AuditBreakNote | None) -> None:
        if note is None or not self.supervisor:
            self.audit_warning.clear()
            return
        self.audit_warning.show_error(
            self.tr(
                "{describe} Found {time_or_day}. Central keeps everything this laptop sent; its administrator sees what changed with burner-desk-central events."
            ).format(describe=note.describe(), time_or_day=time_or_day(note.found_at))
        )

    def _show_enrollment(self, status: sync.SyncStatus) -> None:
        self.enroll_box.setVisible(self.supervisor and (not status.enrolled or self.reenrolling))
        self.reenroll_button.setVisible(self.supervisor and status.enrolled)
        self.reenroll_button.setText(
            self.tr("Keep this enrollment") if self.reenrolling else self.tr("Enroll again…")
        )
        # Opening the view puts the keyboard where the next step is: the address to enroll with, or Sync now.
        self.setFocusProxy(
            self.enroll_box.server.edit if self.enroll_box.isVisibleTo(self) else self.sync_button
        )

    def _on_changed(self, written: Changed) -> None:
        # A sync's own steps are announced once, when it ends; a save elsewhere meanwhile reloads at once.
        if written & SYNC_ENTITIES:
            self.refresh()

    def toggle_reenroll(self) -> None:
        if self.status is None:
            return
        self.reenrolling = not self.reenrolling
        self.enroll_box.again = self.reenrolling
        if self.reenrolling and not self.enroll_box.server.edit.text():
            self.enroll_box.server.edit.setText(self.status.server_url)
        self._show_enrollment(self.status)
        if self.reenrolling:
            self.enroll_box.code.edit.setFocus()

    def _enrolled(self, enrolled: sync.EnrollmentView) -> None:
        self.reenrolling = self.enroll_box.again = False
        pinned = self.tr(" Its key is pinned: an impostor server is refused.") if enrolled.pinned else ""
        self.message.show_info(
            self.tr(
                "Enrolled with central at {server_url}.{pinned} Sync now sends what this laptop recorded."
            ).format(server_url=enrolled.server_url, pinned=pinned)
        )

    # --- sync now ----------------------------------------------------------------------------------

    def sync_now(self, *, quiet: bool = False) -> None:
        """`quiet` for the background sync: no message, the status rows (and Today) show the outcome."""
        if self.syncing or self.status is None or not self.status.enrolled:
            return  # never two syncs at once; nothing to sync with before enrollment
        self.syncing = True
        self.sync_button.setEnabled(False)
        if not quiet:
            self.message.clear()
            self.phase.setText(self.tr("Connecting to central…"))
            self.phase.show()
            self.progress.setRange(0, 0)
            self.progress.show()
        tasks, signed_in = self._context.tasks, self._context.signed_in
        tasks.run_network(
            lambda progress: sync.sync_now(signed_in, run_db=tasks.db_call, progress=progress),
            on_done=while_alive(self, lambda report: self._synced(report, quiet)),
            on_error=while_alive(self, lambda exc: self._sync_failed(exc, quiet)),
            on_progress=while_alive(self, self.show_progress),
        )

    def show_progress(self, step: sync.SyncProgress) -> None:
        if self.progress.isHidden():
            return  # a quiet sync
        self.phase.setText(progress_text(step))
        if step.total is None:
            self.progress.setRange(0, 0)  # Qt's busy bar while the amount is unknown
        else:
            self.progress.setRange(0, max(step.total, 1))
            self.progress.setValue(min(step.done, step.total))
        self.progress.setAccessibleDescription(self.phase.text())

    def _synced(self, report: sync.SyncReport, quiet: bool) -> None:
        self._sync_ended()
        if not quiet:
            self.message.show_info(report.summary())
        elif self.message.kind == "error":
            self.message.clear()  # an earlier failure is over: the status rows show this sync

    def _sync_failed(self, exc: BaseException, quiet: bool) -> None:
        self._sync_ended()
        if isinstance(exc, sync.DeviceWiped):
            self.background.stop()
            self.device_wiped.emit(message_for(exc))
            return
        if not quiet:
            self.message.show_error(message_for(exc))

    def _sync_ended(self) -> None:
        self.syncing = False
        self.phase.hide()
        self.progress.hide()

    # --- conflicts ---------------------------------------------------------------------------------

    def choose(self, conflict: sync.ConflictView, keep: Keep) -> None:
        card = self.conflicts.card_for(conflict.id)
        if card is not None:
            card.set_busy(True)
        self.conflicts_message.clear()
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor

        def failed(exc: BaseException) -> None:
            self.conflicts_message.show_error(message_for(exc))
            self.refresh()

        self._context.tasks.run_db(
            lambda: sync.resolve_conflict(uow, actor, conflict.id, keep),
            on_error=while_alive(self, failed),
        )
