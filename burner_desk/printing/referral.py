"""Survivor referral sheet: treatment, the detective's line, the 48-hour call, harm reduction, free naloxone.

The non-resident variant lists the programs where the survivor lives instead of Alexandria's. One page.
"""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import ReferralSheet

QR_COLUMN = styles.QR_SIZE + 0.2 * inch


def build(data: ReferralSheet, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    treatment: list[Flowable]
    if data.resident:
        treatment = [layout.para(t("referral.treatment_heading"), styles.HEADING)]
    else:
        treatment = [
            layout.para(t("referral.treatment_elsewhere_heading", place=data.jurisdiction), styles.HEADING),
            layout.para(t("referral.treatment_elsewhere_note")),
        ]
    treatment += layout.resources(t, data.treatment)

    contact: list[Flowable] = [
        layout.para(t("referral.detective_heading"), styles.HEADING),
        layout.detective_line(t, data.detective),
        layout.para(t("referral.detective_note")),
    ]
    if data.burner_phone_number:
        contact.append(layout.para(t("referral.burner_phone", phone=data.burner_phone_number)))
    qr = [layout.qr_code(data.info_url), layout.para(t("referral.qr_caption"), styles.CENTERED)]

    story: list[Flowable] = [
        layout.para(t("referral.title"), styles.TITLE),
        layout.para(
            t("referral.prepared_for", name=data.survivor_name, date=t.date(data.prepared_on)),
            styles.SUBTITLE,
        ),
        layout.box(
            [layout.para(t("referral.promise"), styles.CALLOUT), layout.para(t("referral.promise_detail"))]
        ),
        *treatment,
        layout.columns([contact, qr], [layout.FILL, QR_COLUMN]),
        layout.para(t("referral.harm_heading"), styles.HEADING),
        *layout.bullets(t.items("referral.harm_tips")),
        *layout.resources(t, data.harm_reduction),
        layout.para(t("referral.naloxone_heading"), styles.HEADING),
        layout.para(t("referral.naloxone_intro")),
        *layout.resources(t, data.naloxone),
        layout.para(t("emergency"), styles.LABEL),
        Spacer(0, 6),
        layout.redisclosure_notice(t, short=True),
    ]
    return layout.render([story], t, title=t("referral.document"), invariant=invariant, fit=True)
