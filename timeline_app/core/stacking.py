"""Stack intervals into rows so that none overlap (greedy interval partitioning).

Computed once per data or filter change, never per frame. Rows are reused lowest
first, which keeps lanes compact and stable as events are added.
"""

from __future__ import annotations

import heapq

import numpy as np
import numpy.typing as npt

#: Rows kept per lane; events beyond share the row that frees up first (and are then
#: drawn aggregated where they overlap), so one dense day cannot make a lane endless.
MAX_ROWS = 48


def stack_rows(starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64],
               max_rows: int = MAX_ROWS) -> npt.NDArray[np.int32]:
    """Return a row per interval [start, end) such that rows hold no overlaps.

    Input need not be sorted. Intervals touching end-to-start share a row.
    """
    count = len(starts)
    rows = np.zeros(count, dtype=np.int32)
    if count == 0:
        return rows
    order = np.lexsort((ends, starts))
    busy: list[tuple[int, int]] = []  # (end, row) of intervals still running
    free: list[int] = []
    next_row = 0
    starts_list = starts[order].tolist()
    ends_list = ends[order].tolist()
    out = [0] * count
    for position, (start, end) in enumerate(zip(starts_list, ends_list)):
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        elif next_row < max_rows:
            row = next_row
            next_row += 1
        else:
            # Every row is taken: share the one that frees first.
            _, row = heapq.heappop(busy)
        heapq.heappush(busy, (end, row))
        out[position] = row
    rows[order] = np.asarray(out, dtype=np.int32)
    return rows
