"""Every printout, in every shipped language: stable bytes, the fields it must carry and no one else's,
one page where a page is promised, Spanish accents intact, a QR code that scans, and PNGs to look at."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from burner_desk.domain.consent import ConsentScope
from burner_desk.printing import (
    consent,
    family,
    hours,
    packing_list,
    receipt,
    referral,
    samples,
    styles,
    texts,
)
from tests.printing.conftest import long_referral, pages, plain, render_pngs, text_of, text_sizes

LANGS = texts.languages()
# Set BURNER_DESK_PRINT_LOOK=/tmp/print-look to keep the rendered pages for a person to look at.
LOOK_DIR = os.environ.get("BURNER_DESK_PRINT_LOOK")


def _check(pdf: bytes, must: list[str], must_not: list[str]) -> None:
    text = text_of(pdf)
    assert [field for field in must if field not in text] == [], text
    assert [field for field in must_not if field in text] == [], text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("document", list(samples.DOCUMENTS))
def test_the_same_data_gives_byte_identical_pdfs(document: str, lang: str) -> None:
    build = samples.DOCUMENTS[document]
    first = build(lang, True)
    assert first.startswith(b"%PDF-")
    assert build(lang, True) == first


@pytest.mark.parametrize("lang", LANGS)
def test_referral_sheet_carries_the_survivors_next_steps(lang: str) -> None:
    t = texts.load(lang)
    data = samples.referral_sheet()
    other = replace(data, survivor_name="Dana Whitfield (sample)", burner_phone_number="(703) 555-0199")
    referral.build(other, lang, invariant=True)  # built first: nothing of it may stay behind
    program = data.treatment[0]
    assert data.caller is not None and data.call_by is not None
    _check(
        referral.build(data, lang, invariant=True),
        [
            data.survivor_name,
            data.detective.name,
            data.detective.direct_phone,
            data.burner_phone_number,
            program.name,
            program.phone,
            program.phone_24h,
            plain(hours.describe(program.hours, t)),  # the walk-in hours, in the sheet's language
            data.naloxone[0].name,
            data.naloxone[0].phone,
            data.harm_reduction[0].phone,
            # When the 48-hour call comes, and from which number.
            plain(t("referral.promise_by", when=t.weekday_time(data.call_by))),
            plain(t.compose("referral.call_from", phone=data.caller.phone, program=data.caller.name)),
            plain(t("referral.home_visit")),  # the Overdose Response Team
            plain(t("referral.crisis")),  # 988
            plain(t("referral.safe_reporting")),  # Code of Virginia § 18.2-251.03
            "18.2-251.03",
            plain(t("referral.naloxone_kit")),  # the kits in the bag, and how to use them
            *(plain(step) for step in t.items("naloxone.steps")),
            plain(t("notice.short")),
        ],
        [other.survivor_name, other.burner_phone_number],
    )


@pytest.mark.parametrize(
    ("lang", "when"), [("en", "Monday, March 16, 9:40 PM"), ("es", "lunes 16 de marzo, 9:40 p. m.")]
)
def test_the_call_is_promised_by_a_day_and_a_us_time(lang: str, when: str) -> None:
    assert when in text_of(samples.DOCUMENTS["referral-sheet"](lang, True))


def test_without_a_follow_up_due_the_sheet_promises_the_48_hours_without_a_time() -> None:
    t = texts.load("en")
    text = text_of(referral.build(replace(samples.referral_sheet(), call_by=None, caller=None), "en"))
    assert plain(t("referral.promise")) in text
    assert "The call comes from" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_non_resident_referral_lists_their_own_jurisdictions_resources(lang: str) -> None:
    t = texts.load(lang)
    data = samples.referral_sheet(resident=False)
    home = samples.referral_sheet()
    assert data.caller is not None
    _check(
        referral.build(data, lang, invariant=True),
        [
            data.survivor_name,
            plain(t("referral.treatment_elsewhere_heading", place=data.jurisdiction)),
            *(entry.name for entry in (*data.treatment, *data.naloxone, *data.harm_reduction)),
            # The city's program still makes the 48-hour call.
            plain(t.compose("referral.call_from", phone=data.caller.phone, program=data.caller.name)),
            plain(t("referral.crisis")),
            plain(t("referral.safe_reporting")),
            plain(t("notice.short")),
        ],
        # No home visit: the Overdose Response Team visits city homes.
        [home.naloxone[0].name, home.survivor_name, plain(t("referral.home_visit"))],
    )


# What English directory text looked like on a Spanish sheet: day names, walk-in, AM/PM, 24-hour times.
ENGLISH_DIRECTORY_TEXT = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*|walk-in|Daily|every day|\b[AP]M\b|Hours:|24/7|\b(1[3-9]|2[0-3]):[0-5]\d"
)


@pytest.mark.parametrize(
    "document", ["referral-sheet", "referral-sheet-non-resident", "family-sheet", "property-receipt"]
)
def test_spanish_sheets_carry_no_english_directory_text(document: str) -> None:
    text = text_of(samples.DOCUMENTS[document]("es", True))
    assert ENGLISH_DIRECTORY_TEXT.findall(text) == []
    assert ENGLISH_DIRECTORY_TEXT.search(
        text_of(samples.DOCUMENTS[document]("en", True))
    )  # the check can fail


@pytest.mark.parametrize(
    "wrong",
    [
        "Hoja de referencia",
        "referencia",
        "le llamará",
        "Para estar más seguro",
        "Diga su nombre en voz alta",
        "Anime a buscar",
    ],
)
def test_the_spanish_wording_the_issue_named_is_gone(wrong: str) -> None:
    for build in samples.DOCUMENTS.values():
        assert wrong not in text_of(build("es", True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("document", list(samples.DOCUMENTS))
def test_every_sample_prints_at_full_size(document: str, lang: str) -> None:
    """Nothing is shrunk to fit: body text at 11 pt or more (the page furniture aside)."""
    sizes = text_sizes(samples.DOCUMENTS[document](lang, True))
    assert min(size for size, _ in sizes if size != styles.FOOTER_SIZE) >= styles.BODY_SIZE


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("resident", [True, False], ids=["resident", "non-resident"])
def test_the_promise_and_the_phone_numbers_are_printed_larger(lang: str, resident: bool) -> None:
    data = samples.referral_sheet(resident=resident)
    t = texts.load(lang)
    sizes = text_sizes(referral.build(data, lang, invariant=True))
    assert data.caller is not None and data.call_by is not None
    phones = {data.caller.phone, data.detective.direct_phone, *(entry.phone for entry in data.treatment)}
    assert {size for size, text in sizes if text in phones} == {styles.PHONE_SIZE}
    promise = plain(t("referral.promise_by", when=t.weekday_time(data.call_by)))
    assert {size for size, text in sizes if len(text) > 10 and text in promise} == {styles.CALLOUT.fontSize}
    assert 12 <= styles.PHONE_SIZE <= 13 and 12 <= styles.CALLOUT.fontSize <= 13


@pytest.mark.parametrize("lang", LANGS)
def test_family_sheet_carries_help_and_who_to_call(lang: str) -> None:
    t = texts.load(lang)
    data = samples.family_sheet()
    other = replace(data, recipient_name="Jamie Other (sample)")
    family.build(other, lang, invariant=True)
    _check(
        family.build(data, lang, invariant=True),
        [
            data.recipient_name,
            data.detective.direct_phone,
            data.treatment[0].phone_24h,
            data.support_groups[0].name,
            data.naloxone[0].name,
            plain(t.items("naloxone.steps")[0]),
            plain(t.items("family.signs")[0]),
        ],
        [other.recipient_name],
    )


@pytest.mark.parametrize("lang", LANGS)
def test_property_receipt_prints_two_copies_of_the_receipt(lang: str) -> None:
    t = texts.load(lang)
    data = samples.property_receipt()
    other = replace(
        data, owner_name="Dana Whitfield (sample)", imei="000001000000024", receipt_no="PR-S-0002"
    )
    receipt.build(other, lang, invariant=True)
    pdf = receipt.build(data, lang, invariant=True)
    _check(
        pdf,
        [
            data.owner_name,
            data.imei,
            data.detective.direct_phone,
            data.property_office.phone,
            plain(t("receipt.copy_owner")),
            plain(t("receipt.copy_department")),
            plain(t("receipt.return_heading")),
        ],
        [other.owner_name, other.imei, other.receipt_no],
    )
    assert pages(pdf) == 1
    text = text_of(pdf)
    assert text.count(data.receipt_no) == 2
    assert text.count(data.imei) == 2


def test_property_receipt_says_so_when_the_imei_could_not_be_read() -> None:
    pdf = receipt.build(replace(samples.property_receipt(), imei=""), "en", invariant=True)
    _check(pdf, [plain(texts.load("en")("receipt.imei_none"))], [])


@pytest.mark.parametrize("lang", LANGS)
def test_consent_form_carries_the_part_2_elements_and_the_notice(lang: str) -> None:
    t = texts.load(lang)
    data = samples.consent_form()
    other = replace(data, survivor_name="Dana Whitfield (sample)", form_number="SAMPLE-CF-0099")
    consent.build(other, lang, invariant=True)
    pdf = consent.build(data, lang, invariant=True)
    _check(
        pdf,
        [
            data.survivor_name,
            data.form_number,
            data.discloser,
            data.recipient,  # the program named on the consent record
            consent.standard_purpose(lang),  # recorded in English, printed in the form's language
            t.date(data.expires_on or date.min),  # until when: a date, never a blank
            *(plain(t(f"consent.scope.{scope.value}")) for scope in data.scopes),
            plain(t.items("consent.revoke")[0]),
            plain(t("notice.title")),
            plain(t("notice.text")),  # the full redisclosure notice: it goes with what is disclosed
        ],
        [other.survivor_name, other.form_number, plain(t("consent.scope.treatment_outcome"))],
    )
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 1  # the drawn signature
    assert pages(pdf) == 1


def test_every_field_of_the_spanish_consent_form_is_in_spanish() -> None:
    english = texts.load("en")
    text = text_of(consent.build(samples.consent_form(), "es", invariant=True))
    assert "14 de marzo de 2027" in text and "Remisión a tratamiento y seguimiento" in text
    for word in (
        consent.standard_purpose("en"),
        plain(english("consent.recipient")),
        plain(english("consent.expiry")),
        "The treatment program",
        "March",
        "PM",
        *(plain(english(f"consent.scope.{scope.value}")) for scope in ConsentScope),
    ):
        assert word not in text, word


def test_a_purpose_of_the_detectives_own_prints_as_recorded() -> None:
    data = replace(samples.consent_form(), purpose="Help with housing & a ride to treatment (sample)")
    assert "Help with housing & a ride to treatment (sample)" in text_of(consent.build(data, "es"))


def test_a_consent_signed_on_paper_leaves_lines_to_sign_and_date() -> None:
    t = texts.load("en")
    data = replace(samples.consent_form(), signature_png=None, signed_at=None, expires_on=None)
    pdf = consent.build(data, "en", invariant=True)
    _check(pdf, [plain(t("consent.sign_person")), plain(t("consent.expiry_blank"))], [])
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_packing_list_carries_the_bag_and_its_naloxone(lang: str) -> None:
    t = texts.load(lang)
    data = samples.packing_list_sample()
    naloxone = next(line for line in data.lines if line.lot)
    _check(
        packing_list.build(data, lang, invariant=True),
        [
            data.bag_label,
            data.packed_by,
            naloxone.lot,
            t.date(naloxone.expires_on or date.min),
            *(plain(t(f"packing.item.{line.kind.value}")) for line in data.lines),
        ],
        [],
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("resident", [True, False], ids=["resident", "non-resident"])
def test_referral_sheet_is_one_page_even_for_a_long_case(lang: str, resident: bool) -> None:
    assert pages(referral.build(samples.referral_sheet(resident=resident), lang)) == 1
    data = long_referral(resident=resident)
    pdf = referral.build(data, lang)
    assert pages(pdf) == 1
    # Shrunk to fit, never cut: every name is still on the page.
    resources = (*data.treatment, *data.naloxone, *data.harm_reduction)
    _check(
        pdf, [data.survivor_name, *(entry.name for entry in resources), *(e.address for e in resources)], []
    )


@pytest.mark.parametrize("lang", LANGS)
def test_family_sheet_is_one_page_even_for_a_long_case(lang: str) -> None:
    assert pages(family.build(samples.family_sheet(), lang)) == 1
    long = long_referral()
    data = replace(
        samples.family_sheet(),
        recipient_name=long.survivor_name,
        support_groups=long.treatment,
        naloxone=long.naloxone,
        treatment=long.harm_reduction,
    )
    pdf = family.build(data, lang)
    assert pages(pdf) == 1
    _check(pdf, [data.recipient_name, *(entry.name for entry in (*data.support_groups, *data.naloxone))], [])


def test_case_data_prints_as_typed() -> None:
    data = replace(samples.referral_sheet(), survivor_name="Lee & <Park> (sample)")
    _check(referral.build(data, "en"), ["Lee & <Park> (sample)"], [])


def test_spanish_accents_survive_extraction() -> None:
    text = text_of(samples.DOCUMENTS["consent-form"]("es", True))
    assert "información" in text
    assert "Qué información se puede compartir" in text
    assert "¿No responde" in text_of(samples.DOCUMENTS["family-sheet"]("es", True))


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_code_scans_to_the_programs_page(qapp: object, tmp_path: Path, lang: str) -> None:
    data = samples.referral_sheet()
    (png,) = render_pngs(referral.build(data, lang), tmp_path, "referral", dpi=150)
    decoded = zxingcpp.read_barcodes(Image.open(png))
    assert [code.text for code in decoded] == [data.info_url]
    assert decoded[0].format == zxingcpp.BarcodeFormat.QRCode


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("document", list(samples.DOCUMENTS))
def test_every_page_renders_to_a_png(qapp: object, tmp_path: Path, document: str, lang: str) -> None:
    directory = Path(LOOK_DIR) if LOOK_DIR else tmp_path
    for png in render_pngs(samples.DOCUMENTS[document](lang, True), directory, f"{document}-{lang}"):
        image = Image.open(png).convert("L")
        assert image.getextrema()[0] < 64, f"{png} is blank"
