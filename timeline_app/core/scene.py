"""The scene: lanes, stacked rows and their vertical layout, computed before drawing.

A :class:`Scene` is built once per data or filter change (stacking is the expensive
part); :func:`vertical_layout` runs on resize, scroll or a lane being collapsed. Both
are pure, so the painter only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.columns import EventColumns
from timeline_app.core.intervals import Gathered, IntervalIndex, LaneUnion
from timeline_app.core.stacking import MAX_ROWS, stack_rows

#: Each event keeps this fraction of the whole chronology's span free after it in its row,
#: so that at the fit-all zoom its title has room beside it. Part of the stacking, so it
#: is computed once per data change, never per frame.
LABEL_ROOM = 0.08

#: Row heights the layout may use, tallest first (labels need at least the smallest).
ROW_HEIGHT_MAX = 26.0
ROW_HEIGHT_MIN = 17.0
COLLAPSED_HEIGHT = 22.0
LANE_PADDING = 6.0


@dataclass(frozen=True, eq=False)
class Scene:
    """Columns plus, per lane, its events' indices (in start order) and rows."""

    columns: EventColumns
    row: npt.NDArray[np.integer[Any]]
    #: Per lane, the column indices of its events, in start order.
    lane_members: tuple[npt.NDArray[np.integer[Any]], ...]
    #: Per lane, an interval index whose positions index ``lane_members``.
    lane_index: tuple[IntervalIndex, ...]
    lane_rows: tuple[int, ...]

    @staticmethod
    def build(columns: EventColumns) -> Scene:
        """Stack each lane's events into rows."""
        # Rows fit in a byte (at most MAX_ROWS), members in four: a million events' scene
        # stays small. Lane indexes read their ends through the members (no copy).
        rows: npt.NDArray[np.integer[Any]] = np.zeros(len(columns),
                                                       np.int8 if MAX_ROWS < 128 else np.int32)
        extent = columns.extent
        room = np.int64(int((extent[1] - extent[0]) * LABEL_ROOM)) if extent else np.int64(0)
        members: list[npt.NDArray[np.integer[Any]]] = []
        indexes = []
        counts = []
        member_type = np.int32 if len(columns) < 2**31 else np.int64
        for lane in range(len(columns.lanes)):
            indices: npt.NDArray[np.integer[Any]] = \
                np.flatnonzero(columns.lane == lane).astype(member_type)
            if len(indices):
                rows[indices] = stack_rows(columns.earliest[indices],
                                           columns.latest[indices] + room)
            members.append(indices)
            indexes.append(IntervalIndex(columns.earliest[indices],
                                         Gathered(columns.latest, indices)))
            counts.append(int(rows[indices].max()) + 1 if len(indices) else 0)
        if columns.store is not None and "index" not in columns.__dict__:
            # A large store's whole-chronology index is the union of its lanes' (no copy).
            columns.__dict__["index"] = LaneUnion(tuple(indexes), tuple(members))
        return Scene(columns, rows, tuple(members), tuple(indexes), tuple(counts))


def lane_indexes(columns: EventColumns) -> tuple[tuple[npt.NDArray[np.integer[Any]], ...],
                                                  tuple[IntervalIndex, ...]]:
    """Per lane, its events (column indices in start order) and their interval index.

    Cheap (no stacking): what the overview's density needs as soon as columns exist.
    """
    if not len(columns.lanes):
        return (), ()
    order = np.argsort(columns.lane, kind="stable").astype(np.int64)
    bounds = np.searchsorted(columns.lane[order], np.arange(len(columns.lanes) + 1))
    members = tuple(order[bounds[i]:bounds[i + 1]] for i in range(len(columns.lanes)))
    indexes = tuple(IntervalIndex(columns.earliest[m], Gathered(columns.latest, m))
                    for m in members)
    return members, indexes


def density_scene(columns: EventColumns) -> Scene:
    """A scene without stacking (every event in row 0): enough for densities."""
    members, indexes = lane_indexes(columns)
    return Scene(columns, np.zeros(len(columns), np.int32), members, indexes,
                 tuple(1 if len(m) else 0 for m in members))


@dataclass(frozen=True)
class LaneBox:
    """Where one lane sits vertically."""

    lane: int
    top: float
    height: float
    rows_shown: int
    collapsed: bool

    @property
    def bottom(self) -> float:
        """The lane's lower edge."""
        return self.top + self.height

    def row_center(self, row: int) -> float:
        """The y of a row's middle (rows beyond the shown ones share the last)."""
        if self.collapsed:
            return self.top + self.height / 2
        return self.top + LANE_PADDING / 2 + (min(row, self.rows_shown - 1) + 0.5) * \
            ((self.height - LANE_PADDING) / max(1, self.rows_shown))


@dataclass(frozen=True)
class VerticalLayout:
    """Every lane's box, in content coordinates (before scrolling)."""

    boxes: tuple[LaneBox, ...]
    row_height: float
    content_height: float

    def lane_at(self, y: float) -> LaneBox | None:
        """The lane under content y, if any."""
        return next((b for b in self.boxes if b.top <= y < b.bottom), None)


def vertical_layout(scene: Scene, available: float,
                    collapsed: frozenset[int] = frozenset()) -> VerticalLayout:
    """Fit the lanes into ``available`` pixels, shrinking rows before overflowing."""
    expanded = [i for i, n in enumerate(scene.lane_rows) if n and i not in collapsed]
    fixed = sum(COLLAPSED_HEIGHT for i, n in enumerate(scene.lane_rows) if n and i in collapsed)
    padding = LANE_PADDING * len(expanded)
    total_rows = sum(scene.lane_rows[i] for i in expanded)
    room = max(0.0, available - fixed - padding)
    row_height = ROW_HEIGHT_MAX if not total_rows else \
        min(ROW_HEIGHT_MAX, max(ROW_HEIGHT_MIN, room / total_rows))
    boxes = []
    top = 0.0
    for lane, rows in enumerate(scene.lane_rows):
        if not rows:
            continue
        if lane in collapsed:
            boxes.append(LaneBox(lane, top, COLLAPSED_HEIGHT, 1, True))
            top += COLLAPSED_HEIGHT
            continue
        height = rows * row_height + LANE_PADDING
        boxes.append(LaneBox(lane, top, height, rows, False))
        top += height
    return VerticalLayout(tuple(boxes), row_height, top)
