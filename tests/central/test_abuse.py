"""Requests meant to hurt central, in-process, on SQLite and PostgreSQL: each gets a clear 4xx and writes
nothing it should not (the live server's own guards: tests/central/test_served.py)."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from burner_desk.central import devices, models
from burner_desk.central.app import create_app
from burner_desk.central.guards import EnrollThrottle
from burner_desk.central.push_turns import PushTurns
from burner_desk.sync import protocol
from tests.central.conftest import Central, mutation, person_insert

BIGGEST_CURSOR = 2**63 - 1  # PostgreSQL's bigint, SQLite's integer


def _push_body(mutations: list[dict[str, Any]]) -> bytes:
    return json.dumps({"mutations": mutations}).encode()


def test_a_second_batch_at_a_taken_position_gets_409_and_the_first_still_completes(central: Central) -> None:
    desk = central.enroll()
    accounts = central.written()[0]  # the desk's own
    run = uuid.uuid4().hex

    async def scenario() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(central.engine))
        async with httpx.AsyncClient(transport=transport, base_url="http://central") as client:

            async def push(position: int) -> httpx.Response:
                headers = desk.headers | {
                    "Content-Type": "application/json",
                    protocol.PUSH_SEQUENCE_HEADER: f"{run}.{position}",
                }
                body = _push_body([person_insert(desk.users[0])])
                return await client.post("/v1/sync/push", content=body, headers=headers)

            first = asyncio.create_task(push(1))  # waits for batch 0
            await asyncio.sleep(0.2)
            second = await asyncio.wait_for(push(1), 5)
            zero = await asyncio.wait_for(push(0), 10)
            return await asyncio.wait_for(first, 10), second, zero

    first, second, zero = asyncio.run(scenario())

    assert second.status_code == 409 and "Push-Sequence" in second.json()["detail"]
    assert zero.status_code == first.status_code == 200, (zero.text, first.text)
    assert [r["status"] for r in first.json()["results"]] == ["applied"]
    assert central.written()[0] == accounts + 2  # batches 0 and 1; the refused one wrote nothing


def test_a_malformed_batch_gets_422_in_its_turn_and_the_next_goes_on_at_once(central: Central) -> None:
    """A batch whose body does not parse still takes its turn (and gets its 422 there): otherwise the batch
    after it would wait out the patience for a position that never comes."""
    desk = central.enroll()
    accounts = central.written()[0]  # the desk's own
    run = uuid.uuid4().hex

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        app = create_app(central.engine, push_turns=PushTurns(patience=60))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://c") as client:

            async def push(position: int, body: bytes) -> httpx.Response:
                headers = desk.headers | {
                    "Content-Type": "application/json",
                    protocol.PUSH_SEQUENCE_HEADER: f"{run}.{position}",
                }
                return await client.post("/v1/sync/push", content=body, headers=headers)

            second = asyncio.create_task(push(1, _push_body([person_insert(desk.users[0])])))  # waits for 0
            await asyncio.sleep(0.2)
            first = await asyncio.wait_for(push(0, b'{"mutations": ['), 10)
            return first, await asyncio.wait_for(second, 10)

    first, second = asyncio.run(scenario())

    assert first.status_code == 422
    assert second.status_code == 200 and [r["status"] for r in second.json()["results"]] == ["applied"]
    assert central.written()[0] == accounts + 1


def test_cursors_out_of_range_get_422(central: Central) -> None:
    desk = central.enroll()
    central.push(desk, [person_insert(desk.users[0])])
    for cursor in (2**63, 2**64, 10**40, -1, -(2**63) - 1):
        answer = central.client.get(f"/v1/sync/changes?cursor={cursor}", headers=desk.headers)

        assert answer.status_code == 422, (cursor, answer.text)
    biggest = central.changes(desk, cursor=BIGGEST_CURSOR)
    assert biggest == {"cursor": BIGGEST_CURSOR, "items": [], "has_more": False}


def test_snapshot_page_tokens_malformed_or_out_of_range_get_422(central: Central) -> None:
    desk = central.enroll()
    central.push(desk, [person_insert(desk.users[0]) for _ in range(3)])
    first = central.client.get("/v1/sync/snapshot?limit=1", headers=desk.headers).json()
    cursor, entity, record_id = first["next_page"].split(".")
    for page in (
        "garbage",
        f"{2**63}.{entity}.{record_id}",
        f"{2**64}.{entity}.{record_id}",
        f"-1.{entity}.{record_id}",
        f"+{cursor}.{entity}.{record_id}",
        f"0{cursor}.{entity}.{record_id}",
        f"{cursor}_0.{entity}.{record_id}",
        f" {cursor}.{entity}.{record_id}",
        f"{cursor}.nothing.{record_id}",
        f"{cursor}.{entity}.{record_id.upper()}",
        f"{cursor}.{entity}.{record_id}.1",
        f"{cursor}.{entity}.{record_id}\x00",
    ):
        answer = central.client.get("/v1/sync/snapshot", params={"page": page}, headers=desk.headers)

        assert answer.status_code == 422, (page, answer.text)
        assert "page" in answer.text
    biggest = central.client.get(
        "/v1/sync/snapshot", params={"page": f"{BIGGEST_CURSOR}.{entity}.{record_id}"}, headers=desk.headers
    )
    assert biggest.status_code == 200 and biggest.json()["cursor"] == BIGGEST_CURSOR


def _enroll(central: Central, code: str, device_name: str) -> httpx.Response:
    body = {"code": code, "device_name": device_name, "user_ids": [str(uuid.uuid4())]}
    return central.client.post("/v1/enroll", json=body)


def _devices(central: Central) -> int:
    with central.db() as session:
        return session.scalar(select(func.count()).select_from(models.Device)) or 0


@pytest.mark.parametrize("name", ["Desk\x007", "Desk 7\x1b[2J", "\x7f", "Desk\x857", "Desk\r\n7"])
def test_a_device_name_with_nul_or_control_characters_is_refused(central: Central, name: str) -> None:
    code = devices.new_enrollment_code(central.db, "Desk 7 (sample)")

    refused = _enroll(central, code, name)

    assert refused.status_code == 422 and "device_name" in refused.text
    assert _devices(central) == 0
    assert _enroll(central, code, "desk-7\tlaptop").status_code == 200  # the code is still good


def test_every_free_text_field_outside_record_values_refuses_nul(central: Central) -> None:
    """The labels a request carries besides record values (which protocol.WireValue bounds): names of
    kinds and fields, ids, codes and the Push-Sequence header (the page token: the snapshot test above)."""
    desk = central.enroll(role=None)  # no account pushed: nothing written
    author = desk.users[0]
    good = person_insert(author)
    pushes = {
        "entity": good | {"entity": "per\x00son"},
        "entity_id": good | {"entity_id": good["entity_id"] + "\x00"},
        "mutation_id": good | {"mutation_id": "\x00" + good["mutation_id"][1:]},
        "author_id": good | {"author_id": str(author)[:-1] + "\x00"},
        "field name": mutation("person", uuid.uuid4(), "update", {"pho\x00ne": ["a", "b"]}, author),
    }
    for case, bad in pushes.items():
        answer = central.client.post("/v1/sync/push", content=_push_body([bad]), headers=desk.headers)

        assert answer.status_code == 422, (case, answer.text)
    enroll = {"code": "AAAAA-BBBBB\x00CCCCC-DDDDD", "device_name": "desk", "user_ids": [str(author)]}
    assert central.client.post("/v1/enroll", json=enroll).status_code == 422
    sequence = {protocol.PUSH_SEQUENCE_HEADER: f"{uuid.uuid4().hex}.0\x00"}
    answer = central.client.post("/v1/sync/push", content=_push_body([good]), headers=desk.headers | sequence)
    assert answer.status_code == 400
    assert central.written() == (0, 0, 0)


def test_the_throttle_forgets_quiet_addresses_and_remembers_at_most_its_cap() -> None:
    clock = [0.0]
    throttle = EnrollThrottle(limit=2, window=600, max_addresses=100, clock=lambda: clock[0])

    assert all(throttle.allow(f"192.0.2.{n % 250}") for n in range(2))
    for n in range(1000):
        throttle.allow(f"198.51.{n // 250}.{n % 250}")
    assert throttle.remembered() == 100  # the addresses heard from longest ago were dropped
    clock[0] += 601
    throttle.allow("203.0.113.1")
    assert throttle.remembered() == 1  # everyone else's window has passed


def test_the_throttle_counts_an_ipv6_slash_64_as_one_address() -> None:
    throttle = EnrollThrottle(limit=2, window=600)

    answers = [throttle.allow(f"2001:db8:0:1::{n:x}") for n in range(3)]

    assert answers == [True, True, False]  # one host owns a /64: a new address there is no new client
    assert throttle.allow("2001:db8:0:2::1") and throttle.allow("192.0.2.1")


@pytest.mark.parametrize("stock", [2**63, -(2**63) - 1, 10**30])
def test_a_whole_number_beyond_64_bits_is_rejected(central: Central, stock: int) -> None:
    """Every laptop's SQLite would fail to store it, and so fail its pull."""
    desk = central.enroll(role=None)  # no account pushed: nothing written
    change = mutation("handout", uuid.uuid4(), "update", {"stock": [1, stock]}, desk.users[0])

    answer = central.push(desk, [change])

    assert answer["results"][0]["status"] == "rejected"
    assert central.written()[:2] == (0, 0)
