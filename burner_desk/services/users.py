"""Who may open this vault: users, each with their own keyslot. Supervisors manage them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from burner_desk.domain import passphrase as passphrase_policy
from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError, VaultError
from burner_desk.domain.ids import new_id
from burner_desk.domain.people import Actor, Role, sign_in_name
from burner_desk.domain.permissions import Op, require
from burner_desk.domain.phone import display_us_phone, normalise_us_phone
from burner_desk.services import sync
from burner_desk.services.access import SignedIn
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.models import User
from burner_desk.storage.uow import UnitOfWork


@dataclass(frozen=True)
class NewUserInput:
    user_name: str  # sign-in name
    display_name: str
    role: Role
    badge_no: str
    direct_phone: str
    passphrase: str  # the first one; the user changes it at their first sign-in


@dataclass(frozen=True)
class UserView:
    id: UUID
    user_name: str
    display_name: str
    role: Role
    badge_no: str
    direct_phone: str

    @staticmethod
    def of(row: User) -> UserView:
        return UserView(
            row.id,
            row.name,
            row.display_name,
            Role(row.role),
            row.badge_no,
            display_us_phone(row.direct_phone),
        )

    def as_actor(self, device_id: UUID) -> Actor:
        return Actor(self.id, self.user_name, self.role, device_id)


def add_user(signed_in: SignedIn, data: NewUserInput, kdf: KdfParams | None = None) -> UserView:
    """The account row and its keyslot: the slot is written last, so a refused passphrase saves nothing.
    Sign-in names are unique agency-wide: central is asked when it can be (_check_name_free_at_central)."""
    require(signed_in.actor, "user", Op.INSERT)
    name = sign_in_name(data.user_name)
    passphrase_policy.check(data.passphrase)
    _check_name_free_at_central(signed_in, name, "user_name")
    user = User(
        id=new_id(),
        name=name,
        display_name=text.clean(data.display_name, "display_name", required=True),
        badge_no=text.clean(data.badge_no, "badge_no", max_len=40),
        role=data.role.value,
        direct_phone=normalise_us_phone(data.direct_phone, "direct_phone")
        if data.direct_phone.strip()
        else "",
    )
    slot_written = False
    try:
        with signed_in.uow.begin(signed_in.actor) as tx:
            if tx.people.name_ever_used(name):
                raise ValidationError(
                    "user_name", f"{name} is or was a user here; choose another sign-in name"
                )
            tx.add(user)
            tx.record("user.create", user)
            signed_in.vault.add_user_slot(name, data.passphrase, kdf)
            slot_written = True
    except BaseException:
        if slot_written:  # the commit failed after the slot was written: take the slot back out
            signed_in.vault.remove_user_slot(name)
        raise
    return UserView.of(user)


def rename_user(signed_in: SignedIn, user_id: UUID, new_name: str) -> UserView:
    """A new sign-in name for a user - two people at two desks had the same one (sign-in names are unique
    agency-wide), or it was mistyped. A keyslot here follows the name, and the change syncs: the laptop
    where they sign in renames theirs, so nobody is left with a name they cannot sign in with. The open
    "two people use this sign-in name" conflicts about either of them are settled with it."""
    require(signed_in.actor, "user", Op.UPDATE)
    name = sign_in_name(new_name)
    _check_name_free_at_central(signed_in, name, "new_name")
    vault = signed_in.vault
    slot_renamed_from: str | None = None
    try:
        with signed_in.uow.begin(signed_in.actor) as tx:
            user = tx.get(User, user_id)
            old = user.name
            if old == name:
                raise ValidationError("new_name", f"{name} is already this user's sign-in name")
            if tx.people.name_ever_used(name):
                raise ValidationError(
                    "new_name", f"{name} is or was a user here; choose another sign-in name"
                )
            user.name = name
            tx.sync.reclaim_name(old)
            tx.sync.settle_name_conflicts(user.id, signed_in.actor.user_id)
            tx.record("user.rename", user)
            if old in vault.slot_users():  # last: if it fails, the account stays as it was
                vault.rename_user_slot(old, name)
                slot_renamed_from = old
    except BaseException:
        if slot_renamed_from is not None:  # the commit failed after the slot was renamed: name it back
            vault.rename_user_slot(name, slot_renamed_from)
        raise
    if signed_in.actor.user_id == user.id:
        signed_in.actor = replace(signed_in.actor, user_name=name)
    return UserView.of(user)


def remove_user(signed_in: SignedIn, user_name: str, now: datetime) -> UserView:
    """Tombstone the account (synced rows are never deleted) and destroy its keyslot."""
    require(signed_in.actor, "user", Op.DELETE)
    name = sign_in_name(user_name)
    if name == signed_in.actor.user_name:
        raise ValidationError("user_name", "you cannot remove your own account; ask another supervisor")
    with signed_in.uow.begin(signed_in.actor) as tx:
        user = tx.people.user_by_name(name)
        if user is None:
            raise ValidationError("user_name", f"no user {name} here")
        user.deleted_at = now
        tx.record("user.remove", user)
        signed_in.vault.remove_user_slot(name)  # last: if it fails, the account stays as it was
        return UserView.of(user)


def change_own_passphrase(signed_in: SignedIn, old: str, new: str, kdf: KdfParams | None = None) -> None:
    """Re-wraps the data key only; the database is untouched. Failed attempts are audited too."""
    try:
        signed_in.vault.change_passphrase(signed_in.actor.user_name, old, new, kdf)
    except (VaultError, ValidationError):
        _audit_passphrase_change(signed_in, "failed")
        raise
    _audit_passphrase_change(signed_in, "ok")


def reset_passphrase(
    signed_in: SignedIn, user_name: str, new_passphrase: str, kdf: KdfParams | None = None
) -> UserView:
    """A supervisor gives a user who forgot their passphrase a new one (they change it at their next
    sign-in); one's own is changed with the current one instead (change_own_passphrase)."""
    require(signed_in.actor, "user", Op.UPDATE)  # a keyslot, not a record, but managing users all the same
    name = sign_in_name(user_name)
    if name == signed_in.actor.user_name:
        raise ValidationError("user_name", "change your own passphrase with your current one instead")
    with signed_in.uow.begin(signed_in.actor) as tx:
        user = tx.people.user_by_name(name)
        if user is None:
            raise ValidationError("user_name", f"no user {name} here")
        tx.record("user.reset_passphrase", user)
        signed_in.vault.reset_passphrase(name, new_passphrase, kdf)  # last: a refused one records nothing
        return UserView.of(user)


def users(uow: UnitOfWork) -> list[UserView]:
    with uow.begin() as tx:
        return [UserView.of(row) for row in tx.people.users()]


def _audit_passphrase_change(signed_in: SignedIn, outcome: str) -> None:
    with signed_in.uow.begin(signed_in.actor) as tx:
        tx.record("user.change_passphrase", tx.get(User, signed_in.actor.user_id), outcome=outcome)


def _check_name_free_at_central(signed_in: SignedIn, name: str, field: str) -> None:
    """Refuse a sign-in name another user at central holds. Offline (or not enrolled) only this laptop's
    own check applies, and central reports a clash at the next sync for a supervisor to rename one."""
    if sync.sign_in_name_taken(signed_in, name):
        raise ValidationError(
            field, f"someone at another desk signs in as {name}; choose another sign-in name"
        )
