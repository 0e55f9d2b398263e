"""Malformed, oversized and unauthorised requests: 4xx, never 5xx, nothing written. Enrollment, wipe,
snapshot paging."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from burner_desk.central import devices, models
from burner_desk.sync import protocol
from tests.central.conftest import Central, Desk, mutation, person_insert


def _push_raw(central: Central, desk: Desk, body: bytes, **headers: str) -> Any:
    return central.client.post(
        "/v1/sync/push", content=body, headers=desk.headers | {"Content-Type": "application/json"} | headers
    )


def _body(mutations: list[dict[str, Any]]) -> bytes:
    return json.dumps({"mutations": mutations}).encode()


def _malformed(desk: Desk) -> dict[str, bytes]:
    author = desk.users[0]
    good = person_insert(author)
    return {
        "not json": b'{"mutations": [',
        "wrong type": _body([good | {"base_version": "0"}]),
        "unknown key": _body([good | {"sneaky": True}]),
        "bad op": _body([good | {"op": "truncate"}]),
        "naive time": _body([good | {"created_at": "2026-01-01T00:00:00"}]),
        "empty batch": _body([]),
        "too many mutations": _body([person_insert(author) for _ in range(protocol.MAX_BATCH + 1)]),
        "huge array": _body([person_insert(author, given_name=["x"] * 100_000)]),
        "NUL byte": _body([person_insert(author, given_name="Al\x00ex")]),
        "deep nesting": b'{"mutations": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "not a number": _body(
            [mutation("incident", uuid.uuid4(), "update", {"latitude": [None, 1.5]}, author)]
        ).replace(b"1.5", b"NaN"),
        "deep value": _body([person_insert(author, given_name=[[[[["too deep"]]]]])]),
        "long text": _body([person_insert(author, given_name="x" * (protocol.MAX_TEXT + 1))]),
        "bad field name": _body(
            [mutation("person", uuid.uuid4(), "update", {"Robert'); DROP": [1, 2]}, author)]
        ),
        "old, new not a pair": _body([mutation("person", uuid.uuid4(), "update", {"phone": ["a"]}, author)]),
        "an id not in wire form": _body([good | {"entity_id": good["entity_id"].upper()}]),
        "an id in braces": _body([good | {"mutation_id": "{" + good["mutation_id"] + "}"}]),
    }


def test_malformed_push_is_refused_with_4xx_and_writes_nothing(central: Central) -> None:
    desk = central.enroll(role=None)  # no account pushed: nothing written
    for case, body in _malformed(desk).items():
        answer = _push_raw(central, desk, body)

        assert answer.status_code == 422, (case, answer.text)
        assert "Al\\u0000ex" not in answer.text and "too deep" not in answer.text  # never echoes content
    assert central.written() == (0, 0, 0)


def test_a_malformed_push_sequence_is_refused_with_400_and_writes_nothing(central: Central) -> None:
    desk = central.enroll(role=None)  # no account pushed: nothing written
    body = _body([person_insert(desk.users[0])])
    run = uuid.uuid4().hex
    for header in ("", "next", f"{run}", f"{run}.-1", f"{run}.01", f"{run.upper()}.1", f"{run}.1.2"):
        answer = _push_raw(central, desk, body, **{protocol.PUSH_SEQUENCE_HEADER: header})

        assert answer.status_code == 400, (header, answer.text)
        assert "Push-Sequence" in answer.json()["detail"]
    assert central.written() == (0, 0, 0)
    assert _push_raw(central, desk, body, **{protocol.PUSH_SEQUENCE_HEADER: f"{run}.0"}).status_code == 200


def _chunks(body: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def test_oversized_body_gets_413_before_parsing(central: Central) -> None:
    desk = central.enroll(role=None)  # no account pushed: nothing written
    body = b"x" * (protocol.MAX_BODY_BYTES + 1)

    declared = _push_raw(central, desk, body)
    streamed = central.client.post("/v1/sync/push", content=_chunks(body), headers=desk.headers)

    assert declared.status_code == streamed.status_code == 413
    assert central.written() == (0, 0, 0)


def test_unknown_and_revoked_tokens_get_a_bare_401(central: Central) -> None:
    desk = central.enroll(role=None)  # no account pushed: nothing written
    body = _body([person_insert(desk.users[0])])
    stranger = Desk(uuid.uuid4(), "not-a-token", desk.users)
    assert devices.revoke(central.db, desk.device_id)

    for who in (stranger, desk):
        for answer in (
            _push_raw(central, who, body),
            central.client.get("/v1/sync/changes?cursor=0", headers=who.headers),
            central.client.get("/v1/sync/snapshot", headers=who.headers),
        ):
            assert answer.status_code == 401 and answer.content == b""
    assert central.client.get("/v1/sync/changes").status_code == 401
    assert central.written() == (0, 0, 0)


def test_revoked_device_is_told_to_wipe_and_confirms(central: Central) -> None:
    desk, other = central.enroll(name="lost"), central.enroll(name="kept")
    assert not central.client.post("/v1/device/wipe-check", headers=desk.headers).json()["wipe"]
    devices.revoke(central.db, desk.device_id)

    check = central.client.post("/v1/device/wipe-check", headers=desk.headers)
    confirm = central.client.post(
        "/v1/device/wipe-confirm", json={"wiped_at": datetime.now(UTC).isoformat()}, headers=desk.headers
    )

    assert check.status_code == 200 and check.json() == {"wipe": True}
    assert confirm.status_code == 204
    assert central.client.post("/v1/device/wipe-check", headers=other.headers).json() == {"wipe": False}
    unknown = Desk(uuid.uuid4(), "nope", [])
    assert central.client.post("/v1/device/wipe-check", headers=unknown.headers).status_code == 401
    with central.db() as session:
        assert session.get(models.Device, desk.device_id).wiped_at is not None  # type: ignore[union-attr]


def test_enrollment_code_works_once_and_not_after_a_day(central: Central) -> None:
    code = devices.new_enrollment_code(central.db, "desk-1")
    stale = devices.new_enrollment_code(central.db, "desk-2")
    with central.db() as session, session.begin():
        session.execute(
            update(models.EnrollmentCode)
            .where(models.EnrollmentCode.name == "desk-2")
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    request = {"device_name": "desk", "user_ids": [str(uuid.uuid4())]}

    first = central.client.post("/v1/enroll", json=request | {"code": code})
    second = central.client.post("/v1/enroll", json=request | {"code": code})
    expired = central.client.post("/v1/enroll", json=request | {"code": stale})

    assert first.status_code == 200 and len(first.json()["token"]) >= 40
    assert second.status_code == expired.status_code == 403
    with central.db() as session:
        token_hashes = [d.token_hash for d in session.query(models.Device)]
    assert token_hashes and first.json()["token"] not in token_hashes  # only the hash is kept


def test_snapshot_pages_cover_every_record_with_one_cursor(central: Central) -> None:
    desk = central.enroll()
    central.push(desk, [person_insert(desk.users[0]) for _ in range(5)])
    rows: list[dict[str, Any]] = []
    cursors: set[int] = set()
    page: str | None = None
    while True:
        query = "/v1/sync/snapshot?limit=2" + (f"&page={page}" if page else "")
        answer = central.client.get(query, headers=desk.headers).json()
        rows += answer["rows"]
        cursors.add(answer["cursor"])
        page = answer["next_page"]
        if page is None:
            break

    people = [row for row in rows if row["entity"] == "person"]  # and the desk's own account
    assert len(rows) == 6 and len({row["id"] for row in people}) == 5
    assert cursors == {6}
    bad = central.client.get("/v1/sync/snapshot?page=garbage", headers=desk.headers)
    assert bad.status_code == 422


def test_bad_query_parameters_are_4xx(central: Central) -> None:
    desk = central.enroll()
    for query in ("cursor=-1", "cursor=abc", f"limit={protocol.MAX_PAGE + 1}", "limit=0"):
        assert central.client.get(f"/v1/sync/changes?{query}", headers=desk.headers).status_code == 422


def test_health(central: Central) -> None:
    assert central.client.get("/v1/health").json() == {"status": "ok", "protocol": protocol.PROTOCOL_VERSION}


def test_last_seen_is_kept_to_the_minute_without_a_write_per_request(central: Central) -> None:
    desk = central.enroll()

    def last_seen() -> datetime:
        with central.db() as session:
            seen = session.scalar(select(models.Device.last_seen).where(models.Device.id == desk.device_id))
        assert seen is not None
        return seen

    central.changes(desk)
    first = last_seen()
    central.changes(desk)
    assert last_seen() == first  # moments later: not written again
    with central.db() as session, session.begin():
        session.execute(update(models.Device).values(last_seen=first - timedelta(minutes=2)))
    central.changes(desk)
    assert last_seen() > first
