"""Conflict rules per kind of record (DESIGN.md section 5), replays and reordered batches."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from burner_desk.central import models
from burner_desk.central.records import merge
from burner_desk.domain.people import Role
from burner_desk.sync.protocol import Mutation
from tests.central.conftest import Central, Desk, mutation, now_wire, person_insert

PHONE = "(703) 555-0142"


def _person(central: Central, desk: Desk) -> uuid.UUID:
    insert = person_insert(desk.users[0], phone=PHONE)
    assert central.push(desk, [insert])["results"][0]["status"] == "applied"
    return uuid.UUID(insert["entity_id"])


def _follow_up(central: Central, desk: Desk) -> uuid.UUID:
    follow_up_id = uuid.uuid4()
    values = {
        "id": str(follow_up_id),
        "created_at": now_wire(),
        "created_by": str(desk.users[0]),
        "device_id": None,
        "deleted_at": None,
        "encounter_id": str(uuid.uuid4()),
        "person_id": str(uuid.uuid4()),
        "due_at": now_wire(),
        "assignee_id": None,
        "state": "open",
        "closed_at": None,
    }
    changes = {name: [None, value] for name, value in values.items()}
    assert central.push(desk, [mutation("follow_up", follow_up_id, "insert", changes, desk.users[0])])
    return follow_up_id


def _statuses(answer: dict[str, Any]) -> list[str]:
    return [result["status"] for result in answer["results"]]


def test_replayed_batch_gets_the_same_answer_and_changes_nothing(central: Central) -> None:
    desk = central.enroll()
    person_id = _person(central, desk)
    batch = [
        mutation("person", person_id, "update", {"phone": [PHONE, "(703) 555-0100"]}, desk.users[0], 1),
        person_insert(desk.users[0]),
        mutation("person", person_id, "update", {"given_name": ["Alex (sample)", 1]}, desk.users[0], 1),
    ]
    first = central.push(desk, batch)
    written = central.written()

    again = central.push(desk, batch)

    assert _statuses(first) == ["applied", "applied", "rejected"]
    assert again == first
    assert central.written() == written
    assert central.record("person", person_id)["version"] == 2


def test_a_batch_mixing_answered_mutations_and_held_records_with_new_ones_is_answered_in_full(
    central: Central,
) -> None:
    """A push first assumes a batch is new (central.push.push); a replayed mutation or an insert of a
    record central holds must still get the looked-up answer, and nothing is written twice."""
    desk = central.enroll()
    records, changes, answers = central.written()  # the desk's own account
    insert = person_insert(desk.users[0])
    first = central.push(desk, [insert])["results"][0]
    copy_elsewhere = insert | {"mutation_id": str(uuid.uuid4())}  # the same record by another route
    new = person_insert(desk.users[0])

    answer = central.push(desk, [insert, copy_elsewhere, new])["results"]

    assert first["status"] == "applied"
    assert answer[0] == first
    assert [result["status"] for result in answer[1:]] == ["duplicate", "applied"]
    assert central.written() == (records + 2, changes + 2, answers + 3)


def test_reordered_batches_converge_to_the_in_order_result(central: Central) -> None:
    desk = central.enroll()
    before = central.written()
    insert = person_insert(desk.users[0], phone=PHONE)
    person_id = uuid.UUID(insert["entity_id"])
    later = [mutation("person", person_id, "update", {"phone": [PHONE, "(703) 555-0100"]}, desk.users[0], 1)]

    overtaking = central.push(desk, later)
    assert _statuses(overtaking) == ["deferred"]
    assert central.written() == before  # a deferred mutation is not remembered: it must come again

    assert _statuses(central.push(desk, [insert])) == ["applied"]
    assert _statuses(central.push(desk, later)) == ["applied"]
    assert central.record("person", person_id)["phone"] == "(703) 555-0100"


def _stale_phone_edit(insert: dict[str, Any], author: uuid.UUID) -> dict[str, Any]:
    """An edit of the inserted person's phone from a value it never had: a conflict on central."""
    return mutation(
        "person",
        uuid.UUID(insert["entity_id"]),
        "update",
        {"phone": ["(703) 555-0199", "(703) 555-0111"]},
        author,
        1,
    )


def test_a_conflict_on_a_field_set_when_the_record_was_made_names_who_made_it(central: Central) -> None:
    """A new record keeps one author stamp for all its fields (records.INSERT_STAMP); a conflict on a
    field nobody has changed since still names its maker and when."""
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    insert = person_insert(first.users[0], phone=PHONE)
    central.push(first, [insert])
    stale = _stale_phone_edit(insert, second.users[0])

    (conflict,) = central.push(second, [stale])["results"][0]["conflicts"]

    assert conflict["server"]["value"] == PHONE
    assert conflict["server"]["by"] == str(first.users[0])
    assert datetime.fromisoformat(conflict["server"]["at"]) == datetime.fromisoformat(insert["created_at"])


