"""Every printout, in every shipped language: stable bytes, the fields it must carry and no one else's,
one page where a page is promised, Spanish accents intact, a QR code that scans, and PNGs to look at."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from burner_desk.printing import consent, family, packing_list, receipt, referral, samples, texts
from tests.printing.conftest import long_referral, pages, plain, render_pngs, text_of

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
            program.hours,  # the walk-in hours
            data.naloxone[0].name,
            data.naloxone[0].phone,
            data.harm_reduction[0].phone,
            plain(t("referral.promise")),
            plain(t("notice.short")),
        ],
        [other.survivor_name, other.burner_phone_number],
    )


@pytest.mark.parametrize("lang", LANGS)
def test_non_resident_referral_lists_their_own_jurisdictions_resources(lang: str) -> None:
    t = texts.load(lang)
    data = samples.referral_sheet(resident=False)
    home = samples.referral_sheet()
    _check(
        referral.build(data, lang, invariant=True),
        [
            data.survivor_name,
            plain(t("referral.treatment_elsewhere_heading", place=data.jurisdiction)),
            *(entry.name for entry in (*data.treatment, *data.naloxone, *data.harm_reduction)),
            plain(t("referral.promise")),
            plain(t("notice.short")),
        ],
        [home.treatment[0].name, home.naloxone[0].name, home.survivor_name],
    )


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
            plain(t.items("family.naloxone_steps")[0]),
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
            data.recipient,
            data.purpose,
            t.date(data.expires_on or date.min),
            *(plain(t(f"consent.scope.{scope.value}")) for scope in data.scopes),
            plain(t.items("consent.revoke")[0]),
            plain(t("notice.title")),
            plain(t("notice.text")),
        ],
        [other.survivor_name, other.form_number, plain(t("consent.scope.treatment_outcome"))],
    )
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 1  # the drawn signature


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
