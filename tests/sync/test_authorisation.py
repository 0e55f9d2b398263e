"""Central trusts each laptop only as far as its users' roles (domain.permissions): a laptop whose app
was tampered with cannot promote or rename another laptop's users, and the refusal comes back to it."""

from __future__ import annotations

from sqlalchemy import select

from burner_desk.central import models
from burner_desk.domain.people import Role
from burner_desk.services import sync as sync_service
from burner_desk.services import users
from burner_desk.storage.models import User
from tests.conftest import TEST_KDF
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker


def _add_detective(laptop: Laptop) -> users.UserView:
    data = users.NewUserInput(
        "jordan.lee", "Det. Jordan Lee (sample)", Role.DETECTIVE, "", "", "Maple-Compass-0101"
    )
    return users.add_user(laptop.signed_in, data, kdf=TEST_KDF)


def _accounts(laptop: Laptop) -> dict[str, tuple[str, str]]:
    with laptop.signed_in.uow.begin() as tx:
        return {str(user.id): (user.role, user.display_name) for user in tx.people.users()}


def test_a_detective_cannot_promote_or_rename_another_laptop_s_users(
    live_central: LiveCentral, laptops: list[Laptop]
) -> None:
    first, second = laptops[0], laptops[1]
    detective = _add_detective(first)
    first.enroll(live_central)
    first.sync()
    worker = add_social_worker(second)
    boss = second.signed_in.actor.user_id
    second.enroll(live_central)
    second.sync()
    first.sync()  # the second laptop's users come down to the first
    before = _accounts(second)
    # The first laptop's app tampered with: its detective writes the other laptop's accounts directly
    with first.signed_in.uow.begin(detective.as_actor(first.signed_in.actor.device_id)) as tx:
        tx.get(User, worker.id).role = Role.SUPERVISOR.value
        tx.get(User, boss).display_name = "Someone Else (sample)"

    report = first.sync()
    second.sync()

    assert report.rejected == 2 and first.status().waiting == 0
    refused = sorted(
        conflict.reason for conflict in sync_service.conflicts(first.signed_in.uow, first.signed_in.actor)
    )
    assert refused == [
        "a detective may not change a user's display name",
        "a detective may not change a user's role",
    ]
    with live_central.db() as session:
        held = session.scalar(select(models.Record.fields).where(models.Record.id == worker.id))
    assert held is not None and held["role"] == "social_worker"
    assert _accounts(second) == before  # nothing of it reached the other laptop
