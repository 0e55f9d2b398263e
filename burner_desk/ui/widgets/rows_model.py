"""A read-only table model over a tuple of frozen service views, one column per `Column`.

Views hand it rows and a column list; nothing here knows a domain type. Colours come from an optional
`tone` function per row (a name tone_colours knows), so every table shows urgency the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from burner_desk.services.paging import PAGE_SIZE, Page
from burner_desk.ui.style import Tone, current_theme
from burner_desk.ui.tasks import TaskRunner

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


class PagedRowsModel(RowsModel[T]):
    """A list that grows with history, a page at a time: the table asks for more (`canFetchMore`,
    `fetchMore`) as it scrolls near the end, and `load(after, size)` reads that page on the DB executor,
    so neither opening the list nor scrolling it waits on the vault on the UI thread.

    `load(None, size)` is the first page; `load(row, size)` the page after that row (services.paging)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        load: Callable[[T | None, int], Page[T]],
        tasks: TaskRunner,
        on_error: Callable[[BaseException], None],
        tone: Callable[[T], str] | None = None,
    ) -> None:
        super().__init__(columns, tone)
        self._load = load
        self._tasks = tasks
        self._on_error = on_error
        self.page_size = PAGE_SIZE
        self._more = False
        self._fetching = False
        self._generation = 0  # a page asked for before the last reload is stale when it comes back

    def reload(self, show: Callable[[Sequence[T]], None]) -> None:
        """Read again as many rows as are loaded (at least a page) and hand them to `show`, which puts them
        in with `set_rows` (selection.reload_keeping_selection keeps the selected record)."""
        self._generation += 1
        self._fetching = False
        generation, size = self._generation, max(self.page_size, len(self.rows))

        def done(page: Page[T]) -> None:
            if generation == self._generation and shiboken6.isValid(self):
                self._more = page.more
                show(page.rows)

        self._tasks.run_db(lambda: self._load(None, size), on_done=done, on_error=self._failed)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self.rows:
            return
        self._fetching = True
        generation, after, size = self._generation, self.rows[-1], self.page_size

        def append(page: Page[T]) -> None:
            if generation != self._generation or not shiboken6.isValid(self):
                return
            self._fetching = False
            self._more = page.more
            if page.rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
                self._rows = self._rows + page.rows
                self.endInsertRows()

        self._tasks.run_db(lambda: self._load(after, size), on_done=append, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._fetching = False
            self._on_error(exc)
