"""Spike alerts on every desk (domain.spikes): each area's last 24 hours against its supervisor-set
threshold and its own baseline, the acknowledgement of an alert with a note, the Spike Response checklist,
and the printable public alert.

Alerts are computed, never stored: every desk computes them from the incidents it holds, so a sync that
brings incidents brings the alert. What people do about an alert is stored and synced: thresholds
(supervisors) and acknowledgements with their checklist (everyone who sees the alert). An acknowledgement
covers its area for ACKNOWLEDGEMENT_COVERS: an area still over a rule a day later alerts again. When two
desks acknowledge the same alert before they sync, both notes show, and the older acknowledgement holds
the checklist (the same one on every desk).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from uuid import UUID

from burner_desk.domain import drug_intel as drug_intel_rules
from burner_desk.domain import text
from burner_desk.domain.disclosure import is_police
from burner_desk.domain.errors import NotFound, NotPermitted, ValidationError
from burner_desk.domain.ids import spike_threshold_id
from burner_desk.domain.people import Actor, Role
from burner_desk.domain.permissions import Op, require, require_change
from burner_desk.domain.residency import HOME_JURISDICTION
from burner_desk.domain.resources import ResourceKind
from burner_desk.domain.spikes import (
    ACKNOWLEDGEMENT_COVERS,
    BASELINE_DAYS,
    DAY,
    MAX_NOTE,
    UNKNOWN,
    Area,
    AreaSpike,
    ResponseStep,
    Rule,
    area_of,
    areas_from,
    evaluate,
    thresholds_checked,
)
from burner_desk.paths import resource_path
from burner_desk.printing import data as printed
from burner_desk.printing import public_alert, texts
from burner_desk.services import drug_intel
from burner_desk.services.printouts import AUDIT_ACTION, MAX_COPIES, Destination, directory_entries
from burner_desk.storage.models import SpikeResponse, SpikeThreshold, User
from burner_desk.storage.uow import Transaction, UnitOfWork

AREAS_FILE = ("areas", "areas.json")
CIRCULATING_NAMED = 3  # an alert names the few most reported; more reads as a list nobody takes in
PUBLIC_ALERT_AUDIT_CODE = "public_alert"  # as printouts.AUDIT_CODE: the outcome column holds 20 characters


@cache
def shipped_areas() -> tuple[Area, ...]:
    """The areas in resources/areas/areas.json (sample data until the agency puts its own there)."""
    return areas_from(json.loads(resource_path(*AREAS_FILE).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Acknowledgement:
    id: UUID
    area: str
    acknowledged_at: datetime
    acknowledged_by: str  # the person's display name
    note: str
    incidents: int  # what the alert counted when it was acknowledged
    steps_done: frozenset[ResponseStep]

    @staticmethod
    def of(row: SpikeResponse, by: str) -> Acknowledgement:
        done = frozenset(step for step in ResponseStep if getattr(row, step.value))
        return Acknowledgement(row.id, row.area, row.acknowledged_at, by, row.note, row.incidents, done)


@dataclass(frozen=True)
class AreaStatus:
    """One area now, alerting or not."""

    area: str  # key
    name: str
    incidents: int  # in the last 24 hours
    threshold: int | None
    baseline_mean: float | None  # None: fewer than seven baseline days observed (threshold only)
    c2_statistic: float | None
    rules: tuple[Rule, ...]  # the rules that alert now; empty: no alert

    @staticmethod
    def of(spike: AreaSpike) -> AreaStatus:
        return AreaStatus(
            spike.area.key,
            spike.area.name,
            spike.incidents,
            spike.threshold,
            spike.c2.mean,
            spike.c2.statistic,
            spike.rules,
        )


@dataclass(frozen=True)
class SpikeAlert:
    status: AreaStatus
    acknowledgements: tuple[Acknowledgement, ...]  # in force, oldest first

    @property
    def acknowledged(self) -> bool:
        return bool(self.acknowledgements)

    @property
    def checklist(self) -> Acknowledgement | None:
        """The acknowledgement whose checklist this alert is worked through (the oldest in force)."""
        return self.acknowledgements[0] if self.acknowledgements else None


@dataclass(frozen=True)
class SpikeBoard:
    at: datetime
    alerts: tuple[SpikeAlert, ...]  # unacknowledged first, then by incidents
    areas: tuple[AreaStatus, ...]  # every area in listing order, then "Unknown area"


def board(
    uow: UnitOfWork, now: datetime, areas: Sequence[Area] | None = None, *, taken_out_by: Actor | None = None
) -> SpikeBoard:
    """Every area now and the alerts among them. It reads when and where incidents happened, never who
    was involved, so anyone signed in may read it; figures taken out of the vault (the command line's
    JSON) are audited, as `taken_out_by`'s "spike_alert.export"."""
    listed = tuple(shipped_areas() if areas is None else areas)
    with uow.begin(taken_out_by) as tx:
        found = _board(tx, now, listed)
        if taken_out_by is not None:
            tx.record("spike_alert.export", entity="spike_response")
        return found


