"""The Resources view: the referral directory of one jurisdiction, optionally one kind. Read-only."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from burner_desk.domain.residency import HOME_JURISDICTION, jurisdiction_name
from burner_desk.domain.resources import ResourceKind
from burner_desk.services import resources
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import current_language, translated
from burner_desk.ui.inventory.selection import reload_keeping_selection, selected_row, stretch_column
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.rows_model import Column, RowsModel
from burner_desk.ui.widgets.tables import read_only_table
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

ENTITY = "resource"
KIND_NAMES = {
    ResourceKind.TREATMENT: QT_TRANSLATE_NOOP("ui.resources.view", "Treatment programs"),
    ResourceKind.NALOXONE: QT_TRANSLATE_NOOP("ui.resources.view", "Naloxone sites"),
    ResourceKind.FAMILY_SUPPORT: QT_TRANSLATE_NOOP("ui.resources.view", "Family support"),
    ResourceKind.HARM_REDUCTION: QT_TRANSLATE_NOOP("ui.resources.view", "Harm reduction"),
}


def _languages(resource: resources.ResourceView) -> str:
    return ", ".join(code.value.upper() for code in resource.languages)


def details(resource: resources.ResourceView) -> str:
    phones = resource.phone + (f" · 24/7: {resource.phone_24h}" if resource.phone_24h else "")
    return QCoreApplication.translate(
        "ui.resources.view", "{name} — {value}\n{phones} · {hours}\n{address} · languages {languages}"
    ).format(
        name=resource.name,
        value=translated("ui.resources.view", KIND_NAMES[resource.kind]),
        phones=phones,
        hours=resource.hours_in(current_language().value),
        address=resource.address,
        languages=_languages(resource),
    ) + (f"\n{resource.url}" if resource.url else "")


def directory_model() -> RowsModel[resources.ResourceView]:
    return RowsModel(
        [
            Column(QCoreApplication.translate("ui.resources.view", "Name"), lambda r: r.name),
            Column(
                QCoreApplication.translate("ui.resources.view", "Kind"),
                lambda r: translated("ui.resources.view", KIND_NAMES[r.kind]),
            ),
            Column(QCoreApplication.translate("ui.resources.view", "Phone"), lambda r: r.phone),
            Column(
                QCoreApplication.translate("ui.resources.view", "24/7 line"), lambda r: r.phone_24h or "—"
            ),
            Column(
                QCoreApplication.translate("ui.resources.view", "Hours"),
                lambda r: r.hours_in(current_language().value),
            ),
            Column(QCoreApplication.translate("ui.resources.view", "Languages"), _languages),
        ]
    )


class ResourcesView(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Resources"))
        self.jurisdiction = QComboBox()
        self.jurisdiction.setAccessibleName(self.tr("Jurisdiction"))
        self.jurisdiction.setMinimumContentsLength(18)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of resource"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind, marked in KIND_NAMES.items():
            name = translated("ui.resources.view", marked)
            self.kind.addItem(name, kind)
        self.model = directory_model()
        self.table = read_only_table(self.model, self.tr("Resource directory"))
        stretch_column(self.table, 0)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.details = QLabel()
        self.details.setAccessibleName(self.tr("Selected resource"))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            self.tr("The directory comes from the central system; sample data until the first sync.")
        )
        note.setObjectName("hint")
        note.setAccessibleName(self.tr("About the directory"))
        self.message = MessageLabel(self.tr("Resources message"))

        pickers = QFormLayout()
        pickers.addRow(self.tr("&Jurisdiction:"), self.jurisdiction)
        pickers.addRow(self.tr("&Kind:"), self.kind)
        for picker in (self.jurisdiction, self.kind):
            label = pickers.labelForField(picker)
            if isinstance(label, QLabel):
                label.setBuddy(picker)
        top = QHBoxLayout()
        top.addLayout(pickers)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(note)
        layout.addWidget(self.message)

        self.jurisdiction.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self._load_when_shown = RefreshWhenShown(self, self.load_jurisdictions)
        context.changes.changed.connect(self._on_changed)
        self.load_jurisdictions()

    def load_jurisdictions(self) -> None:
        uow = self._context.signed_in.uow
        self._context.tasks.run_db(
            lambda: resources.jurisdictions(uow),
            on_done=while_alive(self, self._show_jurisdictions),
            on_error=while_alive(self, self._failed),
        )

    def _show_jurisdictions(self, names: list[str]) -> None:
        current = self.jurisdiction.currentData() or HOME_JURISDICTION
        self.jurisdiction.blockSignals(True)  # one refresh below, not one per item added
        self.jurisdiction.clear()
        for name in names:
            self.jurisdiction.addItem(jurisdiction_name(name), name)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(current)))
        self.jurisdiction.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        jurisdiction = self.jurisdiction.currentData()
        if jurisdiction is None:
            self.model.set_rows([])
            return
        uow, kind = self._context.signed_in.uow, self._picked_kind()
        self._context.tasks.run_db(
            lambda: resources.directory(uow, jurisdiction, kind),
            on_done=while_alive(self, lambda rows: self._show(jurisdiction, kind, rows)),
            on_error=while_alive(self, self._failed),
        )

    def _show(self, jurisdiction: str, kind: ResourceKind | None, rows: list[resources.ResourceView]) -> None:
        # A slower answer to an older pick must not overwrite the newer one.
        if (jurisdiction, kind) == (self.jurisdiction.currentData(), self._picked_kind()):
            self.message.clear()
            reload_keeping_selection(self.table, rows)
            self._show_selected()

    def _show_selected(self) -> None:
        resource = selected_row(self.table)
        self.details.setText(details(resource) if resource is not None else self.tr("No resources listed."))

    def _picked_kind(self) -> ResourceKind | None:
        picked = self.kind.currentData()  # Qt hands enum item data back as plain str
        return ResourceKind(picked) if picked else None

    def _on_changed(self, entities: frozenset[str]) -> None:
        if ENTITY in entities:
            self._load_when_shown()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
