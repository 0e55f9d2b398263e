"""incident.drug_intel_notes retired into drug_intel_report records (police only)

Central keeps records as JSON (central.models.Record), so the new kind of record needs no table. What
changes is the data: every incident's free-text drug-intel notes become one drug_intel_report (the same
id, by domain.drug_intel.folded_notes_id, that the laptop's migration 0009 gives its copy), the incident
keeps no notes, and the change feed's past copies of incidents lose them too, so a device catching up,
the treatment program's among them, never reads them (central.disclosure withholds the reports from it).
Both writes go into the change feed, so laptops learn of them at their next sync.

Revision ID: 0010
Revises: 0009
"""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FOLDED_NOTES = uuid.UUID("4f0d1c3e-6a0b-4b57-9f55-1d2a8d0c7e21")  # domain.drug_intel.FOLDED_NOTES
SUBSTANCE_IF_UNNAMED = "not named"  # as the laptop's migration 0009

record = sa.table(
    "record",
    sa.column("entity", sa.String()),
    sa.column("id", sa.Uuid()),
    sa.column("version", sa.Integer()),
    sa.column("fields", sa.JSON()),
    sa.column("authors", sa.JSON()),
    sa.column("device_id", sa.Uuid()),
    sa.column("updated_at", sa.DateTime()),
)
change = sa.table(
    "change",
    sa.column("seq", sa.BigInteger()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.Uuid()),
    sa.column("version", sa.Integer()),
    sa.column("fields", sa.JSON()),
    sa.column("at", sa.DateTime()),
)
clock = sa.table("sync_clock", sa.column("id", sa.Integer()), sa.column("seq", sa.BigInteger()))


def _decoded(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value)  # SQLite hands JSON back as text


def upgrade() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    stored_now = now.replace(tzinfo=None)  # UTCDateTime's stored form
    incidents = [
        (row.id, row.version, _decoded(row.fields), row.device_id)
        for row in connection.execute(
            sa.select(record.c.id, record.c.version, record.c.fields, record.c.device_id).where(
                record.c.entity == "incident"
            )
        )
    ]
    noted = [incident for incident in incidents if incident[2].get("drug_intel_notes")]
    if noted:
        first_encounter = _first_encounters(connection, {incident[0] for incident in noted})
        feed: list[tuple[str, uuid.UUID, int, dict[str, Any]]] = []
        for incident_id, version, fields, device_id in noted:
            encounter = first_encounter.get(str(incident_id))
            if encounter is not None:  # a report belongs to a case; an incident without one keeps nothing
                report_id = uuid.uuid5(FOLDED_NOTES, f"drug_intel_report/{incident_id}")
                report = {
                    "id": str(report_id),
                    "encounter_id": encounter["id"],
                    "incident_id": str(incident_id),
                    "reported_at": fields.get("occurred_at"),
                    "substance": fields.get("suspected_substance") or SUBSTANCE_IF_UNNAMED,
                    "colour": "",
                    "stamp": "",
                    "packaging": "",
                    "effects": "",
                    "area_obtained": "",
                    "notes": fields["drug_intel_notes"],
                    "created_at": now.isoformat(),
                    "updated_at": now.isoformat(),
                    "created_by": encounter.get("detective_id"),
                    "device_id": fields.get("device_id"),
                    "deleted_at": None,
                }
                connection.execute(
                    sa.insert(record).values(
                        entity="drug_intel_report",
                        id=report_id,
                        version=1,
                        fields=report,
                        authors={},
                        device_id=device_id,
                        updated_at=stored_now,
                    )
                )
                feed.append(("drug_intel_report", report_id, 1, report))
            blanked = fields | {"drug_intel_notes": "", "updated_at": now.isoformat()}
            connection.execute(
                sa.update(record)
                .where(record.c.entity == "incident", record.c.id == incident_id)
                .values(fields=blanked, version=version + 1, updated_at=stored_now)
            )
            feed.append(("incident", incident_id, version + 1, blanked))
        _blank_past_changes(connection)
        _append_to_feed(connection, feed, stored_now)


def _first_encounters(connection: sa.Connection, incident_ids: set[uuid.UUID]) -> dict[str, dict[str, Any]]:
    wanted = {str(incident_id) for incident_id in incident_ids}
    first: dict[str, dict[str, Any]] = {}
    for (fields,) in connection.execute(sa.select(record.c.fields).where(record.c.entity == "encounter")):
        encounter = _decoded(fields)
        incident_id = encounter.get("incident_id")
        if incident_id in wanted and (
            incident_id not in first or str(encounter.get("started_at")) < str(first[incident_id]["started_at"])
        ):
            first[incident_id] = encounter
    return first


def _blank_past_changes(connection: sa.Connection) -> None:
    for seq, fields in connection.execute(
        sa.select(change.c.seq, change.c.fields).where(change.c.entity == "incident")
    ).all():
        decoded = _decoded(fields)
        if decoded.get("drug_intel_notes"):
            connection.execute(
                sa.update(change).where(change.c.seq == seq).values(fields=decoded | {"drug_intel_notes": ""})
            )


def _append_to_feed(
    connection: sa.Connection, feed: list[tuple[str, uuid.UUID, int, dict[str, Any]]], at: datetime
) -> None:
    """Positions taken under the clock row's lock, as central.db.take_seqs does."""
    last = connection.execute(
        sa.update(clock).where(clock.c.id == 1).values(seq=clock.c.seq + len(feed)).returning(clock.c.seq)
    ).scalar_one()
    first = int(last) - len(feed) + 1
    for seq, (entity, entity_id, version, fields) in enumerate(feed, start=first):
        connection.execute(
            sa.insert(change).values(
                seq=seq, entity=entity, entity_id=entity_id, version=version, fields=fields, at=at
            )
        )


def downgrade() -> None:
    """The notes stay in the reports: putting them back would send them to devices that must not read
    them."""
