"""The Opioid Work Group's monthly report: the program's figures (domain.metrics) on US Letter, headline
first, then the funnel and the weekly trend as charts, then every figure in a table.

English only (issue 16): its figure labels are the figures' own (domain.metrics), and the few sentences
around them are here rather than in resources/print/, which holds what survivors and families read in
their language.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from burner_desk.domain import metrics
from burner_desk.domain.metrics import ProgramFigures, Shown
from burner_desk.printing import layout, styles
from burner_desk.printing.texts import load, safe

TITLE = "Burner Phone Initiative: program report"
LIGHT = colors.HexColor("#9cc0e0")  # the second series: tells apart from ACCENT in greyscale too
HOW_COUNTED = (
    "A survivor counts in the period in which a detective met them at the bedside; their follow-up and "
    "treatment count with that period, so recent weeks can still grow. Days are UTC days.",
    "The 48 hours run from the burner phone being issued (for a non-resident, from leaving the bedside). "
    "Reached within 48 hours means the first contact that reached the survivor came no later than that: "
    "47 h 59 min counts, 48 h 01 min does not.",
    "Treatment linkage counts only survivors whose consent in force shares the treatment outcome with "
    "police (42 CFR Part 2); counts from 1 to 4 read \u201c<5\u201d.",
    "No figure names or points to a person. Figures are computed from this desk's records as of the time "
    "above.",
)


def build(figures: ProgramFigures, agency: str, *, invariant: bool = False) -> bytes:
    texts = load("en")
    period = figures.period
    story: list[Flowable] = [
        layout.para(TITLE, styles.TITLE),
        layout.para(
            f"{safe(agency)} \u00b7 {texts.date(period.first)} to {texts.date(period.last)} "
            f"\u00b7 computed {figures.computed_at:%Y-%m-%d %H:%M} UTC",
            styles.SUBTITLE,
        ),
        layout.box(_headline(figures)),
        Spacer(0, 8),
        layout.columns(
            [
                [layout.para("From the bedside to treatment", styles.HEADING), _funnel(figures)],
                [layout.para("Week by week", styles.HEADING), _weekly(figures)],
            ],
            ["50%", "50%"],
        ),
    ]
    for section in figures.sections():
        rows = [line for line in metrics.lines(figures) if line.section == section.TITLE]
        if rows and section.TITLE != metrics.Funnel.TITLE:  # the funnel is charted above
            story.append(KeepTogether([layout.para(safe(section.TITLE), styles.HEADING), _table(rows)]))
    story += [layout.para("How the figures are counted", styles.HEADING), *layout.bullets(HOW_COUNTED)]
    return layout.render([story], texts, title=TITLE, invariant=invariant)


def _headline(figures: ProgramFigures) -> list[Flowable]:
    """The two questions at one glance: is the 48-hour promise kept, are people getting to treatment?"""
    promise, treatment = figures.promise, figures.treatment
    counted = promise.reached_within_48h + promise.reached_late + promise.not_reached
    share = (
        "no follow-up has run its 48 hours yet"
        if promise.share_within_48h is None
        else (
            f"<b>{promise.share_within_48h:.0%}</b> reached within 48 hours "
            f"({promise.reached_within_48h} of {counted})"
        )
    )
    median = promise.median_hours_to_first_contact
    first_contact = "" if median is None else f"; median first contact after {median:.1f} hours"
    return [
        layout.para(
            f"<b>{figures.survivors.total}</b> survivors met \u00b7 {share}{first_contact}.", styles.CALLOUT
        ),
        layout.para(
            f"Follow-ups overdue now: <b>{promise.overdue_now}</b>. Getting to treatment: intake scheduled "
            f"<b>{treatment.intake_scheduled}</b>, entered treatment <b>{treatment.entered_treatment}</b>, "
            f"of {treatment.outcome_shared} survivors whose consent shares the outcome with police."
        ),
    ]


VALUE = ParagraphStyle("report_value", parent=styles.CELL, fontName=styles.BOLD, alignment=2)
FIGURE_ROWS = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, styles.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _table(rows: list[metrics.Line]) -> Flowable:
    cells = [
        [layout.para(safe(line.label), styles.CELL), layout.para(safe(metrics.as_text(line)), VALUE)]
        for line in rows
    ]
    return Table(cells, colWidths=[layout.CONTENT_WIDTH - 90, 90], style=FIGURE_ROWS, hAlign="LEFT")


def _bar_value(value: Shown) -> int:
    """A suppressed count is drawn as no bar; its label says "<5"."""
    return value if isinstance(value, int) else 0


CHART_WIDTH, CHART_HEIGHT = layout.CONTENT_WIDTH / 2 - 12, 170


def _funnel(figures: ProgramFigures) -> Drawing:
    funnel = figures.funnel
    steps = [
        ("Met", funnel.met),
        ("Burner phone", funnel.phone),
        ("Reached", funnel.reached),
        ("Intake", funnel.intake),
        ("Treatment", funnel.treatment),
    ]
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT)
    chart = HorizontalBarChart()
    chart.x, chart.y = 78, 10
    chart.width, chart.height = round(CHART_WIDTH) - 110, CHART_HEIGHT - 20
    chart.data = [[_bar_value(value) for _, value in reversed(steps)]]
    chart.categoryAxis.categoryNames = [name for name, _ in reversed(steps)]
    chart.categoryAxis.labels.fontName = styles.REGULAR
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visible = False
    chart.bars[0].fillColor = styles.ACCENT
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    top = max((_bar_value(value) for _, value in steps), default=0) or 1
    for row, (_, value) in enumerate(reversed(steps)):
        band = chart.height / len(steps)
        x = chart.x + chart.width * _bar_value(value) / top + 4
        drawing.add(
            String(x, chart.y + band * row + band / 2 - 3, str(value), fontName=styles.BOLD, fontSize=9)
        )
    return drawing


def _weekly(figures: ProgramFigures) -> Drawing:
    weeks = figures.weekly
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 42
    chart.width, chart.height = round(CHART_WIDTH) - 36, CHART_HEIGHT - 52
    chart.data = [[week.met for week in weeks], [week.reached_within_48h for week in weeks]]
    every = max(1, len(weeks) // 8)  # a label on every n-th week, so 13 or 52 weeks stay readable
    chart.categoryAxis.categoryNames = [
        f"{week.starts_on:%b} {week.starts_on.day}" if n % every == 0 else "" for n, week in enumerate(weeks)
    ]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = styles.REGULAR, 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, (max((w.met for w in weeks), default=0) + 4) // 5)
    chart.bars[0].fillColor, chart.bars[1].fillColor = styles.ACCENT, LIGHT
    chart.bars.strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 28, 14
    legend.fontName, legend.fontSize = styles.REGULAR, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(styles.ACCENT, "met"), (LIGHT, "reached within 48 h")]
    drawing.add(legend)
    return drawing
