"""Stateless painting of a laid-out frame: background, eras, grid, glyphs, labels, axis, gutter.

Everything drawn here was decided by the pure layout (:mod:`timeline_app.core.frame`,
:mod:`timeline_app.core.axis`); these functions only translate it into QPainter calls,
so the same code paints the screen, snapshots and exported images.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGradient,
    QImage,
    QLinearGradient,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QRadialGradient,
)

from timeline_app.core import columns as col
from timeline_app.core.axis import Axis
from timeline_app.core.frame import (
    BAND,
    BAR,
    DENSITY_COLUMN,
    MARKER,
    MARKER_SIZE,
    MIN_BAND,
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


def paint_canvas(p: QPainter, ctx: PaintContext) -> None:
    """Paint the whole canvas."""
    theme = ctx.theme
    p.fillRect(QRectF(0, 0, ctx.width, ctx.height), theme.background)
    plot = ctx.plot_rect()
    p.save()
    p.setClipRect(QRectF(ctx.gutter, AXIS_HEIGHT, plot.width(), ctx.height - AXIS_HEIGHT))
    _paint_lane_backgrounds(p, ctx, plot)
    p.translate(ctx.gutter, 0)
    _paint_eras(p, ctx)
    _paint_grid(p, ctx)
    _paint_markers(p, ctx)
    p.translate(0, ctx.plot_top)
    p.setClipRect(QRectF(0, 0, plot.width(), plot.height()))
    _paint_densities(p, ctx)
    _paint_glyphs(p, ctx)
    _paint_labels(p, ctx)
    p.restore()
    _paint_axis(p, ctx)
    _paint_gutter(p, ctx)


# ----------------------------------------------------------------------------- background


def _paint_lane_backgrounds(p: QPainter, ctx: PaintContext, plot: QRectF) -> None:
    for n, box in enumerate(ctx.layout.boxes):
        top = plot.top() + box.top - ctx.scroll
        if n % 2:
            p.fillRect(QRectF(plot.left(), top, plot.width(), box.height), ctx.theme.lane_alternate)
        p.setPen(QPen(ctx.theme.grid, 1))
        p.drawLine(QPointF(plot.left(), top + box.height), QPointF(plot.right(), top + box.height))


def _paint_eras(p: QPainter, ctx: PaintContext) -> None:
    metrics = QFontMetricsF(ctx.theme.small_font)
    p.setFont(ctx.theme.small_font)
    for era in ctx.eras:
        x0, x1 = ctx.viewport.x_of(era.start), ctx.viewport.x_of(era.end)
        if x1 < 0 or x0 > ctx.viewport.width:
            continue
        x0, x1 = max(x0, -2.0), min(x1, ctx.viewport.width + 2.0)
        fill = ctx.theme.category(era.color, 34 if ctx.theme.dark else 30)
        p.fillRect(QRectF(x0, AXIS_HEIGHT, x1 - x0, ctx.height - AXIS_HEIGHT), fill)
        edge = ctx.theme.category(era.color, 120)
        p.setPen(QPen(edge, 1))
        p.drawLine(QPointF(x0, AXIS_HEIGHT), QPointF(x0, ctx.height))
        p.drawLine(QPointF(x1, AXIS_HEIGHT), QPointF(x1, ctx.height))
        name = era.name
        if metrics.horizontalAdvance(name) + 8 <= x1 - max(x0, 0):
            p.setPen(ctx.theme.text)
            p.drawText(QRectF(max(x0, 0) + 4, AXIS_HEIGHT, x1 - max(x0, 0) - 8, MARKS_HEIGHT),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)


def _paint_grid(p: QPainter, ctx: PaintContext) -> None:
    top = AXIS_HEIGHT
    p.setPen(QPen(ctx.theme.grid, 1))
    for tick in ctx.axis.minor:
        x = round(tick.x) + 0.5
        p.drawLine(QPointF(x, top), QPointF(x, ctx.height))
    major = QColor(ctx.theme.muted)
    major.setAlpha(110)
    p.setPen(QPen(major, 1))
    for tick in ctx.axis.major:
        x = round(tick.x) + 0.5
        p.drawLine(QPointF(x, top), QPointF(x, ctx.height))


def _paint_markers(p: QPainter, ctx: PaintContext) -> None:
    metrics = QFontMetricsF(ctx.theme.small_font)
    p.setFont(ctx.theme.small_font)
    for marker in ctx.markers:
        x = ctx.viewport.x_of(marker.instant)
        if not -1 <= x <= ctx.viewport.width + 1:
            continue
        pen = QPen(ctx.theme.text, 1.2, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, ctx.height))
        width = metrics.horizontalAdvance(marker.label) + 10
        left = x - width - 3 if x + width + 3 > ctx.viewport.width else x + 3
        rect = QRectF(left, AXIS_HEIGHT + 1, width, MARKS_HEIGHT - 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ctx.theme.text)
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(ctx.theme.background)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, marker.label)


# ----------------------------------------------------------------------------- events


def _alpha_for(ctx: PaintContext, index: int) -> int:
    if ctx.emphasis is None or index in ctx.emphasis:
        return 255
    return DIMMED_ALPHA


def _bar_height(ctx: PaintContext) -> float:
    return max(8.0, min(14.0, ctx.layout.row_height - 8))


def _paint_densities(p: QPainter, ctx: PaintContext) -> None:
    lanes = ctx.scene.columns.lanes
    raster = _is_raster(p)
    for density in ctx.frame.densities:
        counts = density.counts
        peak = int(counts.max()) if len(counts) else 0
        if not peak:
            continue
        color = ctx.theme.category(lanes[density.lane].color, 200)
        usable = density.height - 6
        bottom = density.top + density.height - 3
        heights = np.log1p(counts) / np.log1p(peak) * usable
        if raster:
            _paint_density_image(p, density.x, heights, bottom, usable, color)
        else:
            rects = [QRectF(float(x), bottom - float(h), 2.0, float(h))
                     for x, h in zip(density.x.tolist(), heights.tolist()) if h > 0]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRects(rects)
        total = int(counts.sum())
        p.setPen(ctx.theme.muted)
        p.setFont(ctx.theme.small_font)
        p.drawText(QRectF(4, density.top, 300, 16), Qt.AlignmentFlag.AlignLeft,
                   f"{total:,} events")


def _is_raster(p: QPainter) -> bool:
    """Whether the painter draws pixels (screen, images): sprites and images may be used.

    Vector outputs (SVG, PDF) keep one shape per glyph.
    """
    engine = p.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Raster


_BUFFERS: dict[str, npt.NDArray[Any]] = {}


def _buffer(name: str, size: int, dtype: Any) -> npt.NDArray[Any]:
    """A scratch array of at least ``size`` items, reused from frame to frame."""
    found = _BUFFERS.get(name)
    if found is None or len(found) < size:
        found = _BUFFERS[name] = np.empty(max(size, 1), dtype)
    return found[:size]


def _paint_density_image(p: QPainter, x: npt.NDArray[np.float64],
                         heights: npt.NDArray[np.float64], bottom: float, usable: float,
                         color: QColor) -> None:
    """One lane's density bars as one image built with numpy (one draw call).

    The image has one pixel column per density column (they are two pixels wide) and
    is drawn stretched to its width, which is exact; its buffer is kept between frames
    (fresh memory costs more than the drawing).
    """
    ratio = max(1.0, p.device().devicePixelRatioF()) if p.device() is not None else 1.0
    top = bottom - usable
    rows = max(1, math.ceil(usable * ratio))
    columns = len(heights)
    if not columns:
        return
    # Pixel (column, row) is filled when its centre lies inside the column's bar.
    centres = (np.arange(rows, dtype=np.float64) + 0.5) / ratio + top
    limit = bottom - heights
    inside = _buffer("mask", rows * columns, np.bool_).reshape(rows, columns)
    np.greater_equal(centres[:, None], limit[None, :], out=inside)
    pixels = _buffer("pixels", rows * columns, np.uint32).reshape(rows, columns)
    alpha = color.alpha()
    premultiplied = np.uint32((alpha << 24) | ((color.red() * alpha // 255) << 16)
                              | ((color.green() * alpha // 255) << 8)
                              | (color.blue() * alpha // 255))
    np.multiply(inside, premultiplied, out=pixels)
    image = QImage(pixels.data, columns, rows, columns * 4,
                   QImage.Format.Format_ARGB32_Premultiplied)
    left = float(x[0]) if len(x) else 0.0
    p.drawImage(QRectF(left, top, columns * DENSITY_COLUMN, rows / ratio), image)


def _paint_glyphs(p: QPainter, ctx: PaintContext) -> None:
    g = ctx.frame.glyphs
    if not len(g):
        return
    lanes = ctx.scene.columns.lanes
    height = _bar_height(ctx)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    raster = _is_raster(p)
    ratio = p.device().devicePixelRatioF() if raster and p.device() is not None else 1.0
    alphas = _alphas(ctx, g.index)
    counts, kinds, flag_list = g.count.tolist(), g.kind.tolist(), g.flags.tolist()
    lane_list, index_list = g.lane.tolist(), g.index.tolist()
    x0s, x1s, xss, xes = g.x0.tolist(), g.x1.tolist(), g.xs.tolist(), g.xe.tolist()
    ys, los, his = g.y.tolist(), g.lo.tolist(), g.hi.tolist()
    colors = [ctx.theme.category(lane.color) for lane in lanes]
    small_key = ctx.theme.small_font.key()
    ringed: list[int] = []
    solid_brush: tuple[int, int] | None = None
    for k in range(len(g)):
        index, alpha = index_list[k], alphas[k]
        color = colors[lane_list[k]]
        y = ys[k]
        if index in ctx.selected or k == ctx.hovered_glyph:
            ringed.append(k)
        if counts[k] > 1:
            if raster:
                _draw_sprite(p, _cluster_sprite(ctx.theme, small_key, counts[k], color, alpha,
                                                ratio), (los[k] + his[k]) / 2, y)
            else:
                paint_cluster(p, ctx.theme, los[k], his[k], y, counts[k], color, alpha)
            solid_brush = None
            continue
        kind, flags = kinds[k], flag_list[k]
        x0, x1 = x0s[k], x1s[k]
        if kind == MARKER:
            if raster:
                _draw_sprite(p, _marker_sprite(color, alpha, flags, ratio), (x0 + x1) / 2, y)
            else:
                paint_marker(p, (x0 + x1) / 2, y, color, alpha, flags, hollow=False)
        elif kind == BAR and raster and not _fuzzy_bar(flags, x0, xss[k], xes[k], x1):
            # A plain range is one solid rounded bar: set the brush once per colour.
            key = (lane_list[k], alpha)
            if solid_brush != key:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_with_alpha(color, alpha))
                solid_brush = key
            p.drawRoundedRect(QRectF(x0, y - height / 2, max(MIN_BAND, x1 - x0), height), 3, 3)
            continue
        elif kind == BAND:
            paint_band(p, x0, max(x1, x0 + MIN_BAND), y, height, color, alpha, flags)
        elif kind == BAR and raster:
            _paint_bar_cached(p, x0, xss[k], xes[k], x1, y, height, color, alpha, flags)
        elif kind == BAR:
            paint_bar(p, x0, xss[k], xes[k], x1, y, height, color, alpha, flags)
        else:
            paint_whisker(p, x0, x1, y, height, color, alpha, flags)
        solid_brush = None
    for k in ringed:
        index = index_list[k]
        _paint_selection_ring(p, ctx, los[k], his[k], ys[k], height,
                              index == ctx.current and ctx.focus, index in ctx.selected)


def _alphas(ctx: PaintContext, indices: npt.NDArray[np.int64]) -> list[int]:
    """Each glyph's strength: full, or dimmed when a search leaves it out."""
    emphasis = ctx.emphasis
    if emphasis is None:
        return [255] * len(indices)
    if isinstance(emphasis, np.ndarray):  # a mask over the columns
        shown = emphasis[indices]
    else:
        shown = np.fromiter((i in emphasis for i in indices.tolist()), bool, len(indices))
    alphas: list[int] = np.where(shown, 255, DIMMED_ALPHA).tolist()
    return alphas


