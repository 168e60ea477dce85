"""Stateless painting of a laid-out frame: background, eras, grid, glyphs, labels, axis, gutter.

Everything drawn here was decided by the pure layout (:mod:`timeline_app.core.frame`,
:mod:`timeline_app.core.axis`); these functions only translate it into QPainter calls,
so the same code paints the screen, snapshots and exported images.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPen,
    QPixmap,
)

from timeline_app.core.frame import (
    BAND,
    BAR,
    DENSITY_COLUMN,
    MARKER,
    MARKER_SIZE,
    MIN_BAND,
)
from timeline_app.view.chrome import (
    paint_axis,
    paint_eras,
    paint_grid,
    paint_gutter,
    paint_lane_backgrounds,
    paint_markers,
)
from timeline_app.view.glyphs import (
    cached_sprite,
    cluster_sprite,
    draw_sprite,
    has_sprite,
    is_fuzzy_bar,
    make_sprite,
    marker_sprite,
    paint_band,
    paint_bar,
    paint_bar_cached,
    paint_cluster,
    paint_marker,
    paint_whisker,
    with_alpha,
)
from timeline_app.view.paint_context import (
    AXIS_HEIGHT,
    DIMMED_ALPHA,
    GUTTER_RANGE,
    GUTTER_WIDTH,
    MARKS_HEIGHT,
    EraBand,
    Marker,
    PaintContext,
    gutter_width,
)

#: Re-exported: callers import the painting API from this module.
__all__ = [
    "AXIS_HEIGHT",
    "DIMMED_ALPHA",
    "GUTTER_RANGE",
    "GUTTER_WIDTH",
    "MARKS_HEIGHT",
    "EraBand",
    "Marker",
    "PaintContext",
    "gutter_width",
    "paint_band",
    "paint_bar",
    "paint_canvas",
    "paint_cluster",
    "paint_marker",
    "paint_marks_strip",
    "paint_plot_layer",
    "paint_plot_overlay",
    "paint_whisker",
    "paint_window_parts",
]


def paint_canvas(p: QPainter, ctx: PaintContext) -> None:
    """Paint the whole canvas."""
    p.fillRect(QRectF(0, 0, ctx.width, ctx.height), ctx.theme.background)
    plot = ctx.plot_rect()
    p.save()
    p.setClipRect(QRectF(ctx.gutter, AXIS_HEIGHT, plot.width(), ctx.height - AXIS_HEIGHT))
    p.translate(ctx.gutter, 0)
    paint_plot_layer(p, ctx)
    p.restore()
    paint_window_parts(p, ctx)


def paint_window_parts(p: QPainter, ctx: PaintContext) -> None:
    """What stays put in the window over the plot, then the axis and the gutter."""
    plot = ctx.plot_rect()
    p.save()
    p.translate(ctx.gutter, ctx.plot_top)
    p.setClipRect(QRectF(0, 0, plot.width(), plot.height()))
    paint_plot_overlay(p, ctx)
    p.restore()
    paint_axis(p, ctx)
    paint_gutter(p, ctx)


def paint_plot_layer(p: QPainter, ctx: PaintContext) -> None:
    """What moves with time in the plot: lanes, eras, grid, markers, events and their titles.

    The painter's origin is the plot's left edge at the canvas top (events are drawn
    from ``ctx.plot_top`` down). A pan layer paints this once for a wider viewport and
    moves the picture; :func:`paint_plot_overlay` adds what stays put in the window.
    """
    plot_width = ctx.width - ctx.gutter
    paint_lane_backgrounds(p, ctx, QRectF(0, ctx.plot_top, plot_width, ctx.height - ctx.plot_top))
    paint_eras(p, ctx)
    paint_grid(p, ctx)
    paint_markers(p, ctx)
    p.save()
    p.translate(0, ctx.plot_top)
    p.setClipRect(QRectF(0, 0, plot_width, ctx.height - ctx.plot_top),
                  Qt.ClipOperation.IntersectClip)
    _paint_densities(p, ctx)
    _paint_glyphs(p, ctx)
    _paint_labels(p, ctx, inside=False)
    p.restore()


def paint_marks_strip(p: QPainter, ctx: PaintContext) -> None:
    """The strip under the axis (era names, publication flags), origin at the plot's left."""
    p.save()
    p.setClipRect(QRectF(0, AXIS_HEIGHT, ctx.width - ctx.gutter, ctx.plot_top - AXIS_HEIGHT))
    p.fillRect(QRectF(0, AXIS_HEIGHT, ctx.width - ctx.gutter, ctx.plot_top - AXIS_HEIGHT),
               ctx.theme.background)
    paint_eras(p, ctx)
    paint_grid(p, ctx)
    paint_markers(p, ctx)
    p.restore()


