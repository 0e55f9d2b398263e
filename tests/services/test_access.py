from pathlib import Path

import pytest

from burner_desk.domain.errors import WrongPassphrase
from burner_desk.services import access
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE


def test_setup_then_sign_in_audits_failures_and_success(signed_in: access.SignedIn, vault_dir: Path) -> None:
    access.lock(signed_in, "manual")
    with pytest.raises(WrongPassphrase):
        access.sign_in(vault_dir, SETUP.user_name, "Not the right one 1")
    again = access.sign_in(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    try:
        assert again.actor.user_name == SETUP.user_name
        assert again.agency == SETUP.agency
        assert again.vault.verify() is None
        with again.uow.begin() as tx:
            counts = tx.live_counts()
            trail = tx.audit_trail()
        assert counts["user"] == 1
        assert trail[0] == ("vault.create", "vault", "ok")
        assert trail[-2:] == [("session.sign_in", "session", "failed"), ("session.sign_in", "session", "ok")]
    finally:
        again.vault.close()
