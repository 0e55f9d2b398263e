"""Family resource sheet: how to help, recognising an overdose, naloxone steps, support groups, who to call.

It names the family member it was printed for and nothing about the survivor: the family learns from the
survivor, not from this sheet. One page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import FamilySheet


def build(data: FamilySheet, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    signs: list[Flowable] = [
        layout.para(t("family.signs_heading"), styles.HEADING),
        *layout.bullets(t.items("family.signs")),
    ]
    steps: list[Flowable] = [
        layout.para(t("family.naloxone_heading"), styles.HEADING),
        layout.para(t("family.naloxone_intro")),
        *layout.numbered(t.items("naloxone.steps")),
    ]
    story: list[Flowable] = [
        layout.para(t("family.title"), styles.TITLE),
        layout.para(
            t("family.prepared_for", name=data.recipient_name, date=t.date(data.prepared_on)), styles.SUBTITLE
        ),
        layout.para(t("family.help_heading"), styles.HEADING),
        *layout.bullets(t.items("family.help")),
        layout.columns([signs, steps], [layout.FILL, layout.FILL]),
        layout.para(t("family.groups_heading"), styles.HEADING),
        *layout.resources(t, data.support_groups),
        layout.para(t("family.call_heading"), styles.HEADING),
        layout.box(
            [
                layout.para(t("emergency"), styles.EMERGENCY),
                layout.para(t("family.call_program")),
                *layout.resources(t, data.treatment),
                layout.para(t("family.call_detective")),
                layout.detective_line(t, data.detective),
            ]
        ),
        layout.para(t("family.naloxone_sites_heading"), styles.HEADING),
        *layout.resources(t, data.naloxone),
    ]
    return layout.render([story], t, title=t("family.document"), invariant=invariant, fit=True)
