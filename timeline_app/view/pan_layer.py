"""The pan layer: the plot painted once, wider than the window, then only moved while panning.

Laying out and painting a dense frame takes about ten milliseconds; moving a picture
of it takes about one. When the view moves sideways at the same scale (a drag, the
arrow keys, a pan animation), the canvas lays out and paints the plot for a viewport
one window wider than the window, mostly ahead of the motion, and then moves that
picture until the window reaches its edge. What must stay put in the window (counts of
aggregated lanes, titles inside bars pinned to their visible left end, rings around
the selection and the hovered glyph) is drawn over it each frame from the window's part
of the wide frame (:func:`timeline_app.core.pan.shifted`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QPainter, QPixmap

from timeline_app.core.frame import Frame
from timeline_app.core.pan import moved_axis
from timeline_app.core.viewport import Viewport
from timeline_app.view.paint_context import PaintContext
from timeline_app.view.painter import (
    paint_marks_strip,
    paint_plot_layer,
    paint_window_parts,
)

#: The layer is this many windows wider than the window.
EXTRA_WIDTHS = 1.0
#: Of the extra width, this share lies ahead of the motion.
AHEAD = 0.75
#: When the view has not moved for this long, the layer is let go (it holds a large
#: picture) and the window is laid out afresh: titles cut by its edges while the
#: picture moved find room inside it again.
RELEASE_MS = 400


@dataclass(frozen=True, eq=False)
class PanLayer:
    """The plot of a wide viewport, laid out and painted."""

    key: tuple[object, ...]  # what the picture depends on, besides where the window is
    wide: Viewport
    frame: Frame  # in the wide viewport's coordinates
    pixmap: QPixmap

    def exact_offset(self, viewport: Viewport) -> float | None:
        """Where ``viewport``'s left edge lies in the layer, if the layer covers it."""
        wide = self.wide
        if viewport.seconds_per_pixel != wide.seconds_per_pixel:
            return None
        x = wide.x_of_exact(viewport.origin, viewport.phase)
        if x < -0.01 or x + viewport.width > wide.width + 0.01:
            return None
        return min(max(0.0, x), float(wide.width - viewport.width))

    def offset(self, viewport: Viewport) -> float | None:
        """:meth:`exact_offset` in whole device pixels: the picture is moved, never resampled."""
        exact = self.exact_offset(viewport)
        if exact is None:
            return None
        ratio = self.pixmap.devicePixelRatio()
        return round(exact * ratio) / ratio


def wide_viewport(viewport: Viewport, moved: float) -> Viewport:
    """A viewport wider than ``viewport`` by :data:`EXTRA_WIDTHS`, ahead of a move of ``moved`` px.

    ``moved`` > 0: the window went to later times, so the room is on the right.
    """
    extra = round(viewport.width * EXTRA_WIDTHS)
    # Whole pixels behind: a window moved by whole pixels lands on whole pixels.
    behind = round(extra * (1 - AHEAD) if moved > 0 else extra * AHEAD)
    return replace(viewport.panned(behind), width=viewport.width + extra)


class PanLayers(QObject):
    """The canvas's current pan layer: found, built when the view pans, let go when idle."""

    #: The layer was let go after a pause: the window should be laid out afresh.
    released = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layer: PanLayer | None = None
        self.builds = 0  # for tests and benchmarks: how many layers were painted
        self._last: tuple[tuple[object, ...], Viewport] | None = None
        self._release = QTimer(self, singleShot=True, interval=RELEASE_MS)
        self._release.timeout.connect(self._on_pause)

    def clear(self) -> None:
        """Let the picture go (the next pan builds a new one)."""
        self.layer = None

    def _on_pause(self) -> None:
        if self.layer is not None:
            self.clear()
            self.released.emit()

    def covering(self, key: tuple[object, ...], viewport: Viewport
                 ) -> tuple[PanLayer, float] | None:
        """The current layer and offset if it shows ``viewport`` as it is now."""
        layer = self.layer
        if layer is None or layer.key != key:
            return None
        offset = layer.offset(viewport)
        return None if offset is None else (layer, offset)

    def place(self, key: tuple[object, ...], viewport: Viewport,
              build: Callable[[Viewport], PanLayer]) -> tuple[PanLayer, float] | None:
        """The layer and offset to show ``viewport`` from, or None to paint it directly.

        A layer is built (by ``build``, given the wide viewport) only when the view
        moved sideways since the last frame with nothing else changed.
        """
        last, self._last = self._last, (key, viewport)
        found = self.covering(key, viewport)
        if found is not None:
            self._release.start()
            return found
        self.layer = None
        if last is None or last[0] != key or not _is_pan(last[1], viewport):
            return None
        moved = last[1].x_of_exact(viewport.origin, viewport.phase)
        layer = build(wide_viewport(viewport, moved))
        offset = layer.offset(viewport)
        if offset is None:  # clamped at the ends of time: nothing to gain
            return None
        self.layer = layer
        self.builds += 1
        self._release.start()
        return layer, offset


def _is_pan(before: Viewport, after: Viewport) -> bool:
    return (before.seconds_per_pixel == after.seconds_per_pixel and before.width == after.width
            and before != after)


def paint_layer(pixmap: QPixmap, ctx: PaintContext) -> None:
    """Paint the plot of ``ctx`` (a wide viewport) into ``pixmap`` (plot-sized)."""
    pixmap.fill(ctx.theme.background)
    q = QPainter(pixmap)
    q.translate(0, -ctx.plot_top)
    paint_plot_layer(q, ctx)
    q.end()


def new_pixmap(width: float, height: float, ratio: float) -> QPixmap:
    """A picture of ``width`` × ``height`` logical pixels at ``ratio`` device pixels each."""
    pixmap = QPixmap(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def paint_from_layer(p: QPainter, ctx: PaintContext, layer: PanLayer, offset: float) -> None:
    """Paint the canvas of ``ctx`` (the window) by moving ``layer``'s picture.

    The picture covers the plot, and the strips around it paint their own background.
    """
    plot = ctx.plot_rect()
    exact = layer.exact_offset(ctx.viewport)
    if exact is not None and exact != offset:
        # The picture moved by whole pixels: the axis and the marks move with it, so that
        # every tick stays on its grid line.
        ctx = replace(ctx, viewport=ctx.viewport.panned(exact - offset),
                      axis=moved_axis(ctx.axis, exact - offset))
    p.save()
    p.setClipRect(plot)
    p.drawPixmap(QPointF(ctx.gutter - offset, ctx.plot_top), layer.pixmap)
    p.restore()
    p.save()
    p.translate(ctx.gutter, 0)
    paint_marks_strip(p, ctx)
    p.restore()
    paint_window_parts(p, ctx)
