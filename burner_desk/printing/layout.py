"""The building blocks every printout is made of, and the one place that turns a story into PDF bytes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
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


def qr_code(url: str) -> Drawing:
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    size = styles.QR_SIZE
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing
