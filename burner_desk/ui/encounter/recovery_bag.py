"""The recovery bag page: pick the assembled bag and check its contents."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.inventory import BagItemKind, BagStatus, check_naloxone
from burner_desk.services import inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.controls import fit_to_rows, set_combo_data
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, reason
from burner_desk.ui.errors import message_for

ITEM_NAMES = {
    BagItemKind.BURNER_PHONE: "burner phone",
    BagItemKind.REFERRAL_SHEET: "referral sheet",
    BagItemKind.DISPOSAL_BAG: "medication disposal bag",
    BagItemKind.NALOXONE: "naloxone kit",
}


def describe_item(item: inventory.BagItemView) -> str:
    what = ITEM_NAMES.get(item.kind, "") or item.description
    line = f"{item.quantity} × {what}"
    if item.description and item.description != what:
        line += f" ({item.description})"
    if item.kind is BagItemKind.NALOXONE:
        expiry = item.expires_on.isoformat() if item.expires_on else "no expiry"
        line += f" — lot {item.lot or '?'}, expires {expiry}"
    return line


class RecoveryBagPage(WizardPage):
    key = "recovery_bag"
    title_text = "Recovery bag"

    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setSubTitle("Pick the assembled bag, and tick each item as you check it is inside.")
        self.bags: list[inventory.RecoveryBagView] = []
        self._wanted = ""  # a draft's bag and ticked items, picked once the list has loaded
        self._ticked: set[int] = set()
        self.bag = QComboBox()
        self.add_row("Bag", "recovery_bag", ControlRow(self.bag, "Recovery bag"))
        self.contents = QListWidget()
        fit_to_rows(self.contents)
        self.add_row("Contents", "bag_contents", ControlRow(self.contents, "Bag contents checklist"))
        self.bag.currentIndexChanged.connect(lambda _index: self._show_contents())
        self.contents.itemChanged.connect(self.rows["bag_contents"].clear_error)
        self.finish_layout()

    def initializePage(self) -> None:
        if self.bags:
            return
        self.wait_for(True)
        self._context.tasks.run_db(
            lambda: inventory.bags(self._context.signed_in.uow, BagStatus.ASSEMBLED),
            on_done=self._show_bags,
            on_error=self._bags_failed,
        )

    def _bags_failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
        self.wait_for(False)

    def _show_bags(self, bags: list[inventory.RecoveryBagView]) -> None:
        self.bags = bags
        self.bag.blockSignals(True)
        self.bag.clear()
        for bag in bags:
            self.bag.addItem(bag.label, bag.label)
        self.bag.blockSignals(False)
        if not bags:
            self.rows["recovery_bag"].set_error(
                "No assembled recovery bag in the inventory: assemble one first."
            )
        set_combo_data(self.bag, self._wanted)
        self._show_contents()
        self.wait_for(False)

    @property
    def chosen(self) -> inventory.RecoveryBagView | None:
        index = self.bag.currentIndex()
        return self.bags[index] if 0 <= index < len(self.bags) else None

    def _show_contents(self) -> None:
        self.contents.clear()
        self.rows["recovery_bag"].clear_error()
        bag = self.chosen
        if bag is None:
            return
        ticked = self._ticked if bag.label == self._wanted else set()
        for row, item in enumerate(bag.items):
            entry = QListWidgetItem(describe_item(item))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if row in ticked else Qt.CheckState.Unchecked)
            self.contents.addItem(entry)
        fit_to_rows(self.contents)
        try:
            self._check_naloxone()
        except ValidationError as exc:
            self.rows["recovery_bag"].set_error(reason(exc))

    def _check_naloxone(self) -> None:
        bag = self.chosen
        if bag is None:
            raise ValidationError("recovery_bag", "pick the recovery bag handed over")
        today = self._context.now().date()
        for item in bag.items:
            if item.kind is BagItemKind.NALOXONE and item.expires_on is not None:
                try:
                    check_naloxone(item.lot, item.expires_on, today)
                except ValidationError as exc:
                    raise ValidationError(
                        "recovery_bag", f"bag {bag.label}: {exc.reason}; swap the kit"
                    ) from exc

    def _check_contents(self) -> None:
        items = [self.contents.item(row) for row in range(self.contents.count())]
        if any(item.checkState() != Qt.CheckState.Checked for item in items):
            raise ValidationError("bag_contents", "tick every item once you have checked it is in the bag")

    def checks(self) -> Iterable[Callable[[], object]]:
        return (self._check_naloxone, self._check_contents)

    def value(self) -> str:
        bag = self.chosen
        return bag.label if bag else ""

    def state(self) -> State:
        if not self.bags:  # not loaded yet (a resumed draft): keep what the draft said
            return {"recovery_bag": self._wanted, "ticked": sorted(self._ticked)}
        ticked = [
            row
            for row in range(self.contents.count())
            if self.contents.item(row).checkState() == Qt.CheckState.Checked
        ]
        return {"recovery_bag": self.value(), "ticked": ticked}

    def restore(self, state: State) -> None:
        self._wanted = str(state.get("recovery_bag", ""))
        self._ticked = {int(row) for row in state.get("ticked", ())}
        set_combo_data(self.bag, self._wanted)
