"""One identity for one physical thing (DESIGN.md section 5a), at central: a burner phone, bag or bag item
inserted again by another desk merges into central's record (records.REINSERT rules); what still
contradicts - one phone issued to two survivors, one sign-in name held by two people - is kept and
answered with a conflict a person settles (central.contradictions)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select

from burner_desk.central import models
from burner_desk.central.db import MIGRATIONS, make_engine, migrate
from burner_desk.central.records import reinsert_conflicts
from burner_desk.domain.ids import bag_item_id, burner_phone_id, recovery_bag_id
from burner_desk.storage.models import utcnow
from tests.central.conftest import Central, Desk, mutation, now_wire

IMEI = "000000000000018"
PHONE_ID = burner_phone_id(IMEI)


def _insert(entity: str, record_id: uuid.UUID, author: uuid.UUID, **fields: Any) -> dict[str, Any]:
    """An insert as a laptop's outbox writes it: every column of the record, wire form."""
    values = {
        "id": str(record_id),
        "created_at": now_wire(),
        "created_by": str(author),
        "device_id": str(uuid.uuid4()),
        "deleted_at": None,
    } | fields
    return mutation(
        entity, record_id, "insert", {name: [None, value] for name, value in values.items()}, author
    )


def _phone(author: uuid.UUID, **fields: Any) -> dict[str, Any]:
    return _insert(
        "burner_phone",
        PHONE_ID,
        author,
        **{
            "asset_tag": "BD-0001",
            "imei": IMEI,
            "phone_number": "+17035550161",
            "carrier": "Sample Wireless",
            "status": "in_stock",
            "programmed_contacts": [{"label": "Detective", "phone": "+17035550101"}],
            "contacts_verified_at": None,
        }
        | fields,
    )


def _swap(author: uuid.UUID, encounter_id: uuid.UUID, phone_id: uuid.UUID = PHONE_ID) -> dict[str, Any]:
    return _insert(
        "phone_swap",
        uuid.uuid4(),
        author,
        encounter_id=str(encounter_id),
        burner_phone_id=str(phone_id),
        burner_issued_at=now_wire(),
        personal_make="Samplephone",
        personal_model="S1",
        personal_colour="blue",
        personal_imei="",
        personal_condition="",
        property_receipt_no=f"PR-{uuid.uuid4().hex[:8]}",
        storage_location="",
        returned_at=None,
    )


def _user(author: uuid.UUID, user_id: uuid.UUID, name: str) -> dict[str, Any]:
    return _insert(
        "user",
        user_id,
        author,
        name=name,
        display_name="Det. Sam Rivera (sample)",
        badge_no="",
        role="supervisor",
        direct_phone="",
    )


def _status(phone: str, old: str, new: str, author: uuid.UUID) -> dict[str, Any]:
    return mutation("burner_phone", uuid.UUID(phone), "update", {"status": [old, new]}, author, 1)