def as_json(found: SpikeBoard) -> dict[str, object]:
    """The current alerts as `burner-desk-admin spikes --json` prints them."""
    return {
        "at": found.at.isoformat(),
        "alerts": [
            {
                "area": alert.status.area,
                "name": alert.status.name,
                "incidents_24h": alert.status.incidents,
                "threshold": alert.status.threshold,
                "baseline_mean": alert.status.baseline_mean,
                "c2_statistic": alert.status.c2_statistic,
                "rules": [rule.value for rule in alert.status.rules],
                "acknowledged": alert.acknowledged,
                "acknowledgements": [
                    {
                        "by": ack.acknowledged_by,
                        "at": ack.acknowledged_at.isoformat(),
                        "note": ack.note,
                        "steps_done": [step.value for step in ResponseStep if step in ack.steps_done],
                    }
                    for ack in alert.acknowledgements
                ],
            }
            for alert in found.alerts
        ],
    }


def _board(tx: Transaction, now: datetime, listed: Sequence[Area]) -> SpikeBoard:
    moments: dict[str, list[datetime]] = defaultdict(list)
    for occurred_at, address, latitude, longitude in tx.spikes.incidents_since(
        now - BASELINE_DAYS.stop * DAY
    ):
        moments[area_of(address, latitude, longitude, listed)].append(occurred_at)
    thresholds = {row.area: row.incidents for row in tx.spikes.thresholds()}
    history_start = tx.spikes.first_incident_at()
    statuses = tuple(
        AreaStatus.of(
            evaluate(
                area,
                moments.get(area.key, ()),
                now,
                threshold=thresholds.get(area.key),
                history_start=history_start,
            )
        )
        for area in (*listed, UNKNOWN)
    )
    acknowledged: dict[str, list[Acknowledgement]] = defaultdict(list)
    for row in tx.spikes.responses_since(now - ACKNOWLEDGEMENT_COVERS):
        acknowledged[row.area].append(Acknowledgement.of(row, _name(tx, row.created_by)))
    alerts = [
        SpikeAlert(status, tuple(acknowledged.get(status.area, ()))) for status in statuses if status.rules
    ]
    alerts.sort(key=lambda alert: (alert.acknowledged, -alert.status.incidents, alert.status.name))
    return SpikeBoard(now, tuple(alerts), statuses)


def acknowledge(
    uow: UnitOfWork, actor: Actor, area: str, note: str, now: datetime, areas: Sequence[Area] | None = None
) -> Acknowledgement:
    """Acknowledge `area`'s alert with a note (which may be empty). Kept even when the alert has passed
    meanwhile: the note is what a person meant to say."""
    require(actor, "spike_response", Op.INSERT)
    listed = tuple(shipped_areas() if areas is None else areas)
    if area not in {known.key for known in (*listed, UNKNOWN)}:
        raise ValidationError("area", f"no area {area!r} in the list of areas")
    cleaned = text.clean(note, "note", max_len=MAX_NOTE)
    with uow.begin(actor) as tx:
        status = next(status for status in _board(tx, now, listed).areas if status.area == area)
        row = tx.add(
            SpikeResponse(
                area=area,
                acknowledged_at=now,
                note=cleaned,
                incidents=status.incidents,
                rules=[rule.value for rule in status.rules],
            )
        )
        tx.record("spike_alert.acknowledge", row)
        return Acknowledgement.of(row, _name(tx, actor.user_id))


