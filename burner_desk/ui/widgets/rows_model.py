"""A read-only table model over a tuple of frozen service views, one column per `Column`.

Views hand it rows and a column list; nothing here knows a domain type. Colours come from an optional
`tone` function per row (a name tone_colours knows), so every table shows urgency the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from burner_desk.ui.style import Tone, current_theme

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


def tone_colours(name: str) -> Tone | None:
    """A row's text and background for its tone, from the current light or dark theme; colour never
    carries the meaning alone (the row's text says it too)."""
    theme = current_theme()
    return {"overdue": theme.error, "due_soon": theme.warning}.get(name)


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self, columns: Sequence[Column[T]], tone: Callable[[T], str] | None = None, parent: object = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._columns = tuple(columns)
        self._tone = tone
        self._rows: tuple[T, ...] = ()

    @property
    def rows(self) -> tuple[T, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, index: AnyIndex) -> T | None:
        return self._rows[index.row()] if index.isValid() and index.row() < len(self._rows) else None

    def refresh_all(self) -> None:
        """Texts or tones depend on the clock: repaint every cell without resetting the selection."""
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._columns[index.column()].text(row)
        if self._tone is not None and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            colours = tone_colours(self._tone(row))
            if colours is not None:
                return QBrush(colours.text if role == Qt.ItemDataRole.ForegroundRole else colours.background)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None
