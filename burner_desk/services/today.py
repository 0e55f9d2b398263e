"""The Today view: the 48-hour calls to make, recent encounters, inventory warnings and what waits to sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from burner_desk.domain.inventory import NALOXONE_WARNING, PhoneStatus
from burner_desk.domain.people import Actor
from burner_desk.services import followup, settings, sync
from burner_desk.services.cases import CaseSummary, summaries
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
        in_stock = tx.inventory.phones_counted(PhoneStatus.IN_STOCK.value)
        warnings: list[InventoryWarning] = []
        if in_stock < threshold:
            warnings.append(PhonesLow(in_stock, threshold))
        for item, bag in tx.workload.naloxone_in_stock_expiring(today + NALOXONE_WARNING):
            if item.expires_on is not None:  # the query keeps only kits with a date
                warnings.append(
                    NaloxoneExpiring(item.lot, bag.label, item.expires_on, item.expires_on <= today)
                )
        warnings += [
            BagIncomplete(bag.label, bag.no_usable_naloxone, bag.no_disposal_bags)
            for bag in tx.inventory.assembled_bags_missing_essentials(today)
        ]
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
