"""each laptop's audit trail at central, and the head and sealing key central checks it against

Revision ID: 0006
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_trail_event",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("laptop_device_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("flag", sa.String(length=20), nullable=True),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_trail_event")),
    )
    op.create_index(
        "uq_audit_trail_event_current",
        "audit_trail_event",
        ["device_id", "seq"],
        unique=True,
        postgresql_where=sa.text("superseded_at IS NULL"),
        sqlite_where=sa.text("superseded_at IS NULL"),
    )
    op.create_table(
        "audit_trail_head",
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("sealed_from", sa.BigInteger(), nullable=True),
        sa.Column("seal_key", sa.LargeBinary(), nullable=True),
        sa.Column("ratchet_seq", sa.BigInteger(), nullable=True),
        sa.Column("ratchet_key", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_audit_trail_head")),
    )


def downgrade() -> None:
    op.drop_table("audit_trail_head")
    op.drop_index("uq_audit_trail_event_current", table_name="audit_trail_event")
    op.drop_table("audit_trail_event")
