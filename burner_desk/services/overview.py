"""What the main window shows after unlock: who is signed in."""

from __future__ import annotations

from dataclasses import dataclass

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


def load(signed_in: SignedIn) -> Overview:
    """One row, read by its index. The main window asks for it right after unlock, while the UI thread
    builds and paints the window: the workload counts it once held (every in-stock phone and open
    follow-up loaded as records, every table counted), shown nowhere, kept the DB thread in Python for
    seconds at 100k encounters, and its garbage collections held the GIL, so the UI thread, for up to
    ~220 ms at a time (issue 17)."""
    with signed_in.uow.begin() as tx:
        user = tx.people.user_by_name(signed_in.actor.user_name)
        return Overview(
            display_name=signed_in.display_name,
            user_name=signed_in.actor.user_name,
            role=signed_in.actor.role,
            badge_no=user.badge_no if user is not None else "",
            agency=signed_in.agency,
            device_name=signed_in.device_name,
        )
