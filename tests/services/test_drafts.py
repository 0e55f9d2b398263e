"""Drafts in the vault: one row per form, audited once, private to their author, never synced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from burner_desk.domain.ids import new_id
from burner_desk.domain.people import Actor, Role
from burner_desk.services import drafts
from burner_desk.storage import vault
from tests.services.conftest import Program

NOW = datetime(2025, 3, 1, 22, 30, tzinfo=UTC)
SECRET = "Avery Quinlan (sample) fentanyl"


def test_saves_overwrite_one_draft_and_only_the_first_is_audited(program: Program) -> None:
    draft_id = new_id()
    outbox_before = program.outbox()
    for minute, name in enumerate(("A", "Av", "Avery")):
        drafts.save(
            program.uow,
            program.actor,
            draft_id,
            drafts.ENCOUNTER,
            {"given_name": name},
            NOW + timedelta(minutes=minute),
        )

    draft = drafts.latest(program.uow, program.actor, drafts.ENCOUNTER)
    assert draft is not None
    assert (draft.draft_id, draft.payload) == (draft_id, {"given_name": "Avery"})
    assert (draft.created_at, draft.updated_at) == (NOW, NOW + timedelta(minutes=2))
    assert [a for a, _e, _o in program.audit()].count("draft.create") == 1
    assert program.outbox() == outbox_before  # local only: nothing to sync

    drafts.discard(program.uow, program.actor, draft_id)
    drafts.discard(program.uow, program.actor, draft_id)  # a second discard is harmless
    assert drafts.latest(program.uow, program.actor, drafts.ENCOUNTER) is None
    assert [a for a, _e, _o in program.audit()][-1] == "draft.delete"
    assert [a for a, _e, _o in program.audit()].count("draft.delete") == 1


def test_latest_is_the_newest_and_only_the_authors(program: Program) -> None:
    older, newer = new_id(), new_id()
    drafts.save(program.uow, program.actor, older, drafts.ENCOUNTER, {"n": 1}, NOW)
    drafts.save(program.uow, program.actor, newer, drafts.ENCOUNTER, {"n": 2}, NOW + timedelta(hours=1))
    draft = drafts.latest(program.uow, program.actor, drafts.ENCOUNTER)
    assert draft is not None and draft.draft_id == newer

    colleague = Actor(new_id(), "jo.social", Role.SOCIAL_WORKER, program.actor.device_id)
    assert drafts.latest(program.uow, colleague, drafts.ENCOUNTER) is None
    drafts.discard(program.uow, colleague, newer)  # not theirs: nothing happens
    assert drafts.latest(program.uow, program.actor, drafts.ENCOUNTER) is not None


def test_draft_content_is_encrypted_at_rest(program: Program, vault_dir: Path) -> None:
    drafts.save(program.uow, program.actor, new_id(), drafts.ENCOUNTER, {"given_name": SECRET}, NOW)
    program.signed_in.vault.close()
    for path in vault_dir.iterdir():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path.name
    assert (vault_dir / vault.DB_FILE).exists()
