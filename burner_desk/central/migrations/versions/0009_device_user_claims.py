"""a device's claim of a user central already knows from another device waits for a supervisor's approval

device_user.pending marks such a claim (made at enrollment) until `burner-desk-central approve-user`;
claimed_at says since when. Users enrolled before this revision stay granted.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("device_user") as batch:
        batch.add_column(sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("device_user") as batch:
        batch.drop_column("claimed_at")
        batch.drop_column("pending")
