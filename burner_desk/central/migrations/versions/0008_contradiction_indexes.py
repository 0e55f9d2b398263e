"""burner_issue and sign_in_name: which open swaps name each burner phone, and which user holds each
sign-in name, so a push finds one phone issued to two survivors, or one name held by two people, by index

Filled from the records central holds already.

Revision ID: 0008
Revises: 0007
"""

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "burner_issue",
        sa.Column("phone_swap_id", sa.Uuid(), nullable=False),
        sa.Column("burner_phone_id", sa.Uuid(), nullable=False),
        sa.Column("encounter_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("phone_swap_id", name=op.f("pk_burner_issue")),
    )
    op.create_index(op.f("ix_burner_issue_burner_phone_id"), "burner_issue", ["burner_phone_id"], unique=False)
    op.create_table(
        "sign_in_name",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_sign_in_name")),
    )
    op.create_index(op.f("ix_sign_in_name_name"), "sign_in_name", ["name"], unique=False)
    _fill()


def _fill() -> None:
    """The same rules as central.contradictions, over the records held (a migration does not import the
    app: it must keep doing what it did when it was written)."""
    record = sa.table(
        "record", sa.column("entity", sa.String()), sa.column("id", sa.Uuid()), sa.column("fields", sa.JSON())
    )
    conn = op.get_bind()

    def records(entity: str) -> list[tuple[uuid.UUID, dict[str, Any]]]:
        rows = conn.execute(sa.select(record.c.id, record.c.fields).where(record.c.entity == entity))
        return [(row_id, fields) for row_id, fields in rows]

    out_with_survivor = {
        str(phone_id)
        for phone_id, fields in records("burner_phone")
        if fields.get("status") == "issued" and fields.get("deleted_at") is None
    }
    issues = [
        {
            "phone_swap_id": swap_id,
            "burner_phone_id": uuid.UUID(fields["burner_phone_id"]),
            "encounter_id": uuid.UUID(fields["encounter_id"]) if fields.get("encounter_id") else None,
        }
        for swap_id, fields in records("phone_swap")
        if fields.get("burner_phone_id") in out_with_survivor
        and fields.get("returned_at") is None
        and fields.get("deleted_at") is None
    ]
    names = [
        {"user_id": user_id, "name": fields["name"]}
        for user_id, fields in records("user")
        if fields.get("deleted_at") is None and isinstance(fields.get("name"), str)
    ]
    burner_issue = sa.table(
        "burner_issue",
        sa.column("phone_swap_id", sa.Uuid()),
        sa.column("burner_phone_id", sa.Uuid()),
        sa.column("encounter_id", sa.Uuid()),
    )
    sign_in_name = sa.table("sign_in_name", sa.column("user_id", sa.Uuid()), sa.column("name", sa.String()))
    if issues:
        op.bulk_insert(burner_issue, issues)
    if names:
        op.bulk_insert(sign_in_name, names)


def downgrade() -> None:
    op.drop_index(op.f("ix_sign_in_name_name"), table_name="sign_in_name")
    op.drop_table("sign_in_name")
    op.drop_index(op.f("ix_burner_issue_burner_phone_id"), table_name="burner_issue")
    op.drop_table("burner_issue")
