"""Sign-in names are unique agency-wide (DESIGN.md section 5a): a clash is caught when a user is created
online, otherwise at the next sync; a supervisor renames one of the two, and nobody is left with a name
they cannot sign in with - on the laptop where they sign in either."""

from __future__ import annotations

import pytest

from burner_desk.domain.errors import BurnerDeskError, ValidationError, VaultError
from burner_desk.services import access, users
from burner_desk.services import sync as sync_service
from tests.conftest import SETUP
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker

PASSPHRASE = "Cedar-Orchard-0102"  # add_social_worker's


def test_a_shared_sign_in_name_reaches_the_second_laptop_as_a_conflict_and_a_rename_settles_it(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]  # both set up by a supervisor called sam.rivera
    for laptop in (first, second):
        laptop.enroll(live_central)
    first.sync()

    report = second.sync()

    assert report.conflicts == 1 and report.needs_person == 1
    (conflict,) = sync_service.conflicts(second.signed_in.uow, second.signed_in.actor)
    assert (conflict.kind, conflict.entity_id) == ("name_taken", second.signed_in.actor.user_id)
    assert conflict.other == "Det. Sam Rivera (sample) at another desk"  # the first laptop's
    with pytest.raises(BurnerDeskError, match="set the record right"):
        sync_service.resolve_conflict(second.signed_in.uow, second.signed_in.actor, conflict.id, "local")

    users.rename_user(second.signed_in, second.signed_in.actor.user_id, "sam.rivera.b")

    assert sync_service.conflicts(second.signed_in.uow, second.signed_in.actor) == []
    assert second.signed_in.actor.user_name == "sam.rivera.b"
    assert second.sync().conflicts == 0
    first.sync()
    names = sorted(user.user_name for user in users.users(first.signed_in.uow))
    assert names == ["sam.rivera", "sam.rivera.b"]  # the suffix shown meanwhile is gone
    second.signed_in.vault.close()
    assert access.sign_in(second.signed_in.vault.directory, "sam.rivera.b", SETUP.passphrase)
    with pytest.raises(VaultError):
        access.sign_in(second.signed_in.vault.directory, "sam.rivera", SETUP.passphrase)


def test_a_name_taken_at_central_is_refused_when_online_and_checked_at_sync_when_not(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    for laptop in (first, second):
        laptop.enroll(live_central)
    add_social_worker(first, "casey.nguyen")
    first.sync()

    with pytest.raises(ValidationError, match=r"someone at another desk signs in as casey\.nguyen"):
        add_social_worker(second, "casey.nguyen")
    with pytest.raises(ValidationError, match="someone at another desk"):
        users.rename_user(second.signed_in, second.signed_in.actor.user_id, "casey.nguyen")

    live_central.stop()  # offline: only this laptop's own check
    assert add_social_worker(second, "casey.nguyen").user_name == "casey.nguyen"


def test_a_pulled_rename_of_a_user_who_signs_in_here_renames_their_keyslot(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    """A supervisor at another desk renames this laptop's social worker: the rename arrives with a pull,
    and the social worker signs in here with the new name and the passphrase they had."""
    here, elsewhere = laptops[0], laptops[1]
    worker = add_social_worker(here, "casey.nguyen")
    for laptop in (here, elsewhere):
        laptop.enroll(live_central)
    here.sync()
    elsewhere.sync()
    (copy,) = [user for user in users.users(elsewhere.signed_in.uow) if user.id == worker.id]

    users.rename_user(elsewhere.signed_in, copy.id, "casey.nguyen2")
    elsewhere.sync()
    here.sync()

    assert here.signed_in.vault.slot_users() == ["sam.rivera", "casey.nguyen2"]
    directory = here.signed_in.vault.directory
    here.signed_in.vault.close()
    signed_in = access.sign_in(directory, "casey.nguyen2", PASSPHRASE)
    assert signed_in.actor.user_id == worker.id
    signed_in.vault.close()
    with pytest.raises(VaultError):
        access.sign_in(directory, "casey.nguyen", PASSPHRASE)
