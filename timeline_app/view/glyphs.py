"""One event's glyph: markers, bands, bars, whiskers and clusters, and their cached sprites."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QGradient,
    QLinearGradient,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QRadialGradient,
)

from timeline_app.core import columns as col
from timeline_app.core.frame import (
    MARKER_SIZE,
    MIN_BAND,
)
from timeline_app.view.theme import Theme


def is_fuzzy_bar(flags: int, x0: float, xs: float, xe: float, x1: float) -> bool:
    """Whether a range needs its gradient (uncertain ends, or ongoing)."""
    return bool(flags & col.ONGOING) or xs - x0 > 2 or x1 - xe > 2


#: Rendered glyph sprites and label images, by everything that decides their pixels.
_SPRITES: OrderedDict[tuple[object, ...], tuple[QPixmap, float, float]] = OrderedDict()


_SPRITE_LIMIT = 1_500


def has_sprite(key: tuple[object, ...]) -> bool:
    """Whether a sprite is already rendered and kept."""
    return key in _SPRITES


def cached_sprite(key: tuple[object, ...], make: Callable[[], tuple[QPixmap, float, float]]
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


def make_sprite(width: float, height: float, ratio: float, draw: Callable[[QPainter], None]
            ) -> QPixmap:
    pixmap = QPixmap(max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    draw(painter)
    painter.end()
    return pixmap


def draw_sprite(p: QPainter, sprite: tuple[QPixmap, float, float], x: float, y: float) -> None:
    """Draw a sprite whose anchor (its glyph's centre) goes to (x, y), on whole pixels."""
    pixmap, dx, dy = sprite
    p.drawPixmap(QPointF(round(x - dx), round(y - dy)), pixmap)


def marker_sprite(color: QColor, alpha: int, flags: int, ratio: float
                   ) -> tuple[QPixmap, float, float]:
    soft = flags & (col.APPROXIMATE | col.UNCERTAIN)
    size = MARKER_SIZE + 10
    half = size / 2

    def make() -> tuple[QPixmap, float, float]:
        return make_sprite(size, size, ratio, lambda q: paint_marker(
            q, half, half, color, alpha, soft, hollow=False)), half, half

    return cached_sprite(("marker", color.rgba(), alpha, soft, ratio), make)


def cluster_sprite(theme: Theme, font_key: str, count: int, color: QColor, alpha: int,
                    ratio: float) -> tuple[QPixmap, float, float]:
    def make() -> tuple[QPixmap, float, float]:
        text = f"+{count}"
        width = max(MARKER_SIZE + 6, small_metrics(theme).horizontalAdvance(text) + 10) + 4
        height = 20.0
        return make_sprite(width, height, ratio, lambda q: paint_cluster(
            q, theme, width / 2, width / 2, height / 2, count, color, alpha)), width / 2, \
            height / 2

    return cached_sprite(("cluster", count, color.rgba(), alpha, font_key, theme.dark, ratio), make)


_METRICS: dict[str, QFontMetricsF] = {}


def small_metrics(theme: Theme) -> QFontMetricsF:
    key = theme.small_font.key()
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = QFontMetricsF(theme.small_font)
    return found


def with_alpha(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(round(color.alpha() * alpha / 255))
    return result


def paint_marker(p: QPainter, x: float, y: float, color: QColor, alpha: int, flags: int,
                  hollow: bool) -> None:
    radius = MARKER_SIZE / 2 - 0.5
    soft = flags & (col.APPROXIMATE | col.UNCERTAIN)
    if soft:
        gradient = QRadialGradient(QPointF(x, y), radius + 3)
        gradient.setColorAt(0.0, with_alpha(color, alpha))
        gradient.setColorAt(0.55, with_alpha(color, alpha))
        gradient.setColorAt(1.0, with_alpha(color, 0))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(gradient))
        p.drawEllipse(QPointF(x, y), radius + 3, radius + 3)
        return
    p.setPen(QPen(with_alpha(color.darker(140), alpha), 1.4))
    fill = QColor(255, 255, 255) if hollow else color
    p.setBrush(with_alpha(fill, alpha))
    p.drawEllipse(QPointF(x, y), radius, radius)


def fade_brush(left: float, right: float, color: QColor, alpha: int, fade_in: bool,
                fade_out: bool) -> QBrush:
    gradient = QLinearGradient(QPointF(left, 0), QPointF(right, 0))
    solid = with_alpha(color, alpha)
    clear = with_alpha(color, 0)
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
        p.setBrush(fade_brush(rect.left(), rect.right(), fill, alpha, True, True))
        p.drawRoundedRect(rect, 3, 3)
        return
    p.setPen(QPen(with_alpha(color.darker(125), alpha), 1))
    p.setBrush(with_alpha(fill, alpha))
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
    solid, clear = with_alpha(color, alpha), with_alpha(color, 0)
    start_stop = min(0.95, max(0.0, (xs - x0) / width)) if fuzzy_start else 0.0
    end_stop = max(start_stop, min(1.0, (xe - x0) / width)) if fuzzy_end else 1.0
    gradient.setColorAt(0.0, clear if fuzzy_start else solid)
    gradient.setColorAt(start_stop, solid)
    gradient.setColorAt(end_stop, solid)
    gradient.setColorAt(1.0, with_alpha(color, alpha // 6) if fuzzy_end else solid)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(rect, 3, 3)
    if ongoing:
        tip = QPolygonF([QPointF(x1 + 7, y), QPointF(x1, y - height / 2 - 1),
                         QPointF(x1, y + height / 2 + 1)])
        p.setBrush(with_alpha(color, alpha // 2))
        p.drawPolygon(tip)


_BRUSHES: OrderedDict[tuple[object, ...], QBrush] = OrderedDict()


def paint_bar_cached(p: QPainter, x0: float, xs: float, xe: float, x1: float, y: float,
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
        solid, clear = with_alpha(color, alpha), with_alpha(color, 0)
        gradient.setColorAt(0.0, clear if fuzzy_start else solid)
        gradient.setColorAt(key[4] / 512, solid)
        gradient.setColorAt(key[5] / 512, solid)
        gradient.setColorAt(1.0, with_alpha(color, alpha // 6) if fuzzy_end else solid)
        brush = _BRUSHES[key] = QBrush(gradient)
        if len(_BRUSHES) > 2_000:
            _BRUSHES.popitem(last=False)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(brush)
    p.drawRoundedRect(QRectF(x0, y - height / 2, width, height), 3, 3)
    if ongoing:
        tip = QPolygonF([QPointF(x1 + 7, y), QPointF(x1, y - height / 2 - 1),
                         QPointF(x1, y + height / 2 + 1)])
        p.setBrush(with_alpha(color, alpha // 2))
        p.drawPolygon(tip)


def paint_whisker(p: QPainter, x0: float, x1: float, y: float, height: float, color: QColor,
                   alpha: int, flags: int) -> None:
    line = with_alpha(color.darker(115), alpha)
    open_start = bool(flags & col.OPEN_START)
    if x1 - x0 > MARKER_SIZE:
        if open_start:
            # A thin filled bar rather than a gradient pen: SVG keeps only a pen's colour.
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fade_brush(x0, x1, color.darker(115), alpha, True, False))
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
    p.setBrush(with_alpha(fill, alpha))
    p.drawPolygon(diamond)


def paint_cluster(p: QPainter, theme: Theme, lo: float, hi: float, y: float, count: int,
                  color: QColor, alpha: int) -> None:
    text = f"+{count}"
    width = max(MARKER_SIZE + 6, small_metrics(theme).horizontalAdvance(text) + 10)
    center = (lo + hi) / 2
    rect = QRectF(center - width / 2, y - 8, width, 16)
    p.setPen(QPen(with_alpha(color.darker(140), alpha), 1))
    p.setBrush(with_alpha(color, alpha))
    p.drawRoundedRect(rect, 8, 8)
    p.setFont(theme.small_font)
    p.setPen(QColor(255, 255, 255, alpha) if color.lightness() < 170 else QColor(0, 0, 0, alpha))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
