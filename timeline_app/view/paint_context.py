"""What one paint of the chronology reads: the paint context, its sizes, eras and markers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QFontMetricsF,
)

from timeline_app.core.axis import Axis
from timeline_app.core.frame import (
    Frame,
)
from timeline_app.core.scene import Scene, VerticalLayout
from timeline_app.core.viewport import Viewport
from timeline_app.view.theme import Theme

GUTTER_WIDTH = 176.0  # default; the canvas sizes its gutter to the longest lane name


GUTTER_RANGE = (150.0, 320.0)


AXIS_HEIGHT = 48.0


MARKS_HEIGHT = 18.0  # the strip under the axis holding era names and publication flags


DIMMED_ALPHA = 80  # dimmed events stay legible as context (search, presenting)


def gutter_width(names: list[str], theme: Theme) -> float:
    """A gutter wide enough for every lane name, within :data:`GUTTER_RANGE`."""
    metrics = QFontMetricsF(theme.bold_font)
    widest = max((metrics.horizontalAdvance(n) for n in names), default=0.0)
    return min(max(widest + 52, GUTTER_RANGE[0]), GUTTER_RANGE[1])


@dataclass(frozen=True)
class Marker:
    """A vertical line at an instant: a source's publication date."""

    instant: int
    label: str


@dataclass(frozen=True)
class EraBand:
    """A background band for an era."""

    start: int
    end: int
    name: str
    color: str


@dataclass(frozen=True)
class PaintContext:
    """Everything one paint of the canvas reads."""

    theme: Theme
    width: float
    height: float
    viewport: Viewport
    axis: Axis
    scene: Scene
    layout: VerticalLayout
    frame: Frame
    scroll: float = 0.0
    eras: tuple[EraBand, ...] = ()
    markers: tuple[Marker, ...] = ()
    selected: frozenset[int] = frozenset()  # column indices
    current: int = -1
    hovered_glyph: int = -1
    #: Column indices shown at full strength (a set, or a boolean mask over the columns).
    emphasis: frozenset[int] | npt.NDArray[np.bool_] | None = None
    focus: bool = False
    collapsed: frozenset[int] = field(default_factory=frozenset)
    gutter: float = GUTTER_WIDTH
    #: Whether the picture can be clicked: printed and exported pictures have no
    #: collapse triangles to click.
    interactive: bool = True

    @property
    def plot_top(self) -> float:
        """Where lanes begin, below the axis and the marks strip."""
        return AXIS_HEIGHT + MARKS_HEIGHT

    def plot_rect(self) -> QRectF:
        """The area events are drawn in."""
        return QRectF(self.gutter, self.plot_top, self.width - self.gutter,
                      self.height - self.plot_top)
