"""One referral sheet PDF against the smallest one-page reportlab document, built in the same run."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from benchmarks.timing import Row, ms, p50, p95, seconds
from burner_desk.printing import referral, samples

BUDGET = 0.100  # DESIGN.md section 8: one referral sheet PDF <= 100 ms


def _minimal_document() -> bytes:
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=LETTER).build(
        [Paragraph("Referral sheet", getSampleStyleSheet()["Normal"])]
    )
    return out.getvalue()


def referral_sheet(runs: int) -> Row:
    sheet = samples.referral_sheet()
    # Warm-up: fonts, wording files and reportlab's own caches load once per process, not per sheet.
    referral.build(sheet, "en")
    _minimal_document()
    built, minimal = [], []
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits both alike
        built.append(seconds(lambda: referral.build(sheet, "en")))
        minimal.append(seconds(_minimal_document))
    return Row(
        name="Build one referral sheet PDF",
        subject=f"p50 {ms(p50(built))}, p95 {ms(p95(built))}",
        baseline=f"p50 {ms(p50(minimal))} (1-page reportlab doc)",
        ratio=p50(built) / p50(minimal),
        budget="p95 <= 100 ms",
        within=p95(built) <= BUDGET,
    )
