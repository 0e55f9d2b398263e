from datetime import timedelta

import pytest

from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside, cases, custody
from tests.services.conftest import NOW, Program, resident


def test_personal_phone_stored_then_returned_once(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    stored = custody.move_personal_phone(
        program.uow,
        program.actor,
        "PR-2025-0001",
        CustodyAction.STORED,
        "Property room locker 4",
        NOW + timedelta(hours=2),
    )
    assert stored.storage_location == "Property room locker 4"

    returned = custody.return_personal_phone(
        program.uow, program.actor, " PR-2025-0001 ", "Avery Quinlan (sample)", NOW + timedelta(days=3)
    )

    assert returned.returned_at == NOW + timedelta(days=3)
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert [(e.action, e.location, e.received_by) for e in detail.custody] == [
        (CustodyAction.TAKEN, "Inova Alexandria Hospital", ""),
        (CustodyAction.STORED, "Property room locker 4", ""),
        (CustodyAction.RETURNED, "Property room locker 4", "Avery Quinlan (sample)"),
    ]
    assert detail.summary.personal_phone_returned
    counts = program.counts()
    with pytest.raises(ValidationError) as caught:
        custody.return_personal_phone(
            program.uow, program.actor, "PR-2025-0001", "someone", NOW + timedelta(days=4)
        )
    assert (
        caught.value.reason
        == f"the phone on receipt PR-2025-0001 was returned on {(NOW + timedelta(days=3)):%Y-%m-%d}"
    )
    with pytest.raises(ValidationError, match="was returned"):
        custody.move_personal_phone(
            program.uow, program.actor, "PR-2025-0001", CustodyAction.MOVED, "desk", NOW
        )
    assert program.counts() == counts


def test_unknown_receipt_and_missing_receiver_are_refused(program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    with pytest.raises(ValidationError, match="no personal phone with receipt PR-404"):
        custody.return_personal_phone(program.uow, program.actor, "PR-404", "someone", NOW)
    with pytest.raises(ValidationError) as caught:
        custody.return_personal_phone(program.uow, program.actor, "PR-2025-0001", "  ", NOW)
    assert caught.value.field == "received_by"
    with pytest.raises(ValidationError, match="return it separately"):
        custody.move_personal_phone(
            program.uow, program.actor, "PR-2025-0001", CustodyAction.RETURNED, "desk", NOW
        )
