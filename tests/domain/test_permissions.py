"""The permission table's answers in words, and the narrower rules on top of it."""

from __future__ import annotations

import pytest

from burner_desk.domain.people import Role
from burner_desk.domain.permissions import TABLE, Op, refusal

D, SW, S = Role.DETECTIVE, Role.SOCIAL_WORKER, Role.SUPERVISOR


@pytest.mark.parametrize(
    "role, entity, op, changes, expected",
    [
        (D, "user", "update", {"role": ["social_worker", "supervisor"]}, "a detective may not change a user's role"),
        (SW, "encounter", "insert", {}, "a social worker may not add an encounter"),
        (D, "user", "delete", {"deleted_at": [None, "2025-03-01"]}, "a detective may not remove a user"),
        (D, "burner_phone", "update", {"carrier": ["A", "B"]}, "a detective may change only the status of a burner phone"),
        (S, "contact_attempt", "update", {"note": ["", "x"]}, "a supervisor may not change a contact attempt's note"),
        (S, "user", "update", {"role": ["supervisor", "admin"]}, "a user's role must be one of detective, social_worker, supervisor, coordinator, clinician"),
        (S, "resource", "insert", {}, None),
        (D, "recovery_bag", "update", {"status": ["assembled", "issued"], "issued_at": [None, "x"]}, None),
    ],
)  # fmt: skip
def test_refusals_say_who_may_not_do_what(
    role: Role, entity: str, op: str, changes: dict[str, list[str]], expected: str | None
) -> None:
    assert refusal(role, entity, op, changes) == expected


def test_the_narrower_rules_need_their_facts() -> None:
    mine, theirs = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
    hospital = {"hospital": ["A", "B"]}
    own_role = {"role": ["supervisor", "detective"]}

    assert refusal(D, "encounter", "update", hospital, author_id=mine, held={"detective_id": mine}) is None
    assert "only their own" in str(
        refusal(D, "encounter", "update", hospital, author_id=mine, held={"detective_id": theirs})
    )
    assert (
        refusal(D, "encounter", "update", hospital) is None
    )  # without the author and the record: not judged
    assert "their own role" in str(refusal(S, "user", "update", own_role, author_id=mine, record_id=mine))
    assert refusal(S, "user", "update", own_role, author_id=mine, record_id=theirs) is None
    assert "restocks" in str(refusal(D, "handout", "update", {"stock": [3, 4]}))
    assert refusal(D, "handout", "update", {"stock": [3, 2]}) is None


def test_the_coordinator_may_make_no_change_at_all() -> None:
    """Read-only: no grant in the table, whatever the record and the change."""
    for entity in TABLE:
        for op in Op:
            assert refusal(Role.COORDINATOR, entity, op.value, {"id": (None, "x")}) is not None, (entity, op)


def test_a_clinician_amends_only_their_own_note_and_nobody_else_any() -> None:
    """A clinician's note is a treatment record: its writer corrects it (the note alone); another
    clinician, police and supervisors may not (issue 19)."""
    note = {"note": ["Sample note", "Sample note, corrected"]}
    held = {"by_user_id": "writer"}
    clinician = Role.CLINICIAN
    assert refusal(clinician, "clinician_note", "update", note, author_id="writer", held=held) is None
    assert (
        refusal(clinician, "clinician_note", "update", note, author_id="colleague", held=held)
        == "a clinician amends only their own notes"
    )
    assert refusal(
        clinician, "clinician_note", "update", {"call_id": ["a", "b"]}, author_id="writer", held=held
    )
    for police in (D, S):
        assert refusal(police, "clinician_note", "update", note, author_id="writer", held=held)
    assert refusal(clinician, "clinician_note", "delete", {"deleted_at": [None, "x"]}, author_id="writer")
