"""A department's laptops converge (DESIGN.md section 5a): two laptops that imported the same stock and
set up the same supervisor name, a third with a phone tagged like one of theirs, each recording
encounters, syncing in every order. No sync raises; what a person must settle is held back or reported,
exactly that much; once settled, every laptop - and a fresh one - holds the same records."""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.ids import burner_phone_id
from burner_desk.domain.inventory import BagStatus, PhoneStatus
from burner_desk.services import access, demo, inventory, users
from burner_desk.services import sync as sync_service
from tests.conftest import TEST_KDF
from tests.services.conftest import NOW
from tests.sync.conftest import Laptop, LiveCentral, synced_data
from tests.sync.department import KIT, ODD_PHONE_IMEI, TAG, Department, desk, encounter


def stats(laptop: Laptop) -> dict[str, int]:
    with laptop.signed_in.uow.begin() as tx:
        return tx.live_counts()


def assert_held_back_is_the_tag_clash(laptop: Laptop) -> None:
    """One record clashes (a phone tagged BD-0001 this laptop does not hold as its own); everything else
    held back waits for it."""
    held = sync_service.held_back_records(laptop.signed_in.uow)
    clashes = [record for record in held if record.kind == "clash"]
    assert len(clashes) == 1, held
    (clash,) = clashes
    assert (clash.entity, clash.field) == ("burner_phone", "asset tag")
    assert clash.record.startswith(f"burner phone {TAG} (IMEI …") and clash.other.startswith(
        f"burner phone {TAG}"
    )
    waiting = {(record.entity, record.id) for record in held if record.kind == "waits"}
    assert len(waiting) == len(held) - 1
    assert all(record.other_held_back for record in held if record.kind == "waits")


def settle(department: Department, order: tuple[str, ...]) -> None:
    """What the people do: re-tag the odd phone, rename one of the two supervisors, and dismiss the
    double issue once someone has looked into it."""
    c = department.laptops["C"].signed_in
    inventory.retag_phone(c.uow, c.actor, ODD_PHONE_IMEI, "BD-0109")
    kinds: dict[str, list[tuple[Laptop, sync_service.ConflictView]]] = {}
    for laptop in department.laptops.values():
        for conflict in sync_service.conflicts(laptop.signed_in.uow, laptop.signed_in.actor):
            kinds.setdefault(conflict.kind, []).append((laptop, conflict))
    ((named_twice, name_conflict),) = kinds.pop("name_taken")
    ((issued_twice, issue_conflict),) = kinds.pop("double_issue")
    assert kinds == {}, kinds
    assert issue_conflict.thing.startswith(f"burner phone {TAG}") and issue_conflict.other.endswith("Sample")
    assert name_conflict.other == "Det. Sam Rivera (sample) at another desk"
    users.rename_user(named_twice.signed_in, name_conflict.entity_id, "sam.rivera.2")
    signed_in = issued_twice.signed_in
    sync_service.resolve_conflict(signed_in.uow, signed_in.actor, issue_conflict.id, "server")
    for _round in range(2):
        department.sync(order)


@pytest.mark.slow
@pytest.mark.parametrize("order", list(itertools.permutations("ABC")), ids="".join)
def test_three_laptops_converge_in_every_order(
    order: tuple[str, ...], central_factory: Callable[[], LiveCentral], tmp_path: Path
) -> None:
    department = Department(tmp_path, central_factory())
    try:
        for _round in range(2):
            department.sync(order)

        for laptop in department.laptops.values():
            assert_held_back_is_the_tag_clash(laptop)
        reports = {name: laptop.sync() for name, laptop in department.laptops.items()}
        # A and B each hold the other's copy of C's phone back; C holds back the stock phone and the two
        # swaps (with their custody steps) that name it. The two conflicts: one phone, two survivors; one
        # sign-in name, two supervisors.
        assert {name: report.held_back for name, report in reports.items()} == {"A": 1, "B": 1, "C": 5}
        assert sum(report.open_conflicts for report in reports.values()) == 2
        fresh = desk(department.root, "desk-d", "jordan.lee")
        fresh.enroll(department.central)
        department.laptops["D"] = fresh
        first = fresh.sync()
        # Holding neither phone as its own, the fresh laptop keeps the one that comes first (by id)
        stock_phone_first = burner_phone_id(demo.sample_imei(101)) < burner_phone_id(ODD_PHONE_IMEI)
        assert first.from_snapshot and first.held_back == (1 if stock_phone_first else 5)
        assert_held_back_is_the_tag_clash(fresh)

        settle(department, (*order, "D"))

        holdings = {name: synced_data(laptop) for name, laptop in department.laptops.items()}
        for name, data in holdings.items():
            assert data == holdings["A"], f"desk {name} differs from desk A"
        assert all(laptop.status().held_back == 0 for laptop in department.laptops.values())
        assert all(laptop.status().open_conflicts == 0 for laptop in department.laptops.values())
        assert all(laptop.status().waiting == 0 for laptop in department.laptops.values())
        assert len({tuple(sorted(stats(laptop).items())) for laptop in department.laptops.values()}) == 1
        names = sorted(view.user_name for view in users.users(department.laptops["D"].signed_in.uow))
        assert names == ["jordan.lee", "morgan.ellis", "sam.rivera", "sam.rivera.2"]
        assert stats(department.laptops["A"])["burner_phone"] == 4  # three from the CSV (once) and C's
    finally:
        department.close()


