"""Small checks shared by the UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QErrorMessage,
    QLabel,
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


def clipped_labels(window: QWidget) -> list[str]:
    """Labels on screen whose text does not all show: given fewer lines than their width needs (word
    wrapped) or less width than their text, or cut at a parent's right edge (a page wider than its scroll
    area, which scrolls up and down only). Cut at the bottom of a scroll area is fine: that scrolls."""
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        needed = label.minimumSizeHint()
        if label.wordWrap():
            needed.setHeight(max(needed.height(), label.heightForWidth(label.width())))
        across = label.visibleRegion().boundingRect().width()
        if label.height() < needed.height() or min(label.width(), across) < needed.width():
            found.append(
                f"{label.text()[:50]!r}: needs {needed.toTuple()}, has {label.size().toTuple()}, "
                f"{across} px across in sight"
            )
    return found


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
