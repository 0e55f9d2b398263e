"""The calm dialog of an unexpected exception (ui/crash.py opens it on the UI thread, at the first crash)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from burner_desk.ui.i18n import translated

CRASH_TITLE = QT_TRANSLATE_NOOP("ui.crash", "Burner Desk ran into a problem")
CRASH_MESSAGE = QT_TRANSLATE_NOOP(
    "ui.crash",
    "Your work is saved. Something unexpected happened in the last step, and it was stopped. You can keep working; if it happens again, note the time and tell your supervisor.",
)


class CrashDialog(QDialog):
    def __init__(self, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(translated("ui.crash", CRASH_TITLE))
        self.setAccessibleName(translated("ui.crash", CRASH_TITLE))
        self.setMinimumWidth(460)
        message = QLabel(translated("ui.crash", CRASH_MESSAGE))
        message.setObjectName("crashMessage")
        message.setWordWrap(True)
        message.setAccessibleName(self.tr("What happened"))
        if report is not None:
            where = self.tr("A report for IT, with no personal data in it, was saved as:\n{report}").format(
                report=report
            )
        else:
            where = self.tr("The report for IT could not be saved; the log file has the details.")
        report_label = QLabel(where)
        report_label.setObjectName("hint")
        report_label.setWordWrap(True)
        report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        report_label.setAccessibleName(self.tr("Crash report location"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Keep working"))
        ok.setObjectName("primary")
        ok.setAccessibleName(self.tr("Keep working"))
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(message)
        layout.addWidget(report_label)
        layout.addWidget(buttons)
        self.report = report
