"""outcome_consent keeps the consent's end date: an expired consent no longer shares the outcome

The index said only whether a consent shares the treatment outcome with police; a consent that ran out
still did (domain.disclosure: a consent applies until its end date). Existing rows take the end date from
the consent record central holds.

Revision ID: 0007
Revises: 0006
"""

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcome_consent") as batch:
        batch.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
    connection = op.get_bind()
    record = sa.table("record", sa.column("entity"), sa.column("id", sa.Uuid()), sa.column("fields", sa.JSON()))
    index = sa.table("outcome_consent", sa.column("consent_id", sa.Uuid()), sa.column("expires_on", sa.Date()))
    consents = connection.execute(
        sa.select(record.c.id, record.c.fields)
        .join(index, index.c.consent_id == record.c.id)
        .where(record.c.entity == "consent")
    )
    for consent_id, fields in consents.all():
        if isinstance(fields, str):  # a JSON column SQLite hands back undecoded through a bare table()
            fields = json.loads(fields)
        ends = fields.get("expires_on")
        if isinstance(ends, str):
            connection.execute(
                sa.update(index)
                .where(index.c.consent_id == consent_id)
                .values(expires_on=date.fromisoformat(ends))
            )


def downgrade() -> None:
    with op.batch_alter_table("outcome_consent") as batch:
        batch.drop_column("expires_on")
