"""The program summary (storage.program_summary: a table kept by SQLite triggers) is what it would be if
worked out afresh from the records, whatever the services save and a sync pulls: random caseloads, checked
after every step against its SQL run from scratch, row for row and figure for figure.

The steps are a desk's (encounters, attempts, home visits, phones returned or lost, a follow-up closed) and
central's (a record deleted, a consent revoked, a user's role changed, another desk's case arriving
children first, so that it is parked until its encounter comes)."""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.metrics import as_json
from burner_desk.services import access, bedside, demo, followup, inventory, program
from burner_desk.storage import program_summary
from burner_desk.storage.models import (
    SYNCED_MODELS,
    BagItem,
    Consent,
    ContactAttempt,
    Encounter,
    FollowUp,
    HomeVisit,
    Incident,
    OutboxMutation,
    Person,
    PhoneSwap,
    ProgramSummary,
    ProgramSummaryStale,
    RecoveryBag,
    SyncedColumns,
    User,
)
from burner_desk.storage.outbox import wire_fields
from burner_desk.sync import protocol
from burner_desk.sync.pull import Puller, store_pulled
from tests.conftest import SETUP, TEST_KDF
from tests.program_caseload import CONTACT, NOW, PERIOD, SHARED, Caseload, met

SUMMARY_COLUMNS = ", ".join(program_summary.COLUMNS)


def summary_rows(conn: Any) -> list[tuple[Any, ...]]:
    return sorted(
        conn.execute(text(f"SELECT {SUMMARY_COLUMNS} FROM program_summary")).all(),  # noqa: S608 (our names)
        key=repr,
    )


def check_summary(signed_in: access.SignedIn, load: Caseload) -> None:
    """The kept summary equals the one the migration's SQL works out afresh, and so do the figures."""
    engine = signed_in.vault.engine
    kept_figures = as_json(program.figures(signed_in.uow, load.supervisor, PERIOD, NOW))
    with engine.connect() as conn, conn.begin() as transaction:
        kept = summary_rows(conn)
        conn.execute(text("DELETE FROM program_summary"))
        conn.execute(text(program_summary.SUMMARY))
        afresh = summary_rows(conn)
        transaction.rollback()
    assert kept == afresh
    with engine.begin() as conn:  # the figures from the fresh summary, then put back as it was
        conn.execute(text("DELETE FROM program_summary"))
        conn.execute(text(program_summary.SUMMARY))
    assert as_json(program.figures(signed_in.uow, load.supervisor, PERIOD, NOW)) == kept_figures


