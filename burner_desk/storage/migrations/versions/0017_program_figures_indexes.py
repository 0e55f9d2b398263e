"""a follow-up's contact attempts and home visits with every column the program's figures read
(storage.program_queries): a year's figures on a 100k-encounter vault read neither table

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_contact_attempt_figures",
        "contact_attempt",
        ["follow_up_id", "at", "outcome", "channel", "by_user_id", "deleted_at"],
    )
    op.create_index("ix_home_visit_figures", "home_visit", ["follow_up_id", "done_at", "created_by", "deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_home_visit_figures", table_name="home_visit")
    op.drop_index("ix_contact_attempt_figures", table_name="contact_attempt")
