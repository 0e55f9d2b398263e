"""A drawn signature: the survivor signs with a finger, pen or mouse; the result is a PNG image."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QWidget

PAD_SIZE = QSize(420, 120)
INK = Qt.GlobalColor.black


class SignaturePad(QFrame):
    """Strokes are drawn straight onto an image the size of the pad, so what is saved is what was seen."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None, size: QSize = PAD_SIZE) -> None:
        super().__init__(parent)
        self._size = size
        self.setObjectName("signaturePad")
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(self.tr("Draw the signature here with a finger, pen or mouse."))
        self.setFixedSize(size)
        self.setFrameShape(QFrame.Shape.Box)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to type; the Clear button takes focus
        self._image = self._blank()
        self._last: QPointF | None = None
        self._empty = True

    @property
    def is_empty(self) -> bool:
        return self._empty

    def clear(self) -> None:
        self._image = self._blank()
        self._empty = True
        self.update()
        self.changed.emit()

    def png_bytes(self) -> bytes | None:
        if self._empty:
            return None
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def set_png(self, png: bytes | None) -> None:
        """Show a signature drawn earlier (a resumed draft); an unreadable image leaves the pad empty."""
        image = QImage()
        if png and image.loadFromData(png, "PNG"):
            self._image = image.convertToFormat(QImage.Format.Format_ARGB32)
            self._empty = False
        else:
            self._image, self._empty = self._blank(), True
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = event.position()
        self._draw_to(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            self._draw_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._last = None
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()
        super().paintEvent(event)

    def _draw_to(self, point: QPointF) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INK, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(self._last or point, point)
        painter.end()
        self._last = point
        self._empty = False
        self.update()

    def _blank(self) -> QImage:
        image = QImage(self._size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        return image
