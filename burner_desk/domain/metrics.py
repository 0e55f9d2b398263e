"""The program's figures for a period: what the Opioid Work Group reads each month (issue 16).

One pure function, `compute`, over plain rows (services.program reads them). Every figure is defined
where it is declared, in words a Work Group member can check against a case file. The rules that hold
for all of them:

- **The period** is whole UTC days, first and last day included (as consents' end dates: domain.disclosure).
  A survivor belongs to the period in which the detective met them at the bedside (the encounter's start);
  everything that happened to them later (the call, treatment) is counted with that period, so a month's
  figures can still grow while its follow-ups run.
- **Police's view of Part 2.** The Program view is a police desk's (supervisors, and the coordinator, who
  reads the same records: domain.disclosure.sees_records). The program's own records of a follow-up (its
  contact attempts and home visits) and its outcome count only where the survivor's consent in force
  today shares the treatment outcome with police, or where police wrote the record themself (a survivor who
  called the detective's line). A revoked or expired consent stops counting from that day on.
- **Small cells.** Treatment linkage counts from 1 to 4 read "<5" (SMALL), here and in every output:
  a count that small could point to a person.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, NamedTuple

from burner_desk.domain.disclosure import shown_state
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.followup import (
    FOLLOW_UP_WINDOW,
    REACHED_SOMEONE,
    AttemptOutcome,
    FollowUpState,
    attempt_outcome,
)
from burner_desk.domain.residency import Branch, branch_for

SMALL = "<5"
SMALL_BELOW = 5
MAX_DAYS = 366 * 5  # a period longer than five years is a typo

Shown = int | str  # a count, or SMALL
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}  # domain.people.Language, as the report names them


def shown(count: int) -> Shown:
    """A count as it may be published: 1 to 4 read "<5"; none is 0."""
    return SMALL if 0 < count < SMALL_BELOW else count


# --- the period ------------------------------------------------------------------------------------


class PeriodChoice(StrEnum):
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    LAST_90_DAYS = "last_90_days"
    YEAR_TO_DATE = "year_to_date"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    """Whole UTC days from `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError("period", "the period ends before it starts")
        if (self.last - self.first).days > MAX_DAYS:
            raise ValidationError("period", "a period can be at most five years")

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.first, time(), UTC)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(), UTC)

    @staticmethod
    def month(year: int, month: int) -> Period:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(first, following - timedelta(days=1))

    @staticmethod
    def of(choice: PeriodChoice, today: date) -> Period:
        """The period a picker choice means on `today` (CUSTOM: this month, to start from)."""
        if choice is PeriodChoice.LAST_MONTH:
            end = today.replace(day=1) - timedelta(days=1)
            return Period.month(end.year, end.month)
        if choice is PeriodChoice.LAST_90_DAYS:
            return Period(today - timedelta(days=89), today)
        if choice is PeriodChoice.YEAR_TO_DATE:
            return Period(today.replace(month=1, day=1), today)
        return Period(today.replace(day=1), today)

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        monday = self.first - timedelta(days=self.first.weekday())
        return [monday + timedelta(weeks=n) for n in range((self.last - monday).days // 7 + 1)]


# --- the rows the figures are computed from ----------------------------------------------------------


# Plain named tuples with times as Unix seconds (UTC): a year's rows are ten thousand of them, and the
# figures have 200 ms for a year on a 100k-encounter vault (benchmarks/program.py). What police may know of
# each follow-up (domain.disclosure) is gathered in SQL (storage.program_queries) from the stored values
# named below (REACHED_STORED, INTAKE_STORED, TREATMENT_STORED); the rules that read them are here.


class FollowUpRow(NamedTuple):
    due_at: int
    state: str  # as stored on this laptop
    outcome_shared: bool  # a consent in force on the figures' day shares the treatment outcome with police
    # The first contact that reached the survivor among the attempts police may see (their own, and the
    # program's where the outcome is shared), and whether it was the survivor calling in.
    first_reached_at: int | None = None
    survivor_called_first: bool = False
    intake_recorded: bool = False  # an attempt recorded an intake scheduled (or treatment entered)
    treatment_recorded: bool = False  # an attempt recorded treatment entered
    first_visit_at: int | None = None  # the first home visit done, among those police may see


class EncounterRow(NamedTuple):
    """One survivor met at the bedside, with what they were given and what came of the follow-up."""

    started_at: int
    jurisdiction: str
    consent_declined: bool  # at this encounter
    phone_issued: bool
    phone_status: str = ""  # the burner phone's status now ("" when none was issued)
    bags: int = 0
    naloxone_kits: int = 0
    follow_up: FollowUpRow | None = None


@dataclass(frozen=True)
class ProgramRows:
    encounters: tuple[EncounterRow, ...]
    family_handouts: Mapping[str, int]  # language -> handouts given to family in the period's encounters
    overdue_now: int  # open follow-ups, whatever the period, with their 48 hours over


# --- the figures -------------------------------------------------------------------------------------


def labelled(label: str) -> dict[str, str]:
    """A figure's line in the report, the CSV and the view's table: `field(metadata=labelled(...))`."""
    return {"label": label}


@dataclass(frozen=True)
class SurvivorsMet:
    """People a detective met at the bedside after a non-fatal overdose, by where they live (residency is a
    jurisdiction: domain.residency). `consent_declined`: of them, how many declined to sign a consent
    (help goes on without one)."""

    TITLE: ClassVar[str] = "Survivors met"
    total: int = field(metadata=labelled("Survivors met"))
    residents: int = field(metadata=labelled("Alexandria residents"))
    non_residents: int = field(metadata=labelled("Non-residents (recovery bag, no burner phone)"))
    consent_declined: int = field(metadata=labelled("Declined to sign a consent"))


@dataclass(frozen=True)
class Supplies:
    """What went into survivors' hands at the bedside. Returned and lost are of the phones issued in the
    period, as they stand now."""

    TITLE: ClassVar[str] = "Phones, bags and naloxone"
    phones_issued: int = field(metadata=labelled("Burner phones issued"))
    phones_returned: int = field(metadata=labelled("of them returned"))
    phones_lost: int = field(metadata=labelled("of them lost"))
    bags_given: int = field(metadata=labelled("Recovery bags given"))
    naloxone_kits: int = field(metadata=labelled("Naloxone kits given (in the bags)"))


@dataclass(frozen=True)
class FamilyHandouts:
    """Handouts given to family members, by the language of the handout."""

    TITLE: ClassVar[str] = "Family handouts"
    total: int = field(metadata=labelled("Family handouts given"))
    by_language: Mapping[str, int] = field(metadata=labelled("in {key}"))  # key: the language's name


@dataclass(frozen=True)
class Promise:
    """The 48-hour promise: someone from the program speaks with the survivor within 48 hours of the
    burner phone being issued (for a non-resident, of leaving the bedside).

    - `follow_ups`: survivors met in the period with a follow-up.
    - `reached_within_48h`: the first contact that reached the survivor came at most 48 hours after the clock
      started (47 h 59 min counts, 48 h 01 min does not). Split by who reached whom first:
      `survivor_called_first` (the survivor called the numbers on the phone) and `social_worker_reached`.
    - `reached_late`: first reached after 48 hours. `not_reached`: 48 hours are over and nobody has been
      reached (or they were unreachable).
    - `time_not_shared`: the survivor was reached, but when is the program's record, which their consent
      does not share with police; or the follow-up is over and how it ended is not shared ("closed").
      They are left out of the share.
    - `still_within_48h`: not reached yet, with time left; also left out of the share.
    - `share_within_48h`: reached within 48 h, of those reached within 48 h, late or not reached (a
      fraction from 0 to 1; none when that is nobody).
    - `median_hours_to_first_contact`: the middle of the hours from the clock's start to first reaching
      the survivor, over those reached whose time is known.
    - `overdue_now`: follow-ups from any period still waiting for their call with their 48 hours over.
    """

    TITLE: ClassVar[str] = "The 48-hour promise"
    follow_ups: int = field(metadata=labelled("Follow-ups"))
    reached_within_48h: int = field(metadata=labelled("Reached within 48 hours"))
    survivor_called_first: int = field(metadata=labelled("of them: survivor called first"))
    social_worker_reached: int = field(metadata=labelled("of them: social worker reached them"))
    reached_late: int = field(metadata=labelled("Reached after 48 hours"))
    not_reached: int = field(metadata=labelled("Not reached, 48 hours over"))
    time_not_shared: int = field(metadata=labelled("Reached or closed, when not shared with police"))
    still_within_48h: int = field(metadata=labelled("Still within their 48 hours"))
    share_within_48h: float | None = field(metadata=labelled("Share reached within 48 hours"))
    median_hours_to_first_contact: float | None = field(metadata=labelled("Median hours to first contact"))
    overdue_now: int = field(metadata=labelled("Overdue now (any period)"))


@dataclass(frozen=True)
class Treatment:
    """Getting to treatment, counted only for survivors whose consent in force today shares the treatment
    outcome with police (`outcome_shared`, the denominator). `intake_scheduled`: an intake was scheduled
    (or they entered treatment straight away); `entered_treatment`: they entered treatment. Counts
    from 1 to 4 read "<5"."""

    TITLE: ClassVar[str] = "Treatment linkage"
    outcome_shared: int = field(metadata=labelled("Survivors whose consent shares the outcome with police"))
    intake_scheduled: Shown = field(metadata=labelled("Intake scheduled"))
    entered_treatment: Shown = field(metadata=labelled("Entered treatment"))


@dataclass(frozen=True)
class HomeVisits:
    """Overdose Response Team visits that took place (planned ones do not count), one per survivor:
    `visited` at all, `within_48h` of the clock's start."""

    TITLE: ClassVar[str] = "Home visits"
    visited: int = field(metadata=labelled("Survivors visited at home"))
    within_48h: int = field(metadata=labelled("of them within 48 hours"))


@dataclass(frozen=True)
class Funnel:
    """How far survivors met in the period got: `met`, given a burner `phone`, `reached` by the follow-up
    (at any time, as far as police may know), an `intake` scheduled, in `treatment`. The last two come from
    shared outcomes only and read "<5" when small."""

    TITLE: ClassVar[str] = "From the bedside to treatment"
    met: int = field(metadata=labelled("Met at the bedside"))
    phone: int = field(metadata=labelled("Given a burner phone"))
    reached: int = field(metadata=labelled("Reached by the follow-up"))
    intake: Shown = field(metadata=labelled("Intake scheduled"))
    treatment: Shown = field(metadata=labelled("Entered treatment"))


@dataclass(frozen=True)
class Week:
    """Survivors met in the week starting Monday `starts_on` (UTC days, the period's days only), and how
    many of them were reached within 48 hours."""

    starts_on: date
    met: int
    reached_within_48h: int


@dataclass(frozen=True)
class ProgramFigures:
    """Every figure for one period. One section, one field: the outputs (view, JSON, CSV, PDF) walk the
    fields, so a new section (issue 19's co-response calls will be `co_response`) is one more field here
    and one more dataclass like those above, with its labels."""

    period: Period
    computed_at: datetime
    survivors: SurvivorsMet
    supplies: Supplies
    family_handouts: FamilyHandouts
    promise: Promise
    treatment: Treatment
    home_visits: HomeVisits
    funnel: Funnel
    weekly: tuple[Week, ...]

    def sections(self) -> Iterator[Any]:
        """The sections with labelled figures, in report order."""
        for item in fields(self):
            value = getattr(self, item.name)
            if hasattr(value, "TITLE"):
                yield value


@dataclass(frozen=True)
class Line:
    section: str
    label: str
    value: Shown | float | None
    kind: str = "count"  # "count", "share" (0 to 1) or "hours"


def lines(figures: ProgramFigures) -> list[Line]:
    """Every labelled figure, one line each (a mapping gives a line per key), in report order."""
    found = []
    for section in figures.sections():
        for item in fields(section):
            label, value = item.metadata["label"], getattr(section, item.name)
            if isinstance(value, Mapping):
                found += [Line(section.TITLE, label.format(key=key), value[key]) for key in sorted(value)]
            else:
                kind = (
                    "share"
                    if item.name.startswith("share")
                    else "hours"
                    if "hours_to" in item.name
                    else "count"
                )
                found.append(Line(section.TITLE, label, value, kind))
    return found


def as_text(line: Line) -> str:
    """A figure as printed: "<5", "83%", "21.5 h", "–" for a figure that has no value."""
    if line.value is None:
        return "–"
    if line.kind == "share" and isinstance(line.value, float):
        return f"{line.value:.0%}"
    if line.kind == "hours" and isinstance(line.value, float):
        return f"{line.value:.1f} h"
    return str(line.value)


# --- the computation ----------------------------------------------------------------------------------


def seconds(moment: datetime) -> int:
    """A UTC moment as the rows carry it."""
    return int(moment.timestamp())


_WEEK = int(timedelta(weeks=1).total_seconds())
_WINDOW = int(FOLLOW_UP_WINDOW.total_seconds())


def compute(rows: ProgramRows, period: Period, now: datetime) -> ProgramFigures:
    """The period's figures from its rows (which consents are in force was decided when they were read)."""
    starts_at, ends_at, now_at = seconds(period.starts_at), seconds(period.ends_at), seconds(now)
    encounters = [row for row in rows.encounters if starts_at <= row.started_at < ends_at]
    branches = {place: branch_for(place) for place in {row.jurisdiction for row in encounters}}
    residents = sum(branches[row.jurisdiction] is Branch.RESIDENT for row in encounters)
    issued = [row for row in encounters if row.phone_issued]

    within = late = not_reached = not_shared = waiting = by_survivor = 0
    hours: list[float] = []
    outcome_shared = intakes = treatments = reached_any = visited = visited_in_time = 0
    mondays = period.weeks()
    first_monday = seconds(datetime.combine(mondays[0], time(), UTC))
    weeks = [[0, 0] for _ in mondays]
    for row in encounters:
        week = weeks[(row.started_at - first_monday) // _WEEK]
        week[0] += 1
        follow_up = row.follow_up
        if follow_up is None:
            continue
        reach = _what_police_know(
            follow_up.state,
            follow_up.outcome_shared,
            follow_up.first_reached_at is not None,
            follow_up.intake_recorded,
            follow_up.treatment_recorded,
        )
        outcome_shared += follow_up.outcome_shared
        intakes += reach.intake
        treatments += reach.treatment
        reached_any += reach.reached
        if follow_up.first_visit_at is not None:
            visited += 1
            visited_in_time += follow_up.first_visit_at <= follow_up.due_at
        first = follow_up.first_reached_at
        if first is not None:
            hours.append((first - (follow_up.due_at - _WINDOW)) / 3600)
            if first <= follow_up.due_at:
                within += 1
                week[1] += 1
                by_survivor += follow_up.survivor_called_first
            else:
                late += 1
        elif reach.when_not_shared:
            not_shared += 1
        elif follow_up.due_at <= now_at:
            not_reached += 1
        else:
            waiting += 1
    counted = within + late + not_reached
    with_follow_up = sum(row.follow_up is not None for row in encounters)
    return ProgramFigures(
        period=period,
        computed_at=now,
        survivors=SurvivorsMet(
            total=len(encounters),
            residents=residents,
            non_residents=len(encounters) - residents,
            consent_declined=sum(row.consent_declined for row in encounters),
        ),
        supplies=Supplies(
            phones_issued=len(issued),
            phones_returned=sum(row.phone_status == "returned" for row in issued),
            phones_lost=sum(row.phone_status == "lost" for row in issued),
            bags_given=sum(row.bags for row in encounters),
            naloxone_kits=sum(row.naloxone_kits for row in encounters),
        ),
        family_handouts=FamilyHandouts(
            total=sum(rows.family_handouts.values()),
            by_language={LANGUAGE_NAMES.get(code, code): n for code, n in rows.family_handouts.items()},
        ),
        promise=Promise(
            follow_ups=with_follow_up,
            reached_within_48h=within,
            survivor_called_first=by_survivor,
            social_worker_reached=within - by_survivor,
            reached_late=late,
            not_reached=not_reached,
            time_not_shared=not_shared,
            still_within_48h=waiting,
            share_within_48h=within / counted if counted else None,
            median_hours_to_first_contact=statistics.median(hours) if hours else None,
            overdue_now=rows.overdue_now,
        ),
        treatment=Treatment(
            outcome_shared=outcome_shared,
            intake_scheduled=shown(intakes),
            entered_treatment=shown(treatments),
        ),
        home_visits=HomeVisits(visited=visited, within_48h=visited_in_time),
        funnel=Funnel(
            met=len(encounters),
            phone=len(issued),
            reached=reached_any,
            intake=shown(intakes),
            treatment=shown(treatments),
        ),
        weekly=tuple(
            Week(monday, met, in_time) for monday, (met, in_time) in zip(mondays, weeks, strict=True)
        ),
    )


_INTAKE = frozenset({AttemptOutcome.INTAKE_SCHEDULED, AttemptOutcome.ENTERED_TREATMENT})
_STATES = {state.value: state for state in FollowUpState}
# The stored outcomes (older rows' "engaged" included; one a newer version wrote is in none) that make an
# attempt a contact that reached the survivor, an intake, treatment: the rows are gathered by them.
_STORED = (*AttemptOutcome, "engaged")
REACHED_STORED = tuple(stored for stored in _STORED if attempt_outcome(stored) in REACHED_SOMEONE)
INTAKE_STORED = tuple(stored for stored in _STORED if attempt_outcome(stored) in _INTAKE)
TREATMENT_STORED = tuple(
    stored for stored in _STORED if attempt_outcome(stored) is AttemptOutcome.ENTERED_TREATMENT
)
_REACHED_STATES = frozenset({FollowUpState.REACHED, FollowUpState.ENGAGED, FollowUpState.DECLINED})


class _Reach(NamedTuple):
    """What police may know of one follow-up, beyond the first contact and visit its row carries."""

    reached: bool  # at any time, as far as police may know
    when_not_shared: bool  # reached or closed, but police may not know when or how it ended
    intake: bool
    treatment: bool


# Cached: a year's ten thousand follow-ups come in a few dozen combinations of these values, and working
# each out again was a tenth of the figures' CPU.
@cache
def _what_police_know(
    state: str, shared: bool, reached: bool, intake_recorded: bool, treatment_recorded: bool
) -> _Reach:
    """A follow-up (its stored state, whether its outcome is shared, whether police may know it reached the
    survivor, what its attempts recorded) as police may see it (domain.disclosure): the outcome only where
    shared. A follow-up that reads "closed" to police may have reached the survivor or not: it counts as not
    shared, as does a survivor reached at a time police may not know."""
    # A state a newer version wrote reads as "closed": over, and nothing claimed about how it ended.
    seen = shown_state(_STATES.get(state, FollowUpState.CLOSED), shared)
    treatment = shared and (treatment_recorded or seen is FollowUpState.ENGAGED)
    return _Reach(
        reached=reached or seen in _REACHED_STATES,
        when_not_shared=not reached
        and (seen in _REACHED_STATES or (seen is FollowUpState.CLOSED and not shared)),
        intake=shared and (treatment or intake_recorded),
        treatment=treatment,
    )


def as_json(figures: ProgramFigures) -> dict[str, Any]:
    """The figures as one JSON-ready object: every section by its field name (dates as ISO text)."""
    return _plain(figures)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, str):
        return [_plain(item) for item in value]
    return value
