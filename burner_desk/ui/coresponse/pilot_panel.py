"""The co-response pilot's figures for a month (services.coresponse.co_response_figures): a widget the
Program view takes in as it is (issue 16); until then the Co-response view shows it to supervisors.
Counts only: no person, no clinician's note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from burner_desk.domain.coresponse import CallSource, Disposition, PilotFigures, month_period
from burner_desk.services import coresponse
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse import words
from burner_desk.ui.errors import message_for
from burner_desk.ui.style import current_theme
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

MONTHS_OFFERED = 12
ENTITIES = frozenset({"co_response_call"})  # the figures change when a call does


class HourBars(QWidget):
    """Calls by local hour, 0-23, as bars; the pilot's hours (12-20) shaded. The numbers are also in
    the widget's accessible description, so the chart is never the only way to read them."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = [0] * 24
        self.setMinimumHeight(120)
        self.setAccessibleName(self.tr("Calls by hour of the day"))

    def set_counts(self, counts: list[int]) -> None:
        self.counts = list(counts)
        described = ", ".join(f"{hour:02d}h {number(count)}" for hour, count in enumerate(counts) if count)
        self.setAccessibleDescription(described or self.tr("No calls"))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        theme = current_theme()
        painter = QPainter(self)
        label_height = 16
        width = self.width() / 24
        height = self.height() - label_height
        peak = max(self.counts) or 1
        painter.fillRect(QRectF(12 * width, 0, 8 * width, height), theme.info.background)
        painter.setPen(theme.text)
        for hour, count in enumerate(self.counts):
            bar = height * count / peak
            painter.fillRect(QRectF(hour * width + 2, height - bar, width - 4, bar), theme.accent)
            if hour % 3 == 0:
                painter.drawText(
                    QRectF(hour * width, height, width * 3, label_height),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{hour:02d}",
                )
        painter.end()


class PilotPanel(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.figures: PilotFigures | None = None
        self.setAccessibleName(self.tr("Co-response pilot figures"))
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        today = context.now().astimezone().date()
        for back in range(MONTHS_OFFERED):
            first = QDate(today.year, today.month, 1).addMonths(-back)
            self.month.addItem(QLocale().toString(first, "MMMM yyyy"), first.toString("yyyy-MM"))
        self.month.currentIndexChanged.connect(lambda _index: self.refresh())
        self.message = MessageLabel(self.tr("Pilot figures message"))
        self.summary = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("calls", self.tr("Calls")),
            ("people", self.tr("People served")),
            ("outside", self.tr("Outside pilot hours")),
            ("sources", self.tr("How they came")),
            ("dispositions", self.tr("Dispositions")),
            ("arrests", self.tr("Arrests")),
            ("diversions", self.tr("Diversions")),
            ("repeats", self.tr("Repeat contacts (90 days)")),
            ("on_scene", self.tr("Time on scene")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            self.summary.addRow(label, value)
        self.hours = HourBars()
        top = QHBoxLayout()
        heading = QLabel(self.tr("Co-response pilot (ACORP)"))
        heading.setObjectName("section")
        top.addWidget(heading, 1)
        top.addWidget(self.month)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(self.summary)
        layout.addWidget(QLabel(self.tr("Calls by hour (pilot hours shaded)")))
        layout.addWidget(self.hours)
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        context.changes.changed.connect(self._changed)
        self.refresh()

    def _changed(self, entities: frozenset[str]) -> None:
        if entities & ENTITIES:
            self._refresh_when_shown()

    def period(self) -> tuple[date, date]:
        return month_period(str(self.month.currentData()))

    def refresh(self) -> None:
        uow, period = self._context.signed_in.uow, self.period()
        self._context.tasks.run_db(
            lambda: coresponse.co_response_figures(uow, period),
            on_done=while_alive(self, self.show_figures),
            on_error=while_alive(self, lambda exc: self.message.show_error(message_for(exc))),
        )

    def show_figures(self, figures: PilotFigures) -> None:
        self.figures = figures
        self.message.clear()
        locale = QLocale()
        sources = "; ".join(
            f"{words.source(s)} {locale.toString(figures.by_source[s.value])}" for s in CallSource
        )
        dispositions = "; ".join(
            f"{words.disposition(d)} {locale.toString(figures.by_disposition[d.value])}"
            for d in Disposition
            if figures.by_disposition[d.value]
        )
        values = {
            "calls": locale.toString(figures.calls),
            "people": locale.toString(figures.people),
            "outside": locale.toString(figures.outside_pilot_hours),
            "sources": sources,
            "dispositions": dispositions or "—",
            "arrests": self.tr("{0} (ECO/TDO: {1})").format(
                number(figures.arrests), number(figures.involuntary)
            ),
            "diversions": self.tr("arrest avoided {0}; involuntary hospitalisation avoided {1}").format(
                number(figures.arrest_avoided), number(figures.involuntary_avoided)
            ),
            "repeats": self.tr("%n call(s)", "", figures.repeat_contacts)
            + ", "
            + self.tr("%n person(s)", "", figures.people_with_repeat_contacts),
            "on_scene": "—"
            if figures.on_scene_minutes_median is None
            else self.tr("median {0} min, mean {1} min").format(
                locale.toString(figures.on_scene_minutes_median, "g", 4),
                locale.toString(figures.on_scene_minutes_mean or 0.0, "g", 4),
            ),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        self.hours.set_counts(figures.by_hour)
