"""Drug intelligence: a detective logs what a survivor said about what they took, on the case; police see
the last 14 days grouped by substance and stamp. Police only (domain.disclosure.POLICE_ONLY_RECORDS): a
social worker is refused by every call here, as central withholds the reports from the program's devices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from burner_desk.domain import disclosure
from burner_desk.domain import drug_intel as rules
from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.people import Actor, Role
from burner_desk.domain.permissions import Op, require, require_change
from burner_desk.storage.models import DrugIntelReport, Encounter
from burner_desk.storage.uow import Transaction, UnitOfWork

POLICE_ONLY = "Drug intelligence is for police only (detectives and supervisors)."


@dataclass(frozen=True)
class DrugIntelInput:
    """What the survivor said; there is no field for a source's name (domain.drug_intel)."""

    substance: str
    colour: str = ""
    stamp: str = ""
    packaging: str = ""
    effects: str = ""
    area_obtained: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DrugIntelView:
    id: UUID
    encounter_id: UUID
    incident_id: UUID
    reported_at: datetime
    substance: str
    colour: str
    stamp: str
    packaging: str
    effects: str
    area_obtained: str
    notes: str
    logged_by: UUID | None  # the detective who logged the call: they (and a supervisor) may correct it

    @staticmethod
    def of(row: DrugIntelReport) -> DrugIntelView:
        return DrugIntelView(
            row.id,
            row.encounter_id,
            row.incident_id,
            row.reported_at,
            row.substance,
            row.colour,
            row.stamp,
            row.packaging,
            row.effects,
            row.area_obtained,
            row.notes,
            row.created_by,
        )


@dataclass(frozen=True)
class CirculatingGroup:
    """One substance and stamp reported in the window: how often, when last, and the cases it came from."""

    substance: str  # as first written of the newest report
    stamp: str
    count: int
    last_reported_at: datetime
    colours: tuple[str, ...]
    areas: tuple[str, ...]
    reports: tuple[DrugIntelView, ...]  # newest first; each names its encounter and incident


def _require_police(actor: Actor) -> None:
    if not disclosure.is_police(actor.role):
        raise NotPermitted(POLICE_ONLY)


def _cleaned(data: DrugIntelInput) -> dict[str, str]:
    return {
        "substance": rules.SUBSTANCE.clean(data.substance),
        "colour": rules.COLOUR.clean(data.colour),
        "stamp": rules.STAMP.clean(data.stamp),
        "packaging": rules.PACKAGING.clean(data.packaging),
        "effects": rules.EFFECTS.clean(data.effects),
        "area_obtained": rules.AREA_OBTAINED.clean(data.area_obtained),
        "notes": rules.NOTES.clean(data.notes),
    }


def may_correct(actor: Actor, report: DrugIntelView) -> bool:
    """Whether `actor` may correct or withdraw `report`: a supervisor, or the detective who logged it
    (domain.permissions; central judges the same)."""
    return actor.role is Role.SUPERVISOR or (
        actor.role is Role.DETECTIVE and report.logged_by == actor.user_id
    )


def log_report(
    uow: UnitOfWork, actor: Actor, encounter_id: UUID, data: DrugIntelInput, now: datetime
) -> DrugIntelView:
    """A call from the survivor about what they took, on their case."""
    _require_police(actor)
    require(actor, "drug_intel_report", Op.INSERT)
    cleaned = _cleaned(data)
    with uow.begin(actor) as tx:
        encounter = tx.get(Encounter, encounter_id)
        report = tx.add(
            DrugIntelReport(
                encounter_id=encounter.id, incident_id=encounter.incident_id, reported_at=now, **cleaned
            )
        )
        tx.record("drug_intel_report.create", report)
        return DrugIntelView.of(report)


