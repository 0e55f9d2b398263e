"""co-response amendments: when a call or a clinician's note was last corrected

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLES = ("co_response_call", "clinician_note")


def upgrade() -> None:
    # Nullable, no default: every call and note already saved reads "as recorded".
    for table in TABLES:
        op.add_column(table, sa.Column("amended_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN: a batch copy would drop co_response_call under clinician_note's key.
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN amended_at")