def test_a_conflict_with_a_record_made_earlier_in_the_same_push_names_who_made_it(central: Central) -> None:
    """Within a push, a record's authors are still in memory (the stamp's time not yet encoded)."""
    desk = central.enroll(name="desk-1")
    insert = person_insert(desk.users[0], phone=PHONE)
    stale = _stale_phone_edit(insert, desk.users[0])

    results = central.push(desk, [insert, stale])["results"]

    (conflict,) = results[1]["conflicts"]
    assert conflict["server"]["by"] == str(desk.users[0])
    assert datetime.fromisoformat(conflict["server"]["at"]) == datetime.fromisoformat(insert["created_at"])


def test_authors_kept_field_by_field_before_the_shared_stamp_are_still_read() -> None:
    """Records central stored before INSERT_STAMP keep one stamp per field; a conflict reads them too."""
    maker, editor = uuid.uuid4(), uuid.uuid4()
    made_at = "2026-01-05T10:00:00+00:00"
    record_id = uuid.uuid4()
    stale = Mutation.model_validate_json(
        json.dumps(
            mutation(
                "person", record_id, "update", {"phone": ["(703) 555-0199", "(703) 555-0111"]}, editor, 1
            )
        )
    )

    outcome = merge(
        stale, {"id": str(record_id), "phone": PHONE}, {"phone": {"by": str(maker), "at": made_at}}
    )

    (conflict,) = outcome.conflicts
    assert (conflict.server.value, conflict.server.by) == (PHONE, maker)
    assert conflict.server.at == datetime.fromisoformat(made_at)


