"""Recovery-bag packing list: what goes in the bag, naloxone lot and expiry, who packed and checked it."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table

from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import PackingList
from burner_desk.printing.texts import safe

# Item, quantity, details, lot, expiry, a box to tick by hand.
COLUMNS = (1.8 * inch, 0.65 * inch, 1.55 * inch, 1.5 * inch, 1.0 * inch)
LABEL_WIDTH = 1.5 * inch


def build(data: PackingList, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    header = [
        layout.para(t(f"packing.column.{name}"), styles.LABEL)
        for name in ("item", "quantity", "detail", "lot", "expires", "packed")
    ]
    rows = [
        [
            layout.para(t(f"packing.item.{line.kind.value}"), styles.CELL),
            layout.para(str(line.quantity), styles.CELL),
            layout.para(safe(line.detail), styles.CELL),
            layout.para(safe(line.lot), styles.CELL),
            layout.para(t.date(line.expires_on) if line.expires_on else "", styles.CELL),
            "",
        ]
        for line in data.lines
    ]
    widths: list[float | str] = [*COLUMNS, layout.FILL]
    story: list[Flowable] = [
        layout.para(t("packing.title"), styles.TITLE),
        layout.fields(
            [
                (t("packing.bag"), f"<b>{safe(data.bag_label)}</b>"),
                (t("packing.packed_on"), t.date(data.packed_on)),
                (t("packing.packed_by"), safe(data.packed_by)),
            ],
            LABEL_WIDTH,
        ),
        Spacer(0, 10),
        Table([header, *rows], colWidths=widths, style=styles.GRID, repeatRows=1),
        Spacer(0, 8),
        *layout.bullets(t.items("packing.notes")),
        Spacer(0, 0.5 * inch),
        layout.signature_lines([t("packing.sign_packed"), t("packing.sign_checked")]),
    ]
    return layout.render([story], t, title=t("packing.document"), invariant=invariant)
