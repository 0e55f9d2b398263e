"""Who uses the app and who it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    DETECTIVE = "detective"
    SOCIAL_WORKER = "social_worker"
    SUPERVISOR = "supervisor"


class Language(StrEnum):
    EN = "en"
    ES = "es"


@dataclass(frozen=True)
class Actor:
    """The signed-in user on this device; every service call is made on someone's behalf."""

    user_id: UUID
    user_name: str
    role: Role
    device_id: UUID
