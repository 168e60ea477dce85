"""The overview strip: the whole timeline's density per lane and the visible window."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QWidget

from timeline_app.core.scene import Scene
from timeline_app.core.viewport import Viewport
from timeline_app.view.painter import GUTTER_WIDTH
from timeline_app.view.theme import theme_from_palette

HEIGHT = 58
COLUMN = 2  # pixels per density column


class Overview(QWidget):
    """Shows everything at once; drag the window rectangle or click to move the canvas."""

    #: Emitted with the viewport the canvas should show.
    viewportRequested = Signal(object)
    #: Emitted with a zoom factor and an instant (wheel over the strip).
    zoomRequested = Signal(float, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(HEIGHT)
        self.setMouseTracking(True)
        self.setAccessibleName("Overview")
        self.setAccessibleDescription("The whole timeline; the rectangle is the visible part.")
        self._scene: Scene | None = None
        self._extent: tuple[int, int] | None = None
        self._overall: Viewport | None = None
        self._visible: Viewport | None = None
        self._profiles: list[npt.NDArray[np.float64]] = []
        self._drag_offset: float | None = None
        self._gutter = GUTTER_WIDTH

    def set_gutter(self, width: float) -> None:
        """Align the strip with the canvas's plot area."""
        if width != self._gutter:
            self._gutter = width
            self._recompute()

    def sizeHint(self) -> QSize:
        return QSize(800, HEIGHT)

    def set_scene(self, scene: Scene, extent: tuple[int, int] | None) -> None:
        """Show a scene; ``extent`` is the span to cover (the canvas's data extent)."""
        self._scene = scene
        self._extent = extent
        self._recompute()

    def set_visible(self, viewport: Viewport) -> None:
        """Track the canvas's viewport."""
        self._visible = viewport
        self.update()

    def _strip_width(self) -> int:
        return max(1, int(self.width() - self._gutter))

    def _recompute(self) -> None:
        self._profiles = []
        if self._scene is None or self._extent is None:
            self._overall = None
            self.update()
            return
        self._overall = Viewport.showing(0, 1, self._strip_width()).fitted(*self._extent, 0.02)
        overall = self._overall
        columns = max(1, overall.width // COLUMN)
        x = np.arange(columns + 1, dtype=np.float64) * COLUMN
        edges = np.int64(overall.origin) + np.floor(
            x * overall.seconds_per_pixel + overall.phase).astype(np.int64)
        for index in self._scene.lane_index:
            counts = index.column_counts(edges).astype(np.float64)
            peak = counts.max() if len(counts) else 0.0
            self._profiles.append(np.log1p(counts) / np.log1p(peak) if peak else counts)
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._recompute()

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = theme_from_palette(self.palette(), self.font())
        p = QPainter(self)
        p.fillRect(self.rect(), theme.gutter)
        p.setPen(QPen(theme.grid, 1))
        p.drawLine(QPointF(0, 0.5), QPointF(self.width(), 0.5))
        p.setPen(theme.muted)
        p.setFont(theme.small_font)
        p.drawText(QRectF(10, 0, self._gutter - 14, HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                   "Overview")
        if self._scene is not None and self._overall is not None:
            self._paint_profiles(p, theme.category)
            self._paint_window(p, theme.highlight, theme.text)
        p.end()

    def _paint_profiles(self, p: QPainter, color_of: object) -> None:
        assert self._scene is not None
        lanes = self._scene.columns.lanes
        active = [i for i, profile in enumerate(self._profiles) if len(profile) and profile.max()]
        if not active:
            return
        band = (HEIGHT - 8) / len(active)
        p.setPen(Qt.PenStyle.NoPen)
        for n, lane in enumerate(active):
            bottom = 4 + band * (n + 1)
            color = color_of(lanes[lane].color, 210)  # type: ignore[operator]
            p.setBrush(color)
            heights = self._profiles[lane] * (band - 1)
            rects = [QRectF(self._gutter + i * COLUMN, bottom - h, COLUMN, h)
                     for i, h in enumerate(heights.tolist()) if h > 0]
            p.drawRects(rects)

    def _window_rect(self) -> QRectF | None:
        if self._overall is None or self._visible is None:
            return None
        x0 = self._overall.x_of(self._visible.start)
        x1 = self._overall.x_of(self._visible.end)
        x0, x1 = max(x0, -2.0), min(x1, self._strip_width() + 2.0)
        width = max(6.0, x1 - x0)
        return QRectF(self._gutter + x0, 2, width, HEIGHT - 4)

    def _paint_window(self, p: QPainter, highlight: QColor, text: QColor) -> None:
        rect = self._window_rect()
        if rect is None:
            return
        fill = QColor(highlight)
        fill.setAlpha(22)
        p.setBrush(fill)
        p.setPen(QPen(highlight, 1.5))
        p.drawRoundedRect(rect, 3, 3)

    # -- input -----------------------------------------------------------------------

    def _instant_at(self, x: float) -> int | None:
        if self._overall is None:
            return None
        return self._overall.time_at(x - self._gutter)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        rect = self._window_rect()
        x = event.position().x()
        if rect is not None and rect.left() <= x <= rect.right():
            self._drag_offset = x - rect.center().x()
            return
        self._drag_offset = 0.0
        self._move_center_to(x)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._move_center_to(event.position().x() - self._drag_offset)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_offset = None

    def _move_center_to(self, x: float) -> None:
        instant = self._instant_at(x)
        if instant is not None and self._visible is not None:
            self.viewportRequested.emit(self._visible.centered_on(instant))

    def wheelEvent(self, event: QWheelEvent) -> None:
        instant = self._instant_at(event.position().x())
        if instant is not None and event.angleDelta().y():
            self.zoomRequested.emit(1.25 ** (event.angleDelta().y() / 120), instant)
        event.accept()
