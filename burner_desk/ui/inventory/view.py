"""The Inventory view: three tabs, each refreshed when an entity it shows changed (here or elsewhere)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory import bags, handouts, phones


class InventoryView(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Inventory"))
        self.phones = phones.PhonesTab(context)
        self.bags = bags.BagsTab(context)
        self.handouts = handouts.HandoutsTab(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Inventory sections"))
        self.tabs.addTab(self.phones, self.tr("Burner &phones"))
        self.tabs.addTab(self.bags, self.tr("Recovery &bags"))
        self.tabs.addTab(self.handouts, self.tr("&Handout stock"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # The wizard issues phones, bags and handouts too: refresh whatever any view changed.
        self._sections: dict[str, phones.PhonesTab | bags.BagsTab | handouts.HandoutsTab] = {
            phones.ENTITY: self.phones,
            bags.ENTITY: self.bags,
            handouts.ENTITY: self.handouts,
        }
        context.changes.changed.connect(self._on_changed)
        for section in self._sections.values():
            section.refresh()

    def _on_changed(self, entities: frozenset[str]) -> None:
        for entity, section in self._sections.items():
            if entity in entities:
                section.refresh()
