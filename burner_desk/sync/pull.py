"""Central's records down to this laptop (DESIGN.md section 5): the first sync's snapshot, then the change
feed, and the records parked here when they cannot be applied yet.

A pull applies one page and stores its cursor in the same transaction: an interrupted pull resumes at the
page it stopped on. A laptop that never pulled starts from central's snapshot, also resumable by page.
What cannot be stored (a unique clash, a missing parent, a value this app cannot read) is parked with
everything that depends on it (storage.sync_ledger), never a reason to refuse the rest of the page; parked
records are tried again at the end of every sync and applied once their cause is gone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, Literal

from burner_desk.storage.models import ParkedRow
from burner_desk.storage.repositories import case_terms
from burner_desk.storage.sync_ledger import CentralRow
from burner_desk.storage.uow import UnitOfWork
from burner_desk.storage.vault import OpenVault
from burner_desk.sync import protocol
from burner_desk.sync.progress import Progress, SyncProgress, Tally
from burner_desk.sync.record_words import NOUNS, RecordWords, field_words
from burner_desk.sync.state import CURSOR, SNAPSHOT_CURSOR, SNAPSHOT_PAGE, RunDb
from burner_desk.sync.transport import BadCentralAnswer, CentralClient

PAGE_SIZE = 1000  # rows per pull page: each page is one local transaction and one round trip
LOCAL_ONLY_ENTITIES = frozenset({"audit_event"})  # this laptop's audit chain is its own
Renamed = Callable[[str, str], None]  # told (old, new) when a user who signs in here was renamed


@dataclass(frozen=True)
class Puller:
    """What a pull writes to: the vault (its keyslots follow a pulled rename of a user who signs in
    here), and whom to tell about such a rename (the session of the user renamed)."""

    vault: OpenVault
    renamed: Renamed


def pull(
    client: CentralClient, puller: Puller, run_db: RunDb[Any], report: Progress, tally: Tally, feed_end: int
) -> None:
    """Central's changes after this laptop's cursor (its snapshot first, on a first sync). `feed_end` is
    where central's feed stood after this sync's push: the pull's progress runs to it at least."""
    uow = puller.vault.uow
    state = run_db(partial(_pull_state, uow))
    cursor = (
        _snapshot(client, puller, run_db, report, tally, state) if state[CURSOR] == "" else int(state[CURSOR])
    )
    start = cursor
    with _prefetcher() as fetcher:
        pending = fetcher.submit(client.changes, cursor, PAGE_SIZE)
        while True:
            page = pending.result()
            _check_page(cursor, page)
            if page.has_more:  # fetched while this page is stored
                pending = fetcher.submit(client.changes, page.cursor, PAGE_SIZE)
            rows = [change.row for change in page.items]
            run_db(partial(store_pulled, puller, rows, {CURSOR: str(page.cursor)}))
            tally.pulled += len(rows)
            cursor = page.cursor
            target = max(feed_end, cursor)
            report(SyncProgress("pull", cursor - start, max(target - start, 0) or None))
            if not page.has_more:
                run_db(partial(_summary_caught_up, uow))
                return


def _summary_caught_up(uow: UnitOfWork) -> None:
    """The program's figures for what the pull wrote, worked out now (0.3 s per 10,000 new encounters)
    rather than at the Program view's next read."""
    with uow.begin() as tx:
        tx.program.refresh_summary()


def retry_parked(puller: Puller) -> None:
    """Apply the records parked here whose cause is gone now."""
    store_pulled(puller, None, {})


