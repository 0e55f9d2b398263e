"""Unit of work: one user action = one transaction, with its audit event and outbox rows.

`UnitOfWork.begin(actor)` yields a `Transaction` whose repositories only add and select; the `with` block
commits or rolls back everything together, and once committed tells domain.changes which kinds of record
it wrote (storage/written.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.domain import changes
from burner_desk.domain.errors import NotFound
from burner_desk.domain.people import Actor
from burner_desk.storage import audit, outbox, written
from burner_desk.storage.intel import DrugIntelReports, OdmapLedger
from burner_desk.storage.models import SYNCED_MODELS, AuditEvent, Base, OutboxMutation, SyncedColumns
from burner_desk.storage.program_queries import ProgramQueries
from burner_desk.storage.repositories import (
    CaseSearch,
    CoResponse,
    Drafts,
    Inventory,
    People,
    Resources,
    Settings,
    SpikeRecords,
    Workload,
)
from burner_desk.storage.sync_ledger import SyncLedger

Row = TypeVar("Row", bound=Base)


class Transaction:
    def __init__(self, session: Session, audit_key: bytes, actor: Actor | None) -> None:
        self._session = session
        self._audit_key = audit_key
        self.actor = actor
        self._unwritten: list[audit.AuditEntry] = []  # recorded, not chained yet (`write_audit`)
        self.people = People(session)
        self.inventory = Inventory(session)
        self.resources = Resources(session)
        self.settings = Settings(session)
        self.spikes = SpikeRecords(session)
        self.workload = Workload(session)
        self.search = CaseSearch(session)
        self.drafts = Drafts(session)
        self.program = ProgramQueries(session)
        self.co_response = CoResponse(session)
        self.sync = SyncLedger(session)
        self._audit_trail = audit.AuditTrail(session)
        self.drug_intel = DrugIntelReports(session)
        self.odmap = OdmapLedger(session)

    def add(self, row: Row) -> Row:
        self._session.add(row)
        return row

    def add_all(self, rows: list[Row]) -> None:
        self._session.add_all(rows)

    def flush(self) -> None:
        self._session.flush()

    def get(self, model: type[Row], row_id: uuid.UUID) -> Row:
        row = self._session.get(model, row_id)
        if row is None or (isinstance(row, SyncedColumns) and row.deleted_at is not None):
            raise NotFound(getattr(model, "__entity__", model.__name__), row_id)
        return row

    def record(
        self, action: str, row: SyncedColumns | None = None, *, entity: str = "", outcome: str = "ok"
    ) -> None:
        """Note the audit event for this action; outbox rows are captured by the flush listener. The noted
        events are chained when the unit of work ends (or when something reads the chain first), in one go.
        Flushes, as it always has: services build their views from the row, id and defaults included."""
        self._session.flush()
        self._unwritten.append(
            audit.AuditEntry(
                action=action,
                entity=row.__entity__ if row is not None else entity,
                entity_id=row.id if row is not None else None,
                outcome=outcome,
            )
        )

    def write_audit(self) -> None:
        """Chain the noted audit events."""
        if not self._unwritten:
            return
        entries, self._unwritten = self._unwritten, []
        audit.append(
            self._session,
            self._audit_key,
            entries,
            user_id=self.actor.user_id if self.actor else None,
            device_id=self.actor.device_id if self.actor else None,
        )

    @property
    def audit(self) -> audit.AuditTrail:
        """The chain as it stands, with this transaction's noted events in it."""
        self.write_audit()
        return self._audit_trail

    def live_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for model in sorted(SYNCED_MODELS, key=lambda m: m.__entity__):
            stmt = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
            counts[model.__entity__] = self._session.scalar(stmt) or 0
        return counts

    def audit_trail(self, limit: int = 100) -> list[tuple[str, str, str]]:
        """(action, entity, outcome) of the newest events, oldest first."""
        self.write_audit()
        rows = self._session.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.outcome)
            .order_by(AuditEvent.seq.desc())
            .limit(limit)
        ).all()
        return [(row.action, row.entity, row.outcome) for row in reversed(rows)]

    def outbox_entities(self) -> list[tuple[str, str]]:
        """(entity, op) of every pending outbox mutation, oldest first."""
        rows = self._session.execute(
            select(OutboxMutation.entity, OutboxMutation.op).order_by(OutboxMutation.seq)
        )
        return [(row.entity, row.op) for row in rows]

    def verify_audit_chain(self) -> str | None:
        self.write_audit()
        return audit.verify(self._session, self._audit_key)


class UnitOfWork:
    def __init__(self, engine: Engine, audit_key: bytes) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        outbox.install(self._sessions)
        written.install(self._sessions)
        self._audit_key = audit_key

    @contextmanager
    def begin(self, actor: Actor | None = None) -> Iterator[Transaction]:
        with self._sessions() as session:
            with session.begin():
                if actor is not None:
                    session.info[outbox.ACTOR_KEY] = (actor.user_id, actor.device_id)
                tx = Transaction(session, self._audit_key, actor)
                yield tx
                tx.write_audit()  # not reached when the block raised: its events go with its writes
            changes.committed(written.taken(session))  # reached only once it committed
