"""Inline messages: the reason is shown where the eye already is, never in a pop-up."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from burner_desk.ui.style import set_style_property


class MessageLabel(QLabel):
    """A calm box for an error or a notice; takes no space while empty."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        # Margins, not style-sheet padding: word-wrapped labels leave padding out of their height.
        self.setContentsMargins(10, 8, 10, 8)
        # Selectable, to copy a message for IT. Set by the property's name with the flag's value (1 is
        # Qt.TextInteractionFlag.TextSelectableByMouse): naming Qt's namespace would build its ~90 enums
        # (~18 ms) before the unlock window at every start (tests/ui/test_cold_start_imports.py).
        self.setProperty("textInteractionFlags", 1)
        self.hide()

    @property
    def kind(self) -> str:
        return str(self.property("kind") or "")

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def clear(self) -> None:
        super().clear()
        self.hide()

    def _show(self, text: str, kind: str) -> None:
        set_style_property(self, "kind", kind)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()


class Banner(QLabel):
    """A warning that stays visible for the whole session (e.g. no OS keyring)."""

    def __init__(self, text: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("banner")
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(text)
        self.setWordWrap(True)
        self.setContentsMargins(12, 10, 12, 10)


class FieldRow(QWidget):
    """A line edit with an optional hint under it, and the reason it was refused right below that.

    The hint wraps (a long one made the page wider than the window at 150 %); the reason stays on one line.
    tests/ui/test_encounter_wizard.py checks a wrapped hint does not squash the line edit above it."""

    def __init__(
        self,
        accessible_name: str,
        *,
        hint: str = "",
        password: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(accessible_name)
        if password:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setAccessibleName(
            self.tr("{accessible_name}: problem").format(accessible_name=accessible_name)
        )
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("hint")
            hint_label.setWordWrap(True)
            hint_label.setAccessibleName(
                self.tr("{accessible_name}: hint").format(accessible_name=accessible_name)
            )
            layout.addWidget(hint_label)
        layout.addWidget(self.error)
        self.edit.textEdited.connect(lambda _text: self.clear_error())

    def text(self) -> str:
        return self.edit.text()

    def set_error(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.show()
        self.edit.setAccessibleDescription(reason)
        set_style_property(self.edit, "invalid", "true")

    def clear_error(self) -> None:
        if self.error.isHidden():
            return
        self.error.clear()
        self.error.hide()
        self.edit.setAccessibleDescription("")
        set_style_property(self.edit, "invalid", "false")


class ControlRow(QWidget):
    """Like FieldRow, for a control that is not a line edit (check boxes, spin boxes, a date)."""

    def __init__(self, control: QWidget, accessible_name: str, hint: str = "") -> None:
        super().__init__()
        self.control = control
        control.setAccessibleName(accessible_name)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setAccessibleName(
            self.tr("{accessible_name}: problem").format(accessible_name=accessible_name)
        )
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(control)
        self.hint: QLabel | None = None  # a dialog may reword it as the control changes
        if hint:
            self.hint = QLabel(hint)
            self.hint.setObjectName("hint")
            self.hint.setWordWrap(True)
            self.hint.setAccessibleName(
                self.tr("{accessible_name}: hint").format(accessible_name=accessible_name)
            )
            layout.addWidget(self.hint)
        layout.addWidget(self.error)
        # Never taller than its content: spare page height must not open gaps between the rows.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_error(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.show()
        self.control.setAccessibleDescription(reason)

    def clear_error(self, *_changed: object) -> None:
        self.error.clear()
        self.error.hide()
        self.control.setAccessibleDescription("")


def busy_bar(accessible_name: str) -> QProgressBar:
    """A thin indeterminate bar: key derivation gives no progress to report."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(accessible_name)
    return bar
