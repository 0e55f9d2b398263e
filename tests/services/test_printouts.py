"""Printouts from the vault: which documents a case gets, what each carries (and whose data it never
carries), and the audit of every print or save."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.errors import NotFound, ValidationError
from burner_desk.domain.people import Language
from burner_desk.printing import texts
from burner_desk.services import bedside, cases, printouts
from burner_desk.services.printouts import DocumentKind
from tests.conftest import SETUP
from tests.printing.conftest import pages, plain, render_pngs, text_of
from tests.services.conftest import NOW, PERSONAL_IMEI, Program, non_resident, resident


@pytest.fixture
def survivor(program: Program) -> bedside.EncounterView:
    """A Spanish-speaking resident whose sister reads English."""
    data = resident()
    data = replace(data, person=replace(data.person, preferred_language=Language.ES))
    return bedside.record_encounter(program.uow, program.actor, data, NOW)


@pytest.fixture
def stranger(program: Program) -> bedside.EncounterView:
    """Another case in the same vault: none of it may show up on the first case's papers."""
    data = non_resident(family_contacts=(bedside.FamilyContactInput(name="Jo Okafor (sample)"),))
    return bedside.record_encounter(program.uow, program.actor, data, NOW)


def _documents(program: Program, encounter_id: object) -> list[printouts.PrintableDocument]:
    return printouts.documents_for(program.uow, program.actor, encounter_id)  # type: ignore[arg-type]


def test_a_resident_with_family_gets_every_document_in_their_own_language(
    program: Program, survivor: bedside.EncounterView
) -> None:
    documents = _documents(program, survivor.encounter_id)
    assert [(d.kind, d.default_lang) for d in documents] == [
        (DocumentKind.REFERRAL_SHEET, Language.ES),
        (DocumentKind.FAMILY_SHEET, Language.EN),  # the sister's language, not the survivor's
        (DocumentKind.PROPERTY_RECEIPT, Language.ES),
        (DocumentKind.CONSENT_FORM, Language.ES),
        (DocumentKind.PACKING_LIST, Language.ES),
    ]
    assert documents[0].title == "Referral sheet"
    assert documents[1].title == "Family sheet for Pat Quinlan (sample)"
    # File names name the document, never the person.
    assert all("Quinlan" not in d.file_stem for d in documents)


def test_a_non_resident_without_phone_or_family_gets_the_referral_variant_and_consent(
    program: Program,
) -> None:
    view = bedside.record_encounter(program.uow, program.actor, non_resident(family_contacts=()), NOW)
    documents = _documents(program, view.encounter_id)
    assert [d.kind for d in documents] == [DocumentKind.REFERRAL_SHEET, DocumentKind.CONSENT_FORM]
    assert documents[0].title == "Referral sheet (non-resident)"
    assert documents[0].file_stem == "referral-sheet-non-resident"


@pytest.mark.parametrize("lang", texts.languages())
def test_referral_sheet_carries_the_survivor_the_detective_and_the_program(
    program: Program,
    survivor: bedside.EncounterView,
    stranger: bedside.EncounterView,
    lang: str,
    tmp_path: Path,
) -> None:
    pdf = printouts.render(program.uow, program.actor, survivor.encounter_id, "referral_sheet", lang)
    text = text_of(pdf)
    t = texts.load(lang)
    assert pages(pdf) == 1
    for must in (
        "Avery Quinlan (sample)",
        SETUP.display_name,
        SETUP.direct_phone,  # the detective's direct line
        SETUP.badge_no,
        survivor.burner_phone_number or "?",
        "Alexandria Community Treatment Program (sample)",
        "(703) 555-0131",  # its 24/7 line
        # The follow-up's due time, in the laptop's time, and the program's number the call comes from.
        plain(t("referral.promise_by", when=t.weekday_time(survivor.follow_up_due_at.astimezone()))),
        plain(
            t(
                "referral.call_from",
                phone="(703) 555-0130",
                program="Alexandria Community Treatment Program (sample)",
            )
        ),
        plain(t("referral.home_visit")),
    ):
        assert must in text, must
    for other in ("Riley", "Okafor", "Arlington Recovery", "Pat Quinlan"):
        assert other not in text, other
    # The QR code leads to the treatment program's own page, from the directory.
    (png,) = render_pngs(pdf, tmp_path, "referral", dpi=150)
    decoded = zxingcpp.read_barcodes(Image.open(png))
    assert [code.text for code in decoded] == ["https://example.org/sample/alexandria/treatment"]


