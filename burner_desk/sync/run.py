"""One sync (DESIGN.md section 5): the outbox up (push), the audit trail up (audit_push), central's records
down (pull), the records held back here tried again, and the sync noted. A 401/403 on the way runs the
wipe check (enrollment.answer_revocation)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from typing import Any

from burner_desk.domain.people import Actor
from burner_desk.storage.uow import UnitOfWork
from burner_desk.sync import audit_push, push
from burner_desk.sync.enrollment import answer_revocation
from burner_desk.sync.progress import Progress, SyncReport, Tally
from burner_desk.sync.pull import Puller, pull, retry_parked
from burner_desk.sync.state import LAST_ERROR, LAST_SYNC_AT, RunDb, client_settings, note_error
from burner_desk.sync.transport import DeviceNotAuthorised, SyncError, TransportWrapper


def sync(
    puller: Puller,
    actor: Actor,
    *,
    run_db: RunDb[Any],
    progress: Progress,
    wrap_transport: TransportWrapper | None = None,
) -> SyncReport:
    """Push, then pull, as `actor`. Raises SyncError (nothing lost; try later) or DeviceWiped (revoked and
    erased)."""
    vault = puller.vault
    uow = vault.uow
    settings = run_db(partial(client_settings, uow, vault.vault_id))
    tally = Tally()
    client = settings.client(wrap_transport)
    with client:
        try:
            feed_end = push.push(client, uow, run_db, progress, tally, settings.fallback_author)
            tally.audit_breaks = audit_push.push_trail(client, uow, run_db, progress)
            pull(client, puller, run_db, progress, tally, feed_end)
        except DeviceNotAuthorised:
            answer_revocation(client, vault, run_db, progress)
        except SyncError as exc:
            run_db(partial(note_error, uow, str(exc)))
            raise
    run_db(partial(retry_parked, puller))  # parked records whose cause is gone now
    waiting, held_back, open_conflicts = run_db(partial(_finish, uow, actor, tally))
    return SyncReport(**asdict(tally), waiting=waiting, held_back=held_back, open_conflicts=open_conflicts)


def _finish(uow: UnitOfWork, actor: Actor, tally: Tally) -> tuple[int, int, int]:
    """Note the sync; returns (changes waiting, records held back, open conflicts)."""
    with uow.begin(actor) as tx:
        tx.sync.put_state(LAST_SYNC_AT, datetime.now(UTC).isoformat())
        tx.sync.clear_state(LAST_ERROR)
        held_back, open_conflicts = tx.sync.parked_count(), tx.sync.open_conflict_count()
        outcome = "conflicts" if tally.conflicts else "held_back" if held_back else "ok"
        tx.record("sync.run", entity="device", outcome=outcome)
        return tx.sync.pending_count(), held_back, open_conflicts
