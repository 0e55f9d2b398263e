"""sync client: who made each outbox change, and how a sync conflict was settled

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("author_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("sync_conflict") as batch:
        batch.add_column(sa.Column("resolution", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("local_mutation_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict") as batch:
        batch.drop_column("local_mutation_id")
        batch.drop_column("resolution")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("author_id")
