"""Forward-secure seals on the audit chain (storage.audit_seal): every new event is sealed with a key that
then moves on, vaults from before seals upgrade without losing anything, and the chain still verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from burner_desk.storage import audit_seal, migrate, vault
from burner_desk.storage.models import AuditEvent, AuditHead
from tests.storage.conftest import PASSPHRASE, USER, add_person

BEFORE_SEALS = "0003"  # the laptop's schema revision before audit seals


def downgrade(engine: Engine, revision: str = BEFORE_SEALS) -> None:
    """Take a vault back to an older schema revision, as an older app left it."""
    with engine.begin() as conn:  # the tables it alters are referenced by none
        command.downgrade(migrate.alembic_config(conn), revision)


def _seals(opened: vault.OpenVault) -> list[str | None]:
    with opened.uow.begin() as tx:
        return list(tx._session.scalars(select(AuditEvent.seal).order_by(AuditEvent.seq)))


def _head(opened: vault.OpenVault) -> AuditHead:
    with opened.uow.begin() as tx:
        head = tx._session.get(AuditHead, 1)
        assert head is not None
        return head


def test_each_event_is_sealed_with_a_key_that_then_moves_on(opened: vault.OpenVault) -> None:
    with opened.uow.begin() as tx:
        assert tx.audit.seal_start() is None  # no event yet, no key
    add_person(opened, "Ada")
    with opened.uow.begin() as tx:
        seq, first_key = tx.audit.seal_start() or (0, b"")
    add_person(opened, "Bea")
    add_person(opened, "Cy")

    with opened.uow.begin() as tx:
        events = tx.audit.events_after(seq - 1, 10)
        assert tx.audit.seal_start() == (seq + 2, audit_seal.advance(first_key, 2))
    key = first_key
    for event in events:  # central's check: each seal from the key handed over, moved forward
        expected, key = audit_seal.seal(
            key, audit_seal.chain_message(event.prev_hash, event.fields), event.hash
        )
        assert event.seal == expected
    assert first_key not in {_head(opened).seal_key}  # the laptop kept only the next key
    assert opened.verify() is None


def test_a_vault_from_before_seals_upgrades_and_its_chain_still_verifies(
    opened: vault.OpenVault, vault_dir: Path
) -> None:
    add_person(opened, "Ada")
    downgrade(opened.engine)
    with opened.engine.connect() as conn:
        written_before = conn.execute(text("SELECT seq, hash FROM audit_event ORDER BY seq")).all()
    opened.close()

    upgraded = vault.unlock(vault_dir, USER, PASSPHRASE)  # migrates to the newest revision
    try:
        assert migrate.current_revision(upgraded.engine) == migrate.head_revision()
        assert upgraded.verify() is None
        assert _seals(upgraded) == [None] * len(written_before)
        assert _head(upgraded).seal_key is not None  # sealing starts with the upgrade
        add_person(upgraded, "Bea")
        seals = _seals(upgraded)
        assert seals[: len(written_before)] == [None] * len(written_before) and seals[-1] is not None
        with upgraded.engine.connect() as conn:
            kept = conn.execute(text("SELECT seq, hash FROM audit_event ORDER BY seq")).all()
        assert kept[: len(written_before)] == written_before
        assert upgraded.verify() is None
    finally:
        upgraded.close()


@pytest.mark.parametrize("seq", [2, 3])
def test_verify_names_an_event_that_lost_its_seal(opened: vault.OpenVault, seq: int) -> None:
    for name in ("Ada", "Bea", "Cy"):
        add_person(opened, name)
    with opened.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET seal = NULL WHERE seq = :seq"), {"seq": seq})

    assert opened.verify() == f"audit event {seq} (person.create) lost its seal"
