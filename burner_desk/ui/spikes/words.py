"""How a spike alert reads on screen (the banner and the checklist say the same)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject

from burner_desk.domain.spikes import UNKNOWN_AREA, Rule
from burner_desk.services import spikes


class SpikeCounts(QObject):
    """The sentences that count overdoses, in the language's plural forms ("1 overdose", "2 overdoses").
    They live in a QObject because pyside6-lupdate takes plural forms only from tr()."""

    def in_last_day(self, area: str, incidents: int) -> str:
        return self.tr("{area}: %n overdose(s) in the last 24 hours.", "", incidents).format(area=area)

    def alert(self, area: str, incidents: int, reasons: str) -> str:
        return self.tr(
            "Spike alert, {area}: %n overdose(s) in the last 24 hours ({reasons}).", "", incidents
        ).format(area=area, reasons=reasons)


def area_name(status: spikes.AreaStatus) -> str:
    """An area's name is data from resources/areas (shown as listed); the catch-all area is the UI's to word."""
    if status.area == UNKNOWN_AREA:
        return QCoreApplication.translate("SpikeAlert", "Unknown area")
    return status.name


def moment(at: datetime) -> str:
    """A time as this desk's locale writes it (short form), in local time."""
    return QLocale().toString(QDateTime(at).toLocalTime(), QLocale.FormatType.ShortFormat)


def alert_text(alert: spikes.SpikeAlert) -> str:
    """What the alert says: where, how many, by which rule; and who acknowledged it, with their note."""
    status = alert.status
    reasons = []
    if Rule.THRESHOLD in status.rules:
        reasons.append(
            QCoreApplication.translate("SpikeAlert", "the threshold is {threshold}").format(
                threshold=QLocale().toString(status.threshold)
            )
        )
    if Rule.BASELINE in status.rules and status.baseline_mean is not None:
        usual = QLocale().toString(status.baseline_mean, "f", 1)
        reasons.append(QCoreApplication.translate("SpikeAlert", "usually {mean} a day").format(mean=usual))
    text = SpikeCounts().alert(area_name(status), status.incidents, "; ".join(reasons))
    for ack in alert.acknowledgements:
        said = QCoreApplication.translate("SpikeAlert", "Acknowledged by {who}, {when}").format(
            who=ack.acknowledged_by, when=moment(ack.acknowledged_at)
        )
        text += " " + (said + ": " + ack.note if ack.note else said + ".")
    return text
