from dataclasses import replace
from pathlib import Path

import pytest

from burner_desk.domain.errors import NotPermitted, ValidationError, VaultError
from burner_desk.domain.people import Role
from burner_desk.services import access, users
from tests.conftest import SUPERVISOR_PASSPHRASE, TEST_KDF
from tests.services.conftest import NOW

DETECTIVE = users.NewUserInput(
    "Jordan.Lee", "Det. Jordan Lee (sample)", Role.DETECTIVE, "A-0102", "(703) 555-0102", "Maple-Compass-0101"
)


def test_supervisor_adds_a_user_who_can_sign_in(signed_in: access.SignedIn, vault_dir: Path) -> None:
    view = users.add_user(signed_in, DETECTIVE, TEST_KDF)

    assert (view.user_name, view.role, view.direct_phone) == ("jordan.lee", Role.DETECTIVE, "(703) 555-0102")
    assert sorted(signed_in.vault.slot_users()) == ["jordan.lee", "sam.rivera"]
    assert signed_in.vault.verify() is None
    with signed_in.uow.begin() as tx:
        assert tx.audit_trail()[-1] == ("user.create", "user", "ok")
    detective = access.sign_in(vault_dir, "jordan.lee", DETECTIVE.passphrase)
    try:
        assert detective.actor.role is Role.DETECTIVE
        with pytest.raises(NotPermitted):
            users.add_user(detective, DETECTIVE, TEST_KDF)
        with pytest.raises(NotPermitted):
            users.remove_user(detective, "sam.rivera", NOW)
    finally:
        detective.vault.close()


def test_weak_passphrase_or_taken_name_saves_nothing(signed_in: access.SignedIn) -> None:
    with pytest.raises(ValidationError) as caught:
        users.add_user(signed_in, replace(DETECTIVE, passphrase="short"), TEST_KDF)
    assert caught.value.field == "passphrase"
    with pytest.raises(ValidationError, match="is or was a user here"):
        users.add_user(signed_in, replace(DETECTIVE, user_name="SAM.RIVERA"), TEST_KDF)
    assert signed_in.vault.slot_users() == ["sam.rivera"]
    assert [u.user_name for u in users.users(signed_in.uow)] == ["sam.rivera"]


def test_remove_user_tombstones_and_destroys_the_slot(signed_in: access.SignedIn, vault_dir: Path) -> None:
    users.add_user(signed_in, DETECTIVE, TEST_KDF)
    with pytest.raises(ValidationError, match="your own account"):
        users.remove_user(signed_in, "sam.rivera", NOW)

    removed = users.remove_user(signed_in, "jordan.lee", NOW)

    assert removed.user_name == "jordan.lee"
    assert signed_in.vault.slot_users() == ["sam.rivera"]
    assert [u.user_name for u in users.users(signed_in.uow)] == ["sam.rivera"]
    with signed_in.uow.begin() as tx:
        assert tx.live_counts()["user"] == 1
        assert tx.audit_trail()[-1] == ("user.remove", "user", "ok")
        assert tx.outbox_entities()[-1] == ("user", "delete")
    with pytest.raises(VaultError):
        access.sign_in(vault_dir, "jordan.lee", DETECTIVE.passphrase)


def test_change_own_passphrase_rewraps_and_audits_failures(
    signed_in: access.SignedIn, vault_dir: Path
) -> None:
    new = "Another strong 42 phrase"
    with pytest.raises(VaultError, match="current passphrase is not correct"):
        users.change_own_passphrase(signed_in, "Wrong old one 12", new, TEST_KDF)

    users.change_own_passphrase(signed_in, SUPERVISOR_PASSPHRASE, new, TEST_KDF)

    with signed_in.uow.begin() as tx:
        assert tx.audit_trail()[-2:] == [
            ("user.change_passphrase", "user", "failed"),
            ("user.change_passphrase", "user", "ok"),
        ]
    access.lock(signed_in, "manual")
    again = access.sign_in(vault_dir, "sam.rivera", new)
    try:
        assert again.vault.verify() is None
    finally:
        again.vault.close()
