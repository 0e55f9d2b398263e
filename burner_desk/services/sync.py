"""Sync with central (DESIGN.md section 5): enrollment, push, pull, conflicts, revocation.

One sync is push, audit trail, then pull. Each step that touches the vault is its own short transaction, run through
`run_db` (the app passes its single DB executor; the CLI and tests call straight through), while the
network calls run on the caller's thread (the app's network worker). So:

- push sends the outbox oldest first, in batches; central's answers are stored and the acknowledged
  outbox rows deleted in one transaction. A dropped connection leaves the rows to be sent again; central
  answers a replay with the result it gave the first time, so nothing is applied twice.
- then the audit trail goes up (services.sync_audit), from the position central acknowledged last.
- pull applies one page and stores its cursor in the same transaction: an interrupted pull resumes at the
  page it stopped on. A laptop that never pulled starts from central's snapshot, also resumable by page.
- a 401/403 runs the wipe check; on "wipe" the vault is crypto-erased and the erase confirmed.
"""

from __future__ import annotations

import gc
import itertools
import json
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, Literal, TypeVar

from burner_desk.domain import disclosure
from burner_desk.domain.errors import BurnerDeskError, NotFound, NotPermitted
from burner_desk.domain.people import Actor, Role
from burner_desk.domain.permissions import Op, require_change
from burner_desk.services import sync_audit
from burner_desk.services.access import DEVICE_NAME, SignedIn
from burner_desk.services.bedside import search_terms
from burner_desk.services.disclosure import conflict_values
from burner_desk.services.held_back import RecordWords
from burner_desk.storage import keystore
from burner_desk.storage.erase import crypto_erase
from burner_desk.storage.models import SyncConflict
from burner_desk.storage.outbox import to_wire, wire_fields
from burner_desk.storage.sync_ledger import (
    MODELS_BY_ENTITY,
    CentralRow,
    PendingMutation,
    field_from_wire,
)
from burner_desk.storage.uow import UnitOfWork
from burner_desk.sync import protocol
from burner_desk.sync.transport import (
    BadCentralAnswer,
    CentralClient,
    DeviceNotAuthorised,
    SyncError,
    TransportWrapper,
)

T = TypeVar("T")
RunDb = Callable[[Callable[[], T]], T]
Progress = Callable[["SyncProgress"], None]

SERVER_URL = "server_url"
CENTRAL_DEVICE_ID = "central_device_id"
SPKI_PIN = "spki_pin"
CA_PEM = "ca_pem"
ENROLLED_BY = "enrolled_by"
CURSOR = "cursor"  # change-feed position applied; absent until the first snapshot is complete
SNAPSHOT_PAGE = "snapshot_page"  # next page token of an unfinished snapshot
SNAPSHOT_CURSOR = "snapshot_cursor"  # the feed position the unfinished snapshot started at
LAST_SYNC_AT = "last_sync_at"
LAST_ERROR = "last_error"

PAGE_SIZE = 1000  # rows per pull page: each page is one local transaction and one round trip
PUSH_BUDGET_BYTES = 6 * 1024 * 1024  # under central's 8 MiB request limit, with room for the envelope
_ENVELOPE_BYTES = 400  # a mutation's ids, kind, author and time on the wire, around its changes
_FIRST_BATCH = 250  # mutations in a push's first batch (then protocol.MAX_BATCH): answered in a blink
_PUSHES_IN_FLIGHT = 3  # one applied by central while the next ones travel; central takes them in turn
_SYNC_YOUNG_GENERATION = 10_000  # objects between young collections while a sync runs (700 otherwise)
LOCAL_ONLY_ENTITIES = frozenset({"audit_event"})  # this laptop's audit chain is its own


class DeviceWiped(BurnerDeskError):
    """Central revoked this laptop: its vault has been erased. The app returns to first-run set-up."""

    def __init__(self) -> None:
        super().__init__(
            "A supervisor revoked this laptop at central, so its vault has been erased. "
            "Ask for a new enrollment code to use it again."
        )


