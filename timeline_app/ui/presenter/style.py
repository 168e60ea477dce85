"""The presentation's look: type sized to read from the back of a room, and calm colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

#: The screen height the sizes below were chosen for; other heights scale in proportion.
REFERENCE_HEIGHT = 1080
#: Milliseconds of camera movement between steps: slow enough to follow, not so slow one waits.
STEP_ANIMATION_MS = 600


@dataclass(frozen=True)
class TypeScale:
    """Pixel sizes of each kind of text on a presentation of a given height."""

    title: int
    date: int
    quote: int
    source: int
    counter: int
    canvas: int
    notes: int

    @property
    def margin(self) -> int:
        """The space around the caption card and inside it."""
        return round(self.quote * 1.1)


def type_scale(height: int) -> TypeScale:
    """Sizes for a screen ``height`` pixels tall: at 1080, a 40 px title and a 30 px quote.

    The floors keep a small window (a rehearsal in a corner of the desktop) readable.
    """
    k = max(height, 1) / REFERENCE_HEIGHT

    def px(size: float, floor: int) -> int:
        return max(floor, round(size * k))

    return TypeScale(title=px(40, 18), date=px(25, 12), quote=px(30, 14), source=px(21, 11),
                     counter=px(23, 11), canvas=px(17, 11), notes=px(26, 13))


def pixel_font(pixels: int, bold: bool = False, base: QFont | None = None) -> QFont:
    """The application's font family at ``pixels`` pixels (the room sees pixels, not points)."""
    font = QFont(base or QGuiApplication.font())
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


def point_font(pixels: int, dots_per_inch: float) -> QFont:
    """The application's font at the point size that is ``pixels`` tall on a screen of that dpi.

    The canvas measures its labels by point size, so its font must be set in points.
    """
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(1.0, pixels * 72 / max(dots_per_inch, 1.0)))
    return font


@dataclass(frozen=True)
class Colours:
    """The presentation's colours: dark and low-glare, so a dim room is not lit by the screen."""

    background: QColor
    surface: QColor
    text: QColor
    muted: QColor
    accent: QColor


COLOURS = Colours(background=QColor("#14171c"), surface=QColor("#1f242c"),
                  text=QColor("#f2f3f5"), muted=QColor("#a9b0bb"), accent=QColor("#5aa0ff"))


def presentation_palette() -> QPalette:
    """A palette the canvas turns into its theme: dark base, light text, the accent as highlight."""
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                  QPalette.ColorGroup.Disabled):
        palette.setColor(group, QPalette.ColorRole.Base, COLOURS.background)
        palette.setColor(group, QPalette.ColorRole.Window, COLOURS.surface)
        palette.setColor(group, QPalette.ColorRole.Text, COLOURS.text)
        palette.setColor(group, QPalette.ColorRole.WindowText, COLOURS.text)
        palette.setColor(group, QPalette.ColorRole.Highlight, COLOURS.accent)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, COLOURS.background)
        palette.setColor(group, QPalette.ColorRole.ToolTipBase, COLOURS.surface)
        palette.setColor(group, QPalette.ColorRole.ToolTipText, COLOURS.text)
    return palette
