"""The Inventory view: three tabs, each built when first selected and reloaded when a kind of record it
shows was written (here or elsewhere)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from burner_desk.domain.changes import Changed
from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory import bags, handouts, phones
from burner_desk.ui.inventory.bags import BagsTab
from burner_desk.ui.inventory.handouts import HandoutsTab
from burner_desk.ui.inventory.phones import PhonesTab
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

PHONES, BAGS, HANDOUTS = range(3)  # the tabs, in order


@dataclass(frozen=True)
class _Tab:
    build: Callable[[ViewContext], PhonesTab | BagsTab | HandoutsTab]
    shows: frozenset[str]  # the kinds of record it shows: a change to one reloads it


_TABS = (
    _Tab(PhonesTab, phones.ENTITIES),
    _Tab(BagsTab, bags.ENTITIES),
    _Tab(HandoutsTab, handouts.ENTITIES),
)


class InventoryView(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Inventory"))
        self._context = context
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Inventory sections"))
        # Each tab is built into its page when first selected (or asked for): built together, the three
        # held the UI thread for as long again as the one on screen (issue 17).
        for title in (self.tr("Burner &phones"), self.tr("Recovery &bags"), self.tr("&Handout stock")):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)
        self._built: dict[int, tuple[QWidget, RefreshWhenShown]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab)
        # The wizard issues phones, bags and handouts too: a built tab reloads when a kind it shows was
        # written, the selected one at once, the others when selected.
        context.changes.changed.connect(self._on_changed)
        self._tab(self.tabs.currentIndex())

    @property
    def phones(self) -> PhonesTab:
        tab = self._tab(PHONES)
        assert isinstance(tab, PhonesTab)
        return tab

    @property
    def bags(self) -> BagsTab:
        tab = self._tab(BAGS)
        assert isinstance(tab, BagsTab)
        return tab

    @property
    def handouts(self) -> HandoutsTab:
        tab = self._tab(HANDOUTS)
        assert isinstance(tab, HandoutsTab)
        return tab

    def _tab(self, index: int) -> QWidget:
        """The tab at `index`, built into its page the first time; it loads when shown."""
        if index in self._built:
            return self._built[index][0]
        tab = _TABS[index].build(self._context)
        layout = self.tabs.widget(index).layout()
        assert layout is not None
        layout.addWidget(tab)
        tab.show()  # a child added to a page already on screen would start hidden
        refresh = RefreshWhenShown(tab, tab.refresh)
        self._built[index] = (tab, refresh)
        refresh()
        return tab

    def _on_changed(self, written: Changed) -> None:
        for index, (_tab, refresh) in self._built.items():
            if written & _TABS[index].shows:
                refresh()