class Desk:
    """A vault with the caseload's users, the cases recorded on it and central's changes to them."""

    def __init__(self, signed_in: access.SignedIn) -> None:
        self.signed_in = signed_in
        self.load = Caseload(signed_in)
        demo.load_sample_directory(signed_in.uow, self.load.supervisor)
        inventory.load_handout_catalog(signed_in.uow, self.load.supervisor, initial_stock=500)
        self.cases: list[tuple[bedside.EncounterView, int | None]] = []  # with the phone's serial
        self.clones = 0

    def encounter(self, resident: bool, shared: bool, day: int, hour: int) -> None:
        at = met(3, 1, hour) + timedelta(days=day)  # March, or early April: outside the period
        case = self.load.encounter(at, SHARED if shared else CONTACT, resident_=resident)
        self.cases.append((case, self.load.serial if resident else None))

    def case(self, index: int) -> tuple[bedside.EncounterView, int | None]:
        return self.cases[index % len(self.cases)]

    def attempt(
        self, index: int, police: bool, channel: Channel, outcome: AttemptOutcome, hours: int
    ) -> None:
        actor = self.load.detective if police else self.load.social_worker
        self.load.attempt(actor, self.case(index)[0], timedelta(hours=hours), channel, outcome)

    def visit(self, index: int, hours: int) -> None:
        self.load.visit(self.case(index)[0], timedelta(hours=hours))

    def mark_phone(self, index: int, status: PhoneStatus) -> None:
        serial = self.case(index)[1]
        if serial is not None:
            inventory.mark_phone(self.signed_in.uow, self.load.supervisor, f"BD-{serial:04d}", status)

    def close(self, index: int) -> None:
        uow, follow_up_id = self.signed_in.uow, self.case(index)[0].follow_up_id
        followup.change_state(uow, self.load.supervisor, follow_up_id, FollowUpState.CLOSED, NOW)

    # --- central's changes ---------------------------------------------------------------------------

    def pull(self, rows: list[protocol.Row] | None) -> None:
        with self.signed_in.vault.engine.begin() as conn:
            conn.execute(text("DELETE FROM outbox"))  # pushed: central's changes now win every field
        store_pulled(Puller(self.signed_in.vault, lambda _old, _new: None), rows, {})

    def _changed(self, model: type[SyncedColumns], row_id: uuid.UUID, **changes: Any) -> protocol.Row:
        with self.signed_in.uow.begin() as tx:
            fields = wire_fields(tx.get(model, row_id))
        version = int(fields["version"]) + 1
        return protocol.Row(entity=model.__entity__, id=row_id, version=version, fields=fields | changes)

    def _ids(self, model: type[SyncedColumns]) -> list[uuid.UUID]:
        with self.signed_in.uow.begin() as tx:
            return sorted(tx._session.scalars(select(model.id)))

    def delete(self, model: type[SyncedColumns], index: int) -> None:
        ids = self._ids(model)
        if ids:
            self.pull([self._changed(model, ids[index % len(ids)], deleted_at=NOW.isoformat())])

    def revoke(self, index: int) -> None:
        ids = self._ids(Consent)
        if ids:
            self.pull([self._changed(Consent, ids[index % len(ids)], revoked_at=NOW.isoformat())])

    def change_role(self, social_worker_is_police: bool) -> None:
        role = "detective" if social_worker_is_police else "social_worker"
        self.pull([self._changed(User, self.load.social_worker.user_id, role=role)])

    def another_desks_case(self, index: int) -> None:
        """A copy of a case as another desk's, its follow-up, attempts, consent and bag first: parked,
        waiting for the encounter, until the next page brings it and the parked records are tried again."""
        self.clones += 1
        case = self.case(index)[0]
        with self.signed_in.uow.begin() as tx:
            encounter = tx.get(Encounter, case.encounter_id)
            parents = [
                tx.get(Person, encounter.person_id),
                tx.get(Incident, encounter.incident_id),
                encounter,
            ]
            children: list[SyncedColumns] = [
                *tx._session.scalars(select(FollowUp).where(FollowUp.encounter_id == encounter.id)),
                *tx._session.scalars(select(Consent).where(Consent.encounter_id == encounter.id)),
                *tx._session.scalars(select(RecoveryBag).where(RecoveryBag.encounter_id == encounter.id)),
            ]
            follow_ups = [row.id for row in children if isinstance(row, FollowUp)]
            bags = [row.id for row in children if isinstance(row, RecoveryBag)]
            children += [
                *tx._session.scalars(
                    select(ContactAttempt).where(ContactAttempt.follow_up_id.in_(follow_ups))
                ),
                *tx._session.scalars(select(HomeVisit).where(HomeVisit.follow_up_id.in_(follow_ups))),
                *tx._session.scalars(select(BagItem).where(BagItem.bag_id.in_(bags))),
            ]
            new_ids = {row.id: uuid.uuid4() for row in [*parents, *children]}
            pages = [[self._copy(row, new_ids) for row in rows] for rows in (children, parents)]
        self.pull(pages[0])
        self.pull(pages[1])
        self.pull(None)  # the parked records, tried again at the next sync

    def _copy(self, row: SyncedColumns, new_ids: dict[uuid.UUID, uuid.UUID]) -> protocol.Row:
        fields = wire_fields(row)
        for name, value in fields.items():
            if isinstance(value, str) and _is_uuid(value) and uuid.UUID(value) in new_ids:
                fields[name] = str(new_ids[uuid.UUID(value)])
        if isinstance(row, RecoveryBag):
            fields["label"] = f"{row.label}-C{self.clones}"  # labels are unique
        return protocol.Row(entity=row.__entity__, id=new_ids[row.id], version=1, fields=fields)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


