from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.inventory import BagItemKind, BagStatus, HandoutAudience, PhoneStatus
from burner_desk.domain.people import Language
from burner_desk.services import access, demo, inventory
from tests.conftest import SETUP, TEST_KDF
from tests.services.conftest import NOW, PHONE_IMEIS, Program, stock

HEADER = "asset_tag,imei,phone_number,carrier,programmed_contacts\n"
CONTACTS = '"Detective: (703) 555-0101; Treatment program: (703) 555-0130"'


def row(tag: str, imei: str, phone: str = "(703) 555-0170", carrier: str = "Sample Wireless") -> str:
    return f"{tag},{imei},{phone},{carrier},{CONTACTS}\n"


def test_csv_import_keeps_good_rows_and_reports_each_bad_one(program: Program) -> None:
    good = [demo.sample_imei(serial) for serial in (10, 11, 12)]
    csv_text = (
        HEADER
        + row("BD-0010", good[0])
        + row("BD-0011", good[1][:-1] + str((int(good[1][-1]) + 1) % 10))  # line 3: mistyped check digit
        + row("BD-0012", good[2], phone="555-0170")  # line 4: too short
        + row("BD-0010", good[2])  # line 5: asset tag repeats line 2
        + row("BD-0013", PHONE_IMEIS[0])  # line 6: IMEI already in the vault
        + row("BD-0014", good[2], carrier='"=HYPERLINK(""http://x"")"')
        + "BD-0015,only-three,cells\n"  # line 8
        + row("BD-0016", demo.sample_imei(13)).rstrip("\n")
        + ",extra\n"  # line 9
        + row("@BD-0017", demo.sample_imei(14), carrier="+Sample")
    )
    counts = program.counts()

    report = inventory.import_burner_phones_csv(program.uow, program.actor, csv_text)

    assert report.imported == ("BD-0010", "BD-0014", "@BD-0017")
    assert [(e.line, e.field) for e in report.errors] == [
        (3, "imei"),
        (4, "phone_number"),
        (5, "asset_tag"),
        (6, "imei"),
        (8, "imei"),
        (9, "csv"),
    ]
    assert report.errors[2].reason == "BD-0010 is already on line 2 of this file"
    assert report.errors[3].reason == "already in the inventory as phone BD-0001"
    assert program.counts()["burner_phone"] == counts["burner_phone"] + 3
    formula = next(p for p in inventory.phones(program.uow) if p.asset_tag == "BD-0014")
    assert formula.carrier == '=HYPERLINK("http://x")'  # kept as plain text, never evaluated
    assert [c.label for c in formula.programmed_contacts] == ["Detective", "Treatment program"]
    actions = [action for action, _, _ in program.audit()[-4:]]
    assert actions == ["burner_phone.create"] * 3 + ["burner_phone.import"]
    assert program.audit()[-1][2] == "partial"


def test_csv_without_the_columns_is_refused_whole(program: Program) -> None:
    counts = program.counts()
    with pytest.raises(ValidationError, match="missing: programmed_contacts"):
        inventory.import_burner_phones_csv(
            program.uow, program.actor, "asset_tag,imei,phone_number,carrier\nBD-1,1,2,3\n"
        )
    assert program.counts() == counts


def test_add_phone_validates_and_refuses_duplicates(program: Program) -> None:
    data = inventory.BurnerPhoneInput(
        "BD-0002",
        demo.sample_imei(20),
        "(703) 555-0170",
        "",
        (inventory.ProgrammedContact("Det", "7035550101"),),
    )
    with pytest.raises(ValidationError) as caught:
        inventory.add_burner_phone(program.uow, program.actor, data)
    assert (caught.value.field, caught.value.reason) == (
        "asset_tag",
        "already in the inventory as phone BD-0002",
    )
    with pytest.raises(ValidationError) as caught:
        inventory.add_burner_phone(
            program.uow,
            program.actor,
            inventory.BurnerPhoneInput("BD-0020", demo.sample_imei(20), "7035550170", "", ()),
        )
    assert caught.value.field == "programmed_contacts"


