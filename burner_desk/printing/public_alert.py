"""The public alert of a spike: drugs may be tainted, do not use alone, carry naloxone, where to get it
free (the resource directory's naloxone places), treatment, 988 and 911. One page, to post or hand out.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import PublicAlert
from burner_desk.printing.texts import safe


def build(data: PublicAlert, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    issued = t.date(data.issued_on)
    warning: list[Flowable] = [layout.para(t("public_alert.tainted"), styles.CALLOUT)]
    if data.circulating:
        substances = ", ".join(safe(substance) for substance in data.circulating)
        warning.append(layout.para(t.compose("public_alert.circulating", substances=substances)))
    stay_safer: list[Flowable] = [
        layout.para(t("public_alert.stay_safer_heading"), styles.HEADING),
        *layout.bullets(t.items("public_alert.stay_safer")),
    ]
    naloxone_steps: list[Flowable] = [
        layout.para(t("public_alert.naloxone_heading"), styles.HEADING),
        *layout.numbered(t.items("naloxone.steps")),
    ]
    story: list[Flowable] = [
        layout.para(t("public_alert.title"), styles.TITLE),
        layout.para(
            t("public_alert.where_when", area=data.area_name, date=issued)
            if data.area_name
            else t("public_alert.when", date=issued),
            styles.SUBTITLE,
        ),
        layout.box(warning),
        layout.columns([stay_safer, naloxone_steps], [layout.FILL, layout.FILL]),
        layout.para(t("public_alert.free_naloxone_heading"), styles.HEADING),
        layout.para(t("public_alert.free_naloxone")),
        *layout.resources(t, data.naloxone),
        layout.para(t("public_alert.help_heading"), styles.HEADING),
        *layout.resources(t, data.treatment),
        layout.box(
            [
                layout.para(t("emergency"), styles.EMERGENCY),
                layout.para(t("public_alert.safe_reporting")),
                layout.para(t("referral.crisis")),
            ]
        ),
    ]
    return layout.render([story], t, title=t("public_alert.document"), invariant=invariant, fit=True)
