"""The Program view: the program's figures for a period (domain.metrics), for supervisors and the
coordinator. Headline tiles answer at one glance "is the 48-hour promise kept, are people getting to
treatment?"; a funnel and a weekly trend below them; then every figure in a table. No names: the figures
carry none. The figures and the monthly report are made on the DB executor, never the UI thread.
"""

from __future__ import annotations

import html
import math
from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import metrics
from burner_desk.domain.errors import BurnerDeskError
from burner_desk.domain.metrics import Period, PeriodChoice, ProgramFigures
from burner_desk.services import program
from burner_desk.ui.context import ViewContext
from burner_desk.ui.coresponse.pilot_panel import PilotPanel
from burner_desk.ui.errors import message_for
from burner_desk.ui.program.words import figure_label
from burner_desk.ui.style import current_theme, readable
from burner_desk.ui.widgets import numbers
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.scroll import FocusScrollArea
from burner_desk.ui.widgets.stat_card import StatCard
from burner_desk.ui.widgets.when_shown import RefreshWhenShown

# What the figures are made of: a change to any of them may change a figure.
ENTITIES = frozenset(
    {"encounter", "follow_up", "contact_attempt", "home_visit", "consent", "burner_phone", "recovery_bag"}
)
REPORT_FOLDER_KEY = "program/report_folder"  # cosmetic: where the last report was saved
CHART_HEIGHT = 230
TICKS = 4  # steps on a value axis


def period_choices() -> list[tuple[PeriodChoice, str]]:
    return [
        (PeriodChoice.THIS_MONTH, QCoreApplication.translate("ProgramView", "This month")),
        (PeriodChoice.LAST_MONTH, QCoreApplication.translate("ProgramView", "Last month")),
        (PeriodChoice.LAST_90_DAYS, QCoreApplication.translate("ProgramView", "Last 90 days")),
        (PeriodChoice.YEAR_TO_DATE, QCoreApplication.translate("ProgramView", "Year to date")),
        (PeriodChoice.CUSTOM, QCoreApplication.translate("ProgramView", "Custom…")),
    ]


