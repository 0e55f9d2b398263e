"""program_summary: each live encounter's flat row of the program's figures (storage.program_queries), and
program_summary_stale, the encounters written since (SQLite triggers on every table the row draws from
note them; storage.program_summary creates the triggers, fills the table after migrations and works stale
rows out before the figures read), so a year's figures read one narrow index by start time

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

FIGURES = [
    "started_at",
    "jurisdiction",
    "consent_declined",
    "phone_issued",
    "phone_status",
    "bags",
    "naloxone_kits",
    "due_at",
    "state",
    "outcome_shared_until",
    "first_reached_at",
    "first_called_in_at",
    "own_first_reached_at",
    "own_first_called_in_at",
    "intake_recorded",
    "treatment_recorded",
    "first_visit_at",
    "own_first_visit_at",
]


def upgrade() -> None:
    op.create_table(
        "program_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=100), nullable=False),
        sa.Column("consent_declined", sa.Boolean(), nullable=False),
        sa.Column("phone_issued", sa.Boolean(), nullable=False),
        sa.Column("phone_status", sa.String(length=20), nullable=False),
        sa.Column("bags", sa.Integer(), nullable=False),
        sa.Column("naloxone_kits", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=True),
        sa.Column("outcome_shared_until", sa.String(length=10), nullable=True),
        sa.Column("first_reached_at", sa.Integer(), nullable=True),
        sa.Column("first_called_in_at", sa.Integer(), nullable=True),
        sa.Column("own_first_reached_at", sa.Integer(), nullable=True),
        sa.Column("own_first_called_in_at", sa.Integer(), nullable=True),
        sa.Column("intake_recorded", sa.Boolean(), nullable=False),
        sa.Column("treatment_recorded", sa.Boolean(), nullable=False),
        sa.Column("first_visit_at", sa.Integer(), nullable=True),
        sa.Column("own_first_visit_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_summary")),
    )
    op.create_index(op.f("ix_program_summary_encounter_id"), "program_summary", ["encounter_id"])
    op.create_table(
        "program_summary_stale",
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("encounter_id", name=op.f("pk_program_summary_stale")),
    )
    # The figures read this index alone: every column, in start-time order.
    op.create_index("ix_program_summary_figures", "program_summary", FIGURES)
    op.create_index("ix_phone_swap_burner_phone_id", "phone_swap", ["burner_phone_id"])  # a phone's status


def downgrade() -> None:
    triggers = op.get_bind().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    for name in [name for (name,) in triggers if name.startswith("program_summary_after_")]:
        op.execute(f"DROP TRIGGER {name}")  # storage.program_summary's
    op.drop_index("ix_phone_swap_burner_phone_id", table_name="phone_swap")
    op.drop_index("ix_program_summary_figures", table_name="program_summary")
    op.drop_index(op.f("ix_program_summary_encounter_id"), table_name="program_summary")
    op.drop_table("program_summary_stale")
    op.drop_table("program_summary")
