"""Recovery bags: the assembled bags, the contents of the selected one, and assembling a new one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.inventory import BagItemKind, naloxone_expiring_soon
from burner_desk.domain.permissions import Op
from burner_desk.services import inventory
from burner_desk.services.paging import Page
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.inventory.phones import local_time
from burner_desk.ui.inventory.selection import reload_keeping_selection, selected_row, stretch_column
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.moments import local_date
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, PagedRowsModel, RowsModel
from burner_desk.ui.widgets.tables import read_only_table

ENTITIES = frozenset({"recovery_bag", "bag_item"})  # what this tab shows: a change to one reloads it


def _naloxone(bag: inventory.RecoveryBagView) -> list[inventory.BagItemView]:
    return [item for item in bag.items if item.kind is BagItemKind.NALOXONE]


def _earliest_expiry(bag: inventory.RecoveryBagView) -> str:
    dates = [item.expires_on for item in _naloxone(bag) if item.expires_on is not None]
    return local_date(min(dates)) if dates else "—"


def bags_model(
    context: ViewContext, on_error: Callable[[BaseException], None]
) -> PagedRowsModel[inventory.RecoveryBagView]:
    uow = context.signed_in.uow

    def load(after: inventory.RecoveryBagView | None, size: int) -> Page[inventory.RecoveryBagView]:
        return inventory.bags_page(uow, after.label if after is not None else None, size)

    def expiring(bag: inventory.RecoveryBagView) -> str:
        today = context.now().date()
        soon = any(
            item.expires_on is not None and naloxone_expiring_soon(item.expires_on, today)
            for item in _naloxone(bag)
        )
        return "due_soon" if soon else ""

    return PagedRowsModel(
        [
            Column(QCoreApplication.translate("ui.inventory.bags", "Label"), lambda b: b.label),
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Status"),
                lambda b: vocabulary.bag_status(b.status),
            ),
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Naloxone kits"),
                lambda b: number(sum(item.quantity for item in _naloxone(b))),
            ),
            Column(QCoreApplication.translate("ui.inventory.bags", "Naloxone expires"), _earliest_expiry),
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Issued"),
                lambda b: local_time(b.issued_at, never="—"),
            ),
        ],
        load,
        context.tasks,
        on_error,
        tone=expiring,
    )


def contents_model() -> RowsModel[inventory.BagItemView]:
    return RowsModel(
        [
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Item"), lambda i: vocabulary.bag_item(i.kind)
            ),
            Column(QCoreApplication.translate("ui.inventory.bags", "Quantity"), lambda i: number(i.quantity)),
            Column(QCoreApplication.translate("ui.inventory.bags", "Lot"), lambda i: i.lot or "—"),
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Expires"),
                lambda i: local_date(i.expires_on) if i.expires_on else "—",
            ),
            Column(
                QCoreApplication.translate("ui.inventory.bags", "Note"),
                lambda i: vocabulary.bag_item_note(i.description),
            ),
        ]
    )


class AssembleBagDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        on_assembled: Callable[[inventory.RecoveryBagView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, self.tr("Assemble a recovery bag"), self.tr("Assemble bag"), parent)
        self._on_assembled = on_assembled
        self.label = self.add_line(
            "label", self.tr("Bag label"), hint=self.tr("as written on the bag, e.g. RB-0042")
        )
        self.lot = self.add_line("naloxone_lot", self.tr("Naloxone lot"))
        self.expiry = QDateEdit()
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.expiry.setDate(QDate(context.now().date() + timedelta(days=365)))
        self.add_widget("naloxone_expiry", self.tr("Naloxone expires on"), self.expiry)
        self.kits = QSpinBox()
        self.kits.setRange(1, inventory.MAX_PER_ITEM)
        self.kits.setValue(2)
        self.add_widget("naloxone", self.tr("Naloxone kits"), self.kits)
        self.disposal_bags = QSpinBox()
        self.disposal_bags.setRange(0, inventory.MAX_PER_ITEM)
        self.disposal_bags.setValue(2)
        self.add_widget("disposal_bags", self.tr("Disposal bags"), self.disposal_bags)

    def save(self) -> None:
        signed_in, now = self.context.signed_in, self.context.now()
        data = inventory.RecoveryBagInput(
            label=self.label.text(),
            naloxone=(
                inventory.NaloxoneKit(self.lot.text(), self.expiry.date().toPython(), self.kits.value()),
            ),
            disposal_bags=self.disposal_bags.value(),
        )
        self.submit(
            lambda: inventory.assemble_recovery_bag(signed_in.uow, signed_in.actor, data, now),
            self._on_assembled,
        )


class BagsTab(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.model = bags_model(context, while_alive(self, self._failed))
        self.table = read_only_table(self.model, self.tr("Recovery bags"))
        self.table.selectionModel().selectionChanged.connect(self._show_contents)
        self.contents_model = contents_model()
        self.contents = read_only_table(self.contents_model, self.tr("Contents of the selected bag"))
        stretch_column(self.contents, 4)
        self.contents_title = QLabel(self.tr("Contents: select a bag"))
        self.contents_title.setObjectName("section")
        self.contents_title.setAccessibleName(self.tr("Contents of"))
        self.message = MessageLabel(self.tr("Recovery bags message"))
        assemble = QPushButton(self.tr("Assemble bag…"))
        assemble.setObjectName("primary")
        assemble.setAccessibleName(self.tr("Assemble bag"))
        assemble.clicked.connect(self.assemble)
        actions = QHBoxLayout()
        actions.addWidget(assemble)
        actions.addStretch()

        contents = QWidget()
        contents_layout = QVBoxLayout(contents)
        contents_layout.setContentsMargins(0, 0, 0, 0)
        contents_layout.addWidget(self.contents_title)
        contents_layout.addWidget(self.contents)
        self.splitter = QSplitter()
        self.splitter.setAccessibleName(self.tr("Bags and contents"))
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(contents)
        self.splitter.setSizes([640, 480])  # the bag list whole; contents elide their notes
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        # Stock is a supervisor's. Set once the button is in the layout: made visible before, it would open
        # as a window of its own.
        assemble.setVisible(context.may("recovery_bag", Op.INSERT))

    def refresh(self) -> None:
        self.model.reload(while_alive(self, self._show))

    def _show(self, bags: Sequence[inventory.RecoveryBagView]) -> None:
        reload_keeping_selection(self.table, bags)
        self._show_contents()

    def _show_contents(self) -> None:
        bag = selected_row(self.table)
        self.contents_model.set_rows(bag.items if bag is not None else [])
        self.contents_title.setText(
            self.tr("Contents of {label}").format(label=bag.label)
            if bag is not None
            else self.tr("Contents: select a bag")
        )

    def assemble(self) -> AssembleBagDialog:
        dialog = AssembleBagDialog(self._context, self._assembled, self)
        dialog.open()
        return dialog

    def _assembled(self, bag: inventory.RecoveryBagView) -> None:
        self.message.show_info(self.tr("Bag {label} assembled.").format(label=bag.label))

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
