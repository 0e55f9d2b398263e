"""Who uses the app and who it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError

if TYPE_CHECKING:
    from uuid import UUID  # annotations only: the unlock window does without uuid (and platform)


class Role(StrEnum):
    DETECTIVE = "detective"
    SOCIAL_WORKER = "social_worker"
    SUPERVISOR = "supervisor"
    # The Opioid Coordinator: reads the program's figures and the resource directory, changes nothing,
    # never sees a name, a case or a survivor's record (domain.disclosure.sees_records).
    COORDINATOR = "coordinator"
    CLINICIAN = "clinician"  # a co-response call's behavioral-health clinician (domain.coresponse)


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


def sign_in_name(raw: str) -> str:
    """Sign-in names are lower case and safe in a file (they also name the keyslot)."""
    name = text.clean(raw, "user_name", max_len=80, required=True).lower()
    if not all(ch.isalnum() or ch in "._-" for ch in name):
        raise ValidationError("user_name", "use letters, digits, dot, dash or underscore")
    return name