def test_non_resident_referral_lists_where_they_live(
    program: Program, survivor: bedside.EncounterView, stranger: bedside.EncounterView, tmp_path: Path
) -> None:
    pdf = printouts.render(program.uow, program.actor, stranger.encounter_id, "referral_sheet", "en")
    (png,) = render_pngs(pdf, tmp_path, "referral", dpi=150)
    decoded = zxingcpp.read_barcodes(Image.open(png))
    assert [code.text for code in decoded] == ["https://example.org/sample/arlington/treatment"]
    text = text_of(
        printouts.render(program.uow, program.actor, stranger.encounter_id, "referral_sheet", "en")
    )
    assert "Riley Okafor (sample)" in text
    assert "Arlington Recovery Access Center (sample)" in text
    assert "Arlington Naloxone Vending Site (sample)" in text
    # The city's program still makes the 48-hour call; it is not listed as their treatment program.
    t = texts.load("en")
    call_from = plain(
        t(
            "referral.call_from",
            phone="(703) 555-0130",
            program="Alexandria Community Treatment Program (sample)",
        )
    )
    assert call_from in text
    assert text.count("Alexandria Community Treatment") == 1
    for other in ("Avery", "Jo Okafor", plain(t("referral.home_visit"))):
        assert other not in text, other


def test_property_receipt_carries_the_phone_and_the_receipt_number(
    program: Program, survivor: bedside.EncounterView, stranger: bedside.EncounterView
) -> None:
    text = text_of(
        printouts.render(program.uow, program.actor, survivor.encounter_id, "property_receipt", "es")
    )
    for must in ("PR-2025-0001", PERSONAL_IMEI, "Samplephone S1", "Avery Quinlan (sample)"):
        assert text.count(must) == 2, must  # the owner's copy and the department's
    assert "Riley" not in text and "Pat Quinlan" not in text


def test_family_sheet_names_only_the_family_member(
    program: Program, survivor: bedside.EncounterView, stranger: bedside.EncounterView
) -> None:
    sheet = _documents(program, survivor.encounter_id)[1]
    text = text_of(printouts.render(program.uow, program.actor, survivor.encounter_id, sheet.key, "en"))
    assert "Pat Quinlan (sample)" in text
    assert "Alexandria Families in Recovery Group (sample)" in text
    assert SETUP.direct_phone in text
    for other in ("Avery", "PR-2025-0001", "Jo Okafor", "Riley"):
        assert other not in text, other


def test_a_family_sheet_is_never_printed_for_someone_elses_relative(
    program: Program, survivor: bedside.EncounterView, stranger: bedside.EncounterView
) -> None:
    theirs = _documents(program, stranger.encounter_id)[1]
    with pytest.raises(NotFound):
        printouts.render(program.uow, program.actor, survivor.encounter_id, theirs.key, "en")


def test_consent_form_and_packing_list(program: Program, survivor: bedside.EncounterView) -> None:
    consent = text_of(
        printouts.render(program.uow, program.actor, survivor.encounter_id, "consent_form", "en")
    )
    assert "Avery Quinlan (sample)" in consent and "CF-0001" in consent
    assert plain(texts.load("en")("notice.text")).split(".")[0] in consent
    packing = text_of(
        printouts.render(program.uow, program.actor, survivor.encounter_id, "packing_list", "en")
    )
    assert "RB-01" in packing and "LOT-7" in packing
    assert f"BD-0001 · {survivor.burner_phone_number}" in packing
    assert "Avery" not in packing


def test_a_non_residents_packing_list_does_not_list_a_burner_phone(program: Program) -> None:
    """The bag's burner-phone slot is filled at the bedside, and only for residents: the paper must not
    say a phone is in a non-resident's bag."""
    view = bedside.record_encounter(
        program.uow, program.actor, non_resident(family_contacts=(), recovery_bag="RB-01"), NOW
    )
    packing = text_of(printouts.render(program.uow, program.actor, view.encounter_id, "packing_list", "en"))
    assert "RB-01" in packing and "LOT-7" in packing
    assert "burner" not in packing.lower()


def test_the_spanish_consent_form_names_the_program_and_prints_every_field_in_spanish(
    program: Program,
) -> None:
    data = resident()
    expires = date(2026, 3, 1)
    data = replace(data, consent=replace(data.consent, expires_on=expires))
    view = bedside.record_encounter(program.uow, program.actor, data, NOW)
    text = text_of(printouts.render(program.uow, program.actor, view.encounter_id, "consent_form", "es"))
    t = texts.load("es")
    assert "Alexandria Community Treatment Program (sample)" in text  # the program referred, by name
    assert t.date(expires) in text  # "1 de marzo de 2026"
    assert "Remisión a tratamiento y seguimiento" in text  # the recorded purpose, in Spanish
    assert "Referral" not in text and "March" not in text


@pytest.mark.parametrize("lang", texts.languages())
def test_the_signing_screen_shows_what_the_consent_form_prints(program: Program, lang: str) -> None:
    """What the survivor read before signing (services.bedside.consent_wording) is on the printed form,
    line for line, in their language."""
    data = resident()
    data = replace(data, consent=replace(data.consent, purpose=bedside.consent_purpose(lang)))
    view = bedside.record_encounter(program.uow, program.actor, data, NOW)
    with program.uow.begin() as tx:
        (row,) = tx.workload.consents_for(view.encounter_id)
        draft = bedside.ConsentDraft(
            survivor_name=view.person_name,
            date_of_birth=data.person.date_of_birth,
            discloser=row.discloser,
            recipients=tuple(
                name
                for _, resource in tx.workload.referrals_for(view.encounter_id)
                for name in [resource.name]
            ),
            purpose=row.purpose,
            scopes=frozenset(ConsentScope(scope) for scope in row.scopes),
            expires_on=row.expires_on or date.max,
        )
    shown = bedside.consent_wording(draft, lang)
    printed = text_of(printouts.render(program.uow, program.actor, view.encounter_id, "consent_form", lang))
    lines = [
        shown.title,
        *(part for field in shown.fields for part in field),
        shown.information_heading,
        *shown.shared,
        shown.only_listed,
        shown.rights_heading,
        *shown.rights,
        shown.agreement,
        shown.notice,
    ]
    assert [plain(line) for line in lines if plain(line) not in printed] == []


