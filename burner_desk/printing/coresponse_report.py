"""The co-response pilot's monthly report (ACORP, issue 19): the figures of `domain.coresponse.pilot_figures`
for one month, for the program and the City. Aggregates only: no person, no call, no clinician's note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table

from burner_desk.domain.coresponse import CallSource, Disposition, PilotFigures
from burner_desk.printing import layout, styles, texts
from burner_desk.printing.texts import Texts, safe

LABEL_WIDTH = 4.3 * inch
HOURS_PER_ROW = 12


@dataclass(frozen=True)
class CoResponseReport:
    figures: PilotFigures
    agency: str
    prepared_on: date


def build(data: CoResponseReport, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    figures = data.figures
    story: list[Flowable] = [
        layout.para(t("acorp.title"), styles.TITLE),
        layout.para(
            t(
                "acorp.subtitle",
                agency=data.agency,
                start=t.date(figures.start),
                end=t.date(figures.end - timedelta(days=1)),  # the last day counted
                prepared=t.date(data.prepared_on),
            ),
            styles.SUBTITLE,
        ),
        layout.para(t("acorp.summary_heading"), styles.HEADING),
        layout.fields(_summary(figures, t), LABEL_WIDTH),
        layout.columns(
            [
                _counts(t("acorp.source_heading"), _by_source(figures, t)),
                _counts(t("acorp.disposition_heading"), _by_disposition(figures, t)),
            ],
            [layout.FILL, layout.FILL],
        ),
        layout.para(t("acorp.hour_heading"), styles.HEADING),
        *_by_hour(figures, t),
        Spacer(0, 8),
        layout.para(t("acorp.about")),
    ]
    return layout.render([story], t, title=t("acorp.document"), invariant=invariant)


def _summary(figures: PilotFigures, t: Texts) -> list[tuple[str, str]]:
    minutes = (
        t(
            "acorp.on_scene_value",
            median=_number(figures.on_scene_minutes_median),
            mean=_number(figures.on_scene_minutes_mean),
            total=figures.on_scene_minutes_total,
        )
        if figures.calls
        else "—"
    )
    return [
        (t("acorp.calls"), str(figures.calls)),
        (t("acorp.people"), str(figures.people)),
        (t("acorp.outside_hours"), str(figures.outside_pilot_hours)),
        (t("acorp.arrests"), str(figures.arrests)),
        (t("acorp.involuntary"), str(figures.involuntary)),
        (t("acorp.arrest_avoided"), str(figures.arrest_avoided)),
        (t("acorp.involuntary_avoided"), str(figures.involuntary_avoided)),
        (
            t("acorp.repeats"),
            t(
                "acorp.repeats_value",
                calls=figures.repeat_contacts,
                people=figures.people_with_repeat_contacts,
            ),
        ),
        (t("acorp.cit_trained"), str(figures.cit_trained)),
        (t("acorp.on_scene"), minutes),
    ]


def _by_source(figures: PilotFigures, t: Texts) -> list[tuple[str, int]]:
    return [(t(f"acorp.source.{source.value}"), figures.by_source[source.value]) for source in CallSource]


def _by_disposition(figures: PilotFigures, t: Texts) -> list[tuple[str, int]]:
    return [(t(f"acorp.disposition.{d.value}"), figures.by_disposition[d.value]) for d in Disposition]


def _counts(heading: str, rows: list[tuple[str, int]]) -> list[Flowable]:
    cells = [
        [layout.para(safe(label), styles.CELL), layout.para(str(count), styles.CELL)] for label, count in rows
    ]
    return [
        layout.para(heading, styles.HEADING),
        Table(cells, colWidths=[2.6 * inch, 0.6 * inch], style=styles.GRID),
    ]


def _by_hour(figures: PilotFigures, t: Texts) -> list[Flowable]:
    """Two rows of twelve hours: the hour (local time) over the number of calls."""
    tables: list[Flowable] = []
    for first in range(0, 24, HOURS_PER_ROW):
        hours = range(first, first + HOURS_PER_ROW)
        header = [layout.para(t("acorp.hour", hour=f"{hour:02d}"), styles.LABEL) for hour in hours]
        counts = [layout.para(str(figures.by_hour[hour]), styles.CELL) for hour in hours]
        tables += [Table([header, counts], style=styles.GRID), Spacer(0, 4)]
    return tables


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"
