"""The drawn-signature pad: strokes become a PNG the consent rules accept, and a PNG comes back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from burner_desk.domain.consent import SignedHow, check_signature
from burner_desk.ui.widgets.signature_pad import PAD_SIZE, SignaturePad


def _sign(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(10, 60))
    for x, y in ((80, 20), (150, 100), (260, 40)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(260, 40))


def test_a_drawn_signature_is_a_png_the_consent_rules_accept(qtbot: QtBot) -> None:
    pad = SignaturePad("Signature")
    qtbot.addWidget(pad)
    pad.show()
    assert pad.is_empty and pad.png_bytes() is None
    with qtbot.waitSignal(pad.changed):
        _sign(qtbot, pad)

    png = pad.png_bytes()
    assert png is not None
    check_signature(SignedHow.ON_SCREEN, png)
    image = QImage.fromData(png, "PNG")
    assert image.size() == PAD_SIZE
    dark = sum(
        1
        for x in range(0, PAD_SIZE.width(), 2)
        for y in range(PAD_SIZE.height())
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 50  # ink along the strokes
    assert image.pixelColor(PAD_SIZE.width() - 2, PAD_SIZE.height() - 2).value() == 255  # paper elsewhere


def test_clear_and_restore(qtbot: QtBot) -> None:
    pad = SignaturePad("Signature")
    qtbot.addWidget(pad)
    _sign(qtbot, pad)
    png = pad.png_bytes()
    pad.clear()
    assert pad.is_empty and pad.png_bytes() is None

    pad.set_png(png)
    assert not pad.is_empty
    assert pad.png_bytes() == png  # a resumed draft shows, and keeps, the same signature
    pad.set_png(b"not a png")
    assert pad.is_empty
