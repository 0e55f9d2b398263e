"""recovery bags by encounter: the program's figures count the bags and naloxone each encounter gave
(storage.program_queries); without an index every encounter scanned every bag

Revision ID: 0012
Revises: 0008
"""

from alembic import op

revision = "0012"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_recovery_bag_encounter_id"), "recovery_bag", ["encounter_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_bag_encounter_id"), table_name="recovery_bag")
