"""Enroll -> push -> changes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid

from tests.central.conftest import Central, mutation, person_insert


def test_enroll_push_and_pull_round_trip(central: Central) -> None:
    desk, other = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    insert = person_insert(desk.users[0])
    person_id = uuid.UUID(insert["entity_id"])
    edit = mutation(
        "person", person_id, "update", {"phone": ["(703) 555-0142", "(703) 555-0199"]}, desk.users[0], 1
    )

    start = central.changes(other)["cursor"]  # after the desks' own accounts

    pushed = central.push(desk, [insert, edit])

    assert [r["status"] for r in pushed["results"]] == ["applied", "applied"]
    assert [r["version"] for r in pushed["results"]] == [1, 2]
    page = central.changes(other, cursor=start)
    assert [item["seq"] for item in page["items"]] == [start + 1, start + 2]
    assert page["cursor"] == pushed["cursor"] == start + 2 and not page["has_more"]
    newest = page["items"][-1]["row"]
    assert newest["entity"] == "person" and newest["id"] == str(person_id) and newest["version"] == 2
    assert newest["fields"]["phone"] == "(703) 555-0199"
    assert newest["fields"]["device_id"] == str(desk.device_id)  # central stamps the real origin
    assert central.changes(other, cursor=start + 2)["items"] == []
