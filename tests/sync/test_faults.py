"""What goes wrong on the way: a server that dies mid-push, a connection dropped mid-pull, batches
reordered, and answers no real central would give. Nothing is lost, nothing duplicated, the next sync
finishes, and a bad answer leaves the laptop's data as it was."""

from __future__ import annotations

import gc
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from burner_desk.central import models, push
from burner_desk.central.db import make_engine
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState
from burner_desk.services import bedside, followup
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import OutboxMutation
from burner_desk.sync import protocol, transport
from burner_desk.sync import pull as sync_pull
from burner_desk.sync import push as sync_push
from burner_desk.sync.transport import BadCentralAnswer, CentralUnreachable
from tests.services.conftest import NOW, non_resident, resident, stock
from tests.sync.conftest import CentralProcess, Laptop, LiveCentral

Send = Callable[[httpx.Request], httpx.Response]
Rule = Callable[[httpx.Request, Send], httpx.Response]


class Meddler(httpx.BaseTransport):
    """Sits between the laptop and the real central; `rule` decides what happens to each request."""

    def __init__(self, inner: httpx.BaseTransport, rule: Rule) -> None:
        self._inner = inner
        self._rule = rule
        self.seen: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self._rule(request, self._send)

    def _send(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        response.read()
        return response

    def close(self) -> None:
        self._inner.close()


def _deferred(push_answer: httpx.Response) -> int:
    """How many mutations central deferred in a push answer (read in full by the Meddler)."""
    return sum(result["status"] == "deferred" for result in push_answer.json()["results"])


def meddle(laptop: Laptop, rule: Rule) -> list[Meddler]:
    made: list[Meddler] = []

    def wrap(inner: httpx.BaseTransport) -> httpx.BaseTransport:
        made.append(Meddler(inner, rule))
        return made[-1]

    laptop.wrap = wrap
    return made


def drop_request(path: str, nth: int) -> Rule:
    """The connection resets on the `nth` request to `path`; the others go through."""
    seen = 0

    def rule(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal seen
        if request.url.path == path:
            seen += 1
            if seen == nth:
                raise httpx.ReadError("connection reset")
        return send(request)

    return rule


def _counts(central: LiveCentral) -> tuple[int, int, int]:
    with central.db() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (models.Record, models.Change, models.AppliedMutation)
        )


def _local(laptop: Laptop) -> tuple[dict[str, int], int]:
    with laptop.signed_in.uow.begin() as tx:
        return tx.live_counts(), tx.sync.pending_count()


@pytest.fixture
def desk(live_central: LiveCentral, laptops: list[Laptop]) -> Laptop:
    stock(laptops[0].signed_in)
    laptops[0].enroll(live_central)
    bedside.record_encounter(laptops[0].signed_in.uow, laptops[0].signed_in.actor, resident(), NOW)
    return laptops[0]


def test_server_dying_after_applying_a_push_loses_and_duplicates_nothing(
    desk: Laptop, live_central: LiveCentral
) -> None:
    waiting = desk.status().waiting

    def die_after_commit(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            send(request)  # central applies and commits the batch...
            raise httpx.RemoteProtocolError("server went away")  # ...and the answer never arrives
        return send(request)

    meddle(desk, die_after_commit)
    with pytest.raises(CentralUnreachable):
        desk.sync()
    assert desk.status().waiting == waiting  # nothing was marked as sent
    after_crash = _counts(live_central)
    assert after_crash[0] > 0

    desk.wrap = None
    report = desk.sync()

    assert report.pushed == waiting and report.conflicts == 0 and report.waiting == 0
    assert _counts(live_central)[:2] == after_crash[:2]  # the replay wrote no record and no change twice


def test_central_killed_during_a_push_then_restarted_loses_and_duplicates_nothing(
    central_process: CentralProcess, laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real outage: the server process is SIGKILLed while a push batch is on its way in (before,
    during or after its commit: wherever the kill lands, the outcome must be the same)."""
    desk = laptops[0]
    stock(desk.signed_in)
    desk.enroll(central_process)
    for _ in range(12):  # without handouts: the sample stock would run out
        encounter = non_resident(handouts=(), family_contacts=())
        bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, encounter, NOW)
    monkeypatch.setattr(protocol, "MAX_BATCH", 20)  # many batches, so the kill falls among them
    waiting = desk.status().waiting
    assert waiting > 4 * 20

    pushes = 0

    def kill_during_fourth_push(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal pushes
        if request.url.path == "/v1/sync/push":
            pushes += 1
            if pushes == 4:  # the kill lands while the batch is sent or applied
                threading.Timer(0.005, central_process.kill).start()
        return send(request)

    meddle(desk, kill_during_fourth_push)
    with pytest.raises(CentralUnreachable):
        desk.sync()
    # Three pushes are in flight: when the fourth is sent, the first has been answered and kept
    assert 0 < desk.status().waiting <= waiting - 20

    central_process.start()
    desk.wrap = None
    report = desk.sync()

    assert report.waiting == 0 and report.conflicts == 0
    engine = make_engine(central_process.db_url)
    try:
        with engine.connect() as conn:
            applied, changes = (
                conn.scalar(select(func.count()).select_from(table))
                for table in (models.AppliedMutation, models.Change)
            )
    finally:
        engine.dispose()
    assert applied == waiting  # every mutation applied exactly once, none lost
    assert changes == waiting  # and each wrote the feed once: the replayed batch wrote nothing twice


def test_server_dying_before_a_push_reaches_it(desk: Laptop, live_central: LiveCentral) -> None:
    def refuse(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            raise httpx.ConnectError("connection refused")
        return send(request)

    before = _local(desk)
    meddle(desk, refuse)
    with pytest.raises(CentralUnreachable):
        desk.sync()
    assert _local(desk) == before and _counts(live_central)[0] == 0
    assert "Nothing is lost" in desk.status().last_error

    desk.wrap = None
    assert desk.sync().waiting == 0
    assert desk.status().last_error == ""


def test_a_sync_sets_the_collector_aside_and_hands_it_back_even_when_it_fails(desk: Laptop) -> None:
    """sync_now freezes the heap while it runs (services.heap.set_aside); the app's collector must
    be as it was afterwards, whatever happened."""
    during: list[bool] = []

    def refuse(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            during.append(gc.get_freeze_count() > 0)
            raise httpx.ConnectError("connection refused")
        return send(request)

    meddle(desk, refuse)
    with pytest.raises(CentralUnreachable):
        desk.sync()

    assert during and all(during)
    assert gc.get_freeze_count() == 0


def test_a_dropped_snapshot_resumes_at_the_page_it_stopped(
    desk: Laptop, live_central: LiveCentral, laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.sync()
    monkeypatch.setattr(sync_pull, "PAGE_SIZE", 10)
    reader = laptops[1]
    reader.enroll(live_central)
    meddle(reader, drop_request("/v1/sync/snapshot", 3))
    with pytest.raises(CentralUnreachable):
        reader.sync()
    with reader.signed_in.uow.begin() as tx:
        token = tx.sync.state(sync_service.SNAPSHOT_PAGE)
        assert token and not tx.sync.state(sync_service.CURSOR)

    resumed = meddle(reader, lambda request, send: send(request))
    reader.sync()

    snapshot_requests = [r for r in resumed[0].seen if r.url.path == "/v1/sync/snapshot"]
    assert snapshot_requests[0].url.params["page"] == token  # not from zero
    with live_central.db() as session:
        on_central = session.scalar(select(func.count()).select_from(models.Record))
    counts, waiting = _local(reader)
    # everything central holds is on the reader now (its own supervisor was pushed first)
    assert sum(counts.values()) == on_central and waiting == 0


def test_a_dropped_change_page_resumes_from_the_stored_cursor(
    desk: Laptop, live_central: LiveCentral, laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = laptops[1]
    reader.enroll(live_central)
    reader.sync()  # snapshot done: the reader now follows the change feed
    desk.sync()  # the encounter goes up: many changes for the reader
    monkeypatch.setattr(sync_pull, "PAGE_SIZE", 7)
    meddle(reader, drop_request("/v1/sync/changes", 2))
    with pytest.raises(CentralUnreachable):
        reader.sync()
    with reader.signed_in.uow.begin() as tx:
        stored = int(tx.sync.state(sync_service.CURSOR))

    resumed = meddle(reader, lambda request, send: send(request))
    reader.sync()

    first = next(r for r in resumed[0].seen if r.url.path == "/v1/sync/changes")
    assert int(first.url.params["cursor"]) == stored > 0
    assert bedside_cases(reader) == bedside_cases(desk)


def bedside_cases(laptop: Laptop) -> dict[str, int]:
    counts, _waiting = _local(laptop)
    return {entity: counts[entity] for entity in ("person", "encounter", "phone_swap", "follow_up")}


def test_reordered_batches_are_deferred_then_sent_again_and_applied(
    desk: Laptop, live_central: LiveCentral
) -> None:
    due = followup.calls(desk.signed_in.uow, desk.signed_in.actor, NOW)[0].follow_up
    attempt = followup.ContactAttemptInput(due.id, Channel.PHONE, AttemptOutcome.REACHED)
    followup.log_contact_attempt(desk.signed_in.uow, desk.signed_in.actor, attempt, NOW)
    deferred = 0

    def reverse_batches(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal deferred
        if request.url.path != "/v1/sync/push":
            return send(request)
        body = json.loads(request.content)
        # Updates now arrive before the inserts they change. The laptop's accounts still come first: central
        # takes an author's role only from its own record of them, so without those all would wait.
        accounts = [m for m in body["mutations"] if m["entity"] == "user"]
        body["mutations"] = accounts + [m for m in reversed(body["mutations"]) if m["entity"] != "user"]
        headers = {"Authorization": request.headers["Authorization"], "Content-Type": "application/json"}
        response = send(
            httpx.Request("POST", request.url, headers=headers, content=json.dumps(body).encode())
        )
        deferred += _deferred(response)
        return response

    meddle(desk, reverse_batches)
    report = desk.sync()

    assert deferred > 0  # central saw updates before their records...
    assert report.waiting == 0 and report.conflicts == 0  # ...and got them again once the records were in
    with live_central.db() as session:
        follow_up = session.get(models.Record, ("follow_up", due.id))
        assert follow_up is not None and follow_up.fields["state"] == "reached"


def test_a_change_to_a_record_central_never_got_waits_in_the_outbox(
    desk: Laptop, live_central: LiveCentral
) -> None:
    """As a change to another laptop's record that has not reached central yet: deferred twice in one
    sync, it is kept for the next one and the rest goes through."""
    due = followup.calls(desk.signed_in.uow, desk.signed_in.actor, NOW)[0].follow_up
    attempt = followup.ContactAttemptInput(due.id, Channel.PHONE, AttemptOutcome.REACHED)
    followup.log_contact_attempt(desk.signed_in.uow, desk.signed_in.actor, attempt, NOW)
    with Session(desk.signed_in.vault.engine) as session, session.begin():
        never_sent = delete(OutboxMutation).where(
            OutboxMutation.entity == "follow_up", OutboxMutation.op == "insert"
        )
        assert session.execute(never_sent).rowcount == 1
    waiting = desk.status().waiting

    first = desk.sync()
    second = desk.sync()

    assert 0 < first.waiting < waiting and second.waiting == first.waiting
    assert first.conflicts == 0 and second.pushed == 0


def _answer(body: Any, status: int = 200) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})


BAD_PUSH_ANSWERS = {
    "not JSON": b"<html>502 Bad Gateway</html>",
    "wrong types": {"results": "all good", "cursor": "12"},
    "missing results": {"cursor": 5},
    "NUL bytes": {"results": [], "cursor": 1, "note": "\u0000"},
    "results for other mutations": {
        "results": [{"mutation_id": "00000000-0000-4000-8000-000000000000", "status": "applied"}],
        "cursor": 1,
    },
}


@pytest.mark.parametrize("kind", sorted(BAD_PUSH_ANSWERS))
def test_a_malformed_push_answer_changes_nothing_here(desk: Laptop, kind: str) -> None:
    before = _local(desk)

    def lie(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            return _answer(BAD_PUSH_ANSWERS[kind])
        return send(request)

    meddle(desk, lie)
    with pytest.raises(BadCentralAnswer):
        desk.sync()
    assert _local(desk) == before


def test_an_answer_naming_one_mutation_twice_and_another_never_changes_nothing_here(desk: Laptop) -> None:
    before = _local(desk)

    def answer_one_twice(request: httpx.Request, send: Send) -> httpx.Response:
        response = send(request)
        if request.url.path != "/v1/sync/push":
            return response
        body = response.json()
        body["results"][-1] = body["results"][0]
        return _answer(body)

    meddle(desk, answer_one_twice)
    with pytest.raises(BadCentralAnswer, match="does not match what was sent"):
        desk.sync()
    assert _local(desk) == before

    desk.wrap = None
    assert desk.sync().waiting == 0  # central answers the replay as before


def _row(seq: int, **fields: Any) -> dict[str, Any]:
    """A change carrying a whole person in wire form, with `fields` changed."""
    person = {
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
        "created_by": None,
        "device_id": None,
        "deleted_at": None,
        "given_name": "Robin (sample)",
        "family_name": "Doe",
        "date_of_birth": None,
        "preferred_language": "en",
        "phone": "",
        "address": "",
        "jurisdiction": "alexandria",
    }
    row_id = f"00000000-0000-4000-8000-{seq:012d}"
    return {"seq": seq, "row": {"entity": "person", "id": row_id, "version": 1, "fields": person | fields}}


def _page(kind: str, after: int) -> dict[str, Any]:
    """A bad page whose positions come after the laptop's cursor, so only its content is wrong."""
    if kind == "huge array":
        return {
            "cursor": after + 5000,
            "items": [_row(after + n + 1) for n in range(5000)],
            "has_more": False,
        }
    if kind == "out of order":
        return {"cursor": after + 9, "items": [_row(after + 9), _row(after + 3)], "has_more": False}
    bad_fields = {
        "NUL in a value": {"given_name": "A\u0000"},
        "wrong types": {"given_name": ["not", "text"]},
        "a number for text": {"phone": 7035550142},
        "unreadable date": {"date_of_birth": "yesterday"},
        "unreadable id": {"created_by": "not-a-uuid"},
        "a day that does not exist": {"updated_at": "2026-02-30T10:00:00+00:00"},
        "a time without its zone": {"deleted_at": "2026-01-02T10:00:00"},
    }[kind]
    return {"cursor": after + 1, "items": [_row(after + 1, **bad_fields)], "has_more": False}


BAD_PAGES = ("huge array", "out of order", "NUL in a value")  # no real central sends these: refused
UNREADABLE_VALUES = {  # well-formed, but a value this app cannot read: that record is held back
    "wrong types": "given_name",
    "a number for text": "phone",
    "unreadable date": "date_of_birth",
    "unreadable id": "created_by",
    "a day that does not exist": "updated_at",  # a UTC time's direct way into the vault checks the day
    "a time without its zone": "deleted_at",  # the vault keeps UTC: a naive time is not one
}


@pytest.mark.parametrize("kind", BAD_PAGES)
def test_a_malformed_change_page_changes_nothing_here(desk: Laptop, kind: str) -> None:
    desk.sync()
    before = _local(desk)
    with desk.signed_in.uow.begin() as tx:
        cursor = int(tx.sync.state(sync_service.CURSOR))

    def lie(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/changes":
            return _answer(_page(kind, cursor))
        return send(request)

    meddle(desk, lie)
    with pytest.raises(BadCentralAnswer):
        desk.sync()
    assert _local(desk) == before
    with desk.signed_in.uow.begin() as tx:
        assert int(tx.sync.state(sync_service.CURSOR)) == cursor


@pytest.mark.parametrize("kind", UNREADABLE_VALUES)
def test_a_record_this_app_cannot_read_is_held_back_and_the_sync_goes_on(desk: Laptop, kind: str) -> None:
    desk.sync()
    before = _local(desk)
    with desk.signed_in.uow.begin() as tx:
        cursor = int(tx.sync.state(sync_service.CURSOR))
    bad = _page(kind, cursor)
    page = bad | {"cursor": cursor + 2, "items": [*bad["items"], _row(cursor + 2)]}

    def lie(request: httpx.Request, send: Send) -> httpx.Response:
        return _answer(page) if request.url.path == "/v1/sync/changes" else send(request)

    meddle(desk, lie)
    report = desk.sync()

    assert (report.held_back, report.needs_person) == (1, 1)
    counts, _waiting = _local(desk)
    assert counts["person"] == before[0]["person"] + 1  # the readable survivor on the same page
    with desk.signed_in.uow.begin() as tx:
        assert int(tx.sync.state(sync_service.CURSOR)) == cursor + 2
        [parked] = tx.sync.parked()
        assert (parked.reason, parked.cause) == ("unreadable", {"field": UNREADABLE_VALUES[kind]})
    field_words = UNREADABLE_VALUES[kind].replace("_", " ")
    [held] = sync_service.held_back_records(desk.signed_in.uow)
    assert (held.kind, held.field) == ("unreadable", field_words)
    assert held.record in ("survivor Robin (sample) Doe", "survivor Doe")  # never the unreadable value


def test_a_well_formed_page_from_the_same_builder_is_applied(desk: Laptop) -> None:
    """The control for the cases above: their pages differ from this one only where they are bad."""
    desk.sync()
    with desk.signed_in.uow.begin() as tx:
        cursor = int(tx.sync.state(sync_service.CURSOR))
    page = {"cursor": cursor + 1, "items": [_row(cursor + 1)], "has_more": False}

    def central_says(request: httpx.Request, send: Send) -> httpx.Response:
        return _answer(page) if request.url.path == "/v1/sync/changes" else send(request)

    meddle(desk, central_says)
    report = desk.sync()
    assert _local(desk)[0]["person"] == 2  # the survivor recorded here, and the one central sent
    assert report.held_back == 0


def test_a_record_whose_parent_is_missing_waits_for_it_and_the_rest_applies(desk: Laptop) -> None:
    """A family contact whose survivor is not here yet is held back, with its own family handouts;
    once the survivor arrives (a later page, a later sync) they are stored and leave the parked table."""
    desk.sync()
    before = _local(desk)
    with desk.signed_in.uow.begin() as tx:
        cursor = int(tx.sync.state(sync_service.CURSOR))
    survivor = "00000000-0000-4000-8000-0000000000ff"
    orphan = {
        "seq": cursor + 1,
        "row": {
            "entity": "family_contact",
            "id": "00000000-0000-4000-8000-000000000001",
            "version": 1,
            "fields": {"person_id": survivor, "name": "Sam (sample)"},
        },
    }
    pages = [
        {"cursor": cursor + 2, "items": [orphan, _row(cursor + 2)], "has_more": False},
        {"cursor": cursor + 3, "items": [_row(cursor + 3) | {"row": _row(0)["row"] | {"id": survivor}}]},
    ]
    served = 0

    def central_says(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal served
        if request.url.path != "/v1/sync/changes":
            return send(request)
        page = pages[min(served, 1)]
        served += 1
        return _answer(page | {"has_more": False, "cursor": page["cursor"]})

    meddle(desk, central_says)
    first = desk.sync()

    assert first.held_back == 1
    counts, _waiting = _local(desk)
    assert (
        counts["person"] == before[0]["person"] + 1
        and counts["family_contact"] == before[0]["family_contact"]
    )
    [held] = sync_service.held_back_records(desk.signed_in.uow)
    assert (held.kind, held.other, held.other_missing) == (
        "waits",
        "a survivor central has not sent yet",
        True,
    )
    assert held.record == "a family contact"  # its survivor is not here to name it by

    second = desk.sync()  # the survivor comes; the family contact follows it in the same sync

    assert second.held_back == 0
    counts, _waiting = _local(desk)
    assert counts["person"] == before[0]["person"] + 2
    assert counts["family_contact"] == before[0]["family_contact"] + 1
    assert sync_service.held_back_records(desk.signed_in.uow) == []


def test_an_endless_answer_is_cut_off(desk: Laptop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_ANSWER_BYTES", 64 * 1024)
    desk.sync()

    def flood(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/changes":
            return _answer(b"[" + b"0," * 100_000 + b"0]")
        return send(request)

    meddle(desk, flood)
    with pytest.raises(BadCentralAnswer, match="larger than any valid answer"):
        desk.sync()


def _desk_with_chained_batches(
    live_central: LiveCentral, desk: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encounters, each with a change to its follow-up right behind it, pushed in dozens of small batches:
    many batches update records the batch before them created."""
    uow, actor = desk.signed_in.uow, desk.signed_in.actor
    stock(desk.signed_in)
    desk.enroll(live_central)
    for encounter in (resident(), *(non_resident(handouts=(), family_contacts=()),) * 5):
        follow_up_id = bedside.record_encounter(uow, actor, encounter, NOW).follow_up_id
        followup.change_state(uow, actor, follow_up_id, FollowUpState.CLOSED, NOW)
    monkeypatch.setattr(protocol, "MAX_BATCH", 5)


def test_a_batch_that_overtakes_the_one_before_it_on_the_way_still_waits_its_turn(
    live_central: LiveCentral, laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pushes in flight travel on their own connections and may arrive out of order; central applies
    them in the order the laptop sent them (protocol.PushSequence), so no change waits for its record
    or is taken for a conflict because the batch before it came in late."""
    desk = laptops[0]
    _desk_with_chained_batches(live_central, desk, monkeypatch)
    deferred = 0
    arrivals: list[int] = []

    def even_batches_late(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal deferred
        if request.url.path != "/v1/sync/push":
            return send(request)
        position = protocol.PushSequence.parse(request.headers[protocol.PUSH_SEQUENCE_HEADER]).position
        if position % 2 == 0:
            time.sleep(0.05)  # held up on the way: the odd batch behind it gets there first
        arrivals.append(position)
        response = send(request)
        deferred += _deferred(response)
        return response

    meddle(desk, even_batches_late)
    waiting = desk.status().waiting

    report = desk.sync()

    assert arrivals != sorted(arrivals), "no batch overtook another: the test proves nothing"
    assert deferred == 0, "central applied a batch before the one sent ahead of it"
    assert report.pushed == waiting and report.conflicts == 0
    assert desk.status().waiting == 0


def test_a_push_starts_with_a_small_batch_then_sends_full_ones(
    desk: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Central gets to work on a small first batch while the laptop reads the full ones behind it."""
    monkeypatch.setattr(protocol, "MAX_BATCH", 8)
    monkeypatch.setattr(sync_push, "_FIRST_BATCH", 3)
    sizes: list[int] = []

    def count(request: httpx.Request, send: Send) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            sizes.append(len(json.loads(request.content)["mutations"]))
        return send(request)

    meddle(desk, count)
    waiting = desk.status().waiting

    assert desk.sync().pushed == waiting
    assert sizes[0] == 3 and max(sizes[1:]) == 8 and sum(sizes) == waiting


def test_batches_in_flight_together_are_applied_in_order(
    live_central: LiveCentral, laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several pushes are in flight at once; central applies them in turn, so a batch that updates
    records the batch just before it created is never deferred to the next sync."""
    desk = laptops[0]
    _desk_with_chained_batches(live_central, desk, monkeypatch)
    write = push._Batch._write_records

    def slow_write(batch: push._Batch) -> None:
        time.sleep(0.02)  # each batch still open when the next arrives
        write(batch)

    monkeypatch.setattr(push._Batch, "_write_records", slow_write)
    deferred = 0

    def count_deferred(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal deferred
        response = send(request)
        if request.url.path == "/v1/sync/push":
            deferred += _deferred(response)
        return response

    meddle(desk, count_deferred)
    waiting = desk.status().waiting

    report = desk.sync()

    assert deferred == 0, "a batch overtook the one before it"
    assert report.pushed == waiting and report.conflicts == 0
    assert desk.status().waiting == 0