def tick(uow: UnitOfWork, actor: Actor, response_id: UUID, step: ResponseStep, done: bool) -> Acknowledgement:
    """Tick (or untick) one step of an alert's Spike Response checklist."""
    with uow.begin(actor) as tx:
        row = tx.get(SpikeResponse, response_id)
        was = getattr(row, step.value)
        require_change(actor, "spike_response", Op.UPDATE, {step.value: (was, done)}, record_id=str(row.id))
        if was != done:
            setattr(row, step.value, done)
            tx.record("spike_response.tick" if done else "spike_response.untick", row)
        return Acknowledgement.of(row, _name(tx, row.created_by))


def thresholds(uow: UnitOfWork) -> dict[str, int]:
    """Each area's threshold (areas without one are absent)."""
    with uow.begin() as tx:
        return {row.area: row.incidents for row in tx.spikes.thresholds() if row.incidents is not None}


def set_thresholds(uow: UnitOfWork, actor: Actor, wanted: Mapping[str, int | None]) -> dict[str, int]:
    """Set (or clear, with None) the thresholds of the areas named; a supervisor's, synced to every desk."""
    if actor.role is not Role.SUPERVISOR:
        raise NotPermitted("Only a supervisor sets spike alert thresholds.")
    checked = thresholds_checked(wanted)
    with uow.begin(actor) as tx:
        for area, incidents in checked.items():
            row = tx.spikes.threshold(spike_threshold_id(area))
            if row is None:
                if incidents is not None:
                    row = tx.add(SpikeThreshold(id=spike_threshold_id(area), area=area, incidents=incidents))
                    tx.record("spike_threshold.create", row)
            elif row.incidents != incidents:
                row.incidents = incidents
                tx.record("spike_threshold.update", row)
        return {row.area: row.incidents for row in tx.spikes.thresholds() if row.incidents is not None}


# --- the public alert ------------------------------------------------------------------------------


def render_public_alert(
    uow: UnitOfWork, actor: Actor, response_id: UUID, lang: str, now: datetime, *, invariant: bool = False
) -> bytes:
    """The printable public alert for an acknowledged alert's area, in `lang`, as PDF bytes."""
    if lang not in texts.languages():
        raise ValidationError("language", f"no printed wording in {lang!r}")
    with uow.begin(actor) as tx:
        row = tx.get(SpikeResponse, response_id)
        names = {area.key: area.name for area in (*shipped_areas(), UNKNOWN)}
        alert = printed.PublicAlert(
            area_name=names.get(row.area, row.area) if row.area != UNKNOWN.key else "",
            issued_on=now.astimezone().date(),
            naloxone=directory_entries(tx, HOME_JURISDICTION, ResourceKind.NALOXONE),
            treatment=directory_entries(tx, HOME_JURISDICTION, ResourceKind.TREATMENT),
            circulating=circulating(tx, actor, now),
        )
    return public_alert.build(alert, lang, invariant=invariant)


def record_public_alert_print(
    uow: UnitOfWork, actor: Actor, response_id: UUID, lang: str, copies: int, destination: Destination
) -> None:
    """Audit a public alert printed or saved, as every printout is: "public_alert/es/2"."""
    if not 1 <= copies <= MAX_COPIES:
        raise ValidationError("copies", f"print from 1 to {MAX_COPIES} copies")
    with uow.begin(actor) as tx:
        row = tx.get(SpikeResponse, response_id)
        tx.record(AUDIT_ACTION[destination], row, outcome=f"{PUBLIC_ALERT_AUDIT_CODE}/{lang}/{copies}")


def circulating(tx: Transaction, actor: Actor, now: datetime) -> tuple[str, ...]:
    """The substances (and stamps) police heard of most in the drug-intelligence calls of the last 14
    days, for the alert's text; named only when police print it, since the reports are theirs alone
    (never the treatment program's)."""
    if not is_police(actor.role):
        return ()
    groups = drug_intel.groups_since(tx, now - drug_intel_rules.RECENT)[:CIRCULATING_NAMED]
    return tuple(f"{group.substance} ({group.stamp})" if group.stamp else group.substance for group in groups)


def _name(tx: Transaction, user_id: UUID | None) -> str:
    if user_id is None:
        return ""
    try:
        return tx.get(User, user_id).display_name
    except NotFound:
        return "a former user"
