"""spike alerts: a supervisor's threshold per area, the acknowledgement of an alert with its Spike
Response checklist (both synced), and an index on when incidents occurred (the rules read ten days)

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "spike_threshold",
        *_synced_columns(),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spike_threshold")),
    )
    op.create_table(
        "spike_response",
        *_synced_columns(),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("public_alert", sa.Boolean(), nullable=False),
        sa.Column("naloxone_outreach", sa.Boolean(), nullable=False),
        sa.Column("treatment_notified", sa.Boolean(), nullable=False),
        sa.Column("detectives_briefed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spike_response")),
    )
    with op.batch_alter_table("spike_response") as batch:
        batch.create_index(batch.f("ix_spike_response_area"), ["area"], unique=False)
        batch.create_index(batch.f("ix_spike_response_acknowledged_at"), ["acknowledged_at"], unique=False)
    op.create_index("ix_incident_occurred", "incident", ["occurred_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_incident_occurred", table_name="incident")
    op.drop_table("spike_response")
    op.drop_table("spike_threshold")
