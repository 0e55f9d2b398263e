"""parked rows: records from central that cannot be stored yet wait here instead of stopping the sync;
sync conflicts say what kind they are

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parked_row",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("cause", sa.JSON(), nullable=False),
        sa.Column("parked_at", sa.DateTime(), nullable=False),
        sa.Column("last_tried_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_parked_row")),
    )
    with op.batch_alter_table("sync_conflict") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="field")
        )
    # Before this revision a conflict without a field was a change central refused (or a record held
    # back for a clash, which is dismissed the same way)
    op.execute("UPDATE sync_conflict SET kind = 'refused' WHERE field = ''")


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict") as batch:
        batch.drop_column("kind")
    op.drop_table("parked_row")
