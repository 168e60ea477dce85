"""A look-up of a store's ids through their sort order, built from its id column."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.store_columns import TextColumn


class IdIndex:
    """Ids searched through their sort order (no sorted copy of the ids is kept)."""

    def __init__(self, keys: npt.NDArray[Any], sorter: npt.NDArray[Any],
                 perm: npt.NDArray[Any] | None) -> None:
        self.keys = keys  # the stored ids, in reading order
        self.perm = perm  # the stored id shown in each row (None: key i is row i)
        self.sorter = sorter  # rows in id order

    @staticmethod
    def of(ids: TextColumn) -> IdIndex:
        """The index of an id column: ids as fixed-width bytes with their sort order."""
        lengths = np.diff(ids.offsets)  # of the stored strings
        width = max(1, int(lengths.max()) if len(lengths) else 1)
        if len(lengths) and int(lengths.min()) == width:
            keys = np.frombuffer(ids.blob, f"S{width}")  # a view: no copy
        elif width <= 64:
            raw = np.frombuffer(ids.blob, np.uint8) if ids.blob else np.zeros(0, np.uint8)
            padded = np.zeros((len(lengths), width), np.uint8)
            columns = np.arange(width)
            inside = columns[None, :] < lengths[:, None]
            positions = (ids.offsets[:-1, None] + columns[None, :])[inside]
            padded[inside] = raw[positions]
            keys = padded.view(f"S{width}").ravel()
        else:
            bounds = ids.offsets.tolist()
            keys = np.asarray([ids.blob[a:b] for a, b in zip(bounds, bounds[1:])], object)
        # Sorted by row, the rows' ids are a temporary copy; strings no longer shown
        # (deleted rows) are left out. No row-of-key map is kept beside the order.
        shown = keys if ids.perm is None else keys[ids.perm]
        sorter = np.argsort(shown, kind="stable").astype(np.int32 if len(shown) < 2**31
                                                            else np.int64)
        return IdIndex(keys, sorter, ids.perm)

    def _key(self, position: int) -> Any:
        row = self.sorter[position]
        return self.keys[row if self.perm is None else self.perm[row]]

    def _row(self, position: int) -> int:
        return int(self.sorter[position])

    def _bounds(self, key: bytes) -> tuple[int, int]:
        keys = self.keys
        if keys.dtype != object and (len(key) > keys.dtype.itemsize or key.endswith(b"\0")):
            return 0, 0
        # A binary search in Python through the sort order: numpy's searchsorted with a
        # sorter would convert the whole four-byte sorter to eight bytes on every call.
        positions = range(len(self.sorter))
        low = bisect_left(positions, key, key=self._key)
        high = bisect_right(positions, key, lo=low, key=self._key)
        return low, high

    def find(self, key: bytes) -> int:
        """The row of the first id equal to ``key`` (in reading order), or −1."""
        low, high = self._bounds(key)
        return min(self._row(p) for p in range(low, high)) if high > low else -1

    def rows_of(self, key: bytes) -> list[int]:
        low, high = self._bounds(key)
        return [self._row(p) for p in range(low, high)]

    def has_repeats(self) -> bool:
        shown = self.keys if self.perm is None else self.keys[self.perm]
        ordered = shown[self.sorter]
        return bool(len(ordered) > 1 and (ordered[1:] == ordered[:-1]).any())
