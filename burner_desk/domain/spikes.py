"""Spike alerts: overdoses per area over the last 24 hours, against two rules.

1. A supervisor-set threshold per area, as ODMAP's agency spike alerts: the area alerts when the last 24
   hours hold at least that many incidents.
2. The area's own baseline, by CDC's Early Aberration Reporting System method C2 (Hutwagner L, Thompson W,
   Seeman GM, Treadwell T. "The bioterrorism preparedness and response Early Aberration Reporting System
   (EARS)". J Urban Health 2003;80(2 Suppl 1):i89-96). C2 compares today's count with the mean and
   standard deviation of the seven days t-9..t-3 (a two-day guard band, so a spike that started yesterday
   does not raise its own baseline) and alerts when (today - mean) / sd > 3.

Days here are 24-hour windows counted back from now (day 0 is the last 24 hours, the span the threshold
rule counts too), so both rules speak of the same incidents and an alert never waits for midnight.

The sd floor: a quiet area has sd = 0 over its baseline (seven days of none), where C2 is undefined and a
single incident would be "infinitely" unusual. SD_FLOOR = 0.5 means an area whose baseline is all zeros
needs two incidents in 24 hours to alert (2 / 0.5 = 4 > 3) and one never does: one overdose is a case,
not a spike. For a neighbourhood with a Poisson rate near 0.05 a day (a few a month, Alexandria's order
of magnitude), two in a day has probability about 0.05**2 / 2 ~ 0.1 %, the same false-alarm rate as C2's
3 sd on a normal baseline (0.13 %). Above the floor, C2 is unchanged.

An area's baseline needs all seven of its days observed: before then (a new area, or a program that
started recording less than ten days ago) only the threshold rule judges it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.residency import zip_in

DAY = timedelta(hours=24)
BASELINE_DAYS = range(3, 10)  # t-3 .. t-9: C2's seven baseline days after its two-day guard band
C2_LIMIT = 3.0
SD_FLOOR = 0.5  # see the module's doc
UNKNOWN_AREA = "unknown"  # an incident whose ZIP and coordinates match no area: counted, never dropped
UNKNOWN_AREA_NAME = "Unknown area"
ACKNOWLEDGEMENT_COVERS = DAY  # an acknowledgement covers its area's alert for the rules' own window
MAX_THRESHOLD = 500
MAX_NOTE = 2000
_AREA_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


class Rule(StrEnum):
    THRESHOLD = "threshold"
    BASELINE = "baseline"  # EARS C2


class ResponseStep(StrEnum):
    """The Spike Response checklist, in the order it is worked through."""

    PUBLIC_ALERT = "public_alert"
    NALOXONE_OUTREACH = "naloxone_outreach"
    TREATMENT_NOTIFIED = "treatment_notified"
    DETECTIVES_BRIEFED = "detectives_briefed"


# --- areas -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A bounding box in degrees, edges included."""

    south: float
    west: float
    north: float
    east: float

    def holds(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


@dataclass(frozen=True)
class Area:
    key: str  # what thresholds and acknowledgements store
    name: str  # what a person reads
    zip_codes: frozenset[str] = frozenset()
    boxes: tuple[Box, ...] = ()
    since: date | None = None  # drawn on this day: its baseline starts then


UNKNOWN = Area(UNKNOWN_AREA, UNKNOWN_AREA_NAME)


def area_key(raw: str) -> str | None:
    """An area's key as stored, or None when it cannot be one (lower case letters, digits, - and _)."""
    key = raw.strip().lower()
    return key if _AREA_KEY.fullmatch(key) else None


def area_of(address: str, latitude: float | None, longitude: float | None, areas: Sequence[Area]) -> str:
    """The area an incident happened in: its coordinates first (they are where it happened; a ZIP can be a
    mailing address), then the ZIP its address ends with; the first area listed wins a tie."""
    if latitude is not None and longitude is not None:
        for area in areas:
            if any(box.holds(latitude, longitude) for box in area.boxes):
                return area.key
    zip_code = zip_in(address)
    if zip_code is not None:
        for area in areas:
            if zip_code in area.zip_codes:
                return area.key
    return UNKNOWN_AREA


# --- the rules -----------------------------------------------------------------------------------------


def daily_counts(moments: Iterable[datetime], now: datetime, days: int = BASELINE_DAYS.stop) -> list[int]:
    """Incidents per 24-hour window back from `now`: [day 0 (the last 24 hours), day 1, ...]. An incident
    at exactly `now` counts in day 0; one in the future (a clock ahead) counts in day 0 too."""
    counts = [0] * days
    for moment in moments:
        day = max(0, math.ceil((now - moment) / DAY) - 1)
        if day < days:
            counts[day] += 1
    return counts


@dataclass(frozen=True)
class C2:
    """EARS C2 for one area now: None fields when its baseline is not wholly observed yet."""

    today: int
    mean: float | None = None
    sd: float | None = None  # the baseline's sample standard deviation, before the floor
    statistic: float | None = None  # (today - mean) / max(sd, SD_FLOOR)

    @property
    def judged(self) -> bool:
        return self.statistic is not None

    @property
    def alerts(self) -> bool:
        return self.statistic is not None and self.statistic > C2_LIMIT


def ears_c2(counts: Sequence[int], baseline_days_observed: int) -> C2:
    """C2 over `counts` as daily_counts gives them; judged only when all seven baseline days were observed."""
    today = counts[0]
    if baseline_days_observed < len(BASELINE_DAYS):
        return C2(today)
    baseline = [counts[day] for day in BASELINE_DAYS]
    mean = sum(baseline) / len(baseline)
    sd = math.sqrt(sum((count - mean) ** 2 for count in baseline) / (len(baseline) - 1))
    return C2(today, mean, sd, (today - mean) / max(sd, SD_FLOOR))


def baseline_days_observed(history_start: datetime | None, now: datetime) -> int:
    """How many of C2's baseline days lie wholly after `history_start` (None: nothing recorded yet)."""
    if history_start is None:
        return 0
    return sum(1 for day in BASELINE_DAYS if now - (day + 1) * DAY >= history_start)


@dataclass(frozen=True)
class AreaSpike:
    """One area now: its last 24 hours, its threshold, C2, and which rules alert."""

    area: Area
    incidents: int  # in the last 24 hours
    threshold: int | None
    c2: C2

    @property
    def rules(self) -> tuple[Rule, ...]:
        fired = []
        if self.threshold is not None and self.incidents >= self.threshold:
            fired.append(Rule.THRESHOLD)
        if self.c2.alerts:
            fired.append(Rule.BASELINE)
        return tuple(fired)

    @property
    def alerts(self) -> bool:
        return bool(self.rules)


def evaluate(
    area: Area,
    moments: Iterable[datetime],
    now: datetime,
    *,
    threshold: int | None,
    history_start: datetime | None,
) -> AreaSpike:
    """Both rules for one area, over its incidents' times (`moments`). `history_start` is when recording
    began (the first incident on record); an area drawn later starts its history on its `since` day."""
    if area.since is not None and history_start is not None:
        drawn = datetime.combine(area.since, datetime.min.time(), tzinfo=now.tzinfo)
        history_start = max(history_start, drawn)
    counts = daily_counts(moments, now)
    c2 = ears_c2(counts, baseline_days_observed(history_start, now))
    return AreaSpike(area, counts[0], threshold if threshold else None, c2)


def thresholds_checked(raw: Mapping[str, int | None]) -> dict[str, int | None]:
    """Thresholds as a supervisor typed them, checked: 1..MAX_THRESHOLD incidents, or None (no threshold)."""
    checked: dict[str, int | None] = {}
    for key, value in raw.items():
        if area_key(key) != key:
            raise ValidationError("area", f"{key!r} is not an area")
        if value is not None and not 1 <= value <= MAX_THRESHOLD:
            raise ValidationError("threshold", f"enter 1 to {MAX_THRESHOLD} incidents, or leave it empty")
        checked[key] = value
    return checked


def areas_from(listing: Mapping[str, object]) -> tuple[Area, ...]:
    """The areas of a listing as resources/areas/areas.json holds it; a malformed entry is an error that
    names it (the file is edited by hand)."""
    entries = listing.get("areas")
    if not isinstance(entries, list):
        raise ValidationError("areas", "the listing has no list of areas")
    areas: list[Area] = []
    for number, entry in enumerate(entries, start=1):
        try:
            key = area_key(str(entry["key"]))
            if key is None or key == UNKNOWN_AREA or any(area.key == key for area in areas):
                raise ValueError(f"key {entry['key']!r} is not a new area key")
            boxes = tuple(Box(*(float(edge) for edge in box)) for box in entry.get("boxes", ()))
            since = entry.get("since")
            areas.append(
                Area(
                    key,
                    str(entry["name"]).strip() or key,
                    frozenset(str(zip_code) for zip_code in entry.get("zip_codes", ())),
                    boxes,
                    date.fromisoformat(since) if since else None,
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError("areas", f"area {number} cannot be read ({exc})") from exc
    return tuple(areas)