DELETABLE = (Encounter, FollowUp, ContactAttempt, HomeVisit, RecoveryBag, BagItem, Consent, PhoneSwap)
index = st.integers(0, 40)
steps = st.one_of(
    st.tuples(st.just("encounter"), st.booleans(), st.booleans(), st.integers(0, 32), st.integers(0, 23)),
    st.tuples(
        st.just("attempt"),
        index,
        st.booleans(),
        st.sampled_from(Channel),
        st.sampled_from(AttemptOutcome),
        st.integers(1, 100),
    ),
    st.tuples(st.just("visit"), index, st.integers(1, 100)),
    st.tuples(st.just("mark_phone"), index, st.sampled_from([PhoneStatus.RETURNED, PhoneStatus.LOST])),
    st.tuples(st.just("close"), index),
    st.tuples(st.just("delete"), st.sampled_from(DELETABLE), index),
    st.tuples(st.just("revoke"), index),
    st.tuples(st.just("change_role"), st.booleans()),
    st.tuples(st.just("another_desks_case"), index),
)


@settings(
    max_examples=12,
    deadline=None,
    phases=[
        Phase.explicit,
        Phase.reuse,
        Phase.generate,
    ],  # each example builds a vault: shrinking takes minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.tuples(st.booleans(), st.booleans(), st.integers(0, 32), st.integers(0, 23)),
    later=st.lists(steps, max_size=12),
)
def test_the_summary_stays_what_the_records_give_through_saves_and_pulls(
    first: tuple[bool, bool, int, int], later: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory(prefix="burner-desk-summary-") as tmp:
        signed_in = access.first_run_setup(Path(tmp) / "vault", SETUP, kdf=TEST_KDF)
        try:
            desk = Desk(signed_in)
            desk.encounter(*first)
            check_summary(signed_in, desk.load)
            for name, *arguments in later:
                with contextlib.suppress(BurnerDeskError):  # a step the services refuse saves nothing
                    getattr(desk, name)(*arguments)
                check_summary(signed_in, desk.load)
        finally:
            signed_in.vault.close()


def test_a_consent_ending_stops_the_outcome_counting_from_that_day(signed_in: access.SignedIn) -> None:
    """The summary keeps the consent's end date; whether it is in force is the figures' day's question."""
    desk = Desk(signed_in)
    desk.encounter(resident=True, shared=True, day=2, hour=10)
    uow, supervisor = signed_in.uow, desk.load.supervisor
    with uow.begin() as tx:
        consent = tx._session.scalars(select(Consent)).one()
        consent_ends = consent.expires_on
    assert consent_ends is not None
    before = program.figures(uow, supervisor, PERIOD, NOW)
    after = program.figures(uow, supervisor, PERIOD, NOW.replace(year=consent_ends.year + 1))
    assert (before.treatment.outcome_shared, after.treatment.outcome_shared) == (1, 0)


def test_the_summary_stays_on_this_desk(signed_in: access.SignedIn) -> None:
    """Written below the ORM (triggers note the stale encounter, the figures' read works its row out): no
    outbox row, and no kind of record sync or central knows."""
    Desk(signed_in).encounter(resident=True, shared=True, day=2, hour=10)
    with signed_in.uow.begin() as tx:
        assert tx._session.scalar(select(func.count()).select_from(ProgramSummaryStale)) == 1
        tx.program.rows(NOW - timedelta(days=30), NOW + timedelta(days=30), NOW)
        assert tx._session.scalar(select(func.count()).select_from(ProgramSummary)) == 1
        assert tx._session.scalar(select(func.count()).select_from(ProgramSummaryStale)) == 0
        entities = set(tx._session.scalars(select(OutboxMutation.entity)))
    assert "encounter" in entities
    assert not {"program_summary", "program_summary_stale"} & entities
    assert not {ProgramSummary, ProgramSummaryStale} & set(SYNCED_MODELS)
