"""The incident page: the overdose, with the fields ODMAP asks for. The time is typed as people say it
("6:30 pm", "3/1 18:30") and starts as now; the hospital starts as the one last used on this laptop."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from burner_desk.domain import bedside as rules
from burner_desk.domain.dates import US_MOMENT_HINT, us_moment
from burner_desk.services import bedside
from burner_desk.ui.encounter.controls import DEFAULT_HOSPITAL
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.i18n import shown
from burner_desk.ui.widgets.messages import FieldRow

LAST_HOSPITAL_KEY = "encounter/last_hospital"  # cosmetic: a default, never read by a service


class IncidentPage(WizardPage):
    key = "incident"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Incident")
    TEXT = ("incident_address", "occurred_at", "suspected_substance", "responding_agency", "hospital")
    COORDINATES = ("latitude", "longitude")

    def __init__(self, now: Callable[[], datetime], settings: QSettings) -> None:
        super().__init__()
        self._now = now
        self._settings = settings
        self.setSubTitle(self.tr("The overdose, with the fields ODMAP asks for."))
        self.add_field(
            self.tr("Where"),
            rules.INCIDENT_ADDRESS,
            hint=self.tr("Address or block"),
            accessible_name=self.tr("Where it happened"),
        )
        self.doses = QSpinBox()
        self.doses.setRange(0, rules.MAX_NALOXONE_DOSES)
        self.doses.setMaximumWidth(120)
        self.add_row(
            self.tr("Naloxone doses"),
            "naloxone_doses",
            ControlRow(
                self.doses, self.tr("Naloxone doses given"), hint=self.tr("0 if no naloxone was given")
            ),
        )
        # ODMAP's fatal / non-fatal: a bedside encounter is with a survivor, so it is stated, not asked
        # (services.bedside records fatal=False); a label takes no keystroke and no Tab stop.
        self.outcome = QLabel(self.tr("Non-fatal: the survivor is met at the bedside"))
        self.outcome.setAccessibleName(self.tr("Fatal or non-fatal"))
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.add_field(self.tr("Suspected substance"), rules.SUSPECTED_SUBSTANCE)
        self.when = FieldRow(
            self.tr("When the overdose happened"),
            hint=self.tr("Now unless you type it: {US_MOMENT_HINT}").format(
                US_MOMENT_HINT=shown(US_MOMENT_HINT)
            ),
        )
        self.add_row(self.tr("When"), "occurred_at", self.when)
        self.add_field(self.tr("Responding agency"), rules.RESPONDING_AGENCY)
        hospital = self.add_field(self.tr("Hospital"), rules.HOSPITAL)
        hospital.edit.setText(str(settings.value(LAST_HOSPITAL_KEY, "") or DEFAULT_HOSPITAL))
        # One row for both: the service reports either coordinate's problem as "latitude".
        self.coordinates: dict[str, QLineEdit] = {}
        location = QWidget()
        location_layout = QHBoxLayout(location)
        location_layout.setContentsMargins(0, 0, 0, 0)
        captions = (self.tr("Latitude"), self.tr("Longitude"))
        for field, caption, example in zip(self.COORDINATES, captions, ("38.8048", "-77.0469"), strict=True):
            edit = QLineEdit()
            edit.setAccessibleName(caption)
            edit.setPlaceholderText(self.tr("{title}, e.g. {example}").format(title=caption, example=example))
            edit.setMaximumWidth(260)
            location_layout.addWidget(edit)
            self.coordinates[field] = edit
        location_layout.addStretch()
        location.setFocusProxy(self.coordinates["latitude"])
        location_row = ControlRow(
            location, self.tr("Map location"), hint=self.tr("Optional, in decimal degrees: both or neither")
        )
        self.add_row(self.tr("Map location"), "latitude", location_row)
        for edit in self.coordinates.values():
            edit.textEdited.connect(location_row.clear_error)
        self.finish_layout()

    def initializePage(self) -> None:
        if not self.when.text().strip():  # "now" is when the page is first shown, not when it was built
            self.when.edit.setText(us_moment(self._now().astimezone()))

    def occurred_at(self) -> datetime:
        return rules.parse_occurred_at(self.when.text(), self._now().astimezone())

    def location(self) -> tuple[float | None, float | None]:
        latitude = rules.parse_coordinate(self.coordinates["latitude"].text(), "latitude")
        longitude = rules.parse_coordinate(self.coordinates["longitude"].text(), "longitude")
        rules.check_location(latitude, longitude)
        return latitude, longitude

    def checks(self) -> Iterable[Callable[[], object]]:
        return (*self.field_checks(), self.occurred_at, self.location)

    def validatePage(self) -> bool:
        passed = super().validatePage()
        if passed:
            self._settings.setValue(LAST_HOSPITAL_KEY, self.text("hospital").strip())
        return passed

    def value(self) -> bedside.IncidentInput:
        latitude, longitude = self.location()
        return bedside.IncidentInput(
            occurred_at=self.occurred_at(),
            address=self.text("incident_address"),
            latitude=latitude,
            longitude=longitude,
            naloxone_doses=self.doses.value(),
            suspected_substance=self.text("suspected_substance"),
            responding_agency=self.text("responding_agency"),
        )

    def state(self) -> State:
        return (
            text_state(self.rows, self.TEXT)
            | {"naloxone_doses": self.doses.value()}
            | {field: edit.text() for field, edit in self.coordinates.items()}
        )

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for field, edit in self.coordinates.items():
            edit.setText(str(state.get(field, "")))
        self.doses.setValue(int(state.get("naloxone_doses", 0)))