# --- random interleavings --------------------------------------------------------------------------

STOCK_BATCHES = (  # two deliveries that share phones and bags: each IMEI and label always the same thing
    ((201, 202, 203), ("RB-10", "RB-11")),
    ((202, 203, 204, 205), ("RB-11", "RB-12")),
)


def receive_stock(laptop: Laptop, batch: int) -> None:
    """A delivery as a supervisor imports it: what is in the inventory already is reported, not added."""
    uow, actor = laptop.signed_in.uow, laptop.signed_in.actor
    serials, labels = STOCK_BATCHES[batch]
    lines = [
        f"BD-{serial:04d},{demo.sample_imei(serial)},(703) 555-01{serial % 100:02d},Sample Wireless,Det: (703) 555-0101"
        for serial in serials
    ]
    inventory.import_burner_phones_csv(
        uow, actor, "\n".join(["asset_tag,imei,phone_number,carrier,programmed_contacts", *lines])
    )
    for label in labels:
        with contextlib.suppress(ValidationError):  # that bag is here already
            inventory.assemble_recovery_bag(uow, actor, inventory.RecoveryBagInput(label, (KIT,)), NOW)


def save_encounter(laptop: Laptop, name: str, receipt: str) -> None:
    """A resident gets a phone and a bag if this laptop has both in stock; anyone else is a non-resident."""
    uow = laptop.signed_in.uow
    phones = inventory.phones(uow, PhoneStatus.IN_STOCK)
    bags = inventory.bags(uow, BagStatus.ASSEMBLED)
    if phones and bags:
        encounter(laptop, name, receipt, phones[0].imei, bags[0].label)
    else:
        encounter(laptop, name)


@pytest.mark.slow
def test_random_saves_imports_and_syncs_converge(
    central_factory: Callable[[], LiveCentral], tmp_path: Path
) -> None:
    """Hypothesis interleaves three laptops' saves, stock deliveries and syncs; after a final round of
    syncs every laptop holds the same records, nothing waits, nothing is held back."""

    class Desks(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            root = Path(tempfile.mkdtemp(dir=tmp_path))
            self.central = central_factory()
            self.laptops = [
                desk(root, "desk-a", "sam.rivera"),
                desk(root, "desk-b", "sam.rivera"),
                desk(root, "desk-c", "morgan.ellis"),
            ]
            for laptop in self.laptops:
                laptop.enroll(self.central)
            self.saved = itertools.count(1)

        @rule(who=st.integers(0, 2), batch=st.integers(0, 1))
        def deliver(self, who: int, batch: int) -> None:
            receive_stock(self.laptops[who], batch)

        @rule(who=st.integers(0, 2))
        def save(self, who: int) -> None:
            n = next(self.saved)
            save_encounter(self.laptops[who], f"Survivor {n}", f"PR-{'ABC'[who]}-{n:04d}")

        @rule(who=st.integers(0, 2))
        def sync(self, who: int) -> None:
            self.laptops[who].sync()

        def teardown(self) -> None:
            try:
                for _round in range(2):
                    for laptop in self.laptops:
                        laptop.sync()
                holdings = [synced_data(laptop, user_names=False) for laptop in self.laptops]
                assert all(data == holdings[0] for data in holdings[1:]), "laptops differ after syncing"
                for laptop in self.laptops:
                    status = laptop.status()
                    assert (status.waiting, status.held_back) == (0, 0)
            finally:
                for laptop in self.laptops:
                    laptop.signed_in.vault.close()
                self.central.stop()

    run_state_machine_as_test(
        Desks,
        settings=settings(
            max_examples=5,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


def test_two_demo_laptops_sync_with_nothing_held_back(live_central: LiveCentral, tmp_path: Path) -> None:
    """Two demo vaults share the invented stock, users and survivors: the stock merges, receipt numbers
    differ by laptop, and what is left is for a person - the same four sign-in names, and the same
    phones (and bags) issued at both desks. Each keeps its own clinician's note: central sends none to
    the other (a police laptop)."""
    made: list[Laptop] = []
    try:
        for n in (1, 2):
            demo.create_demo_vault(tmp_path / f"demo-{n}", kdf=TEST_KDF)
            made.append(
                Laptop(
                    access.sign_in(tmp_path / f"demo-{n}", demo.SUPERVISOR.name, demo.SUPERVISOR.passphrase)
                )
            )
            made[-1].enroll(live_central)
        for _round in range(2):
            for laptop in made:
                laptop.sync()

        assert [laptop.status().held_back for laptop in made] == [0, 0]
        kinds = Counter(
            conflict.kind
            for laptop in made
            for conflict in sync_service.conflicts(laptop.signed_in.uow, laptop.signed_in.actor)
        )
        # four residents got the same phones at both desks; the first one's swap is closed (the demo
        # returns their personal phone), so three phones are still out with two survivors each
        assert (kinds["name_taken"], kinds["double_issue"]) == (5, 3)  # each demo user's sign-in name
        assert stats(made[0]) == stats(made[1])
        assert (stats(made[0])["co_response_call"], stats(made[0])["clinician_note"]) == (8, 1)
        assert stats(made[0])["burner_phone"] == demo.PHONES and stats(made[0])["recovery_bag"] == demo.BAGS
    finally:
        for laptop in made:
            laptop.signed_in.vault.close()
