"""Results of background work may arrive after a lock has dropped the view that asked for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

T = TypeVar("T")


def while_alive(widget: QWidget, callback: Callable[[T], None]) -> Callable[[T], None]:
    """`callback`, unless the widget's C++ side is gone by the time the result comes back."""

    def deliver(value: T) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return deliver
