"""Results of background work may arrive after a lock has dropped the view that asked for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import shiboken6
from PySide6.QtWidgets import QWidget

P = ParamSpec("P")


def while_alive(widget: QWidget, callback: Callable[P, None]) -> Callable[P, None]:
    """`callback`, unless the widget's C++ side is gone by the time the result comes back."""

    def deliver(*args: P.args, **kwargs: P.kwargs) -> None:
        if shiboken6.isValid(widget):
            callback(*args, **kwargs)

    return deliver
