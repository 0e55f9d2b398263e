"""co-response calls by person with their time and tombstone: the Cases search lists the people met on
calls (storage.repositories.CoResponse.people_on_calls) from this index alone, never reading the calls

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # It begins with person_id, so it serves every look-up by person that the narrower index did.
    op.create_index("ix_co_response_call_met", "co_response_call", ["person_id", "called_at", "deleted_at"])
    op.drop_index("ix_co_response_call_person_id", table_name="co_response_call")


def downgrade() -> None:
    op.create_index("ix_co_response_call_person_id", "co_response_call", ["person_id"])
    op.drop_index("ix_co_response_call_met", table_name="co_response_call")
