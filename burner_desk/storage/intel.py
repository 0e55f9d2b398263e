"""Queries for police intelligence and ODMAP: drug intelligence reports, and the incidents an ODMAP
export reads with what this desk last exported of them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from burner_desk.storage.models import DrugIntelReport, Incident, OdmapExported


class DrugIntelReports:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_encounter(self, encounter_id: uuid.UUID) -> Sequence[DrugIntelReport]:
        return self._session.scalars(
            select(DrugIntelReport)
            .where(DrugIntelReport.encounter_id == encounter_id, DrugIntelReport.deleted_at.is_(None))
            .order_by(DrugIntelReport.reported_at.desc())
        ).all()

    def since(self, since: datetime) -> Sequence[DrugIntelReport]:
        return self._session.scalars(
            select(DrugIntelReport)
            .where(DrugIntelReport.reported_at >= since, DrugIntelReport.deleted_at.is_(None))
            .order_by(DrugIntelReport.reported_at.desc())
        ).all()


class OdmapLedger:
    def __init__(self, session: Session) -> None:
        self._session = session

    def incidents_between(
        self, start: datetime, end: datetime
    ) -> Sequence[Row[Incident, OdmapExported | None]]:
        """Live incidents that happened in [start, end), oldest first, each with what this desk last
        exported of it (None: never)."""
        return self._session.execute(
            select(Incident, OdmapExported)
            .outerjoin(OdmapExported, OdmapExported.incident_id == Incident.id)
            .where(
                Incident.occurred_at >= start,
                Incident.occurred_at < end,
                Incident.deleted_at.is_(None),
            )
            .order_by(Incident.occurred_at, Incident.id)
        ).all()

    def mark_exported(self, fingerprints: dict[uuid.UUID, str], at: datetime) -> None:
        for incident_id, fingerprint in fingerprints.items():
            self._session.merge(
                OdmapExported(incident_id=incident_id, fingerprint=fingerprint, exported_at=at)
            )
