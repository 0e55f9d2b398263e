"""Consent form: the 42 CFR Part 2 elements (who may disclose, to whom, what, why, until when, the right to
revoke), the survivor's drawn signature when signed on screen, and the redisclosure notice.

The signing screen shows the same wording (services.bedside.consent_wording reads the same keys).
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from burner_desk.domain.consent import ConsentScope
from burner_desk.printing import layout, styles, texts
from burner_desk.printing.data import ConsentForm
from burner_desk.printing.texts import Texts, safe

LABEL_WIDTH = 2.35 * inch
SIGN_SPACE = 0.5 * inch


def standard_purpose(lang: str) -> str:
    """The program's own purpose for the consent (consent.purpose_default), worded in `lang`. A consent that
    records it, in any shipped language, prints it in the form's language."""
    return texts.load(lang)("consent.purpose_default")  # plain words, no markup: printed escaped


def build(data: ConsentForm, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    # Listed in the enum's order, so the same consent always prints the same way.
    shared = [t(f"consent.scope.{scope.value}") for scope in ConsentScope if scope in data.scopes]
    expiry = t.date(data.expires_on) if data.expires_on else t("consent.expiry_blank")
    born = t.date(data.date_of_birth) if data.date_of_birth else ""
    story: list[Flowable] = [
        layout.para(t("consent.title"), styles.TITLE),
        layout.para(t("consent.form_number", number=data.form_number), styles.SUBTITLE),
        layout.fields(
            [
                (t("consent.person"), f"<b>{safe(data.survivor_name)}</b>"),
                (t("consent.date_of_birth"), born),
                (t("consent.discloser"), safe(data.discloser)),
                (t("consent.recipient"), safe(data.recipient)),  # the program(s) the record names
                (t("consent.purpose"), safe(_purpose(data.purpose, lang))),
                (t("consent.expiry"), expiry),
            ],
            LABEL_WIDTH,
        ),
        layout.para(t("consent.information_heading"), styles.HEADING),
        *layout.bullets(shared),
        layout.para(t("consent.only_listed")),
        layout.para(t("consent.revoke_heading"), styles.HEADING),
        *layout.bullets(t.items("consent.revoke")),
        layout.para(t("consent.agreement"), styles.HEADING),
        _signature(data, t),
        Spacer(0, 8),
        layout.redisclosure_notice(t),  # 42 CFR 2.32: it goes with what is disclosed under this consent
    ]
    return layout.render([story], t, title=t("consent.document"), invariant=invariant)


def _purpose(recorded: str, lang: str) -> str:
    """The program's purpose, recorded in any shipped language, is worded in the form's language; any other
    purpose prints as recorded."""
    if recorded.strip() in {standard_purpose(other) for other in texts.languages()}:
        return standard_purpose(lang)
    return recorded


def _signature(data: ConsentForm, t: Texts) -> Flowable:
    person = t("consent.sign_person")
    key = "consent.signed_on_screen" if data.signature_png else "consent.sign_date"
    when = t(key, date=t.date_time(data.signed_at)) if data.signed_at else t("consent.date")
    if data.signature_png is None:
        return KeepTogether([Spacer(0, SIGN_SPACE), layout.signature_lines([person, when])])
    # Scaled to fit the box, keeping the pad's aspect ratio.
    width, height = ImageReader(BytesIO(data.signature_png)).getSize()
    box_width, box_height = styles.SIGNATURE_BOX
    scale = min(box_width / width, box_height / height)
    image = Image(BytesIO(data.signature_png), width * scale, height * scale, hAlign="LEFT")
    return KeepTogether([image, layout.signature_lines([person, when])])
