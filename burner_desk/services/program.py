"""The program's figures for a period (domain.metrics) and the Work Group's monthly report: for
supervisors and the coordinator, never a name (the rows carry none)."""

from __future__ import annotations

import csv
import errno
import gc
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from burner_desk.domain import metrics, text
from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.metrics import Period, ProgramFigures
from burner_desk.domain.people import Actor, Role
from burner_desk.paths import create_private_file
from burner_desk.printing import program_report
from burner_desk.storage.uow import UnitOfWork

FIGURE_READERS = frozenset({Role.SUPERVISOR, Role.COORDINATOR})


def may_see_figures(role: Role) -> bool:
    return role in FIGURE_READERS


def figures(uow: UnitOfWork, actor: Actor, period: Period, now: datetime) -> ProgramFigures:
    """The period's figures; reading them is audited (they are about survivors, if only as counts)."""
    _require_reader(actor)
    with _collector_paused():
        with uow.begin(actor) as tx:
            rows = tx.program.rows(period.starts_at, period.ends_at, now)
            tx.record("program.figures", entity="program")
        return metrics.compute(rows, period, now)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the figures are read and computed: a year's rows are tens of
    thousands of small objects, freed by reference counting alone, whose allocation sets off full
    collections that walk the app's whole heap for nothing. It comes back on afterwards, on error too,
    unless it was already off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class MonthlyReport:
    figures: ProgramFigures
    pdf: bytes
    csv: str


def monthly_report(
    uow: UnitOfWork, actor: Actor, period: Period, now: datetime, agency: str, *, invariant: bool = False
) -> MonthlyReport:
    """The Work Group's report for `period` (usually a month) as a PDF and a CSV of the same figures; audited
    as a report, beside the figures' own read."""
    found = figures(uow, actor, period, now)
    report = MonthlyReport(found, program_report.build(found, agency, invariant=invariant), as_csv(found))
    with uow.begin(actor) as tx:
        tx.record("program.report", entity="program")
    return report


def save_report(report: MonthlyReport, pdf_path: Path) -> tuple[Path, Path]:
    """The PDF at `pdf_path` and the CSV beside it (same name, .csv), new files only their owner can read:
    an existing file is never overwritten (FileExistsError)."""
    csv_path = pdf_path.with_suffix(".csv")
    if csv_path.exists():
        raise FileExistsError(errno.EEXIST, "File exists", str(csv_path))  # before the PDF is written
    for path, content in ((pdf_path, report.pdf), (csv_path, report.csv.encode("utf-8"))):
        with os.fdopen(create_private_file(path), "wb") as out:
            out.write(content)
    return pdf_path, csv_path


def report_file_name(period: Period) -> str:
    if period == Period.month(period.first.year, period.first.month):
        return f"program-report-{period.first:%Y-%m}.pdf"
    return f"program-report-{period.first.isoformat()}-to-{period.last.isoformat()}.pdf"


def as_csv(found: ProgramFigures) -> str:
    """section, figure, value: the labelled figures, then the weekly trend; every cell spreadsheet-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "figure", "value"])
    writer.writerow(["Period", "From", found.period.first.isoformat()])
    writer.writerow(["Period", "To", found.period.last.isoformat()])
    for line in metrics.lines(found):
        writer.writerow(
            [text.spreadsheet_safe(cell) for cell in (line.section, line.label, _csv_value(line))]
        )
    for week in found.weekly:
        label = f"Week of {week.starts_on.isoformat()}"
        writer.writerow(["Weekly trend", label + ": met", str(week.met)])
        writer.writerow(["Weekly trend", label + ": reached within 48 hours", str(week.reached_within_48h)])
    return out.getvalue()


def _csv_value(line: metrics.Line) -> str:
    """Machine-readable: shares as fractions, hours with one decimal, nothing as empty."""
    if line.value is None:
        return ""
    if isinstance(line.value, float):
        return f"{line.value:.3f}" if line.kind == "share" else f"{line.value:.1f}"
    return str(line.value)


def _require_reader(actor: Actor) -> None:
    if not may_see_figures(actor.role):
        raise NotPermitted("Only supervisors and the coordinator see the program's figures.")
