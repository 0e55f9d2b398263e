"""resource directory: opening hours as structure (periods, and a note per language) beside the free text

Existing records keep their free-text hours, which stay readable: printouts read them as structure where
they can (domain.opening_hours.parse_text) until central sends the structure. Nothing is rewritten here,
so no synced record changes without an outbox row.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resource") as batch:
        batch.add_column(sa.Column("opening_hours", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch.add_column(sa.Column("hours_notes", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("resource") as batch:
        batch.drop_column("hours_notes")
        batch.drop_column("opening_hours")
