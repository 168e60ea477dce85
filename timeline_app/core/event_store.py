"""A columnar store of events: a million events without a million Python objects.

A large timeline's ``events`` is an :class:`EventStore`: numpy arrays for the time
keys, flags, category codes and importance; ids and titles as one UTF-8 blob each
with offsets; tags and actors as code lists; and, kept only for the few events that
need them, EDTF strings that are not plain ISO dates (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``), dates as written, notes, citations and links. It is a
``Sequence[Event]``: ``store[i]`` materialises one :class:`Event` on demand, and
``store.find(event_id)`` looks one up by id through a sorted id index.

Events are kept in time order (by earliest, then latest, as the drawing columns want),
so :class:`~timeline_app.core.columns.EventColumns` share the store's arrays. Edits
(:meth:`replacing`, :meth:`adding`, :meth:`removing`) are copy-on-write: the arrays are
copied with the change spliced in (memory copies, no per-event Python work).

The parts live beside this module: the column types in :mod:`store_columns`, the date
codes and time keys in :mod:`time_keys`, the id look-up in :mod:`id_index`, filtered
rows in :mod:`store_rows` (all re-exported here), and the builders from arrays, which
need this class, in :mod:`store_builders`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import Span
from timeline_app.core.id_index import IdIndex
from timeline_app.core.model import Event
from timeline_app.core.store_columns import (
    I32,
    I64,
    CodeLists,
    DateText,
    Offset,
    Sparse,
    TextColumn,
    merged_names,
    remap,
)
from timeline_app.core.store_rows import StoreRows
from timeline_app.core.time_keys import (
    APPROXIMATE,
    DAY,
    NO_END,
    ONE_OF,
    ONGOING,
    OPEN_END,
    OPEN_START,
    PLAIN_DAY,
    PLAIN_MONTH,
    PLAIN_PRECISION,
    PLAIN_YEAR,
    POINT,
    RANGE,
    STORED,
    UNCERTAIN,
    WindowOf,
    plain_code,
    plain_edtf,
    time_keys,
)

# The column types, codes and row lists are defined beside this module and re-exported,
# so that callers keep importing them from here.
__all__ = [
    "APPROXIMATE", "DAY", "I32", "I64", "NO_END", "ONE_OF", "ONGOING", "OPEN_END",
    "OPEN_START", "PLAIN_DAY", "PLAIN_MONTH", "PLAIN_YEAR", "POINT", "RANGE", "STORED",
    "UNCERTAIN", "CodeLists", "DateText", "EventStore", "Offset", "Sparse", "StoreRows",
    "TextColumn", "WindowOf", "plain_code", "plain_edtf", "store_from_events",
]


_ARRAY_FIELDS = ("earliest", "latest", "start_latest", "end_earliest", "flags", "kind",
                 "category", "importance")
_SPARSE_FIELDS = ("start_text", "end_text", "notes", "citations", "links")


@dataclass(frozen=True, eq=False)
class EventStore(Sequence[Event]):
    """Events as columns, in time order; a read-only ``Sequence[Event]``.

    ``earliest``/``latest``/``start_latest``/``end_earliest``/``flags`` are exactly what
    :class:`~timeline_app.core.columns.EventColumns` draws. ``kind`` says how each
    event's dates are stored (low 3 bits the start, high bits the end; see the
    ``PLAIN_*`` codes).
    """

    ids: TextColumn
    titles: TextColumn
    earliest: I64
    latest: I64
    start_latest: I64 | Offset
    end_earliest: I64 | Offset
    flags: npt.NDArray[np.uint8]
    kind: npt.NDArray[np.uint8]
    category: npt.NDArray[np.int16]
    category_ids: tuple[str, ...]
    importance: npt.NDArray[np.int8]
    tags: CodeLists
    actors: CodeLists
    #: Sparse columns, by row: DateText of starts/ends that are not derived, notes,
    #: citations and links.
    start_text: Sparse = field(default_factory=dict)
    end_text: Sparse = field(default_factory=dict)
    notes: Sparse = field(default_factory=dict)
    citations: Sparse = field(default_factory=dict)
    links: Sparse = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The uncertain parts' bounds are kept as four-byte deltas from the window's.
        for name, base in (("start_latest", self.earliest), ("end_earliest", self.latest)):
            value = getattr(self, name)
            if not isinstance(value, Offset):
                object.__setattr__(self, name, Offset.of(base, np.asarray(value, np.int64)))

    # -- Sequence ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.earliest)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self.event_at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.event_at(index)

    def __iter__(self) -> Iterator[Event]:
        for i in range(len(self)):
            yield self.event_at(i)

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<EventStore of {len(self):,} events>"

    # -- one event --------------------------------------------------------------------

    def event_at(self, row: int) -> Event:
        """Materialise the event of one row."""
        kind = int(self.kind[row])
        start = self._date(row, kind & 7, self.start_text.get(row), start=True)
        end_code = kind >> 3
        end: UncertainDate | None = None
        if end_code == OPEN_END:
            text = self.end_text.get(row)
            end = UncertainDate(OPEN, text.as_written if text else "",
                                text.reasoning if text else "")
        elif end_code != NO_END:
            end = self._date(row, end_code, self.end_text.get(row), start=False)
        return Event(
            id=self.ids[row], title=self.titles[row], start=start, end=end,
            category=self.category_ids[int(self.category[row])],
            tags=self.tags.of(row), actors=self.actors.of(row),
            notes=self.notes.get(row, ""), importance=int(self.importance[row]),
            citations=self.citations.get(row, ()), links=self.links.get(row, ()),
        )

    def _date(self, row: int, code: int, text: DateText | None, start: bool) -> UncertainDate:
        if code == STORED:
            assert text is not None and text.edtf
            return UncertainDate(text.edtf, text.as_written, text.reasoning)
        instant = int(self.earliest[row] if start else self.end_earliest[row])
        upper = int(self.start_latest[row] if start else self.latest[row])
        edtf = plain_edtf(instant, code)
        date = UncertainDate.__new__(UncertainDate)
        object.__setattr__(date, "edtf", edtf)
        object.__setattr__(date, "as_written", text.as_written if text else "")
        object.__setattr__(date, "reasoning", text.reasoning if text else "")
        object.__setattr__(date, "_parsed", Span(instant, upper, PLAIN_PRECISION[code]))
        return date

    @cached_property
    def _id_order(self) -> IdIndex:
        """The ids' look-up index (built on first look-up)."""
        return IdIndex.of(self.ids)

    def index_of(self, event_id: str) -> int:
        """The row of an event id, or −1 (the first row when an id repeats)."""
        if not event_id and not self._has_empty_id:
            return -1  # "no event", as selections say it: no search needed
        return self._id_order.find(event_id.encode("utf-8", "surrogatepass"))

    @cached_property
    def _has_empty_id(self) -> bool:
        return bool(len(self) and int(self.ids.lengths().min()) == 0)

    def find(self, event_id: str) -> Event | None:
        """The event with this id, if any."""
        row = self.index_of(event_id)
        return None if row < 0 else self.event_at(row)

    def rows_of(self, event_ids: Iterable[str]) -> npt.NDArray[np.int64]:
        """Rows of these ids (unknown ones left out)."""
        rows = [self.index_of(i) for i in event_ids]
        return np.asarray([r for r in rows if r >= 0], np.int64)

    def all_rows(self) -> StoreRows:
        """Every row, as a list that makes each event when it is read."""
        return StoreRows(self)

    def has_citations(self) -> list[int]:
        """Rows of events that cite something, ascending."""
        return sorted(self.citations)

    @property
    def nbytes(self) -> int:
        """Approximate memory held by the columns (not the sparse extras)."""
        arrays = (self.earliest, self.latest, self.start_latest, self.end_earliest, self.flags,
                  self.kind, self.category, self.importance)  # Offsets count their deltas
        return (sum(a.nbytes for a in arrays) + self.ids.nbytes + self.titles.nbytes
                + self.tags.offsets.nbytes + self.tags.codes.nbytes
                + self.actors.offsets.nbytes + self.actors.codes.nbytes)

    # -- building and editing -----------------------------------------------------------

    def _arrays(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _ARRAY_FIELDS}

    def take(self, rows: npt.NDArray[np.int64]) -> EventStore:
        """A store of these rows, in this order (for sorting and deleting)."""
        rows = np.asarray(rows, np.int64)
        new_of_old = np.full(len(self), -1, np.int64)
        new_of_old[rows] = np.arange(len(rows), dtype=np.int64)
        fields: dict[str, Any] = {name: array[rows] for name, array in self._arrays().items()}
        fields.update({name: remap(getattr(self, name), new_of_old) for name in _SPARSE_FIELDS})
        return EventStore(ids=self.ids.take(rows), titles=self.titles.take(rows),
                          category_ids=self.category_ids, tags=self.tags.take(rows),
                          actors=self.actors.take(rows), **fields)

    def sorted(self) -> EventStore:
        """This store in time order (by earliest, then latest; stable)."""
        order = np.lexsort((self.latest, self.earliest))
        if np.array_equal(order, np.arange(len(order))):
            return self
        return self.take(order)

    def concat(self, other: EventStore) -> EventStore:
        """Rows of this store then of ``other`` (not re-sorted)."""
        codes, recode = merged_names(self.category_ids, other.category_ids)
        remap = np.asarray(recode or [0], np.int16)
        arrays: dict[str, Any] = {name: np.concatenate((array, getattr(other, name)))
                                  for name, array in self._arrays().items()
                                  if name != "category"}
        arrays["category"] = np.concatenate((self.category, remap[other.category]
                                             if len(other.category) else other.category))
        shift = len(self)
        arrays.update({name: {**getattr(self, name),
                              **{k + shift: v for k, v in getattr(other, name).items()}}
                       for name in _SPARSE_FIELDS})
        return EventStore(ids=self.ids.concat(other.ids), titles=self.titles.concat(other.titles),
                          category_ids=codes, tags=self.tags.concat(other.tags),
                          actors=self.actors.concat(other.actors), **arrays)

    def removing(self, event_ids: Iterable[str]) -> EventStore:
        """A copy without these events."""
        gone = set(event_ids)
        rows = [self.index_of(i) for i in gone]
        doomed = np.zeros(len(self), bool)
        doomed[[r for r in rows if r >= 0]] = True
        if not doomed.any():
            return self
        # Every row with a doomed id goes, not only the first.
        for row in np.flatnonzero(doomed).tolist():
            for other in self._same_id_rows(row):
                doomed[other] = True
        return self.take(np.flatnonzero(~doomed))

    def _same_id_rows(self, row: int) -> list[int]:
        return self._id_order.rows_of(self.ids[row].encode("utf-8", "surrogatepass"))

    def adding(self, events: Sequence[Event], window_of: WindowOf) -> EventStore:
        """A copy with these events added at their places in time."""
        if not events:
            return self
        return self.concat(store_from_events(events, window_of, self.category_ids)).sorted()

    def replacing(self, events: Sequence[Event], window_of: WindowOf) -> EventStore:
        """A copy with these events (matched by id) in place of the old ones."""
        by_id = {e.id: e for e in events}
        rows = sorted({r for r in (self.index_of(i) for i in by_id) if r >= 0})
        if not rows:
            return self
        # Replacements take the place (in time) their dates give them.
        kept = np.ones(len(self), bool)
        kept[rows] = False
        fresh = [by_id[self.ids[r]] for r in rows]
        base = self.take(np.flatnonzero(kept))
        return base.concat(store_from_events(fresh, window_of, self.category_ids)).sorted()



