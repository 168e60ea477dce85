"""The chronology canvas: one widget painted with QPainter from a viewport value.

Layout is pure and cached (scene per data change, frame per view change); painting
is stateless (:mod:`timeline_app.view.painter`). This class only keeps the view state
(viewport, vertical scroll, collapsed lanes, hover) and turns input into new viewports.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QWidget

from timeline_app.core.axis import Axis, Level, choose_axis, grid_axis
from timeline_app.core.columns import EventColumns, Events, build_columns
from timeline_app.core.describe import day_text
from timeline_app.core.frame import Frame, build_frame
from timeline_app.core.history import History
from timeline_app.core.model import Timeline
from timeline_app.core.pan import shifted
from timeline_app.core.scene import Scene, VerticalLayout, vertical_layout
from timeline_app.core.search import IdSet, emphasis_mask
from timeline_app.core.viewport import Viewport, interpolate
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas_input import CanvasInput
from timeline_app.view.gestures import EditGesture, RangeGesture
from timeline_app.view.hovercard import HoverCard
from timeline_app.view.painter import (
    AXIS_HEIGHT,
    MARKS_HEIGHT,
    EraBand,
    Marker,
    PaintContext,
    gutter_width,
    paint_canvas,
)
from timeline_app.view.pan_layer import (
    PanLayer,
    PanLayers,
    new_pixmap,
    paint_from_layer,
    paint_layer,
)
from timeline_app.view.theme import Theme, measure_for, theme_from_palette

ANIMATION_MS = 250
SETTLE_MS = 600  # after this pause in wheeling or dragging, the view enters the history


class ChronologyCanvas(QWidget):
    """Zoomable, pannable chronology of a timeline's events."""

    viewportChanged = Signal(object)
    eventClicked = Signal(str)
    eventActivated = Signal(str)
    hoverChanged = Signal(str)
    animationFinished = Signal()
    framePainted = Signal()
    #: An event was dragged: (event id, "move" | "start" | "end", seconds).
    eventDragged = Signal(str, str, int)
    #: The user asked for the context menu over an event ("" over empty space).
    contextMenuRequested = Signal(str, QPoint)

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(400, 200)
        self.setAccessibleName("Chronology canvas")
        self.setAccessibleDescription(
            "Events in time. Tab and Shift+Tab move between events; plus and minus zoom; "
            "arrows pan; F fits everything.")
        self.selection = selection
        selection.changed.connect(self._on_selection_changed)
        self._theme: Theme = theme_from_palette(self.palette(), self.font())
        self._gutter = gutter_width([], self._theme)
        self._scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._scrollbar.valueChanged.connect(self._on_scrollbar)
        self._scrollbar.hide()
        self._timeline = Timeline("")
        self._scene = Scene.build(build_columns(self._timeline))
        self._collapsed: frozenset[int] = frozenset()
        self._layout: VerticalLayout | None = None
        self._viewport = Viewport.showing(0, 86_400 * 365, max(1, self._plot_width()))
        self._scroll = 0.0
        self._frame: Frame | None = None
        self._frame_key: tuple[object, ...] = ()
        self._axis: Axis | None = None
        self._axis_level: Level | None = None
        self._emphasis: IdSet | None = None
        #: Whether events can be dragged to new dates.
        self.editable = True
        #: Given (event id, part, seconds), where the event would land: (start, end, words).
        self.drag_preview: Callable[[str, str, int], tuple[int, int, str] | None] | None = None
        self._needs_fit = True
        self._eras: tuple[EraBand, ...] = ()
        self._markers: tuple[Marker, ...] = ()
        self.history: History[Viewport] = History()
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(ANIMATION_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._animation.finished.connect(self.animationFinished.emit)
        self._animation_from = self._viewport
        self._animation_to = self._viewport
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(lambda: self.history.visit(self._viewport))
        self._input = CanvasInput(self)
        #: While the view pans, a picture wider than the window is moved, not repainted.
        self.pan_layers = PanLayers(self)
        self.pan_layers.released.connect(self._relayout_frame)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)

    # ----------------------------------------------------------------------------- data

    @property
    def timeline(self) -> Timeline:
        """The timeline whose events are drawn."""
        return self._timeline

    @property
    def scene(self) -> Scene:
        """The current scene (lanes and stacked rows)."""
        return self._scene

    @property
    def columns(self) -> EventColumns:
        """The drawn events as columns."""
        return self._scene.columns

    def set_timeline(self, timeline: Timeline, events: Events | None = None) -> None:
        """Show ``events`` (default: all) of ``timeline``; the view stays where it is."""
        self.set_scene(timeline, Scene.build(build_columns(timeline, events)))

    def set_scene(self, timeline: Timeline, scene: Scene) -> None:
        """Show a prepared scene (large datasets build it off the GUI thread)."""
        first = not len(self._scene.columns) and not self._timeline.events
        self._timeline = timeline
        self._scene = scene
        self._eras = era_bands(timeline)
        self._markers = publication_markers(timeline)
        self._gutter = gutter_width([lane.name for lane in scene.columns.lanes], self._theme)
        self._relayout()
        if first:
            self._needs_fit = True
            if self._plot_width() > 1 and self.isVisible():
                self.fit_all(animate=False)

    def set_emphasis(self, event_ids: IdSet | None) -> None:
        """Show only these events at full strength (search matches); None shows all."""
        if event_ids != self._emphasis:
            self._emphasis = event_ids
            self.update()

    # ----------------------------------------------------------------------------- view

    @property
    def viewport(self) -> Viewport:
        """The current viewport (plot-area coordinates: x = 0 at the gutter's edge)."""
        return self._viewport

    @property
    def plot_left(self) -> float:
        """Widget x of the plot area's left edge."""
        return self._gutter

    @property
    def plot_top(self) -> float:
        """Widget y of the first lane."""
        return AXIS_HEIGHT + MARKS_HEIGHT

    def _plot_width(self) -> int:
        scrollbar = self._scrollbar.width() if self._scrollbar.isVisible() else 0
        return max(1, int(self.width() - self._gutter - scrollbar))

    def set_viewport(self, viewport: Viewport, animate: bool = False,
                     duration_ms: int | None = None) -> None:
        """Show ``viewport``; an animated move is remembered in the history.

        ``duration_ms`` lengthens one animation (presentations move slower than browsing).
        """
        viewport = viewport.resized(self._plot_width()) if viewport.width != self._plot_width() \
            else viewport
        if animate:
            self.history.visit(self._viewport)
            self.history.visit(viewport)
            self._animate_to(viewport, duration_ms)
            return
        self._animation.stop()
        self._apply_viewport(viewport)

    def _apply_viewport(self, viewport: Viewport) -> None:
        if viewport == self._viewport:
            return
        self._viewport = viewport
        self.update()
        self.viewportChanged.emit(viewport)

    def _animate_to(self, target: Viewport, duration_ms: int | None = None) -> None:
        self._animation.stop()
        self._animation.setDuration(ANIMATION_MS if duration_ms is None else duration_ms)
        self._animation_from = self._viewport
        self._animation_to = target
        self._animation.start()

    def _on_animation_step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        self._apply_viewport(interpolate(self._animation_from, self._animation_to, t))

    def is_animating(self) -> bool:
        """Whether a programmatic move is under way."""
        return self._animation.state() == QVariantAnimation.State.Running

    def animation_target(self) -> Viewport:
        """Where the current (or last) animation goes."""
        return self._animation_to

    def data_extent(self) -> tuple[int, int] | None:
        """First and last instant of everything drawn (events, eras, publications)."""
        points: list[int] = []
        if self.columns.extent:
            points += list(self.columns.extent)
        for era in self._eras:
            points += [era.start, era.end]
        for marker in self._markers:
            points.append(marker.instant)
        return (min(points), max(points)) if points else None

    def fit_all(self, animate: bool = True) -> None:
        """Frame everything with a margin."""
        extent = self.data_extent()
        self._needs_fit = False
        if extent is None:
            return
        target = Viewport.showing(0, 1, self._plot_width()).fitted(*extent)
        if not animate:
            self.history.visit(target)
        self.set_viewport(target, animate)

    def zoom_by(self, factor: float, anchor_x: float | None = None, animate: bool = False) -> None:
        """Zoom by ``factor`` around plot x ``anchor_x`` (default: the middle)."""
        anchor = self._viewport.width / 2 if anchor_x is None else anchor_x
        target = self._viewport.zoomed(factor, anchor)
        if animate:
            self.set_viewport(target, True)
        else:
            self._animation.stop()
            self._apply_viewport(target)
            self._settle.start()

    def pan_by(self, dx: float) -> None:
        """Move the content right by ``dx`` pixels."""
        self._animation.stop()
        self._apply_viewport(self._viewport.panned(dx))
        self._settle.start()

    def back(self) -> None:
        """Return to the previous view (Alt+Left)."""
        self._settle.stop()
        if self.history.current() != self._viewport and not self.is_animating():
            self.history.visit(self._viewport)
        target = self.history.back()
        if target is not None:
            self._animate_to(target.resized(self._plot_width()))

    def forward(self) -> None:
        """Go forward again after going back (Alt+Right)."""
        target = self.history.forward()
        if target is not None:
            self._animate_to(target.resized(self._plot_width()))

    def event_window(self, event_id: str) -> tuple[int, int] | None:
        """The drawn window of an event."""
        row = self.columns.row_of_id.get(event_id)
        if row is None:
            return None
        return int(self.columns.earliest[row]), int(self.columns.latest[row])

    def bring_into_view(self, event_id: str, animate: bool = True) -> None:
        """Pan as little as needed (zooming out only if needed) to show the event comfortably."""
        window = self.event_window(event_id)
        if window is None:
            return
        start, end = window
        viewport = self._viewport
        margin = viewport.visible_seconds * 0.08
        first, last = viewport.time_at(0), viewport.time_at(viewport.width)
        if first + margin <= start and end <= last - margin:
            return
        if end - start > viewport.visible_seconds - 2 * margin:
            target = viewport.fitted(start, end)
        elif start < first + margin:
            target = viewport.panned((first + margin - start) / viewport.seconds_per_pixel)
        else:
            target = viewport.panned(-(end - (last - margin)) / viewport.seconds_per_pixel)
        self.set_viewport(target, animate)

    def zoom_to_event(self, event_id: str, animate: bool = True) -> None:
        """Frame one event (double-click, or "go to")."""
        window = self.event_window(event_id)
        if window is not None:
            self.set_viewport(self._viewport.fitted(*window, margin=0.3), animate)

    def zoom_to_selection(self) -> None:
        """Frame the selected events (Z)."""
        windows = [w for w in (self.event_window(i) for i in self.selection.ids) if w]
        if windows:
            start = min(w[0] for w in windows)
            end = max(w[1] for w in windows)
            self.set_viewport(self._viewport.fitted(start, end, margin=0.1), True)

    def select_neighbour(self, step: int) -> None:
        """Select the next (+1) or previous (−1) event in time and bring it into view."""
        ids = self.columns.ids
        if not ids:
            return
        current = self.columns.row_of_id.get(self.selection.current, -1)
        if current < 0:
            visible = self.columns.visible(self._viewport.start, self._viewport.end)
            position = int(visible[0 if step > 0 else -1]) if len(visible) else \
                (0 if step > 0 else len(ids) - 1)
        else:
            position = min(max(current + step, 0), len(ids) - 1)
        self.selection.select(ids[position])
        self.bring_into_view(ids[position])

    def go_to_end(self, last: bool) -> None:
        """Select and show the first (Home) or last (End) event."""
        ids = self.columns.ids
        if ids:
            event_id = ids[-1] if last else ids[0]
            self.selection.select(event_id)
            self.bring_into_view(event_id)

    def toggle_lane(self, lane: int) -> None:
        """Collapse or expand a lane."""
        self._collapsed = self._collapsed ^ {lane}
        self._relayout()

    def set_all_lanes_collapsed(self, collapsed: bool) -> None:
        """Collapse or expand every lane."""
        self._collapsed = frozenset(range(len(self.columns.lanes))) if collapsed else frozenset()
        self._relayout()

    @property
    def collapsed_lanes(self) -> frozenset[int]:
        """Indices of collapsed lanes."""
        return self._collapsed

    # ----------------------------------------------------------------------------- layout

    def _relayout(self) -> None:
        plot_height = max(1.0, self._plot_height())
        self._layout = vertical_layout(self._scene, plot_height, self._collapsed)
        overflow = self._layout.content_height - plot_height
        self._scrollbar.setVisible(overflow > 1)
        self._scrollbar.setRange(0, max(0, math.ceil(overflow)))
        self._scrollbar.setPageStep(int(plot_height))
        self._scrollbar.setGeometry(self.width() - self._scrollbar.sizeHint().width(),
                                    int(self.plot_top), self._scrollbar.sizeHint().width(),
                                    int(plot_height))
        self._scroll = min(self._scroll, max(0.0, overflow))
        if self._viewport.width != self._plot_width():
            self._apply_viewport(self._viewport.resized(self._plot_width()))
        self._relayout_frame()

    def _relayout_frame(self) -> None:
        """Lay the current view out afresh (the next paint)."""
        self._frame_key = ()
        self.update()

    def _on_scrollbar(self, value: int) -> None:
        self._scroll = float(value)
        self.update()

    def layout_now(self) -> tuple[Frame, Axis, VerticalLayout]:
        """The frame, axis and vertical layout for the current state (cached)."""
        if self._layout is None:
            self._relayout()
        assert self._layout is not None
        key = (self._viewport, self._layout, self._scroll, self._priority(), self._scene)
        if key != self._frame_key or self._frame is None or self._axis is None:
            measure = measure_for(self._theme.font)
            self._axis = choose_axis(self._viewport, measure, self._axis_level)
            self._axis_level = self._axis.minor_level
            placed = self.pan_layers.place(self._layer_key(), self._viewport, self._build_layer)
            if placed is None:
                self._frame = build_frame(self._scene, self._layout, self._viewport, measure,
                                          self._scroll, self._plot_height(), self._priority())
            else:
                layer, offset = placed
                self._frame = shifted(layer.frame, offset, self._viewport, self._scene)
            self._frame_key = key
        return self._frame, self._axis, self._layout

    def _priority(self) -> tuple[int, ...]:
        """The selected events' columns: their titles are placed first."""
        rows = self.columns.row_of_id
        return tuple(sorted(rows[i] for i in self.selection.ids if i in rows))

    def _plot_height(self) -> float:
        return self.height() - self.plot_top

    def _layer_key(self) -> tuple[object, ...]:
        """What a pan layer's picture depends on, besides where the window is."""
        assert self._axis is not None
        return (self._layout, self._scroll, self._priority(), self._scene, self._emphasis,
                self._theme, self._eras, self._markers, self._gutter, self.height(),
                self.devicePixelRatioF(), self._axis.minor_level, self._axis.major_level)

    def _build_layer(self, wide: Viewport) -> PanLayer:
        """Lay out and paint the plot of ``wide`` (a pan layer)."""
        assert self._layout is not None and self._axis is not None
        frame = build_frame(self._scene, self._layout, wide, measure_for(self._theme.font),
                            self._scroll, self._plot_height(), self._priority(),
                            scale=wide.width / max(1, self._viewport.width))
        axis = grid_axis(wide, self._axis.minor_level, self._axis.major_level)
        pixmap = new_pixmap(wide.width, self._plot_height(), self.devicePixelRatioF())
        paint_layer(pixmap, self._paint_context(frame, axis, wide, self._gutter + wide.width))
        return PanLayer(self._layer_key(), wide, frame, pixmap)

    # ----------------------------------------------------------------------------- painting

    def _paint_context(self, frame: Frame, axis: Axis, viewport: Viewport,
                       width: float) -> PaintContext:
        assert self._layout is not None
        rows = self.columns.row_of_id
        return PaintContext(
            theme=self._theme, width=width, height=float(self.height()), viewport=viewport,
            axis=axis, scene=self._scene, layout=self._layout, frame=frame, scroll=self._scroll,
            eras=self._eras, markers=self._markers, selected=frozenset(self._priority()),
            current=rows.get(self.selection.current, -1), hovered_glyph=self._input.hovered,
            # A large search result becomes a mask over the columns once, not per frame.
            emphasis=emphasis_mask(self.columns, self._emphasis), focus=self.hasFocus(),
            collapsed=self._collapsed, gutter=self._gutter,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        frame, axis, _ = self.layout_now()
        scrollbar = self._scrollbar.width() if self._scrollbar.isVisible() else 0
        ctx = self._paint_context(frame, axis, self._viewport, float(self.width() - scrollbar))
        painter = QPainter(self)
        if scrollbar:
            painter.fillRect(QRectF(ctx.width, 0, scrollbar, ctx.height), self._theme.gutter)
        placed = self.pan_layers.covering(self._layer_key(), self._viewport)
        if placed is None:
            paint_canvas(painter, ctx)
        else:
            paint_from_layer(painter, ctx, *placed)
        gesture = self._input.gesture
        if isinstance(gesture, RangeGesture):
            left, right = gesture.span()
            band = QColor(self._theme.highlight)
            band.setAlpha(60)
            painter.fillRect(QRectF(self._gutter + left, AXIS_HEIGHT, right - left,
                                    self.height() - AXIS_HEIGHT), band)
        if isinstance(gesture, EditGesture) and gesture.moved:
            self._paint_drag_ghost(painter, gesture)
        painter.end()
        self.framePainted.emit()

    def _paint_drag_ghost(self, painter: QPainter, gesture: EditGesture) -> None:
        """Where the dragged event would land, snapped to whole units, and its new date."""
        preview = self.drag_preview(gesture.event_id, gesture.part,
                                    gesture.seconds(self._viewport)) if self.drag_preview else None
        if preview is None:
            return
        start, end, words = preview
        left = self._gutter + self._viewport.x_of(start)
        right = self._gutter + max(self._viewport.x_of(end), self._viewport.x_of(start) + 4)
        y = self.plot_top + gesture.row_y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self._theme.highlight, 2, Qt.PenStyle.DashLine))
        fill = QColor(self._theme.highlight)
        fill.setAlpha(50)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(left, y - 9, right - left, 18), 4, 4)
        painter.setPen(self._theme.text)
        painter.setFont(self._theme.bold_font)
        painter.drawText(QPointF(max(left, self._gutter + 4), y - 13), words)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.ApplicationPaletteChange):
            self._theme = theme_from_palette(self.palette(), self.font())
            self._relayout_frame()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        if self._needs_fit and self.columns.extent is not None:
            self.fit_all(animate=False)
        super().resizeEvent(event)

    # ----------------------------------------------------------------------------- input
    # Every input event goes to :class:`CanvasInput`, which turns it into the moves above.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._input.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._input.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._input.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._input.double_click(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._input.context_menu(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._input.leave()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._input.wheel(event)

    def event(self, event: QEvent) -> bool:
        # Qt sends events (a child added...) while __init__ is still building the input.
        handler: CanvasInput | None = getattr(self, "_input", None)
        if handler is not None and handler.intercept(event):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._input.key(event):
            super().keyPressEvent(event)

    @property
    def hover_card(self) -> HoverCard:
        """The card shown over the hovered event."""
        return self._input.card

    def plot_point(self, pos: QPointF | QPoint) -> tuple[float, float]:
        """A widget position in plot coordinates."""
        return pos.x() - self._gutter, pos.y() - self.plot_top

    def glyph_at(self, pos: QPointF | QPoint) -> int:
        """The glyph under a widget position, or −1."""
        x, y = self.plot_point(pos)
        if x < 0 or y < 0:
            return -1
        frame, _, _ = self.layout_now()
        hit = frame.hit(x, y)
        return -1 if hit is None else hit

    def events_at_glyph(self, glyph: int) -> list[str]:
        """The events a glyph stands for (several for a cluster)."""
        frame, _, _ = self.layout_now()
        return frame.events_of(glyph, self.columns)

    def stop_animation(self) -> None:
        """Stop a programmatic move where it is (the user took over)."""
        self._animation.stop()

    def settle_later(self) -> None:
        """Enter the view into the history once the user pauses."""
        self._settle.start()

    @property
    def lane_scroll(self) -> float:
        """How far the lanes are scrolled down, in pixels."""
        return self._scroll

    def scroll_to(self, value: float) -> None:
        """Scroll the lanes (clamped to what there is to scroll)."""
        if not self._scrollbar.isVisible():
            self._scroll = 0.0
            return
        self._scrollbar.setValue(int(min(max(0.0, value), float(self._scrollbar.maximum()))))

    def can_scroll(self) -> bool:
        """Whether the lanes are taller than the canvas."""
        return self._scrollbar.isVisible()

    def _on_selection_changed(self, ids: frozenset[str], current: str) -> None:
        self._relayout_frame()
        if current and not self.underMouse():
            self.bring_into_view(current)

    def visible_event_ids(self) -> list[str]:
        """Ids of events within the current view (for the status bar and tests)."""
        positions = self.columns.visible(self._viewport.start, self._viewport.end)
        return [self.columns.ids[int(i)] for i in np.asarray(positions).tolist()]


def era_bands(timeline: Timeline) -> tuple[EraBand, ...]:
    """The timeline's eras as background bands (exported pictures draw the same)."""
    return tuple(
        EraBand(e.start.earliest, e.end.latest if e.end.latest is not None
                else e.start.latest or e.start.earliest, e.name, e.color)
        for e in timeline.eras if e.start.earliest is not None
    )


def publication_markers(timeline: Timeline) -> tuple[Marker, ...]:
    """A flag at each source's publication date (exported pictures draw the same)."""
    markers = []
    for source in timeline.sources:
        date = source.published.date if source.published else None
        if date is None or date.earliest is None or date.latest is None:
            continue
        name = f"“{source.title[:22]}…” " if len(timeline.sources) > 1 else ""
        label = f"{name}Published {day_text(date.earliest)}"
        markers.append(Marker((date.earliest + date.latest) // 2, label))
    return tuple(markers)
