"""What the main window shows after unlock: who is signed in and the program's workload at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from burner_desk.domain.followup import FollowUpState, Urgency, urgency
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.people import Role
from burner_desk.services.access import SignedIn


@dataclass(frozen=True)
class Overview:
    display_name: str
    user_name: str
    role: Role
    badge_no: str
    agency: str
    device_name: str
    encounters: int
    phones_in_stock: int
    open_follow_ups: int
    overdue_follow_ups: int
    due_soon_follow_ups: int
    next_due_at: datetime | None


def load(signed_in: SignedIn, now: datetime | None = None) -> Overview:
    """One read-only transaction; counts only, so nothing here is a record view to audit."""
    now = now or datetime.now(UTC)
    with signed_in.uow.begin() as tx:
        counts = tx.live_counts()
        user = tx.people.user_by_name(signed_in.actor.user_name)
        in_stock = len(tx.inventory.phones(PhoneStatus.IN_STOCK.value))
        open_follow_ups = tx.workload.open_follow_ups()  # ordered by due time
        urgencies = [urgency(FollowUpState(f.state), f.due_at, now) for f in open_follow_ups]
        pending = [f for f, u in zip(open_follow_ups, urgencies, strict=True) if u is not Urgency.DONE]
        return Overview(
            display_name=signed_in.display_name,
            user_name=signed_in.actor.user_name,
            role=signed_in.actor.role,
            badge_no=user.badge_no if user is not None else "",
            agency=signed_in.agency,
            device_name=signed_in.device_name,
            encounters=counts.get("encounter", 0),
            phones_in_stock=in_stock,
            open_follow_ups=len(open_follow_ups),
            overdue_follow_ups=urgencies.count(Urgency.OVERDUE),
            due_soon_follow_ups=urgencies.count(Urgency.DUE_SOON),
            next_due_at=pending[0].due_at if pending else None,
        )