def correct_report(uow: UnitOfWork, actor: Actor, report_id: UUID, data: DrugIntelInput) -> DrugIntelView:
    """What the call said, corrected; when it came and whose case it is stay as logged. Synced as an
    update of the report."""
    _require_police(actor)
    cleaned = _cleaned(data)
    with uow.begin(actor) as tx:
        report = tx.get(DrugIntelReport, report_id)
        changes = {name: (getattr(report, name), new) for name, new in cleaned.items()}
        require_change(actor, "drug_intel_report", Op.UPDATE, changes, held=_held(report))
        for name, new in cleaned.items():
            setattr(report, name, new)
        tx.record("drug_intel_report.correct", report)
        return DrugIntelView.of(report)


def withdraw_report(uow: UnitOfWork, actor: Actor, report_id: UUID, now: datetime) -> None:
    """The report was entered in error: it leaves the case, the 14-day grouping and the spike alerts'
    text on every police desk (a tombstone, as every synced record is removed; the row and the audit
    trail keep what it said)."""
    _require_police(actor)
    with uow.begin(actor) as tx:
        report = tx.get(DrugIntelReport, report_id)
        changes = {"deleted_at": (None, now)}
        require_change(actor, "drug_intel_report", Op.DELETE, changes, held=_held(report))
        report.deleted_at = now
        tx.record("drug_intel_report.withdraw", report)


def _held(report: DrugIntelReport) -> dict[str, str]:
    """What the permission rules read of the report as it stands: who logged it (wire form)."""
    return {"created_by": str(report.created_by) if report.created_by else ""}


def reports_for_case(uow: UnitOfWork, actor: Actor, encounter_id: UUID) -> tuple[DrugIntelView, ...]:
    _require_police(actor)
    with uow.begin(actor) as tx:
        encounter = tx.get(Encounter, encounter_id)
        reports = tuple(DrugIntelView.of(row) for row in tx.drug_intel.for_encounter(encounter_id))
        tx.record("drug_intel_report.view", encounter)
        return reports


def recent(uow: UnitOfWork, actor: Actor, now: datetime) -> tuple[CirculatingGroup, ...]:
    """The last 14 days grouped by substance and stamp, most reported first."""
    _require_police(actor)
    with uow.begin(actor) as tx:
        groups = groups_since(tx, now - rules.RECENT)
        tx.record("drug_intel_report.list", entity="drug_intel_report")
    return groups


def groups_since(tx: Transaction, since: datetime) -> tuple[CirculatingGroup, ...]:
    """Inside a caller's unit of work, which has checked that a police user asks (the reports are theirs)."""
    return _grouped(tuple(DrugIntelView.of(row) for row in tx.drug_intel.since(since)))


def circulating(uow: UnitOfWork, actor: Actor, since: datetime) -> list[tuple[str, str, int]]:
    """(substance, stamp, count) reported since `since`, most reported first: what a spike alert can
    name as circulating. Police only, like the reports themselves."""
    _require_police(actor)
    with uow.begin(actor) as tx:
        groups = groups_since(tx, since)
        tx.record("drug_intel_report.circulating", entity="drug_intel_report")
    return [(group.substance, group.stamp, group.count) for group in groups]


def _grouped(reports: tuple[DrugIntelView, ...]) -> tuple[CirculatingGroup, ...]:
    """`reports` newest first; "Fentanyl" and "fentanyl " count as one (domain.drug_intel.grouping_key)."""
    groups: dict[tuple[str, str], list[DrugIntelView]] = defaultdict(list)
    for report in reports:
        groups[(rules.grouping_key(report.substance), rules.grouping_key(report.stamp))].append(report)
    built = [
        CirculatingGroup(
            substance=members[0].substance,
            stamp=members[0].stamp,
            count=len(members),
            last_reported_at=members[0].reported_at,
            colours=_distinct(member.colour for member in members),
            areas=_distinct(member.area_obtained for member in members),
            reports=tuple(members),
        )
        for members in groups.values()
    ]
    return tuple(sorted(built, key=lambda group: (-group.count, -group.last_reported_at.timestamp())))


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value and rules.grouping_key(value) not in seen:
            seen[rules.grouping_key(value)] = value
    return tuple(seen.values())
