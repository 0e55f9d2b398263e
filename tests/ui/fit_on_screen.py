"""Run as a program (tests/ui/test_fit.py starts it): every window, view, dialog and wizard page of the
demo vault on a 1366×768 screen at the scale in QT_SCALE_FACTOR, offscreen. Prints one line per window
that does not fit the screen's available area (in logical pixels, as Qt lays out) and exits 1 if any.

QT_SCALE_FACTOR has to be set before Qt starts, hence a process of its own per scale.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from burner_desk.services import access, demo
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import InlineTasks
from tests.conftest import TEST_KDF
from tests.ui import tour

SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1}


def offscreen_config(folder: Path) -> str:
    """QT_QPA_PLATFORM for a 1366×768 screen (the offscreen platform's own is 800×600)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def misfit(name: str, widget: QWidget) -> str | None:
    QApplication.processEvents()
    screen = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if (
        frame.width() <= screen.width()
        and frame.height() <= screen.height()
        and least.height() <= screen.height()
    ):
        return None
    return (
        f"{name}: {frame.width()}×{frame.height()} (at least {least.width()}×{least.height()}) "
        f"on a screen of {screen.width()}×{screen.height()}"
    )


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    apply_style(app)
    QMessageBox.question = lambda *_args, **_kw: QMessageBox.StandardButton.No  # type: ignore[method-assign]
    QFileDialog.getOpenFileName = lambda *_args, **_kw: ("", "")  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = lambda *_args, **_kw: ("", "")  # type: ignore[method-assign]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="burner-desk-fit-") as scratch:
        demo.create_demo_vault(Path(scratch) / "demo", TEST_KDF)
        session = access.sign_in(Path(scratch) / "demo", demo.SUPERVISOR.name, demo.SUPERVISOR.passphrase)
        for name, widget in tour.before_sign_in():
            problems.append(misfit(name, widget) or "")
        window = MainWindow(
            session, InlineTasks(), QSettings(str(Path(scratch) / "ui.ini"), QSettings.Format.IniFormat)
        )
        window.show()
        for name, widget in tour.main_window(window):
            problems.append(misfit(name, widget) or "")
        window.dismiss()
        access.lock(session, "quit")
    found = sorted({problem for problem in problems if problem})
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