def test_same_field_changed_on_two_desks_keeps_central_value_and_reports_both(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    person_id = _person(central, first)
    mine = mutation("person", person_id, "update", {"phone": [PHONE, "(703) 555-0111"]}, first.users[0], 1)
    theirs = mutation(
        "person",
        person_id,
        "update",
        {"phone": [PHONE, "(703) 555-0122"], "address": ["", "100 King St (sample)"]},
        second.users[0],
        1,
    )
    central.push(first, [mine])

    answer = central.push(second, [theirs])["results"][0]

    assert answer["status"] == "conflict" and answer["version"] == 3
    (conflict,) = answer["conflicts"]
    assert conflict["field"] == "phone"
    assert conflict["server"]["value"] == "(703) 555-0111"
    assert conflict["server"]["by"] == str(first.users[0]) and conflict["server"]["at"] is not None
    assert conflict["client"]["value"] == "(703) 555-0122" and conflict["client"]["by"] == str(
        second.users[0]
    )
    assert datetime.fromisoformat(conflict["client"]["at"]) == datetime.fromisoformat(theirs["created_at"])
    record = central.record("person", person_id)
    assert record["phone"] == "(703) 555-0111"  # central keeps its value until a person picks
    assert record["address"] == "100 King St (sample)"  # the field nobody else touched merges


def _follow_up_desks(central: Central) -> tuple[Desk, Desk]:
    """Two treatment-program desks of social workers (the follow-up itself a detective's desk makes)."""
    return (
        central.enroll(name="sw-1", role=Role.SOCIAL_WORKER, treatment_program=True),
        central.enroll(name="sw-2", role=Role.SOCIAL_WORKER, treatment_program=True),
    )


def test_terminal_follow_up_state_wins_whichever_arrives_first(central: Central) -> None:
    social_worker, other = _follow_up_desks(central)
    follow_up_id = _follow_up(central, central.enroll(name="det", role=Role.DETECTIVE))

    def move(desk: Desk, new: str) -> dict[str, Any]:
        change = mutation("follow_up", follow_up_id, "update", {"state": ["open", new]}, desk.users[0], 1)
        result: dict[str, Any] = central.push(desk, [change])["results"][0]
        return result

    assert move(social_worker, "engaged")["status"] == "applied"
    assert move(other, "reached")["status"] == "duplicate"  # never moves back from terminal
    assert central.record("follow_up", follow_up_id)["state"] == "engaged"
    clash = move(other, "declined")  # two different outcomes: a person settles it
    assert clash["status"] == "conflict" and clash["conflicts"][0]["server"]["value"] == "engaged"
    # the person keeps the other desk's outcome: a change made from central's value, so it stands
    settled = mutation(
        "follow_up", follow_up_id, "update", {"state": ["engaged", "declined"]}, other.users[0]
    )
    assert _statuses(central.push(other, [settled])) == ["applied"]
    assert central.record("follow_up", follow_up_id)["state"] == "declined"


def test_a_conflict_tells_a_police_device_no_outcome(central: Central) -> None:
    """Part 2 (central.disclosure): the answer to a police device's clashing change carries central's
    value as that device may see it, "closed", not the program's outcome."""
    social_worker = central.enroll(name="sw", role=Role.SOCIAL_WORKER, treatment_program=True)
    detective = central.enroll(name="det", role=Role.DETECTIVE)
    follow_up_id = _follow_up(central, detective)
    engaged = mutation(
        "follow_up", follow_up_id, "update", {"state": ["open", "engaged"]}, social_worker.users[0], 1
    )
    assert _statuses(central.push(social_worker, [engaged])) == ["applied"]

    closed = mutation(
        "follow_up", follow_up_id, "update", {"state": ["open", "closed"]}, detective.users[0], 1
    )
    (clash,) = central.push(detective, [closed])["results"]

    assert clash["status"] == "conflict"
    assert clash["conflicts"][0]["server"]["value"] == "closed"
    assert central.record("follow_up", follow_up_id)["state"] == "engaged"
    (replayed,) = central.push(detective, [closed])["results"]  # the same answer, remembered
    assert replayed["conflicts"][0]["server"]["value"] == "closed"


def test_terminal_state_overrides_an_earlier_non_terminal_one(central: Central) -> None:
    social_worker, other = _follow_up_desks(central)
    follow_up_id = _follow_up(central, central.enroll(name="det", role=Role.DETECTIVE))
    reached = mutation(
        "follow_up", follow_up_id, "update", {"state": ["open", "reached"]}, social_worker.users[0], 1
    )
    declined = mutation(
        "follow_up", follow_up_id, "update", {"state": ["open", "declined"]}, other.users[0], 1
    )

    assert _statuses(central.push(social_worker, [reached])) == ["applied"]
    assert _statuses(central.push(other, [declined])) == ["applied"]
    assert central.record("follow_up", follow_up_id)["state"] == "declined"


def test_edit_after_delete_is_a_conflict_not_a_resurrection(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    person_id = _person(central, first)
    deleted_at = now_wire()
    delete = mutation("person", person_id, "delete", {"deleted_at": [None, deleted_at]}, first.users[0], 1)
    edit = mutation("person", person_id, "update", {"phone": [PHONE, "(703) 555-0133"]}, second.users[0], 1)

    assert _statuses(central.push(first, [delete])) == ["applied"]
    answer = central.push(second, [edit])["results"][0]

    assert answer["status"] == "conflict"
    assert answer["conflicts"][0]["field"] == "deleted_at"
    assert answer["conflicts"][0]["server"]["value"] == deleted_at
    record = central.record("person", person_id)
    assert record["deleted_at"] == deleted_at and record["phone"] == PHONE


def test_events_are_append_only(central: Central) -> None:
    desk = central.enroll()
    attempt_id = uuid.uuid4()
    edit = mutation("contact_attempt", attempt_id, "update", {"note": ["", "changed"]}, desk.users[0], 1)

    answer = central.push(desk, [edit])["results"][0]

    assert answer["status"] == "rejected" and "append-only" in answer["reason"]


def test_a_device_writes_only_as_its_own_users(central: Central) -> None:
    desk, other = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    before = central.written()
    as_stranger = person_insert(other.users[0])
    created_by_stranger = person_insert(desk.users[0], created_by=str(other.users[0]))

    answer = central.push(desk, [as_stranger, created_by_stranger])

    assert _statuses(answer) == ["rejected", "rejected"]
    assert "not a user enrolled with this device" in answer["results"][0]["reason"]
    assert "created_by" in answer["results"][1]["reason"]
    assert central.written()[:2] == before[:2]


def test_fields_are_checked_against_the_laptop_schema(central: Central) -> None:
    desk = central.enroll()
    author = desk.users[0]
    person_id = _person(central, desk)
    refused = {
        "unknown kind of record": mutation("spaceship", person_id, "update", {"name": ["a", "b"]}, author, 1),
        "unknown field": mutation("person", person_id, "update", {"shoe_size": [1, 2]}, author, 1),
        "must be text": mutation("person", person_id, "update", {"phone": [PHONE, 42]}, author, 1),
        "longer than 20": mutation("person", person_id, "update", {"phone": [PHONE, "5" * 21]}, author, 1),
        "wire form": mutation(
            "person", person_id, "update", {"date_of_birth": [None, "next tuesday"]}, author, 1
        ),
        "may not be empty": mutation(
            "person", person_id, "update", {"family_name": ["Doe", None]}, author, 1
        ),
        "lacks": mutation("person", uuid.uuid4(), "insert", {"given_name": [None, "A"]}, author),
    }

    results = central.push(desk, list(refused.values()))["results"]

    for expected, result in zip(refused, results, strict=True):
        assert result["status"] == "rejected" and expected in result["reason"], result
    assert central.record("person", person_id)["version"] == 1


def test_a_push_stamps_the_rows_it_writes_with_the_time_it_ran(central: Central) -> None:
    """Central writes its rows in bulk (central.db.insert_rows, update_rows), each time value bound once
    per batch: inserted and updated records, answers and feed entries all carry the push's own time."""
    desk = central.enroll()
    person_id = _person(central, desk)
    started = datetime.now(UTC)
    update = mutation("person", person_id, "update", {"phone": [PHONE, "(703) 555-0100"]}, desk.users[0], 1)
    central.push(desk, [update, person_insert(desk.users[0])])
    ended = datetime.now(UTC)

    with central.db() as session:
        newest = {
            "record": session.scalars(select(models.Record.updated_at)).all(),
            "answer": session.scalars(select(models.AppliedMutation.applied_at)).all(),
            "feed": session.scalars(select(models.Change.at)).all(),
        }
    for table, times in newest.items():
        assert sum(started <= at <= ended for at in times) == 2, table
