"""A department as issue 14 found it, for the convergence tests and the Sync view's: three laptops whose
stock, supervisor names and asset tags overlap (invented sample data)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.services import access, bedside, demo, inventory
from tests.conftest import SETUP, TEST_KDF
from tests.services.conftest import NOW
from tests.sync.conftest import Laptop, LiveCentral

TAG = "BD-0001"
STOCK_CSV = "\n".join(
    [
        "asset_tag,imei,phone_number,carrier,programmed_contacts",
        *(
            f"BD-000{n},{demo.sample_imei(100 + n)},(703) 555-016{n},Sample Wireless,Detective: (703) 555-0101"
            for n in (1, 2, 3)
        ),
    ]
)
ODD_PHONE_IMEI = demo.sample_imei(109)  # the third laptop's phone, tagged like the stock's first one
KIT = inventory.NaloxoneKit("LOT-7", date(2026, 1, 31), 2)


def desk(root: Path, device_name: str, user_name: str, display_name: str = SETUP.display_name) -> Laptop:
    setup = replace(SETUP, device_name=device_name, user_name=user_name, display_name=display_name)
    laptop = Laptop(access.first_run_setup(root / device_name, setup, kdf=TEST_KDF))
    demo.load_sample_directory(laptop.signed_in.uow, laptop.signed_in.actor)
    return laptop


def stock(laptop: Laptop) -> None:
    uow, actor = laptop.signed_in.uow, laptop.signed_in.actor
    assert not inventory.import_burner_phones_csv(uow, actor, STOCK_CSV).errors
    for label in ("RB-01", "RB-02"):
        inventory.assemble_recovery_bag(uow, actor, inventory.RecoveryBagInput(label, (KIT,)), NOW)


def encounter(laptop: Laptop, name: str, receipt: str = "", phone: str = "", bag: str = "") -> None:
    resident = bool(phone)
    data = bedside.EncounterInput(
        person=bedside.PersonInput(
            given_name=name,
            family_name="Sample",
            jurisdiction="Alexandria, VA" if resident else "Arlington, VA",
            phone="(703) 555-0123",
        ),
        incident=bedside.IncidentInput(occurred_at=NOW, address="100 Block of Sample St (sample)"),
        consent=bedside.ConsentInput(
            scopes=frozenset({ConsentScope.CONTACT_INFO}),
            signed_how=SignedHow.ON_PAPER,
            discloser="Alexandria Police Department (sample)",
            purpose="Referral to treatment and follow-up",
            form_number=f"CF-{name}",
        ),
        hospital="Inova Alexandria Hospital",
        personal_phone=bedside.PersonalPhoneInput(property_receipt_no=receipt, make="Samplephone")
        if resident
        else None,
        burner_phone=phone,
        recovery_bag=bag,
    )
    bedside.record_encounter(laptop.signed_in.uow, laptop.signed_in.actor, data, NOW)


class Department:
    """Three laptops as issue 14 found them: A and B share the stock CSV and the supervisor's sign-in
    name; both issue the stock's first phone (to two survivors); C has a phone tagged like it."""

    def __init__(self, root: Path, central: LiveCentral) -> None:
        self.root = root
        self.central = central
        a, b, c = (
            desk(root, "desk-a", "sam.rivera"),
            desk(root, "desk-b", "sam.rivera"),
            desk(root, "desk-c", "morgan.ellis", "Sgt. Morgan Ellis (sample)"),
        )
        self.laptops = {"A": a, "B": b, "C": c}
        stock(a)
        stock(b)
        inventory.add_burner_phone(
            c.signed_in.uow,
            c.signed_in.actor,
            inventory.BurnerPhoneInput(
                TAG,
                ODD_PHONE_IMEI,
                "(703) 555-0169",
                "Sample Wireless",
                (inventory.ProgrammedContact("Det", "(703) 555-0101"),),
            ),
        )
        encounter(a, "Avery", "PR-A-0001", TAG, "RB-01")
        encounter(b, "Blake", "PR-B-0001", TAG, "RB-02")  # the same phone, to another survivor
        encounter(c, "Riley")
        for laptop in self.laptops.values():
            laptop.enroll(central)

    def sync(self, order: tuple[str, ...]) -> None:
        for name in order:
            self.laptops[name].sync()  # never raises: that is what is under test

    def close(self) -> None:
        for laptop in self.laptops.values():
            if not laptop.signed_in.vault.closed:
                laptop.signed_in.vault.close()
