"""The look follows the system (font size, light or dark palette) and every text colour it works out reads
at WCAG's 4.5:1 against what it is drawn on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyleFactory

from burner_desk.ui import style
from burner_desk.ui.style import TEXT_CONTRAST, apply_style, contrast, theme_for
from tools.palettes import dark_palette

PALETTES = {"light": lambda: QStyleFactory.create("Fusion").standardPalette(), "dark": dark_palette}


@pytest.mark.parametrize("name", PALETTES)
def test_every_text_colour_reads_at_four_and_a_half_to_one(qapp: QApplication, name: str) -> None:
    theme = theme_for(PALETTES[name]())
    pairs = {
        "text": (theme.text, theme.window),
        "hint on the window": (theme.muted, theme.window),
        "hint on a card": (theme.muted, theme.card),
        "placeholder": (theme.placeholder, theme.card),
        "primary button": (theme.accent_text, theme.accent),
        "error message": (theme.error.text, theme.error.background),
        "info message": (theme.info.text, theme.info.background),
        "warning banner": (theme.warning.text, theme.warning.background),
    }
    ratios = {what: round(contrast(fg, bg), 2) for what, (fg, bg) in pairs.items()}
    assert all(ratio >= TEXT_CONTRAST for ratio in ratios.values()), ratios


def test_a_dark_system_gets_dark_messages_not_light_boxes(qapp: QApplication) -> None:
    light, dark = theme_for(PALETTES["light"]()), theme_for(PALETTES["dark"]())
    assert dark.dark and not light.dark
    assert (
        style.relative_luminance(dark.warning.background)
        < 0.1
        < style.relative_luminance(light.warning.background)
    )
    sheet = style.style_sheet(dark, 11)
    assert "QWidget { color" not in sheet and dark.warning.background.name() in sheet


@pytest.fixture
def system_font(qapp: QApplication) -> Iterator[QFont]:
    before, sheet = QFont(qapp.font()), qapp.styleSheet()
    yield before
    qapp.setFont(before)
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize(("system", "used"), [(9.0, 11.0), (14.0, 14.0)])
def test_the_font_follows_the_system_but_never_below_eleven_points(
    qapp: QApplication, system_font: QFont, system: float, used: float
) -> None:
    font = QFont(system_font)
    font.setPointSizeF(system)
    qapp.setFont(font)
    apply_style(qapp)
    assert qapp.font().pointSizeF() == used
    assert f"font-size: {round(used * 1.8)}pt" in qapp.styleSheet()  # titles scale with it