def _prefetcher() -> ThreadPoolExecutor:
    """One thread for the network while the vault works: a pull fetches the next page while this one is
    stored. A pull takes about as long as the slower of the two; pages are still stored in order."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="burner-desk-prefetch")


def _pull_state(uow: UnitOfWork) -> dict[str, str]:
    with uow.begin() as tx:
        return {key: tx.sync.state(key) for key in (CURSOR, SNAPSHOT_PAGE, SNAPSHOT_CURSOR)}


def _check_page(cursor: int, page: protocol.ChangesPage) -> None:
    seqs = [change.seq for change in page.items]
    in_order = seqs == sorted(set(seqs)) and all(seq > cursor for seq in seqs)
    if not in_order or page.cursor < max(seqs, default=cursor):
        raise BadCentralAnswer(
            "Central sent changes out of order. Nothing from that page was applied; try again later."
        )


def _snapshot(
    client: CentralClient,
    puller: Puller,
    run_db: RunDb[Any],
    report: Progress,
    tally: Tally,
    state: dict[str, str],
) -> int:
    """A first sync: every record central has, page by page, each page stored with the next token.
    Returns the change-feed position the laptop follows from."""
    tally.from_snapshot = True
    page_token = state[SNAPSHOT_PAGE] or None
    started_at = state[SNAPSHOT_CURSOR]
    done, total = 0, None
    with _prefetcher() as fetcher:
        pending = fetcher.submit(client.snapshot, page_token, PAGE_SIZE)
        while True:
            snap = pending.result()
            if started_at and page_token is not None and str(snap.cursor) != started_at:
                run_db(partial(_restart_snapshot, puller.vault.uow))
                raise BadCentralAnswer(
                    "Central's snapshot pages do not belong together; the next sync starts it again."
                )
            if snap.next_page is not None:
                pending = fetcher.submit(client.snapshot, snap.next_page, PAGE_SIZE)
            total = snap.total if snap.total is not None else total
            finished = snap.next_page is None
            progress_state = (
                {CURSOR: str(snap.cursor), SNAPSHOT_PAGE: "", SNAPSHOT_CURSOR: ""}
                if finished
                else {SNAPSHOT_PAGE: snap.next_page or "", SNAPSHOT_CURSOR: str(snap.cursor)}
            )
            run_db(partial(store_pulled, puller, list(snap.rows), progress_state))
            done += len(snap.rows)
            tally.pulled += len(snap.rows)
            report(SyncProgress("snapshot", done, total))
            if finished:
                return snap.cursor
            page_token, started_at = snap.next_page, str(snap.cursor)


def _restart_snapshot(uow: UnitOfWork) -> None:
    with uow.begin() as tx:
        tx.sync.clear_state(SNAPSHOT_PAGE, SNAPSHOT_CURSOR)


def store_pulled(puller: Puller, rows: list[protocol.Row] | None, state: dict[str, str]) -> None:
    """Central's rows and the position they bring this laptop to, in one transaction; with `rows` None,
    the parked records tried again. What cannot be stored is parked (storage.sync_ledger), never a
    reason to refuse the rest. A pulled rename of a user who signs in here renames their keyslot too,
    last, and back if the commit fails: nobody is left with a name they cannot sign in with."""
    vault = puller.vault
    own_users = frozenset(vault.slot_users())
    renamed: list[tuple[str, str]] = []
    try:
        with vault.uow.begin() as tx:
            tx.sync.begin_applying()
            if rows is None:
                written = tx.sync.retry_parked(own_users)
            else:
                page = [CentralRow(row.entity, row.id, row.version, row.fields) for row in rows]
                written = tx.sync.apply_page(
                    [row for row in page if row.entity not in LOCAL_ONLY_ENTITIES], own_users
                )
            tx.sync.finish_applying()
            found = tx.sync.search_columns(tx.sync.encounters_touched(written))
            tx.search.index_many(
                {encounter_id: case_terms(*columns) for encounter_id, columns in found.items()}
            )
            for key, value in state.items():
                if value:
                    tx.sync.put_state(key, value)
                else:
                    tx.sync.clear_state(key)
            for old, new in tx.sync.renamed_own_users:
                vault.rename_user_slot(old, new)
                renamed.append((old, new))
    except BaseException:
        for old, new in reversed(renamed):
            vault.rename_user_slot(new, old)
        raise
    for old, new in renamed:
        puller.renamed(old, new)


# --- records held back -----------------------------------------------------------------------------

HeldBackKind = Literal["clash", "waits", "unreadable"]


@dataclass(frozen=True)
class HeldBackView:
    """A record from central parked on this laptop, and why."""

    entity: str
    id: uuid.UUID
    kind: HeldBackKind
    record: str  # the record in words: "burner phone BD-0104 (IMEI …0421)", "survivor Avery Quinlan"
    made_by: str  # who made it: a user's full name, or "someone"
    field: str  # in words: what clashes, or the value that cannot be read ("" when waiting)
    other: str  # clash: the record here holding that value; waits: the record it waits for
    other_held_back: bool  # waits: that record is held back here too (it goes when that one goes)
    other_missing: bool  # waits: central has not sent that record yet
    parked_at: datetime


def held_back_records(uow: UnitOfWork) -> list[HeldBackView]:
    """Every record held back, parents first (a record waiting for another comes after it)."""
    with uow.begin() as tx:
        words = RecordWords(tx.sync)
        return [_view(row, words) for row in tx.sync.parked()]


def _view(row: ParkedRow, words: RecordWords) -> HeldBackView:
    cause = row.cause
    other_entity, other_id = cause.get("entity"), cause.get("id")
    other, other_held_back, other_missing = "", False, False
    if other_entity and other_id:
        key = uuid.UUID(other_id)
        other_held_back = words.ledger.parked_row(other_entity, key) is not None
        other_missing = not other_held_back and not words.is_here(other_entity, key)
        other = (
            f"a {NOUNS.get(other_entity, 'record')} central has not sent yet"
            if other_missing
            else words.name(other_entity, key)
        )
    return HeldBackView(
        entity=row.entity,
        id=row.id,
        kind=row.reason,  # type: ignore[arg-type]  # one of HeldBackKind, as the ledger writes them
        record=words.describe(row.entity, row.fields),
        made_by=words.user(row.fields.get("created_by")),
        field=field_words(cause["field"]) if cause.get("field") and row.reason != "waits" else "",
        other=other,
        other_held_back=other_held_back,
        other_missing=other_missing,
        parked_at=row.parked_at,
    )