class NotEnrolled(BurnerDeskError):
    def __init__(self) -> None:
        super().__init__("This laptop is not enrolled with central yet. A supervisor enrolls it first.")


def _direct(fn: Callable[[], T]) -> T:
    return fn()


@dataclass(frozen=True)
class SyncProgress:
    phase: Literal["push", "snapshot", "pull"]
    done: int
    total: int | None  # None while unknown


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0  # applied or already there
    conflicts: int = 0  # conflicts recorded for a person to settle
    rejected: int = 0  # changes central refused for good (recorded as conflicts too)
    waiting: int = 0  # changes still in the outbox (deferred to a later sync)
    pulled: int = 0
    from_snapshot: bool = False
    awaiting_approval: bool = False  # some wait for a supervisor at central to approve their author
    audit_breaks: int = 0  # breaks central found in this laptop's audit trail (sync_audit)
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


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    last_sync_at: datetime | None
    waiting: int
    open_conflicts: int
    last_error: str
    held_back: int = 0  # records from central parked here (see held_back_records)
    audit_break: sync_audit.AuditBreakNote | None = None  # the last one central found


@dataclass(frozen=True)
class EnrollmentView:
    server_url: str
    central_device_id: uuid.UUID
    pinned: bool  # False only for plain http to this machine


ConflictKind = Literal["field", "refused", "double_issue", "name_taken"]
# Kinds a person settles by setting the record right elsewhere, then dismissing the card
DISMISS_ONLY: frozenset[str] = frozenset({"refused", "double_issue", "name_taken"})


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    about: str  # the survivor's name or the record's own label ("" when this laptop lacks the record)
    field: str  # "" when central refused the whole change
    local_value: Any
    server_value: Any
    local_by: str
    server_by: str
    local_at: datetime | None
    server_at: datetime | None
    reason: str  # why central refused a change; "" for a two-sided conflict
    kind: ConflictKind = "field"  # see protocol.ConflictKind; "refused" for a change central refused
    record: str = ""  # the record in words (services.held_back.RecordWords)
    thing: str = ""  # double_issue: the burner phone, in words
    other: str = ""  # double_issue: the other survivor; name_taken: the other user, in words


# --- status ----------------------------------------------------------------------------------------


def status(uow: UnitOfWork) -> SyncStatus:
    with uow.begin() as tx:
        last = tx.sync.state(LAST_SYNC_AT)
        return SyncStatus(
            enrolled=bool(tx.sync.state(CENTRAL_DEVICE_ID)),
            server_url=tx.sync.state(SERVER_URL),
            last_sync_at=datetime.fromisoformat(last) if last else None,
            waiting=tx.sync.pending_count(),
            open_conflicts=tx.sync.open_conflict_count(),
            last_error=tx.sync.state(LAST_ERROR),
            held_back=tx.sync.parked_count(),
            audit_break=sync_audit.last_break(tx),
        )


# --- enrollment ------------------------------------------------------------------------------------


