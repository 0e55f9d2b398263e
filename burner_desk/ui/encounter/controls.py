"""Small pieces the wizard's pages share: the language picker, combo values, list heights."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QListWidget

from burner_desk.domain.people import Language

LANGUAGES = {Language.EN: "English", Language.ES: "Español"}
DEFAULT_HOSPITAL = "Inova Alexandria Hospital"


def language_combo(accessible_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for language, label in LANGUAGES.items():
        combo.addItem(label, language.value)
    return combo


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def fit_to_rows(checklist: QListWidget, least_rows: int = 3) -> None:
    """As tall as its rows, so every one shows without an inner scroll bar; the page scrolls instead."""
    rows = max(checklist.count(), least_rows)
    # Empty (still loading): about the height of an item, text and its padding.
    row_height = checklist.sizeHintForRow(0) if checklist.count() else checklist.fontMetrics().height() + 6
    checklist.setFixedHeight(rows * row_height + 2 * checklist.frameWidth())
