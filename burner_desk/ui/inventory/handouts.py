"""Handout stock: the catalog with copies on hand, and restocking one handout."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from burner_desk.domain.permissions import Op
from burner_desk.services import inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.inventory.form import FormDialog
from burner_desk.ui.inventory.selection import reload_keeping_selection, selected_row
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.tables import read_only_table

ENTITIES = frozenset({"handout"})  # what this tab shows: a change to one reloads it
LOW_STOCK = 5  # fewer copies than a busy night hands out
MAX_RESTOCK = 1000


def handouts_model() -> RowsModel[inventory.HandoutView]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.inventory.handouts", "Title"), lambda h: h.title),
            Column(
                QCoreApplication.translate("ui.inventory.handouts", "For"),
                lambda h: vocabulary.audience(h.audience),
            ),
            Column(
                QCoreApplication.translate("ui.inventory.handouts", "Language"),
                lambda h: h.language.value.upper(),
            ),
            Column(QCoreApplication.translate("ui.inventory.handouts", "Edition"), lambda h: h.edition),
            Column(
                QCoreApplication.translate("ui.inventory.handouts", "In stock"), lambda h: number(h.stock)
            ),
            Column(QCoreApplication.translate("ui.inventory.handouts", "Code"), lambda h: h.code),
        ],
        tone=lambda h: "due_soon" if h.stock < LOW_STOCK else "",
    )


class RestockDialog(FormDialog):
    def __init__(
        self,
        context: ViewContext,
        handout: inventory.HandoutView,
        on_restocked: Callable[[inventory.HandoutView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, self.tr("Restock a handout"), self.tr("Restock"), parent)
        self._handout = handout
        self._on_restocked = on_restocked
        title = QLabel(
            self.tr("{title} ({upper}): {stock} in stock").format(
                title=handout.title, upper=handout.language.value.upper(), stock=number(handout.stock)
            )
        )
        title.setAccessibleName(self.tr("Handout"))
        title.setWordWrap(True)
        self.form.addRow(title)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_RESTOCK)
        self.quantity.setValue(50)
        self.add_widget("quantity", self.tr("Copies added"), self.quantity)

    def save(self) -> None:
        signed_in, handout, quantity = self.context.signed_in, self._handout, self.quantity.value()
        self.submit(
            lambda: inventory.restock_handout(
                signed_in.uow, signed_in.actor, handout.code, handout.language, quantity
            ),
            self._on_restocked,
        )


class HandoutsTab(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.model = handouts_model()
        self.table = read_only_table(self.model, self.tr("Handout stock"))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda _index: self.restock())
        self.message = MessageLabel(self.tr("Handout stock message"))
        self.restock_button = QPushButton(self.tr("Restock…"))
        self.restock_button.setObjectName("primary")
        self.restock_button.setAccessibleName(self.tr("Restock"))
        self.restock_button.clicked.connect(self.restock)
        self._may_restock = context.may("handout", Op.UPDATE, {"stock": (0, 1)})  # a supervisor's
        actions = QHBoxLayout()
        actions.addWidget(self.restock_button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.restock_button.setVisible(self._may_restock)  # in the layout first, or it opens as a window
        self._enable()

    def refresh(self) -> None:
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: inventory.handouts(uow),
            on_done=while_alive(self, self._show),
            on_error=while_alive(self, self._failed),
        )

    def _show(self, handouts: list[inventory.HandoutView]) -> None:
        reload_keeping_selection(self.table, handouts)
        self._enable()

    def _enable(self) -> None:
        self.restock_button.setEnabled(selected_row(self.table) is not None)

    def restock(self) -> RestockDialog | None:
        handout = selected_row(self.table)
        if handout is None or not self._may_restock:
            return None
        dialog = RestockDialog(self._context, handout, self._restocked, self)
        dialog.open()
        return dialog

    def _restocked(self, handout: inventory.HandoutView) -> None:
        self.message.show_info(
            self.tr("{title} ({upper}): {stock} in stock.").format(
                title=handout.title, upper=handout.language.value.upper(), stock=number(handout.stock)
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
