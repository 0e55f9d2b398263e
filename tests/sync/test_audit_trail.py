"""The laptop's audit trail reaches central at every sync, and what anyone who can sign in could do to it
(truncate it, rewrite it and chain it again so `verify` passes, forge seals, drop what was not sent yet)
is flagged at central on the next sync and told to the laptop."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from burner_desk import admin
from burner_desk.central import cli, devices, models
from burner_desk.services import access
from burner_desk.services import sync as sync_service
from burner_desk.storage import audit, audit_seal
from burner_desk.storage.models import AuditEvent, AuditHead
from burner_desk.sync import audit_push
from burner_desk.sync.transport import CentralUnreachable
from tests.conftest import SETUP
from tests.services.conftest import stock
from tests.storage.test_audit_seals import downgrade
from tests.sync.conftest import Laptop, LiveCentral, new_laptop
from tests.sync.test_faults import Send, drop_request, meddle

Edit = Callable[[Session], None]


@pytest.fixture
def desk(live_central: LiveCentral, laptops: list[Laptop]) -> Laptop:
    laptops[0].enroll(live_central)
    return laptops[0]


def _device_id(laptop: Laptop) -> uuid.UUID:
    with laptop.signed_in.uow.begin() as tx:
        return uuid.UUID(tx.sync.state(sync_service.CENTRAL_DEVICE_ID))


def laptop_chain(laptop: Laptop) -> list[tuple[int, str]]:
    with Session(laptop.signed_in.vault.engine) as session:
        return [(e.seq, e.hash) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]


def central_chain(central: LiveCentral, laptop: Laptop | uuid.UUID) -> list[tuple[int, str]]:
    """The chain central holds for a laptop (or a device id: a laptop erased no longer says its own)."""
    device_id = laptop if isinstance(laptop, uuid.UUID) else _device_id(laptop)
    with central.db() as session:
        rows = session.execute(
            select(models.AuditTrailEvent.seq, models.AuditTrailEvent.hash)
            .where(
                models.AuditTrailEvent.device_id == device_id,
                models.AuditTrailEvent.superseded_at.is_(None),
            )
            .order_by(models.AuditTrailEvent.seq)
        )
        return [(row.seq, row.hash) for row in rows]


def central_rows(central: LiveCentral) -> int:
    with central.db() as session:
        return session.scalar(select(func.count()).select_from(models.AuditTrailEvent)) or 0


def central_trail(central: LiveCentral, action: str) -> list[dict[str, Any]]:
    return [event for event in devices.recent_events(central.db, 1000) if event["action"] == action]


def breaks(central: LiveCentral) -> list[tuple[str, int]]:
    return [(event["kind"], event["seq"]) for event in central_trail(central, "audit.break")]


def viewed(laptop: Laptop, times: int) -> None:
    """Audit events as the app writes them when someone opens a case."""
    for _ in range(times):
        with laptop.signed_in.uow.begin(laptop.signed_in.actor) as tx:
            tx.record("person.view", entity="person")


def chained_again(laptop: Laptop, edit: Edit, *, reseal_from: int | None = None) -> None:
    """What anyone who can sign in can do: the data key gives the chain's key, so they change events
    and chain them all again, and `verify` passes. With `reseal_from` they also seal the events from
    there on again, with the only sealing key the vault holds: the current one."""
    opened = laptop.signed_in.vault
    chain_key = opened.uow._audit_key
    with Session(opened.engine) as session, session.begin():
        edit(session)
        head = session.get(AuditHead, 1)
        assert head is not None and head.seal_key is not None
        prev, seal_key = audit_seal.GENESIS, head.seal_key
        for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
            message = audit_seal.chain_message(prev, audit._fields(event.seq, event))
            event.prev_hash, event.hash = prev, hmac.new(chain_key, message, hashlib.sha256).hexdigest()
            if reseal_from is not None and event.seq >= reseal_from:
                event.seal, seal_key = audit_seal.seal(seal_key, message, event.hash)
            prev, last = event.hash, event.seq
        head.seq, head.hash, head.seal_key = last, prev, seal_key
    assert opened.verify() is None


def cut_after(seq: int) -> Edit:
    return lambda session: session.execute(delete(AuditEvent).where(AuditEvent.seq > seq)) and None


def relabel(seq: int, action: str = "person.print") -> Edit:
    return lambda session: (
        session.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(action=action)) and None
    )


# --- a laptop left alone ----------------------------------------------------------------------


def test_the_trail_reaches_central_and_goes_on_across_syncs(
    desk: Laptop, live_central: LiveCentral, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = []
    for times in (3, 0, 5):
        viewed(desk, times)
        reports.append(desk.sync())

    held, laptop = central_chain(live_central, desk), laptop_chain(desk)
    assert held == laptop[:-1]  # all but the sync's own event, written after the push
    pushes = central_trail(live_central, "audit.push")
    assert [push["first_seq"] for push in pushes] == [1] + [push["last_seq"] + 1 for push in pushes[:-1]]
    assert {push["duplicates"] for push in pushes} == {0}
    assert breaks(live_central) == [] and {report.audit_breaks for report in reports} == {0}
    assert desk.status().audit_break is None
    assert "audit trail" not in reports[-1].summary()
    url = live_central.engine.url.render_as_string(hide_password=False)
    assert cli.main(["--db", url, "events", "--last", "3"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert printed[-1]["action"] == "audit.push" and printed[-1]["last_seq"] == held[-1][0]


def test_verify_still_passes_on_a_vault_that_synced_its_trail(
    desk: Laptop,
    live_central: LiveCentral,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    viewed(desk, 2)
    desk.sync()
    desk.sync()
    monkeypatch.setenv(admin.PASSPHRASE_ENV, SETUP.passphrase)

    code = admin.main(
        ["--data-dir", str(desk.signed_in.vault.directory), "--user", SETUP.user_name, "verify"]
    )

    assert code == 0 and capsys.readouterr().out.strip() == "ok"


def test_an_upgraded_vault_sends_its_unsealed_events_and_seals_from_then_on(
    live_central: LiveCentral, tmp_path: Path
) -> None:
    old = new_laptop(tmp_path / "old", "old desk")
    viewed(old, 3)
    written_before = len(laptop_chain(old))
    downgrade(old.signed_in.vault.engine)
    old.signed_in.vault.close()
    upgraded = Laptop(access.sign_in(tmp_path / "old", SETUP.user_name, SETUP.passphrase))
    try:
        upgraded.enroll(live_central)
        viewed(upgraded, 2)
        report = upgraded.sync()

        assert report.audit_breaks == 0 and breaks(live_central) == []
        assert central_chain(live_central, upgraded) == laptop_chain(upgraded)[:-1]
        with live_central.db() as session:
            unsealed = session.scalar(
                select(func.count())
                .select_from(models.AuditTrailEvent)
                .where(models.AuditTrailEvent.seal.is_(None))
            )
        assert unsealed == written_before
    finally:
        upgraded.signed_in.vault.close()


# --- what a local administrator might try --------------------------------------------------------


def test_a_truncated_chain_is_flagged_on_the_next_sync(desk: Laptop, live_central: LiveCentral) -> None:
    viewed(desk, 4)
    desk.sync()
    sent = central_chain(live_central, desk)[-1][0]
    chained_again(desk, cut_after(sent - 3))

    report = desk.sync()

    assert breaks(live_central) == [("truncation", sent - 2)]
    assert report.audit_breaks == 1
    assert "central found a break in this laptop's audit trail" in report.summary()
    note = desk.status().audit_break
    assert note is not None and (note.kinds, note.seq) == (("truncation",), sent - 2)
    # Central goes on from the cut, and keeps the three events cut
    desk.sync()
    assert central_chain(live_central, desk) == laptop_chain(desk)[:-1]
    assert central_rows(live_central) == len(laptop_chain(desk)) - 1 + 3
    # The vault's sealing key did not go back with the chain: the events after the cut are not sealed
    # as this laptop's would be (a backup restored, key and all, would go on without a break)
    assert breaks(live_central)[1:] == [("seal", sent - 2)]


def test_a_rewritten_event_is_flagged_though_verify_passes(desk: Laptop, live_central: LiveCentral) -> None:
    viewed(desk, 4)
    desk.sync()
    sent = central_chain(live_central, desk)[-1][0]
    sealed_from = central_trail(live_central, "audit.sealed")[0]["from_seq"]
    chained_again(desk, relabel(sealed_from + 1))

    report = desk.sync()

    found = central_trail(live_central, "audit.break")
    assert [(b["kind"], b["seq"], b.get("located")) for b in found] == [
        ("rewrite", sent, False),  # the next event does not continue from the one central holds...
        ("rewrite", sealed_from + 1, True),  # ...and the whole chain, asked for, shows where
        ("seal", sealed_from + 1, None),  # chained again, its seals are no longer its own
    ]
    assert report.audit_breaks == 3
    assert central_chain(live_central, desk) == laptop_chain(desk)[:-1]
    with live_central.db() as session:
        originals = session.scalars(
            select(models.AuditTrailEvent.action).where(
                models.AuditTrailEvent.seq == sealed_from + 1,
                models.AuditTrailEvent.superseded_at.is_not(None),
            )
        ).all()
    assert originals == ["person.view"]  # what the laptop said first is kept


def test_a_forged_seal_after_a_sync_is_flagged(desk: Laptop, live_central: LiveCentral) -> None:
    desk.sync()
    viewed(desk, 4)  # not sent yet
    sent = central_chain(live_central, desk)[-1][0]
    # An unsent event changed, chained again and sealed again with the vault's sealing key: the chain
    # continues from what central holds, so only the seals give it away
    chained_again(desk, relabel(sent + 2), reseal_from=sent + 2)

    report = desk.sync()

    assert breaks(live_central) == [("seal", sent + 2)]
    assert report.audit_breaks == 1
    note = desk.status().audit_break
    assert note is not None and note.describe() == (
        "Central found a break in this laptop's audit trail: "
        f"event {sent + 2} does not carry this laptop's seal."
    )


def test_dropping_the_unsent_events_and_going_on_is_flagged(desk: Laptop, live_central: LiveCentral) -> None:
    desk.sync()
    viewed(desk, 4)
    sent = central_chain(live_central, desk)[-1][0]
    chained_again(desk, cut_after(sent + 1))  # events sent + 2.. gone; the sealing key stays where it was
    viewed(desk, 2)  # and the laptop goes on

    desk.sync()

    assert breaks(live_central) == [("seal", sent + 2)]


def test_the_audit_push_reports_its_progress_batch_by_batch(
    desk: Laptop, live_central: LiveCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_push, "BATCH", 4)
    viewed(desk, 10)
    steps: list[sync_service.SyncProgress] = []

    sync_service.sync_now(desk.signed_in, progress=steps.append)

    audit = [(step.done, step.total) for step in steps if step.phase == "audit"]
    total = audit[0][1]
    assert total is not None and total >= 10
    assert [done for done, _total in audit] == [*range(0, total, 4), total]  # a step per batch answered
    assert {of for _done, of in audit} == {total}
    phases = [step.phase for step in steps]
    assert phases.index("audit") > max(i for i, phase in enumerate(phases) if phase == "push")
    assert central_chain(live_central, desk)[-1][0] == total


# --- interruptions ---------------------------------------------------------------------------------


def test_an_interrupted_push_sends_the_rest_next_time_and_nothing_twice(
    desk: Laptop, live_central: LiveCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_push, "BATCH", 4)
    viewed(desk, 10)
    meddle(desk, drop_request("/v1/audit/push", 3))
    with pytest.raises(CentralUnreachable):
        desk.sync()
    assert central_rows(live_central) == 8

    desk.wrap = None
    desk.sync()

    assert central_chain(live_central, desk) == laptop_chain(desk)[:-1]
    assert central_rows(live_central) == len(laptop_chain(desk)) - 1
    assert {push["duplicates"] for push in central_trail(live_central, "audit.push")} == {0}


def test_a_lost_answer_is_sent_again_and_kept_once(
    desk: Laptop, live_central: LiveCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_push, "BATCH", 4)
    viewed(desk, 10)
    pushes = 0

    def lose_second_answer(request: httpx.Request, send: Send) -> httpx.Response:
        nonlocal pushes
        if request.url.path == "/v1/audit/push":
            pushes += 1
            if pushes == 2:
                send(request)  # central keeps the events...
                raise httpx.RemoteProtocolError("server went away")  # ...and the answer never arrives
        return send(request)

    meddle(desk, lose_second_answer)
    with pytest.raises(CentralUnreachable):
        desk.sync()
    desk.wrap = None
    desk.sync()

    assert central_rows(live_central) == len(laptop_chain(desk)) - 1
    assert [push["duplicates"] for push in central_trail(live_central, "audit.push")][2] == 4


def test_enrolling_again_sends_the_whole_trail_to_the_new_device(
    desk: Laptop, live_central: LiveCentral
) -> None:
    desk.sync()
    code = live_central.code(desk.signed_in.device_name)
    sync_service.enroll(desk.signed_in, live_central.url, code, again=True)

    assert desk.sync().audit_breaks == 0
    assert central_chain(live_central, desk) == laptop_chain(desk)[:-1]
    assert breaks(live_central) == []


def test_a_trail_rewritten_then_enrolled_again_is_not_compared_with_the_old_device(
    desk: Laptop, live_central: LiveCentral
) -> None:
    """Decided, and said in README (Enrolling again): the new device's trail is checked from its own first
    push on, not against the old device's. What central shows is the same event held under both devices
    with two hashes, for a reviewer who asks (a supervisor issued the code for a laptop central knew)."""
    viewed(desk, 4)
    desk.sync()
    old_device = _device_id(desk)
    sent = central_chain(live_central, desk)[-1][0]
    chained_again(desk, relabel(sent - 1))
    code = live_central.code(desk.signed_in.device_name)
    sync_service.enroll(desk.signed_in, live_central.url, code, again=True)

    assert desk.sync().audit_breaks == 0 and breaks(live_central) == []
    with live_central.db() as session:
        held = session.execute(
            select(
                models.AuditTrailEvent.event_id, models.AuditTrailEvent.device_id, models.AuditTrailEvent.hash
            ).where(models.AuditTrailEvent.seq == sent - 1, models.AuditTrailEvent.superseded_at.is_(None))
        ).all()
    assert {row.device_id for row in held} == {old_device, _device_id(desk)}
    assert len({row.event_id for row in held}) == 1 and len({row.hash for row in held}) == 2


def test_an_event_that_cannot_be_sent_stops_the_audit_push_there_and_the_records_still_sync(
    desk: Laptop, live_central: LiveCentral
) -> None:
    desk.sync()
    viewed(desk, 3)
    sent = central_chain(live_central, desk)[-1][0]
    # A character no event of the app holds (the chain's own field separator), chained again
    chained_again(desk, relabel(sent + 3, "person\x1fview"))
    stock(desk.signed_in)

    report = desk.sync()

    assert report.pushed > 0 and desk.status().waiting == 0  # the records went
    assert central_chain(live_central, desk)[-1][0] == sent + 2  # the trail up to the event before
    assert report.audit_breaks == 1
    note = desk.status().audit_break
    assert note is not None and note.describe().endswith(
        f"event {sent + 3} was changed outside the app and cannot be sent."
    )


def test_a_chain_head_changed_outside_the_app_stops_the_audit_push_and_the_records_still_sync(
    desk: Laptop, live_central: LiveCentral
) -> None:
    desk.sync()
    stock(desk.signed_in)
    with Session(desk.signed_in.vault.engine) as session, session.begin():
        session.execute(update(AuditHead).values(hash="not a hash".ljust(64)))

    report = desk.sync()

    assert report.pushed > 0 and desk.status().waiting == 0
    assert report.audit_breaks == 1
    note = desk.status().audit_break
    assert note is not None and note.kinds == ("unsendable",)
