"""One number and what it counts."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from burner_desk.ui.widgets.numbers import number


class StatCard(QFrame):
    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setAccessibleName(caption)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.value.setAccessibleName(self.tr("{caption}: number").format(caption=caption))
        label = QLabel(caption)
        label.setObjectName("cardLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(label)

    def set_value(self, value: int) -> None:
        self.set_text(number(value))

    def set_text(self, text: str) -> None:
        """A figure that is not a plain count: "60%", "<5", "30.0"."""
        self.value.setText(text)
        self.setAccessibleDescription(text)