def enroll(
    signed_in: SignedIn,
    server_url: str,
    code: str,
    *,
    ca_pem: str | None = None,
    again: bool = False,
    run_db: RunDb[Any] = _direct,
    wrap_transport: TransportWrapper | None = None,
) -> EnrollmentView:
    """Exchange a supervisor's one-time code for this laptop's identity at central. The token goes to
    the OS keyring, the server's key pin and the CA into the vault. Vault steps go through `run_db`.

    `again` enrolls a laptop that is enrolled already, for when central no longer knows it (its
    enrollment removed, its database restored from before it): a new identity replaces the old one,
    the changes waiting here are kept for the next sync, and that sync reads central's snapshot again
    instead of trusting a feed position central may not have reached."""
    actor = signed_in.actor
    if actor.role is not Role.SUPERVISOR:
        raise NotPermitted("Only a supervisor enrolls this laptop with central.")
    if not keystore.available():  # checked first: a code spent on a token with nowhere to go is lost
        raise BurnerDeskError(
            "This laptop has no OS keyring to keep central's token safely. Ask IT to enable it, then enroll."
        )
    user_ids, device_name, audit_seal = run_db(partial(_enrollment_identity, signed_in, again))
    try:
        request = protocol.EnrollRequest(
            code=code.strip().upper(), device_name=device_name, user_ids=user_ids, audit_seal=audit_seal
        )
    except ValueError as exc:
        raise BurnerDeskError(
            "That enrollment code is not in the form central gives (e.g. K7QM2-XPA9R-…)."
        ) from exc
    try:
        client = CentralClient(server_url, ca_pem=ca_pem, wrap_transport=wrap_transport)
    except ValueError as exc:
        raise BurnerDeskError(str(exc)[:1].upper() + str(exc)[1:] + ".") from exc
    with client:
        try:
            answer = client.enroll(request)
        except DeviceNotAuthorised as exc:
            raise BurnerDeskError("Central refused the code: it is unknown, used or expired.") from exc
        pin = client.seen_pin
    try:
        keystore.store_device_token(signed_in.vault.vault_id, answer.token)
    except keystore.KeystoreUnavailable as exc:
        raise BurnerDeskError(
            f"Central enrolled this laptop but {exc}; ask a supervisor to revoke it at central and enroll again."
        ) from exc
    state = {
        SERVER_URL: client.server_url,
        CENTRAL_DEVICE_ID: str(answer.device_id),
        SPKI_PIN: pin or "",
        CA_PEM: ca_pem or "",
        ENROLLED_BY: str(actor.user_id),
    }
    run_db(partial(_store_enrollment, signed_in.uow, actor, state, again))
    return EnrollmentView(client.server_url, answer.device_id, pinned=pin is not None)


def _enrollment_identity(
    signed_in: SignedIn, again: bool
) -> tuple[list[uuid.UUID], str, protocol.AuditSealStart | None]:
    """Who this laptop is, for central: its users, its name, and the key that seals its next audit
    event (handed over only now, at enrollment, so that central can check every later seal)."""
    with signed_in.uow.begin() as tx:
        if tx.sync.state(CENTRAL_DEVICE_ID) and not again:
            raise BurnerDeskError(
                "This laptop is already enrolled with central. Enroll it again only if central no longer "
                "knows it."
            )
        # Those who sign in here: a user pulled from another laptop is that laptop's to act for, and a
        # claim of them would only wait at central for a supervisor's approval.
        signs_in_here = set(signed_in.vault.slot_users())
        user_ids = [user.id for user in tx.people.users() if user.name in signs_in_here]
        return user_ids, tx.settings.get(DEVICE_NAME) or signed_in.device_name, sync_audit.seal_start(tx)


def _store_enrollment(uow: UnitOfWork, actor: Actor, state: dict[str, str], again: bool) -> None:
    with uow.begin(actor) as tx:
        for key, value in state.items():
            tx.sync.put_state(key, value)
        if again:  # central knows this laptop anew: its audit trail too goes again from the start
            tx.sync.clear_state(
                CURSOR, SNAPSHOT_PAGE, SNAPSHOT_CURSOR, LAST_ERROR, sync_audit.AUDIT_ACKNOWLEDGED
            )
        tx.record("sync.enroll", entity="device", outcome="again" if again else "ok")


# --- sign-in names ---------------------------------------------------------------------------------


def sign_in_name_taken(
    signed_in: SignedIn, name: str, *, wrap_transport: TransportWrapper | None = None
) -> bool | None:
    """Whether another user at central holds `name` (sign-in names are unique agency-wide): True or False
    when central answered, None when this laptop is not enrolled or central does not answer quickly -
    then the laptop's own check is all there is, and central reports a clash at the next sync."""
    try:
        with _client(_client_settings(signed_in.uow, signed_in.vault.vault_id), wrap_transport) as client:
            return client.sign_in_name_taken(name)
    except (NotEnrolled, SyncError, ValueError):
        return None


