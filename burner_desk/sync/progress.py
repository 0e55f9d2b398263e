"""What a sync tells its caller while it runs (SyncProgress, for anything over a second) and when it is
done (SyncReport)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Phase = Literal["push", "audit", "snapshot", "pull"]


@dataclass(frozen=True)
class SyncProgress:
    phase: Phase
    done: int
    total: int | None  # None while unknown


Progress = Callable[[SyncProgress], None]


def no_progress(_step: SyncProgress) -> None:
    """For callers that show no progress."""


@dataclass
class Tally:
    """What one sync did so far, counted by its steps."""

    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    from_snapshot: bool = False
    awaiting_approval: bool = False
    audit_breaks: int = 0


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0  # applied or already there
    conflicts: int = 0  # conflicts recorded for a person to settle
    rejected: int = 0  # changes central refused for good (recorded as conflicts too)
    waiting: int = 0  # changes still in the outbox (deferred to a later sync)
    pulled: int = 0
    from_snapshot: bool = False
    awaiting_approval: bool = False  # some wait for a supervisor at central to approve their author
    audit_breaks: int = 0  # breaks central found in this laptop's audit trail (sync.audit_push)
    held_back: int = 0  # records from central parked here after this sync, until their cause is gone
    open_conflicts: int = 0  # conflicts on this laptop no one has settled yet, this sync's included

    @property
    def needs_person(self) -> int:
        """Records a person must look at: those held back and the open conflicts."""
        return self.held_back + self.open_conflicts

    def summary(self) -> str:
        parts = [f"sent {self.pushed} change(s)", f"received {self.pulled} record(s)"]
        if self.from_snapshot:
            parts[-1] += " (first sync)"
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict(s) to settle")
        if self.held_back:
            parts.append(f"{self.held_back} record(s) held back until a person settles what stops them")
        if self.waiting:
            parts.append(f"{self.waiting} change(s) wait for the next sync")
            if self.awaiting_approval:
                parts[-1] += " (some until a supervisor at central approves this laptop's users)"
        if self.audit_breaks:
            parts.append("central found a break in this laptop's audit trail")
        return "Sync done: " + ", ".join(parts) + "."
