"""Vault settings: defaults, a supervisor's change persists across a re-open and is audited; others refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from uuid import uuid4

import pytest

from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.services import access, settings
from burner_desk.services.access import SignedIn
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE


def test_a_new_vault_reads_the_defaults(signed_in: SignedIn) -> None:
    assert settings.load(signed_in.uow) == settings.VaultSettings(
        idle_lock_minutes=15,
        survivor_language=Language.EN,
        family_language=Language.EN,
        stock_threshold_phones=5,
        stock_threshold_bags=3,
    )


def test_a_change_persists_after_a_lock_and_is_audited(signed_in: SignedIn, vault_dir: Path) -> None:
    wanted = settings.VaultSettings(
        idle_lock_minutes=10,
        survivor_language=Language.ES,
        family_language=Language.ES,
        stock_threshold_phones=8,
        stock_threshold_bags=2,
    )
    assert settings.save(signed_in.uow, signed_in.actor, wanted) == wanted
    with signed_in.uow.begin() as tx:
        assert tx.audit_trail()[-1] == ("settings.change", "setting", "ok")
    access.lock(signed_in, "manual")
    reopened = access.sign_in(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    try:
        assert settings.load(reopened.uow) == wanted
    finally:
        reopened.vault.close()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"idle_lock_minutes": 31}, "idle_lock_minutes"),
        ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
        ({"stock_threshold_phones": -1}, "stock_threshold_phones"),
        ({"stock_threshold_bags": 501}, "stock_threshold_bags"),
    ],
)
def test_out_of_range_values_are_refused_with_the_field(
    signed_in: SignedIn, change: dict[str, int], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        settings.save(signed_in.uow, signed_in.actor, replace(settings.DEFAULTS, **change))
    assert refused.value.field == field
    assert settings.load(signed_in.uow) == settings.DEFAULTS


@pytest.mark.parametrize("role", [Role.DETECTIVE, Role.SOCIAL_WORKER])
def test_only_a_supervisor_changes_settings(signed_in: SignedIn, role: Role) -> None:
    actor = Actor(signed_in.actor.user_id, signed_in.actor.user_name, role, signed_in.actor.device_id)
    with pytest.raises(NotPermitted):
        settings.save(signed_in.uow, actor, replace(settings.DEFAULTS, stock_threshold_phones=9))
    assert settings.load(signed_in.uow).stock_threshold_phones == 5


def test_a_value_edited_outside_the_app_never_lifts_the_idle_lock_over_30(signed_in: SignedIn) -> None:
    with signed_in.uow.begin() as tx:
        tx.settings.put(settings.IDLE_LOCK_MINUTES, "240")
        tx.settings.put(settings.STOCK_THRESHOLD_PHONES, "many")
        tx.settings.put(settings.FAMILY_LANGUAGE, "xx")
    loaded = settings.load(signed_in.uow)
    assert loaded.idle_lock_minutes == settings.MAX_IDLE_MINUTES
    assert loaded.stock_threshold_phones == 5
    assert loaded.family_language is Language.EN


def test_each_user_chooses_the_language_of_their_own_screens(signed_in: SignedIn) -> None:
    """No supervisor needed, English until chosen, audited, and one user's choice is not another's."""
    detective = Actor(uuid4(), "jo.detective", Role.DETECTIVE, signed_in.actor.device_id)
    assert settings.ui_language(signed_in.uow, detective) is Language.EN
    assert settings.set_ui_language(signed_in.uow, detective, Language.ES) is Language.ES
    assert settings.ui_language(signed_in.uow, detective) is Language.ES
    assert settings.ui_language(signed_in.uow, signed_in.actor) is Language.EN
    with signed_in.uow.begin() as tx:
        assert tx.audit_trail()[-1] == ("settings.change.language", "setting", "ok")
