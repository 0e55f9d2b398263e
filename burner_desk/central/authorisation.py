"""May this device's author make this mutation? The permission table (domain.permissions), judged on
central's own records.

- A device writes only as the users it enrolled with (or whose accounts its supervisors made since). A
  claim central could not grant at enrollment (the user is known from another device) waits for a
  supervisor's approval at central: until then that user's mutations are deferred, so they stay in the
  laptop's outbox and apply at the first sync after the approval.
- The author's role is the one in central's `user` record of them (or in the one a mutation earlier in
  the same batch wrote), never what a laptop says. An author central holds no record of yet is deferred,
  with one exception, the bootstrap: a user's insert of their own record. Every laptop's first
  supervisor is made that way, before any record of anyone exists; the device was enrolled with a code
  from a supervisor at central, and its claim of this user was granted (no other device knows them), so
  the record is the laptop's to make. Its other users' records are then made by that supervisor.
- A user record made by a device's supervisor adds that user to the device; an id another device has
  enrolled with or claimed is refused, so no laptop takes over another's user by making their record
  first.

Users are few: the device's users' roles are read once per batch (one query), then each mutation is
judged with dictionary look-ups.
"""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.central.devices import AuthenticatedDevice, record_event
from burner_desk.central.models import DeviceUser, Record
from burner_desk.domain.people import Role
from burner_desk.domain.permissions import refusal, unknown_role
from burner_desk.sync.protocol import AWAITING_APPROVAL as AWAITING_APPROVAL_REASON
from burner_desk.sync.protocol import Mutation

_ROLES = {role.value: role for role in Role}


class Refusal(NamedTuple):
    status: str  # "rejected" (for good) or "deferred" (asked again at a later sync)
    reason: str


AWAITING_APPROVAL = Refusal("deferred", AWAITING_APPROVAL_REASON)
AUTHOR_NOT_HERE = Refusal("deferred", "the author's user record is not on central yet")


class Authority:
    """One batch's judge: the device's users and their roles, kept up to date as the batch writes."""

    def __init__(self, session: Session, device: AuthenticatedDevice) -> None:
        self._session = session
        self._device_id = device.id
        self._users = {str(user) for user in device.users}  # wire form, as mutations name them
        self._pending = {str(user) for user in device.pending_users}
        self._roles: dict[str, Role | None] | None = None  # user id -> role in central's record

    def refusal(self, mutation: Mutation, held: dict[str, Any] | None) -> Refusal | None:
        """Why this mutation may not be applied now, or None. `held` is the record as central holds it
        (None: central holds none, or the batch took an insert to be new without looking)."""
        author = mutation.author_id
        not_enrolled = self._not_enrolled(author, "the author")
        if not_enrolled is not None:
            return not_enrolled
        if mutation.op == "insert":
            created_by = mutation.changes.get("created_by", (None, None))[1]
            if created_by is not None and created_by != author:
                not_enrolled = self._not_enrolled(created_by, "created_by")
                if not_enrolled is not None:
                    return not_enrolled
        role = self._user_roles().get(author)
        if role is None:
            if mutation.entity == "user" and mutation.op == "insert" and mutation.entity_id == author:
                reason = unknown_role(mutation.changes.get("role", (None, None))[1])  # the bootstrap
                return None if reason is None else Refusal("rejected", reason)
            return AUTHOR_NOT_HERE
        reason = refusal(
            role,
            mutation.entity,
            mutation.op,
            mutation.changes,
            author_id=author,
            record_id=mutation.entity_id,
            held=held,
        )
        if reason is None and mutation.entity == "user" and mutation.op == "insert":
            reason = self._belongs_elsewhere(mutation.entity_id)
        return None if reason is None else Refusal("rejected", reason)

    def user_written(self, mutation: Mutation, fields: dict[str, Any]) -> None:
        """After a user record is written: its role counts from the next mutation on, and a new user joins
        the device (whose supervisor made them)."""
        user = mutation.entity_id
        self._user_roles()[user] = _ROLES.get(fields.get("role", ""))
        if mutation.op != "insert" or user in self._users or user in self._pending:
            return
        if self._session.get(DeviceUser, (self._device_id, uuid.UUID(user))) is None:  # another push's?
            self._session.add(DeviceUser(device_id=self._device_id, user_id=uuid.UUID(user)))
            record_event(self._session, "device.user_added", self._device_id, user_id=user)
        self._users.add(user)

    def _not_enrolled(self, user: str, who: str) -> Refusal | None:
        if user in self._users:
            return None
        if user in self._pending:
            return AWAITING_APPROVAL
        return Refusal("rejected", f"{who} is not a user enrolled with this device")

    def _user_roles(self) -> dict[str, Role | None]:
        """The role of each of the device's users (None: central holds no record of them yet), read
        once a batch; users whose records the batch wrote as the batch has them."""
        if self._roles is None:
            self._roles = dict.fromkeys(self._users)
            accounts = self._session.execute(
                select(Record.id, Record.fields).where(
                    Record.entity == "user", Record.id.in_([uuid.UUID(user) for user in self._users])
                )
            )
            for user_id, fields in accounts:
                self._roles[str(user_id)] = _ROLES.get(fields.get("role", ""))
        return self._roles

    def _belongs_elsewhere(self, user: str) -> str | None:
        """A user record made here by one of this device's supervisors: refused when the id is another
        device's (it enrolled with it, claimed it, or made it)."""
        if user in self._users or user in self._pending:
            return None
        elsewhere = self._session.scalar(
            select(DeviceUser.device_id).where(DeviceUser.user_id == uuid.UUID(user)).limit(1)
        )
        return None if elsewhere is None else "that user belongs to another laptop; it cannot be made here"
