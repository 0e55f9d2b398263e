"""Building blocks shared by the wizard's pages: a control with its reason below it, and a page base."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from burner_desk.domain.bedside import FieldRule
from burner_desk.domain.errors import ValidationError
from burner_desk.ui.i18n import translated
from burner_desk.ui.widgets.messages import ControlRow, FieldRow, MessageLabel
from burner_desk.ui.widgets.scroll import FocusScrollArea

State = dict[str, Any]


Row = FieldRow | ControlRow


def reason(exc: ValidationError) -> str:
    return exc.reason[:1].upper() + exc.reason[1:] + "."


class WizardPage(QWizardPage):
    """A page that checks itself with the domain's rules and shows each reason beside its field.

    `rows` maps the service's ValidationError field names to the row that shows them, so an error the
    save returns lands on the same field the page would have marked."""

    key = ""
    title_text = ""
    edited = Signal()  # for controls a page builds later (the handout list), which the wizard cannot watch
    settled = Signal()  # a look-up on the DB executor has landed; `waiting` is False again

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName(f"page_{self.key}")
        # title_text is marked with QT_TRANSLATE_NOOP("WizardPage", …) in each page class
        self.page_title = translated("WizardPage", self.title_text)
        self.setTitle(self.page_title)
        self.rows: dict[str, Row] = {}
        self.rules: dict[str, FieldRule] = {}  # the rows add_field made, with the rule that checks each
        self.waiting = False  # a look-up this page's checks need is still on the DB executor
        self.message = MessageLabel(self.tr("{title_text}: message").format(title_text=self.page_title))
        # In a scroll area: a page that grows (family members, programs) stays reachable at 1366×768.
        content = QWidget()
        self.scroll = FocusScrollArea(
            content, self.tr("{title_text} page").format(title_text=self.page_title)
        )
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll)
        self.outer = QVBoxLayout(content)
        self.outer.setSpacing(8)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A field too wide beside its label (a long check box, a longer language, a laptop at 150 %) goes
        # under it rather than past the page's right edge.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setVerticalSpacing(6)
        self.outer.addLayout(self.form)

    def wait_for(self, started: bool) -> None:
        """Mark a look-up in flight (True) or landed (False); a resuming wizard goes on once it lands."""
        self.waiting = started
        if not started:
            self.settled.emit()

    def add_row(self, label: str, field: str, row: Row) -> Row:
        self.rows[field] = row
        self.form.addRow(label, row)
        return row

    def add_field(
        self, label: str, rule: FieldRule, *, hint: str = "", accessible_name: str = ""
    ) -> FieldRow:
        """A line edit checked by the domain's rule for its field, the one the save applies too."""
        row = FieldRow(accessible_name or label, hint=hint)
        self.add_row(label, rule.field, row)
        self.rules[rule.field] = rule
        return row

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def edit(self, field: str) -> QLineEdit:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.edit

    def field_checks(self) -> list[Callable[[], object]]:
        return [
            lambda rule=rule, field=field: rule.clean(self.text(field)) for field, rule in self.rules.items()
        ]

    def finish_layout(self) -> None:
        self.outer.addWidget(self.message)
        self.outer.addStretch()

    # --- what a page provides ---------------------------------------------------------------------

    def checks(self) -> Iterable[Callable[[], object]]:
        """Each check raises ValidationError; all run, so every problem on the page shows at once.
        By default the rules of the fields add_field made."""
        return self.field_checks()

    def state(self) -> State:
        return {}

    def restore(self, state: State) -> None:
        """Put back what a draft holds; keys a newer or older draft lacks keep their defaults."""

    # --- checking ---------------------------------------------------------------------------------

    def owns(self, field: str) -> bool:
        return field in self.rows

    def show_error(self, exc: ValidationError) -> None:
        row = self.rows.get(exc.field)
        if row is None:
            self.message.show_error(reason(exc))
            return
        row.set_error(reason(exc))
        target = row.edit if isinstance(row, FieldRow) else row.control
        target.setFocus()

    def clear_errors(self) -> None:
        self.message.clear()
        for row in self.rows.values():
            row.clear_error()

    def validatePage(self) -> bool:
        self.clear_errors()
        problems = []
        for check in self.checks():
            try:
                check()
            except ValidationError as exc:
                problems.append(exc)
        for exc in reversed(problems):  # the first problem ends up with the focus
            self.show_error(exc)
        return not problems


def text_state(rows: dict[str, Row], fields: Iterable[str]) -> State:
    return {field: rows[field].text() for field in fields if isinstance(rows[field], FieldRow)}


def restore_text(rows: dict[str, Row], state: State) -> None:
    for field, value in state.items():
        row = rows.get(field)
        if isinstance(row, FieldRow) and isinstance(value, str):
            row.edit.setText(value)
