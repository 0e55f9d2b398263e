"""Personal-phone property receipt: the same receipt twice on one page, the owner's copy above the
department's, with a line to cut along."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from burner_desk.printing import hours, layout, styles, texts
from burner_desk.printing.data import PropertyReceipt
from burner_desk.printing.texts import Texts, safe

LABEL_WIDTH = 1.75 * inch
SIGNATURE_SPACE = 0.45 * inch


def build(data: PropertyReceipt, lang: str, *, invariant: bool = False) -> bytes:
    t = texts.load(lang)
    copies = [_copy(data, t, t("receipt.copy_owner")), _copy(data, t, t("receipt.copy_department"))]
    return layout.render(copies, t, title=t("receipt.document"), invariant=invariant, fit=True)


def _copy(data: PropertyReceipt, t: Texts, which: str) -> list[Flowable]:
    phone = t("receipt.phone_value", make=data.make, model=data.model, colour=data.colour)
    detective = t(
        "receipt.detective_value",
        name=data.detective.name,
        badge=data.detective.badge_no,
        agency=data.detective.agency,
        phone=data.detective.direct_phone,
    )
    return [
        layout.para(t("receipt.title", copy=which), styles.HEADING),
        layout.fields(
            [
                (t("receipt.number"), f"<b>{safe(data.receipt_no)}</b>"),
                (t("receipt.taken_at"), t.date_time(data.taken_at)),
                (t("receipt.owner"), safe(data.owner_name)),
                (t("receipt.phone"), phone),
                (t("receipt.imei"), safe(data.imei) if data.imei else t("receipt.imei_none")),
                (t("receipt.condition"), safe(data.condition)),
                (t("receipt.stored_at"), safe(data.storage_location)),
                (t("receipt.taken_by"), detective),
            ],
            LABEL_WIDTH,
        ),
        layout.para(t("receipt.return_heading"), styles.SUBHEADING),
        layout.para(_how_to_get_it_back(data, t), styles.WITH_PHONES),
        Spacer(0, SIGNATURE_SPACE),
        layout.signature_lines([t("receipt.sign_owner"), t("receipt.sign_detective")]),
    ]


def _how_to_get_it_back(data: PropertyReceipt, t: Texts) -> str:
    office = data.property_office
    detective_phone = layout.phone(data.detective.direct_phone)
    if not office.address:
        # No property office on file yet: the agency and the detective, never an empty address.
        return t.compose(
            "receipt.return_text_no_office", office=safe(office.name), detective_phone=detective_phone
        )
    described = hours.describe(office.hours, t)
    return t.compose(
        "receipt.return_text",
        office=safe(office.name),
        address=safe(office.address),
        hours=t.compose("receipt.office_hours", hours=described) if described else "",
        phone=layout.phone(office.phone),
        detective_phone=detective_phone,
    )
