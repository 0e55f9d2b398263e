"""A vault stocked like a working program: sample directory, handouts, two phones, two bags."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.people import Actor, Language
from burner_desk.services import access, bedside, demo, inventory
from burner_desk.services.access import SignedIn
from burner_desk.storage.uow import UnitOfWork

NOW = datetime(2025, 3, 1, 22, 30, tzinfo=UTC)
PHONE_IMEIS = (demo.sample_imei(1), demo.sample_imei(2))
PERSONAL_IMEI = demo.sample_imei(7, personal=True)


@dataclass
class Program:
    signed_in: access.SignedIn

    @property
    def uow(self) -> UnitOfWork:
        return self.signed_in.uow

    @property
    def actor(self) -> Actor:
        return self.signed_in.actor

    def counts(self) -> dict[str, int]:
        with self.uow.begin() as tx:
            return tx.live_counts()

    def audit(self) -> list[tuple[str, str, str]]:
        with self.uow.begin() as tx:
            return tx.audit_trail()

    def outbox(self) -> list[tuple[str, str]]:
        with self.uow.begin() as tx:
            return tx.outbox_entities()


@pytest.fixture
def program(signed_in: SignedIn) -> Program:
    return stock(signed_in)


def stock(signed_in: SignedIn) -> Program:
    """The sample directory and handout catalog, two burner phones and two recovery bags."""
    actor = signed_in.actor
    demo.load_sample_directory(signed_in.uow, actor)
    inventory.load_handout_catalog(signed_in.uow, actor, initial_stock=5)
    for serial, imei in enumerate(PHONE_IMEIS, start=1):
        inventory.add_burner_phone(
            signed_in.uow,
            actor,
            inventory.BurnerPhoneInput(
                asset_tag=f"BD-{serial:04d}",
                imei=imei,
                phone_number=f"(703) 555-016{serial}",
                carrier="Sample Wireless",
                programmed_contacts=(inventory.ProgrammedContact("Detective", "(703) 555-0101"),),
            ),
        )
        inventory.assemble_recovery_bag(
            signed_in.uow,
            actor,
            inventory.RecoveryBagInput(
                f"RB-{serial:02d}", (inventory.NaloxoneKit("LOT-7", date(2026, 1, 31), 2),)
            ),
            NOW,
        )
    return Program(signed_in)


def resident(**changes: Any) -> bedside.EncounterInput:
    """A complete resident encounter; tests change one part at a time."""
    data = bedside.EncounterInput(
        person=bedside.PersonInput(
            given_name="Avery",
            family_name="Quinlan (sample)",
            jurisdiction="Alexandria, VA",
            date_of_birth=date(1990, 5, 17),
            preferred_language=Language.EN,
            phone="(703) 555-0123",
        ),
        incident=bedside.IncidentInput(
            occurred_at=NOW - timedelta(hours=4),
            address="100 Block of Sample St (sample)",
            latitude=38.8048,
            longitude=-77.0469,
            naloxone_doses=2,
            suspected_substance="fentanyl (suspected)",
            responding_agency="Alexandria Fire Department EMS (sample)",
        ),
        consent=bedside.ConsentInput(
            scopes=frozenset({ConsentScope.CONTACT_INFO, ConsentScope.FAMILY_CONTACT}),
            signed_how=SignedHow.ON_PAPER,
            discloser="Alexandria Police Department (sample)",
            purpose="Referral to treatment and follow-up",
            form_number="CF-0001",
        ),
        hospital="Inova Alexandria Hospital",
        personal_phone=bedside.PersonalPhoneInput(
            property_receipt_no="PR-2025-0001",
            make="Samplephone",
            model="S1",
            colour="blue",
            imei=PERSONAL_IMEI,
            condition="screen cracked",
            storage_location="evidence bag 12",
        ),
        burner_phone=PHONE_IMEIS[0],
        recovery_bag="RB-01",
        handouts=(bedside.HandoutRequest("survivor_naloxone", Language.EN, 1),),
        family_contacts=(
            bedside.FamilyContactInput(
                name="Pat Quinlan (sample)",
                relationship="sister",
                phone="(703) 555-0124",
                consent_to_contact=True,
                handouts=(bedside.HandoutRequest("family_how_to_help", Language.ES, 2),),
            ),
        ),
    )
    return replace(data, **changes)


def non_resident(jurisdiction: str = "Arlington, VA", **changes: Any) -> bedside.EncounterInput:
    data = resident()
    person = replace(
        data.person, jurisdiction=jurisdiction, given_name="Riley", family_name="Okafor (sample)"
    )
    defaults: dict[str, Any] = {
        "person": person,
        "personal_phone": None,
        "burner_phone": "",
        "recovery_bag": "",
    }
    return replace(data, **(defaults | changes))
