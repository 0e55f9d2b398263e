"""record and applied_mutation name their device without a foreign key

A push writes one applied_mutation row per mutation and one record row per new record, each naming the
pushing device; the foreign keys checked every one of those rows against `device` (28,000 look-ups for
16,000 mutations, a sixth of a push's time). Central never deletes a device - revoking one keeps its row,
for the audit trail - so the names stay good without the checks; central_event names devices the same way.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_REFERENCES = {"record": "fk_record_device_id_device", "applied_mutation": "fk_applied_mutation_device_id_device"}


def upgrade() -> None:
    for table, constraint in _REFERENCES.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(constraint, type_="foreignkey")


def downgrade() -> None:
    for table, constraint in _REFERENCES.items():
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(constraint, "device", ["device_id"], ["id"])
