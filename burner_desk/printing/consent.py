"""Consent form: the 42 CFR Part 2 elements (who may disclose, to whom, what, why, until when, the right to
revoke), the survivor's drawn signature when signed on screen, and the redisclosure notice.

`wording` is everything the form says, in one language, as plain text: the form prints it, and the signing
screen can show the same lines, so the survivor reads before signing exactly what is printed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
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
MARKUP = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ConsentWording:
    """What the consent form says, as plain text in one language."""

    title: str
    form_number: str
    fields: tuple[tuple[str, str], ...]  # (label, value): name, birth date, who, to whom, why, until when
    information_heading: str
    shared: tuple[str, ...]  # what may be shared, in the scopes' order
    only_listed: str
    rights_heading: str
    rights: tuple[str, ...]
    agreement: str


def standard_purpose(lang: str) -> str:
    """The program's own purpose for the consent, worded in `lang`. A consent that records it (in any
    shipped language) prints it in the form's language."""
    return _plain(texts.load(lang)("consent.purpose_text"))


def wording(data: ConsentForm, lang: str) -> ConsentWording:
    t = texts.load(lang)
    born = _plain(t.date(data.date_of_birth)) if data.date_of_birth else ""
    expiry = _plain(t.date(data.expires_on) if data.expires_on else t("consent.expiry_blank"))
    fields = (  # labels are our wording; values are the record's, as typed
        ("consent.person", data.survivor_name),
        ("consent.date_of_birth", born),
        ("consent.discloser", data.discloser),
        ("consent.recipient", data.recipient),
        ("consent.purpose", _purpose(data.purpose, lang)),
        ("consent.expiry", expiry),
    )
    return ConsentWording(
        title=_plain(t("consent.title")),
        form_number=_plain(t("consent.form_number", number=data.form_number)),
        fields=tuple((_plain(t(label)), value) for label, value in fields),
        information_heading=_plain(t("consent.information_heading")),
        # Listed in the enum's order, so the same consent always prints the same way.
        shared=tuple(
            _plain(t(f"consent.scope.{scope.value}")) for scope in ConsentScope if scope in data.scopes
        ),
        only_listed=_plain(t("consent.only_listed")),
        rights_heading=_plain(t("consent.revoke_heading")),
        rights=tuple(_plain(item) for item in t.items("consent.revoke")),
        agreement=_plain(t("consent.agreement")),
    )


def build(data: ConsentForm, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    said = wording(data, lang)
    name_label, name = said.fields[0]
    story: list[Flowable] = [
        layout.para(safe(said.title), styles.TITLE),
        layout.para(safe(said.form_number), styles.SUBTITLE),
        layout.fields(
            [
                (safe(name_label), f"<b>{safe(name)}</b>"),
                *((safe(label), safe(value)) for label, value in said.fields[1:]),
            ],
            LABEL_WIDTH,
        ),
        layout.para(safe(said.information_heading), styles.HEADING),
        *layout.bullets(safe(item) for item in said.shared),
        layout.para(safe(said.only_listed)),
        layout.para(safe(said.rights_heading), styles.HEADING),
        *layout.bullets(safe(item) for item in said.rights),
        layout.para(safe(said.agreement), styles.HEADING),
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


def _plain(markup: str) -> str:
    """Wording as it reads: no tags, entities decoded (the form escapes it again to print it)."""
    return html.unescape(MARKUP.sub("", markup))


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
