"""Helpers for the read-only tables (widgets.tables, widgets.rows_model): the picked row, column widths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QHeaderView, QTableView

from burner_desk.ui.widgets.rows_model import RowsModel


def selected_row(table: QTableView) -> Any | None:
    model = table.model()
    assert isinstance(model, RowsModel)
    rows = table.selectionModel().selectedRows()
    return model.row_at(rows[0]) if rows else None


def stretch_column(table: QTableView, column: int) -> None:
    """This column takes (or gives up) the spare width, eliding its text, so the others stay whole at 1366
    px; the tooltip still shows the full text."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def reload_keeping_selection(table: QTableView, rows: Sequence[Any]) -> None:
    """New rows in; the same record (by id) stays selected, else the first, so its details show at once."""
    previous = selected_row(table)
    model = table.model()
    assert isinstance(model, RowsModel)
    model.set_rows(rows)
    if rows:
        keep = previous.id if previous is not None else None
        table.selectRow(next((row for row, record in enumerate(rows) if record.id == keep), 0))
