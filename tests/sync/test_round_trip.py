"""Enroll, push, pull: what one laptop records reaches central once and comes down to another laptop."""

from __future__ import annotations

import secrets
import uuid

import pytest
from sqlalchemy import func, select

from burner_desk.central import devices, models
from burner_desk.domain.errors import BurnerDeskError, NotPermitted
from burner_desk.services import bedside, cases, inventory, resources, users
from burner_desk.services import sync as sync_service
from burner_desk.storage import keystore
from burner_desk.storage.models import ProgramSummary, ProgramSummaryStale
from burner_desk.sync.transport import SyncError
from tests.services.conftest import NOW, PERSONAL_IMEI, PHONE_IMEIS, resident, stock
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker


def _central_records(central: LiveCentral) -> int:
    with central.db() as session:
        return session.scalar(select(func.count()).select_from(models.Record)) or 0


def test_enrollment_keeps_the_token_in_the_keyring_and_the_server_in_the_vault(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    desk = laptops[0]
    enrolled = desk.enroll(live_central)

    assert enrolled.server_url == live_central.url
    assert not enrolled.pinned  # plain http to this machine: nothing to pin
    assert keystore.read_device_token(desk.signed_in.vault.vault_id)
    status = desk.status()
    assert status.enrolled and status.server_url == live_central.url and status.last_sync_at is None
    with live_central.db() as session:
        device = session.get(models.Device, enrolled.central_device_id)
        assert device is not None and device.name == "desk-0"
        enrolled_users = set(session.scalars(select(models.DeviceUser.user_id)))
    assert enrolled_users == {desk.signed_in.actor.user_id}
    with desk.signed_in.uow.begin() as tx:
        assert ("sync.enroll", "device", "ok") in tx.audit_trail()


def test_enrollment_refusals_are_clear(live_central: LiveCentral, laptops: list[Laptop]) -> None:
    desk = laptops[0]
    with pytest.raises(BurnerDeskError, match="unknown, used or expired"):
        sync_service.enroll(desk.signed_in, live_central.url, "AAAAA-BBBBB-CCCCC-DDDDD")
    with pytest.raises(BurnerDeskError, match="https"):
        sync_service.enroll(desk.signed_in, "http://central.example.org", live_central.code())
    worker = add_social_worker(desk)
    as_worker = type(desk.signed_in)(
        desk.signed_in.vault, worker.as_actor(desk.signed_in.actor.device_id), "Casey", "agency", "desk-0"
    )
    with pytest.raises(NotPermitted):
        sync_service.enroll(as_worker, live_central.url, live_central.code())
    desk.enroll(live_central)
    with pytest.raises(BurnerDeskError, match="already enrolled"):
        desk.enroll(live_central)


def test_a_laptop_central_forgot_enrolls_again_keeps_its_changes_and_reads_the_snapshot_again(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    """Its users are known to central from its old identity: as a new device it acts for them once a
    supervisor at central approves (its changes wait meanwhile). It claims only those who sign in on it,
    not the other laptops' users it pulled."""
    desk, other = laptops[0], laptops[1]
    other.enroll(live_central)
    other.sync()
    stock(desk.signed_in)
    first = desk.enroll(live_central)
    desk.sync()
    encounter = bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, resident(), NOW)
    waiting = desk.status().waiting
    keystore.store_device_token(desk.signed_in.vault.vault_id, secrets.token_urlsafe(32))  # forgotten
    with pytest.raises(SyncError, match="does not know this laptop"):
        desk.sync()

    code = live_central.code(desk.signed_in.device_name)
    again = sync_service.enroll(desk.signed_in, live_central.url, code, again=True)
    unapproved = desk.sync()
    claims = devices.pending_claims(live_central.db)
    for claim in claims:
        assert devices.approve_user(
            live_central.db, uuid.UUID(claim["device_id"]), uuid.UUID(claim["user_id"])
        )
    report = desk.sync()

    assert again.central_device_id != first.central_device_id
    assert unapproved.pushed == 0 and unapproved.waiting == waiting and unapproved.from_snapshot
    assert "until a supervisor at central approves" in unapproved.summary()
    assert [claim["user_id"] for claim in claims] == [str(desk.signed_in.actor.user_id)]
    assert report.pushed == waiting and report.waiting == 0
    with live_central.db() as session:
        assert session.get(models.Record, ("encounter", encounter.encounter_id)) is not None
    with desk.signed_in.uow.begin() as tx:
        assert ("sync.enroll", "device", "again") in tx.audit_trail()


def test_an_encounter_reaches_central_once_and_another_laptop_finds_it(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    stock(first.signed_in)
    first.enroll(live_central)
    encounter = bedside.record_encounter(first.signed_in.uow, first.signed_in.actor, resident(), NOW)
    waiting = first.status().waiting

    report = first.sync()

    assert report.pushed == waiting > 0 and report.conflicts == 0
    assert first.status().waiting == 0
    assert first.status().last_sync_at is not None
    records = _central_records(live_central)
    assert first.sync().pushed == 0  # nothing new: nothing sent, nothing written twice
    assert _central_records(live_central) == records

    second.enroll(live_central)
    pulled = second.sync()

    assert pulled.from_snapshot and pulled.pulled >= records - 1
    with second.signed_in.uow.begin() as tx:
        assert tx.outbox_entities() == [], "central's rows must not go back out as this laptop's changes"
        # the program's figures for what came down are worked out by the pull's end, not at their next read
        stale_and_summed = (
            select(func.count()).select_from(table) for table in (ProgramSummaryStale, ProgramSummary)
        )
        assert [tx._session.scalar(count) for count in stale_and_summed] == [0, 1]
    # the case search indexes pulled encounters by everything a detective may type, and re-indexes one
    # pulled again (the first laptop's own, come back with central's versions) without a second entry
    for laptop in (second, first):
        for query in ("Quinlan", "703-555-0123", PERSONAL_IMEI, PHONE_IMEIS[0], "BD-0001", "PR-2025-0001"):
            found = cases.find_cases(laptop.signed_in.uow, laptop.signed_in.actor, query)
            assert [case.encounter_id for case in found] == [encounter.encounter_id], query
    detail = cases.case_detail(second.signed_in.uow, second.signed_in.actor, encounter.encounter_id)
    assert detail.person.id == encounter.person_id
    assert detail.burner_phone is not None and detail.burner_phone.asset_tag == encounter.burner_asset_tag
    assert detail.follow_up is not None and len(detail.consents) == 1
    # the resource directory and the handout catalog come down with everything else
    places = resources.jurisdictions(first.signed_in.uow)
    assert places and resources.jurisdictions(second.signed_in.uow) == places
    for place in places:
        assert resources.directory(second.signed_in.uow, place) == resources.directory(
            first.signed_in.uow, place
        )
    assert inventory.handouts(second.signed_in.uow) == inventory.handouts(first.signed_in.uow)
    # the next sync reads the change feed from where the snapshot stopped
    again = second.sync()
    assert not again.from_snapshot and again.pulled == 0


def test_a_user_added_after_enrollment_can_sync(live_central: LiveCentral, laptops: list[Laptop]) -> None:
    desk = laptops[0]
    desk.enroll(live_central)
    desk.sync()
    worker = add_social_worker(desk)  # a supervisor adds a user after enrollment

    report = desk.sync()

    assert report.rejected == 0 and report.conflicts == 0
    with live_central.db() as session:
        assert session.get(models.DeviceUser, (_device_id(desk), worker.id)) is not None


def test_same_supervisor_name_on_two_laptops_does_not_stop_sync(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    for desk in (first, second):
        desk.enroll(live_central)
        desk.sync()
    second.sync()  # brings the first laptop's "sam.rivera"

    names = {user.user_name for user in _users(second)}
    assert "sam.rivera" in names
    assert any(name.startswith("sam.rivera~") for name in names)  # shown, never typed: no keyslot here
    # sign-in names are unique agency-wide: a supervisor renames one of the two (tests/sync/test_names.py)
    assert [
        conflict.kind for conflict in sync_service.conflicts(second.signed_in.uow, second.signed_in.actor)
    ] == ["name_taken"]


def _users(laptop: Laptop) -> list[users.UserView]:
    return users.users(laptop.signed_in.uow)


def _device_id(laptop: Laptop) -> uuid.UUID:
    with laptop.signed_in.uow.begin() as tx:
        return uuid.UUID(tx.sync.state(sync_service.CENTRAL_DEVICE_ID))


@pytest.mark.usefixtures("no_keyring")
def test_no_keyring_refuses_before_spending_the_code(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    code = live_central.code()
    with pytest.raises(BurnerDeskError, match="no OS keyring"):
        sync_service.enroll(laptops[0].signed_in, live_central.url, code)
    assert devices.recent_events(live_central.db, 10)[-1]["action"] == "enroll_code.create"  # code unused


def test_sync_before_enrollment_says_so(laptops: list[Laptop]) -> None:
    with pytest.raises(sync_service.NotEnrolled):
        laptops[0].sync()


def test_the_sync_report_reads_well() -> None:
    report = sync_service.SyncReport(pushed=3, pulled=40, conflicts=1, waiting=2, from_snapshot=True)
    assert report.summary() == (
        "Sync done: sent 3 change(s), received 40 record(s) (first sync), 1 conflict(s) to settle, "
        "2 change(s) wait for the next sync."
    )
