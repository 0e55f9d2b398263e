"""Becoming a device central knows, and being revoked (DESIGN.md section 5).

A supervisor's one-time code is exchanged for this laptop's identity at central: the token goes to the OS
keyring, the server's key pin and the CA into the vault (state). When central refuses the token (401/403)
the wipe check asks why: a revoked laptop sends its audit trail once more, while central still takes it,
then crypto-erases its vault and confirms the erasure.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, NoReturn

from burner_desk.domain.errors import BurnerDeskError, NotPermitted
from burner_desk.domain.people import Actor, Role
from burner_desk.storage import keystore
from burner_desk.storage.erase import crypto_erase
from burner_desk.storage.uow import UnitOfWork
from burner_desk.storage.vault import OpenVault
from burner_desk.sync import audit_push, protocol
from burner_desk.sync.progress import Progress
from burner_desk.sync.state import (
    AUDIT_ACKNOWLEDGED,
    CA_PEM,
    CENTRAL_DEVICE_ID,
    CURSOR,
    ENROLLED_BY,
    LAST_ERROR,
    SERVER_URL,
    SNAPSHOT_CURSOR,
    SNAPSHOT_PAGE,
    SPKI_PIN,
    NotEnrolled,
    RunDb,
    client_settings,
    direct,
)
from burner_desk.sync.transport import CentralClient, DeviceNotAuthorised, SyncError, TransportWrapper


class DeviceWiped(BurnerDeskError):
    """Central revoked this laptop: its vault has been erased. The app returns to first-run set-up."""

    def __init__(self) -> None:
        super().__init__(
            "A supervisor revoked this laptop at central, so its vault has been erased. "
            "Ask for a new enrollment code to use it again."
        )


@dataclass(frozen=True)
class EnrollmentView:
    server_url: str
    central_device_id: uuid.UUID
    pinned: bool  # False only for plain http to this machine


def enroll(
    vault: OpenVault,
    actor: Actor,
    device_name: str,
    server_url: str,
    code: str,
    *,
    ca_pem: str | None = None,
    again: bool = False,
    run_db: RunDb[Any] = direct,
    wrap_transport: TransportWrapper | None = None,
) -> EnrollmentView:
    """Exchange a supervisor's one-time code for this laptop's identity at central. Vault steps go
    through `run_db`.

    `again` enrolls a laptop that is enrolled already, for when central no longer knows it (its
    enrollment removed, its database restored from before it): a new identity replaces the old one,
    the changes waiting here are kept for the next sync, and that sync reads central's snapshot again
    instead of trusting a feed position central may not have reached. Its audit trail goes again from
    the start, as a new device's: central does not compare it with what the old identity sent (README:
    what a local administrator can and cannot hide)."""
    if actor.role is not Role.SUPERVISOR:
        raise NotPermitted("Only a supervisor enrolls this laptop with central.")
    if not keystore.available():  # checked first: a code spent on a token with nowhere to go is lost
        raise BurnerDeskError(
            "This laptop has no OS keyring to keep central's token safely. Ask IT to enable it, then enroll."
        )
    user_ids, audit_seal = run_db(partial(_enrollment_identity, vault, again))
    try:
        request = protocol.EnrollRequest(
            code=code.strip().upper(), device_name=device_name, user_ids=user_ids, audit_seal=audit_seal
        )
    except ValueError as exc:
        raise BurnerDeskError(
            "That enrollment code is not in the form central gives (e.g. K7QM2-XPA9R-…)."
        ) from exc
    try:
        client = CentralClient(server_url, ca_pem=ca_pem, wrap_transport=wrap_transport)
    except ValueError as exc:
        raise BurnerDeskError(str(exc)[:1].upper() + str(exc)[1:] + ".") from exc
    with client:
        try:
            answer = client.enroll(request)
        except DeviceNotAuthorised as exc:
            raise BurnerDeskError("Central refused the code: it is unknown, used or expired.") from exc
        pin = client.seen_pin
    try:
        keystore.store_device_token(vault.vault_id, answer.token)
    except keystore.KeystoreUnavailable as exc:
        raise BurnerDeskError(
            f"Central enrolled this laptop but {exc}; ask a supervisor to revoke it at central and enroll again."
        ) from exc
    state = {
        SERVER_URL: client.server_url,
        CENTRAL_DEVICE_ID: str(answer.device_id),
        SPKI_PIN: pin or "",
        CA_PEM: ca_pem or "",
        ENROLLED_BY: str(actor.user_id),
    }
    run_db(partial(_store_enrollment, vault.uow, actor, state, again))
    return EnrollmentView(client.server_url, answer.device_id, pinned=pin is not None)


def _enrollment_identity(
    vault: OpenVault, again: bool
) -> tuple[list[uuid.UUID], protocol.AuditSealStart | None]:
    """Who this laptop is, for central: its users, and the key that seals its next audit event (handed
    over only now, at enrollment, so that central can check every later seal)."""
    with vault.uow.begin() as tx:
        if tx.sync.state(CENTRAL_DEVICE_ID) and not again:
            raise BurnerDeskError(
                "This laptop is already enrolled with central. Enroll it again only if central no longer "
                "knows it."
            )
        # Those who sign in here: a user pulled from another laptop is that laptop's to act for, and a
        # claim of them would only wait at central for a supervisor's approval.
        signs_in_here = set(vault.slot_users())
        user_ids = [user.id for user in tx.people.users() if user.name in signs_in_here]
        return user_ids, audit_push.seal_start(tx)


def _store_enrollment(uow: UnitOfWork, actor: Actor, state: dict[str, str], again: bool) -> None:
    with uow.begin(actor) as tx:
        for key, value in state.items():
            tx.sync.put_state(key, value)
        if again:  # central knows this laptop anew: its audit trail too goes again from the start
            tx.sync.clear_state(CURSOR, SNAPSHOT_PAGE, SNAPSHOT_CURSOR, LAST_ERROR, AUDIT_ACKNOWLEDGED)
        tx.record("sync.enroll", entity="device", outcome="again" if again else "ok")


def sign_in_name_taken(
    uow: UnitOfWork, vault_id: str, name: str, *, wrap_transport: TransportWrapper | None = None
) -> bool | None:
    """Whether another user at central holds `name` (sign-in names are unique agency-wide): True or False
    when central answered, None when this laptop is not enrolled or central does not answer quickly -
    then the laptop's own check is all there is, and central reports a clash at the next sync."""
    try:
        with client_settings(uow, vault_id).client(wrap_transport) as client:
            return client.sign_in_name_taken(name)
    except (NotEnrolled, SyncError, ValueError):
        return None


# --- revocation ------------------------------------------------------------------------------------


def answer_revocation(
    client: CentralClient, vault: OpenVault, run_db: RunDb[Any], report: Progress
) -> NoReturn:
    """Central refused this laptop's token: erase the vault if central revoked it (DeviceWiped), else
    say what to do (SyncError)."""
    try:
        verdict = client.wipe_check()
    except DeviceNotAuthorised as exc:
        raise SyncError(
            "Central does not know this laptop (its enrollment was removed). Nothing waiting here is lost; "
            "ask a supervisor to enroll it again (Sync view: Enroll again)."
        ) from exc
    if not verdict.wipe:
        raise SyncError("Central refused this laptop's credentials. Try again; if it persists, tell IT.")
    # The audit trail up to the revocation goes to central first, so what was done on this laptop
    # outlives it. Central may not take it (unreachable now, or it refuses): the erasure goes on, and
    # central keeps what it had.
    with suppress(SyncError):
        audit_push.push_trail(client, vault.uow, run_db, report)
    run_db(partial(_erase, vault))
    client.wipe_confirm(datetime.now(UTC))
    raise DeviceWiped()


def _erase(vault: OpenVault) -> None:
    vault.close()
    crypto_erase(vault.directory, vault.vault_id)
