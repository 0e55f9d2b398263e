"""the Cases search index stops merging its segments inside the write that adds one (FTS5 automerge 0):
the DB thread merges them a few pages at a time whenever it is idle (storage.repositories.CaseSearch.merge_some)

Revision ID: 0021
Revises: 0020
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Stored in the table's own config (case_search_config), so every connection sees it.
    op.execute("INSERT INTO case_search (case_search, rank) VALUES ('automerge', 0)")


def downgrade() -> None:
    op.execute("INSERT INTO case_search (case_search, rank) VALUES ('automerge', 4)")  # FTS5's default
