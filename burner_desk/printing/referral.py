"""Survivor referral sheet: the 48-hour call (when, and from which number), the home visit, treatment, the
detective's line, 988, the naloxone in the bag, staying safer, free naloxone, and the safe-reporting law.

The non-resident variant lists the programs where the survivor lives instead of Alexandria's, and no home
visit (the Overdose Response Team visits city homes). One page.
"""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import ReferralSheet
from burner_desk.printing.texts import Texts, safe

QR_COLUMN = styles.QR_SIZE + 0.45 * inch  # beside the promise, with its one-line caption
DETECTIVE_COLUMN = 3.5 * inch  # beside the program, whose entry has the longer lines
EMERGENCY_COLUMN = 3.3 * inch  # "In an emergency, call 911.", beside the Part 2 notice
STEPS_COLUMN = 3.6 * inch  # the naloxone steps and 988; the wider rest has resources with long lines
CRISIS_SPACE = 6


def build(data: ReferralSheet, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    if data.co_response_clinician:
        return _co_response(data, t, invariant)
    story: list[Flowable] = [
        layout.para(t("referral.title"), styles.TITLE),
        layout.para(
            t("referral.prepared_for", name=data.survivor_name, date=t.date(data.prepared_on)),
            styles.SUBTITLE,
        ),
        layout.box_beside(_promise(data, t), _qr(data, t), QR_COLUMN),
        layout.columns([_program(data, t), _detective(data, t)], [layout.FILL, DETECTIVE_COLUMN]),
        layout.columns([_naloxone_and_crisis(t), _staying_safer(data, t)], [STEPS_COLUMN, layout.FILL]),
        layout.para(t("referral.safe_reporting_heading"), styles.HEADING),
        layout.para(t("referral.safe_reporting")),
        layout.columns(
            [[layout.para(t("emergency"), styles.EMERGENCY)], [layout.redisclosure_notice(t, short=True)]],
            [EMERGENCY_COLUMN, layout.FILL],
        ),
    ]
    return layout.render([story], t, title=t("referral.document"), invariant=invariant, fit=True)


def _co_response(data: ReferralSheet, t: Texts, invariant: bool) -> bytes:
    """After a co-response call: the programs the team referred to, who came, 988, and 911."""
    team = t.compose(
        "referral.co_response_team",
        officer=safe(data.detective.name),
        clinician=safe(data.co_response_clinician),
        agency=safe(data.detective.agency),
    )
    story: list[Flowable] = [
        layout.para(t("referral.co_response_title"), styles.TITLE),
        layout.para(
            t("referral.prepared_for", name=data.survivor_name, date=t.date(data.prepared_on)),
            styles.SUBTITLE,
        ),
        layout.box_beside(
            [layout.para(t("referral.co_response_promise"), styles.CALLOUT)], _qr(data, t), QR_COLUMN
        ),
        layout.columns(
            [
                _program(data, t),
                [layout.para(t("referral.co_response_team_heading"), styles.HEADING), layout.para(team)],
            ],
            [layout.FILL, DETECTIVE_COLUMN],
        ),
        Spacer(0, CRISIS_SPACE),
        layout.box([layout.para(t("referral.crisis"))]),
        layout.columns(
            [[layout.para(t("emergency"), styles.EMERGENCY)], [layout.redisclosure_notice(t, short=True)]],
            [EMERGENCY_COLUMN, layout.FILL],
        ),
    ]
    return layout.render([story], t, title=t("referral.document"), invariant=invariant, fit=True)


def _promise(data: ReferralSheet, t: Texts) -> list[Flowable]:
    """When the social worker calls and from which number, so the survivor answers a number they do not
    know; what the call is for; the home visit."""
    promise = (
        t("referral.promise_by", when=t.weekday_time(data.call_by)) if data.call_by else t("referral.promise")
    )
    told: list[Flowable] = [layout.para(promise, styles.CALLOUT)]
    if data.caller is not None:
        told.append(
            layout.para(
                t.compose(
                    "referral.call_from",
                    phone=layout.phone(data.caller.phone),
                    program=safe(data.caller.name),
                ),
                styles.CALL_FROM,
            )
        )
    detail = t("referral.promise_detail")
    if data.resident:
        detail += " " + t("referral.home_visit")
    return [*told, layout.para(detail)]


def _program(data: ReferralSheet, t: Texts) -> list[Flowable]:
    heading = (
        t("referral.treatment_heading")
        if data.resident
        else t("referral.treatment_elsewhere_heading", place=data.jurisdiction)
    )
    return [layout.para(heading, styles.HEADING), *layout.resources(t, data.treatment)]


def _detective(data: ReferralSheet, t: Texts) -> list[Flowable]:
    told: list[Flowable] = [
        layout.para(t("referral.detective_heading"), styles.HEADING),
        layout.detective_line(t, data.detective),
    ]
    if data.burner_phone_number:
        told.append(
            layout.para(
                t.compose("referral.burner_phone", phone=layout.phone(data.burner_phone_number)),
                styles.WITH_PHONES,
            )
        )
    return told


def _qr(data: ReferralSheet, t: Texts) -> list[Flowable]:
    return [layout.qr_code(data.info_url), layout.para(t("referral.qr_caption"), styles.CENTERED)]


def _naloxone_and_crisis(t: Texts) -> list[Flowable]:
    """The naloxone in the bag and how to use it; then 988, for a crisis that is not an overdose."""
    return [
        layout.para(t("referral.naloxone_kit_heading"), styles.HEADING),
        layout.para(t("referral.naloxone_kit")),
        *layout.numbered(t.items("naloxone.steps")),
        Spacer(0, CRISIS_SPACE),
        layout.box([layout.para(t("referral.crisis"))]),
    ]


def _staying_safer(data: ReferralSheet, t: Texts) -> list[Flowable]:
    """Harm reduction, and where to get more naloxone."""
    return [
        layout.para(t("referral.harm_heading"), styles.HEADING),
        *layout.bullets(t.items("referral.harm_tips")),
        *layout.resources(t, data.harm_reduction),
        layout.para(t("referral.naloxone_heading"), styles.HEADING),
        *layout.resources(t, data.naloxone),
    ]