def _fuzzy_bar(flags: int, x0: float, xs: float, xe: float, x1: float) -> bool:
    """Whether a range needs its gradient (uncertain ends, or ongoing)."""
    return bool(flags & col.ONGOING) or xs - x0 > 2 or x1 - xe > 2


#: Rendered glyph sprites and label images, by everything that decides their pixels.
_SPRITES: OrderedDict[tuple[object, ...], tuple[QPixmap, float, float]] = OrderedDict()
_SPRITE_LIMIT = 1_500


def _cached(key: tuple[object, ...], make: Callable[[], tuple[QPixmap, float, float]]
            ) -> tuple[QPixmap, float, float]:
    found = _SPRITES.get(key)
    if found is not None:
        _SPRITES.move_to_end(key)
        return found
    made = make()
    _SPRITES[key] = made
    if len(_SPRITES) > _SPRITE_LIMIT:
        _SPRITES.popitem(last=False)
    return made


def _sprite(width: float, height: float, ratio: float, draw: Callable[[QPainter], None]
            ) -> QPixmap:
    pixmap = QPixmap(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    draw(painter)
    painter.end()
    return pixmap


def _draw_sprite(p: QPainter, sprite: tuple[QPixmap, float, float], x: float, y: float) -> None:
    """Draw a sprite whose anchor (its glyph's centre) goes to (x, y), on whole pixels."""
    pixmap, dx, dy = sprite
    p.drawPixmap(QPointF(round(x - dx), round(y - dy)), pixmap)


def _marker_sprite(color: QColor, alpha: int, flags: int, ratio: float
                   ) -> tuple[QPixmap, float, float]:
    soft = flags & (col.APPROXIMATE | col.UNCERTAIN)
    size = MARKER_SIZE + 10
    half = size / 2

    def make() -> tuple[QPixmap, float, float]:
        return _sprite(size, size, ratio, lambda q: paint_marker(
            q, half, half, color, alpha, soft, hollow=False)), half, half

    return _cached(("marker", color.rgba(), alpha, soft, ratio), make)


def _cluster_sprite(theme: Theme, font_key: str, count: int, color: QColor, alpha: int,
                    ratio: float) -> tuple[QPixmap, float, float]:
    def make() -> tuple[QPixmap, float, float]:
        text = f"+{count}"
        width = max(MARKER_SIZE + 6, _small_metrics(theme).horizontalAdvance(text) + 10) + 4
        height = 20.0
        return _sprite(width, height, ratio, lambda q: paint_cluster(
            q, theme, width / 2, width / 2, height / 2, count, color, alpha)), width / 2, \
            height / 2

    return _cached(("cluster", count, color.rgba(), alpha, font_key, theme.dark, ratio), make)


_METRICS: dict[str, QFontMetricsF] = {}


def _small_metrics(theme: Theme) -> QFontMetricsF:
    key = theme.small_font.key()
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = QFontMetricsF(theme.small_font)
    return found


def _with_alpha(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(round(color.alpha() * alpha / 255))
    return result


def paint_marker(p: QPainter, x: float, y: float, color: QColor, alpha: int, flags: int,
                  hollow: bool) -> None:
    radius = MARKER_SIZE / 2 - 0.5
    soft = flags & (col.APPROXIMATE | col.UNCERTAIN)
    if soft:
        gradient = QRadialGradient(QPointF(x, y), radius + 3)
        gradient.setColorAt(0.0, _with_alpha(color, alpha))
        gradient.setColorAt(0.55, _with_alpha(color, alpha))
        gradient.setColorAt(1.0, _with_alpha(color, 0))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(gradient))
        p.drawEllipse(QPointF(x, y), radius + 3, radius + 3)
        return
    p.setPen(QPen(_with_alpha(color.darker(140), alpha), 1.4))
    fill = QColor(255, 255, 255) if hollow else color
    p.setBrush(_with_alpha(fill, alpha))
    p.drawEllipse(QPointF(x, y), radius, radius)


def _fade_brush(left: float, right: float, color: QColor, alpha: int, fade_in: bool,
                fade_out: bool) -> QBrush:
    gradient = QLinearGradient(QPointF(left, 0), QPointF(right, 0))
    solid = _with_alpha(color, alpha)
    clear = _with_alpha(color, 0)
    width = max(1.0, right - left)
    edge = min(0.35, 18 / width)
    gradient.setColorAt(0.0, clear if fade_in else solid)
    gradient.setColorAt(edge if fade_in else 0.0, solid)
    gradient.setColorAt(1 - edge if fade_out else 1.0, solid)
    gradient.setColorAt(1.0, clear if fade_out else solid)
    return QBrush(gradient)


def paint_band(p: QPainter, x0: float, x1: float, y: float, height: float, color: QColor,
                alpha: int, flags: int) -> None:
    soft = bool(flags & (col.APPROXIMATE | col.UNCERTAIN))
    fill = QColor(color)
    fill.setAlpha(150)
    rect = QRectF(x0, y - height / 2, x1 - x0, height)
    if soft:
        spread = max(4.0, (x1 - x0) * 0.15)
        rect = QRectF(x0 - spread, y - height / 2, x1 - x0 + 2 * spread, height)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_fade_brush(rect.left(), rect.right(), fill, alpha, True, True))
        p.drawRoundedRect(rect, 3, 3)
        return
    p.setPen(QPen(_with_alpha(color.darker(125), alpha), 1))
    p.setBrush(_with_alpha(fill, alpha))
    p.drawRoundedRect(rect, 3, 3)


