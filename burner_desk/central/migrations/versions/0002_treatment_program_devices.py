"""treatment program devices: which enrolled devices may see follow-up outcomes (42 CFR Part 2)

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
    for table in ("enrollment_code", "device"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("treatment_program", sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade() -> None:
    for table in ("device", "enrollment_code"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("treatment_program")