# --- one sync --------------------------------------------------------------------------------------


@dataclass
class _Tally:
    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    from_snapshot: bool = False
    awaiting_approval: bool = False
    audit_breaks: int = 0


def sync_now(
    signed_in: SignedIn,
    *,
    run_db: RunDb[Any] = _direct,
    progress: Progress | None = None,
    wrap_transport: TransportWrapper | None = None,
) -> SyncReport:
    """Push, then pull. Raises SyncError (nothing lost; try later) or DeviceWiped (revoked and erased)."""
    uow, actor = signed_in.uow, signed_in.actor
    settings = run_db(lambda: _client_settings(uow, signed_in.vault.vault_id))
    report = progress or (lambda _p: None)
    tally = _Tally()
    client = _client(settings, wrap_transport)
    with client, _heap_set_aside():
        try:
            feed_end = _push(client, uow, run_db, report, tally, settings["fallback_author"])
            tally.audit_breaks = sync_audit.push_trail(client, uow, run_db)
            _pull(client, signed_in, run_db, report, tally, feed_end)
        except DeviceNotAuthorised:
            _answer_revocation(client, signed_in, run_db)
        except SyncError as exc:
            run_db(partial(_note_error, uow, str(exc)))
            raise
    run_db(partial(_store_pulled, signed_in, None, {}))  # parked records whose cause is gone now
    waiting, held_back, open_conflicts = run_db(lambda: _finish(uow, actor, tally))
    return SyncReport(**asdict(tally), waiting=waiting, held_back=held_back, open_conflicts=open_conflicts)


