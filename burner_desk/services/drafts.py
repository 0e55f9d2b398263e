"""Drafts: a form's state kept in the vault while it is being filled in, so a lock or crash loses nothing.

The vault is SQLCipher, so a draft is encrypted at rest like every record. Drafts are local only (never
synced). A wizard saves its draft on every page and while typing; only the first save of a draft is
audited ("draft.create"), and no audit event or log line ever carries the draft's content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Actor
from burner_desk.storage.models import Draft
from burner_desk.storage.uow import UnitOfWork

ENCOUNTER = "encounter"  # the bedside wizard's kind
MAX_PAYLOAD_KEYS = 200  # a wizard's whole state; more is not a draft


@dataclass(frozen=True)
class DraftView:
    draft_id: UUID
    kind: str
    payload: dict[str, Any]
    created_at: datetime
    updated_at: datetime


def save(
    uow: UnitOfWork, actor: Actor, draft_id: UUID, kind: str, payload: dict[str, Any], now: datetime
) -> DraftView:
    """Create the draft or overwrite it. The form picks the id, so saves queued before the first one
    has finished still land on one draft."""
    if len(payload) > MAX_PAYLOAD_KEYS:
        raise ValidationError("draft", "the draft is too large to keep")
    with uow.begin(actor) as tx:
        draft = tx.drafts.get(draft_id, actor.user_id)
        if draft is None:
            draft = tx.drafts.add(
                Draft(
                    id=draft_id,
                    user_id=actor.user_id,
                    kind=kind,
                    payload=payload,
                    created_at=now,
                    updated_at=now,
                )
            )
            tx.record("draft.create", entity="draft")
        else:
            draft.payload, draft.updated_at = payload, now
        tx.flush()
        return _view(draft)


def latest(uow: UnitOfWork, actor: Actor, kind: str) -> DraftView | None:
    """The signed-in person's newest draft of this kind, to offer when the form opens again."""
    with uow.begin(actor) as tx:
        draft = tx.drafts.latest(actor.user_id, kind)
        return _view(draft) if draft is not None else None


def discard(uow: UnitOfWork, actor: Actor, draft_id: UUID) -> None:
    """Saved as a record, or thrown away by the person: the draft goes (a second call does nothing)."""
    with uow.begin(actor) as tx:
        draft = tx.drafts.get(draft_id, actor.user_id)
        if draft is not None:
            tx.drafts.delete(draft)
            tx.record("draft.delete", entity="draft")


def _view(draft: Draft) -> DraftView:
    return DraftView(draft.id, draft.kind, dict(draft.payload), draft.created_at, draft.updated_at)
