"""Part 2 at central: what a police device and the program's own client get of a follow-up, by the rule in
domain.disclosure (consent scope, revocation and end date), and the end dates migration 0007 fills in."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import select

from burner_desk.central import models
from burner_desk.central.db import MIGRATIONS, make_engine
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.disclosure import Disclosure, index_consents
from tests.central.conftest import Central

TODAY = date(2026, 11, 27)
POLICE_DEVICE = AuthenticatedDevice(uuid.uuid4(), frozenset(), revoked=False)
PROGRAM_DEVICE = AuthenticatedDevice(uuid.uuid4(), frozenset(), revoked=False, treatment_program=True)
PERSON = str(uuid.uuid4())
FOLLOW_UP = uuid.uuid4()
SHARES = ["contact_info", "treatment_outcome"]


def _store(central: Central, consent: dict[str, Any] | None) -> None:
    with central.db() as session, session.begin():
        session.add(
            models.Record(
                entity="follow_up",
                id=FOLLOW_UP,
                version=1,
                fields={"id": str(FOLLOW_UP), "person_id": PERSON, "state": "engaged"},
                authors={},
                device_id=PROGRAM_DEVICE.id,
                updated_at=models.utcnow(),
            )
        )
        if consent is not None:
            index_consents(session, {uuid.uuid4(): {"person_id": PERSON, "revoked_at": None} | consent})


def _shown(central: Central, device: AuthenticatedDevice, entity: str, fields: dict[str, Any]) -> Any:
    with central.db() as session:
        return Disclosure(session, device, TODAY).shown(entity, fields)


def _attempt(device: AuthenticatedDevice) -> dict[str, Any]:
    return {"follow_up_id": str(FOLLOW_UP), "device_id": str(device.id), "note": "intake Tuesday (sample)"}


@pytest.mark.parametrize(
    ("consent", "police_see"),
    [
        (None, "closed"),
        ({"scopes": ["contact_info"], "expires_on": None}, "closed"),
        ({"scopes": SHARES, "expires_on": None}, "engaged"),
        ({"scopes": SHARES, "expires_on": "2026-11-28"}, "engaged"),
        ({"scopes": SHARES, "expires_on": "2026-11-27"}, "closed"),  # ended this morning
        ({"scopes": SHARES, "expires_on": None, "revoked_at": "2026-11-01T10:00:00+00:00"}, "closed"),
        ({"scopes": SHARES, "expires_on": None, "deleted_at": "2026-11-01T10:00:00+00:00"}, "closed"),
    ],
    ids=["no consent", "not shared", "shared", "shared until tomorrow", "expired", "revoked", "deleted"],
)
def test_police_see_the_outcome_only_while_a_consent_shares_it(
    central: Central, consent: dict[str, Any] | None, police_see: str
) -> None:
    _store(central, consent)
    follow_up = {"id": str(FOLLOW_UP), "person_id": PERSON, "state": "engaged"}

    assert _shown(central, POLICE_DEVICE, "follow_up", follow_up)["state"] == police_see
    assert _shown(central, PROGRAM_DEVICE, "follow_up", follow_up)["state"] == "engaged"
    shared = police_see == "engaged"
    for entity in ("contact_attempt", "home_visit"):
        other_device = _attempt(PROGRAM_DEVICE)
        assert (_shown(central, POLICE_DEVICE, entity, other_device) is not None) is shared
        assert _shown(central, POLICE_DEVICE, entity, _attempt(POLICE_DEVICE)) is not None  # its own
        assert _shown(central, PROGRAM_DEVICE, entity, other_device) == other_device


def test_an_open_follow_up_reads_the_same_everywhere(central: Central) -> None:
    _store(central, None)
    for state in ("open", "reached"):
        fields = {"id": str(FOLLOW_UP), "person_id": PERSON, "state": state}
        assert _shown(central, POLICE_DEVICE, "follow_up", fields) == fields


INDEX_BEFORE_0007 = sa.table(
    "outcome_consent",
    sa.column("consent_id", sa.Uuid()),
    sa.column("person_id", sa.Uuid()),
    sa.column("shares_outcome", sa.Boolean()),
)


def test_migration_0007_takes_the_end_dates_from_the_consents_held(db_url: str) -> None:
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    ending, open_ended = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")  # the PostgreSQL test database starts there, SQLite's empty
        command.downgrade(config, "0006")
        for consent_id, ends in ((ending, "2027-11-27"), (open_ended, None)):
            conn.execute(
                models.Record.__table__.insert().values(
                    entity="consent",
                    id=consent_id,
                    version=1,
                    fields={"person_id": PERSON, "scopes": SHARES, "expires_on": ends},
                    authors={},
                    device_id=POLICE_DEVICE.id,
                    updated_at=models.utcnow(),
                )
            )
            conn.execute(
                INDEX_BEFORE_0007.insert().values(
                    consent_id=consent_id, person_id=uuid.UUID(PERSON), shares_outcome=True
                )
            )
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with engine.connect() as conn:
        ends = dict(
            conn.execute(select(models.OutcomeConsent.consent_id, models.OutcomeConsent.expires_on)).all()
        )
    engine.dispose()
    assert ends == {ending: date(2027, 11, 27), open_ended: None}


def test_clinician_notes_go_to_the_program_and_the_device_that_wrote_them_only(central: Central) -> None:
    """Whatever the consent: a co-response clinician's notes are treatment records (issue 19)."""
    _store(central, {"scopes": SHARES, "expires_on": None})
    note = {"call_id": str(uuid.uuid4()), "person_id": PERSON, "note": "safety plan agreed (sample)"}
    written_here = AuthenticatedDevice(uuid.uuid4(), frozenset(), revoked=False)
    note["device_id"] = str(written_here.id)
    assert _shown(central, POLICE_DEVICE, "clinician_note", note) is None
    assert _shown(central, PROGRAM_DEVICE, "clinician_note", note) == note
    assert _shown(central, written_here, "clinician_note", note) == note
