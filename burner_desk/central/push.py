"""Push: apply a laptop's batch of mutations exactly once, in order, and answer for each (DESIGN.md
section 5). The batches of one push take turns in central.push_turns; what may be changed by whom is
central.authorisation.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, Uuid, and_, func, literal, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.authorisation import Authority
from burner_desk.central.contradictions import Contradictions
from burner_desk.central.db import (
    EncodedJson,
    current_seq,
    encode_json,
    insert_rows,
    one_of,
    take_seqs,
    update_rows,
)
from burner_desk.central.devices import AuthenticatedDevice, record_event
from burner_desk.central.disclosure import Disclosure, index_consents
from burner_desk.central.models import AppliedMutation, Change, Record
from burner_desk.central.records import INSERT_STAMP, SERVER_FIELDS, merge, rejection
from burner_desk.storage.models import utcnow
from burner_desk.sync import protocol
from burner_desk.sync.protocol import Conflict, Mutation, MutationResult, PushRequest

# The first attempt takes the batch to be new; after that a concurrent insert of the same record or
# mutation can lose the race once more, and then sees it.
_ATTEMPTS = 3


def push(
    sessions: sessionmaker[Session], device: AuthenticatedDevice, request: PushRequest
) -> protocol.EncodedPushResponse:
    """Apply a batch in order, in one transaction, and answer for each mutation.

    One transaction per batch, not per mutation: a commit waits for the disk, and a laptop back at the
    station sends thousands. The records a batch touches are read (and locked) together up front; the
    change-feed positions are taken together at the end, under the clock row's lock, so seq order
    stays commit order (DESIGN.md section 5).

    The first attempt takes the batch to be what a laptop nearly always sends: mutations central has
    not answered and inserts of records it does not hold, so neither is looked up. A replayed mutation,
    an insert of a record central holds, or a concurrent insert of the same record then breaks a unique
    key when the batch is written; nothing of it is kept, and the batch is applied again with every
    answer and record looked up (against what a concurrent winner wrote).
    """
    for attempt in range(_ATTEMPTS + 1):
        try:
            with sessions() as session, session.begin():
                return _Batch(session, device, assume_new=attempt == 0).apply(request.mutations)
        except IntegrityError:
            if attempt == _ATTEMPTS:
                raise
    raise AssertionError("unreachable")


@dataclass(slots=True)
class _Held:
    """A record as the batch sees it: read (and locked) from central, or created by the batch."""

    entity: str
    id: str  # wire form, as mutations name it
    version: int
    fields: dict[str, Any]
    authors: dict[str, Any]
    device_id: str  # the device that created it, wire form
    stored: bool  # a row in `record` already (written back with UPDATE) or new in this batch (INSERT)
    written: bool = False
    encoded: EncodedJson | None = None  # `fields` as the batch last wrote them, shared with the feed


class _Batch:
    """One push: records are read and locked together up front, changed in memory, and written back
    together at the end (Core, not the ORM: a batch is hundreds of rows in four tables)."""

    def __init__(self, session: Session, device: AuthenticatedDevice, *, assume_new: bool) -> None:
        self._session = session
        self._device = device
        self._assume_new = assume_new  # see push: no earlier answers, no held records for inserts
        self._now = utcnow()
        self._now_text = self._now.isoformat()
        self._device_text = str(device.id)  # on every row a push writes
        # A batch names the same few devices thousands of times: their stamps made once
        self._server_stamps: dict[str, dict[str, str]] = {}
        self._records: dict[tuple[str, str], _Held] = {}  # by (entity, id in wire form)
        # (entity, id, version, fields as JSON) after each applied change, in the order they go into the feed
        self._changes: list[tuple[str, str, int, EncodedJson]] = []
        self._applied: list[dict[str, Any]] = []  # AppliedMutation rows
        self._consents: dict[uuid.UUID, dict[str, Any]] = {}  # consent id -> fields, for the Part 2 index
        self._authority = Authority(session, device)
        self._disclosure: Disclosure | None = None  # made when a conflict first needs it

    def apply(self, mutations: Sequence[Mutation]) -> protocol.EncodedPushResponse:
        answered = {} if self._assume_new else self._answered([m.mutation_id for m in mutations])
        self._load(
            {(m.entity, m.entity_id) for m in mutations if not (self._assume_new and m.op == "insert")}
        )
        self._contradictions = Contradictions(self._session, mutations)
        results: list[str] = []  # each MutationResult in wire form, as stored and as answered
        statuses: Counter[str] = Counter()
        for mutation in mutations:
            earlier = answered.get(mutation.mutation_id)
            if earlier is not None:
                status, result = earlier
            else:
                status, result = self._apply(mutation)
                if status != "deferred":  # a deferred mutation comes again and must then apply
                    answered[mutation.mutation_id] = (status, result)
                    self._applied.append(
                        {
                            "device_id": self._device_text,
                            "mutation_id": mutation.mutation_id,
                            "result": result,
                            "applied_at": self._now,
                        }
                    )
            results.append(result)
            statuses[status] += 1
        self._write_records()
        index_consents(self._session, self._consents)
        self._contradictions.write()
        insert_rows(self._session, AppliedMutation, self._applied)
        cursor = self._append_changes()
        record_event(self._session, "sync.push", self._device.id, **dict(sorted(statuses.items())))
        return protocol.push_answer_body(results, cursor)

    def _answered(self, mutation_ids: list[str]) -> dict[str, tuple[str, str]]:
        """The answers central already gave to any of these mutations: (status, result in wire form)."""
        rows = self._session.execute(
            select(AppliedMutation.mutation_id, AppliedMutation.result).where(
                AppliedMutation.device_id == self._device.id,
                one_of(self._session, AppliedMutation.mutation_id, [uuid.UUID(m) for m in mutation_ids]),
            )
        )
        return {
            str(mutation_id): (MutationResult.model_validate_json(result).status, result)
            for mutation_id, result in rows
        }

    def _load(self, keys: set[tuple[str, str]]) -> None:
        columns = (Record.entity, Record.id, Record.version, Record.fields, Record.authors, Record.device_id)
        wanted = sorted((entity, uuid.UUID(record_id)) for entity, record_id in keys)
        for query in _record_queries(self._session, wanted):
            for entity, record_id, version, fields, authors, device_id in self._session.execute(
                select(*columns).where(query).with_for_update()
            ):
                held = _Held(entity, str(record_id), version, fields, authors, str(device_id), stored=True)
                self._records[(entity, held.id)] = held

    def _apply(self, mutation: Mutation) -> tuple[str, str]:
        """Apply one mutation to the batch's records; its status and its MutationResult in wire form."""
        reason = rejection(mutation)
        if reason is not None:
            return _answer(mutation, status="rejected", reason=reason)
        record = self._records.get((mutation.entity, mutation.entity_id))
        refused = self._authority.refusal(mutation, record.fields if record else None)
        if refused is not None:
            return _answer(mutation, status=refused.status, reason=refused.reason)
        if record is not None:
            return self._change(mutation, record)
        if mutation.op != "insert":
            return _answer(mutation, status="deferred", reason="the record is not on central yet")
        return self._insert(mutation)

    def _insert(self, mutation: Mutation) -> tuple[str, str]:
        """A record central does not hold, made from the insert as sent (most of a push): its fields built
        in one dict, its authors one shared stamp (records.INSERT_STAMP)."""
        fields = {name: new for name, (_old, new) in mutation.changes.items() if name not in SERVER_FIELDS}
        fields["created_by"] = fields.get("created_by") or mutation.author_id
        fields.update(self._server_stamp(self._device_text))
        # "at" stays a datetime until the authors are encoded (in Rust, at half the cost of isoformat)
        authors = {INSERT_STAMP: {"by": mutation.author_id, "at": mutation.created_at}}
        record = _Held(
            mutation.entity, mutation.entity_id, 1, fields, authors, self._device_text, stored=False
        )
        self._records[(record.entity, record.id)] = record
        return self._written(mutation, record, ())

    def _change(self, mutation: Mutation, record: _Held) -> tuple[str, str]:
        """A mutation of a record central holds (or the batch made), merged field by field."""
        outcome = merge(mutation, record.fields, record.authors)
        conflicts = self._as_seen(mutation.entity, record.fields, outcome.conflicts)
        if not outcome.writes:
            return _answer(
                mutation,
                status="conflict" if conflicts else "duplicate",
                version=record.version,
                conflicts=conflicts,
            )
        stamp = {"by": mutation.author_id, "at": mutation.created_at}
        # New dicts, not in-place edits: a change already queued for the feed keeps the values it had.
        record.fields = record.fields | outcome.writes | self._server_stamp(record.device_id)
        record.authors = record.authors | dict.fromkeys(outcome.writes, stamp)
        record.version += 1
        return self._written(mutation, record, conflicts)

    def _written(self, mutation: Mutation, record: _Held, conflicts: tuple[Conflict, ...]) -> tuple[str, str]:
        """After a mutation changed `record`: the record queued for writing and for the feed, the indexes
        kept up to date; the mutation's answer."""
        record.written = True
        record.encoded = encode_json(record.fields)
        if record.entity == "consent":
            self._consents[uuid.UUID(record.id)] = record.fields
        self._changes.append((record.entity, record.id, record.version, record.encoded))
        if mutation.entity == "user":
            self._authority.user_written(mutation, record.fields)
        contradiction = self._contradictions.after_write(mutation, record.id, record.fields)
        if contradiction is not None:  # kept all the same: see central.contradictions
            conflicts = (*conflicts, contradiction)
        if conflicts:
            return _answer(mutation, status="conflict", version=record.version, conflicts=conflicts)
        return _answer(mutation, status="applied", version=record.version)

    def _as_seen(
        self, entity: str, fields: dict[str, Any], conflicts: list[Conflict]
    ) -> tuple[Conflict, ...]:
        """Central's side of each conflict as the pushing device may see it (central.disclosure): a police
        device learns no outcome from a conflict either."""
        if not conflicts or self._device.treatment_program:
            return tuple(conflicts)
        if self._disclosure is None:
            self._disclosure = Disclosure(self._session, self._device)
        shown = self._disclosure.shown(entity, fields)
        return tuple(
            conflict
            if shown is not None and shown.get(conflict.field) == fields.get(conflict.field)
            else conflict.model_copy(
                update={
                    "server": conflict.server.model_copy(
                        update={"value": None if shown is None else shown.get(conflict.field)}
                    )
                }
            )
            for conflict in conflicts
        )

    def _server_stamp(self, device_id: str) -> dict[str, str]:
        """The fields central sets on every write of a record created by `device_id`."""
        stamp = self._server_stamps.get(device_id)
        if stamp is None:
            stamp = self._server_stamps[device_id] = {
                "device_id": device_id,
                "updated_at": self._now_text,
            }
        return stamp

    def _write_records(self) -> None:
        new: list[dict[str, Any]] = []
        stored: list[dict[str, Any]] = []
        for record in self._records.values():
            if record.written:
                (stored if record.stored else new).append(
                    {
                        "entity": record.entity,
                        "id": record.id,
                        "version": record.version,
                        "fields": record.encoded,
                        "authors": record.authors,
                        "device_id": record.device_id,
                        "updated_at": self._now,
                    }
                )
        insert_rows(self._session, Record, new)
        update_rows(self._session, Record, stored)

    def _append_changes(self) -> int:
        """The batch's changes into the feed, their positions taken last so the clock row is locked for
        as short a time as possible. Returns the feed position after them."""
        if not self._changes:
            return current_seq(self._session)
        self._session.flush()  # the ORM's few rows (users added, the event) before the clock is taken
        last = take_seqs(self._session, len(self._changes))
        first = last - len(self._changes) + 1
        insert_rows(
            self._session,
            Change,
            [
                {
                    "seq": seq,
                    "entity": entity,
                    "entity_id": entity_id,
                    "version": version,
                    "fields": fields,
                    "at": self._now,
                }
                for seq, (entity, entity_id, version, fields) in enumerate(self._changes, start=first)
            ],
        )
        return last


def _answer(mutation: Mutation, **result: Any) -> tuple[str, str]:
    """A mutation's status and its MutationResult in wire form."""
    answer = MutationResult(mutation_id=mutation.mutation_id, **result)
    return answer.status, answer.model_dump_json()


def _record_queries(session: Session, keys: list[tuple[str, uuid.UUID]]) -> list[ColumnElement[bool]]:
    """Conditions that together pick the records with these (entity, id) keys. On PostgreSQL one, a join
    against the keys as two arrays; elsewhere one per kind of record (a batch spans a dozen kinds)."""
    if not keys:
        return []
    if session.get_bind().dialect.name == "postgresql":
        wanted = select(
            func.unnest(
                literal([e for e, _ in keys], ARRAY(String)), literal([i for _, i in keys], ARRAY(Uuid))
            )
            .table_valued("entity", "id")
            .render_derived()
        )
        return [tuple_(Record.entity, Record.id).in_(wanted)]
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, record_id in keys:
        by_entity.setdefault(entity, []).append(record_id)
    return [and_(Record.entity == entity, Record.id.in_(ids)) for entity, ids in by_entity.items()]
