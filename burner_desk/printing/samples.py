"""Invented sample data for every printout, for `burner-desk-admin print-samples` and the tests.

Everyone here is made up and marked "(sample)"; phone numbers are in the 555-01xx range reserved for
fiction, the IMEI starts with the zeros no real phone carries, and the resources come from the shipped
sample directory (resources/directory/sample_resources.json).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from burner_desk.domain import opening_hours
from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.followup import FOLLOW_UP_WINDOW
from burner_desk.domain.inventory import BagItemKind
from burner_desk.domain.resources import ResourceKind
from burner_desk.paths import resource_path
from burner_desk.printing import consent, family, packing_list, public_alert, receipt, referral, texts
from burner_desk.printing.data import (
    BagLine,
    ConsentForm,
    Detective,
    FamilySheet,
    PackingList,
    PropertyReceipt,
    PublicAlert,
    ReferralSheet,
    Resource,
)

SAMPLE_TIME = datetime(2026, 3, 14, 21, 40)  # fixed, so the sample files are the same on every run
DETECTIVE = Detective(
    name="Det. Jordan Lee (sample)",
    badge_no="A-0102",
    direct_phone="(703) 555-0102",
    agency="Alexandria Police Department (sample)",
)
PROPERTY_OFFICE = Resource(
    name="APD Property and Evidence Unit (sample)",
    phone="(703) 555-0160",
    address="160 Sample Street, Alexandria (sample)",
    hours=opening_hours.parse_text("Mon–Fri 9:00–16:00"),  # a vault setting, typed as free text
)
HOME = "alexandria"


@cache
def _directory() -> tuple[dict[str, Any], ...]:
    path = resource_path("directory", "sample_resources.json")
    return tuple(json.loads(path.read_text(encoding="utf-8"))["resources"])


def directory(jurisdiction: str, kind: ResourceKind) -> tuple[Resource, ...]:
    return tuple(
        Resource(
            entry["name"],
            entry["phone"],
            entry["phone_24h"],
            entry["address"],
            opening_hours.from_json(entry["opening_hours"], entry["hours_notes"]),
        )
        for entry in _directory()
        if entry["jurisdiction"] == jurisdiction and entry["kind"] == kind.value
    )


def info_url(jurisdiction: str) -> str:
    return next(
        str(entry["url"])
        for entry in _directory()
        if entry["jurisdiction"] == jurisdiction and entry["kind"] == ResourceKind.TREATMENT.value
    )


def referral_sheet(*, resident: bool = True) -> ReferralSheet:
    place = HOME if resident else "arlington"
    return ReferralSheet(
        survivor_name="Avery Quinlan (sample)" if resident else "Riley Okafor (sample)",
        prepared_on=SAMPLE_TIME.date(),
        detective=DETECTIVE,
        resident=resident,
        jurisdiction=place.title(),
        treatment=directory(place, ResourceKind.TREATMENT),
        naloxone=directory(place, ResourceKind.NALOXONE),
        harm_reduction=directory(place, ResourceKind.HARM_REDUCTION),
        info_url=info_url(HOME),
        burner_phone_number="(703) 555-0120" if resident else "",
        caller=directory(HOME, ResourceKind.TREATMENT)[0],  # the city program calls non-residents too
        call_by=SAMPLE_TIME + FOLLOW_UP_WINDOW,
    )


def family_sheet() -> FamilySheet:
    return FamilySheet(
        recipient_name="Pat Quinlan (sample)",
        prepared_on=SAMPLE_TIME.date(),
        detective=DETECTIVE,
        treatment=directory(HOME, ResourceKind.TREATMENT),
        support_groups=directory(HOME, ResourceKind.FAMILY_SUPPORT),
        naloxone=directory(HOME, ResourceKind.NALOXONE),
    )


def property_receipt() -> PropertyReceipt:
    return PropertyReceipt(
        receipt_no="PR-S-0001",
        taken_at=SAMPLE_TIME,
        owner_name="Avery Quinlan (sample)",
        make="Samplephone",
        model="Model 1",
        colour="black",
        imei="000001000000016",
        condition="cracked corner (sample)",
        storage_location="Bedside evidence bag",
        detective=DETECTIVE,
        property_office=PROPERTY_OFFICE,
    )


def consent_form() -> ConsentForm:
    return ConsentForm(
        survivor_name="Avery Quinlan (sample)",
        date_of_birth=date(1990, 6, 2),
        discloser=DETECTIVE.agency,
        recipient="Alexandria Community Treatment Program (sample)",
        scopes=frozenset(
            {ConsentScope.CONTACT_INFO, ConsentScope.REFERRAL_STATUS, ConsentScope.FAMILY_CONTACT}
        ),
        purpose=consent.standard_purpose("en"),  # as recorded: printed in the form's language
        expires_on=date(2027, 3, 14),
        form_number="SAMPLE-CF-0001",
        signed_at=SAMPLE_TIME,
        signature_png=resource_path("print", "samples", "signature.png").read_bytes(),
    )


def packing_list_sample() -> PackingList:
    return PackingList(
        bag_label="RB-S01",
        packed_on=date(2026, 3, 2),
        packed_by="Morgan Ellis (sample)",
        lines=(
            BagLine(BagItemKind.BURNER_PHONE, 1, "BD-S001 · (703) 555-0120"),
            BagLine(BagItemKind.REFERRAL_SHEET, 1),
            BagLine(BagItemKind.DISPOSAL_BAG, 2),
            BagLine(BagItemKind.NALOXONE, 2, "", "SAMPLE-LOT-01", date(2027, 3, 1)),
            BagLine(BagItemKind.OTHER, 1, "Fentanyl test strips (sample)"),
        ),
    )


def public_alert_sample(circulating: tuple[str, ...] = ()) -> PublicAlert:
    return PublicAlert(
        area_name="Old Town (sample)",
        issued_on=SAMPLE_TIME.date(),
        naloxone=directory(HOME, ResourceKind.NALOXONE),
        treatment=directory(HOME, ResourceKind.TREATMENT),
        circulating=circulating,
    )


# File name stem -> how to build that document for the sample data, in a language.
DOCUMENTS: dict[str, Callable[[str, bool], bytes]] = {
    "referral-sheet": lambda lang, inv: referral.build(referral_sheet(), lang, invariant=inv),
    "referral-sheet-non-resident": lambda lang, inv: referral.build(
        referral_sheet(resident=False), lang, invariant=inv
    ),
    "family-sheet": lambda lang, inv: family.build(family_sheet(), lang, invariant=inv),
    "property-receipt": lambda lang, inv: receipt.build(property_receipt(), lang, invariant=inv),
    "consent-form": lambda lang, inv: consent.build(consent_form(), lang, invariant=inv),
    "packing-list": lambda lang, inv: packing_list.build(packing_list_sample(), lang, invariant=inv),
    "public-alert": lambda lang, inv: public_alert.build(public_alert_sample(), lang, invariant=inv),
}


def write_all(directory_out: Path, *, invariant: bool = True) -> list[Path]:
    """Every document in every shipped language, as `<document>-<lang>.pdf`; returns the files written."""
    directory_out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in texts.languages():
        for name, build in DOCUMENTS.items():
            path = directory_out / f"{name}-{lang}.pdf"
            path.write_bytes(build(lang, invariant))
            written.append(path)
    return written
