"""Draws the app icon (a burner phone on the program's blue) as PNG, ICO and ICNS with Qt's image plugins.

Run once after changing the drawing: `QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/draw_icon.py`.
The spec picks burner-desk.ico on Windows, burner-desk.icns on macOS and burner-desk.png elsewhere. The PNG
lives in resources/icons/: the running app sets it as every window's icon (burner_desk.app.APP_ICON).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

HERE = Path(__file__).resolve().parent
RESOURCE_ICONS = HERE.parent.parent / "resources" / "icons"
SIZE = 256
BLUE = QColor("#1f5fa8")


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(QRectF(78, 36, 100, 184), 18, 18)  # the phone
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(90, 58, 76, 120), 6, 6)  # its screen
    painter.setPen(QPen(QColor("white"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(128, 92, 128, 144)  # a plus on the screen: the call that helps
    painter.drawLine(102, 118, 154, 118)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawEllipse(QRectF(118, 190, 20, 20))  # home button
    painter.end()
    return image


def main() -> None:
    app = QGuiApplication([])
    image = draw()
    for target in (RESOURCE_ICONS / "burner-desk.png", HERE / "burner-desk.ico", HERE / "burner-desk.icns"):
        suffix = target.suffix.lstrip(".")
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target} (is the Qt image plugin for {suffix} there?)")
    del app


if __name__ == "__main__":
    main()
