"""change loses its index on (entity, entity_id)

No query reads the change feed by record: laptops read it by position (seq), and a record's current
state is in `record`. The index cost a push an index entry per change; dropping it took a tenth off
PostgreSQL's work on a push of 16,000 mutations, and the same off the time central waits for it.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_change_record", table_name="change")


def downgrade() -> None:
    op.create_index("ix_change_record", "change", ["entity", "entity_id"], unique=False)
