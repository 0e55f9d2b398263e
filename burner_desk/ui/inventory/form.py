"""A small dialog form whose Save runs one service call on the DB executor.

A refusal (ValidationError) is shown under the field it names; anything else in the message box at the
bottom. The dialog stays open with everything as typed until the call succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain.errors import ValidationError
from burner_desk.ui.context import ViewContext
from burner_desk.ui.errors import message_for
from burner_desk.ui.widgets.lifetime import while_alive
from burner_desk.ui.widgets.messages import ControlRow, FieldRow, MessageLabel


class FormDialog(QDialog):
    def __init__(
        self, context: ViewContext, title: str, save_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(700)  # room for a hint on one line beside the longest label
        self.fields: dict[str, FieldRow | ControlRow] = {}
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.message = MessageLabel(self.tr("{title}: message").format(title=title))
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(save_text)
        self.save_button.setDefault(True)  # Enter saves, Esc cancels (QDialog)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def add_line(self, key: str, label: str, hint: str = "") -> FieldRow:
        row = FieldRow(label, hint=hint)
        self._add(key, label, row)
        return row

    def add_widget(self, key: str, label: str, widget: QWidget) -> ControlRow:
        row = ControlRow(widget, label)
        self._add(key, label, row)
        return row

    def _add(self, key: str, label: str, row: FieldRow | ControlRow) -> None:
        self.fields[key] = row
        self.form.addRow(f"{label}:", row)

    def save(self) -> None:
        """Subclasses build their input and call `submit`."""
        raise NotImplementedError

    def submit(self, call: Callable[[], Any], on_saved: Callable[[Any], None] | None = None) -> None:
        for row in self.fields.values():
            row.clear_error()
        self.message.clear()
        self.save_button.setEnabled(False)

        def saved(result: Any) -> None:
            if on_saved is not None:
                on_saved(result)
            self.accept()

        self.context.tasks.run_db(
            call, on_done=while_alive(self, saved), on_error=while_alive(self, self.refused)
        )

    def refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        row = self.fields.get(exc.field) if isinstance(exc, ValidationError) else None
        if row is not None:
            row.set_error(message_for(exc))
            (row.edit if isinstance(row, FieldRow) else row.control).setFocus()
        else:
            self.message.show_error(message_for(exc))
