"""Sync with central: the facade the UI and admin call (the sync itself is burner_desk/sync/, one module
per step; its package docstring says where to start reading).

This module adds what belongs to a signed-in session: who is signed in (SignedIn), what they may see of a
conflict's values (services.disclosure: 42 CFR Part 2), the device's name from Settings, and the garbage
collector's tuning while a sync runs - tuned here, at the laptop's sync entry, as central tunes it at
`serve`, never inside the library code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from burner_desk.domain import disclosure
from burner_desk.domain.people import Actor
from burner_desk.services import heap
from burner_desk.services.access import DEVICE_NAME, SignedIn
from burner_desk.services.disclosure import conflict_values
from burner_desk.storage.uow import UnitOfWork
from burner_desk.sync import conflicts as sync_conflicts
from burner_desk.sync import enrollment
from burner_desk.sync import run as one_sync
from burner_desk.sync.conflicts import (
    DISMISS_ONLY,
    ConflictKind,
    ConflictView,
    resolve_conflict,
    wire_preview,
)
from burner_desk.sync.enrollment import DeviceWiped, EnrollmentView
from burner_desk.sync.progress import Progress, SyncProgress, SyncReport, no_progress
from burner_desk.sync.pull import HeldBackView, Puller, held_back_records
from burner_desk.sync.state import (
    CENTRAL_DEVICE_ID,
    CURSOR,
    LAST_ERROR,
    LAST_SYNC_AT,
    SERVER_URL,
    SNAPSHOT_PAGE,
    AuditBreakNote,
    NotEnrolled,
    RunDb,
    SyncStatus,
    direct,
    status,
)
from burner_desk.sync.transport import TransportWrapper

__all__ = [
    "CENTRAL_DEVICE_ID",
    "CURSOR",
    "DISMISS_ONLY",
    "LAST_ERROR",
    "LAST_SYNC_AT",
    "SERVER_URL",
    "SNAPSHOT_PAGE",
    "AuditBreakNote",
    "ConflictKind",
    "ConflictView",
    "DeviceWiped",
    "EnrollmentView",
    "HeldBackView",
    "NotEnrolled",
    "SyncProgress",
    "SyncReport",
    "SyncStatus",
    "conflicts",
    "enroll",
    "held_back_records",
    "resolve_conflict",
    "sign_in_name_taken",
    "status",
    "sync_now",
    "wire_preview",
]


def enroll(
    signed_in: SignedIn,
    server_url: str,
    code: str,
    *,
    ca_pem: str | None = None,
    again: bool = False,
    run_db: RunDb[Any] = direct,
    wrap_transport: TransportWrapper | None = None,
) -> EnrollmentView:
    """Exchange a supervisor's one-time code for this laptop's identity at central (sync.enrollment)."""
    device_name = run_db(partial(_device_name, signed_in))
    return enrollment.enroll(
        signed_in.vault,
        signed_in.actor,
        device_name,
        server_url,
        code,
        ca_pem=ca_pem,
        again=again,
        run_db=run_db,
        wrap_transport=wrap_transport,
    )


def _device_name(signed_in: SignedIn) -> str:
    with signed_in.uow.begin() as tx:
        return tx.settings.get(DEVICE_NAME) or signed_in.device_name


def sign_in_name_taken(
    signed_in: SignedIn, name: str, *, wrap_transport: TransportWrapper | None = None
) -> bool | None:
    """Whether another user at central holds `name`; None when central cannot say (sync.enrollment)."""
    return enrollment.sign_in_name_taken(
        signed_in.uow, signed_in.vault.vault_id, name, wrap_transport=wrap_transport
    )


def sync_now(
    signed_in: SignedIn,
    *,
    run_db: RunDb[Any] = direct,
    progress: Progress | None = None,
    wrap_transport: TransportWrapper | None = None,
) -> SyncReport:
    """Push, then pull (sync.run). Raises SyncError (nothing lost; try later) or DeviceWiped (revoked and
    erased). A pulled rename of the signed-in user renames their session too."""

    def renamed(old: str, new: str) -> None:
        if signed_in.actor.user_name == old:
            signed_in.actor = replace(signed_in.actor, user_name=new)

    # A sync makes hundreds of thousands of objects: full collections walked the heap four times per
    # 1,000-encounter push (0.35 s) before it was set aside.
    hand_back = heap.set_aside()
    try:
        return one_sync.sync(
            Puller(signed_in.vault, renamed),
            signed_in.actor,
            run_db=run_db,
            progress=progress or no_progress,
            wrap_transport=wrap_transport,
        )
    finally:
        hand_back()


def conflicts(uow: UnitOfWork, actor: Actor, *, today: date | None = None) -> list[ConflictView]:
    """The open conflicts, their values as `actor` may see them on `today` (services.disclosure: Part 2).
    None for a user who sees no survivor's record (a coordinator): a supervisor settles them."""
    if not disclosure.sees_records(actor.role):
        return []
    day = today or datetime.now(UTC).date()
    with uow.begin() as tx:
        return sync_conflicts.conflict_views(
            tx,
            lambda tx, entity, entity_id, field, values: conflict_values(
                tx, actor, entity, entity_id, field, values, day
            ),
        )
