"""Devices: one-time enrollment codes, bearer tokens (only their hashes are kept), revocation, wipe."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.models import Device, DeviceUser, EnrollmentCode
from burner_desk.domain.ids import new_id
from burner_desk.storage.models import utcnow
from burner_desk.sync.protocol import EnrollRequest, EnrollResponse

CODE_LIFETIME = timedelta(hours=24)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud or typed at 3 a.m.


class EnrollmentRefused(Exception):
    """The code is unknown, already used or expired; which one is not said."""


@dataclass(frozen=True)
class AuthenticatedDevice:
    id: uuid.UUID
    users: frozenset[uuid.UUID]
    revoked: bool
    treatment_program: bool = False


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
    return code


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
            .returning(EnrollmentCode.code_hash, EnrollmentCode.treatment_program)
        ).first()
        if claimed is None:
            raise EnrollmentRefused
        session.add(
            Device(
                id=device_id,
                name=request.device_name,
                token_hash=_digest(token),
                treatment_program=claimed.treatment_program,
            )
        )
        session.flush()
        session.add_all(DeviceUser(device_id=device_id, user_id=user) for user in set(request.user_ids))
        session.execute(
            update(EnrollmentCode)
            .where(EnrollmentCode.code_hash == claimed.code_hash)
            .values(device_id=device_id)
        )
    return EnrollResponse(device_id=device_id, token=token)


def authenticate(sessions: sessionmaker[Session], token: str) -> AuthenticatedDevice | None:
    """The device holding `token`, with its last_seen brought up to date; None for an unknown token."""
    with sessions() as session, session.begin():
        device = session.execute(
            select(Device).where(Device.token_hash == _digest(token))
        ).scalar_one_or_none()
        if device is None:
            return None
        device.last_seen = utcnow()
        users = session.execute(select(DeviceUser.user_id).where(DeviceUser.device_id == device.id)).scalars()
        return AuthenticatedDevice(
            device.id, frozenset(users), device.revoked_at is not None, device.treatment_program
        )


def revoke(sessions: sessionmaker[Session], device_id: uuid.UUID) -> bool:
    """Cut a device off; False when there is no such device."""
    with sessions() as session, session.begin():
        device = session.get(Device, device_id)
        if device is None:
            return False
        device.revoked_at = device.revoked_at or utcnow()
        return True


def confirm_wipe(sessions: sessionmaker[Session], device_id: uuid.UUID, wiped_at: datetime) -> None:
    with sessions() as session, session.begin():
        device = session.get(Device, device_id)
        if device is not None:
            device.wiped_at = device.wiped_at or wiped_at


def list_devices(sessions: sessionmaker[Session]) -> list[DeviceView]:
    with sessions() as session:
        devices = session.execute(select(Device).order_by(Device.enrolled_at)).scalars()
        return [DeviceView(d.id, d.name, d.last_seen, d.revoked_at is not None) for d in devices]
