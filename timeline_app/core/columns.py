"""Columnar event data for drawing and searching: numpy arrays sorted by start.

The canvas never walks Python event objects per frame. It works on these arrays:
the visible slice and per-pixel counts come from an :class:`IntervalIndex`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import EventStore, Offset, StoreRows
from timeline_app.core.intervals import IntervalIndex, LaneUnion
from timeline_app.core.model import Event, Timeline

# Flags describing how an event's date is known (one byte per event), shared with the
# store; re-exported because the frame, glyphs and legend read them as ``col.FLAG``.
from timeline_app.core.time_keys import APPROXIMATE as APPROXIMATE
from timeline_app.core.time_keys import ONE_OF as ONE_OF
from timeline_app.core.time_keys import ONGOING as ONGOING
from timeline_app.core.time_keys import OPEN_START as OPEN_START
from timeline_app.core.time_keys import POINT as POINT
from timeline_app.core.time_keys import RANGE as RANGE
from timeline_app.core.time_keys import UNCERTAIN as UNCERTAIN
from timeline_app.core.time_keys import time_keys

#: The lane of events whose category is unknown or empty.
UNCATEGORISED = "Uncategorised"
#: Titles longer than this are shortened for drawing (a 10 MB title must not stall a frame).
MAX_DRAWN_TITLE = 240


def drawn_title(title: str) -> str:
    """The title as drawn: one line, at most :data:`MAX_DRAWN_TITLE` characters."""
    line = " ".join(title[:MAX_DRAWN_TITLE + 1].split())
    return line if len(line) <= MAX_DRAWN_TITLE else line[:MAX_DRAWN_TITLE - 1] + "…"

I64 = npt.NDArray[np.int64]
#: Events to draw: a tuple or list, a columnar store, or some rows of one.
Events = Sequence[Event]


@dataclass(frozen=True, eq=False)
class Lane:
    """A horizontal band holding one category's events."""

    id: str
    name: str
    color: str


@dataclass(frozen=True, eq=False)
class EventColumns:
    """Events as parallel arrays, sorted by (earliest, latest).

    ``earliest``/``latest`` bound the whole window (latest exclusive); for a range,
    [earliest, start_latest) is the uncertain start and [end_earliest, latest) the
    uncertain end. Open starts begin at the data's first instant (``OPEN_START``).
    """

    ids: Sequence[str]
    titles: Sequence[str]
    earliest: I64
    latest: I64
    start_latest: I64 | Offset  # a store's are kept as deltas (indexing gives int64)
    end_earliest: I64 | Offset
    flags: npt.NDArray[np.uint8]
    lane: npt.NDArray[np.int16]
    importance: npt.NDArray[np.int8]
    lanes: tuple[Lane, ...]
    #: For columns of a columnar store: the store and each position's row in it.
    store: EventStore | None = None
    store_rows: npt.NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return len(self.earliest)

    @cached_property
    def index(self) -> IntervalIndex | LaneUnion:
        """Interval index over all events (positions are array indices).

        For a large store, :meth:`Scene.build` sets it to the union of its lanes'.
        """
        return IntervalIndex(self.earliest, self.latest)

    @cached_property
    def row_of_id(self) -> Mapping[str, int]:
        """Position of each event id in the arrays."""
        if self.store is not None:
            return _StorePositions(self.store, self.store_rows)
        return {event_id: index for index, event_id in enumerate(self.ids)}

    @cached_property
    def extent(self) -> tuple[int, int] | None:
        """The first and last instant of all events, or None when empty."""
        if not len(self.earliest):
            return None
        return int(self.earliest.min()), int(self.latest.max())

    def visible(self, start: int, end: int) -> npt.NDArray[np.int64]:
        """Indices of events whose window meets [start, end)."""
        return self.index.visible(start, end)


def build_columns(timeline: Timeline, events: Sequence[Event] | None = None) -> EventColumns:
    """Columns for ``events`` (default: all of the timeline's), in time order.

    A columnar store's columns share its arrays (a filter's rows are sliced out), so
    this costs no per-event Python work for large timelines.
    """
    if events is None and isinstance(timeline.events, EventStore):
        return store_columns(timeline, timeline.events)
    if isinstance(events, EventStore):
        return store_columns(timeline, events)
    if isinstance(events, StoreRows):
        return store_columns(timeline, events.store, events.rows)
    chosen = list(timeline.events) if events is None else list(events)
    lanes, lane_index = _lanes(timeline, chosen)
    earliest, latest, start_latest, end_earliest, flags, _ = time_keys(
        chosen, timeline.event_window)
    order = np.lexsort((latest, earliest))
    return _sorted_columns(
        tuple(chosen[i].id for i in order), tuple(drawn_title(chosen[i].title) for i in order),
        earliest[order], latest[order], start_latest[order], end_earliest[order],
        flags[order], np.asarray([lane_index[chosen[i].category] for i in order], np.int16),
        np.asarray([chosen[i].importance for i in order], np.int8), lanes,
    )


def _lanes(timeline: Timeline, events: list[Event]) -> tuple[tuple[Lane, ...], dict[str, int]]:
    lanes = [Lane(c.id, c.name, c.color) for c in timeline.categories]
    index = {lane.id: i for i, lane in enumerate(lanes)}
    if any(e.category not in index for e in events):
        missing = {e.category for e in events if e.category not in index}
        lanes.append(Lane("", UNCATEGORISED, "#8C8C8C"))
        for category in missing:
            index[category] = len(lanes) - 1
    return tuple(lanes), index


