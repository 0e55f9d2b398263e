"""The incident page: the overdose, with the fields ODMAP asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from burner_desk.domain import text
from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside
from burner_desk.ui.encounter.controls import DEFAULT_HOSPITAL
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.widgets.messages import FieldRow


class IncidentPage(WizardPage):
    key = "incident"
    title_text = "Incident"
    TEXT = ("incident_address", "suspected_substance", "responding_agency", "hospital")
    COORDINATES = ("latitude", "longitude")

    def __init__(self, now: Callable[[], datetime]) -> None:
        super().__init__()
        self._now = now
        self.setSubTitle("The overdose, with the fields ODMAP asks for.")
        self.occurred_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.occurred_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setMaximumWidth(240)
        self.add_row("When", "occurred_at", ControlRow(self.occurred_at, "When the overdose happened"))
        self.add_row("Where", "incident_address", FieldRow("Where it happened", hint="Address or block"))
        # One row for both: the service reports either coordinate's problem as "latitude".
        self.coordinates: dict[str, QLineEdit] = {}
        location = QWidget()
        location_layout = QHBoxLayout(location)
        location_layout.setContentsMargins(0, 0, 0, 0)
        for field, example in zip(self.COORDINATES, ("38.8048", "-77.0469"), strict=True):
            edit = QLineEdit()
            edit.setAccessibleName(field.title())
            edit.setPlaceholderText(f"{field.title()}, e.g. {example}")
            edit.setMaximumWidth(260)
            location_layout.addWidget(edit)
            self.coordinates[field] = edit
        location_layout.addStretch()
        location.setFocusProxy(self.coordinates["latitude"])
        location_row = ControlRow(
            location, "Map location", hint="Optional, in decimal degrees: both or neither"
        )
        self.add_row("Map location", "latitude", location_row)
        for edit in self.coordinates.values():
            edit.textEdited.connect(location_row.clear_error)
        self.fatal = QCheckBox("The overdose was fatal")
        self.add_row("Outcome", "fatal", ControlRow(self.fatal, "The overdose was fatal"))
        self.doses = QSpinBox()
        self.doses.setRange(0, bedside.MAX_NALOXONE_DOSES)
        self.doses.setMaximumWidth(120)
        self.add_row(
            "Naloxone doses",
            "naloxone_doses",
            ControlRow(self.doses, "Naloxone doses given", hint="0 if no naloxone was given"),
        )
        self.add_row("Suspected substance", "suspected_substance", FieldRow("Suspected substance"))
        self.add_row("Responding agency", "responding_agency", FieldRow("Responding agency"))
        hospital = self.add_row("Hospital", "hospital", FieldRow("Hospital"))
        assert isinstance(hospital, FieldRow)
        hospital.edit.setText(DEFAULT_HOSPITAL)
        self.finish_layout()

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def when(self) -> datetime:
        moment = datetime.fromtimestamp(self.occurred_at.dateTime().toSecsSinceEpoch(), UTC)
        bedside.check_occurred_at(moment, self._now())
        return moment

    def coordinate(self, field: str) -> float | None:
        raw = self.coordinates[field].text().strip()
        if not raw:
            return None
        try:
            return float(raw)
        except ValueError as exc:
            raise ValidationError("latitude", f"enter the {field} as decimal degrees, e.g. 38.8048") from exc

    def location(self) -> tuple[float | None, float | None]:
        latitude, longitude = self.coordinate("latitude"), self.coordinate("longitude")
        bedside.check_location(latitude, longitude)
        return latitude, longitude

    def _survivor(self) -> None:
        if self.fatal.isChecked():
            raise ValidationError(
                "fatal", "the bedside program follows up survivors; report a death to ODMAP"
            )

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            self.when,
            lambda: text.clean(self.text("incident_address"), "incident_address", max_len=400),
            self.location,
            self._survivor,
            lambda: text.clean(self.text("suspected_substance"), "suspected_substance"),
            lambda: text.clean(self.text("responding_agency"), "responding_agency"),
            lambda: text.clean(self.text("hospital"), "hospital", required=True),
        )

    def value(self) -> bedside.IncidentInput:
        latitude, longitude = self.location()
        return bedside.IncidentInput(
            occurred_at=self.when(),
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
            | {
                "occurred_at": self.occurred_at.dateTime().toSecsSinceEpoch(),
                "fatal": self.fatal.isChecked(),
                "naloxone_doses": self.doses.value(),
            }
            | {field: edit.text() for field, edit in self.coordinates.items()}
        )

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for field, edit in self.coordinates.items():
            edit.setText(str(state.get(field, "")))
        if isinstance(state.get("occurred_at"), int):
            self.occurred_at.setDateTime(QDateTime.fromSecsSinceEpoch(state["occurred_at"]))
        self.fatal.setChecked(bool(state.get("fatal")))
        self.doses.setValue(int(state.get("naloxone_doses", 0)))