def paint_plot_overlay(p: QPainter, ctx: PaintContext) -> None:
    """What is pinned to the window or follows the pointer: counts, rings, titles in bars.

    The painter's origin is the plot's top-left corner.
    """
    _paint_density_totals(p, ctx)
    _paint_rings(p, ctx)
    _paint_labels(p, ctx, inside=True)


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


def _paint_density_totals(p: QPainter, ctx: PaintContext) -> None:
    """How many events each aggregated lane holds in view, at the window's left edge."""
    for density in ctx.frame.densities:
        total = int(density.counts.sum())
        if not total:
            continue
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


def _paint_density_image(p: QPainter, x: npt.NDArray[np.float64],
                         heights: npt.NDArray[np.float64], bottom: float, usable: float,
                         color: QColor) -> None:
    """One lane's density bars as one image built with numpy (one draw call).

    The image has one pixel column per density column (they are two pixels wide) and
    is drawn stretched to its width, which is exact. Its pixels are made each frame in
    the painter's own format (an indexed image would be converted on every draw, a
    millisecond or two) and not kept after it (a few megabytes).
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
    pixels = np.greater_equal(centres[:, None], limit[None, :]).astype(np.uint32)
    alpha = color.alpha()
    pixels *= np.uint32((alpha << 24) | ((color.red() * alpha // 255) << 16)
                        | ((color.green() * alpha // 255) << 8) | (color.blue() * alpha // 255))
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
    lane_list = g.lane.tolist()
    x0s, x1s, xss, xes = g.x0.tolist(), g.x1.tolist(), g.xs.tolist(), g.xe.tolist()
    ys, los, his = g.y.tolist(), g.lo.tolist(), g.hi.tolist()
    colors = [ctx.theme.category(lane.color) for lane in lanes]
    small_key = ctx.theme.small_font.key()
    solid_brush: tuple[int, int] | None = None
    for k in range(len(g)):
        alpha = alphas[k]
        color = colors[lane_list[k]]
        y = ys[k]
        if counts[k] > 1:
            if raster:
                draw_sprite(p, cluster_sprite(ctx.theme, small_key, counts[k], color, alpha,
                                                ratio), (los[k] + his[k]) / 2, y)
            else:
                paint_cluster(p, ctx.theme, los[k], his[k], y, counts[k], color, alpha)
            solid_brush = None
            continue
        kind, flags = kinds[k], flag_list[k]
        x0, x1 = x0s[k], x1s[k]
        if kind == MARKER:
            if raster:
                draw_sprite(p, marker_sprite(color, alpha, flags, ratio), (x0 + x1) / 2, y)
            else:
                paint_marker(p, (x0 + x1) / 2, y, color, alpha, flags, hollow=False)
        elif kind == BAR and raster and not is_fuzzy_bar(flags, x0, xss[k], xes[k], x1):
            # A plain range is one solid rounded bar: set the brush once per colour.
            key = (lane_list[k], alpha)
            if solid_brush != key:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(with_alpha(color, alpha))
                solid_brush = key
            p.drawRoundedRect(QRectF(x0, y - height / 2, max(MIN_BAND, x1 - x0), height), 3, 3)
            continue
        elif kind == BAND:
            paint_band(p, x0, max(x1, x0 + MIN_BAND), y, height, color, alpha, flags)
        elif kind == BAR and raster:
            paint_bar_cached(p, x0, xss[k], xes[k], x1, y, height, color, alpha, flags)
        elif kind == BAR:
            paint_bar(p, x0, xss[k], xes[k], x1, y, height, color, alpha, flags)
        else:
            paint_whisker(p, x0, x1, y, height, color, alpha, flags)
        solid_brush = None


def _paint_rings(p: QPainter, ctx: PaintContext) -> None:
    """Rings around the selected glyphs and the one under the pointer."""
    g = ctx.frame.glyphs
    ringed = np.flatnonzero(np.isin(g.index, list(ctx.selected))).tolist() \
        if ctx.selected and len(g) else []
    if 0 <= ctx.hovered_glyph < len(g) and ctx.hovered_glyph not in ringed:
        ringed.append(ctx.hovered_glyph)
    if not ringed:
        return
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    height = _bar_height(ctx)
    for k in ringed:
        index = int(g.index[k])
        _paint_selection_ring(p, ctx, float(g.lo[k]), float(g.hi[k]), float(g.y[k]), height,
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


def _paint_labels(p: QPainter, ctx: PaintContext, inside: bool) -> None:
    """The titles beside glyphs, or (``inside``) those inside their bars."""
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
    labels = [label for label in ctx.frame.labels if label.inside == inside]
    alphas = _alphas(ctx, g.index[[label.glyph for label in labels]]) if labels else []
    for label, alpha in zip(labels, alphas):
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
    if not has_sprite(key):
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
        return make_sprite(width + 4, line, ratio, draw), 0.0, 0.0

    return cached_sprite(key, make)
