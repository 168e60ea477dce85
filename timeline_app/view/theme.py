"""Colours and fonts for drawing, derived from the system palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette


@dataclass(frozen=True)
class Theme:
    """What the painters need to know about the current look."""

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    lane_alternate: QColor
    gutter: QColor
    highlight: QColor
    dark: bool
    font: QFont
    small_font: QFont
    bold_font: QFont

    def category(self, hex_color: str, alpha: int = 255) -> QColor:
        """A category colour, lifted a little on dark backgrounds so it stays legible."""
        color = QColor(hex_color)
        if self.dark:
            color = color.lighter(125)
        color.setAlpha(alpha)
        return color


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def theme_from_palette(palette: QPalette | None = None, base_font: QFont | None = None) -> Theme:
    """Build the theme from a palette (default: the application's)."""
    palette = palette or QGuiApplication.palette()
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = background.lightness() < 128
    font = QFont(base_font or QGuiApplication.font())
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
    bold = QFont(font)
    bold.setBold(True)
    return Theme(
        background=background,
        text=text,
        muted=_mix(text, background, 0.45),
        grid=_mix(text, background, 0.85),
        lane_alternate=_mix(text, background, 0.965),
        gutter=palette.color(QPalette.ColorRole.Window),
        highlight=palette.color(QPalette.ColorRole.Highlight),
        dark=dark,
        font=font,
        small_font=small,
        bold_font=bold,
    )


class TextMeasure:
    """Measures text widths in one font, remembering each title's width."""

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)
        self._cache: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            width = self._metrics.horizontalAdvance(text)
            self._cache[text] = width
        return width

    @property
    def height(self) -> float:
        """The font's line height."""
        return self._metrics.height()


@lru_cache(maxsize=8)
def _cached_measure(family: str, size: float, bold: bool) -> TextMeasure:
    font = QFont(family)
    font.setPointSizeF(size)
    font.setBold(bold)
    return TextMeasure(font)


def measure_for(font: QFont) -> TextMeasure:
    """A shared measurer for a font."""
    return _cached_measure(font.family(), font.pointSizeF(), font.bold())
