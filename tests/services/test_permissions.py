"""The services refuse at once what central would refuse after a sync (domain.permissions), and a refusal
writes nothing: no record, no audit event, no outbox row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState
from burner_desk.domain.ids import new_id
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.services import bedside, followup, inventory, users
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import SyncConflict
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW, PHONE_IMEIS, Program, resident


def _actor(program: Program, user_name: str, role: Role) -> Actor:
    data = users.NewUserInput(user_name, f"{user_name} (sample)", role, "", "", "Sample pass 2 phrase")
    return users.add_user(program.signed_in, data, kdf=TEST_KDF).as_actor(program.actor.device_id)


def _refused(program: Program, call: Callable[[], Any], message: str) -> None:
    before = (program.counts(), program.audit(), program.outbox())
    with pytest.raises(NotPermitted, match=message):
        call()
    assert (program.counts(), program.audit(), program.outbox()) == before


def test_each_role_is_refused_what_is_not_theirs(program: Program) -> None:
    detective = _actor(program, "jordan.lee", Role.DETECTIVE)
    social_worker = _actor(program, "casey.nguyen", Role.SOCIAL_WORKER)
    uow = program.uow
    case = bedside.record_encounter(uow, detective, resident(), NOW)  # the detective's own work
    call = followup.ContactAttemptInput(case.follow_up_id, Channel.PHONE, AttemptOutcome.REACHED)
    new_phone = inventory.BurnerPhoneInput(
        "BD-0009",
        "000000000000091",
        "(703) 555-0169",
        "",
        (inventory.ProgrammedContact("Desk", "(703) 555-0101"),),
    )

    _refused(program, lambda: bedside.record_encounter(uow, social_worker, resident(), NOW), "social worker")
    _refused(program, lambda: inventory.add_burner_phone(uow, detective, new_phone), "add a burner phone")
    _refused(
        program,
        lambda: inventory.mark_phone(uow, detective, PHONE_IMEIS[0], PhoneStatus.RETURNED),
        "only issue a burner phone",
    )
    _refused(
        program,
        lambda: inventory.restock_handout(uow, detective, "survivor_naloxone", Language.EN, 10),
        "restocks",
    )
    # what is theirs goes through
    assert followup.log_contact_attempt(uow, social_worker, call, NOW).state is FollowUpState.REACHED
    assert inventory.mark_phone(uow, program.actor, PHONE_IMEIS[0], PhoneStatus.RETURNED).status is (
        PhoneStatus.RETURNED
    )


def test_only_an_encounter_s_own_detective_keeps_their_value_in_a_conflict(program: Program) -> None:
    """Settling a conflict by keeping this laptop's value is a new change like any other."""
    first = _actor(program, "jordan.lee", Role.DETECTIVE)
    second = _actor(program, "riley.park", Role.DETECTIVE)
    case = bedside.record_encounter(program.uow, first, resident(), NOW)
    conflicts = []
    with program.uow.begin() as tx:
        for _ in range(2):
            conflict = SyncConflict(
                id=new_id(),
                entity="encounter",
                entity_id=case.encounter_id,
                field="hospital",
                local_value={"value": "Inova Mount Vernon Hospital", "by": None, "at": None},
                server_value={"value": "Inova Alexandria Hospital", "by": None, "at": None},
            )
            tx.sync.add_conflict(conflict)
            conflicts.append(conflict.id)

    _refused(
        program,
        lambda: sync_service.resolve_conflict(program.uow, second, conflicts[0], "local"),
        "only their own encounters",
    )
    sync_service.resolve_conflict(program.uow, first, conflicts[1], "local")

    assert program.outbox()[-1] == ("encounter", "update")
