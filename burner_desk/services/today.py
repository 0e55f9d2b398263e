"""The Today view: the 48-hour calls to make, recent encounters, inventory warnings and what waits to sync."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from burner_desk.domain.inventory import NALOXONE_WARNING, BagItemKind, BagStatus, PhoneStatus
from burner_desk.domain.people import Actor
from burner_desk.services import followup, settings, sync
from burner_desk.services.cases import CaseSummary, summaries
from burner_desk.storage.models import BagItem
from burner_desk.storage.uow import UnitOfWork

RECENT_ENCOUNTERS = 10


@dataclass(frozen=True)
class TodayView:
    calls: tuple[followup.Call, ...]  # 48-hour calls still to make, soonest due first
    recent: tuple[CaseSummary, ...]  # newest first
    inventory_warnings: tuple[str, ...]
    encounters: int
    phones_in_stock: int
    outbox_pending: int
    last_sync_at: datetime | None = None
    open_conflicts: int = 0  # sync conflicts a person must settle in the Sync view
    held_back: int = 0  # records from central held back until a person settles what stops them
    sync_error: str = ""  # why the last sync did not finish; "" once one did


def load(uow: UnitOfWork, actor: Actor, now: datetime) -> TodayView:
    """One read; it shows survivors' names, so it is audited as a view."""
    today = now.date()
    threshold = settings.load(uow).stock_threshold_phones
    with uow.begin(actor) as tx:
        calls = tuple(followup.calls_due(tx, actor, now))
        recent_ids = [encounter.id for encounter in tx.workload.recent_encounters(RECENT_ENCOUNTERS)]
        recent = tuple(summaries(tx, actor, recent_ids, today))
        in_stock = len(tx.inventory.phones(PhoneStatus.IN_STOCK.value))
        warnings = []
        if in_stock < threshold:
            warnings.append(f"Only {in_stock} burner phones in stock (threshold {threshold}).")
        for item, bag in tx.workload.naloxone_in_stock_expiring(today + NALOXONE_WARNING):
            verb = "expired" if item.expires_on and item.expires_on <= today else "expires"
            warnings.append(f"Naloxone lot {item.lot} in bag {bag.label} {verb} on {item.expires_on}.")
        assembled = tx.inventory.bags(BagStatus.ASSEMBLED.value)
        items = tx.inventory.items_of_bags([bag.id for bag in assembled])  # one query, not one per bag
        for bag in assembled:
            missing = _missing_from_bag(items.get(bag.id, []), today)
            if missing:
                warnings.append(f"Bag {bag.label} is not fully stocked: no {' and no '.join(missing)}.")
        view = TodayView(
            calls=calls,
            recent=recent,
            inventory_warnings=tuple(warnings),
            encounters=tx.workload.live_encounter_count(),
            phones_in_stock=in_stock,
            outbox_pending=tx.workload.outbox_pending(),
            last_sync_at=_moment(tx.sync.state(sync.LAST_SYNC_AT)),
            open_conflicts=tx.sync.open_conflict_count(),
            held_back=tx.sync.parked_count(),
            sync_error=tx.sync.state(sync.LAST_ERROR),
        )
        tx.record("today.view", entity="follow_up")
        return view


def _moment(stored: str) -> datetime | None:
    return datetime.fromisoformat(stored) if stored else None


def _missing_from_bag(rows: Sequence[BagItem], today: date) -> list[str]:
    usable_naloxone = any(
        i.kind == BagItemKind.NALOXONE and i.quantity > 0 and (i.expires_on is None or i.expires_on > today)
        for i in rows
    )
    disposal = any(i.kind == BagItemKind.DISPOSAL_BAG and i.quantity > 0 for i in rows)
    return [
        name
        for name, present in (("usable naloxone", usable_naloxone), ("disposal bags", disposal))
        if not present
    ]
