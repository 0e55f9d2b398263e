"""Central's own audit trail (enrollment, pushes, revocation, wipes) and the enrollment throttle."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from burner_desk.central import cli, devices
from burner_desk.central.app import create_app
from burner_desk.central.db import make_engine, migrate
from burner_desk.central.guards import EnrollThrottle
from tests.central.conftest import Central, person_insert


def _actions(central: Central) -> list[str]:
    return [event["action"] for event in devices.recent_events(central.db, 100)]


def test_the_trail_names_what_happened_to_a_device_and_never_a_record(central: Central) -> None:
    desk = central.enroll("desk 7")
    insert = person_insert(desk.users[0], given_name="Canary-7Q (sample)")
    central.push(desk, [insert, insert | {"mutation_id": str(uuid.uuid4())}])
    assert devices.revoke(central.db, desk.device_id)
    assert (
        central.client.post(
            "/v1/device/wipe-confirm", json={"wiped_at": datetime.now(UTC).isoformat()}, headers=desk.headers
        ).status_code
        == 204
    )

    events = devices.recent_events(central.db, 100)

    assert [e["action"] for e in events] == [
        "enroll_code.create",
        "device.enroll",
        "sync.push",  # the desk's own account
        "sync.push",
        "device.revoke",
        "device.wipe_confirmed",
    ]
    push = events[3]
    assert push["device_id"] == str(desk.device_id)
    assert (push["applied"], push["duplicate"]) == (1, 1)
    assert "Canary-7Q" not in json.dumps(events)


def test_a_refused_code_is_on_the_trail(central: Central) -> None:
    answer = central.client.post(
        "/v1/enroll",
        json={"code": "AAAAA-BBBBB-CCCCC-DDDDD", "device_name": "stray", "user_ids": [str(uuid.uuid4())]},
    )
    assert answer.status_code == 403
    assert _actions(central) == ["device.enroll_refused"]


def test_enrollment_attempts_are_throttled_per_address(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    migrate(engine)
    client = TestClient(create_app(engine, throttle=EnrollThrottle(limit=2, window=600)))
    body = {"code": "AAAAA-BBBBB-CCCCC-DDDDD", "device_name": "stray", "user_ids": [str(uuid.uuid4())]}

    statuses = [client.post("/v1/enroll", json=body).status_code for _ in range(3)]

    assert statuses == [403, 403, 429]
    client.close()
    engine.dispose()


def test_the_events_command_prints_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert cli.main(["--db", url, "enroll-code", "--name", "Desk 9"]) == 0
    assert cli.main(["--db", url, "events", "--last", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    event = json.loads(out[-1])
    assert event["action"] == "enroll_code.create" and event["name"] == "Desk 9"
