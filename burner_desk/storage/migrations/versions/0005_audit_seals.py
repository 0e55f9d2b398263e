"""audit seals: each event's forward-secure seal, and the key that seals the next event

Events already written keep no seal (the chain HMAC still covers them); the sealing key starts here, so
every event from this upgrade on is sealed (storage.audit_seal).

Revision ID: 0005
Revises: 0003
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("seal", sa.String(length=64), nullable=True))
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("seal_key", sa.LargeBinary(), nullable=True))
    audit_head = sa.table("audit_head", sa.column("seal_key", sa.LargeBinary()))
    op.execute(audit_head.update().values(seal_key=secrets.token_bytes(32)))


def downgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("seal_key")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("seal")
