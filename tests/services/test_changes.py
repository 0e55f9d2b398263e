"""The unit of work says which kinds of record a service call wrote (domain.changes), from what it flushed
and the statements it ran: nothing for a read, nothing for a call refused and rolled back."""

from __future__ import annotations

import pytest

from burner_desk.domain import changes
from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside, cases, sync
from burner_desk.services.settings import STOCK_THRESHOLD_PHONES
from tests.services.conftest import NOW, Program, resident


def test_an_encounter_saved_names_every_kind_of_record_it_wrote(program: Program) -> None:
    before = len(program.outbox())
    with changes.recording() as written:
        bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    synced = {entity for entity, _op in program.outbox()[before:]}
    assert synced <= written, "every kind the outbox has a mutation of"
    assert {
        "encounter",
        "person",
        "incident",
        "consent",
        "follow_up",
        "phone_swap",
        "burner_phone",
    } <= written
    assert {"recovery_bag", "handout", "handout_given", "family_contact", "outbox"} <= written
    assert "audit_event" not in written and "audit_head" not in written
    assert "user" not in written and "resource" not in written


def test_a_read_and_a_refused_call_name_nothing(program: Program) -> None:
    with changes.recording() as written:
        cases.find_cases(program.uow, program.actor, "Quinlan", today=NOW.date())  # audited, all the same
        sync.status(program.uow)
        with pytest.raises(ValidationError):
            bedside.record_encounter(program.uow, program.actor, resident(recovery_bag=""), NOW)
    assert written == set()


def test_recordings_nest_and_each_sees_its_own_part(program: Program) -> None:
    with changes.recording() as outer:
        with changes.recording() as inner:
            bedside.record_encounter(program.uow, program.actor, resident(), NOW)
        with program.uow.begin(program.actor) as tx:
            tx.settings.put(STOCK_THRESHOLD_PHONES, "20")
    assert "setting" in outer and "setting" not in inner and "encounter" in inner
