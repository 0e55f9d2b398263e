"""Getting into the vault: first-run set-up, sign-in, lock. The UI and the CLI come through here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from burner_desk.domain import text
from burner_desk.domain.errors import VaultError
from burner_desk.domain.people import Actor, Role, sign_in_name
from burner_desk.domain.phone import normalise_us_phone
from burner_desk.storage import keyslot_names

# The vault stack (SQLAlchemy, Alembic, Argon2, cryptography) is imported by the calls that open a
# vault, not with this module: the unlock window imports it and must show before that stack loads.
if TYPE_CHECKING:
    from burner_desk.storage.keyslots import KdfParams
    from burner_desk.storage.uow import UnitOfWork
    from burner_desk.storage.vault import OpenVault

VAULT_STACK = ("burner_desk.storage.vault", "burner_desk.storage.models")

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
AGENCY = "agency"


@dataclass(frozen=True)
class SetupInput:
    agency: str
    device_name: str
    user_name: str  # sign-in name
    display_name: str
    badge_no: str
    direct_phone: str
    passphrase: str


@dataclass
class SignedIn:
    """An unlocked vault and who unlocked it. Dropped (and the key zeroed) by `lock`."""

    vault: OpenVault
    actor: Actor
    display_name: str
    agency: str
    device_name: str

    @property
    def uow(self) -> UnitOfWork:
        return self.vault.uow

    @property
    def keystore_warning(self) -> str | None:
        return self.vault.keystore_warning


def needs_setup(directory: Path) -> bool:
    return not keyslot_names.vault_exists(directory)


def load_vault_stack() -> None:
    """Import what opening a vault needs, and read the migration scripts every unlock compares the vault's
    revision with, ahead of the first unlock (the app calls it on the DB executor once the unlock window
    is up). Nothing depends on it having run: `sign_in` imports and reads what it needs."""
    for module in VAULT_STACK:
        importlib.import_module(module)
    from burner_desk.storage import migrate

    migrate.head_revision()


def sign_in_names(directory: Path) -> list[str]:
    """Names with a keyslot, for the unlock window's user list (readable without unlocking)."""
    return keyslot_names.slot_users(directory)


def first_run_setup(
    directory: Path, data: SetupInput, *, kdf: KdfParams | None = None, require_keystore: bool = False
) -> SignedIn:
    """Create the vault, the first supervisor and the device identity, in one go."""
    import uuid  # here and in sign_in, with the vault stack: not before the unlock window (~4 ms)

    from burner_desk.storage import vault as vault_store
    from burner_desk.storage.models import User

    agency = text.clean(data.agency, "agency", required=True)
    device_name = text.clean(data.device_name, "device_name", required=True)
    user_name = sign_in_name(data.user_name)
    display_name = text.clean(data.display_name, "display_name", required=True)
    badge_no = text.clean(data.badge_no, "badge_no", max_len=40)
    phone = normalise_us_phone(data.direct_phone, "direct_phone") if data.direct_phone.strip() else ""
    opened = vault_store.create(
        directory, user_name, data.passphrase, kdf=kdf, require_keystore=require_keystore
    )
    device_id = uuid.uuid4()
    try:
        user = User(
            id=uuid.uuid4(),
            name=user_name,
            display_name=display_name,
            badge_no=badge_no,
            role=Role.SUPERVISOR.value,
            direct_phone=phone,
        )
        actor = Actor(user.id, user_name, Role.SUPERVISOR, device_id)
        with opened.uow.begin(actor) as tx:
            tx.settings.put(DEVICE_ID, str(device_id))
            tx.settings.put(DEVICE_NAME, device_name)
            tx.settings.put(AGENCY, agency)
            tx.add(user)
            tx.record("vault.create", entity="vault")
            tx.record("user.create", user)
    except Exception:
        opened.close()
        raise
    return SignedIn(opened, actor, display_name, agency, device_name)


def sign_in(directory: Path, user_name: str, passphrase: str) -> SignedIn:
    """Unlock and load the actor. Every attempt, failed or not, is audited once the vault is open."""
    import uuid

    from burner_desk.storage import vault as vault_store

    opened = vault_store.unlock(directory, user_name, passphrase)
    try:
        with opened.uow.begin() as tx:
            user = tx.people.user_by_name(user_name)
            if user is None:
                raise VaultError(f"User {user_name} has a passphrase but no active account here.")
            device_id = uuid.UUID(tx.settings.get(DEVICE_ID))
            actor = Actor(user.id, user.name, Role(user.role), device_id)
            agency, device_name = tx.settings.get(AGENCY), tx.settings.get(DEVICE_NAME)
            display_name = user.display_name
        with opened.uow.begin(actor) as tx:
            # Failed attempts happen while the vault is shut; the guard file counted them.
            for _ in range(opened.failed_unlocks_before):
                tx.record("session.sign_in", entity="session", outcome="failed")
            tx.record("session.sign_in", entity="session")
    except Exception:
        opened.close()
        raise
    return SignedIn(opened, actor, display_name, agency, device_name)


def settle(signed_in: SignedIn) -> None:
    """What the DB thread does whenever it has nothing queued: make the commits so far durable and keep
    the WAL short (storage.engine.settle), so no save pays for it. Nothing once the vault is locked."""
    signed_in.vault.settle()


def lock(signed_in: SignedIn, reason: str) -> None:
    """Audit the lock, then close every connection and zero the key."""
    if signed_in.vault.closed:
        return  # already shut (a revoked laptop's vault is erased): nothing to audit it in
    try:
        with signed_in.uow.begin(signed_in.actor) as tx:
            tx.record(f"session.lock.{reason}", entity="session")
    finally:
        signed_in.vault.close()
