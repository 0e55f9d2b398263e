"""The ODMAP export: one CSV row per incident in a period, with ODMAP's fields only (domain.odmap), for a
supervisor to upload to the HIDTA Overdose Detection Mapping Application. Every export is audited; an
"only new" export leaves out incidents whose row this desk already exported unchanged."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from uuid import UUID

from burner_desk.domain import odmap
from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Actor, Role
from burner_desk.paths import create_private_file
from burner_desk.storage.uow import UnitOfWork

# Who may export: supervisors and the Opioid Coordinator (ODMAP's rows name nobody).
EXPORTERS = frozenset({Role.SUPERVISOR, Role.COORDINATOR})
MAX_PERIOD = timedelta(days=366)


@dataclass(frozen=True)
class OdmapExport:
    csv_text: str
    rows: int
    left_out_unchanged: int  # "only new": incidents in the period exported before, unchanged since


def may_export(actor: Actor) -> bool:
    return actor.role in EXPORTERS


def export_csv(
    uow: UnitOfWork,
    actor: Actor,
    first_day: date,
    last_day: date,
    zone: tzinfo | None,
    now: datetime,
    *,
    only_new: bool = False,
) -> OdmapExport:
    """Incidents whose local date falls from `first_day` to `last_day`, dates and times written in `zone`
    (None: this machine's, daylight saving time included, as a desk in Alexandria reads them)."""
    if not may_export(actor):
        raise NotPermitted("Only a supervisor or the Opioid Coordinator may export incidents to ODMAP.")
    if last_day < first_day:
        raise ValidationError("to", "the last day comes before the first")
    if last_day - first_day > MAX_PERIOD:
        raise ValidationError("to", "export at most a year at a time")
    start = _local_midnight(first_day, zone)
    end = _local_midnight(last_day + timedelta(days=1), zone)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(odmap.COLUMNS)
    exported: dict[UUID, str] = {}
    unchanged = 0
    with uow.begin(actor) as tx:
        for incident, last_export in tx.odmap.incidents_between(start, end):
            row = odmap.row(
                str(incident.id),
                incident.occurred_at.astimezone(zone),
                incident.address,
                incident.latitude,
                incident.longitude,
                fatal=incident.fatal,
                naloxone_doses=incident.naloxone_doses,
                naloxone_given=incident.naloxone_given,
                suspected_drug=incident.suspected_substance,
                responding_agency=incident.responding_agency,
            )
            fingerprint = row.fingerprint()
            if only_new and last_export is not None and last_export.fingerprint == fingerprint:
                unchanged += 1
                continue
            writer.writerow(row.cells())
            exported[incident.id] = fingerprint
        tx.odmap.mark_exported(exported, now)
        tx.record("odmap.export", entity="incident", outcome="only_new" if only_new else "ok")
    return OdmapExport(out.getvalue(), len(exported), unchanged)


def export_to_file(
    uow: UnitOfWork,
    actor: Actor,
    first_day: date,
    last_day: date,
    target: Path,
    now: datetime,
    *,
    only_new: bool = False,
    replace: bool = False,
) -> OdmapExport:
    """export_csv (in this machine's time zone) into `target`, a file only its owner may read. The file
    is made before the export is recorded, so one that cannot be written leaves no export recorded;
    `replace`: a file already there is replaced once the new one is whole (else it is refused)."""
    partial = target.with_name(f".{target.name}.partial") if replace else target
    try:
        descriptor = create_private_file(partial)
    except FileExistsError as exc:
        raise ValidationError("file", f"{target} already exists: choose a new file name") from exc
    try:
        export = export_csv(uow, actor, first_day, last_day, None, now, only_new=only_new)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            descriptor = -1
            out.write(export.csv_text)
    except BaseException:
        if descriptor != -1:
            os.close(descriptor)
        partial.unlink(missing_ok=True)
        raise
    if replace:
        os.replace(partial, target)
    return export


def _local_midnight(day: date, zone: tzinfo | None) -> datetime:
    midnight = datetime.combine(day, time())
    return midnight.replace(tzinfo=zone) if zone is not None else midnight.astimezone()
