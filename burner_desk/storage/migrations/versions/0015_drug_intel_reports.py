"""drug intelligence reports, a police-only record; incident.drug_intel_notes retired into them; what
this desk exported to ODMAP

Each incident's free-text drug-intel notes become one report (its text in `notes`, the substance the
incident names, the encounter's detective as author), with the id domain.drug_intel.folded_notes_id gives,
the same central's migration 0010 gives its copy. A note on an incident central does not have yet (its
insert still in the outbox) goes up as the report's own insert, and leaves the incident's.

Revision ID: 0015
Revises: 0014
"""

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

FOLDED_NOTES = uuid.UUID("4f0d1c3e-6a0b-4b57-9f55-1d2a8d0c7e21")  # domain.drug_intel.FOLDED_NOTES
SUBSTANCE_IF_UNNAMED = "not named"


def upgrade() -> None:
    op.create_table(
        "drug_intel_report",
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("substance", sa.String(length=200), nullable=False),
        sa.Column("colour", sa.String(length=80), nullable=False),
        sa.Column("stamp", sa.String(length=80), nullable=False),
        sa.Column("packaging", sa.String(length=200), nullable=False),
        sa.Column("effects", sa.Text(), nullable=False),
        sa.Column("area_obtained", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["encounter_id"], ["encounter.id"], name=op.f("fk_drug_intel_report_encounter_id_encounter")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_drug_intel_report_incident_id_incident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drug_intel_report")),
    )
    with op.batch_alter_table("drug_intel_report") as batch:
        batch.create_index(batch.f("ix_drug_intel_report_encounter_id"), ["encounter_id"], unique=False)
        batch.create_index(batch.f("ix_drug_intel_report_incident_id"), ["incident_id"], unique=False)
        batch.create_index(batch.f("ix_drug_intel_report_reported_at"), ["reported_at"], unique=False)
    op.create_table(
        "odmap_exported",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_odmap_exported")),
    )
    _fold_drug_intel_notes()


def _fold_drug_intel_notes() -> None:
    connection = op.get_bind()
    incident = sa.table(
        "incident",
        sa.column("id", sa.Uuid()),
        sa.column("occurred_at", sa.DateTime()),
        sa.column("suspected_substance", sa.String()),
        sa.column("drug_intel_notes", sa.Text()),
        sa.column("device_id", sa.Uuid()),
    )
    encounter = sa.table(
        "encounter",
        sa.column("id", sa.Uuid()),
        sa.column("incident_id", sa.Uuid()),
        sa.column("detective_id", sa.Uuid()),
        sa.column("started_at", sa.DateTime()),
    )
    report = sa.table(
        "drug_intel_report",
        *(sa.column(name, sa.Uuid()) for name in ("id", "encounter_id", "incident_id", "created_by", "device_id")),
        *(sa.column(name, sa.DateTime()) for name in ("reported_at", "created_at", "updated_at", "deleted_at")),
        *(sa.column(name, sa.Text()) for name in _TEXT_COLUMNS),
        sa.column("version", sa.Integer()),
    )
    outbox = sa.table(
        "outbox",
        sa.column("seq", sa.Integer()),
        sa.column("mutation_id", sa.Uuid()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Uuid()),
        sa.column("op", sa.String()),
        sa.column("base_version", sa.Integer()),
        sa.column("changes", sa.JSON()),
        sa.column("created_at", sa.DateTime()),
        sa.column("author_id", sa.Uuid()),
    )
    now = datetime.now(UTC).replace(tzinfo=None)  # UTCDateTime's stored form: naive UTC
    noted = connection.execute(
        sa.select(
            incident.c.id,
            incident.c.occurred_at,
            incident.c.suspected_substance,
            incident.c.drug_intel_notes,
            incident.c.device_id,
            encounter.c.id.label("encounter_id"),
            encounter.c.detective_id,
        )
        .join(encounter, encounter.c.incident_id == incident.c.id)
        .where(incident.c.drug_intel_notes != "")
        .order_by(incident.c.id, encounter.c.started_at)
    ).all()
    unsent = set(connection.scalars(sa.select(outbox.c.entity_id).where(outbox.c.entity == "incident")))
    folded: set[uuid.UUID] = set()
    for row in noted:
        if row.id in folded:  # one report per incident, on its first encounter
            continue
        folded.add(row.id)
        fields = {
            "id": uuid.uuid5(FOLDED_NOTES, f"drug_intel_report/{row.id}"),
            "encounter_id": row.encounter_id,
            "incident_id": row.id,
            "reported_at": row.occurred_at,
            "substance": row.suspected_substance or SUBSTANCE_IF_UNNAMED,
            "colour": "",
            "stamp": "",
            "packaging": "",
            "effects": "",
            "area_obtained": "",
            "notes": row.drug_intel_notes,
            "created_at": now,
            "updated_at": now,
            "created_by": row.detective_id,
            "device_id": row.device_id,
            "version": 0,
            "deleted_at": None,
        }
        connection.execute(sa.insert(report).values(**fields))
        connection.execute(sa.update(incident).where(incident.c.id == row.id).values(drug_intel_notes=""))
        if row.id in unsent:
            _unsent_notes_go_with_the_report(connection, outbox, fields)


def _unsent_notes_go_with_the_report(
    connection: sa.Connection, outbox: sa.TableClause, fields: dict[str, object]
) -> None:
    """The incident's outbox rows lose the notes; an incident central has not received yet sends the
    report as its own insert, by the same author, right after it."""
    for mutation in connection.execute(
        sa.select(outbox).where(outbox.c.entity == "incident", outbox.c.entity_id == fields["incident_id"])
    ).all():
        changes = mutation.changes if isinstance(mutation.changes, dict) else json.loads(mutation.changes)
        if "drug_intel_notes" not in changes:
            continue
        changes = {name: change for name, change in changes.items() if name != "drug_intel_notes"}
        connection.execute(sa.update(outbox).where(outbox.c.seq == mutation.seq).values(changes=changes))
        if mutation.op == "insert":
            wire = {name: [None, _wire(value)] for name, value in fields.items() if name not in _BOOKKEEPING}
            connection.execute(
                sa.insert(outbox).values(
                    mutation_id=uuid.uuid4(),
                    entity="drug_intel_report",
                    entity_id=fields["id"],
                    op="insert",
                    base_version=0,
                    changes=wire,
                    created_at=fields["created_at"],
                    author_id=mutation.author_id,
                )
            )


_TEXT_COLUMNS = ("substance", "colour", "stamp", "packaging", "effects", "area_obtained", "notes")
_BOOKKEEPING = frozenset({"updated_at", "version"})  # storage.outbox.BOOKKEEPING


def _wire(value: object) -> object:
    """storage.outbox.to_wire, for the values above (naive UTC datetimes as stored)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC).isoformat()
    return value


def downgrade() -> None:
    op.drop_table("odmap_exported")
    with op.batch_alter_table("drug_intel_report") as batch:
        batch.drop_index(batch.f("ix_drug_intel_report_reported_at"))
        batch.drop_index(batch.f("ix_drug_intel_report_incident_id"))
        batch.drop_index(batch.f("ix_drug_intel_report_encounter_id"))
    op.drop_table("drug_intel_report")
