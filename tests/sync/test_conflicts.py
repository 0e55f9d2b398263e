"""Several desks editing offline: every disagreement becomes a SyncConflict a person settles, none is
lost, wrong clocks do not reorder edits, and after syncing everyone holds the same data."""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.central import models
from burner_desk.domain.errors import InvalidTransition, NotFound, ValidationError
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState
from burner_desk.domain.people import Language
from burner_desk.services import access, bedside, followup, inventory, users
from burner_desk.services import sync as sync_service
from burner_desk.storage import outbox
from burner_desk.storage.models import SyncConflict
from tests.services.conftest import NOW, resident, stock
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker, new_laptop, synced_data

HANDOUT = ("survivor_naloxone", Language.EN)


def _stock_of(laptop: Laptop, code: str = HANDOUT[0], language: Language = HANDOUT[1]) -> int:
    return next(
        h.stock for h in inventory.handouts(laptop.signed_in.uow) if (h.code, h.language) == (code, language)
    )


def _restock(laptop: Laptop, amount: int, code: str = HANDOUT[0], language: Language = HANDOUT[1]) -> None:
    inventory.restock_handout(laptop.signed_in.uow, laptop.signed_in.actor, code, language, amount)


@pytest.fixture
def two_desks(live_central: LiveCentral, laptops: list[Laptop]) -> tuple[Laptop, Laptop]:
    first, second = laptops[0], laptops[1]
    stock(first.signed_in)
    for desk in (first, second):
        desk.enroll(live_central)
    first.sync()
    second.sync()
    # Both were set up by a supervisor named sam.rivera: one is renamed, as sign-in names are unique
    users.rename_user(second.signed_in, second.signed_in.actor.user_id, "sam.rivera.2")
    second.sync()
    first.sync()
    return first, second


def test_both_desks_changing_one_field_is_a_conflict_a_person_settles(
    two_desks: tuple[Laptop, Laptop], live_central: LiveCentral
) -> None:
    first, second = two_desks
    start = _stock_of(first)
    _restock(first, 3)
    _restock(second, 2)
    first.sync()

    report = second.sync()

    assert report.conflicts == 1
    [conflict] = sync_service.conflicts(second.signed_in.uow, second.signed_in.actor)
    assert (conflict.entity, conflict.field) == ("handout", "stock")
    assert (conflict.server_value, conflict.local_value) == (start + 3, start + 2)
    # both laptops were set up by a supervisor of the same name; each side names its author
    assert conflict.server_by == conflict.local_by == "Det. Sam Rivera (sample)"
    assert conflict.local_at is not None and conflict.server_at is not None
    assert _stock_of(second) == start + 3  # central kept its value; this laptop shows it until settled

    sync_service.resolve_conflict(second.signed_in.uow, second.signed_in.actor, conflict.id, "local")
    assert _stock_of(second) == start + 2
    assert sync_service.conflicts(second.signed_in.uow, second.signed_in.actor) == []
    second.sync()
    first.sync()

    assert _stock_of(first) == _stock_of(second) == start + 2
    with second.signed_in.uow.begin() as tx:
        assert ("sync.conflict.keep_local", "handout", "ok") in tx.audit_trail()


def test_keeping_centrals_value_changes_nothing_anywhere(two_desks: tuple[Laptop, Laptop]) -> None:
    first, second = two_desks
    _restock(first, 3)
    _restock(second, 2)
    first.sync()
    second.sync()
    [conflict] = sync_service.conflicts(second.signed_in.uow, second.signed_in.actor)

    sync_service.resolve_conflict(second.signed_in.uow, second.signed_in.actor, conflict.id, "server")

    assert second.status().waiting == 0 and second.status().open_conflicts == 0
    with pytest.raises(NotFound):
        sync_service.resolve_conflict(second.signed_in.uow, second.signed_in.actor, conflict.id, "local")