def test_verify_contacts_and_mark_phone(program: Program) -> None:
    view = inventory.verify_programmed_contacts(program.uow, program.actor, "BD-0001", NOW)
    assert view.contacts_verified_at == NOW
    assert view.programmed_contacts == (inventory.ProgrammedContact("Detective", "(703) 555-0101"),)

    assert (
        inventory.mark_phone(program.uow, program.actor, PHONE_IMEIS[1], PhoneStatus.LOST).status
        is PhoneStatus.LOST
    )
    assert (
        inventory.mark_phone(program.uow, program.actor, "BD-0002", PhoneStatus.RETIRED).status
        is PhoneStatus.RETIRED
    )
    with pytest.raises(ValidationError, match="is in stock and cannot become returned"):
        inventory.mark_phone(program.uow, program.actor, "BD-0001", PhoneStatus.RETURNED)
    assert [a for a, _, _ in program.audit()[-3:]] == [
        "burner_phone.verify_contacts",
        "burner_phone.lost",
        "burner_phone.retired",
    ]


def test_assemble_bag_records_items_and_refuses_expired_naloxone(program: Program) -> None:
    kits = (
        inventory.NaloxoneKit("LOT-9", date(2025, 9, 30), 2),
        inventory.NaloxoneKit("LOT-10", date(2025, 12, 31)),
    )
    view = inventory.assemble_recovery_bag(
        program.uow,
        program.actor,
        inventory.RecoveryBagInput("RB-10", kits, disposal_bags=3, other_items=("socks",)),
        NOW,
    )
    assert view.status is BagStatus.ASSEMBLED
    assert sorted((i.kind, i.quantity, i.lot) for i in view.items) == [
        (BagItemKind.BURNER_PHONE, 1, ""),
        (BagItemKind.DISPOSAL_BAG, 3, ""),
        (BagItemKind.NALOXONE, 1, "LOT-10"),
        (BagItemKind.NALOXONE, 2, "LOT-9"),
        (BagItemKind.OTHER, 1, ""),
        (BagItemKind.REFERRAL_SHEET, 1, ""),
    ]
    counts = program.counts()
    expired = (inventory.NaloxoneKit("LOT-OLD", NOW.date() - timedelta(days=1)),)
    with pytest.raises(ValidationError) as caught:
        inventory.assemble_recovery_bag(
            program.uow, program.actor, inventory.RecoveryBagInput("RB-11", expired), NOW
        )
    assert caught.value.field == "naloxone_expiry"
    with pytest.raises(ValidationError, match="a bag labelled RB-10 already exists"):
        inventory.assemble_recovery_bag(
            program.uow, program.actor, inventory.RecoveryBagInput("RB-10", kits), NOW
        )
    assert program.counts() == counts


def test_handout_catalog_add_and_restock(program: Program) -> None:
    assert len(inventory.handouts(program.uow)) == 12  # 6 materials x en/es from resources/handouts
    assert inventory.load_handout_catalog(program.uow, program.actor) == []  # already loaded: nothing twice
    added = inventory.add_handout(
        program.uow,
        program.actor,
        inventory.HandoutInput(
            "ride_card", "Free ride to treatment", HandoutAudience.SURVIVOR, Language.EN, stock=3
        ),
    )
    assert added.stock == 3
    assert inventory.restock_handout(program.uow, program.actor, "ride_card", Language.EN, 10).stock == 13
    with pytest.raises(ValidationError, match="already in the catalog"):
        inventory.add_handout(
            program.uow,
            program.actor,
            inventory.HandoutInput("ride_card", "Again", HandoutAudience.SURVIVOR, Language.EN),
        )


