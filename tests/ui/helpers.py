"""Small checks shared by the UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QErrorMessage,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from burner_desk.services import access


def pop_ups() -> list[QWidget]:
    """Visible message boxes: errors must be shown inline, never in one of these."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, (QMessageBox, QErrorMessage))
    ]


def controls_without_accessible_name(window: QWidget) -> list[str]:
    controls = (
        window.findChildren(QAbstractButton) + window.findChildren(QLineEdit) + window.findChildren(QComboBox)
    )
    # Skipped: Qt's own helpers (qt_menubar_ext_button, ...) and a combo box's inner line edit.
    return [
        f"{type(c).__name__} {c.objectName()}"
        for c in controls
        if not c.accessibleName()
        and not c.objectName().startswith("qt_")
        and not isinstance(c.parent(), QComboBox)
    ]


def vault_is_closed(session: access.SignedIn) -> bool:
    """Lock zeroes the key the engine connects with: a new connection must fail, not open the vault."""
    try:
        with session.uow.begin() as tx:
            tx.live_counts()
    except Exception:
        return True
    return False