def test_a_skewed_clock_does_not_reorder_edits(
    two_desks: tuple[Laptop, Laptop], live_central: LiveCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Central orders edits by when they reach it, never by the laptop's clock."""
    fast, right = two_desks
    real_now = outbox.utcnow
    start = _stock_of(fast)
    monkeypatch.setattr(outbox, "utcnow", lambda: real_now() + timedelta(days=1))
    _restock(fast, 3)  # stamped tomorrow
    fast.sync()
    monkeypatch.setattr(outbox, "utcnow", lambda: real_now() - timedelta(days=1))
    _restock(fast, 1)  # the same laptop, its clock now a day behind: still its latest edit
    fast.sync()
    monkeypatch.setattr(outbox, "utcnow", real_now)
    right.sync()
    _restock(right, 10)  # made after, with a correct clock that reads "earlier" than the first edit
    right.sync()
    fast.sync()

    assert _stock_of(fast) == _stock_of(right) == start + 14
    assert fast.status().open_conflicts == right.status().open_conflicts == 0


# --- convergence under random interleavings ------------------------------------------------------

DESKS = 3  # detectives' laptops; index DESKS is the treatment program's client
Step = tuple[str, int, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("restock"), st.integers(0, DESKS - 1), st.integers(1, 3)),
        st.tuples(st.just("close"), st.integers(0, DESKS - 1), st.integers(0, 1)),
        st.tuples(st.just("attempt"), st.just(DESKS), st.integers(0, 1)),
        st.tuples(st.just("sync"), st.integers(0, DESKS), st.just(0)),
    ),
    max_size=14,
)


class Program:
    """Three detective desks and the program's client enrolled with one central, all in step."""

    def __init__(self, root: Path, central: LiveCentral) -> None:
        self.central = central
        self.desks = [new_laptop(root / f"desk-{n}", f"desk-{n}") for n in range(DESKS)]
        stock(self.desks[0].signed_in)
        for desk in self.desks:
            desk.enroll(central)
        self.follow_ups = [self._encounter(n) for n in range(2)]
        social = new_laptop(root / "program", "program-client")
        worker = add_social_worker(social)
        social.enroll(central, treatment_program=True)
        social.signed_in.vault.close()
        social.signed_in = access.sign_in(root / "program", worker.user_name, "Cedar-Orchard-0102")
        self.desks.append(social)
        self.reported_conflicts = 0
        for laptop in self.desks:
            self.sync(laptop)

    def _encounter(self, n: int) -> uuid.UUID:
        desk = self.desks[0]
        data = resident()
        assert data.personal_phone is not None
        data = replace(
            data,
            burner_phone=f"BD-{n + 1:04d}",
            recovery_bag=f"RB-{n + 1:02d}",
            personal_phone=replace(data.personal_phone, property_receipt_no=f"PR-2025-{n + 1:04d}"),
        )
        return bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, data, NOW).follow_up_id

    def sync(self, laptop: Laptop) -> None:
        self.reported_conflicts += laptop.sync().conflicts

    def run(self, step: Step) -> None:
        kind, who, arg = step
        laptop = self.desks[who]
        uow, actor = laptop.signed_in.uow, laptop.signed_in.actor
        if kind == "restock":
            _restock(laptop, arg)
        elif kind == "close":
            _try(lambda: followup.change_state(uow, actor, self.follow_ups[arg], FollowUpState.CLOSED, NOW))
        elif kind == "attempt":
            attempt = followup.ContactAttemptInput(
                self.follow_ups[arg], Channel.PHONE, AttemptOutcome.ENTERED_TREATMENT
            )
            _try(lambda: followup.log_contact_attempt(uow, actor, attempt, NOW))
        else:
            self.sync(laptop)

    def settle(self) -> None:
        for _round in range(2):
            for laptop in self.desks:
                self.sync(laptop)

    def close(self) -> None:
        for laptop in self.desks:
            laptop.signed_in.vault.close()


def _try(action: Callable[[], Any]) -> None:
    """A step this laptop refuses (a follow-up it already sees as closed) is simply not taken."""
    with contextlib.suppress(InvalidTransition, ValidationError):
        action()


def _open_conflicts(laptop: Laptop) -> int:
    with Session(laptop.signed_in.vault.engine) as session:
        return len(session.scalars(select(SyncConflict)).all())


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=steps)
def test_desks_converge_and_no_conflict_is_lost(
    central_factory: Callable[[], LiveCentral], script: list[Step]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="converge-"))
    program = Program(root, central_factory())
    try:
        for step in script:
            program.run(step)
        program.settle()

        detectives = [synced_data(desk, user_names=False) for desk in program.desks[:DESKS]]
        assert all(data == detectives[0] for data in detectives[1:]), "detective desks differ after sync"
        assert all(desk.status().waiting == 0 for desk in program.desks)
        with program.central.db() as session:
            on_central = {(r.entity, r.id): r.version for r in session.scalars(select(models.Record))}
        social = synced_data(program.desks[DESKS], user_names=False)
        assert {key: fields["version"] for key, fields in social.items()} == on_central
        assert sum(_open_conflicts(desk) for desk in program.desks) == program.reported_conflicts
    finally:
        program.close()