def _answers(central: Central, desk: Desk, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = central.push(desk, mutations)["results"]
    return results


def test_the_same_phone_imported_at_two_desks_is_one_record(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    imported_first = _phone(first.users[0])
    assert [a["status"] for a in _answers(central, first, [imported_first])] == ["applied"]
    _answers(central, first, [_status(str(PHONE_ID), "in_stock", "issued", first.users[0])])

    # the second desk's copy: made later by someone else, still in stock there
    (answer,) = _answers(central, second, [_phone(second.users[0])])

    assert answer["status"] == "duplicate" and answer["conflicts"] == []
    record = central.record("burner_phone", PHONE_ID)
    assert record["created_by"] == str(first.users[0])  # provenance stays central's
    assert record["created_at"] == imported_first["changes"]["created_at"][1]
    assert record["status"] == "issued"  # the later lifecycle value stays
    assert record["version"] == 2


def test_a_phone_described_differently_at_two_desks_is_a_conflict(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    _answers(central, first, [_phone(first.users[0])])

    (answer,) = _answers(
        central, second, [_phone(second.users[0], phone_number="+17035550199", carrier="Other Wireless")]
    )

    assert answer["status"] == "conflict"
    assert {c["field"] for c in answer["conflicts"]} == {"phone_number", "carrier"}
    assert all(c["kind"] == "field" for c in answer["conflicts"])
    assert central.record("burner_phone", PHONE_ID)["phone_number"] == "+17035550161"


def test_the_reinsert_rule_per_kind_of_record() -> None:
    held = {"status": "issued", "encounter_id": "e", "issued_at": "t", "label": "RB-01", "created_by": "a"}
    bag_copy = {
        "status": "assembled",
        "encounter_id": None,
        "issued_at": None,
        "label": "RB-01",
        "created_by": "b",
    }
    assert reinsert_conflicts("recovery_bag", bag_copy, held) == []
    issued_elsewhere = bag_copy | {"status": "issued", "encounter_id": "other", "issued_at": "t"}
    assert reinsert_conflicts("recovery_bag", issued_elsewhere, held) == ["encounter_id"]
    assert reinsert_conflicts("recovery_bag", bag_copy | {"label": "RB-1"}, held) == ["label"]
    # a kind with no lifecycle fields: only provenance may differ
    person = {"given_name": "Ada", "created_at": "then", "created_by": "a"}
    assert reinsert_conflicts("person", person | {"created_at": "now"}, person) == []
    assert reinsert_conflicts("person", person | {"given_name": "Ann"}, person) == ["given_name"]
    # an append-only event is simply there already
    assert reinsert_conflicts("contact_attempt", {"note": "x"}, {"note": "y"}) == []


def test_bag_items_merge_by_bag_and_position_and_a_different_lot_is_a_conflict(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    bag_id = recovery_bag_id("RB-01")
    bag = {"label": "RB-01", "status": "assembled", "encounter_id": None, "issued_at": None}
    item = {
        "kind": "naloxone",
        "quantity": 2,
        "description": "kit",
        "lot": "LOT-7",
        "expires_on": "2027-01-31",
    }
    for desk in (first, second):
        lot = "LOT-7" if desk is first else "LOT-8"
        answers = _answers(
            central,
            desk,
            [
                _insert("recovery_bag", bag_id, desk.users[0], **bag),
                _insert(
                    "bag_item",
                    bag_item_id(bag_id, 3),
                    desk.users[0],
                    bag_id=str(bag_id),
                    **item | {"lot": lot},
                ),
            ],
        )
        statuses = [answer["status"] for answer in answers]
        assert statuses == (["applied", "applied"] if desk is first else ["duplicate", "conflict"])
    assert [c["field"] for c in answers[1]["conflicts"]] == ["lot"]


def test_one_bag_issued_in_two_encounters_is_a_conflict(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    bag_id = recovery_bag_id("RB-02")
    bag = {"label": "RB-02", "status": "assembled", "encounter_id": None, "issued_at": None}

    def issue(desk: Desk) -> dict[str, Any]:
        encounter = str(uuid.uuid4())
        changes = {
            "status": ["assembled", "issued"],
            "encounter_id": [None, encounter],
            "issued_at": [None, now_wire()],
        }
        return mutation("recovery_bag", bag_id, "update", changes, desk.users[0])

    _answers(central, first, [_insert("recovery_bag", bag_id, first.users[0], **bag), issue(first)])
    answers = _answers(
        central, second, [_insert("recovery_bag", bag_id, second.users[0], **bag), issue(second)]
    )

    assert answers[0]["status"] == "duplicate"
    assert answers[1]["status"] == "conflict"
    assert "encounter_id" in {c["field"] for c in answers[1]["conflicts"]}


def test_one_phone_issued_to_two_survivors_is_kept_and_a_conflict(central: Central) -> None:
    first, second = central.enroll(name="desk-1"), central.enroll(name="desk-2")
    phone = str(PHONE_ID)
    first_swap = _swap(first.users[0], uuid.uuid4())
    _answers(
        central,
        first,
        [_phone(first.users[0]), first_swap, _status(phone, "in_stock", "issued", first.users[0])],
    )
    second_swap = _swap(second.users[0], uuid.uuid4())

    answers = _answers(
        central,
        second,
        [_phone(second.users[0]), second_swap, _status(phone, "in_stock", "issued", second.users[0])],
    )

    assert [a["status"] for a in answers] == ["duplicate", "conflict", "duplicate"]
    (conflict,) = answers[1]["conflicts"]
    assert conflict["kind"] == "double_issue" and conflict["field"] == "burner_phone_id"
    assert conflict["server"]["value"] == first_swap["entity_id"]
    assert conflict["client"]["value"] == phone
    assert answers[1]["version"] == 1  # the swap is kept: the survivor was given a phone
    assert central.record("phone_swap", uuid.UUID(second_swap["entity_id"]))["burner_phone_id"] == phone


def test_a_phone_back_in_stock_is_issued_again_without_a_conflict(central: Central) -> None:
    desk = central.enroll()
    author, phone = desk.users[0], str(PHONE_ID)
    _answers(
        central,
        desk,
        [_phone(author), _swap(author, uuid.uuid4()), _status(phone, "in_stock", "issued", author)],
    )
    returned = mutation("burner_phone", PHONE_ID, "update", {"status": ["issued", "returned"]}, author, 2)

    answers = _answers(central, desk, [returned, _swap(author, uuid.uuid4())])

    assert [a["status"] for a in answers] == ["applied", "applied"]


def test_the_same_swap_pushed_again_or_edited_is_no_new_conflict(central: Central) -> None:
    desk = central.enroll()
    author = desk.users[0]
    swap = _swap(author, uuid.uuid4())
    _answers(central, desk, [_phone(author), swap])
    edit = mutation(
        "phone_swap",
        uuid.UUID(swap["entity_id"]),
        "update",
        {"storage_location": ["", "locker 3"]},
        author,
        1,
    )

    answers = _answers(central, desk, [swap | {"mutation_id": str(uuid.uuid4())}, edit])

    assert [a["status"] for a in answers] == ["duplicate", "applied"]


def test_a_sign_in_name_another_user_holds_is_kept_and_a_conflict(central: Central) -> None:
    first_id, second_id = uuid.uuid4(), uuid.uuid4()
    # the desks push their own accounts below
    first = central.enroll("desk-1", users=[first_id], role=None)
    second = central.enroll("desk-2", users=[second_id], role=None)
    assert _answers(central, first, [_user(first_id, first_id, "sam.rivera")])[0]["status"] == "applied"

    (answer,) = _answers(central, second, [_user(second_id, second_id, "sam.rivera")])

    assert answer["status"] == "conflict"
    (conflict,) = answer["conflicts"]
    assert (conflict["kind"], conflict["field"]) == ("name_taken", "name")
    assert (conflict["server"]["value"], conflict["client"]["value"]) == (str(first_id), "sam.rivera")
    assert central.record("user", second_id)["name"] == "sam.rivera"  # kept: their work is valid

    rename = mutation("user", second_id, "update", {"name": ["sam.rivera", "sam.rivera2"]}, second_id, 1)
    assert _answers(central, second, [rename])[0]["status"] == "applied"
    back = mutation("user", first_id, "update", {"name": ["sam.rivera", "sam.rivera2"]}, first_id, 1)
    assert _answers(central, first, [back])[0]["conflicts"][0]["kind"] == "name_taken"


def test_a_laptop_asks_whether_a_sign_in_name_is_free(central: Central) -> None:
    user_id = uuid.uuid4()
    desk = central.enroll("desk-1", users=[user_id], role=None)  # its account pushed below
    _answers(central, desk, [_user(user_id, user_id, "morgan.ellis")])

    def taken(name: str, headers: dict[str, str] = desk.headers) -> Any:
        return central.client.get("/v1/users/sign-in-name", params={"name": name}, headers=headers)

    assert taken("morgan.ellis").json() == {"taken": True}
    assert taken("jordan.lee").json() == {"taken": False}
    assert taken("morgan.ellis", {"Authorization": "Bearer nope"}).status_code == 401
    assert taken("x" * 81).status_code == 422


@pytest.fixture
def central_before_0008(db_url: str) -> Engine:
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        command.downgrade(config, "0007")  # the PostgreSQL fixture's database comes at the newest revision
    return engine


def test_upgrading_central_indexes_the_records_it_holds(central_before_0008: Engine) -> None:
    """Migration 0008 fills both indexes from what central held before it, so a phone issued before the
    upgrade is still seen when another survivor is given it after."""
    phone, out_phone = str(uuid.uuid4()), str(uuid.uuid4())
    rows = [
        ("burner_phone", phone, {"status": "issued", "deleted_at": None}),
        ("burner_phone", out_phone, {"status": "returned", "deleted_at": None}),
        (
            "phone_swap",
            str(uuid.uuid4()),
            {"burner_phone_id": phone, "encounter_id": None, "returned_at": None, "deleted_at": None},
        ),
        (
            "phone_swap",
            str(uuid.uuid4()),
            {"burner_phone_id": out_phone, "encounter_id": None, "returned_at": None, "deleted_at": None},
        ),
        ("user", str(uuid.uuid4()), {"name": "sam.rivera", "deleted_at": None}),
        ("user", str(uuid.uuid4()), {"name": "gone.user", "deleted_at": now_wire()}),
    ]
    with central_before_0008.begin() as conn:
        conn.execute(
            insert(models.Record),
            [
                {
                    "entity": e,
                    "id": uuid.UUID(i),
                    "version": 1,
                    "fields": f,
                    "authors": {},
                    "device_id": uuid.uuid4(),
                    "updated_at": utcnow(),
                }
                for e, i, f in rows
            ],
        )

    migrate(central_before_0008)

    with central_before_0008.connect() as conn:
        issued = conn.execute(select(models.BurnerIssue.burner_phone_id)).scalars().all()
        names = conn.execute(select(models.SignInName.name)).scalars().all()
    assert [str(p) for p in issued] == [phone] and names == ["sam.rivera"]
    central_before_0008.dispose()
