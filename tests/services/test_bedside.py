from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from burner_desk.domain.consent import ConsentScope, FollowUpReach, SignedHow
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.inventory import BagStatus, PhoneStatus
from burner_desk.domain.people import Language
from burner_desk.domain.residency import Branch
from burner_desk.services import bedside, cases, inventory, settings
from tests.services.conftest import NOW, PERSONAL_IMEI, PHONE_IMEIS, Program, non_resident, resident

ONE_RESIDENT_ENCOUNTER = {
    "person": 1,
    "incident": 1,
    "encounter": 1,
    "consent": 1,
    "phone_swap": 1,
    "custody_event": 1,
    "family_contact": 1,
    "handout_given": 2,
    "referral": 1,
    "follow_up": 1,
}


def added(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {entity: after[entity] - before[entity] for entity in after if after[entity] != before[entity]}


def test_resident_encounter_writes_every_row_audit_event_and_outbox_entry(program: Program) -> None:
    counts, audit, outbox = program.counts(), program.audit(), program.outbox()

    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    assert added(counts, program.counts()) == ONE_RESIDENT_ENCOUNTER
    assert program.audit()[len(audit) :] == [
        ("encounter.create", "encounter", "ok"),
        ("consent.create", "consent", "ok"),
        ("phone_swap.create", "phone_swap", "ok"),
        ("burner_phone.issue", "burner_phone", "ok"),
        ("recovery_bag.issue", "recovery_bag", "ok"),
        ("follow_up.create", "follow_up", "ok"),
    ]
    inserts = Counter(entity for entity, op in program.outbox()[len(outbox) :] if op == "insert")
    updates = Counter(entity for entity, op in program.outbox()[len(outbox) :] if op == "update")
    assert inserts == ONE_RESIDENT_ENCOUNTER
    assert updates == {"burner_phone": 1, "recovery_bag": 1, "handout": 2}
    assert view.branch is Branch.RESIDENT
    assert view.jurisdiction == "alexandria"
    assert view.follow_up_due_at == NOW + timedelta(hours=48)
    assert (view.burner_asset_tag, view.burner_phone_number) == ("BD-0001", "(703) 555-0161")
    assert (view.recovery_bag_label, view.property_receipt_no) == ("RB-01", "PR-2025-0001")
    assert [r.name for r in view.referrals] == ["Alexandria Community Treatment Program (sample)"]


def test_resident_encounter_issues_phone_and_bag_and_takes_handouts_from_stock(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    phones = {p.asset_tag: p.status for p in inventory.phones(program.uow)}
    assert phones == {"BD-0001": PhoneStatus.ISSUED, "BD-0002": PhoneStatus.IN_STOCK}
    bag = next(b for b in inventory.bags(program.uow) if b.label == "RB-01")
    assert (bag.status, bag.issued_at) == (BagStatus.ISSUED, NOW)
    stock = {(h.code, h.language): h.stock for h in inventory.handouts(program.uow)}
    assert stock[("survivor_naloxone", Language.EN)] == 4
    assert stock[("family_how_to_help", Language.ES)] == 3
    detail = cases.case_detail(program.uow, program.actor, view.encounter_id)
    assert detail.personal_phone is not None
    assert detail.personal_phone.imei == PERSONAL_IMEI
    assert [(e.action.value, e.location) for e in detail.custody] == [("taken", "Inova Alexandria Hospital")]
    assert [(h.code, h.given_to, h.quantity) for h in detail.handouts_given] == [
        ("survivor_naloxone", "survivor", 1),
        ("family_how_to_help", "Pat Quinlan (sample)", 2),
    ]
    assert detail.consents[0].scopes == {ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}


def test_non_resident_gets_no_phone_and_referrals_in_their_jurisdiction(program: Program) -> None:
    counts, audit = program.counts(), program.audit()

    view = bedside.record_encounter(program.uow, program.actor, non_resident("Washington, DC"), NOW)

    assert view.branch is Branch.NON_RESIDENT
    assert (view.burner_asset_tag, view.property_receipt_no, view.recovery_bag_label) == (None, None, None)
    assert [r.name for r in view.referrals] == ["DC Central Intake and Assessment (sample)"]
    assert view.follow_up_due_at == NOW + timedelta(hours=48)
    delta = added(counts, program.counts())
    assert "phone_swap" not in delta and "custody_event" not in delta
    assert delta["follow_up"] == delta["referral"] == 1
    assert [action for action, _, _ in program.audit()[len(audit) :]] == [
        "encounter.create",
        "consent.create",
        "follow_up.create",
    ]
    assert {p.status for p in inventory.phones(program.uow)} == {PhoneStatus.IN_STOCK}


def test_non_resident_can_be_referred_to_chosen_programs_of_their_jurisdiction(program: Program) -> None:
    with program.uow.begin() as tx:
        arlington = {r.name: r.id for r in tx.resources.in_jurisdiction("arlington")}
        alexandria = tx.resources.in_jurisdiction("alexandria")[0].id
    chosen = (
        arlington["Arlington Naloxone Vending Site (sample)"],
        arlington["Arlington Recovery Access Center (sample)"],
    )

    view = bedside.record_encounter(
        program.uow, program.actor, non_resident(referral_resource_ids=chosen), NOW
    )

    assert sorted(r.name for r in view.referrals) == [
        "Arlington Naloxone Vending Site (sample)",
        "Arlington Recovery Access Center (sample)",
    ]
    with pytest.raises(ValidationError, match="serves alexandria, not arlington"):
        bedside.record_encounter(
            program.uow, program.actor, non_resident(referral_resource_ids=(alexandria,)), NOW
        )


def test_on_screen_signature_is_kept(program: Program) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    data = resident()
    data = replace(
        data, consent=replace(data.consent, signed_how=SignedHow.ON_SCREEN, form_number="", signature_png=png)
    )

    view = bedside.record_encounter(program.uow, program.actor, data, NOW)

    with program.uow.begin() as tx:
        (consent,) = tx.workload.consents_for(view.encounter_id)
        assert (consent.signature_png, consent.signed_at) == (png, NOW)


def _with_consent(**changes: object) -> bedside.EncounterInput:
    data = resident()
    return replace(data, consent=replace(data.consent, **changes))


def _with_personal_phone(**changes: object) -> bedside.EncounterInput:
    data = resident()
    assert data.personal_phone is not None
    return replace(data, personal_phone=replace(data.personal_phone, **changes))


BAD_INPUTS = {
    "bad burner IMEI": (resident(burner_phone=PHONE_IMEIS[0][:-1] + "0"), "burner_phone", "check digit"),
    "unknown burner": (resident(burner_phone="BD-9999"), "burner_phone", "no burner phone BD-9999"),
    "bad personal IMEI": (_with_personal_phone(imei="35-209900-176148-2"), "personal_imei", "check digit"),
    "signed consent without scopes": (_with_consent(scopes=frozenset()), "consent_scopes", "choose Declined"),
    "declined consent with scopes": (
        _with_consent(signed_how=SignedHow.DECLINED, form_number=""),
        "consent_scopes",
        "cannot carry scopes",
    ),
    "family contacted without scope": (
        _with_consent(scopes=frozenset({ConsentScope.CONTACT_INFO})),
        "consent_scopes",
        "family",
    ),
    "paper consent without form": (_with_consent(form_number=""), "consent_form_number", "number"),
    "no receipt": (_with_personal_phone(property_receipt_no=" "), "property_receipt_no", "required"),
    "resident without swap": (resident(personal_phone=None), "property_receipt_no", "personal phone"),
    "too many handouts": (
        resident(handouts=(bedside.HandoutRequest("survivor_naloxone", Language.EN, 6),)),
        "handouts",
        "only 5 left",
    ),
    "burner for non-resident": (
        non_resident(burner_phone=PHONE_IMEIS[1]),
        "burner_phone",
        "only City of Alexandria residents",
    ),
    "resident without a bag": (resident(recovery_bag=""), "recovery_bag", "with the burner phone"),
    "unknown jurisdiction": (non_resident("Baltimore"), "referrals", "no treatment program for baltimore"),
    "overdose in the future": (
        resident(incident=replace(resident().incident, occurred_at=NOW + timedelta(hours=1))),
        "occurred_at",
        "not in the future",
    ),
}


@pytest.mark.parametrize(("data", "field", "reason"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_refused_and_nothing_is_saved(
    program: Program, data: bedside.EncounterInput, field: str, reason: str
) -> None:
    counts, audit, outbox = program.counts(), program.audit(), program.outbox()

    with pytest.raises(ValidationError) as caught:
        bedside.record_encounter(program.uow, program.actor, data, NOW)

    assert caught.value.field == field
    assert reason in caught.value.reason
    assert (program.counts(), program.audit(), program.outbox()) == (counts, audit, outbox)


def test_burner_already_issued_is_refused(program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    counts, audit = program.counts(), program.audit()
    again = replace(_with_personal_phone(property_receipt_no="PR-2025-0002"), recovery_bag="RB-02")

    with pytest.raises(ValidationError, match="phone BD-0001 is issued"):
        bedside.record_encounter(program.uow, program.actor, again, NOW)

    assert (program.counts(), program.audit()) == (counts, audit)
    assert {b.label: b.status for b in inventory.bags(program.uow)}["RB-02"] is BagStatus.ASSEMBLED


def test_duplicate_property_receipt_is_refused(program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    counts = program.counts()
    again = resident(burner_phone="BD-0002", recovery_bag="RB-02")

    with pytest.raises(ValidationError) as caught:
        bedside.record_encounter(program.uow, program.actor, again, NOW)

    assert (caught.value.field, caught.value.reason) == (
        "property_receipt_no",
        "receipt PR-2025-0001 is already used",
    )
    assert program.counts() == counts
    assert {p.asset_tag: p.status for p in inventory.phones(program.uow)}["BD-0002"] is PhoneStatus.IN_STOCK


def test_bag_with_expired_naloxone_is_refused(program: Program) -> None:
    counts = program.counts()
    later = NOW.replace(year=2026, month=2)  # the fixture's kits expire 2026-01-31
    data = resident(incident=replace(resident().incident, occurred_at=later - timedelta(hours=2)))

    with pytest.raises(ValidationError) as caught:
        bedside.record_encounter(program.uow, program.actor, data, later)

    assert caught.value.field == "recovery_bag"
    assert f"expired on {date(2026, 1, 31).isoformat()}" in caught.value.reason
    assert program.counts() == counts
    assert {p.status for p in inventory.phones(program.uow)} == {PhoneStatus.IN_STOCK}


def test_bag_already_issued_is_refused(program: Program) -> None:
    bedside.record_encounter(program.uow, program.actor, resident(), NOW)
    again = replace(_with_personal_phone(property_receipt_no="PR-2025-0002"), burner_phone="BD-0002")

    with pytest.raises(ValidationError, match="bag RB-01 was already issued"):
        bedside.record_encounter(program.uow, program.actor, again, NOW)


# --- declining never blocks help; bags for all ----------------------------------------------------


def _declined(data: bedside.EncounterInput) -> bedside.EncounterInput:
    consent = replace(data.consent, scopes=frozenset(), signed_how=SignedHow.DECLINED, form_number="")
    contacts = tuple(replace(c, consent_to_contact=False) for c in data.family_contacts)
    return replace(data, consent=consent, family_contacts=contacts)


def test_a_resident_who_declines_gets_the_phone_the_bag_and_a_follow_up_on_the_burner(
    program: Program,
) -> None:
    counts, audit = program.counts(), program.audit()

    view = bedside.record_encounter(program.uow, program.actor, _declined(resident()), NOW)

    assert (view.burner_asset_tag, view.recovery_bag_label) == ("BD-0001", "RB-01")
    assert view.follow_up_reach is FollowUpReach.BURNER_PHONE_ONLY
    assert added(counts, program.counts()) == ONE_RESIDENT_ENCOUNTER
    assert [action for action, _, _ in program.audit()[len(audit) :]] == [
        "encounter.create",
        "consent.create",
        "phone_swap.create",
        "burner_phone.issue",
        "recovery_bag.issue",
        "follow_up.create",
    ]
    with program.uow.begin() as tx:
        (row,) = tx.workload.consents_for(view.encounter_id)
        assert (row.signed_how, row.scopes, row.signed_at, row.expires_on) == ("declined", [], None, None)


def test_partial_consent_without_contact_info_reaches_the_burner_phone_only(program: Program) -> None:
    data = _with_consent(scopes=frozenset({ConsentScope.REFERRAL_STATUS, ConsentScope.FAMILY_CONTACT}))

    view = bedside.record_encounter(program.uow, program.actor, data, NOW)

    assert view.follow_up_reach is FollowUpReach.BURNER_PHONE_ONLY
    assert view.burner_asset_tag == "BD-0001"


def test_the_city_may_keep_the_program_from_calling_the_burner_without_consent(program: Program) -> None:
    kept = settings.load(program.uow)
    settings.save(program.uow, program.actor, replace(kept, program_calls_burner_without_consent=False))

    view = bedside.record_encounter(program.uow, program.actor, _declined(resident()), NOW)

    assert view.follow_up_reach is FollowUpReach.SURVIVOR_CALLS
    assert settings.load(program.uow).program_calls_burner_without_consent is False


def test_a_non_resident_who_declines_gets_a_bag_without_a_phone(program: Program) -> None:
    view = bedside.record_encounter(
        program.uow, program.actor, _declined(non_resident(recovery_bag="RB-02")), NOW
    )

    assert (view.burner_asset_tag, view.recovery_bag_label) == (None, "RB-02")
    assert view.follow_up_reach is FollowUpReach.SURVIVOR_CALLS
    bags = {b.label: b.status for b in inventory.bags(program.uow)}
    assert bags == {"RB-01": BagStatus.ASSEMBLED, "RB-02": BagStatus.ISSUED}
    assert {p.status for p in inventory.phones(program.uow)} == {PhoneStatus.IN_STOCK}


def test_the_consent_names_the_programs_referred_and_runs_a_year(program: Program) -> None:
    view = bedside.record_encounter(program.uow, program.actor, resident(), NOW)

    assert view.follow_up_reach is FollowUpReach.SURVIVOR
    with program.uow.begin() as tx:
        (row,) = tx.workload.consents_for(view.encounter_id)
        assert row.recipient == "Alexandria Community Treatment Program (sample)"
        assert row.expires_on == date(2026, 3, 1)


def test_the_signing_screen_reads_the_printed_wording_in_the_survivors_language() -> None:
    draft = bedside.ConsentDraft(
        survivor_name="Blake Moreno (sample)",
        date_of_birth=date(1990, 5, 17),
        discloser="Alexandria Police Department (sample)",
        recipients=("Alexandria Community Treatment Program (sample)",),
        purpose=bedside.consent_purpose("es"),
        scopes=frozenset({ConsentScope.FAMILY_CONTACT, ConsentScope.CONTACT_INFO}),
        expires_on=date(2026, 3, 1),
    )

    wording = bedside.consent_wording(draft, "es")

    assert wording.title == "Consentimiento para compartir información"
    assert dict(wording.fields)["Para qué se comparte"] == "Remisión a tratamiento y seguimiento"
    assert dict(wording.fields)["Este consentimiento termina el"] == "1 de marzo de 2026"
    assert wording.shared == (
        "Mi nombre y mi número de teléfono, para que el programa de tratamiento me llame",
        "Que el programa pueda hablar con los familiares que nombré",
    )
