"""Devices: one-time enrollment codes, bearer tokens (only their hashes are kept), revocation, wipe."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.models import CentralEvent, Device, DeviceUser, EnrollmentCode, Record
from burner_desk.domain.ids import new_id
from burner_desk.storage.models import utcnow
from burner_desk.sync.protocol import EnrollRequest, EnrollResponse

CODE_LIFETIME = timedelta(hours=24)
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud or typed at 3 a.m.


class EnrollmentRefused(Exception):
    """The code is unknown, already used or expired; which one is not said."""


@dataclass(frozen=True)
class AuthenticatedDevice:
    id: uuid.UUID
    users: frozenset[uuid.UUID]  # the users it may write as
    revoked: bool
    treatment_program: bool = False
    pending_users: frozenset[uuid.UUID] = frozenset()  # claimed, waiting for a supervisor's approval
    wiped: bool = False  # it confirmed its erasure after a revocation


@dataclass(frozen=True)
class DeviceView:
    id: uuid.UUID
    name: str
    last_seen: datetime | None
    revoked: bool


def _digest(secret: str) -> str:
    # sha256 suffices: tokens and codes are random with >= 100 bits, nothing a dictionary could guess
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrollment_code(
    sessions: sessionmaker[Session], name: str, *, treatment_program: bool = False
) -> str:
    """A one-time code for the device called `name`, valid for 24 hours, e.g. `K7QM-2XPA-9RTD-WE4H`.
    `treatment_program` marks the social workers' client, which sees follow-up outcomes."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))
    code = "-".join(raw[i : i + 5] for i in range(0, 20, 5))
    with sessions() as session, session.begin():
        session.add(
            EnrollmentCode(
                code_hash=_digest(code),
                name=name,
                expires_at=utcnow() + CODE_LIFETIME,
                treatment_program=treatment_program,
            )
        )
        record_event(session, "enroll_code.create", None, name=name, treatment_program=treatment_program)
    return code


def record_event(session: Session, action: str, device_id: uuid.UUID | None, **detail: Any) -> None:
    """Add to central's audit trail, in the caller's transaction. Names, ids and counts only."""
    session.add(CentralEvent(action=action, device_id=device_id, detail=detail))


def enroll(sessions: sessionmaker[Session], request: EnrollRequest) -> EnrollResponse:
    now = utcnow()
    device_id = new_id()
    token = secrets.token_urlsafe(32)
    with sessions() as session, session.begin():
        # Conditional UPDATE: of two laptops racing with the same code, exactly one wins.
        claimed = session.execute(
            update(EnrollmentCode)
            .where(
                EnrollmentCode.code_hash == _digest(request.code),
                EnrollmentCode.used_at.is_(None),
                EnrollmentCode.expires_at > now,
            )
            .values(used_at=now)
            .returning(EnrollmentCode.code_hash, EnrollmentCode.name, EnrollmentCode.treatment_program)
        ).first()
        if claimed is not None:
            _register(session, request, device_id, token, claimed)
    if claimed is None:
        with sessions() as session, session.begin():
            record_event(session, "device.enroll_refused", None, device_name=request.device_name)
        raise EnrollmentRefused
    return EnrollResponse(device_id=device_id, token=token)


def _register(
    session: Session,
    request: EnrollRequest,
    device_id: uuid.UUID,
    token: str,
    code: Row[str, str, bool],
) -> None:
    """The device enrolled with `code` (its hash, name and kind): named as the supervisor named it when
    making the code; the name the laptop gives itself (often its host name) goes on the audit trail."""
    code_hash, name, treatment_program = code
    session.add(
        Device(id=device_id, name=name, token_hash=_digest(token), treatment_program=treatment_program)
    )
    session.flush()
    claimed = set(request.user_ids)
    known = _known_from_other_devices(session, claimed, device_id)
    session.add_all(DeviceUser(device_id=device_id, user_id=user, pending=user in known) for user in claimed)
    session.execute(
        update(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash).values(device_id=device_id)
    )
    record_event(
        session,
        "device.enroll",
        device_id,
        name=name,
        laptop_name=request.device_name,
        users=len(claimed - known),
        pending=len(known),
    )
    for user in sorted(known):
        record_event(session, "device.user_claim", device_id, user_id=str(user))


def _known_from_other_devices(
    session: Session, users: set[uuid.UUID], device_id: uuid.UUID
) -> set[uuid.UUID]:
    """Those of `users` whose record another device made, or that another device enrolled with or
    claimed: a new device may act for them only once a supervisor approves (approve_user)."""
    if not users:
        return set()
    made = select(Record.id).where(
        Record.entity == "user", Record.id.in_(users), Record.device_id != device_id
    )
    claimed = select(DeviceUser.user_id).where(
        DeviceUser.user_id.in_(users), DeviceUser.device_id != device_id
    )
    return set(session.scalars(made)) | set(session.scalars(claimed))


