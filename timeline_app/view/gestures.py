"""One object per mouse drag: panning, or choosing a time range to zoom to."""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.core.viewport import Viewport

#: Pixels the mouse must move before a press becomes a drag rather than a click.
DRAG_THRESHOLD = 4.0


@dataclass
class PanGesture:
    """Drag the content: the instant under the mouse follows it exactly."""

    start_x: float
    start_y: float
    start_viewport: Viewport
    start_scroll: float
    moved: bool = False

    def update(self, x: float, y: float) -> tuple[Viewport, float]:
        """The viewport and vertical scroll for the mouse at (x, y)."""
        dx, dy = x - self.start_x, y - self.start_y
        if abs(dx) > DRAG_THRESHOLD or abs(dy) > DRAG_THRESHOLD:
            self.moved = True
        if not self.moved:
            return self.start_viewport, self.start_scroll
        return self.start_viewport.panned(dx), self.start_scroll - dy


@dataclass
class RangeGesture:
    """Shift-drag: a rubber band over a time range; releasing zooms to it."""

    start_x: float
    current_x: float

    def update(self, x: float) -> None:
        """Follow the mouse."""
        self.current_x = x

    def span(self) -> tuple[float, float]:
        """The band's left and right x."""
        return min(self.start_x, self.current_x), max(self.start_x, self.current_x)

    def target(self, viewport: Viewport) -> Viewport | None:
        """The view of the chosen range, or None if the band is too narrow to mean it."""
        left, right = self.span()
        if right - left < DRAG_THRESHOLD * 2:
            return None
        start, end = viewport.time_at(left), viewport.time_at(right)
        return Viewport.showing(start, end, viewport.width)


#: Pixels from a range bar's end within which a drag moves that end only.
END_GRAB = 6.0


@dataclass
class EditGesture:
    """Drag an event: "move" it whole, or drag its range's "start" or "end"."""

    event_id: str
    part: str
    start_x: float
    row_y: float
    current_x: float = 0.0
    moved: bool = False

    def update(self, x: float) -> None:
        """Follow the mouse; a drag starts once it moved past the threshold."""
        self.current_x = x
        if abs(x - self.start_x) > DRAG_THRESHOLD:
            self.moved = True

    def seconds(self, viewport: Viewport) -> int:
        """How far in time the drag has gone."""
        return round((self.current_x - self.start_x) * viewport.seconds_per_pixel)