@contextmanager
def _heap_set_aside() -> Iterator[None]:
    """The objects that exist before a sync are left out of garbage collection while it runs
    (gc.freeze). A sync makes hundreds of thousands of objects, which sets off full collections, and
    each would walk the app's whole heap again: a tenth of a second apiece after a day's work, a quarter
    of the laptop's time in a push. They are handed back afterwards, so garbage among them is still
    collected. The young generation is also larger while it runs: a batch's objects are nearly all
    freed by reference counting, and need no collection every 700 allocations (the collector's time in
    a push of 16,000 mutations fell from 83 to 43 ms, of the laptop's 390)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_SYNC_YOUNG_GENERATION, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _client_settings(uow: UnitOfWork, vault_id: str) -> dict[str, str]:
    with uow.begin() as tx:
        if not tx.sync.state(CENTRAL_DEVICE_ID):
            raise NotEnrolled()
        settings = {
            "server_url": tx.sync.state(SERVER_URL),
            "pin": tx.sync.state(SPKI_PIN),
            "ca_pem": tx.sync.state(CA_PEM),
            "fallback_author": tx.sync.state(ENROLLED_BY),
        }
    try:
        settings["token"] = keystore.read_device_token(vault_id)
    except keystore.KeystoreUnavailable as exc:
        raise SyncError(f"The device token cannot be read: {exc}. Ask a supervisor to enroll again.") from exc
    return settings


def _client(settings: dict[str, str], wrap_transport: TransportWrapper | None) -> CentralClient:
    return CentralClient(
        settings["server_url"],
        token=settings["token"],
        pin=settings["pin"] or None,
        ca_pem=settings["ca_pem"] or None,
        wrap_transport=wrap_transport,
    )


def _note_error(uow: UnitOfWork, message: str) -> None:
    with uow.begin() as tx:
        tx.sync.put_state(LAST_ERROR, message)


def _finish(uow: UnitOfWork, actor: Actor, tally: _Tally) -> tuple[int, int, int]:
    """Note the sync; returns (changes waiting, records held back, open conflicts)."""
    with uow.begin(actor) as tx:
        tx.sync.put_state(LAST_SYNC_AT, datetime.now(UTC).isoformat())
        tx.sync.clear_state(LAST_ERROR)
        held_back, open_conflicts = tx.sync.parked_count(), tx.sync.open_conflict_count()
        outcome = "conflicts" if tally.conflicts else "held_back" if held_back else "ok"
        tx.record("sync.run", entity="device", outcome=outcome)
        return tx.sync.pending_count(), held_back, open_conflicts


# --- push ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Batch:
    pending: list[PendingMutation]  # each with its author
    body: protocol.EncodedPush
    last_seq: int  # the outbox position of the last one: the next batch starts after it


def _next_batch(uow: UnitOfWork, after: int, fallback_author: str, limit: int) -> _Batch:
    """The oldest outbox rows after outbox position `after`, up to the batch and byte limits, encoded for
    the wire as they were stored."""
    with uow.begin() as tx:
        rows = tx.sync.pending(after, limit)
    pending: list[PendingMutation] = []
    encoded: list[str] = []
    size = 0
    for row in rows:
        size += len(row.changes_json) + _ENVELOPE_BYTES
        if pending and size > PUSH_BUDGET_BYTES:
            break
        author = row.author_id
        if author is None:  # only for writes made at set-up, before any user
            author = fallback_author
            row = row._replace(author_id=author)
        pending.append(row)
        encoded.append(
            protocol.encode_mutation(
                row.mutation_id,
                row.entity,
                row.entity_id,
                row.op,
                row.base_version,
                row.changes_json,
                author,
                row.created_at,
            )
        )
        after = row.seq
    return _Batch(pending, protocol.push_body(encoded), after)


def _push(
    client: CentralClient,
    uow: UnitOfWork,
    run_db: RunDb[Any],
    report: Progress,
    tally: _Tally,
    fallback_author: str,
) -> int:
    """Send the whole outbox; returns central's feed position after the last batch (0 if none sent).

    Batches go in outbox order, several in flight: while central applies one, the next ones are already
    on their way, and the laptop stores the answer to the one before. Central applies them one at a
    time in the order sent (protocol.PushSequence), whatever order they arrive in. A mutation central
    defers (its record is not there yet: another laptop's, still to come) is sent once more after the
    rest; deferred again, it stays in the outbox for the next sync."""
    total = run_db(lambda: _pending_count(uow))
    fallback = str(uuid.UUID(fallback_author))  # in wire form, whatever form the setting holds
    sent = 0
    report(SyncProgress("push", 0, total))

    def answered(count: int) -> None:
        nonlocal sent
        sent += count
        report(SyncProgress("push", min(sent, total), total))

    feed_end, deferred = _push_pass(client, uow, run_db, tally, fallback, answered)
    if deferred:
        feed_end = max(feed_end, _push_pass(client, uow, run_db, tally, fallback, answered)[0])
    return feed_end


def _push_pass(
    client: CentralClient,
    uow: UnitOfWork,
    run_db: RunDb[Any],
    tally: _Tally,
    fallback: str,
    answered: Callable[[int], None],
) -> tuple[int, bool]:
    """Send the outbox once through; returns central's feed position after it and whether central
    deferred any mutation."""
    feed_end = 0
    deferred = False
    after = 0  # the outbox position of the last mutation sent
    run = uuid.uuid4().hex  # central applies this pass's batches in the order of their positions
    positions = itertools.count()
    in_flight: deque[tuple[_Batch, Future[protocol.PushResponse]]] = deque()
    sender = ThreadPoolExecutor(max_workers=_PUSHES_IN_FLIGHT, thread_name_prefix="burner-desk-push")
    try:
        while True:
            while len(in_flight) < _PUSHES_IN_FLIGHT:
                # The first batch is small, so central has work while the laptop reads the next ones
                limit = min(_FIRST_BATCH, protocol.MAX_BATCH) if after == 0 else protocol.MAX_BATCH
                batch = run_db(partial(_next_batch, uow, after, fallback, limit))
                if not batch.pending:
                    break
                sequence = protocol.PushSequence(run, next(positions))
                in_flight.append((batch, sender.submit(client.push, batch.body, sequence)))
                after = batch.last_seq
            if not in_flight:
                return feed_end, deferred
            batch, answering = in_flight.popleft()
            answer = answering.result()
            _check_push_answer(batch.pending, answer)
            deferred |= run_db(partial(_store_push_results, uow, batch.pending, answer, tally)) > 0
            feed_end = max(feed_end, answer.cursor)
            answered(len(batch.pending))
    finally:
        # After a failure the batches still in flight are not waited for: their answers are not stored,
        # so what they carry stays in the outbox for the next sync (central answers a replay as before).
        sender.shutdown(wait=False, cancel_futures=True)


def _pending_count(uow: UnitOfWork) -> int:
    with uow.begin() as tx:
        return tx.sync.pending_count()


def _check_push_answer(batch: list[PendingMutation], answer: protocol.PushResponse) -> None:
    # One answer per mutation sent, none twice (a batch's ids are unique): compared as sets of the wire
    # text, since sorting thousands of UUIDs compares them in Python, a third of the laptop's time in a push.
    sent = {mutation.mutation_id for mutation in batch}
    answered = [result.mutation_id for result in answer.results]
    if len(answered) != len(sent) or set(answered) != sent:
        raise BadCentralAnswer(
            "Central's answer to a push does not match what was sent. Nothing was marked as sent; "
            "the next sync sends it again."
        )


def _store_push_results(
    uow: UnitOfWork, batch: list[PendingMutation], answer: protocol.PushResponse, tally: _Tally
) -> int:
    """Keep central's answers and drop what it has for good from the outbox; returns how many it
    deferred (they stay)."""
    by_id = {mutation.mutation_id: mutation for mutation in batch}
    with uow.begin() as tx:
        done: list[int] = []  # outbox positions
        for result in answer.results:
            if result.status == "deferred":
                tally.awaiting_approval |= result.reason == protocol.AWAITING_APPROVAL
                continue
            mutation = by_id[result.mutation_id]
            done.append(mutation.seq)
            if result.status in ("applied", "duplicate"):
                tally.pushed += 1
            elif result.status == "conflict":
                tally.pushed += 1
                for conflict in result.conflicts:
                    tx.sync.add_conflict(_conflict_row(mutation, conflict))
                    tally.conflicts += 1
            else:  # rejected: kept for a person to see, never silently dropped
                tx.sync.add_conflict(_refusal_row(mutation, result.reason))
                tally.rejected += 1
                tally.conflicts += 1
        tx.sync.acknowledge(done)
    return len(answer.results) - len(done)


def _side(value: protocol.FieldValue) -> dict[str, Any]:
    return {
        "value": value.value,
        "by": str(value.by) if value.by else None,
        "at": value.at.isoformat() if value.at else None,
    }


def _conflict_row(mutation: PendingMutation, conflict: protocol.Conflict) -> SyncConflict:
    return SyncConflict(
        entity=mutation.entity,
        entity_id=uuid.UUID(mutation.entity_id),
        field=conflict.field[:60],
        local_value=_side(conflict.client),
        server_value=_side(conflict.server),
        local_mutation_id=uuid.UUID(mutation.mutation_id),
        kind=conflict.kind,
    )


def _refusal_row(mutation: PendingMutation, reason: str) -> SyncConflict:
    changes = {name: new for name, (_old, new) in json.loads(mutation.changes_json).items()}
    return SyncConflict(
        entity=mutation.entity,
        entity_id=uuid.UUID(mutation.entity_id),
        field="",
        local_value={
            "value": changes,
            "by": mutation.author_id,
            "at": mutation.created_at,
            "reason": reason[:400],
        },
        server_value={"value": None, "by": None, "at": None},
        local_mutation_id=uuid.UUID(mutation.mutation_id),
        kind="refused",
    )


# --- pull ------------------------------------------------------------------------------------------


def _pull(
    client: CentralClient,
    signed_in: SignedIn,
    run_db: RunDb[Any],
    report: Progress,
    tally: _Tally,
    feed_end: int,
) -> None:
    state = run_db(lambda: _pull_state(signed_in.uow))
    cursor = (
        _snapshot(client, signed_in, run_db, report, tally, state)
        if state[CURSOR] == ""
        else int(state[CURSOR])
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
            run_db(partial(_store_pulled, signed_in, rows, {CURSOR: str(page.cursor)}))
            tally.pulled += len(rows)
            cursor = page.cursor
            target = max(feed_end, cursor)
            report(SyncProgress("pull", cursor - start, max(target - start, 0) or None))
            if not page.has_more:
                return


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
    signed_in: SignedIn,
    run_db: RunDb[Any],
    report: Progress,
    tally: _Tally,
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
                run_db(partial(_restart_snapshot, signed_in.uow))
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
            run_db(partial(_store_pulled, signed_in, list(snap.rows), progress_state))
            done += len(snap.rows)
            tally.pulled += len(snap.rows)
            report(SyncProgress("snapshot", done, total))
            if finished:
                return snap.cursor
            page_token, started_at = snap.next_page, str(snap.cursor)


def _restart_snapshot(uow: UnitOfWork) -> None:
    with uow.begin() as tx:
        tx.sync.clear_state(SNAPSHOT_PAGE, SNAPSHOT_CURSOR)


def _store_pulled(signed_in: SignedIn, rows: list[protocol.Row] | None, state: dict[str, str]) -> None:
    """Central's rows and the position they bring this laptop to, in one transaction; with `rows` None,
    the parked records tried again. What cannot be stored is parked (storage.sync_ledger), never a
    reason to refuse the rest. A pulled rename of a user who signs in here renames their keyslot too,
    last, and back if the commit fails: nobody is left with a name they cannot sign in with."""
    vault = signed_in.vault
    own_users = frozenset(vault.slot_users())
    renamed: list[tuple[str, str]] = []
    try:
        with signed_in.uow.begin() as tx:
            tx.sync.begin_applying()
            if rows is None:
                written = tx.sync.retry_parked(own_users)
            else:
                page = [CentralRow(row.entity, row.id, row.version, row.fields) for row in rows]
                written = tx.sync.apply_page(
                    [row for row in page if row.entity not in LOCAL_ONLY_ENTITIES], own_users
                )
            tx.sync.finish_applying()
            parts = tx.sync.search_parts(tx.sync.encounters_touched(written))
            tx.search.index_many(
                {encounter_id: search_terms(*found) for encounter_id, found in parts.items()}
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
        if signed_in.actor.user_name == old:
            signed_in.actor = replace(signed_in.actor, user_name=new)


# --- revocation ------------------------------------------------------------------------------------


def _answer_revocation(client: CentralClient, signed_in: SignedIn, run_db: RunDb[Any]) -> None:
    try:
        verdict = client.wipe_check()
    except DeviceNotAuthorised as exc:
        raise SyncError(
            "Central does not know this laptop (its enrollment was removed). Nothing waiting here is lost; "
            "ask a supervisor to enroll it again (Sync view: Enroll again)."
        ) from exc
    if not verdict.wipe:
        raise SyncError("Central refused this laptop's credentials. Try again; if it persists, tell IT.")
    run_db(lambda: _erase(signed_in))
    client.wipe_confirm(datetime.now(UTC))
    raise DeviceWiped()


def _erase(signed_in: SignedIn) -> None:
    vault = signed_in.vault
    vault.close()
    crypto_erase(vault.directory, vault.vault_id)


# --- conflicts -------------------------------------------------------------------------------------


def conflicts(uow: UnitOfWork, actor: Actor, *, today: date | None = None) -> list[ConflictView]:
    """The open conflicts, their values as `actor` may see them on `today` (services.disclosure: Part 2).
    None for a user who sees no survivor's record (a coordinator): a supervisor settles them."""
    if not disclosure.sees_records(actor.role):
        return []
    today = today or datetime.now(UTC).date()
    with uow.begin() as tx:
        names = {str(user.id): user.display_name for user in tx.people.users()}
        words = RecordWords(tx.sync)
        views = []
        for row in tx.sync.open_conflicts():
            values = (row.local_value.get("value"), row.server_value.get("value"))
            shown = conflict_values(tx, actor, row.entity, row.entity_id, row.field, values, today)
            views.append(_conflict_view(row, names, words, shown))
        return views


def _conflict_view(
    row: SyncConflict, names: dict[str, str], words: RecordWords, values: tuple[Any, Any]
) -> ConflictView:
    def who(side: dict[str, Any]) -> str:
        by = side.get("by")
        return names.get(by, "someone at another desk") if by else "central"

    def when(side: dict[str, Any]) -> datetime | None:
        at = side.get("at")
        return datetime.fromisoformat(at) if at else None

    return ConflictView(
        id=row.id,
        entity=row.entity,
        entity_id=row.entity_id,
        about=words.about(row.entity, row.entity_id),
        field=row.field,
        local_value=values[0],
        server_value=values[1],
        local_by=who(row.local_value),
        server_by=who(row.server_value),
        local_at=when(row.local_value),
        server_at=when(row.server_value),
        reason=str(row.local_value.get("reason", "")),
        kind=row.kind,  # type: ignore[arg-type]  # one of ConflictKind, as stored
        record=words.name(row.entity, row.entity_id),
        **_contradiction_words(row, words),
    )


def _contradiction_words(row: SyncConflict, words: RecordWords) -> dict[str, str]:
    """For a phone issued twice: the phone and the other survivor; for a sign-in name held twice: the
    other user. Named from what this laptop holds (the other record arrives with a pull)."""
    other_id = row.server_value.get("value")
    if row.kind == "double_issue":
        other = words.survivor_of("phone_swap", other_id) if other_id else ""
        return {
            "thing": words.name("burner_phone", row.local_value.get("value")),
            "other": other or "a survivor",
        }
    if row.kind == "name_taken":
        return {"other": f"{words.user(other_id)} at another desk" if other_id else "someone at another desk"}
    return {}


def resolve_conflict(
    uow: UnitOfWork, actor: Actor, conflict_id: uuid.UUID, keep: Literal["server", "local"]
) -> None:
    """Settle a conflict. Keeping central's value changes nothing on either side; keeping this laptop's
    writes it to the record as a new change, which the next sync sends (and central merges) as usual."""
    with uow.begin(actor) as tx:
        conflict = tx.sync.conflict(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFound("open sync conflict", conflict_id)
        if keep == "local":
            if conflict.kind in DISMISS_ONLY or not conflict.field:
                raise BurnerDeskError(
                    "There is no value of this laptop's to keep: set the record right, then dismiss it."
                )
            model = MODELS_BY_ENTITY.get(conflict.entity)
            if model is None:
                raise NotFound(conflict.entity, conflict.entity_id)
            record = tx.sync.record(model, conflict.entity_id)
            if record is None:
                raise NotFound(conflict.entity, conflict.entity_id)
            held, kept = wire_fields(record), conflict.local_value.get("value")
            change = {conflict.field: (held.get(conflict.field), kept)}
            require_change(actor, conflict.entity, Op.UPDATE, change, record_id=str(record.id), held=held)
            value = field_from_wire(conflict.entity, conflict.field, kept)
            setattr(record, conflict.field, value)
        conflict.resolved_at = datetime.now(UTC)
        conflict.resolved_by = actor.user_id
        conflict.resolution = keep
        tx.record(f"sync.conflict.keep_{keep}", entity=conflict.entity)


def wire_preview(value: Any) -> str:
    """A conflict value as a person reads it: text as is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(to_wire(value), ensure_ascii=False, separators=(", ", ": "))
