"""What the vault keeps about this laptop's place in sync (table sync_state): who central knows it as, where
central is, how far the change feed and the audit trail have gone, and how the last sync ended.

Every step of a sync that touches the vault is its own short transaction, run through a `RunDb` (the app
passes its single DB executor; the CLI and tests call straight through with `direct`), while the network
calls run on the caller's thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.storage import keystore
from burner_desk.storage.uow import Transaction, UnitOfWork
from burner_desk.sync.transport import CentralClient, SyncError, TransportWrapper

T = TypeVar("T")
RunDb = Callable[[Callable[[], T]], T]

# Device identity, from enrollment
SERVER_URL = "server_url"
CENTRAL_DEVICE_ID = "central_device_id"
SPKI_PIN = "spki_pin"
CA_PEM = "ca_pem"
ENROLLED_BY = "enrolled_by"
# Position in central's change feed
CURSOR = "cursor"  # change-feed position applied; absent until the first snapshot is complete
SNAPSHOT_PAGE = "snapshot_page"  # next page token of an unfinished snapshot
SNAPSHOT_CURSOR = "snapshot_cursor"  # the feed position the unfinished snapshot started at
# Position in this laptop's audit trail
AUDIT_ACKNOWLEDGED = "audit_acknowledged"  # the seq up to which central holds this laptop's chain
AUDIT_BREAK = "audit_break"  # the last break central found (JSON: when, kinds, first seq)
# How the last sync went
LAST_SYNC_AT = "last_sync_at"
LAST_ERROR = "last_error"


def direct(fn: Callable[[], T]) -> T:
    """A RunDb for callers without a DB executor: the vault step runs on the caller's thread."""
    return fn()


class NotEnrolled(BurnerDeskError):
    def __init__(self) -> None:
        super().__init__("This laptop is not enrolled with central yet. A supervisor enrolls it first.")


_BREAK_WORDS = {
    "rewrite": "event {seq} is not the one this laptop sent before",
    "truncation": "events from {seq} on are no longer on this laptop",
    "gap": "events before {seq} are missing",
    "seal": "event {seq} does not carry this laptop's seal",
    "unsendable": "event {seq} was changed outside the app and cannot be sent",
}


@dataclass(frozen=True)
class AuditBreakNote:
    """The last break central found in this laptop's audit trail (or this laptop could not send)."""

    found_at: datetime
    kinds: tuple[str, ...]
    seq: int

    def describe(self) -> str:
        what = "; ".join(_BREAK_WORDS[kind].format(seq=self.seq) for kind in self.kinds)
        return f"Central found a break in this laptop's audit trail: {what}."


def last_break(tx: Transaction) -> AuditBreakNote | None:
    stored = tx.sync.state(AUDIT_BREAK)
    if not stored:
        return None
    note = json.loads(stored)
    return AuditBreakNote(datetime.fromisoformat(note["found_at"]), tuple(note["kinds"]), int(note["seq"]))


def put_break(tx: Transaction, kinds: tuple[str, ...], seq: int) -> None:
    note = {"found_at": datetime.now(UTC).isoformat(), "kinds": list(kinds), "seq": seq}
    tx.sync.put_state(AUDIT_BREAK, json.dumps(note))


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    last_sync_at: datetime | None
    waiting: int
    open_conflicts: int
    last_error: str
    held_back: int = 0  # records from central parked here (see pull.held_back_records)
    audit_break: AuditBreakNote | None = None  # the last one central found


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
            audit_break=last_break(tx),
        )


@dataclass(frozen=True)
class ClientSettings:
    """How to reach central as this laptop: read from the vault and the OS keyring."""

    server_url: str
    token: str
    pin: str  # "" for plain http to this machine
    ca_pem: str  # "" for the system's CAs
    fallback_author: str  # the enrolling supervisor: the author of writes made at set-up, before any user

    def client(self, wrap_transport: TransportWrapper | None = None) -> CentralClient:
        return CentralClient(
            self.server_url,
            token=self.token,
            pin=self.pin or None,
            ca_pem=self.ca_pem or None,
            wrap_transport=wrap_transport,
        )


def client_settings(uow: UnitOfWork, vault_id: str) -> ClientSettings:
    """Raises NotEnrolled, or SyncError when the device token cannot be read."""
    with uow.begin() as tx:
        if not tx.sync.state(CENTRAL_DEVICE_ID):
            raise NotEnrolled()
        server_url, pin = tx.sync.state(SERVER_URL), tx.sync.state(SPKI_PIN)
        ca_pem, fallback_author = tx.sync.state(CA_PEM), tx.sync.state(ENROLLED_BY)
    try:
        token = keystore.read_device_token(vault_id)
    except keystore.KeystoreUnavailable as exc:
        raise SyncError(f"The device token cannot be read: {exc}. Ask a supervisor to enroll again.") from exc
    return ClientSettings(server_url, token, pin, ca_pem, fallback_author)


def note_error(uow: UnitOfWork, message: str) -> None:
    with uow.begin() as tx:
        tx.sync.put_state(LAST_ERROR, message)
