"""The change feed under concurrent writers (DESIGN.md section 5): a reader polling the cursor while
several desks push at once, each over its own connection, sees every change exactly once."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from burner_desk.central import devices, models
from burner_desk.central.db import make_engine
from tests.central.conftest import Central, Desk, mutation, person_insert

WRITERS = 6
BATCHES = 8
BATCH_SIZE = 10


@pytest.fixture
def pg_central(postgres_url: str) -> Iterator[Central]:
    engine = make_engine(postgres_url)
    yield Central(engine)
    engine.dispose()


def test_reader_polling_the_cursor_sees_every_row_exactly_once(pg_central: Central) -> None:
    central = pg_central
    desks = [central.enroll(name=f"desk-{n}") for n in range(WRITERS)]
    reader_desk = central.enroll(name="reader")
    shared = person_insert(desks[0].users[0])  # every writer also edits one shared record: row locks
    central.push(desks[0], [shared])
    shared_id = uuid.UUID(shared["entity_id"])
    writers_done = threading.Event()
    seen: list[int] = []
    failures: list[BaseException] = []

    def write(n: int) -> None:
        desk = desks[n]
        try:
            with TestClient(central.client.app) as client:
                phone = shared["changes"]["phone"][1]
                for batch in range(BATCHES):
                    mutations = [person_insert(desk.users[0]) for _ in range(BATCH_SIZE - 1)]
                    # applies while nobody else got there first, else is a conflict: both contend for the row
                    edit = {"phone": [phone, f"(703) 555-{n}{batch:03d}"]}
                    phone = edit["phone"][1]
                    mutations.append(mutation("person", shared_id, "update", edit, desk.users[0], 1))
                    answer = client.post("/v1/sync/push", json={"mutations": mutations}, headers=desk.headers)
                    assert answer.status_code == 200, answer.text
        except BaseException as exc:
            failures.append(exc)

    def read() -> None:
        cursor = 0
        try:
            with TestClient(central.client.app) as client:
                while True:
                    finished = writers_done.is_set()  # read before polling: one more full pass after
                    page = client.get(
                        f"/v1/sync/changes?cursor={cursor}&limit=37", headers=reader_desk.headers
                    )
                    body = page.json()
                    seen.extend(item["seq"] for item in body["items"])
                    cursor = body["cursor"]
                    if finished and not body["has_more"]:
                        return
        except BaseException as exc:
            failures.append(exc)

    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    reader.join()

    assert not failures, failures
    with central.db() as session:
        all_changes = list(session.execute(select(models.Change.seq).order_by(models.Change.seq)).scalars())
        clock = session.scalar(select(models.SyncClock.seq))
        records = session.scalar(
            select(func.count()).select_from(models.Record).where(models.Record.entity == "person")
        )
    assert records == 1 + WRITERS * BATCHES * (BATCH_SIZE - 1)
    assert len(all_changes) > records  # the shared record's edits are changes too
    assert seen == all_changes == list(range(1, clock + 1))  # in order, no gaps, none twice
    assert not [seq for seq, count in Counter(seen).items() if count > 1]


def test_the_same_records_inserted_by_two_desks_at_once_are_written_once(pg_central: Central) -> None:
    """Two desks race to insert the same records: one batch wins, the other loses on the record key,
    is applied again against what the winner wrote, and finds nothing new."""
    central = pg_central
    user = uuid.uuid4()
    desks = [central.enroll(name=f"desk-{n}", users=[user]) for n in range(2)]
    assert devices.approve_user(central.db, desks[1].device_id, user)  # the second desk's claim
    before = central.written()
    batch = {"mutations": [person_insert(user) for _ in range(40)]}
    answers: list[dict[str, Any]] = []
    start = threading.Barrier(2)

    def send(desk: Desk) -> None:
        with TestClient(central.client.app) as client:
            start.wait()
            answers.append(client.post("/v1/sync/push", json=batch, headers=desk.headers).json())

    senders = [threading.Thread(target=send, args=(desk,)) for desk in desks]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()

    per_desk = sorted(sorted({result["status"] for result in answer["results"]}) for answer in answers)
    assert per_desk == [["applied"], ["duplicate"]]
    assert central.written() == (before[0] + 40, before[1] + 40, before[2] + 80)
