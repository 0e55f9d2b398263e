"""What every view of the main window is given: the session, the DB runner, the change bus, the clock.

Views never hold a Session: they ask services through `tasks.run_db` and react to `changes`. No view
announces anything itself: the runner announces what each task wrote (kinds of record such as
"encounter", "follow_up", "burner_phone", "outbox"; domain.changes), after the task's own on_done, and
each view refreshes only what shows a kind that changed; one not on screen does it once when shown
(widgets/when_shown.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from burner_desk.domain.permissions import Op, refusal
from burner_desk.services import access
from burner_desk.ui.tasks import TaskRunner


class ChangeBus(QObject):
    """One main window's changes: it goes with the window, and with it every view's connection."""

    changed = Signal(object)  # domain.changes.Changed: the kinds of record a task wrote


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ViewContext:
    signed_in: access.SignedIn
    tasks: TaskRunner
    changes: ChangeBus
    settings: QSettings  # cosmetic state only (geometry, splitters, column widths)
    now: Callable[[], datetime] = utc_now  # tests pass a fixed or stepping clock

    def __post_init__(self) -> None:
        self.tasks.changed.connect(self.changes.changed)

    def may(self, entity: str, op: Op, changes: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Whether the signed-in user's role may make this change (domain.permissions): a view offers
        only what the service, and central after it, would accept."""
        actor = self.signed_in.actor
        return refusal(actor.role, entity, op, changes or {}, author_id=str(actor.user_id)) is None