def test_same_case_same_day_gives_byte_identical_pdfs(
    program: Program, survivor: bedside.EncounterView
) -> None:
    def build() -> bytes:
        return printouts.render(
            program.uow, program.actor, survivor.encounter_id, "referral_sheet", "es", now=NOW, invariant=True
        )

    assert build() == build()


@pytest.mark.parametrize("key", ["bogus", "family_sheet", "family_sheet:not-a-uuid"])
def test_an_unknown_document_is_refused(program: Program, survivor: bedside.EncounterView, key: str) -> None:
    with pytest.raises(ValidationError):
        printouts.render(program.uow, program.actor, survivor.encounter_id, key, "en")


def test_a_document_the_case_does_not_have_is_refused(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, non_resident(), NOW)
    with pytest.raises(ValidationError, match="no personal phone"):
        printouts.render(program.uow, program.actor, view.encounter_id, "property_receipt", "en")


def test_record_print_writes_the_audit_event(program: Program, survivor: bedside.EncounterView) -> None:
    sheet = _documents(program, survivor.encounter_id)[1]
    printouts.record_print(
        program.uow, program.actor, survivor.encounter_id, "referral_sheet", "es", 2, "printer"
    )
    printouts.record_print(program.uow, program.actor, survivor.encounter_id, sheet.key, "en", 1, "pdf")
    assert program.audit()[-2:] == [
        ("document.print", "encounter", "referral/es/2"),
        ("document.save_pdf", "family_contact", "family/en/1"),
    ]
    with program.uow.begin() as tx:
        assert tx.verify_audit_chain() is None


@pytest.mark.parametrize(("lang", "copies"), [("fr", 1), ("en", 0), ("en", printouts.MAX_COPIES + 1)])
def test_record_print_refuses_what_cannot_have_been_printed(
    program: Program, survivor: bedside.EncounterView, lang: str, copies: int
) -> None:
    before = program.audit()
    with pytest.raises(ValidationError):
        printouts.record_print(
            program.uow, program.actor, survivor.encounter_id, "referral_sheet", lang, copies, "printer"
        )
    assert program.audit() == before


def test_listing_the_documents_is_an_audited_view(program: Program, survivor: bedside.EncounterView) -> None:
    cases.case_detail(program.uow, program.actor, survivor.encounter_id)
    _documents(program, survivor.encounter_id)
    assert program.audit()[-1] == ("document.list", "encounter", "ok")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("referral-sheet-es.pdf", "referral-sheet-es.pdf"),
        ("/home/det/Desktop/receipt", "receipt.pdf"),
        ("..\\..\\evil.PDF", "evil.pdf"),
        ("..", "document.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("a<b>:c|d?.pdf", "a_b_c_d_.pdf"),
    ],
)
def test_pdf_file_names_are_made_safe(raw: str, expected: str) -> None:
    assert printouts.pdf_file_name(raw) == expected


def test_receipt_says_where_to_get_the_phone_back(program: Program, survivor: bedside.EncounterView) -> None:
    def receipt_text() -> str:
        return text_of(
            printouts.render(program.uow, program.actor, survivor.encounter_id, "property_receipt", "en")
        )

    # No property office on file: the agency and the detective's line, never an empty address.
    assert f"to {SETUP.agency}, or call your detective: {SETUP.direct_phone}" in receipt_text()
    with program.uow.begin(program.actor) as tx:
        tx.settings.put(printouts.PROPERTY_OFFICE_NAME, "APD Property Unit (sample)")
        tx.settings.put(printouts.PROPERTY_OFFICE_ADDRESS, "160 Sample Street (sample)")
        tx.settings.put(printouts.PROPERTY_OFFICE_HOURS, "Mon–Fri 9:00–16:00")
        tx.settings.put(printouts.PROPERTY_OFFICE_PHONE, "+17035550160")
    assert (
        "to APD Property Unit (sample), 160 Sample Street (sample) (Mon–Fri 9:00 AM–4:00 PM), or call (703) 555-0160"
        in receipt_text()
    )
    spanish = text_of(
        printouts.render(program.uow, program.actor, survivor.encounter_id, "property_receipt", "es")
    )
    assert (
        "(de lunes a viernes, de 9:00 a. m. a 4:00 p. m.)" in spanish
    )  # the setting's free text, in Spanish
