"""The Inventory view: three tabs, each reloaded when a kind of record it shows was written (here or elsewhere)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from burner_desk.domain.changes import Changed
from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory import bags, handouts, phones
from burner_desk.ui.widgets.when_shown import RefreshWhenShown


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
        # The wizard issues phones, bags and handouts too: a tab reloads when a kind it shows was written,
        # the selected one at once, the others when selected. Each loads first when first selected.
        self._sections = [
            (phones.ENTITIES, RefreshWhenShown(self.phones, self.phones.refresh)),
            (bags.ENTITIES, RefreshWhenShown(self.bags, self.bags.refresh)),
            (handouts.ENTITIES, RefreshWhenShown(self.handouts, self.handouts.refresh)),
        ]
        context.changes.changed.connect(self._on_changed)
        for _shows, refresh in self._sections:
            refresh()

    def _on_changed(self, written: Changed) -> None:
        for shows, refresh in self._sections:
            if written & shows:
                refresh()
