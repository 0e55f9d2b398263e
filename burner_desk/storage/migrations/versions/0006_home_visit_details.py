"""home visit: where it is, who was met, to whom naloxone training was given, a ride offered

The Overdose Response Team's visit is planned at an address (the survivor's, unless they stay elsewhere)
and recorded with the people met, naloxone training given to whom, and whether a ride to treatment was
offered (ride_to_treatment still says it was given). Existing visits keep working: the new columns start
empty. Team members may now carry their role (see models.HomeVisit); older names stay plain text.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("home_visit") as batch:
        batch.add_column(sa.Column("address", sa.String(length=400), nullable=False, server_default=""))
        batch.add_column(sa.Column("people_met", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("naloxone_trained", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("ride_offered", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("home_visit") as batch:
        for column in ("ride_offered", "naloxone_trained", "people_met", "address"):
            batch.drop_column(column)
