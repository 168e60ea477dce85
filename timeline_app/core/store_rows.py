"""Some rows of a columnar store (a filter's result), read as a list of events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, SupportsIndex, overload

import numpy as np
import numpy.typing as npt

from timeline_app.core.model import Event

if TYPE_CHECKING:  # the store makes these (all_rows), so it imports this module
    from timeline_app.core.event_store import EventStore


class StoreRows(list[Event]):
    """Some rows of a store (a filter's result), in time order, without materialising.

    It is a ``list`` to the code that takes filtered events (``len``, indexing and
    iteration work; each event is made when it is read), but holds only the store and
    the row numbers (None: every row).
    """

    def __init__(self, store: EventStore, rows: npt.NDArray[np.int64] | None = None) -> None:
        super().__init__()
        self.store = store
        self.rows = rows

    def row_array(self) -> npt.NDArray[np.int64]:
        """The rows, as an array (every row when all are taken)."""
        if self.rows is None:
            return np.arange(len(self.store), dtype=np.int64)
        return self.rows

    def __len__(self) -> int:
        return len(self.store) if self.rows is None else len(self.rows)

    def __bool__(self) -> bool:
        return len(self) > 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Event | list[Event]:
        rows = self.row_array()
        if isinstance(index, slice):
            return [self.store.event_at(int(r)) for r in rows[index].tolist()]
        return self.store.event_at(int(rows[index]))

    def __iter__(self) -> Iterator[Event]:
        if self.rows is None:
            return iter(self.store)
        store = self.store
        return (store.event_at(row) for row in self.rows.tolist())

    def __reversed__(self) -> Iterator[Event]:
        return iter(self[::-1])

    def __contains__(self, item: object) -> bool:
        return isinstance(item, Event) and self.store.find(item.id) == item and (
            self.rows is None or bool(np.isin(self.store.index_of(item.id), self.rows)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoreRows):
            return other.store is self.store and (
                (other.rows is None and self.rows is None)
                or np.array_equal(other.row_array(), self.row_array()))
        if isinstance(other, list):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment,unused-ignore]

    def __repr__(self) -> str:
        return f"<{len(self):,} rows of {self.store!r}>"