def _sorted_columns(ids: tuple[str, ...], titles: tuple[str, ...], earliest: I64, latest: I64,
                    start_latest: I64, end_earliest: I64, flags: npt.NDArray[np.uint8],
                    lane: npt.NDArray[np.int16], importance: npt.NDArray[np.int8],
                    lanes: tuple[Lane, ...]) -> EventColumns:
    """Assemble columns already sorted by earliest."""
    return EventColumns(ids, titles, earliest, latest, start_latest, end_earliest, flags,
                        lane, importance, lanes)


def from_arrays(ids: tuple[str, ...], titles: tuple[str, ...], earliest: I64, latest: I64,
                lane: npt.NDArray[np.int16], lanes: tuple[Lane, ...],
                flags: npt.NDArray[np.uint8] | None = None,
                importance: npt.NDArray[np.int8] | None = None) -> EventColumns:
    """Columns straight from arrays (for large datasets loaded without Event objects)."""
    order = np.lexsort((latest, earliest))
    count = len(ids)
    flag_array = flags if flags is not None else np.zeros(count, np.uint8)
    weights = importance if importance is not None else np.full(count, 3, np.int8)
    sorted_ids = tuple(ids[i] for i in order.tolist())
    sorted_titles = tuple(drawn_title(titles[i]) for i in order.tolist())
    return _sorted_columns(sorted_ids, sorted_titles, earliest[order], latest[order],
                           latest[order], earliest[order], flag_array[order], lane[order],
                           weights[order], lanes)


def store_columns(timeline: Timeline, store: EventStore,
                  rows: npt.NDArray[np.int64] | None = None) -> EventColumns:
    """Columns of a store (all rows, or the given ascending rows), sharing its arrays."""
    lanes = [Lane(c.id, c.name, c.color) for c in timeline.categories]
    index = {lane.id: i for i, lane in enumerate(lanes)}
    used = np.unique(store.category if rows is None else store.category[rows])
    if any(store.category_ids[int(code)] not in index for code in used.tolist()):
        lanes.append(Lane("", UNCATEGORISED, "#8C8C8C"))
    lane_of_code = np.asarray([index.get(c, len(lanes) - 1) for c in store.category_ids] or [0],
                              np.int16)
    if rows is None:
        return EventColumns(store.ids, _DrawnTitles(store.titles), store.earliest, store.latest,
                            store.start_latest, store.end_earliest, store.flags,
                            lane_of_code[store.category], store.importance, tuple(lanes),
                            store, None)
    return EventColumns(RowsOf(store.ids, rows), _DrawnTitles(RowsOf(store.titles, rows)),
                        store.earliest[rows], store.latest[rows], store.start_latest[rows],
                        store.end_earliest[rows], store.flags[rows],
                        lane_of_code[store.category[rows]], store.importance[rows],
                        tuple(lanes), store, rows)


class RowsOf(Sequence[str]):
    """Some rows of a text column."""

    def __init__(self, column: Sequence[str], rows: npt.NDArray[np.int64]) -> None:
        self.column = column
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self.column[int(r)] for r in self.rows[index].tolist()]
        return self.column[int(self.rows[index])]

    def __iter__(self) -> Iterator[str]:
        column = self.column
        for row in self.rows.tolist():
            yield column[row]


class _DrawnTitles(Sequence[str]):
    """Titles as drawn (see :func:`drawn_title`), computed when read.

    The titles a frame tries to place are asked for again at the next frame of a pan:
    the latest few thousand are remembered.
    """

    def __init__(self, column: Sequence[str]) -> None:
        self._column = column
        self._recent: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._column)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [drawn_title(t) for t in self._column[index]]
        found = self._recent.get(index)
        if found is None:
            if len(self._recent) >= 20_000:
                self._recent.clear()
            found = self._recent[index] = drawn_title(self._column[index])
        return found

    def __iter__(self) -> Iterator[str]:
        return map(drawn_title, self._column)


class _StorePositions(Mapping[str, int]):
    """Event id -> position in the columns, through the store's sorted id index."""

    def __init__(self, store: EventStore, rows: npt.NDArray[np.int64] | None) -> None:
        self._store = store
        self._rows = rows

    def _position(self, event_id: object) -> int:
        if not isinstance(event_id, str):
            return -1
        row = self._store.index_of(event_id)
        if row < 0 or self._rows is None:
            return row
        position = int(np.searchsorted(self._rows, row))
        return position if position < len(self._rows) and self._rows[position] == row else -1

    def __getitem__(self, event_id: str) -> int:
        position = self._position(event_id)
        if position < 0:
            raise KeyError(event_id)
        return position

    def __contains__(self, event_id: object) -> bool:
        return self._position(event_id) >= 0

    def get(self, event_id: str, default: Any = None) -> Any:
        position = self._position(event_id)
        return default if position < 0 else position

    def __len__(self) -> int:
        return len(self._store) if self._rows is None else len(self._rows)

    def __iter__(self) -> Iterator[str]:
        ids = self._store.ids
        if self._rows is None:
            return iter(ids)
        return (ids[row] for row in self._rows.tolist())
