"""One calm look for every window: readable at arm's length, one clear primary button per screen.

The look follows the person's system: its font size (never below BASE_POINT_SIZE), and its light or dark
palette. Colours are not written into the style sheet: they are worked out from the palette's own window
and text colours, so a dark system theme keeps every title, side bar and message readable, and each one
is checked against WCAG's 4.5:1 contrast for text (tests/ui/test_style.py computes them).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 11  # the least for reading at arm's length; a larger system font wins
TEXT_CONTRAST = 4.5  # WCAG 2.x AA for body text


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(foreground: QColor, background: QColor) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mix(colour: QColor, toward: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (toward.redF() - colour.redF()) * share,
        colour.greenF() + (toward.greenF() - colour.greenF()) * share,
        colour.blueF() + (toward.blueF() - colour.blueF()) * share,
    )


def readable(colour: QColor, background: QColor) -> QColor:
    """`colour`, moved toward black or white (whichever the background is not) until it reads at 4.5:1."""
    target = QColor("black") if relative_luminance(background) > 0.18 else QColor("white")
    share = 0.0
    while contrast(_mix(colour, target, share), background) < TEXT_CONTRAST and share < 1.0:
        share += 0.05
    return _mix(colour, target, min(share, 1.0))


@dataclass(frozen=True)
class Tone:
    """A message's text, background and border."""

    text: QColor
    background: QColor
    border: QColor


@dataclass(frozen=True)
class Theme:
    text: QColor
    window: QColor
    muted: QColor  # hints and subtitles: quieter than text, still 4.5:1
    placeholder: QColor  # on a field (Qt's own is about 3:1)
    card: QColor
    card_border: QColor
    accent: QColor  # the primary button and figures
    accent_text: QColor
    error: Tone
    info: Tone
    warning: Tone

    @property
    def dark(self) -> bool:
        return relative_luminance(self.window) < relative_luminance(self.text)


def _tone(hue: QColor, window: QColor, dark: bool) -> Tone:
    background = _mix(window, hue, 0.22 if dark else 0.10)
    return Tone(readable(hue, background), background, _mix(window, hue, 0.5))


def theme_for(palette: QPalette) -> Theme:
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = relative_luminance(window) < relative_luminance(text)
    card = palette.color(QPalette.ColorRole.Base)
    accent = QColor("#4c8fd6") if dark else QColor("#1f5fa8")
    return Theme(
        text=text,
        window=window,
        muted=readable(_mix(text, window, 0.35), window),
        placeholder=readable(_mix(text, card, 0.35), card),
        card=card,
        card_border=_mix(card, text, 0.18),
        accent=accent,
        accent_text=readable(QColor("white") if not dark else QColor("black"), accent),
        error=_tone(QColor("#e5484d") if dark else QColor("#a4161a"), window, dark),
        info=_tone(QColor("#4c8fd6") if dark else QColor("#1f5fa8"), window, dark),
        warning=_tone(QColor("#e2b93b") if dark else QColor("#8a6500"), window, dark),
    )


_current: Theme | None = None


def current_theme() -> Theme:
    """The theme apply_style last worked out (for colours painted in code, such as table rows)."""
    if _current is None:
        return theme_for(QGuiApplication.palette())
    return _current


def style_sheet(theme: Theme, base_points: float) -> str:
    def c(colour: QColor) -> str:
        return colour.name()

    error, info, warning = theme.error, theme.info, theme.warning
    return f"""
QLabel#title {{ font-size: {round(base_points * 1.8)}pt; font-weight: 600; }}
QLabel#subtitle {{ color: {c(theme.muted)}; }}
QLabel#section {{ font-weight: 600; margin-top: 6px; }}
QLabel#hint {{ color: {c(theme.muted)}; }}
QLabel#fieldError {{ color: {c(readable(error.text, theme.window))}; }}
QLabel#message[kind="error"] {{
    color: {c(error.text)}; background: {c(error.background)}; border: 1px solid {c(error.border)};
    border-radius: 4px;
}}
QLabel#message[kind="info"] {{
    color: {c(info.text)}; background: {c(info.background)}; border: 1px solid {c(info.border)};
    border-radius: 4px;
}}
QLabel#banner {{
    color: {c(warning.text)}; background: {c(warning.background)}; border: 1px solid {c(warning.border)};
    border-radius: 4px;
}}
QFrame#card {{ background: {c(theme.card)}; border: 1px solid {c(theme.card_border)}; border-radius: 6px; }}
QLabel#cardValue {{ font-size: {round(base_points * 2.4)}pt; font-weight: 600; color: {c(readable(theme.accent, theme.card))}; }}
QLabel#cardLabel {{ color: {c(theme.muted)}; }}
QLabel#cardKey {{ color: {c(theme.muted)}; font-weight: 600; }}
QLabel#followUps[urgent="true"] {{ color: {c(readable(error.text, theme.window))}; font-weight: 600; }}
QLineEdit, QComboBox {{ padding: 5px 6px; min-height: 22px; }}
QLineEdit, QTextEdit, QPlainTextEdit {{ placeholder-text-color: {c(theme.placeholder)}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {c(error.border)}; }}
QPushButton {{ padding: 6px 16px; min-height: 22px; }}
QPushButton:checked {{ background: {c(info.background)}; border: 1px solid {c(info.border)}; border-radius: 4px; }}
QPushButton#primary {{
    background: {c(theme.accent)}; color: {c(theme.accent_text)}; border: 1px solid {c(_mix(theme.accent, theme.text, 0.25))};
    border-radius: 4px; padding: 8px 22px; font-weight: 600;
}}
QPushButton#primary:disabled {{ background: {c(_mix(theme.accent, theme.window, 0.55))}; border-color: {c(_mix(theme.accent, theme.window, 0.55))}; }}
QPushButton#primary:focus {{ border: 2px solid {c(theme.text)}; }}
"""


def apply_style(app: QApplication) -> None:
    """The system's font (at least BASE_POINT_SIZE) and palette, with colours worked out from it; again
    whenever the system switches between light and dark."""
    global _current
    font = QFont(app.font())
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    # The palette itself is left alone: set, it would no longer follow the system's light and dark
    _current = theme_for(app.palette())
    app.setStyleSheet(style_sheet(_current, font.pointSizeF()))


def follow_system_colour_scheme(app: QApplication) -> None:
    """Work the colours out again when the system turns dark or light while the app runs."""
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_style(app))


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Style-sheet selectors on dynamic properties only re-match after a re-polish."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
