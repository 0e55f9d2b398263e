"""Every look the printouts share: page, fonts, colours, paragraph and table styles. Nothing else sets one."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

PAGE = LETTER
MARGIN = 0.5 * inch
FOOTER_Y = 0.3 * inch

# Bitstream Vera ships inside the reportlab package: embedded, so a PDF prints the same on any machine,
# and it covers Latin-1 (Spanish á é í ó ú ñ ¿ ¡) plus typographic dashes and quotes.
REGULAR, BOLD = "BurnerDeskSans", "BurnerDeskSans-Bold"
pdfmetrics.registerFont(TTFont(REGULAR, "Vera.ttf"))
pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))
pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)

INK = colors.HexColor("#111111")
ACCENT = colors.HexColor("#0b4f8a")  # dark blue: readable in greyscale on a portable printer
TINT = colors.HexColor("#e6eef6")
RULE = colors.HexColor("#7a7a7a")

BODY_SIZE = 11  # the floor for anything a survivor or family member has to read (DESIGN section 6)
PHONE_SIZE = 12  # phone numbers stand out from the body text (and the 48-hour promise, at 13)


# Every paragraph style is this one with a few changes.
_BASE = ParagraphStyle(
    "base", fontName=REGULAR, fontSize=BODY_SIZE, leading=13.2, textColor=INK, spaceAfter=2
)


def _style(name: str, **changes: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=_BASE, **changes)


TITLE = _style("title", fontName=BOLD, fontSize=19, leading=23, textColor=ACCENT, spaceAfter=3)
SUBTITLE = _style("subtitle", spaceAfter=6)
HEADING = _style("heading", fontName=BOLD, fontSize=13, leading=16, textColor=ACCENT, spaceBefore=6)
BODY = _style("body")
BULLET = _style("bullet", leftIndent=15, bulletIndent=3, bulletFontSize=BODY_SIZE, spaceAfter=1)
CALLOUT = _style("callout", fontName=BOLD, fontSize=13, leading=16.5, spaceAfter=3)
CALL_FROM = _style("call_from", fontSize=PHONE_SIZE, leading=14.6, spaceAfter=3)
WITH_PHONES = _style("with_phones", leading=14.6)  # room for the phone numbers, set larger
EMERGENCY = _style("emergency", fontName=BOLD, fontSize=PHONE_SIZE, leading=14.6, spaceBefore=4)
NOTICE = _style("notice", leading=12.8)
LABEL = _style("label", fontName=BOLD, spaceAfter=0)
SUBHEADING = _style("subheading", fontName=BOLD, spaceBefore=6, spaceAfter=1)
RESOURCE = _style("resource", leading=14.6, spaceBefore=3)
CELL = _style("cell", spaceAfter=0)
CENTERED = _style("centered", alignment=1, spaceAfter=0)
FOOTER_SIZE = 8.5  # page furniture (document name, page number), not something a person must read

BOX_PADDING = 7
BOX = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("BOX", (0, 0), (-1, -1), 1, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOX_PADDING),
    ]
)
NOTICE_BOX = TableStyle(
    [
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
)
FIELDS = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)
GRID = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)
COLUMNS = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
)
SIGNATURE_GAP = 24
SIGNATURE_LINE = 0.8
SIGNATURE_CELLS = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
CUT_LINE_DASH = (4, 3)
CUT_MARGIN = MARGIN / 2  # the cut line runs into the margin; the copies keep this far from it
QR_SIZE = 1.2 * inch
QR_QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
SIGNATURE_BOX = (3.2 * inch, 0.75 * inch)
