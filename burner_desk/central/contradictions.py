"""Contradictions no single record shows (DESIGN.md section 5a), found as a push writes:

- one burner phone issued to two survivors: a phone swap naming a phone that an open swap of another
  encounter already names (a swap is open while the phone is out: not returned, not deleted, and the
  phone not marked returned, lost or retired since);
- one sign-in name held by two people: a user inserted or renamed to a name another live user holds.

Either way central keeps the change - the swap or the user is real, and so is the work done with it - and
answers the pushing laptop with a conflict (protocol.ConflictKind) that a person there settles. Both are
found by index (models.BurnerIssue, models.SignInName): the rows a batch needs are read with one query
each, up front, and written back at the end, so each mutation costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.db import insert_rows, one_of
from burner_desk.central.models import BurnerIssue, SignInName
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.sync.protocol import UUID_TEXT, Conflict, ConflictKind, FieldValue, Mutation

_UUID = re.compile(UUID_TEXT)


def _new_value(mutation: Mutation, field: str) -> Any:
    change = mutation.changes.get(field)
    return None if change is None else change[1]


def _wire_id(value: Any) -> str | None:
    """A value that may name a record: its id in wire form, or None (a refused mutation's bad value)."""
    return value if isinstance(value, str) and _UUID.fullmatch(value) else None


class Contradictions:
    """What one push batch knows of the two indexes, and what it changed in them."""

    def __init__(self, session: Session, mutations: Sequence[Mutation]) -> None:
        self._session = session
        swaps: set[str] = set()
        phones: set[str] = set()
        users: set[str] = set()
        names: set[str] = set()
        for mutation in mutations:  # a push carries thousands: only these three kinds are looked at
            entity = mutation.entity
            if entity == "phone_swap":
                swaps.add(mutation.entity_id)
                if phone := _wire_id(_new_value(mutation, "burner_phone_id")):
                    phones.add(phone)
            elif entity == "burner_phone":
                phones.add(mutation.entity_id)
            elif entity == "user":
                users.add(mutation.entity_id)
                if isinstance(name := _new_value(mutation, "name"), str):
                    names.add(name)
        # burner phone -> {open swap naming it: that swap's encounter}, and swap -> the phone it names
        self._issued: dict[str, dict[str, str | None]] = {phone: {} for phone in phones}
        self._phone_of: dict[str, str] = {}
        self._swaps_changed: set[str] = set()
        # sign-in name -> the live users holding it, and user -> name
        self._holders: dict[str, set[str]] = {name: set() for name in names}
        self._name_of: dict[str, str] = {}
        self._users_changed: set[str] = set()
        if swaps or phones:
            self._read_issues(swaps, phones)
        if users or names:
            self._read_names(users, names)

    def _read_issues(self, swaps: set[str], phones: set[str]) -> None:
        found = self._session.execute(
            select(BurnerIssue.phone_swap_id, BurnerIssue.burner_phone_id, BurnerIssue.encounter_id).where(
                or_(
                    one_of(self._session, BurnerIssue.phone_swap_id, [uuid.UUID(s) for s in swaps]),
                    one_of(self._session, BurnerIssue.burner_phone_id, [uuid.UUID(p) for p in phones]),
                )
            )
        )
        for swap_id, phone_id, encounter_id in found:
            swap, phone = str(swap_id), str(phone_id)
            self._issued.setdefault(phone, {})[swap] = str(encounter_id) if encounter_id else None
            self._phone_of[swap] = phone

    def _read_names(self, users: set[str], names: set[str]) -> None:
        found = self._session.execute(
            select(SignInName.user_id, SignInName.name).where(
                or_(
                    one_of(self._session, SignInName.user_id, [uuid.UUID(u) for u in users]),
                    one_of(self._session, SignInName.name, list(names)),
                )
            )
        )
        for user_id, name in found:
            self._holders.setdefault(name, set()).add(str(user_id))
            self._name_of[str(user_id)] = name

    # --- as the batch writes ------------------------------------------------------------------------

    def after_write(self, mutation: Mutation, record_id: str, fields: dict[str, Any]) -> Conflict | None:
        """Bring the indexes up to date with a record the batch just wrote (`fields` as now held); the
        conflict to report to the pushing laptop, if the write made a contradiction."""
        if mutation.entity == "phone_swap":
            other = self._swap_written(record_id, fields)
            return (
                None
                if other is None
                else _conflict(mutation, "double_issue", "burner_phone_id", fields, other)
            )
        if mutation.entity == "burner_phone":
            self._phone_written(record_id, fields)
        elif mutation.entity == "user":
            other = self._user_written(record_id, fields)
            return None if other is None else _conflict(mutation, "name_taken", "name", fields, other)
        return None

    def _swap_written(self, swap: str, fields: dict[str, Any]) -> str | None:
        """Returns another encounter's open swap naming the same phone, when this swap newly names it."""
        phone = _wire_id(fields.get("burner_phone_id"))
        is_open = phone is not None and fields.get("returned_at") is None and fields.get("deleted_at") is None
        before = self._phone_of.get(swap)
        if before is not None and (not is_open or before != phone):
            self._issued.get(before, {}).pop(swap, None)
            del self._phone_of[swap]
            self._swaps_changed.add(swap)
        if phone is None or not is_open or before == phone:
            return None
        holders = self._issued.setdefault(phone, {})
        encounter = _wire_id(fields.get("encounter_id"))
        other = next((held for held, held_in in holders.items() if held_in != encounter), None)
        holders[swap] = encounter
        self._phone_of[swap] = phone
        self._swaps_changed.add(swap)
        return other

    def _phone_written(self, phone: str, fields: dict[str, Any]) -> None:
        """A phone back from a survivor (returned, lost, retired) or deleted ends every swap's hold on it."""
        if fields.get("status") == PhoneStatus.ISSUED.value and fields.get("deleted_at") is None:
            return
        for swap in self._issued.pop(phone, {}):
            self._phone_of.pop(swap, None)
            self._swaps_changed.add(swap)

    def _user_written(self, user: str, fields: dict[str, Any]) -> str | None:
        """Returns another live user holding the name, when this user newly holds it."""
        name = fields.get("name")
        live = isinstance(name, str) and fields.get("deleted_at") is None
        before = self._name_of.get(user)
        if before is not None and (not live or before != name):
            self._holders.get(before, set()).discard(user)
            del self._name_of[user]
            self._users_changed.add(user)
        if not live or before == name:
            return None
        assert isinstance(name, str)
        holders = self._holders.setdefault(name, set())
        other = min(holders, default=None)
        holders.add(user)
        self._name_of[user] = name
        self._users_changed.add(user)
        return other

    def write(self) -> None:
        """The index rows this batch changed, written back in its transaction."""
        if self._swaps_changed:
            changed = [uuid.UUID(swap) for swap in self._swaps_changed]
            self._session.execute(
                delete(BurnerIssue).where(one_of(self._session, BurnerIssue.phone_swap_id, changed))
            )
            insert_rows(
                self._session,
                BurnerIssue,
                [
                    {
                        "phone_swap_id": swap,
                        "burner_phone_id": self._phone_of[swap],
                        "encounter_id": self._issued[self._phone_of[swap]][swap],
                    }
                    for swap in sorted(self._swaps_changed)
                    if swap in self._phone_of
                ],
            )
        if self._users_changed:
            changed = [uuid.UUID(user) for user in self._users_changed]
            self._session.execute(
                delete(SignInName).where(one_of(self._session, SignInName.user_id, changed))
            )
            insert_rows(
                self._session,
                SignInName,
                [
                    {"user_id": user, "name": self._name_of[user]}
                    for user in sorted(self._users_changed)
                    if user in self._name_of
                ],
            )


def _conflict(
    mutation: Mutation, kind: ConflictKind, field: str, fields: dict[str, Any], other: str
) -> Conflict:
    """This record's value of `field` on the laptop's side; on central's, the other record's id."""
    return Conflict(
        field=field,
        kind=kind,
        server=FieldValue(value=other, by=None, at=None),
        client=FieldValue(value=fields.get(field), by=uuid.UUID(mutation.author_id), at=mutation.created_at),
    )


def name_holder(sessions: sessionmaker[Session], name: str) -> uuid.UUID | None:
    """A live user holding this sign-in name, if any (a laptop asks before it creates or renames one)."""
    with sessions() as session:
        return session.scalar(select(SignInName.user_id).where(SignInName.name == name).limit(1))
