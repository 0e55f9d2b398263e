"""treatment program devices and the outcome-consent index (42 CFR Part 2), and central's audit trail

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_event",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_central_event")),
    )
    op.create_table(
        "outcome_consent",
        sa.Column("consent_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("shares_outcome", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("consent_id", name=op.f("pk_outcome_consent")),
    )
    op.create_index(op.f("ix_outcome_consent_person_id"), "outcome_consent", ["person_id"], unique=False)
    for table in ("enrollment_code", "device"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("treatment_program", sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade() -> None:
    for table in ("device", "enrollment_code"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("treatment_program")
    op.drop_table("central_event")
    op.drop_index(op.f("ix_outcome_consent_person_id"), table_name="outcome_consent")
    op.drop_table("outcome_consent")
