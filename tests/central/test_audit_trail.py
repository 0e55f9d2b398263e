"""Central keeps each laptop's audit trail and checks every push continues it (central.audit_trail).

The laptop's side is in tests/sync/test_audit_trail.py; here chains are built by hand (storage.audit_seal)
so each kind of break can be sent exactly."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from burner_desk.central import audit_trail, cli, devices, models
from burner_desk.storage import audit_seal
from burner_desk.storage.audit_seal import GENESIS, AuditFields
from burner_desk.sync import protocol
from tests.central.conftest import Central, Desk, mutation

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@dataclass
class Chain:
    """A laptop's audit chain as storage.audit writes it: HMAC-chained under the laptop's own key and
    sealed from `seal_key` on, the key moving forward with each event."""

    chain_key: bytes = field(default_factory=audit_seal.new_key)
    first_seal_key: bytes = field(default_factory=audit_seal.new_key)
    events: list[dict[str, Any]] = field(default_factory=list)

    def seal_start(self) -> dict[str, Any]:
        return {"seq": 1, "key": self.first_seal_key.hex()}

    def append(self, action: str = "person.view", **changes: Any) -> dict[str, Any]:
        seq = len(self.events) + 1
        prev = self.events[-1]["hash"] if self.events else GENESIS
        fields = AuditFields(
            seq=seq,
            at=(T0 + timedelta(seconds=seq)).isoformat(),
            user_id=str(uuid.uuid4()),
            device_id=str(uuid.uuid4()),
            action=action,
            entity="person",
            entity_id=str(uuid.uuid4()),
            outcome="ok",
            event_id=str(uuid.uuid4()),
        )
        fields = replace(fields, **changes)
        message = audit_seal.chain_message(prev, fields)
        digest = hmac.new(self.chain_key, message, hashlib.sha256).hexdigest()
        seal, _ = audit_seal.seal(audit_seal.advance(self.first_seal_key, seq - 1), message, digest)
        self.events.append(_wire(fields, prev, digest, seal))
        return self.events[-1]

    def grow(self, count: int) -> Chain:
        for _ in range(count):
            self.append()
        return self

    def back_to(self, seq: int) -> Chain:
        """The chain as it was at `seq` (a restored backup): the same keys, later events gone."""
        return Chain(self.chain_key, self.first_seal_key, self.events[:seq])

    def push(self, central: Central, desk: Desk, after: int, upto: int | None = None) -> dict[str, Any]:
        upto = len(self.events) if upto is None else upto
        return push_raw(central, desk, request(after, self.events[after:upto], self.events))


def _wire(fields: AuditFields, prev: str, digest: str, seal: str | None) -> dict[str, Any]:
    return {
        "seq": fields.seq,
        "id": fields.event_id,
        "at": fields.at,
        "user_id": fields.user_id or None,
        "device_id": fields.device_id or None,
        "action": fields.action,
        "entity": fields.entity,
        "entity_id": fields.entity_id or None,
        "outcome": fields.outcome,
        "prev_hash": prev,
        "hash": digest,
        "seal": seal,
    }


def request(after: int, events: list[dict[str, Any]], whole: list[dict[str, Any]]) -> dict[str, Any]:
    newest = whole[-1] if whole else None
    return {
        "after": after,
        "events": events,
        "head_seq": newest["seq"] if newest else 0,
        "head_hash": newest["hash"] if newest else GENESIS,
    }


def push_raw(central: Central, desk: Desk, body: dict[str, Any]) -> dict[str, Any]:
    answer = central.client.post("/v1/audit/push", json=body, headers=desk.headers)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def enrolled(central: Central, chain: Chain, name: str = "desk") -> Desk:
    code = devices.new_enrollment_code(central.db, name)
    user = uuid.uuid4()
    answer = central.client.post(
        "/v1/enroll",
        json={"code": code, "device_name": name, "user_ids": [str(user)], "audit_seal": chain.seal_start()},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Desk(uuid.UUID(body["device_id"]), body["token"], [user])


def current_chain(central: Central, desk: Desk) -> list[tuple[int, str]]:
    with central.db() as session:
        rows = session.execute(
            select(models.AuditTrailEvent.seq, models.AuditTrailEvent.hash)
            .where(
                models.AuditTrailEvent.device_id == desk.device_id,
                models.AuditTrailEvent.superseded_at.is_(None),
            )
            .order_by(models.AuditTrailEvent.seq)
        )
        return [(row.seq, row.hash) for row in rows]


def stored_rows(central: Central) -> int:
    with central.db() as session:
        return session.scalar(select(func.count()).select_from(models.AuditTrailEvent)) or 0


def breaks(central: Central) -> list[dict[str, Any]]:
    return [e for e in devices.recent_events(central.db, 1000) if e["action"] == "audit.break"]


def of(chain: Chain, *seqs: int) -> list[tuple[int, str]]:
    return [(event["seq"], event["hash"]) for event in chain.events if event["seq"] in seqs]


# --- a laptop whose chain continues -------------------------------------------------------------


def test_pushes_continue_the_chain_and_a_resend_is_kept_once(central: Central) -> None:
    chain = Chain().grow(5)
    desk = enrolled(central, chain)

    assert chain.push(central, desk, after=0, upto=3) == {"acknowledged": 3, "breaks": []}
    assert chain.push(central, desk, after=3) == {"acknowledged": 5, "breaks": []}
    assert chain.push(central, desk, after=3) == {"acknowledged": 5, "breaks": []}  # answer lost: resent
    chain.grow(2)
    assert chain.push(central, desk, after=5) == {"acknowledged": 7, "breaks": []}
    assert chain.push(central, desk, after=7) == {"acknowledged": 7, "breaks": []}  # nothing new

    assert current_chain(central, desk) == of(chain, *range(1, 8))
    assert stored_rows(central) == 7
    pushes = [e for e in devices.recent_events(central.db, 100) if e["action"] == "audit.push"]
    assert [(p["first_seq"], p["last_seq"], p["duplicates"]) for p in pushes] == [
        (1, 3, 0),
        (4, 5, 0),
        (None, None, 2),
        (6, 7, 0),
    ]
    assert breaks(central) == []


def test_events_from_before_the_enrollment_are_checked_for_continuity_only(central: Central) -> None:
    chain = Chain().grow(4)
    start = {"seq": 3, "key": audit_seal.advance(chain.first_seal_key, 2).hex()}
    code = devices.new_enrollment_code(central.db, "desk")
    answer = central.client.post(
        "/v1/enroll",
        json={"code": code, "device_name": "desk", "user_ids": [str(uuid.uuid4())], "audit_seal": start},
    )
    desk = Desk(uuid.UUID(answer.json()["device_id"]), answer.json()["token"], [])
    chain.events[0]["seal"] = None  # written before the vault had seals
    chain.events[1]["seal"] = "0" * 64  # whatever it holds, nobody can check it

    assert chain.push(central, desk, after=0) == {"acknowledged": 4, "breaks": []}
    (sealed,) = [e for e in devices.recent_events(central.db, 10) if e["action"] == "audit.sealed"]
    assert sealed["from_seq"] == 3


def test_a_device_enrolled_before_central_kept_audit_trails_is_checked_for_continuity(
    central: Central,
) -> None:
    desk = central.enroll("old desk")  # no seal handed over
    with central.db() as session, session.begin():
        session.execute(models.AuditTrailHead.__table__.delete())
    chain = Chain().grow(3)
    chain.events[2]["seal"] = None

    assert chain.push(central, desk, after=0) == {"acknowledged": 3, "breaks": []}


# --- breaks ---------------------------------------------------------------------------------------


def test_a_seal_that_is_not_the_laptops_is_flagged_and_the_event_kept(central: Central) -> None:
    chain = Chain().grow(3)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0)
    chain.grow(3)
    forger = audit_seal.new_key()  # what someone holding only a later key can make
    for event in chain.events[3:5]:
        message = audit_seal.chain_message(event["prev_hash"], _fields(event))
        event["seal"], forger = audit_seal.seal(forger, message, event["hash"])

    answer = chain.push(central, desk, after=3)

    assert answer == {"acknowledged": 6, "breaks": [{"kind": "seal", "seq": 4, "count": 2}]}
    assert current_chain(central, desk) == of(chain, *range(1, 7))
    assert [(b["kind"], b["seq"], b["count"]) for b in breaks(central)] == [("seal", 4, 2)]


def test_a_missing_seal_after_the_enrollment_is_flagged(central: Central) -> None:
    chain = Chain().grow(2)
    desk = enrolled(central, chain)
    chain.events[1]["seal"] = None

    assert chain.push(central, desk, after=0)["breaks"] == [{"kind": "seal", "seq": 2, "count": 1}]


def test_a_gap_is_flagged_and_the_events_after_it_kept(central: Central) -> None:
    chain = Chain().grow(7)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0, upto=3)
    holed = chain.events[:3] + chain.events[5:]

    answer = push_raw(central, desk, request(3, holed[3:], holed))

    assert answer == {"acknowledged": 7, "breaks": [{"kind": "gap", "seq": 4, "count": 1}]}
    assert current_chain(central, desk) == of(chain, 1, 2, 3, 6, 7)
    assert {"kind": "gap", "seq": 4, "missing": 2}.items() <= breaks(central)[0].items()


def test_a_chain_that_went_back_to_a_backup_is_a_truncation_and_goes_on_from_there(central: Central) -> None:
    chain = Chain().grow(8)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0)
    restored = chain.back_to(5)

    answer = restored.push(central, desk, after=5)  # nothing new: only its newest event tells

    assert answer == {"acknowledged": 5, "breaks": [{"kind": "truncation", "seq": 6, "count": 1}]}
    assert current_chain(central, desk) == of(chain, 1, 2, 3, 4, 5)
    assert stored_rows(central) == 8  # events 6..8 kept, superseded
    restored.grow(2)
    assert restored.push(central, desk, after=5) == {"acknowledged": 7, "breaks": []}
    assert [(b["kind"], b["seq"], b["dropped"]) for b in breaks(central)] == [("truncation", 6, 3)]


def test_a_backup_restored_then_written_to_is_a_rewrite_whose_seals_hold(central: Central) -> None:
    chain = Chain().grow(8)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0)
    restored = chain.back_to(5)
    restored.append("session.sign_in")  # event 6 again, another one

    answer = restored.push(central, desk, after=3)  # the backup's own position: 4 and 5 resent

    assert answer == {"acknowledged": 6, "breaks": [{"kind": "rewrite", "seq": 6, "count": 1}]}
    assert current_chain(central, desk) == of(restored, *range(1, 7))
    (found,) = breaks(central)
    # The new event 6 is sealed with the laptop's own key: it went back to an earlier state of itself
    assert (found["kind"], found["seq"], found["located"], found["sealed"]) == ("rewrite", 6, True, True)
    with central.db() as session:
        superseded = session.scalars(
            select(models.AuditTrailEvent.seq).where(models.AuditTrailEvent.superseded_at.is_not(None))
        ).all()
    assert sorted(superseded) == [6, 7, 8]


def test_a_rewrite_before_what_was_pushed_is_found_by_asking_for_the_whole_chain(central: Central) -> None:
    chain = Chain().grow(6)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0)
    # Event 3 edited and the chain made again with the chain key (so `verify` passes), sealed with a key
    # that is not the one that sealed event 3
    forged = Chain(chain.chain_key, audit_seal.new_key(), [dict(event) for event in chain.events[:2]])
    for event in chain.events[2:]:
        kept = {name: value for name, value in asdict(_fields(event)).items() if name != "seq"}
        forged.append(**kept | ({"action": "person.print"} if event["seq"] == 3 else {}))
    forged.append()

    asked = forged.push(central, desk, after=6)
    assert asked == {"acknowledged": 0, "breaks": [{"kind": "rewrite", "seq": 6, "count": 1}]}
    assert stored_rows(central) == 6  # nothing kept from a push central cannot place
    found = forged.push(central, desk, after=0)

    assert found["acknowledged"] == 7
    assert found["breaks"] == [
        {"kind": "rewrite", "seq": 3, "count": 1},
        {"kind": "seal", "seq": 3, "count": 5},
    ]
    assert current_chain(central, desk) == of(chain, 1, 2) + of(forged, 3, 4, 5, 6, 7)
    assert [(b["kind"], b["seq"], b["located"]) for b in breaks(central)[:2]] == [
        ("rewrite", 6, False),
        ("rewrite", 3, True),
    ]
    with central.db() as session:
        original = session.scalar(
            select(models.AuditTrailEvent.action).where(
                models.AuditTrailEvent.seq == 3, models.AuditTrailEvent.superseded_at.is_not(None)
            )
        )
    assert original == "person.view"  # what the laptop first said is kept


def test_central_behind_what_it_acknowledged_asks_for_the_events_again(central: Central) -> None:
    chain = Chain().grow(6)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0, upto=2)

    assert chain.push(central, desk, after=4) == {"acknowledged": 2, "breaks": []}
    assert stored_rows(central) == 2
    assert chain.push(central, desk, after=2) == {"acknowledged": 6, "breaks": []}


# --- what central refuses ------------------------------------------------------------------------


def _one_event(**changes: Any) -> dict[str, Any]:
    event = Chain().append()
    return request(0, [event | changes], [event | changes])


@pytest.mark.parametrize(
    "body",
    [
        _one_event(action="person.\x00view"),
        _one_event(action="person\x1fview"),  # the chain's field separator
        _one_event(entity="x" * 41),
        _one_event(at="2026-11-27T09:00:00.000000+00:00"),  # not the isoformat the chain covers
        _one_event(at="2026-11-27T10:00:00+01:00"),
        _one_event(seq=2**63),
        _one_event(hash="F" * 64),
        _one_event(id="not-a-uuid"),
        _one_event(surprise=1),
        request(0, [_twice := Chain().append(), _twice], [_twice]),  # seqs not increasing
        {"after": 0, "events": [], "head_seq": 3, "head_hash": GENESIS},  # events it does not send
        {"after": -1, "events": [], "head_seq": 0, "head_hash": GENESIS},
    ],
    ids=[
        "nul",
        "separator",
        "long-entity",
        "time-form",
        "time-zone",
        "seq-too-large",
        "hash-case",
        "id",
        "unknown-key",
        "order",
        "head-without-events",
        "negative-after",
    ],
)
def test_a_malformed_push_is_refused_and_changes_nothing(central: Central, body: dict[str, Any]) -> None:
    desk = enrolled(central, Chain())

    answer = central.client.post("/v1/audit/push", json=body, headers=desk.headers)

    assert answer.status_code == 422
    assert stored_rows(central) == 0


def test_a_push_without_a_device_token_gets_401(central: Central) -> None:
    body = request(0, [], [])
    assert central.client.post("/v1/audit/push", json=body).status_code == 401
    assert (
        central.client.post("/v1/audit/push", json=body, headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )


def test_seal_checks_stop_at_the_budget(central: Central, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_trail, "SEAL_STEP_BUDGET", 3)
    chain = Chain().grow(5)
    desk = enrolled(central, chain)
    chain.events[4]["seal"] = "0" * 64  # past the budget: not checked, not flagged

    assert chain.push(central, desk, after=0) == {"acknowledged": 5, "breaks": []}


def test_the_events_command_shows_the_audit_trail_and_its_breaks(
    central: Central, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = Chain().grow(4)
    desk = enrolled(central, chain)
    chain.push(central, desk, after=0)
    chain.back_to(2).push(central, desk, after=4)

    assert cli.main(["--db", db_url, "events", "--last", "3"]) == 0

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["action"], e.get("kind")) for e in lines] == [
        ("audit.sealed", None),
        ("audit.push", None),
        ("audit.break", "truncation"),
    ]
    assert {e["device_id"] for e in lines} == {str(desk.device_id)}


def _fields(event: dict[str, Any]) -> AuditFields:
    return audit_trail._fields(protocol.AuditEventPushed.model_validate(event))


def test_an_audit_event_pushed_as_a_record_is_refused(central: Central) -> None:
    """The change feed goes to every laptop: one laptop's trail must never reach the others that way."""
    desk = central.enroll("desk", role=None)  # no account pushed: nothing else written
    event = Chain().append()
    fields = {name: [None, value] for name, value in event.items()}  # every column of the laptop's table
    answer = central.push(
        desk, [mutation("audit_event", uuid.UUID(event["id"]), "insert", fields, desk.users[0])]
    )

    assert answer["results"][0]["status"] == "rejected"
    assert central.written() == (0, 0, 1)


def test_a_push_full_of_breaks_is_one_line_per_kind(central: Central) -> None:
    chain = Chain().grow(40)
    desk = enrolled(central, chain)
    every_other = chain.events[1::2]  # a gap before each event
    for event in every_other:
        event["seal"] = "0" * 64

    answer = push_raw(central, desk, request(0, every_other, chain.events))

    assert answer == {
        "acknowledged": 40,
        "breaks": [{"kind": "gap", "seq": 1, "count": 20}, {"kind": "seal", "seq": 2, "count": 20}],
    }
    assert [(b["kind"], b["count"]) for b in breaks(central)] == [("gap", 20), ("seal", 20)]
