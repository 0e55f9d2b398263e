"""hot query indexes: live encounters by start (Today's newest and count without reading the table), the
bag handed over at an encounter (opening a case)

Revision ID: 0013
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_encounter_started", table_name="encounter")
    op.create_index(
        "ix_encounter_live_started", "encounter", ["started_at"], sqlite_where=sa.text("deleted_at IS NULL")
    )
    op.create_index("ix_recovery_bag_encounter", "recovery_bag", ["encounter_id"])


def downgrade() -> None:
    op.drop_index("ix_recovery_bag_encounter", table_name="recovery_bag")
    op.drop_index("ix_encounter_live_started", table_name="encounter")
    op.create_index("ix_encounter_started", "encounter", ["started_at"])
