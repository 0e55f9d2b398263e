"""live encounters by start: Today's newest and their count without reading the table

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_encounter_started", table_name="encounter")
    op.create_index(
        "ix_encounter_live_started", "encounter", ["started_at"], sqlite_where=sa.text("deleted_at IS NULL")
    )


def downgrade() -> None:
    op.drop_index("ix_encounter_live_started", table_name="encounter")
    op.create_index("ix_encounter_started", "encounter", ["started_at"])
