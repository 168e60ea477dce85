"""The legend: what each glyph and colour means, painted with the canvas's own painters."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from timeline_app.core import columns as col
from timeline_app.core.columns import Lane
from timeline_app.view import painter as paint
from timeline_app.view.theme import Theme, theme_from_palette

ROW = 26.0
SAMPLE_WIDTH = 56.0

#: (key, explanation) for each kind of glyph, in reading order.
GLYPHS: tuple[tuple[str, str], ...] = (
    ("marker", "Known to the day"),
    ("band", "Known to the month or year"),
    ("soft", "Approximate (~) or uncertain (?)"),
    ("bar", "A range from start to end"),
    ("ongoing", "Ongoing at the source's date"),
    ("whisker", "One day within this window"),
    ("cluster", "Several events close together"),
    ("published", "A source's publication date"),
    ("era", "An era"),
)


def legend_height(lanes: Sequence[Lane]) -> float:
    """The height the legend needs for these lanes."""
    return 2 * 22 + (len(lanes) + len(GLYPHS)) * ROW + 8


def paint_legend(p: QPainter, rect: QRectF, theme: Theme, lanes: Sequence[Lane]) -> None:
    """Paint the legend into ``rect``: categories first, then glyph kinds."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    metrics = QFontMetricsF(theme.font)
    y = rect.top()
    y = _heading(p, theme, rect, y, "Categories")
    for lane in lanes:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.category(lane.color))
        p.drawRoundedRect(QRectF(rect.left() + 4, y + 6, 14, 12), 3, 3)
        p.setPen(theme.text)
        p.setFont(theme.font)
        text = metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, rect.width() - 30)
        p.drawText(QRectF(rect.left() + 26, y, rect.width() - 26, ROW),
                   Qt.AlignmentFlag.AlignVCenter, text)
        y += ROW
    y = _heading(p, theme, rect, y, "Glyphs")
    sample = QColor(lanes[0].color) if lanes else QColor("#0072B2")
    for key, text in GLYPHS:
        _sample(p, theme, key, QRectF(rect.left() + 2, y, SAMPLE_WIDTH, ROW), sample)
        p.setPen(theme.text)
        p.setFont(theme.small_font)
        p.drawText(QRectF(rect.left() + SAMPLE_WIDTH + 10, y, rect.width() - SAMPLE_WIDTH - 10,
                          ROW), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, text)
        y += ROW
    p.restore()


def _heading(p: QPainter, theme: Theme, rect: QRectF, y: float, text: str) -> float:
    p.setFont(theme.bold_font)
    p.setPen(theme.text)
    p.drawText(QRectF(rect.left(), y, rect.width(), 22), Qt.AlignmentFlag.AlignVCenter, text)
    return y + 22


def _sample(p: QPainter, theme: Theme, key: str, box: QRectF, base: QColor) -> None:
    color = theme.category(base.name())
    y = box.center().y()
    left, right = box.left() + 4, box.right() - 8
    if key == "marker":
        paint.paint_marker(p, box.center().x(), y, color, 255, 0, hollow=False)
    elif key == "band":
        paint.paint_band(p, left, right, y, 12, color, 255, 0)
    elif key == "soft":
        paint.paint_band(p, left + 8, right - 8, y, 12, color, 255, col.APPROXIMATE)
    elif key == "bar":
        paint.paint_bar(p, left, left, right, right, y, 12, color, 255, col.RANGE)
    elif key == "ongoing":
        paint.paint_bar(p, left, left, right - 12, right - 8, y, 12, color, 255,
                        col.RANGE | col.ONGOING)
    elif key == "whisker":
        paint.paint_whisker(p, left, right, y, 12, color, 255, col.ONE_OF)
    elif key == "cluster":
        paint.paint_cluster(p, theme, left, right, y, 12, color, 255)
    elif key == "published":
        p.setPen(QPen(theme.text, 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(box.center().x(), box.top() + 2), QPointF(box.center().x(),
                                                                      box.bottom() - 2))
    elif key == "era":
        fill = theme.category("#E69F00", 60)
        p.fillRect(QRectF(left, box.top() + 3, right - left, box.height() - 6), fill)


class LegendWidget(QWidget):
    """The legend as a panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lanes: tuple[Lane, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Legend")

    def set_lanes(self, lanes: Sequence[Lane]) -> None:
        """Show these categories."""
        self._lanes = tuple(lanes)
        self.setFixedHeight(int(legend_height(self._lanes)) + 12)
        self.setAccessibleDescription(
            "Categories: " + ", ".join(lane.name for lane in self._lanes) + ". Glyphs: "
            + "; ".join(text for _, text in GLYPHS))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, int(legend_height(self._lanes)) + 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        theme = theme_from_palette(self.palette(), self.font())
        paint_legend(painter, QRectF(8, 6, self.width() - 16, self.height() - 12), theme,
                     self._lanes)
        painter.end()