def paint_bar(p: QPainter, x0: float, xs: float, xe: float, x1: float, y: float,
              height: float, color: QColor, alpha: int, flags: int) -> None:
    """A range: solid where certain, fading over an uncertain start or end.

    An ongoing range ("since 2022") fades over its last stretch and ends in an arrow.
    """
    ongoing = bool(flags & col.ONGOING)
    width = max(MIN_BAND, x1 - x0)
    if ongoing:
        xe = x1 - min(width * 0.3, 48.0)
    fuzzy_start = xs - x0 > 2
    fuzzy_end = x1 - xe > 2
    rect = QRectF(x0, y - height / 2, width, height)
    gradient = QLinearGradient(QPointF(x0, 0), QPointF(x0 + width, 0))
    solid, clear = _with_alpha(color, alpha), _with_alpha(color, 0)
    start_stop = min(0.95, max(0.0, (xs - x0) / width)) if fuzzy_start else 0.0
    end_stop = max(start_stop, min(1.0, (xe - x0) / width)) if fuzzy_end else 1.0
    gradient.setColorAt(0.0, clear if fuzzy_start else solid)
    gradient.setColorAt(start_stop, solid)
    gradient.setColorAt(end_stop, solid)
    gradient.setColorAt(1.0, _with_alpha(color, alpha // 6) if fuzzy_end else solid)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(rect, 3, 3)
    if ongoing:
        tip = QPolygonF([QPointF(x1 + 7, y), QPointF(x1, y - height / 2 - 1),
                         QPointF(x1, y + height / 2 + 1)])
        p.setBrush(_with_alpha(color, alpha // 2))
        p.drawPolygon(tip)


_BRUSHES: OrderedDict[tuple[object, ...], QBrush] = OrderedDict()


def _paint_bar_cached(p: QPainter, x0: float, xs: float, xe: float, x1: float, y: float,
                      height: float, color: QColor, alpha: int, flags: int) -> None:
    """:func:`paint_bar` with its gradient taken from a cache (stops to 1/512 of the bar).

    The gradient is laid out relative to the bar (object bounding mode), so bars whose
    fades sit at the same fractions share one brush instead of making one each.
    """
    ongoing = bool(flags & col.ONGOING)
    width = max(MIN_BAND, x1 - x0)
    if ongoing:
        xe = x1 - min(width * 0.3, 48.0)
    fuzzy_start = xs - x0 > 2
    fuzzy_end = x1 - xe > 2
    start_stop = min(0.95, max(0.0, (xs - x0) / width)) if fuzzy_start else 0.0
    end_stop = max(start_stop, min(1.0, (xe - x0) / width)) if fuzzy_end else 1.0
    key = (color.rgba(), alpha, fuzzy_start, fuzzy_end, round(start_stop * 512),
           round(end_stop * 512))
    brush = _BRUSHES.get(key)
    if brush is None:
        gradient = QLinearGradient(QPointF(0, 0), QPointF(1, 0))
        gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
        solid, clear = _with_alpha(color, alpha), _with_alpha(color, 0)
        gradient.setColorAt(0.0, clear if fuzzy_start else solid)
        gradient.setColorAt(key[4] / 512, solid)
        gradient.setColorAt(key[5] / 512, solid)
        gradient.setColorAt(1.0, _with_alpha(color, alpha // 6) if fuzzy_end else solid)
        brush = _BRUSHES[key] = QBrush(gradient)
        if len(_BRUSHES) > 2_000:
            _BRUSHES.popitem(last=False)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(brush)
    p.drawRoundedRect(QRectF(x0, y - height / 2, width, height), 3, 3)
    if ongoing:
        tip = QPolygonF([QPointF(x1 + 7, y), QPointF(x1, y - height / 2 - 1),
                         QPointF(x1, y + height / 2 + 1)])
        p.setBrush(_with_alpha(color, alpha // 2))
        p.drawPolygon(tip)


def paint_whisker(p: QPainter, x0: float, x1: float, y: float, height: float, color: QColor,
                   alpha: int, flags: int) -> None:
    line = _with_alpha(color.darker(115), alpha)
    open_start = bool(flags & col.OPEN_START)
    if x1 - x0 > MARKER_SIZE:
        if open_start:
            # A thin filled bar rather than a gradient pen: SVG keeps only a pen's colour.
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_fade_brush(x0, x1, color.darker(115), alpha, True, False))
            p.drawRect(QRectF(x0, y - 0.8, x1 - x0, 1.6))
        else:
            p.setPen(QPen(line, 1.6))
            p.drawLine(QPointF(x0, y), QPointF(x1, y))
        p.setPen(QPen(line, 1.6))
        cap = height / 2
        if not open_start:
            p.drawLine(QPointF(x0, y - cap), QPointF(x0, y + cap))
        p.drawLine(QPointF(x1, y - cap), QPointF(x1, y + cap))
    center = (x0 + x1) / 2 if not open_start else x1 - min(MARKER_SIZE, (x1 - x0) / 2)
    size = MARKER_SIZE / 2
    diamond = QPolygonF([QPointF(center, y - size), QPointF(center + size, y),
                         QPointF(center, y + size), QPointF(center - size, y)])
    p.setPen(QPen(line, 1.4))
    fill = QColor(color)
    fill.setAlpha(110)
    p.setBrush(_with_alpha(fill, alpha))
    p.drawPolygon(diamond)


def paint_cluster(p: QPainter, theme: Theme, lo: float, hi: float, y: float, count: int,
                  color: QColor, alpha: int) -> None:
    text = f"+{count}"
    width = max(MARKER_SIZE + 6, _small_metrics(theme).horizontalAdvance(text) + 10)
    center = (lo + hi) / 2
    rect = QRectF(center - width / 2, y - 8, width, 16)
    p.setPen(QPen(_with_alpha(color.darker(140), alpha), 1))
    p.setBrush(_with_alpha(color, alpha))
    p.drawRoundedRect(rect, 8, 8)
    p.setFont(theme.small_font)
    p.setPen(QColor(255, 255, 255, alpha) if color.lightness() < 170 else QColor(0, 0, 0, alpha))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _paint_selection_ring(p: QPainter, ctx: PaintContext, lo: float, hi: float, y: float,
                          height: float, focus: bool, selected: bool) -> None:
    rect = QRectF(lo - 4, y - height / 2 - 4, max(hi - lo, MARKER_SIZE) + 8, height + 8)
    color = QColor(ctx.theme.highlight)
    if not selected:
        color.setAlpha(110)
    pen = QPen(color, 2.2 if selected else 1.5)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(rect, 5, 5)
    if focus:
        focus_pen = QPen(ctx.theme.text, 1, Qt.PenStyle.DotLine)
        p.setPen(focus_pen)
        p.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 7, 7)


def _text_on(fill: QColor, background: QColor, opacity: float) -> QColor:
    """Black or white, whichever reads better on ``fill`` laid over ``background``."""
    def mixed(a: int, b: int) -> float:
        return a * opacity + b * (1 - opacity)

    luminance = (0.299 * mixed(fill.red(), background.red())
                 + 0.587 * mixed(fill.green(), background.green())
                 + 0.114 * mixed(fill.blue(), background.blue()))
    return QColor(20, 20, 20) if luminance > 140 else QColor(248, 248, 248)


def _paint_labels(p: QPainter, ctx: PaintContext) -> None:
    g = ctx.frame.glyphs
    lanes = ctx.scene.columns.lanes
    metrics = QFontMetricsF(ctx.theme.font)
    ascent = metrics.ascent() - metrics.descent()
    line = metrics.height()
    halo = QColor(ctx.theme.background)
    halo.setAlpha(210)
    selected_back = QColor(ctx.theme.highlight)
    selected_back.setAlpha(70)
    p.setFont(ctx.theme.font)
    raster = _is_raster(p)
    ratio = p.device().devicePixelRatioF() if raster and p.device() is not None else 1.0
    font_key = ctx.theme.font.key()
    alphas = _alphas(ctx, g.index[[label.glyph for label in ctx.frame.labels]]) \
        if ctx.frame.labels else []
    for label, alpha in zip(ctx.frame.labels, alphas):
        index = int(g.index[label.glyph])
        back: QColor | None = None
        if index in ctx.selected:
            back = selected_back
        elif not label.inside:
            back = QColor(halo)
            back.setAlpha(halo.alpha() * alpha // 255)
        if label.inside:
            fill = ctx.theme.category(lanes[int(g.lane[label.glyph])].color)
            opacity = 1.0 if int(g.kind[label.glyph]) == BAR else 150 / 255
            color = _text_on(fill, ctx.theme.background, opacity)
        else:
            color = QColor(ctx.theme.text)
        color.setAlpha(alpha)
        sprite = _label_sprite(ctx.theme.font, font_key, label.text, label.width, line,
                               ascent, color, back, ratio) if raster else None
        if sprite is not None:
            p.drawPixmap(QPointF(round(label.x) - 2, round(label.y - line / 2)), sprite[0])
            continue
        p.setFont(ctx.theme.font)
        rect = QRectF(label.x - 2, label.y - line / 2, label.width + 4, line)
        if back is not None:
            p.fillRect(rect, back)
        p.setPen(color)
        p.drawText(QPointF(label.x, label.y + ascent / 2), label.text)


_SEEN_LABELS: OrderedDict[tuple[object, ...], None] = OrderedDict()


def _label_sprite(font: QFont, font_key: str, text: str, width: float, line: float,
                  ascent: float, color: QColor, back: QColor | None, ratio: float
                  ) -> tuple[QPixmap, float, float] | None:
    """A title rendered once (with its halo) and reused while it stays on screen.

    None the first time a title is drawn: only titles drawn again (a pan, a zoom) are
    kept as images, so a still view holds no images of its titles.
    """
    key = ("label", text, font_key, color.rgba(), back.rgba() if back is not None else None,
           ratio)
    if key not in _SPRITES:
        if key not in _SEEN_LABELS:
            _SEEN_LABELS[key] = None
            if len(_SEEN_LABELS) > 5_000:
                _SEEN_LABELS.popitem(last=False)
            return None
        del _SEEN_LABELS[key]

    def draw(q: QPainter) -> None:
        if back is not None:
            q.fillRect(QRectF(0, 0, width + 4, line), back)
        q.setFont(font)
        q.setPen(color)
        q.drawText(QPointF(2, line / 2 + ascent / 2), text)

    def make() -> tuple[QPixmap, float, float]:
        return _sprite(width + 4, line, ratio, draw), 0.0, 0.0

    return _cached(key, make)


# ----------------------------------------------------------------------------- chrome


def _paint_axis(p: QPainter, ctx: PaintContext) -> None:
    theme = ctx.theme
    p.fillRect(QRectF(0, 0, ctx.width, AXIS_HEIGHT), theme.gutter)
    p.setPen(QPen(theme.grid, 1))
    p.drawLine(QPointF(0, AXIS_HEIGHT - 0.5), QPointF(ctx.width, AXIS_HEIGHT - 0.5))
    p.save()
    p.setClipRect(QRectF(ctx.gutter, 0, ctx.width - ctx.gutter, AXIS_HEIGHT))
    p.translate(ctx.gutter, 0)
    bold = QFontMetricsF(theme.bold_font)
    p.setFont(theme.bold_font)
    p.setPen(theme.text)
    majors = list(ctx.axis.major)
    pinned = ctx.axis.pinned
    if pinned is not None:
        right = majors[0].x if majors else ctx.viewport.width
        width = bold.horizontalAdvance(pinned.label)
        if 6 + width + 12 <= right:
            p.drawText(QPointF(6, 17), pinned.label)
    for tick in majors:
        p.drawLine(QPointF(round(tick.x) + 0.5, 4), QPointF(round(tick.x) + 0.5, 22))
        if tick.label:
            p.drawText(QPointF(tick.x + 6, 17), tick.label)
    p.setFont(theme.font)
    metrics = QFontMetricsF(theme.font)
    p.setPen(theme.muted)
    for tick in ctx.axis.minor:
        x = round(tick.x) + 0.5
        p.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, AXIS_HEIGHT))
        width = metrics.horizontalAdvance(tick.label)
        left = tick.x - width / 2
        if left < 2 or left + width > ctx.viewport.width - 2:
            continue  # a label that would be cut at the edge is left out, never clipped
        p.setPen(theme.text)
        p.drawText(QPointF(left, AXIS_HEIGHT - 11), tick.label)
        p.setPen(theme.muted)
    p.restore()


def _paint_gutter(p: QPainter, ctx: PaintContext) -> None:
    theme = ctx.theme
    p.fillRect(QRectF(0, AXIS_HEIGHT, ctx.gutter, ctx.height - AXIS_HEIGHT), theme.gutter)
    p.setPen(QPen(theme.grid, 1))
    p.drawLine(QPointF(ctx.gutter - 0.5, 0), QPointF(ctx.gutter - 0.5, ctx.height))
    p.save()
    p.setClipRect(QRectF(0, ctx.plot_top, ctx.gutter, ctx.height - ctx.plot_top))
    lanes = ctx.scene.columns.lanes
    metrics = QFontMetricsF(theme.bold_font)
    small = QFontMetricsF(theme.small_font)
    for box in ctx.layout.boxes:
        top = ctx.plot_top + box.top - ctx.scroll
        if top > ctx.height or top + box.height < ctx.plot_top:
            continue
        lane = lanes[box.lane]
        line_top = top + min(box.height, 26) / 2 - 9
        if ctx.interactive:
            _paint_disclosure(p, theme.muted, QPointF(10, line_top + 9), box.collapsed)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.category(lane.color))
        p.drawRoundedRect(QRectF(20, line_top + 3, 12, 12), 3, 3)
        name = metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, ctx.gutter - 44)
        p.setFont(theme.bold_font)
        p.setPen(theme.text)
        p.drawText(QPointF(38, line_top + 9 + (metrics.ascent() - metrics.descent()) / 2), name)
        if box.height >= 40:
            count = len(ctx.scene.lane_members[box.lane])
            p.setFont(theme.small_font)
            p.setPen(theme.muted)
            p.drawText(QPointF(38, line_top + 9 + small.height() + 4),
                       f"{count} event{'s' if count != 1 else ''}")
    p.restore()


def _paint_disclosure(p: QPainter, color: QColor, center: QPointF, collapsed: bool) -> None:
    path = QPainterPath()
    x, y = center.x(), center.y()
    if collapsed:
        path.moveTo(x - 2.5, y - 4)
        path.lineTo(x + 3, y)
        path.lineTo(x - 2.5, y + 4)
    else:
        path.moveTo(x - 4, y - 2.5)
        path.lineTo(x + 4, y - 2.5)
        path.lineTo(x, y + 3)
    path.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawPath(path)
