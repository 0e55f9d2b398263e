"""One calm look for every window: readable at arm's length, one clear primary button per screen."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 11

STYLE_SHEET = """
QWidget { color: #1d2330; }
QLabel#title { font-size: 20pt; font-weight: 600; }
QLabel#subtitle { color: #4a5262; }
QLabel#section { font-weight: 600; margin-top: 6px; }
QLabel#hint { color: #566070; font-size: 10pt; }
QLabel#fieldError { color: #a4161a; font-size: 10pt; }
QLabel#message[kind="error"] {
    color: #7a1014; background: #fdecec; border: 1px solid #f0b7b7; border-radius: 4px;
}
QLabel#message[kind="info"] {
    color: #173a63; background: #eaf2fb; border: 1px solid #b8d0ea; border-radius: 4px;
}
QLabel#banner {
    color: #5c4300; background: #fff4cc; border: 1px solid #e5c250; border-radius: 4px;
}
QFrame#card { background: #ffffff; border: 1px solid #d6dbe3; border-radius: 6px; }
QLabel#cardValue { font-size: 26pt; font-weight: 600; color: #173a63; }
QLabel#cardLabel { color: #4a5262; }
QLabel#cardKey { color: #4a5262; font-weight: 600; }
QLabel#followUps[urgent="true"] { color: #a4161a; font-weight: 600; }
QLineEdit, QComboBox { padding: 5px 6px; min-height: 22px; }
QLineEdit[invalid="true"] { border: 1px solid #a4161a; }
QPushButton { padding: 6px 16px; min-height: 22px; }
QPushButton:disabled { color: #8a93a3; }
QPushButton:checked { background: #dbe7f5; border: 1px solid #1f5fa8; border-radius: 4px; }
QPushButton#primary {
    background: #1f5fa8; color: white; border: 1px solid #174a84; border-radius: 4px;
    padding: 8px 22px; font-weight: 600;
}
QPushButton#primary:disabled { background: #8fa9c7; border-color: #8fa9c7; }
QPushButton#primary:focus { border: 2px solid #0b2d55; }
"""


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Style-sheet selectors on dynamic properties only re-match after a re-polish."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
