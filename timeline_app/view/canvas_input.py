"""The canvas's input: mouse, wheel, pinch and keys turned into moves and selections.

One gesture object per drag (pan, range zoom, or moving an event) lives here while the
button is down; the canvas only keeps the view and draws.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QWheelEvent,
)

from timeline_app.core.frame import BAR
from timeline_app.view.gestures import END_GRAB, EditGesture, PanGesture, RangeGesture
from timeline_app.view.hovercard import HoverCard

if TYPE_CHECKING:
    from timeline_app.view.canvas import ChronologyCanvas

WHEEL_STEP = 1.25  # zoom factor per wheel notch
KEY_ZOOM = 1.5
KEY_PAN = 0.1  # of the width, per arrow key press


class CanvasInput:
    """Input handling for one canvas."""

    def __init__(self, canvas: ChronologyCanvas) -> None:
        self.canvas = canvas
        self.gesture: PanGesture | RangeGesture | EditGesture | None = None
        self.hovered = -1
        self.card = HoverCard(canvas)

    def press(self, event: QMouseEvent) -> None:
        self.canvas.stop_animation()
        self.card.hide()
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if pos.x() < self.canvas.plot_left:
            self.gutter_click(pos.y())
            return
        x, y = self.canvas.plot_point(pos)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.gesture = RangeGesture(x, x)
            return
        grab = self.grab(pos) if self.canvas.editable and not event.modifiers() else None
        if grab is not None:
            self.gesture = EditGesture(grab[0], grab[1], x, grab[2], x)
        else:
            self.gesture = PanGesture(x, y, self.canvas.viewport, self.canvas.lane_scroll)

    def grab(self, pos: QPointF) -> tuple[str, str, float] | None:
        """(event id, part, row y) when ``pos`` is on a single event's glyph."""
        glyph = self.canvas.glyph_at(pos)
        if glyph < 0:
            return None
        ids = self.canvas.events_at_glyph(glyph)
        if len(ids) != 1:
            return None
        frame, _, _ = self.canvas.layout_now()
        g = frame.glyphs
        x, _ = self.canvas.plot_point(pos)
        part = "move"
        if int(g.kind[glyph]) == BAR and float(g.x1[glyph]) - float(g.x0[glyph]) > 4 * END_GRAB:
            if abs(x - float(g.x0[glyph])) <= END_GRAB:
                part = "start"
            elif abs(x - float(g.x1[glyph])) <= END_GRAB:
                part = "end"
        return ids[0], part, float(g.y[glyph])

    def move(self, event: QMouseEvent) -> None:
        pos = event.position()
        x, y = self.canvas.plot_point(pos)
        if isinstance(self.gesture, RangeGesture):
            self.gesture.update(x)
            self.canvas.update()
            return
        if isinstance(self.gesture, EditGesture):
            self.gesture.update(x)
            if self.gesture.moved:
                self.canvas.setCursor(Qt.CursorShape.SizeHorCursor if self.gesture.part != "move"
                               else Qt.CursorShape.ClosedHandCursor)
                self.card.hide()
                self.canvas.update()
            return
        if isinstance(self.gesture, PanGesture):
            viewport, scroll = self.gesture.update(x, y)
            self.canvas.scroll_to(scroll)
            self.canvas.set_viewport(viewport)
            if self.gesture.moved:
                self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        self.update_hover(pos)

    def release(self, event: QMouseEvent) -> None:
        gesture, self.gesture = self.gesture, None
        self.canvas.unsetCursor()
        if isinstance(gesture, RangeGesture):
            target = gesture.target(self.canvas.viewport)
            self.canvas.update()
            if target is not None:
                self.canvas.set_viewport(target, animate=True)
            return
        if isinstance(gesture, EditGesture):
            self.canvas.update()
            if gesture.moved:
                seconds = gesture.seconds(self.canvas.viewport)
                if seconds:
                    self.canvas.eventDragged.emit(gesture.event_id, gesture.part, seconds)
            else:
                self.click(event)
            return
        if isinstance(gesture, PanGesture):
            if gesture.moved:
                self.canvas.settle_later()
                return
            self.click(event)

    def click(self, event: QMouseEvent) -> None:
        glyph = self.canvas.glyph_at(event.position())
        if glyph < 0:
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.canvas.selection.clear()
            return
        ids = self.canvas.events_at_glyph(glyph)
        if len(ids) > 1:
            self.zoom_to_ids(ids)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.canvas.selection.toggle(ids[0])
        else:
            self.canvas.selection.select(ids[0])
        self.canvas.eventClicked.emit(ids[0])

    def zoom_to_ids(self, ids: list[str]) -> None:
        windows = [w for w in (self.canvas.event_window(i) for i in ids) if w]
        if windows:
            start, end = min(w[0] for w in windows), max(w[1] for w in windows)
            self.canvas.set_viewport(self.canvas.viewport.fitted(start, end, margin=0.2), True)

    def double_click(self, event: QMouseEvent) -> None:
        if event.position().x() < self.canvas.plot_left:
            return
        glyph = self.canvas.glyph_at(event.position())
        if glyph >= 0:
            ids = self.canvas.events_at_glyph(glyph)
            if len(ids) == 1:
                self.canvas.zoom_to_event(ids[0])
                self.canvas.eventActivated.emit(ids[0])
            return
        x, _ = self.canvas.plot_point(event.position())
        self.canvas.set_viewport(self.canvas.viewport.zoomed(2.0, x), animate=True)

    def gutter_click(self, y: float) -> None:
        _, _, layout = self.canvas.layout_now()
        box = layout.lane_at(y - self.canvas.plot_top + self.canvas.lane_scroll)
        if box is not None:
            self.canvas.toggle_lane(box.lane)

    def update_hover(self, pos: QPointF) -> None:
        glyph = self.canvas.glyph_at(pos)
        if glyph == self.hovered:
            return
        self.hovered = glyph
        self.canvas.update()
        if glyph < 0:
            self.card.hide()
            self.canvas.hoverChanged.emit("")
            self.canvas.unsetCursor()
            return
        ids = self.canvas.events_at_glyph(glyph)
        grab = self.grab(pos) if self.canvas.editable else None
        self.canvas.setCursor(Qt.CursorShape.SizeHorCursor if grab and grab[1] != "move"
                       else Qt.CursorShape.PointingHandCursor)
        self.card.show_event(self.canvas.timeline, ids, pos.toPoint())
        self.canvas.hoverChanged.emit(ids[0])

    def context_menu(self, event: QContextMenuEvent) -> None:
        glyph = self.canvas.glyph_at(event.pos())
        ids = self.canvas.events_at_glyph(glyph) if glyph >= 0 else []
        if len(ids) == 1 and ids[0] not in self.canvas.selection.ids:
            self.canvas.selection.select(ids[0])
        self.canvas.contextMenuRequested.emit(ids[0] if len(ids) == 1 else "", event.globalPos())

    def leave(self) -> None:
        self.hovered = -1
        self.card.hide()
        self.canvas.update()

    def wheel(self, event: QWheelEvent) -> None:
        self.canvas.stop_animation()
        self.card.hide()
        x, _ = self.canvas.plot_point(event.position())
        pixel, angle = event.pixelDelta(), event.angleDelta()
        if event.position().x() < self.canvas.plot_left and self.canvas.can_scroll():
            self.canvas.scroll_to(self.canvas.lane_scroll - angle.y() / 2)
            return
        if not pixel.isNull():
            # Trackpads: horizontal motion pans, vertical motion zooms.
            if abs(pixel.x()) > abs(pixel.y()):
                self.canvas.pan_by(pixel.x())
            else:
                self.canvas.zoom_by(math.exp(pixel.y() * 0.004), x)
        elif angle.x() and not angle.y():
            self.canvas.pan_by(angle.x() / 120 * self.canvas.viewport.width * KEY_PAN)
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.canvas.pan_by(angle.y() / 120 * self.canvas.viewport.width * KEY_PAN)
        elif angle.y():
            self.canvas.zoom_by(WHEEL_STEP ** (angle.y() / 120), x)
        event.accept()

    def intercept(self, event: QEvent) -> bool:
        """Pinch gestures, and Tab before Qt moves the focus away; True when handled."""
        if event.type() == QEvent.Type.NativeGesture:
            gesture = event
            assert isinstance(gesture, QNativeGestureEvent)
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                x, _ = self.canvas.plot_point(gesture.position())
                self.canvas.zoom_by(1.0 + gesture.value(), x)
                return True
        if event.type() == QEvent.Type.KeyPress:
            key_event = event
            assert isinstance(key_event, QKeyEvent)
            if key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                    key_event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)):
                backwards = key_event.key() == Qt.Key.Key_Backtab or bool(
                    key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.canvas.select_neighbour(-1 if backwards else 1)
                return True
        return False

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key on the canvas; False for keys it does not use."""
        key, modifiers = event.key(), event.modifiers()
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        if alt and key == Qt.Key.Key_Left:
            self.canvas.back()
        elif alt and key == Qt.Key.Key_Right:
            self.canvas.forward()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.zoom_by(KEY_ZOOM, animate=True)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.canvas.zoom_by(1 / KEY_ZOOM, animate=True)
        elif key == Qt.Key.Key_Left:
            self.canvas.pan_by(self.canvas.viewport.width * KEY_PAN)
        elif key == Qt.Key.Key_Right:
            self.canvas.pan_by(-self.canvas.viewport.width * KEY_PAN)
        elif key == Qt.Key.Key_Up and self.canvas.can_scroll():
            self.canvas.scroll_to(self.canvas.lane_scroll - 40)
        elif key == Qt.Key.Key_Down and self.canvas.can_scroll():
            self.canvas.scroll_to(self.canvas.lane_scroll + 40)
        elif key == Qt.Key.Key_Home:
            self.canvas.go_to_end(last=False)
        elif key == Qt.Key.Key_End:
            self.canvas.go_to_end(last=True)
        elif key == Qt.Key.Key_F and not modifiers:
            self.canvas.fit_all()
        elif key == Qt.Key.Key_Z and not modifiers:
            self.canvas.zoom_to_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.canvas.selection.current:
            self.canvas.zoom_to_event(self.canvas.selection.current)
        elif key == Qt.Key.Key_Escape:
            self.canvas.selection.clear()
        else:
            return False
        return True
