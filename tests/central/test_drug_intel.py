"""Drug intelligence at central: police devices get the reports, the treatment program's never does (nor
an old laptop's incident notes), and migration 0010 moves incidents' notes into reports and out of the
change feed's history."""

from __future__ import annotations

import uuid
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import select

from burner_desk.central import models
from burner_desk.central.db import MIGRATIONS, make_engine
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.disclosure import Disclosure
from burner_desk.domain.drug_intel import folded_notes_id
from tests.central.conftest import Central

POLICE_DEVICE = AuthenticatedDevice(uuid.uuid4(), frozenset(), revoked=False)
PROGRAM_DEVICE = AuthenticatedDevice(uuid.uuid4(), frozenset(), revoked=False, treatment_program=True)
REPORT = {"id": str(uuid.uuid4()), "substance": "fentanyl (sample)", "stamp": "M30", "notes": ""}
NOTES = "Blue M30s from near the station (sample)"


def _shown(central: Central, device: AuthenticatedDevice, entity: str, fields: dict[str, Any]) -> Any:
    with central.db() as session:
        return Disclosure(session, device).shown(entity, fields)


def test_only_police_devices_get_drug_intelligence(central: Central) -> None:
    assert _shown(central, POLICE_DEVICE, "drug_intel_report", REPORT) == REPORT
    assert _shown(central, PROGRAM_DEVICE, "drug_intel_report", REPORT) is None
    incident = {"id": str(uuid.uuid4()), "suspected_substance": "fentanyl", "drug_intel_notes": NOTES}
    assert _shown(central, POLICE_DEVICE, "incident", incident) == incident
    assert _shown(central, PROGRAM_DEVICE, "incident", incident) == incident | {"drug_intel_notes": ""}


def _record(entity: str, record_id: uuid.UUID, fields: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {
        "entity": entity,
        "id": record_id,
        "version": version,
        "fields": {"id": str(record_id), **fields},
        "authors": {},
        "device_id": POLICE_DEVICE.id,
        "updated_at": models.utcnow(),
    }


def test_migration_0010_moves_incident_notes_into_reports_and_out_of_the_feed(db_url: str) -> None:
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    incident_id, quiet_id, encounter_id, detective = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    incident = {
        "occurred_at": "2026-11-27T09:00:00+00:00",
        "suspected_substance": "",
        "drug_intel_notes": NOTES,
    }
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")  # the PostgreSQL test database starts there, SQLite's empty
        command.downgrade(config, "0009")
        conn.execute(models.Record.__table__.insert(), [
            _record("incident", incident_id, incident, version=2),
            _record("incident", quiet_id, incident | {"drug_intel_notes": ""}),
            _record("encounter", encounter_id, {
                "incident_id": str(incident_id), "detective_id": str(detective),
                "started_at": "2026-11-27T10:00:00+00:00",
            }),
        ])  # fmt: skip
        before = conn.execute(select(models.SyncClock.seq)).scalar_one()
        conn.execute(
            models.Change.__table__.insert().values(
                seq=before + 1, entity="incident", entity_id=incident_id, version=1, fields=incident
            )
        )
        conn.execute(models.SyncClock.__table__.update().values(seq=before + 1))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with engine.connect() as conn:
        records = {(row.entity, row.id): row for row in conn.execute(select(models.Record.__table__)).all()}
        feed = conn.execute(
            select(
                models.Change.entity, models.Change.entity_id, models.Change.version, models.Change.fields
            ).order_by(models.Change.seq)
        ).all()
        clock = conn.execute(select(models.SyncClock.seq)).scalar_one()
    engine.dispose()

    report = records[("drug_intel_report", folded_notes_id(incident_id))]
    assert report.version == 1
    assert (report.fields["notes"], report.fields["substance"]) == (NOTES, "not named")
    assert report.fields["encounter_id"] == str(encounter_id)
    assert report.fields["created_by"] == str(detective)
    assert report.fields["reported_at"] == incident["occurred_at"]
    assert records[("incident", incident_id)].fields["drug_intel_notes"] == ""
    assert records[("incident", incident_id)].version == 3
    assert records[("incident", quiet_id)].version == 1  # nothing to move: untouched
    assert all(not fields.get("drug_intel_notes") for *_, fields in feed)
    assert [(entity, entity_id, version) for entity, entity_id, version, _ in feed[-2:]] == [
        ("drug_intel_report", folded_notes_id(incident_id), 1),
        ("incident", incident_id, 3),
    ]
    assert clock == before + 3