@pytest.fixture
def another_vault(tmp_path: Path) -> Iterator[Program]:
    session = access.first_run_setup(tmp_path / "elsewhere", SETUP, kdf=TEST_KDF)
    yield stock(session)
    session.vault.close()


def test_phones_and_bags_have_one_identity_whichever_vault_adds_them(
    program: Program, another_vault: Program
) -> None:
    """The same IMEI is the same burner phone, the same label the same bag (and its items), in every
    vault (domain.ids): two laptops that import the same stock make the same records."""

    def identities(vault: Program) -> tuple[set[object], set[object], set[object]]:
        phones = {phone.id for phone in inventory.phones(vault.uow)}
        bags = inventory.bags(vault.uow)
        with vault.uow.begin() as tx:
            items = {item.id for bag in bags for item in tx.inventory.bag_items(bag.id)}
        return phones, {bag.id for bag in bags}, items

    here, there = identities(program), identities(another_vault)
    assert here == there and all(len(ids) >= 2 for ids in here)


def test_a_phone_is_re_tagged_unless_another_holds_the_tag(program: Program) -> None:
    first, second = (phone.asset_tag for phone in inventory.phones(program.uow))
    with pytest.raises(ValidationError, match="already the tag of the phone"):
        inventory.retag_phone(program.uow, program.actor, PHONE_IMEIS[0], second)
    with pytest.raises(ValidationError, match="already this phone's asset tag"):
        inventory.retag_phone(program.uow, program.actor, PHONE_IMEIS[0], first)

    retagged = inventory.retag_phone(program.uow, program.actor, PHONE_IMEIS[0], "BD-0900")

    assert retagged.asset_tag == "BD-0900" and retagged.imei == PHONE_IMEIS[0]
    assert program.audit()[-1] == ("burner_phone.retag", "burner_phone", "ok")
    assert program.outbox()[-1] == ("burner_phone", "update")


def _add_phones(program: Program, tags: list[str], first_serial: int) -> None:
    csv_text = HEADER + "".join(
        row(tag, demo.sample_imei(first_serial + n), phone=f"(703) 555-01{n:02d}")
        for n, tag in enumerate(tags)
    )
    assert not inventory.import_burner_phones_csv(program.uow, program.actor, csv_text).errors


def test_phones_come_a_page_at_a_time_by_asset_tag_each_once(program: Program) -> None:
    _add_phones(program, [f"BD-1{n:03d}" for n in range(7)], first_serial=100)  # with the 2 stocked: 9

    first = inventory.phones_page(program.uow, size=4)
    # Added while the detective looks at the first page: one before it, one after it.
    _add_phones(program, ["BD-0000", "BD-9999"], first_serial=200)
    seen, page = [phone.asset_tag for phone in first.rows], first
    while page.more:
        page = inventory.phones_page(program.uow, after=seen[-1], size=4)
        seen += [phone.asset_tag for phone in page.rows]

    every = sorted(phone.asset_tag for phone in inventory.phones(program.uow))
    assert seen == [tag for tag in every if tag != "BD-0000"]  # in order, none twice, none skipped
    assert len(first.rows) == 4 and first.more and len(seen) == 10


def test_bags_come_a_page_at_a_time_with_their_items_in_one_query(program: Program) -> None:
    for n in range(3):
        kit = inventory.NaloxoneKit("LOT-7", NOW.date() + timedelta(days=300), quantity=n + 1)
        inventory.assemble_recovery_bag(
            program.uow, program.actor, inventory.RecoveryBagInput(f"RB-1{n}", (kit,)), NOW
        )
    whole = inventory.bags(program.uow)

    first = inventory.bags_page(program.uow, size=3)
    second = inventory.bags_page(program.uow, after=first.rows[-1].label, size=3)

    assert first.more and not second.more
    assert [*first.rows, *second.rows] == sorted(whole, key=lambda bag: bag.label)
    assert {bag.label: len(bag.items) for bag in second.rows} == {"RB-11": 4, "RB-12": 4}
