"""LongTextLabel keeps its height per width, and gives the height a plain word-wrapped QLabel would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from burner_desk.ui.widgets.long_text import LongTextLabel

WORDING = "<p>" + " ".join(["Your information is shared only with the programs listed."] * 12) + "</p>"
SHORT = "<p>Sign below.</p>"


def plain_label(text: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setText(text)
    return label


def long_label(qtbot: QtBot, text: str) -> LongTextLabel:
    label = LongTextLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(text)
    return label


def test_it_is_as_tall_as_a_plain_label_at_every_width(qtbot: QtBot) -> None:
    label = long_label(qtbot, WORDING)
    plain = plain_label(WORDING)
    qtbot.addWidget(plain)

    for width in (200, 480, 900, 480, 200):  # the second time from what it kept
        assert label.heightForWidth(width) == plain.heightForWidth(width)
    assert label.heightForWidth(200) > label.heightForWidth(900)


def test_a_new_text_is_measured_again(qtbot: QtBot) -> None:
    label = long_label(qtbot, WORDING)
    tall = label.heightForWidth(300)

    label.setText(SHORT)

    assert label.heightForWidth(300) == plain_label(SHORT).heightForWidth(300) < tall


def test_a_larger_font_is_measured_again(qtbot: QtBot) -> None:
    label = long_label(qtbot, WORDING)
    before = label.heightForWidth(400)

    label.setStyleSheet("font-size: 30pt;")
    label.ensurePolished()

    assert label.heightForWidth(400) > before


def test_wider_contents_margins_are_measured_again(qtbot: QtBot) -> None:
    label = long_label(qtbot, WORDING)
    before = label.heightForWidth(400)

    label.setContentsMargins(0, 0, 150, 0)  # less room for the text at the same width: more lines

    plain = plain_label(WORDING)
    qtbot.addWidget(plain)
    plain.setContentsMargins(0, 0, 150, 0)
    assert label.heightForWidth(400) == plain.heightForWidth(400) > before