def store_from_events(events: Sequence[Event], window_of: WindowOf,
                      category_ids: tuple[str, ...] = ()) -> EventStore:
    """A store holding ``events`` (time-sorted), windows resolved by ``window_of``.

    The per-event path, for edits and for formats read event by event; the fast
    readers build stores from arrays with
    :func:`~timeline_app.core.store_builders.store_from_columns`.
    """
    count = len(events)
    keys = time_keys(events, window_of)  # the time keys and flags, as drawn
    kind = np.zeros(count, np.uint8)
    codes = list(category_ids)
    code_of = {c: i for i, c in enumerate(codes)}
    category = np.zeros(count, np.int16)
    importance = np.zeros(count, np.int8)
    start_text: Sparse = {}
    end_text: Sparse = {}
    notes: Sparse = {}
    citations: Sparse = {}
    links: Sparse = {}
    # How each date is kept: derived from the keys where they give back its EDTF
    # exactly (checked against the window as resolved), as text otherwise.
    for i, (event, (low, high)) in enumerate(zip(events, keys.windows)):
        start_code = plain_code(event.start)
        if start_code == STORED or event.start.as_written or event.start.reasoning:
            start_text[i] = DateText(event.start.edtf if start_code == STORED else "",
                                     event.start.as_written, event.start.reasoning)
        if event.end is not None:
            if event.end.is_open:
                end_code = OPEN_END
            else:
                end_code = plain_code(event.end)
                if end_code != STORED and event.end.latest != high:
                    end_code = STORED
            if end_code == STORED or event.end.as_written or event.end.reasoning:
                end_text[i] = DateText(event.end.edtf if end_code == STORED else "",
                                       event.end.as_written, event.end.reasoning)
        else:
            end_code = NO_END
        if start_code != STORED and (low != event.start.earliest or event.start.latest is None):
            start_code = STORED
            start_text[i] = DateText(event.start.edtf, event.start.as_written,
                                     event.start.reasoning)
        kind[i] = start_code | (end_code << 3)
        if event.category not in code_of:
            code_of[event.category] = len(codes)
            codes.append(event.category)
        category[i] = code_of[event.category]
        importance[i] = max(-128, min(127, event.importance))
        if event.notes:
            notes[i] = event.notes
        if event.citations:
            citations[i] = event.citations
        if event.links:
            links[i] = event.links
    store = EventStore(
        ids=TextColumn.from_strings([e.id for e in events]),
        titles=TextColumn.from_strings([e.title for e in events]),
        earliest=keys.earliest, latest=keys.latest, start_latest=keys.start_latest,
        end_earliest=keys.end_earliest, flags=keys.flags, kind=kind, category=category,
        category_ids=tuple(codes), importance=importance,
        tags=CodeLists.from_lists([e.tags for e in events]),
        actors=CodeLists.from_lists([e.actors for e in events]),
        start_text=start_text, end_text=end_text, notes=notes, citations=citations,
        links=links,
    )
    return store.sorted()
