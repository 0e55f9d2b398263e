"""A demo vault full of invented sample data, and the sample resource directory for first run.

Everyone here is made up and marked "(sample)"; phone numbers are in the 555-01xx range reserved for
fiction, and IMEIs pass the Luhn check but start with a row of zeros no real phone carries.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from burner_desk.domain import opening_hours, text
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.coresponse import CallSource, Category, Disposition, Substance
from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.followup import AttemptOutcome, Channel, TeamMember, TeamRole
from burner_desk.domain.imei import luhn_check_digit
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.domain.permissions import Op, require
from burner_desk.domain.phone import normalise_us_phone
from burner_desk.domain.residency import HOME_JURISDICTION, gets_burner_phone, normalise_jurisdiction
from burner_desk.domain.resources import ResourceKind
from burner_desk.paths import resource_path
from burner_desk.printing import hours as printed_hours
from burner_desk.services import (
    access,
    bedside,
    coresponse,
    custody,
    drug_intel,
    followup,
    inventory,
    spikes,
    users,
)
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.models import Resource
from burner_desk.storage.uow import UnitOfWork

AGENCY = "Alexandria Police Department (sample)"
HOSPITAL = "Inova Alexandria Hospital"
PHONES = 12
BAGS = 12  # every survivor gets a bag, residents and non-residents alike


@dataclass(frozen=True)
class DemoUser:
    name: str
    passphrase: str
    role: Role


SUPERVISOR = DemoUser("morgan.ellis", "Harbor-Lantern-0100", Role.SUPERVISOR)
DETECTIVE = DemoUser("jordan.lee", "Maple-Compass-0101", Role.DETECTIVE)
SOCIAL_WORKER = DemoUser("casey.nguyen", "Cedar-Orchard-0102", Role.SOCIAL_WORKER)
COORDINATOR = DemoUser("quinn.harper", "Birch-Beacon-0103", Role.COORDINATOR)
CLINICIAN = DemoUser("riley.shah", "Birch-Meadow-0103", Role.CLINICIAN)


def sample_imei(serial: int, *, personal: bool = False) -> str:
    """A Luhn-valid IMEI that no real phone has: zeros where the manufacturer code would be."""
    body = f"00000{int(personal)}{serial:08d}"
    return body + str(luhn_check_digit(body))


def load_sample_directory(uow: UnitOfWork, actor: Actor) -> int:
    """Add the shipped sample resource directory; entries already present are kept. Returns how many
    were added."""
    require(actor, "resource", Op.INSERT)
    entries = json.loads(resource_path("directory", "sample_resources.json").read_text(encoding="utf-8"))
    with uow.begin(actor) as tx:
        present = {(row.jurisdiction, row.name) for row in tx.resources.all()}
        added = [
            tx.add(resource)
            for resource in map(_sample_resource, entries["resources"])
            if (resource.jurisdiction, resource.name) not in present
        ]
        tx.record("resource.import", entity="resource")
        return len(added)


def create_demo_vault(directory: Path, kdf: KdfParams | None = None) -> list[DemoUser]:
    """A vault in `directory` with five users, inventory, the directory, several encounters and
    co-response calls."""
    signed_in = access.first_run_setup(
        directory,
        access.SetupInput(
            agency=AGENCY,
            device_name="demo-laptop",
            user_name=SUPERVISOR.name,
            display_name="Sgt. Morgan Ellis (sample)",
            badge_no="S-0100",
            direct_phone="(703) 555-0100",
            passphrase=SUPERVISOR.passphrase,
        ),
        kdf=kdf,
    )
    try:
        _fill(signed_in, kdf, datetime.now(UTC))
    finally:
        signed_in.vault.close()
    return [SUPERVISOR, DETECTIVE, SOCIAL_WORKER, COORDINATOR, CLINICIAN]


def _fill(signed_in: access.SignedIn, kdf: KdfParams | None, now: datetime) -> None:
    uow, supervisor, device_id = signed_in.uow, signed_in.actor, signed_in.actor.device_id
    detective = users.add_user(
        signed_in,
        users.NewUserInput(
            DETECTIVE.name,
            "Det. Jordan Lee (sample)",
            Role.DETECTIVE,
            "A-0101",
            "(703) 555-0101",
            DETECTIVE.passphrase,
        ),
        kdf,
    ).as_actor(device_id)
    social_worker = users.add_user(
        signed_in,
        users.NewUserInput(
            SOCIAL_WORKER.name,
            "Casey Nguyen, LCSW (sample)",
            Role.SOCIAL_WORKER,
            "T-0102",
            "(703) 555-0102",
            SOCIAL_WORKER.passphrase,
        ),
        kdf,
    ).as_actor(device_id)
    users.add_user(
        signed_in,
        users.NewUserInput(
            COORDINATOR.name,
            "Quinn Harper, Opioid Coordinator (sample)",
            Role.COORDINATOR,
            "",
            "(703) 555-0103",
            COORDINATOR.passphrase,
        ),
        kdf,
    )
    clinician = users.add_user(
        signed_in,
        users.NewUserInput(
            CLINICIAN.name,
            "Riley Shah, LCSW (sample)",
            Role.CLINICIAN,
            "C-0103",
            "(703) 555-0103",
            CLINICIAN.passphrase,
        ),
        kdf,
    ).as_actor(device_id)
    load_sample_directory(uow, supervisor)
    inventory.load_handout_catalog(uow, supervisor, initial_stock=40)
    _stock_inventory(uow, supervisor, now)

    cases = [_record_case(uow, detective, case, now) for case in SAMPLE_CASES]
    spikes.set_thresholds(uow, supervisor, {SPIKE_AREA: SPIKE_THRESHOLD})
    _follow_up(uow, supervisor, social_worker, cases, now)
    _drug_intel(uow, detective, cases, now)
    first = cases[0]
    custody.move_personal_phone(
        uow,
        detective,
        sample_receipt_no(device_id, 1),
        CustodyAction.STORED,
        "Property room, locker S-12",
        first.started_at + timedelta(hours=2),
    )
    custody.return_personal_phone(
        uow, detective, sample_receipt_no(device_id, 1), first.person_name, now - timedelta(days=1)
    )
    _co_response_calls(uow, detective, clinician, first.person_id, now)


def _co_response_calls(
    uow: UnitOfWork, officer: Actor, clinician: Actor, survivor_id: uuid.UUID, now: datetime
) -> None:
    """Four invented ACORP calls: the first bedside survivor met twice (a repeat contact on their timeline,
    with the clinician's note), two people met only by the team, one of them after pilot hours."""
    referrals = tuple(program.resource_id for program in bedside.referral_programs(uow, HOME_JURISDICTION))

    def at(days_ago: int, hour: int) -> datetime:
        return (
            (now - timedelta(days=days_ago))
            .astimezone()
            .replace(hour=hour, minute=15, second=0, microsecond=0)
        )

    def person(given: str, family: str) -> bedside.PersonInput:
        return bedside.PersonInput(given, family, HOME_JURISDICTION)

    calls = [
        (
            officer,
            coresponse.CallInput(
                at(40, 14),
                CallSource.DECC_DISPATCH,
                "1100 Duke St",
                "Ofc. Dana Park (sample)",
                "Riley Shah, LCSW (sample)",
                Disposition.RESOLVED_ON_SCENE,
                35,
                person_id=survivor_id,
                officer_cit_trained=True,
                categories=frozenset({Category.MENTAL_HEALTH_CRISIS}),
                actions_taken="De-escalated; safety plan (sample)",
                arrest_avoided=True,
                referral_resource_ids=referrals,
            ),
        ),
        (
            clinician,
            coresponse.CallInput(
                at(2, 16),
                CallSource.FIRST_RESPONDER,
                "300 King St",
                "Ofc. Dana Park (sample)",
                "Riley Shah, LCSW (sample)",
                Disposition.VOLUNTARY_TRANSPORT,
                70,
                person_id=survivor_id,
                officer_cit_trained=True,
                categories=frozenset({Category.SUICIDAL, Category.SUBSTANCE_USE}),
                substances=frozenset({Substance.OPIOIDS}),
                actions_taken="Crisis assessment; rode along to the crisis center (sample)",
                involuntary_avoided=True,
                referral_resource_ids=referrals,
                clinician_note="Invented note: passive suicidal thoughts, no plan; agreed to crisis stabilisation (sample).",
            ),
        ),
        (
            officer,
            coresponse.CallInput(
                at(10, 13),
                CallSource.OUTREACH,
                "2500 Mount Vernon Ave",
                "Ofc. Sam Ortiz (sample)",
                "Riley Shah, LCSW (sample)",
                Disposition.REFERRAL_ONLY,
                25,
                new_person=person("Jamie", "Ellsworth (sample)"),
                categories=frozenset({Category.WELFARE_CHECK}),
                referral_resource_ids=referrals,
            ),
        ),
        (
            officer,
            coresponse.CallInput(
                at(20, 21),
                CallSource.DECC_DISPATCH,
                "4800 Seminary Rd",
                "Ofc. Sam Ortiz (sample)",
                "Riley Shah, LCSW (sample)",
                Disposition.TEMPORARY_DETENTION_ORDER,
                120,
                new_person=person("Robin", "Hale (sample)"),
                categories=frozenset({Category.PSYCHOSIS}),
                substances=frozenset({Substance.STIMULANTS}),
                arrest_avoided=True,
            ),
        ),
    ]
    for who, data in calls:
        coresponse.record_call(uow, who, data, now)


SAMPLE_DRUG_INTEL = (  # (case, hours after the bedside visit, what the survivor said) - invented
    (
        0,
        30,
        drug_intel.DrugIntelInput(
            "Fentanyl (sample)", "blue", "M30", "loose pills", "fell asleep fast", "Route 1 corridor"
        ),
    ),
    (
        1,
        20,
        drug_intel.DrugIntelInput(
            "fentanyl (sample)", "light blue", "m30", "baggie of 10", "", "Route 1 corridor"
        ),
    ),
    (
        2,
        10,
        drug_intel.DrugIntelInput(
            "Xylazine mix (sample)", "white", "", "folded paper", "skin wounds", "Arlington"
        ),
    ),
)


def _drug_intel(uow: UnitOfWork, detective: Actor, cases: list[bedside.EncounterView], now: datetime) -> None:
    for index, hours, said in SAMPLE_DRUG_INTEL:
        at = min(cases[index].started_at + timedelta(hours=hours), now)
        drug_intel.log_report(uow, detective, cases[index].encounter_id, said, at)


def _follow_up(
    uow: UnitOfWork,
    supervisor: Actor,
    social_worker: Actor,
    cases: list[bedside.EncounterView],
    now: datetime,
) -> None:
    """A social worker's week: the supervisor has handed out the older calls, the newest wait to be taken;
    one survivor is in treatment, one was reached by calling first, one has a home visit planned."""
    avery, blake, riley, dana, *_newest = cases
    for case in (avery, blake, riley, dana):
        followup.assign(uow, supervisor, case.follow_up_id, social_worker.user_id)

    def attempt(
        case: bedside.EncounterView, hours: float, channel: Channel, outcome: AttemptOutcome, note: str = ""
    ) -> None:
        at = case.started_at + timedelta(hours=hours)
        data = followup.ContactAttemptInput(case.follow_up_id, channel, outcome, note, at)
        followup.log_contact_attempt(uow, social_worker, data, now)

    attempt(avery, 20, Channel.PHONE, AttemptOutcome.NO_ANSWER, "voicemail full (sample)")
    attempt(avery, 30, Channel.PHONE, AttemptOutcome.INTAKE_SCHEDULED, "intake Thursday 10:00 (sample)")
    attempt(avery, 75, Channel.PHONE, AttemptOutcome.ENTERED_TREATMENT, "started outpatient program (sample)")
    attempt(blake, 24, Channel.PHONE, AttemptOutcome.NO_ANSWER, "no answer, no voicemail (sample)")
    attempt(riley, 5, Channel.SURVIVOR_CALLED_IN, AttemptOutcome.REACHED, "called the program line (sample)")
    attempt(dana, 3, Channel.PHONE, AttemptOutcome.NO_ANSWER, "burner phone switched off (sample)")
    followup.schedule_home_visit(
        uow,
        social_worker,
        blake.follow_up_id,
        followup.HomeVisitPlan(
            now + timedelta(hours=20),  # Blake's 48 hours ran out yesterday: the team goes tomorrow
            (
                TeamMember("Det. Jordan Lee (sample)", TeamRole.POLICE),
                TeamMember("Casey Nguyen, LCSW (sample)", TeamRole.TREATMENT),
                TeamMember("Sam Ortiz, peer specialist (sample)", TeamRole.PEER_SUPPORT),
            ),
            "2 Example Lane (sample)",
        ),
        now,
    )


def _stock_inventory(uow: UnitOfWork, supervisor: Actor, now: datetime) -> None:
    with uow.begin() as tx:
        program = tx.resources.in_jurisdiction(HOME_JURISDICTION, ResourceKind.TREATMENT.value)[0]
    treatment = inventory.ProgrammedContact("City treatment program", program.phone)
    for serial in range(1, PHONES + 1):
        inventory.add_burner_phone(
            uow,
            supervisor,
            inventory.BurnerPhoneInput(
                asset_tag=f"BD-S{serial:03d}",
                imei=sample_imei(serial),
                phone_number=f"(703) 555-01{59 + serial:02d}",
                carrier="Sample Wireless",
                programmed_contacts=(
                    inventory.ProgrammedContact("Det. Jordan Lee", "(703) 555-0101"),
                    treatment,
                ),
            ),
        )
    for serial in range(1, BAGS + 1):
        inventory.assemble_recovery_bag(
            uow,
            supervisor,
            inventory.RecoveryBagInput(
                label=f"RB-S{serial:02d}",
                naloxone=(
                    inventory.NaloxoneKit(f"SAMPLE-LOT-{serial:02d}", (now + timedelta(days=365)).date(), 2),
                ),
            ),
            now,
        )


ALL_SCOPES = frozenset({ConsentScope.CONTACT_INFO, ConsentScope.REFERRAL_STATUS, ConsentScope.FAMILY_CONTACT})


@dataclass(frozen=True)
class SampleCase:
    given_name: str
    family_name: str
    jurisdiction: str
    days_ago: float
    language: Language = Language.EN
    scopes: frozenset[ConsentScope] = ALL_SCOPES  # empty: the survivor declined


# The overdoses of the last day happened in the sample Old Town area, which the demo's supervisor has
# given a threshold of two: Today shows a spike alert to acknowledge (services.spikes).
SPIKE_AREA, SPIKE_THRESHOLD, SPIKE_SPOT = "old-town", 2, (38.8048, -77.0469)

SAMPLE_CASES = (
    SampleCase("Avery", "Quinlan (sample)", "alexandria", 5),
    SampleCase("Blake", "Moreno (sample)", "alexandria", 3, Language.ES),
    SampleCase("Riley", "Okafor (sample)", "arlington", 2),
    SampleCase("Dana", "Whitfield (sample)", "alexandria", 1.5, scopes=frozenset()),  # declined: phone, bag
    SampleCase("Jesse", "Castillo (sample)", "washington dc", 1, Language.ES),
    SampleCase("Morgan", "Tanaka (sample)", "alexandria", 0.2),
    SampleCase(
        "Sky", "Brennan (sample)", "prince george's", 0.1, scopes=frozenset({ConsentScope.CONTACT_INFO})
    ),
)


def _record_case(uow: UnitOfWork, detective: Actor, case: SampleCase, now: datetime) -> bedside.EncounterView:
    serial = SAMPLE_CASES.index(case) + 1
    saved_at = now - timedelta(days=case.days_ago)
    resident = gets_burner_phone(case.jurisdiction)
    handouts = (
        bedside.HandoutRequest("survivor_what_next", case.language),
        bedside.HandoutRequest("survivor_naloxone", case.language),
    )
    family = bedside.FamilyContactInput(
        name=f"Pat {case.family_name}",
        relationship="sibling",
        phone=f"(703) 555-01{80 + serial:02d}",
        language=case.language,
        consent_to_contact=ConsentScope.FAMILY_CONTACT in case.scopes,
        handouts=(bedside.HandoutRequest("family_how_to_help", case.language),),
    )
    data = bedside.EncounterInput(
        person=bedside.PersonInput(
            given_name=case.given_name,
            family_name=case.family_name,
            jurisdiction=case.jurisdiction,
            preferred_language=case.language,
            phone=f"(703) 555-01{10 + serial:02d}",
            address=f"{serial} Example Lane (sample)",
        ),
        incident=bedside.IncidentInput(
            occurred_at=saved_at - timedelta(hours=3),
            address=f"{serial}00 Block of Sample Street (sample)",
            latitude=SPIKE_SPOT[0] if case.days_ago < 1 else None,
            longitude=SPIKE_SPOT[1] if case.days_ago < 1 else None,
            naloxone_doses=serial % 3 + 1,
            suspected_substance="suspected fentanyl (sample)",
            responding_agency="Alexandria Fire Department EMS (sample)",
        ),
        consent=bedside.ConsentInput(
            scopes=case.scopes,
            signed_how=SignedHow.ON_PAPER if case.scopes else SignedHow.DECLINED,
            discloser=AGENCY,
            purpose=bedside.consent_purpose("en"),  # printed in the form's language (printing.consent)
            form_number=f"SAMPLE-CF-{serial:04d}" if case.scopes else "",
        ),
        hospital=HOSPITAL,
        personal_phone=bedside.PersonalPhoneInput(
            property_receipt_no=sample_receipt_no(detective.device_id, serial),
            make="Samplephone",
            model=f"Model {serial}",
            colour="black",
            imei=sample_imei(serial, personal=True),
            condition="cracked corner (sample)",
            storage_location="Bedside evidence bag",
        )
        if resident
        else None,
        burner_phone=f"BD-S{serial:03d}" if resident else "",
        recovery_bag=f"RB-S{serial:02d}",  # non-residents too: the bag without the phone
        handouts=handouts,
        family_contacts=(family,),
        started_at=saved_at - timedelta(minutes=40),
    )
    return bedside.record_encounter(uow, detective, data, saved_at)


def sample_receipt_no(device_id: uuid.UUID, serial: int) -> str:
    """An invented receipt number, different on every demo laptop: two demo vaults syncing with one
    central must not hand two personal phones the same receipt."""
    return f"PR-S-{device_id.hex[:6].upper()}-{serial:04d}"


def _sample_resource(entry: dict[str, Any]) -> Resource:
    if entry.get("sample") is not True:
        raise ValidationError("resources", f"{entry.get('name')!r} is not marked as sample data")
    opening = opening_hours.from_json(entry["opening_hours"], entry["hours_notes"])
    periods, notes = opening_hours.to_json(opening)
    return Resource(
        name=text.clean(entry["name"], "name", required=True),
        kind=ResourceKind(entry["kind"]).value,
        jurisdiction=normalise_jurisdiction(entry["jurisdiction"]),
        phone=normalise_us_phone(entry["phone"]),
        phone_24h=normalise_us_phone(entry["phone_24h"], "phone_24h") if entry["phone_24h"] else "",
        address=text.clean(entry["address"], "address", max_len=400),
        opening_hours=periods,
        hours_notes=notes,
        hours=text.clean(
            printed_hours.in_words(opening, "en"), "hours"
        ),  # for readers that predate the structure
        languages=[Language(code).value for code in entry["languages"]],
        url=text.clean(entry["url"], "url", max_len=400),
        sample_data=True,
    )
