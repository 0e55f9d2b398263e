"""co-response calls (ACORP) and the clinician's notes on them

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "co_response_call",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("block", sa.String(length=200), nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=False),
        sa.Column("officer_cit_trained", sa.Boolean(), nullable=False),
        sa.Column("clinician", sa.String(length=200), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("substances", sa.JSON(), nullable=False),
        sa.Column("actions_taken", sa.Text(), nullable=False),
        sa.Column("disposition", sa.String(length=30), nullable=False),
        sa.Column("arrest_avoided", sa.Boolean(), nullable=False),
        sa.Column("involuntary_avoided", sa.Boolean(), nullable=False),
        sa.Column("on_scene_minutes", sa.Integer(), nullable=False),
        sa.Column("referral_resource_ids", sa.JSON(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_co_response_call_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_co_response_call")),
    )
    with op.batch_alter_table("co_response_call") as batch:
        batch.create_index(batch.f("ix_co_response_call_person_id"), ["person_id"], unique=False)
        batch.create_index(batch.f("ix_co_response_call_called_at"), ["called_at"], unique=False)
    op.create_table(
        "clinician_note",
        sa.Column("call_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_user_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["call_id"], ["co_response_call.id"], name=op.f("fk_clinician_note_call_id_co_response_call")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_clinician_note_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["by_user_id"], ["user_account.id"], name=op.f("fk_clinician_note_by_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinician_note")),
    )
    with op.batch_alter_table("clinician_note") as batch:
        batch.create_index(batch.f("ix_clinician_note_call_id"), ["call_id"], unique=False)
        batch.create_index(batch.f("ix_clinician_note_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_table("clinician_note")
    op.drop_table("co_response_call")
