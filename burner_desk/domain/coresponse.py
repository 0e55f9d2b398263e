"""Co-response calls (ACORP): a police officer and a behavioral-health clinician answer a behavioral-health
call together. What a call records, its rules, and the pilot's figures.

The pilot (City of Alexandria, September 2021) answers calls Monday to Friday, 12 p.m. to 8 p.m., local
time; a call outside those hours is recorded all the same and marked. The call record is police's and the
program's alike (disposition, diversions, referrals); what the clinician writes is a treatment record of
its own kind (domain.disclosure.CLINICAL_RECORDS), which police never see.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from burner_desk.domain import text
from burner_desk.domain.bedside import CLOCK_SKEW, TextRule
from burner_desk.domain.errors import ValidationError


class CallSource(StrEnum):
    DECC_DISPATCH = "decc_dispatch"  # the emergency communications center sent the team
    FIRST_RESPONDER = "first_responder"  # requested by other first responders on scene
    OUTREACH = "outreach"  # the team went out to someone in need


class Disposition(StrEnum):
    RESOLVED_ON_SCENE = "resolved_on_scene"
    VOLUNTARY_TRANSPORT = "voluntary_transport"
    EMERGENCY_CUSTODY_ORDER = "emergency_custody_order"  # ECO (Va. Code 37.2-808)
    TEMPORARY_DETENTION_ORDER = "temporary_detention_order"  # TDO (Va. Code 37.2-809)
    ARREST = "arrest"
    REFERRAL_ONLY = "referral_only"
    REFUSED = "refused"


class Category(StrEnum):
    """What the call was about (more than one may apply)."""

    MENTAL_HEALTH_CRISIS = "mental_health_crisis"
    SUICIDAL = "suicidal"
    PSYCHOSIS = "psychosis"
    DEMENTIA = "dementia"
    DEVELOPMENTAL = "developmental"
    WELFARE_CHECK = "welfare_check"
    SUBSTANCE_USE = "substance_use"


class Substance(StrEnum):
    """Substances involved; none recorded means none involved or none known."""

    ALCOHOL = "alcohol"
    OPIOIDS = "opioids"
    STIMULANTS = "stimulants"
    CANNABIS = "cannabis"
    OTHER = "other"


INVOLUNTARY = frozenset({Disposition.EMERGENCY_CUSTODY_ORDER, Disposition.TEMPORARY_DETENTION_ORDER})
PILOT_DAYS = range(0, 5)  # Monday .. Friday (date.weekday())
PILOT_START, PILOT_END = time(12, 0), time(20, 0)
REPEAT_WINDOW = timedelta(days=90)
FUTURE_SLACK = CLOCK_SKEW  # a laptop clock a little behind must not refuse a call just made
MAX_ON_SCENE_MINUTES = 24 * 60
BLOCK = TextRule("block", max_len=200, required=True)
OFFICER = TextRule("officer", required=True)
CLINICIAN = TextRule("clinician", required=True)
ACTIONS = TextRule("actions_taken", max_len=text.LONG)
CLINICIAN_NOTE = TextRule("note", max_len=text.LONG, required=True)


def within_pilot_hours(local: datetime) -> bool:
    """Whether a call at this local wall-clock time falls in the pilot's hours (Mon-Fri, 12:00-20:00)."""
    return local.weekday() in PILOT_DAYS and PILOT_START <= local.time() < PILOT_END


def block_level(raw: str) -> str:
    """Where the call was, to the block: "1200 block of King St". A house number is rounded down to its
    hundred, so no call record carries someone's exact address."""
    cleaned = BLOCK.clean(raw)
    number, _, street = cleaned.partition(" ")
    if number.isdigit() and street and not street.lower().startswith("block "):
        return f"{int(number) // 100 * 100} block of {street}"
    return cleaned


def check_on_scene(minutes: int) -> int:
    if not 0 <= minutes <= MAX_ON_SCENE_MINUTES:
        raise ValidationError(
            "on_scene_minutes", f"time on scene must be 0 to {MAX_ON_SCENE_MINUTES} minutes"
        )
    return minutes


def check_diversions(disposition: Disposition, *, arrest_avoided: bool, involuntary_avoided: bool) -> None:
    """A diversion flag says what did not happen: it cannot sit beside the disposition that happened."""
    if arrest_avoided and disposition is Disposition.ARREST:
        raise ValidationError("arrest_avoided", "an arrest was made: it cannot also have been avoided")
    if involuntary_avoided and disposition in INVOLUNTARY:
        raise ValidationError(
            "involuntary_avoided", "an ECO or TDO was issued: involuntary hospitalisation was not avoided"
        )


