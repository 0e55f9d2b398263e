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
class PhonesLow:
    """Fewer burner phones in stock than the supervisor's threshold (Settings)."""

    in_stock: int
    threshold: int


@dataclass(frozen=True)
class NaloxoneExpiring:
    """A naloxone kit in a bag not yet issued that expires within domain.inventory.NALOXONE_WARNING."""

    lot: str
    bag_label: str
    expires_on: date
    expired: bool


@dataclass(frozen=True)
class BagIncomplete:
    """An assembled bag without something every bag must hold."""

    bag_label: str
    no_usable_naloxone: bool
    no_disposal_bags: bool


# Facts, not sentences: the UI words them in its language, with its dates and plural forms.
InventoryWarning = PhonesLow | NaloxoneExpiring | BagIncomplete


@dataclass(frozen=True)
class TodayView:
    calls: tuple[followup.Call, ...]  # 48-hour calls still to make, soonest due first
    recent: tuple[CaseSummary, ...]  # newest first
    inventory_warnings: tuple[InventoryWarning, ...]
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
        warnings: list[InventoryWarning] = []
        if in_stock < threshold:
            warnings.append(PhonesLow(in_stock, threshold))
        for item, bag in tx.workload.naloxone_in_stock_expiring(today + NALOXONE_WARNING):
            if item.expires_on is not None:  # the query keeps only kits with a date
                warnings.append(
                    NaloxoneExpiring(item.lot, bag.label, item.expires_on, item.expires_on <= today)
                )
        assembled = tx.inventory.bags(BagStatus.ASSEMBLED.value)
        items = tx.inventory.items_of_bags([bag.id for bag in assembled])  # one query, not one per bag
        for bag in assembled:
            incomplete = _incomplete(bag.label, items.get(bag.id, []), today)
            if incomplete is not None:
                warnings.append(incomplete)
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


def _incomplete(label: str, rows: Sequence[BagItem], today: date) -> BagIncomplete | None:
    usable_naloxone = any(
        i.kind == BagItemKind.NALOXONE and i.quantity > 0 and (i.expires_on is None or i.expires_on > today)
        for i in rows
    )
    disposal = any(i.kind == BagItemKind.DISPOSAL_BAG and i.quantity > 0 for i in rows)
    if usable_naloxone and disposal:
        return None
    return BagIncomplete(label, no_usable_naloxone=not usable_naloxone, no_disposal_bags=not disposal)
