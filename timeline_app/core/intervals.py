"""A static index of intervals for visible-slice queries and per-pixel counts.

Intervals are sorted by start. Short ones (all but the longest 1%) can only be visible
if they start less than one "long threshold" before the view, so a binary search
finds them; the few long ones are kept in a separate list. Counting needs no slice at
all: the number of intervals meeting [a, b) is #(start < b) − #(end ≤ a), two binary
searches, which is what lets a million events be aggregated per pixel column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]


class Gathered:
    """Values of a larger array read through a list of members, without a copy.

    A lane's interval index reads its events' ends this way: a million events need
    no second array of ends per lane.
    """

    def __init__(self, base: I64, members: npt.NDArray[np.integer[Any]]) -> None:
        self.base = base
        self.members = members

    def __getitem__(self, positions: Any) -> Any:
        return self.base[self.members[positions]]

    def __len__(self) -> int:
        return len(self.members)

    def full(self) -> I64:
        """All the values, as a new array."""
        values: I64 = self.base[self.members]
        return values


@dataclass(frozen=True, eq=False)
class IntervalIndex:
    """Intervals [starts[i], ends[i]) with ``starts`` sorted ascending."""

    starts: I64
    ends: I64 | Gathered
    sorted_ends: I64 = field(init=False)
    long_threshold: int = field(init=False)
    long_positions: I64 = field(init=False)
    #: When the intervals span less than 2^31 seconds, starts and sorted ends are kept
    #: as int32 offsets from ``base`` (half the memory); queries are offset alike, so
    #: every search compares arrays and keys of one type.
    base: int = field(init=False, default=0)
    compact: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        ends = self.ends.full() if isinstance(self.ends, Gathered) else self.ends
        sorted_ends = np.sort(ends)
        durations = ends - self.starts
        threshold = int(np.percentile(durations, 99)) if len(durations) else 0
        object.__setattr__(self, "long_threshold", threshold)
        object.__setattr__(self, "long_positions",
                           np.flatnonzero(durations > threshold).astype(np.int64))
        if len(self.starts) >= 4096:
            base = int(self.starts[0])
            if int(sorted_ends[-1]) - base < 2**31 - 1:
                object.__setattr__(self, "base", base)
                object.__setattr__(self, "compact", True)
                object.__setattr__(self, "starts", (self.starts - base).astype(np.int32))
                sorted_ends = (sorted_ends - base).astype(np.int32)
        object.__setattr__(self, "sorted_ends", sorted_ends)

    def _key(self, value: int) -> np.integer[Any]:
        if not self.compact:
            return np.int64(value)
        return np.int32(min(max(value - self.base, -2**31), 2**31 - 1))

    def _keys(self, values: I64) -> npt.NDArray[np.integer[Any]]:
        if not self.compact:
            return values
        return np.clip(values - self.base, -2**31, 2**31 - 1).astype(np.int32)

    def __len__(self) -> int:
        return len(self.starts)

    def count(self, start: int, end: int) -> int:
        """How many intervals meet [start, end)."""
        before_end = int(np.searchsorted(self.starts, self._key(end), side="left"))
        ended = int(np.searchsorted(self.sorted_ends, self._key(start), side="right"))
        return max(0, before_end - ended)

    def visible(self, start: int, end: int) -> I64:
        """Positions of the intervals meeting [start, end), in start order."""
        low = int(np.searchsorted(self.starts, self._key(start - self.long_threshold),
                                  side="left"))
        high = int(np.searchsorted(self.starts, self._key(end), side="left"))
        positions = np.arange(low, high, dtype=np.int64)
        positions = positions[self.ends[positions] > start]
        long = self.long_positions
        if len(long):
            long = long[long < low]
            long = long[(self.ends[long] > start)]
            if len(long):
                return np.concatenate((long, positions))
        return positions

    def column_counts(self, edges: I64) -> npt.NDArray[np.int64]:
        """Count each visible interval once, in the column holding max(start, edges[0]).

        ``edges`` are the instants bounding the columns (one more than columns); the
        counts sum to :meth:`count` over [edges[0], edges[-1]).
        """
        keys = self._keys(edges)
        cumulative = np.searchsorted(self.starts, keys, side="left").astype(np.int64)
        counts = np.diff(cumulative)
        if len(counts):
            straddling = cumulative[0] - int(np.searchsorted(self.sorted_ends, keys[0],
                                                             side="right"))
            counts[0] += max(0, straddling)
        return counts


class LaneUnion:
    """The interval index of all events, answered by their lanes' indexes.

    A scene already indexes every lane; for a large store, the whole chronology's
    index is their union rather than another sorted copy of a million ends.
    ``members[i]`` maps positions of lane ``i``'s index to positions in the columns.
    """

    def __init__(self, indexes: tuple[IntervalIndex, ...],
                 members: tuple[npt.NDArray[np.integer[Any]], ...]) -> None:
        self.indexes = indexes
        self.members = members

    def __len__(self) -> int:
        return sum(len(index) for index in self.indexes)

    def count(self, start: int, end: int) -> int:
        """How many intervals meet [start, end)."""
        return sum(index.count(start, end) for index in self.indexes)

    def visible(self, start: int, end: int) -> I64:
        """Positions of the intervals meeting [start, end), ascending (in start order)."""
        parts = [members[index.visible(start, end)]
                 for index, members in zip(self.indexes, self.members)]
        found = np.concatenate(parts) if parts else np.zeros(0, np.int64)
        result: I64 = np.sort(found.astype(np.int64))
        return result

    def column_counts(self, edges: I64) -> npt.NDArray[np.int64]:
        """Per-column counts (see :meth:`IntervalIndex.column_counts`), summed over lanes."""
        total = np.zeros(max(0, len(edges) - 1), np.int64)
        for index in self.indexes:
            total += index.column_counts(edges)
        return total