# --- the pilot's figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class CallFacts:
    """One call as the figures read it: `local` is its local wall-clock time."""

    person_id: UUID
    local: datetime
    source: CallSource
    disposition: Disposition
    arrest_avoided: bool
    involuntary_avoided: bool
    on_scene_minutes: int
    cit_trained: bool


@dataclass(frozen=True)
class PilotFigures:
    """What ACORP reports for a period (first day included, last day excluded). Ready for JSON by
    `as_json()`: the Program view and `metrics --json` show it under "co_response"."""

    start: date
    end: date
    calls: int
    people: int
    outside_pilot_hours: int
    by_source: dict[str, int]
    by_hour: list[int]  # 24 counts, local hour of the call
    by_disposition: dict[str, int]
    arrests: int
    involuntary: int  # ECOs and TDOs
    arrest_avoided: int
    involuntary_avoided: int
    repeat_contacts: int  # calls whose person had another call in the 90 days before
    people_with_repeat_contacts: int
    cit_trained: int  # calls whose officer is CIT-trained
    on_scene_minutes_total: int
    on_scene_minutes_median: float | None
    on_scene_minutes_mean: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "calls": self.calls,
            "people": self.people,
            "outside_pilot_hours": self.outside_pilot_hours,
            "by_source": dict(self.by_source),
            "by_hour": list(self.by_hour),
            "by_disposition": dict(self.by_disposition),
            "arrests": self.arrests,
            "involuntary": self.involuntary,
            "diversions": {
                "arrest_avoided": self.arrest_avoided,
                "involuntary_hospitalisation_avoided": self.involuntary_avoided,
            },
            "repeat_contacts_90_days": {
                "calls": self.repeat_contacts,
                "people": self.people_with_repeat_contacts,
            },
            "cit_trained_officer": self.cit_trained,
            "on_scene_minutes": {
                "total": self.on_scene_minutes_total,
                "median": self.on_scene_minutes_median,
                "mean": self.on_scene_minutes_mean,
            },
        }


def pilot_figures(start: date, end: date, calls: Iterable[CallFacts]) -> PilotFigures:
    """The figures of the calls made from `start` up to `end` (local days). `calls` may hold earlier
    calls too: they count only as the earlier contact of a repeat."""
    every = sorted(calls, key=lambda call: call.local)
    in_period = [call for call in every if start <= call.local.date() < end]
    repeats = [call for call in in_period if _had_contact_before(call, every)]
    minutes = [call.on_scene_minutes for call in in_period]
    by_hour = [0] * 24
    for call in in_period:
        by_hour[call.local.hour] += 1
    dispositions = Counter(call.disposition for call in in_period)
    sources = Counter(call.source for call in in_period)
    return PilotFigures(
        start=start,
        end=end,
        calls=len(in_period),
        people=len({call.person_id for call in in_period}),
        outside_pilot_hours=sum(not within_pilot_hours(call.local) for call in in_period),
        by_source={source.value: sources[source] for source in CallSource},
        by_hour=by_hour,
        by_disposition={d.value: dispositions[d] for d in Disposition},
        arrests=dispositions[Disposition.ARREST],
        involuntary=sum(dispositions[d] for d in INVOLUNTARY),
        arrest_avoided=sum(call.arrest_avoided for call in in_period),
        involuntary_avoided=sum(call.involuntary_avoided for call in in_period),
        repeat_contacts=len(repeats),
        people_with_repeat_contacts=len({call.person_id for call in repeats}),
        cit_trained=sum(call.cit_trained for call in in_period),
        on_scene_minutes_total=sum(minutes),
        on_scene_minutes_median=float(statistics.median(minutes)) if minutes else None,
        on_scene_minutes_mean=round(statistics.fmean(minutes), 1) if minutes else None,
    )


def _had_contact_before(call: CallFacts, every: Sequence[CallFacts]) -> bool:
    return any(
        other.person_id == call.person_id and call.local - REPEAT_WINDOW <= other.local < call.local
        for other in every
    )


def month_period(month: str) -> tuple[date, date]:
    """ "2026-11" -> (1 November, 1 December)."""
    try:
        first = datetime.strptime(month.strip(), "%Y-%m").date()
    except ValueError:
        raise ValidationError("month", "give the month as YYYY-MM, e.g. 2026-11") from None
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following