def authenticate(sessions: sessionmaker[Session], token: str) -> AuthenticatedDevice | None:
    """The device holding `token`, with its last_seen brought up to date (to the minute: a sync makes
    dozens of requests, and a write per request would cost a disk flush each); None for an unknown
    token."""
    with sessions() as session, session.begin():
        device = session.execute(
            select(Device).where(Device.token_hash == _digest(token))
        ).scalar_one_or_none()
        if device is None:
            return None
        now = utcnow()
        if device.last_seen is None or now - device.last_seen >= LAST_SEEN_RESOLUTION:
            device.last_seen = now
        return device_as_authenticated(session, device)


def device_as_authenticated(session: Session, device: Device) -> AuthenticatedDevice:
    """What a request made with `device`'s token may act as: its state and the users it claims."""
    claims = session.execute(
        select(DeviceUser.user_id, DeviceUser.pending).where(DeviceUser.device_id == device.id)
    ).all()
    return AuthenticatedDevice(
        device.id,
        frozenset(user for user, pending in claims if not pending),
        device.revoked_at is not None,
        device.treatment_program,
        frozenset(user for user, pending in claims if pending),
        device.wiped_at is not None,
    )


def revoke(sessions: sessionmaker[Session], device_id: uuid.UUID) -> bool:
    """Cut a device off; False when there is no such device."""
    with sessions() as session, session.begin():
        device = session.get(Device, device_id)
        if device is None:
            return False
        if device.revoked_at is None:
            device.revoked_at = utcnow()
            record_event(session, "device.revoke", device_id)
        return True


def approve_user(sessions: sessionmaker[Session], device_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """A supervisor at central lets the device act for a user it claimed; False when it claimed no such
    user. Its changes by that user, waiting on the laptop, apply at its next sync."""
    with sessions() as session, session.begin():
        claim = session.get(DeviceUser, (device_id, user_id))
        if claim is None:
            return False
        if claim.pending:
            claim.pending = False
            record_event(session, "device.user_approve", device_id, user_id=str(user_id))
        return True


def pending_claims(sessions: sessionmaker[Session]) -> list[dict[str, Any]]:
    """Claims waiting for approval, oldest first, with what central knows of each user (their account as
    a laptop made it, and the devices that already act for them) for the supervisor to decide on."""
    with sessions() as session:
        claims = session.execute(
            select(DeviceUser.device_id, Device.name, DeviceUser.user_id, DeviceUser.claimed_at)
            .join(Device, Device.id == DeviceUser.device_id)
            .where(DeviceUser.pending)
            .order_by(DeviceUser.claimed_at, DeviceUser.device_id, DeviceUser.user_id)
        ).all()
        listed = []
        for device_id, device_name, user_id, claimed_at in claims:
            account = session.scalar(
                select(Record.fields).where(Record.entity == "user", Record.id == user_id)
            )
            acting = session.scalars(
                select(DeviceUser.device_id).where(
                    DeviceUser.user_id == user_id, DeviceUser.device_id != device_id, ~DeviceUser.pending
                )
            )
            listed.append(
                {
                    "device_id": str(device_id),
                    "device_name": device_name,
                    "user_id": str(user_id),
                    "claimed_at": claimed_at.isoformat() if claimed_at else None,
                    "user_name": account.get("name") if account else None,
                    "display_name": account.get("display_name") if account else None,
                    "role": account.get("role") if account else None,
                    "acting_devices": sorted(str(device) for device in acting),
                }
            )
        return listed


def confirm_wipe(sessions: sessionmaker[Session], device_id: uuid.UUID, wiped_at: datetime) -> None:
    with sessions() as session, session.begin():
        device = session.get(Device, device_id)
        if device is not None and device.wiped_at is None:
            device.wiped_at = wiped_at
            record_event(session, "device.wipe_confirmed", device_id, wiped_at=wiped_at.isoformat())


def list_devices(sessions: sessionmaker[Session]) -> list[DeviceView]:
    with sessions() as session:
        devices = session.execute(select(Device).order_by(Device.enrolled_at)).scalars()
        return [DeviceView(d.id, d.name, d.last_seen, d.revoked_at is not None) for d in devices]


def recent_events(sessions: sessionmaker[Session], last: int) -> list[dict[str, Any]]:
    """The newest `last` events of central's audit trail, oldest first, as plain JSON objects."""
    with sessions() as session:
        events = session.scalars(select(CentralEvent).order_by(CentralEvent.seq.desc()).limit(max(last, 0)))
        return [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "device_id": str(event.device_id) if event.device_id else None,
                **event.detail,
            }
            for event in reversed(list(events))
        ]
