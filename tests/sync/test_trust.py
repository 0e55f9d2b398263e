"""Who the laptop talks to and who may see what: TLS with a pinned key, revocation and crypto-erase, and
the Part 2 rule that police laptops see a follow-up's outcome only with the survivor's consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from burner_desk.central import devices, models
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.errors import BurnerDeskError, VaultNotFound
from burner_desk.domain.followup import AttemptOutcome, Channel
from burner_desk.services import access, bedside, followup
from burner_desk.services import sync as sync_service
from burner_desk.storage import keystore
from burner_desk.storage.models import FollowUp
from burner_desk.sync.transport import WrongCertificate
from tests.certificates import Authority
from tests.conftest import SUPERVISOR_PASSPHRASE
from tests.services.conftest import NOW, resident, stock
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker, new_laptop
from tests.sync.test_audit_trail import central_chain, laptop_chain
from tests.sync.test_faults import drop_request, meddle

# --- TLS -------------------------------------------------------------------------------------------


@pytest.fixture
def authority(tmp_path: Path) -> Authority:
    return Authority(tmp_path)


def _tls_central(db_url: str, files: tuple[Path, Path]) -> LiveCentral:
    return LiveCentral(db_url, ssl_files=files).start()


def test_the_key_pinned_at_enrollment_is_required_afterwards(
    db_url: str, authority: Authority, laptops: list[Laptop]
) -> None:
    desk = laptops[0]
    central = _tls_central(db_url, authority.issue("first"))
    try:
        enrolled = desk.enroll(central, ca_pem=authority.pem)
        assert enrolled.pinned
        assert desk.sync().waiting == 0
    finally:
        central.stop()
    # Same CA, same address, a different key: TLS alone would accept it; the pin does not. (The
    # impostor serves the same database, so a request that got through would set last_seen again.)
    impostor = _tls_central(db_url, authority.issue("second"))
    with desk.signed_in.uow.begin() as tx:
        tx.sync.put_state(sync_service.SERVER_URL, impostor.url)
    add_social_worker(desk)  # a change waiting to go up
    with impostor.db() as session, session.begin():
        session.execute(update(models.Device).values(last_seen=None))
    try:
        waiting = desk.status().waiting
        with pytest.raises(WrongCertificate, match="different key"):
            desk.sync()
        assert desk.status().waiting == waiting
        assert _last_seen(impostor) == [None]  # the token never reached it
    finally:
        impostor.stop()


def _last_seen(central: LiveCentral) -> list[dt.datetime | None]:
    with central.db() as session:
        return list(session.scalars(select(models.Device.last_seen)))


def test_a_certificate_from_an_unknown_authority_is_refused_at_enrollment(
    db_url: str, authority: Authority, laptops: list[Laptop], tmp_path: Path
) -> None:
    (tmp_path / "other").mkdir()
    stranger = Authority(tmp_path / "other", "Some Other CA")
    central = _tls_central(db_url, stranger.issue("server"))
    try:
        with pytest.raises(WrongCertificate, match="could not be verified"):
            laptops[0].enroll(central, ca_pem=authority.pem)
        assert not laptops[0].status().enrolled
    finally:
        central.stop()


# --- revocation ------------------------------------------------------------------------------------


def test_a_revoked_laptop_is_erased_and_cannot_be_opened(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    desk = laptops[0]
    stock(desk.signed_in)
    enrolled = desk.enroll(live_central)
    bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, resident(), NOW)
    directory = desk.signed_in.vault.directory
    assert devices.revoke(live_central.db, enrolled.central_device_id)

    with pytest.raises(sync_service.DeviceWiped, match="erased"):
        desk.sync()

    assert desk.signed_in.vault.closed
    assert sorted(path.name for path in directory.iterdir()) == []
    assert access.needs_setup(directory)
    with pytest.raises(VaultNotFound):
        access.sign_in(directory, "sam.rivera", SUPERVISOR_PASSPHRASE)
    access.lock(desk.signed_in, "manual")  # the shell's lock after a wipe must not recreate anything
    assert sorted(path.name for path in directory.iterdir()) == []
    with live_central.db() as session:
        device = session.get(models.Device, enrolled.central_device_id)
        assert device is not None and device.wiped_at is not None


def test_a_revoked_laptop_sends_its_audit_trail_before_it_is_erased(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    desk = laptops[0]
    stock(desk.signed_in)
    enrolled = desk.enroll(live_central)
    desk.sync()
    bedside.record_encounter(desk.signed_in.uow, desk.signed_in.actor, resident(), NOW)  # after that sync
    final_chain = laptop_chain(desk)
    token = keystore.read_device_token(desk.signed_in.vault.vault_id)
    assert devices.revoke(live_central.db, enrolled.central_device_id)

    with pytest.raises(sync_service.DeviceWiped):
        desk.sync()

    assert central_chain(live_central, enrolled.central_device_id) == final_chain
    # Once the laptop confirmed its erasure, central takes nothing more from its token
    head_seq, head_hash = final_chain[-1]
    answer = httpx.post(
        f"{live_central.url}/v1/audit/push",
        json={"after": head_seq, "events": [], "head_seq": head_seq, "head_hash": head_hash},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 401


def test_a_revoked_laptop_is_erased_even_when_its_last_audit_push_fails(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    desk = laptops[0]
    enrolled = desk.enroll(live_central)
    desk.sync()
    sent = central_chain(live_central, enrolled.central_device_id)
    add_social_worker(desk)  # a change waiting: the push meets the revocation first
    assert devices.revoke(live_central.db, enrolled.central_device_id)
    meddle(desk, drop_request("/v1/audit/push", 1))

    with pytest.raises(sync_service.DeviceWiped):
        desk.sync()

    assert desk.signed_in.vault.closed and access.needs_setup(desk.signed_in.vault.directory)
    assert central_chain(live_central, enrolled.central_device_id) == sent  # what central had, kept


def test_an_unknown_token_is_not_a_reason_to_erase(live_central: LiveCentral, laptops: list[Laptop]) -> None:
    desk = laptops[0]
    desk.enroll(live_central)
    with live_central.db() as session, session.begin():
        session.execute(models.Device.__table__.update().values(token_hash="0" * 64))

    with pytest.raises(BurnerDeskError, match="does not know this laptop"):
        desk.sync()
    assert not desk.signed_in.vault.closed and not access.needs_setup(desk.signed_in.vault.directory)


# --- Part 2 ----------------------------------------------------------------------------------------


@pytest.fixture
def program_with_social_worker(
    live_central: LiveCentral, laptops: list[Laptop], tmp_path: Path
) -> Iterator[tuple[Laptop, Laptop]]:
    detective_desk = laptops[0]
    stock(detective_desk.signed_in)
    detective_desk.enroll(live_central)
    social = new_laptop(tmp_path / "social", "social-worker-laptop")
    worker = add_social_worker(social)
    # the program's client: a supervisor enrolls it with a treatment-program code, the worker signs in
    social.enroll(live_central, treatment_program=True)
    social.signed_in.vault.close()
    social.signed_in = access.sign_in(tmp_path / "social", worker.user_name, "Cedar-Orchard-0102")
    yield detective_desk, social
    social.signed_in.vault.close()


def _close_with_outcome(social: Laptop, outcome: AttemptOutcome) -> None:
    due = followup.calls(social.signed_in.uow, social.signed_in.actor, NOW)[0].follow_up
    attempt = followup.ContactAttemptInput(
        due.id, Channel.PHONE, outcome, note="Engaged with intake (sample)"
    )
    followup.log_contact_attempt(social.signed_in.uow, social.signed_in.actor, attempt, NOW)


@pytest.mark.parametrize(
    "scopes, seen_state, attempts_seen",
    [
        ((ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT), "closed", 0),
        (
            (ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT, ConsentScope.TREATMENT_OUTCOME),
            "engaged",
            1,
        ),
    ],
)
def test_police_see_the_outcome_only_with_consent(
    program_with_social_worker: tuple[Laptop, Laptop],
    scopes: tuple[ConsentScope, ...],
    seen_state: str,
    attempts_seen: int,
) -> None:
    detective_desk, social = program_with_social_worker
    data = resident()
    # Central reads a consent's end date against today's date, whatever the test's clock: in force today.
    in_force = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=365)
    data = replace(data, consent=replace(data.consent, scopes=frozenset(scopes), expires_on=in_force))
    encounter = bedside.record_encounter(
        detective_desk.signed_in.uow, detective_desk.signed_in.actor, data, NOW
    )
    detective_desk.sync()
    social.sync()
    _close_with_outcome(social, AttemptOutcome.ENTERED_TREATMENT)
    social.sync()

    detective_desk.sync()

    with detective_desk.signed_in.uow.begin() as tx:
        state = tx.get(FollowUp, encounter.follow_up_id).state
        attempts = tx.live_counts()["contact_attempt"]
    assert (state, attempts) == (seen_state, attempts_seen)
    with social.signed_in.uow.begin() as tx:  # the program itself sees everything
        assert tx.get(FollowUp, encounter.follow_up_id).state == "engaged"
