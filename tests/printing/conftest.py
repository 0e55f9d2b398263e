"""Printout helpers: the text a PDF carries (pypdf) and its pages as PNGs (QtPdf, offscreen)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from burner_desk.domain.opening_hours import WEEK, OpeningHours, Period
from burner_desk.printing import samples
from burner_desk.printing.data import ReferralSheet, Resource

MARKUP = re.compile(r"<[^>]+>")


def pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def text_of(pdf: bytes) -> str:
    """All the text, with line breaks and runs of spaces folded, so wrapped phrases still match."""
    reader = PdfReader(BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def text_sizes(pdf: bytes) -> list[tuple[float, str]]:
    """Each run of text with the size it is printed at, in points (a page shrunk to fit shows here)."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            found.append((round(size * abs(tm[3] * cm[3]), 2), " ".join(text.split())))

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def plain(markup: str) -> str:
    """Printed wording as it reads on paper: no tags, entities decoded."""
    return " ".join(html.unescape(MARKUP.sub("", markup)).split())


def render_pngs(pdf: bytes, directory: Path, stem: str, dpi: int = 110) -> list[Path]:
    """Each page as a PNG (needs a QGuiApplication: use the qapp fixture)."""
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / f"{stem}.pdf"
    source.write_bytes(pdf)
    document = QPdfDocument()
    assert document.load(str(source)) == QPdfDocument.Error.None_
    written = []
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        rendered = document.render(page, size)
        assert not rendered.isNull()
        # QtPdf leaves the paper transparent; paint it white as a printer would.
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        path = directory / f"{stem}-p{page + 1}.png"
        assert image.save(str(path))
        written.append(path)
    document.close()
    return written


def long_referral(*, resident: bool = True) -> ReferralSheet:
    """A deliberately long case: long names and addresses, many resources of every kind."""

    def many(kind: str, count: int) -> tuple[Resource, ...]:
        return tuple(
            Resource(
                name=f"Northern Virginia Regional {kind} Collaborative Site Number {n} for Adults and Families (sample)",
                phone=f"(703) 555-01{40 + n:02d}",
                phone_24h=f"(703) 555-01{60 + n:02d}",
                address=f"{n}0{n} Very Long Sample Boulevard, Suite {n}00, Building C, Alexandria, Virginia 22314 (sample)",
                hours=OpeningHours(
                    periods=(
                        Period(WEEK[:5], 7 * 60, 21 * 60),
                        Period(WEEK[:6], 8 * 60, 12 * 60, walk_in=True),
                        Period(WEEK[:6], 13 * 60, 16 * 60, walk_in=True),
                        Period(WEEK[6:], 10 * 60, 14 * 60),
                    ),
                    notes=(
                        ("en", "bring a photo ID if you have one"),
                        ("es", "traiga una identificación si tiene"),
                    ),
                ),
            )
            for n in range(1, count + 1)
        )

    return replace(
        samples.referral_sheet(resident=resident),
        survivor_name="María-José Esperanza de los Ángeles Villanueva-Castellanos Quiñónez de la Fuente (sample)",
        treatment=many("Treatment", 4),
        naloxone=many("Naloxone", 4),
        harm_reduction=many("Harm Reduction", 4),
    )
