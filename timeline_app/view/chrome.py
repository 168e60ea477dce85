"""The chronology's chrome: lane backgrounds, eras, grid, publication markers, axis, gutter."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)

from timeline_app.view.paint_context import (
    AXIS_HEIGHT,
    MARKS_HEIGHT,
    PaintContext,
)


def paint_lane_backgrounds(p: QPainter, ctx: PaintContext, plot: QRectF) -> None:
    for n, box in enumerate(ctx.layout.boxes):
        top = plot.top() + box.top - ctx.scroll
        if n % 2:
            p.fillRect(QRectF(plot.left(), top, plot.width(), box.height), ctx.theme.lane_alternate)
        p.setPen(QPen(ctx.theme.grid, 1))
        p.drawLine(QPointF(plot.left(), top + box.height), QPointF(plot.right(), top + box.height))


def paint_eras(p: QPainter, ctx: PaintContext) -> None:
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


def paint_grid(p: QPainter, ctx: PaintContext) -> None:
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


def paint_markers(p: QPainter, ctx: PaintContext) -> None:
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


def paint_axis(p: QPainter, ctx: PaintContext) -> None:
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


def paint_gutter(p: QPainter, ctx: PaintContext) -> None:
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