def figure_text(line: metrics.Line) -> str:
    """A figure in the UI's locale (metrics.as_text writes the report's and the CSV's)."""
    value = line.value
    if line.kind == "share":
        return numbers.percent(value if isinstance(value, float) else None)
    if line.kind == "hours":
        return numbers.hours(value if isinstance(value, float) else None)
    if value is None:
        return numbers.NO_VALUE
    return numbers.decimal(value) if isinstance(value, float) else numbers.count(value)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class ProgramView(QWidget):
    def __init__(self, context: ViewContext) -> None:
        super().__init__()
        self._context = context
        self.setAccessibleName(self.tr("Program"))
        self.figures: ProgramFigures | None = None
        self.saved: tuple[str, ...] = ()  # the files the last report went to

        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for choice, name in period_choices():
            self.period.addItem(name, choice.value)
        today = context.now().date()
        self.first = QDateEdit(_qdate(today.replace(day=1)))
        self.last = QDateEdit(_qdate(today))
        for edit, name in ((self.first, self.tr("From")), (self.last, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self._custom_changed())
        self.save_button = QPushButton(self.tr("Save monthly report…"))
        self.save_button.setAccessibleName(self.tr("Save the report as PDF and CSV"))
        self.save_button.setToolTip(
            self.tr("The figures of the period as a PDF for the Work Group, and a CSV")
        )
        self.save_button.clicked.connect(self.save_report)
        self.as_of = QLabel()
        self.as_of.setObjectName("hint")
        self.as_of.setAccessibleName(self.tr("When the figures were computed"))
        self.message = MessageLabel(self.tr("Program message"))

        picker = QHBoxLayout()
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        picker.addWidget(period_label)
        picker.addWidget(self.period)
        picker.addWidget(self.first)
        picker.addWidget(QLabel(self.tr("to")))
        picker.addWidget(self.last)
        picker.addStretch()
        picker.addWidget(self.as_of)
        picker.addWidget(self.save_button)

        # The figures' page is in its scroll area, and that in the view, before it is filled: a filled page
        # moved into another widget has every widget in it styled again (issue 17).
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 8, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(picker)
        layout.addWidget(self.message)
        layout.addWidget(FocusScrollArea(page, self.tr("Program figures")), 1)

        self.promise_tile = StatCard(self.tr("reached within 48 hours"))
        self.median_tile = StatCard(self.tr("median hours to first contact"))
        self.overdue_tile = StatCard(self.tr("overdue now"))
        self.treatment_tile = StatCard(self.tr("entered treatment"))
        self.met_tile = StatCard(self.tr("survivors met"))
        tiles = QHBoxLayout()
        for tile in (
            self.promise_tile,
            self.median_tile,
            self.overdue_tile,
            self.treatment_tile,
            self.met_tile,
        ):
            tiles.addWidget(tile, 1)
        self.promise_line = QLabel()
        self.promise_line.setWordWrap(True)
        self.promise_line.setAccessibleName(self.tr("The 48-hour promise in words"))

        self.funnel_chart, self.weekly_chart = QChart(), QChart()
        charts = QGridLayout()
        for column, (chart, title) in enumerate(
            (
                (self.funnel_chart, self.tr("From the bedside to treatment")),
                (self.weekly_chart, self.tr("Week by week")),
            )
        ):
            chart.setTitle(title)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart_view = QChartView(chart)
            chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            chart_view.setMinimumHeight(CHART_HEIGHT)
            chart_view.setAccessibleName(title)
            charts.addWidget(chart_view, 0, column)

        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Every figure"))
        self.table.setHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setMinimumHeight(420)
        note = QLabel(
            self.tr(
                "Counted by the day each survivor was met (UTC days). Treatment figures count only survivors "
                "whose consent shares the outcome with police (42 CFR Part 2); counts from 1 to 4 read “<5”."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)

        body.addLayout(tiles)
        body.addWidget(self.promise_line)
        body.addLayout(charts)
        body.addWidget(self.table)
        body.addWidget(note)
        self.co_response = PilotPanel(context)  # the co-response pilot's month, counts only (issue 19)
        body.addWidget(self.co_response)

        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        self._refresh_when_shown = RefreshWhenShown(self, self.refresh)
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    # --- the period ------------------------------------------------------------------------------------

    def chosen_period(self) -> Period:
        choice = PeriodChoice(self.period.currentData())
        if choice is PeriodChoice.CUSTOM:
            return Period(_day(self.first.date()), _day(self.last.date()))
        return Period.of(choice, self._context.now().date())

    def _period_changed(self) -> None:
        custom = PeriodChoice(self.period.currentData()) is PeriodChoice.CUSTOM
        if not custom:
            shown = Period.of(PeriodChoice(self.period.currentData()), self._context.now().date())
            for edit, day in ((self.first, shown.first), (self.last, shown.last)):
                edit.blockSignals(True)  # one refresh below, not one per date set
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        self.refresh()

    def _custom_changed(self) -> None:
        if PeriodChoice(self.period.currentData()) is PeriodChoice.CUSTOM:
            self.refresh()

    # --- loading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            period = self.chosen_period()
        except BurnerDeskError as exc:  # a custom period that ends before it starts
            self.message.show_error(message_for(exc))
            return
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        self._context.tasks.run_db(
            lambda: program.figures(uow, actor, period, now),
            on_done=while_alive(self, lambda found: self._show(period, found)),
            on_error=while_alive(self, self._failed),
        )

    def _show(self, period: Period, figures: ProgramFigures) -> None:
        try:
            if period != self.chosen_period():
                return  # a slower answer to an older pick must not overwrite the newer one
        except BurnerDeskError:
            return
        self.message.clear()
        self.figures = figures
        locale = QLocale()
        self.as_of.setText(
            self.tr("As of {time}").format(
                time=locale.toString(figures.computed_at.astimezone().time(), QLocale.FormatType.ShortFormat)
            )
        )
        self._show_tiles(figures)
        self._show_funnel(figures)
        self._show_weekly(figures)
        self._show_table(figures)

    def _show_tiles(self, figures: ProgramFigures) -> None:
        promise, treatment = figures.promise, figures.treatment
        self.promise_tile.set_text(numbers.percent(promise.share_within_48h))
        median = promise.median_hours_to_first_contact  # the tile's caption says hours
        self.median_tile.set_text(numbers.NO_VALUE if median is None else numbers.decimal(median))
        self.overdue_tile.set_text(numbers.number(promise.overdue_now))
        self.treatment_tile.set_text(numbers.count(treatment.entered_treatment))
        self.met_tile.set_text(numbers.number(figures.survivors.total))
        counted = promise.reached_within_48h + promise.reached_late + promise.not_reached
        promise_kept = (
            self.tr("No follow-up of this period has run its 48 hours yet.")
            if counted == 0
            else self.tr(
                "{in_time} of %n survivor(s) whose 48 hours are over were reached in time ({first} called first).",
                "",
                counted,
            ).format(
                in_time=numbers.number(promise.reached_within_48h),
                first=numbers.number(promise.survivor_called_first),
            )
        )
        treatment_line = self.tr(
            "Getting to treatment: intake scheduled {intake}, entered treatment {treatment}, of {shared} whose "
            "consent shares the outcome with police."
        ).format(
            intake=numbers.count(treatment.intake_scheduled),
            treatment=numbers.count(treatment.entered_treatment),
            shared=numbers.number(treatment.outcome_shared),
        )
        self.promise_line.setText(f"{promise_kept} {treatment_line}")

    def _show_funnel(self, figures: ProgramFigures) -> None:
        funnel = figures.funnel
        steps = [
            (self.tr("Met"), funnel.met),
            (self.tr("Burner phone"), funnel.phone),
            (self.tr("Reached"), funnel.reached),
            (self.tr("Intake"), funnel.intake),
            (self.tr("Treatment"), funnel.treatment),
        ]
        steps.reverse()  # a horizontal bar chart draws its first category at the bottom
        bars = QBarSet(self.tr("Survivors"))
        bars.append([value if isinstance(value, int) else 0 for _, value in steps])  # "<5": no bar, its label
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        categories = QBarCategoryAxis()
        # Axis labels are rich text: "<5" must be escaped or it reads as the start of a tag.
        categories.append(
            [
                html.escape(self.tr("{step} ({count})").format(step=name, count=numbers.count(value)))
                for name, value in steps
            ]
        )
        self._replace(self.funnel_chart, series, categories, Qt.AlignmentFlag.AlignLeft, [bars])
        self.funnel_chart.legend().setVisible(False)

    def _show_weekly(self, figures: ProgramFigures) -> None:
        met, in_time = QBarSet(self.tr("met")), QBarSet(self.tr("reached within 48 h"))
        met.append([week.met for week in figures.weekly])
        in_time.append([week.reached_within_48h for week in figures.weekly])
        series = QBarSeries()
        series.append(met)
        series.append(in_time)
        every = max(1, len(figures.weekly) // 8)  # 13 or 52 weeks stay readable
        locale = QLocale()
        # The order of day and month is the language's: the translator words the format ("d MMM").
        week_format = self.tr("MMM d", "a week's Monday on the chart's axis: a QDate format")
        categories = QBarCategoryAxis()
        categories.append(
            [
                # Unlabelled weeks still need names of their own: the axis merges equal ones.
                locale.toString(_qdate(week.starts_on), week_format) if n % every == 0 else "\u200b" * (n + 1)
                for n, week in enumerate(figures.weekly)
            ]
        )
        self._replace(self.weekly_chart, series, categories, Qt.AlignmentFlag.AlignBottom, [met, in_time])
        self.weekly_chart.legend().setVisible(True)

    def _replace(
        self,
        chart: QChart,
        series: QBarSeries | QHorizontalBarSeries,
        categories: QBarCategoryAxis,
        where: Qt.AlignmentFlag,
        sets: list[QBarSet],
    ) -> None:
        """New data into a chart, coloured from the palette (light or dark)."""
        theme = current_theme()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.addSeries(series)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        chart.addAxis(categories, where)
        chart.addAxis(
            values,
            Qt.AlignmentFlag.AlignBottom
            if where is Qt.AlignmentFlag.AlignLeft
            else Qt.AlignmentFlag.AlignLeft,
        )
        series.attachAxis(categories)
        series.attachAxis(values)
        top = max((bar.at(n) for bar in sets for n in range(bar.count())), default=0)
        values.setMax(TICKS * math.ceil((top * 1.1 or 1) / TICKS))  # whole numbers on each of the ticks
        values.setTickCount(TICKS + 1)
        background = theme.card
        chart.setBackgroundBrush(background)
        chart.setBackgroundPen(theme.card_border)
        chart.setTitleBrush(theme.text)
        chart.legend().setLabelColor(theme.text)
        for axis in (categories, values):
            axis.setLabelsColor(theme.text)
            axis.setGridLineColor(theme.card_border)
            axis.setLinePenColor(theme.card_border)
        accent = readable(theme.accent, background)
        colours = [accent, accent.lighter(160 if theme.dark else 190)]  # told apart in greyscale too
        for bar, colour in zip(sets, colours, strict=False):
            bar.setColor(colour)
            bar.setBorderColor(colour)
            bar.setLabelColor(theme.text)

    def _show_table(self, figures: ProgramFigures) -> None:
        self.table.clear()
        section = ""
        bold = self.table.font()
        bold.setBold(True)
        for line in metrics.lines(figures):
            if line.section != section:
                section = line.section
                heading = QTreeWidgetItem([figure_label(section), ""])
                heading.setFont(0, bold)
                self.table.addTopLevelItem(heading)
            item = QTreeWidgetItem(["    " + figure_label(line.label), figure_text(line)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(0)

    # --- the monthly report -----------------------------------------------------------------------------

    def save_report(self) -> None:
        try:
            period = self.chosen_period()
        except BurnerDeskError as exc:
            self.message.show_error(message_for(exc))
            return
        folder = str(self._context.settings.value(REPORT_FOLDER_KEY, "") or "")
        suggested = (
            f"{folder}/{program.report_file_name(period)}" if folder else program.report_file_name(period)
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the monthly report"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.save_to(period, path)

    def save_to(self, period: Period, path: str) -> None:
        """Build and write the report on the DB executor (it reads the vault and writes two files)."""
        signed_in, now = self._context.signed_in, self._context.now()
        target = Path(path)
        self._context.settings.setValue(REPORT_FOLDER_KEY, str(target.parent))
        self.save_button.setEnabled(False)
        self.message.show_info(self.tr("Saving the report…"))

        def build_and_save() -> tuple[Path, Path]:
            report = program.monthly_report(signed_in.uow, signed_in.actor, period, now, signed_in.agency)
            return program.save_report(report, target)

        self._context.tasks.run_db(
            build_and_save,
            on_done=while_alive(self, self._report_saved),
            on_error=while_alive(self, self._report_failed),
        )

    def _report_saved(self, paths: tuple[object, object]) -> None:
        self.save_button.setEnabled(True)
        self.saved = tuple(str(path) for path in paths)
        self.message.show_info(
            self.tr("Report saved: {pdf} and {csv}").format(pdf=self.saved[0], csv=self.saved[1])
        )

    def _report_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, FileExistsError):
            self.message.show_error(
                self.tr("{file} already exists: nothing was saved. Choose another name.").format(
                    file=exc.filename
                )
            )
        elif isinstance(exc, OSError):
            self.message.show_error(
                self.tr("The report could not be saved there ({reason}). Choose another folder.").format(
                    reason=exc.strerror
                )
            )
        else:
            self.message.show_error(message_for(exc))

    def _on_changed(self, entities: frozenset[str]) -> None:
        if entities & ENTITIES:
            self._refresh_when_shown()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(message_for(exc))
