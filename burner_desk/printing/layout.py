"""The building blocks every printout is made of, and the one place that turns a story into PDF bytes."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import cache
from io import BytesIO
from typing import Any

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas  # type: ignore[attr-defined]  # not in the stubs
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from burner_desk.printing import hours, styles
from burner_desk.printing.data import Detective, Resource
from burner_desk.printing.texts import Texts, safe

CONTENT_WIDTH = styles.PAGE[0] - 2 * styles.MARGIN
CONTENT_HEIGHT = styles.PAGE[1] - 2 * styles.MARGIN


def render(
    parts: Sequence[list[Flowable]], texts: Texts, *, title: str, invariant: bool, fit: bool = False
) -> bytes:
    """The page split into one frame per part, stacked top to bottom. With fit=True each part is kept in its
    frame and shrunk if it would overflow (a long name shrinks, it never drops off the page); otherwise the
    single part flows onto as many pages as it needs."""
    assert fit or len(parts) == 1, "only a fitted page can be split into parts"
    height = CONTENT_HEIGHT / len(parts)
    cuts = [styles.MARGIN + height * index for index in range(1, len(parts))]  # between parts
    frames = [
        Frame(
            styles.MARGIN,
            styles.MARGIN + height * (len(parts) - 1 - index),
            CONTENT_WIDTH,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0 if index == 0 else styles.CUT_MARGIN,
            bottomPadding=0 if index == len(parts) - 1 else styles.CUT_MARGIN,
            id=f"part{index}",
        )
        for index in range(len(parts))
    ]
    story: list[Flowable] = list(parts[0])
    if fit:
        # A KeepInFrame without limits takes the frame's: shrink whatever would not fit in it.
        story = [KeepInFrame(0, 0, parts[0], mode="shrink")]
        for part in parts[1:]:
            story += [FrameBreak(), KeepInFrame(0, 0, part, mode="shrink")]

    def furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(styles.REGULAR, styles.FOOTER_SIZE)
        canvas.setFillColor(styles.RULE)
        canvas.drawString(styles.MARGIN, styles.FOOTER_Y, title)
        page = texts("footer.page", page=canvas.getPageNumber())
        canvas.drawRightString(styles.PAGE[0] - styles.MARGIN, styles.FOOTER_Y, page)
        # Between the parts of a split page (the two receipt copies): where to cut.
        canvas.setStrokeColor(styles.RULE)
        canvas.setDash(*styles.CUT_LINE_DASH)
        for y in cuts:
            canvas.line(styles.CUT_MARGIN, y, styles.PAGE[0] - styles.CUT_MARGIN, y)
        canvas.restoreState()

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=styles.PAGE,
        leftMargin=styles.MARGIN,
        rightMargin=styles.MARGIN,
        topMargin=styles.MARGIN,
        bottomMargin=styles.MARGIN,
        title=title,
        creator="burner_desk",
        lang=texts.lang,
        invariant=int(invariant),  # fixed dates and IDs: the same data gives the same bytes
        pageTemplates=[PageTemplate("page", frames=frames, onPage=furniture)],
    )
    doc.build(story)
    return buffer.getvalue()


def para(markup: str, style: ParagraphStyle = styles.BODY) -> Paragraph:
    return Paragraph(markup, style)


def bullets(items: Iterable[str]) -> list[Flowable]:
    return [Paragraph(item, styles.BULLET, bulletText="•") for item in items]


def numbered(items: Iterable[str]) -> list[Flowable]:
    return [Paragraph(item, styles.BULLET, bulletText=f"{n}.") for n, item in enumerate(items, 1)]


FILL = "*"  # a column that takes the width left over


class FluidTable(Table):
    """A table whose FILL columns follow the width it is offered on every wrap. KeepInFrame shrinks a page
    by wrapping it wider and scaling it down, but a reportlab Table keeps the widths of its first wrap:
    its boxes would stay narrow, stranded in the middle of the wider text."""

    def __init__(self, cells: list[list[Any]], widths: Sequence[float | str], style: TableStyle) -> None:
        super().__init__(cells, colWidths=list(widths), style=style)
        self._fluid_widths = list(widths)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Undo the first wrap's resolution of FILL into points, so this wrap resolves it afresh.
        self._argW = self._colWidths = list(self._fluid_widths)
        self._width_calculated_once = 0
        width, height = super().wrap(availWidth, availHeight)
        return width, height


def box(content: list[Flowable], style: TableStyle = styles.BOX) -> Table:
    return FluidTable([[content]], [FILL], style)


def box_beside(content: list[Flowable], beside: list[Flowable], beside_width: float) -> Table:
    """A box with a narrow column of its own on the right (the referral sheet's QR code)."""
    table = FluidTable([[content, beside]], [FILL, beside_width], styles.BOX)
    return table


def columns(cells: Sequence[list[Flowable]], widths: Sequence[float | str]) -> Table:
    table = FluidTable([list(cells)], widths, styles.COLUMNS)
    # A table cell drops its first paragraph's space before: the columns keep their heading's instead.
    table.spaceBefore = styles.HEADING.spaceBefore
    return table


def fields(rows: Sequence[tuple[str, str]], label_width: float) -> Table:
    """Label / value rows; a long value wraps inside its cell."""
    cells = [[para(label, styles.LABEL), para(value, styles.CELL)] for label, value in rows]
    return FluidTable(cells, [label_width, FILL], styles.FIELDS)


def signature_lines(labels: Sequence[str]) -> Table:
    """A line to sign on above each label, side by side."""
    cells: list[object] = []
    widths: list[float | str] = []
    for label in labels:
        if cells:
            cells.append("")
            widths.append(styles.SIGNATURE_GAP)
        cells.append(para(label))
        widths.append(FILL)
    rules = [
        ("LINEABOVE", (c, 0), (c, 0), styles.SIGNATURE_LINE, styles.INK) for c in range(0, len(cells), 2)
    ]
    return FluidTable([cells], widths, TableStyle([*styles.SIGNATURE_CELLS, *rules]))


def phone(number: str) -> str:
    """A phone number as markup: bold and larger than the text around it, to find it at a glance. The
    paragraph around it needs a leading that makes room (styles.WITH_PHONES, RESOURCE, CALL_FROM)."""
    unbroken = safe(number).replace(" ", "\u00a0")  # "(703) 555-0130" never splits across lines
    return f'<font size="{styles.PHONE_SIZE}"><b>{unbroken}</b></font>'


def resources(texts: Texts, entries: Iterable[Resource]) -> list[Flowable]:
    """One paragraph per directory entry: name, then how to reach it and when, in the sheet's language."""
    flowables: list[Flowable] = []
    for entry in entries:
        reach = [texts.compose("resource.phone", phone=phone(entry.phone))]
        if entry.phone_24h:
            reach.append(texts.compose("resource.phone_24h", phone=phone(entry.phone_24h)))
        if described := hours.describe(entry.hours, texts):
            reach.append(texts.compose("resource.hours", hours=described))
        if entry.address:
            reach.append(texts("resource.address", address=entry.address))
        name = texts("resource.name", name=entry.name)
        flowables.append(para(f"{name}<br/>{texts('resource.separator').join(reach)}", styles.RESOURCE))
    return flowables


def detective_line(texts: Texts, detective: Detective) -> Paragraph:
    return para(
        texts.compose(
            "detective.line",
            name=safe(detective.name),
            badge=safe(detective.badge_no),
            phone=phone(detective.direct_phone),
            agency=safe(detective.agency),
        ),
        styles.WITH_PHONES,
    )


def redisclosure_notice(texts: Texts, *, short: bool = False) -> Table:
    """42 CFR 2.32: the notice that must accompany information disclosed under a Part 2 consent; the
    abbreviated form the rule allows where a page has no room for the full one."""
    notice: list[Flowable]
    if short:  # the rule's one sentence, on its own
        notice = [para(texts("notice.short"), styles.NOTICE)]
    else:
        notice = [para(texts("notice.title"), styles.LABEL), para(texts("notice.text"), styles.NOTICE)]
    return box(notice, style=styles.NOTICE_BOX)


class QrCode(Flowable):
    """A QR code drawn as one filled path, a rectangle per run of dark modules in a row. reportlab's
    widget encodes the data twice and draws a shape per run: most of a referral sheet's build time."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        modules = _qr_modules(self.url)
        box = self.size / (len(modules) + 2 * styles.QR_QUIET_ZONE)
        self.canv.saveState()
        self.canv.setFillColor(colors.white)  # the quiet zone is white, whatever the box behind it
        self.canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        self.canv.setFillColor(styles.INK)
        path = self.canv.beginPath()
        for row, dark_or_light in enumerate(modules):
            column = 0
            for dark, run in itertools.groupby(dark_or_light):
                length = len(list(run))
                if dark:
                    top = self.size - (row + styles.QR_QUIET_ZONE + 1) * box
                    # A hair taller than a module: neighbouring rows overlap, no seam shows between them.
                    path.rect((column + styles.QR_QUIET_ZONE) * box, top, length * box, box * 1.05)
                column += length
        # Non-zero winding: where the rows overlap they stay dark (even-odd would punch them out).
        self.canv.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        self.canv.restoreState()


@cache
def _qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, row by row (encoding picks the best of eight masks: done once per address)."""
    code = QRCode(None, QRErrorCorrectLevel.M)  # version chosen to fit; M survives a crease or a smudge
    code.addData(url)
    code.make()
    return tuple(tuple(bool(module) for module in row) for row in code.modules)


def qr_code(url: str) -> QrCode:
    return QrCode(url, styles.QR_SIZE)
