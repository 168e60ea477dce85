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
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from typing import Any, SupportsIndex, overload

import numpy as np
import numpy.typing as npt

from timeline_app.core import calendar as cal
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import Precision, Span
from timeline_app.core.model import Event

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
DAY = cal.SECONDS_PER_DAY

# Flags as in columns.py (kept equal; columns imports this module).
APPROXIMATE = 1
UNCERTAIN = 2
ONE_OF = 4
RANGE = 8
ONGOING = 16
OPEN_START = 32
POINT = 64

#: How a start or end date is stored: derived from the arrays (plain ISO forms),
#: open (``..``, ends only), absent (ends only) or kept as text (anything else).
PLAIN_YEAR, PLAIN_MONTH, PLAIN_DAY = 1, 2, 3
STORED = 0
NO_END = 4
OPEN_END = 5
_PLAIN_PRECISION = {PLAIN_YEAR: Precision.YEAR, PLAIN_MONTH: Precision.MONTH,
                    PLAIN_DAY: Precision.DAY}


# ----------------------------------------------------------------------------- text columns


class TextColumn(Sequence[str]):
    """Strings as one UTF-8 blob with ``offsets`` (one more than strings, int64).

    ``perm`` (optional) says which stored string is at each position, so that sorting
    or deleting rows never copies the blob: position ``i`` holds stored string
    ``perm[i]``. Strings are stored in the order they were read.
    """

    __slots__ = ("__weakref__", "_inverse", "blob", "offsets", "perm")

    def __init__(self, blob: bytes, offsets: npt.NDArray[Any], perm: I32 | None = None) -> None:
        self.blob = blob
        # Four bytes an offset while the blob is under 2 GB.
        self.offsets: npt.NDArray[Any] = offsets.astype(np.int32) if \
            offsets.dtype != np.int32 and len(blob) < 2**31 - 1 else offsets
        self.perm = perm
        self._inverse: npt.NDArray[Any] | None = None

    @staticmethod
    def from_strings(strings: Sequence[str],
                     order: npt.NDArray[np.integer[Any]] | None = None) -> TextColumn:
        """A column holding ``strings`` (any sequence of ``str``), optionally reordered."""
        count = len(strings)
        offsets = np.zeros(count + 1, np.int64)
        if count:
            joined = "".join(strings)
            if joined.isascii():
                lengths = np.fromiter(map(len, strings), np.int64, count)
                blob = joined.encode("ascii")
            else:
                encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
                lengths = np.fromiter(map(len, encoded), np.int64, count)
                blob = b"".join(encoded)
            np.cumsum(lengths, out=offsets[1:])
        else:
            blob = b""
        perm = None if order is None else np.asarray(order, np.int32)  # shared if int32
        return TextColumn(blob, offsets, perm)

    def stored(self) -> int:
        """How many strings the blob holds (positions may show fewer, or reorder them)."""
        return len(self.offsets) - 1

    def __len__(self) -> int:
        return len(self.offsets) - 1 if self.perm is None else len(self.perm)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        if self.perm is not None:
            index = int(self.perm[index])
        start, end = self.offsets[index], self.offsets[index + 1]
        return self.blob[start:end].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        blob = self.blob
        bounds = self.offsets.tolist()
        if self.perm is None:
            for start, end in zip(bounds, bounds[1:]):
                yield blob[start:end].decode("utf-8", "surrogatepass")
            return
        for i in self.perm.tolist():
            yield blob[bounds[i]:bounds[i + 1]].decode("utf-8", "surrogatepass")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (TextColumn, tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def nbytes(self) -> int:
        """Memory held (blob, offsets and order)."""
        return len(self.blob) + self.offsets.nbytes + (0 if self.perm is None
                                                       else self.perm.nbytes)

    def lengths(self) -> I64:
        """Byte length of each string, by position."""
        lengths: I64 = np.diff(self.offsets)
        return lengths if self.perm is None else lengths[self.perm]

    def positions_of_stored(self, stored: I64) -> I64:
        """The positions showing these stored strings (−1 where none does)."""
        if self.perm is None:
            return stored
        inverse = self._inverse
        if inverse is None:
            inverse = np.full(self.stored(), -1, np.int32 if self.stored() < 2**31 else np.int64)
            inverse[self.perm] = np.arange(len(self.perm), dtype=inverse.dtype)
            self._inverse = inverse
        found: I64 = inverse[stored].astype(np.int64)
        return found

    def take(self, indices: npt.NDArray[np.integer[Any]]) -> TextColumn:
        """The strings at ``indices``, in that order (the blob is shared, not copied)."""
        indices = np.asarray(indices, np.int64)
        perm = indices if self.perm is None else self.perm[indices]
        return TextColumn(self.blob, self.offsets, np.asarray(perm, np.int32))

    def compact(self) -> TextColumn:
        """The same strings with the blob in position order (after many edits)."""
        if self.perm is None:
            return self
        starts, ends = self.offsets[self.perm], self.offsets[self.perm + 1]
        offsets = np.zeros(len(self.perm) + 1, np.int64)
        np.cumsum(ends - starts, out=offsets[1:])
        blob = self.blob
        return TextColumn(b"".join([blob[a:b] for a, b in zip(starts.tolist(), ends.tolist())]),
                          offsets)

    def concat(self, other: TextColumn) -> TextColumn:
        """This column followed by ``other``."""
        blob = self.blob + other.blob
        offsets = np.concatenate((self.offsets, other.offsets[1:] + len(self.blob)))
        if self.perm is None and other.perm is None:
            return TextColumn(blob, offsets)
        mine = np.arange(self.stored(), dtype=np.int32) if self.perm is None else self.perm
        theirs = np.arange(other.stored(), dtype=np.int32) if other.perm is None \
            else other.perm
        return TextColumn(blob, offsets,
                          np.concatenate((mine, theirs + self.stored())).astype(np.int32))

    def find_all(self, needle: bytes) -> npt.NDArray[np.int64]:
        """Positions whose string contains ``needle`` (bytes), ascending, each once."""
        return self.find_all_in(self.blob, needle)

    def find_all_in(self, blob: bytes, needle: bytes) -> npt.NDArray[np.int64]:
        """:meth:`find_all` in a blob laid out like this column's (e.g. lower-cased)."""
        hits: list[int] = []
        start = blob.find(needle)
        while start != -1:
            hits.append(start)
            start = blob.find(needle, start + 1)
        if not hits:
            return np.zeros(0, np.int64)
        at = np.asarray(hits, self.offsets.dtype)
        rows: npt.NDArray[Any] = np.searchsorted(self.offsets, at, side="right") - 1
        # A hit must lie wholly inside one string.
        ends: npt.NDArray[Any] = self.offsets[rows + 1]
        rows = rows[at + len(needle) <= ends]
        positions = self.positions_of_stored(np.unique(rows))
        return np.sort(positions[positions >= 0])


class CodeLists:
    """A list of small codes per row (tags, actors), in CSR form, with the names."""

    __slots__ = ("codes", "names", "offsets")

    def __init__(self, names: tuple[str, ...], offsets: npt.NDArray[Any],
                 codes: npt.NDArray[np.int32]) -> None:
        self.names = names
        self.offsets: npt.NDArray[Any] = offsets.astype(np.int32) if offsets.dtype == np.int64 and \
            offsets.strides[0] and len(codes) < 2**31 - 1 else offsets
        self.codes = codes

    @staticmethod
    def empty(count: int) -> CodeLists:
        """No lists at all: the offsets are one zero seen ``count + 1`` times (no memory)."""
        return CodeLists((), np.broadcast_to(np.int64(0), (count + 1,)),
                         np.zeros(0, np.int32))

    @staticmethod
    def from_lists(lists: Sequence[Sequence[str]]) -> CodeLists:
        index: dict[str, int] = {}
        count = len(lists)
        lengths = np.fromiter(map(len, lists), np.int64, count)
        offsets = np.zeros(count + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        setdefault = index.setdefault
        codes = [setdefault(item, len(index)) for item in chain.from_iterable(lists)]
        return CodeLists(tuple(index), offsets, np.asarray(codes, np.int32))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def of(self, row: int) -> tuple[str, ...]:
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        if start == end:
            return ()
        return tuple(self.names[c] for c in self.codes[start:end].tolist())

    def take(self, indices: npt.NDArray[np.int64]) -> CodeLists:
        if not len(self.codes):
            return CodeLists.empty(len(indices))
        starts, ends = self.offsets[indices], self.offsets[indices + 1]
        lengths = ends - starts
        offsets = np.zeros(len(indices) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        positions = np.repeat(starts - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
        return CodeLists(self.names, offsets, self.codes[positions])

    def concat(self, other: CodeLists) -> CodeLists:
        names = list(self.names)
        index = {name: i for i, name in enumerate(names)}
        for name in other.names:
            if name not in index:
                index[name] = len(names)
                names.append(name)
        remap = np.asarray([index[n] for n in other.names] or [0], np.int32)
        codes = np.concatenate((self.codes, remap[other.codes] if len(other.codes)
                                else other.codes))
        offsets = np.concatenate((self.offsets, other.offsets[1:] + self.offsets[-1]))
        return CodeLists(tuple(names), offsets, codes.astype(np.int32))

    def mask_any(self, wanted: Iterable[str]) -> npt.NDArray[np.bool_]:
        """Rows holding at least one of ``wanted``."""
        chosen = {self.names.index(w) for w in wanted if w in self.names}
        rows = np.zeros(len(self), bool)
        if not chosen or not len(self.codes):
            return rows
        hit = np.isin(self.codes, np.asarray(sorted(chosen), np.int32))
        owner = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
        rows[owner[hit]] = True
        return rows

    def counts(self, rows: npt.NDArray[np.bool_] | None = None) -> dict[str, int]:
        """How many rows (of ``rows``, default all) carry each name."""
        codes = self.codes
        if rows is not None and len(codes):
            owner = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
            codes = codes[rows[owner]]
        found = np.bincount(codes, minlength=len(self.names)) if len(codes) else \
            np.zeros(len(self.names), np.int64)
        return {name: int(n) for name, n in zip(self.names, found.tolist()) if n}


class Offset:
    """An array stored as another array plus small deltas (four bytes when they fit).

    A store's ``start_latest`` is its ``earliest`` plus the start's span, and its
    ``end_earliest`` is its ``latest`` less the end's span: kept this way they take four
    bytes an event instead of eight. Indexing gives plain int64 values.
    """

    __slots__ = ("base", "delta")

    def __init__(self, base: I64, delta: npt.NDArray[Any]) -> None:
        self.base = base
        self.delta = delta

    @staticmethod
    def of(base: I64, values: I64) -> Offset:
        delta = np.asarray(values, np.int64) - base
        if len(delta) and (int(delta.min()) < -2**31 or int(delta.max()) >= 2**31):
            return Offset(base, delta)
        return Offset(base, delta.astype(np.int32))

    def __len__(self) -> int:
        return len(self.delta)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, (int, np.integer)):
            return int(self.base[index]) + int(self.delta[index])
        return self.base[index] + self.delta[index].astype(np.int64)

    def __array__(self, dtype: Any = None, copy: Any = None) -> I64:
        values: I64 = self.base + self.delta.astype(np.int64)
        return values if dtype is None else values.astype(dtype)

    @property
    def nbytes(self) -> int:
        return int(self.delta.nbytes)


# ----------------------------------------------------------------------------- extras


@dataclass(frozen=True)
class DateText:
    """A date kept as text: its EDTF (empty when derived), as written and reasoning."""

    edtf: str = ""
    as_written: str = ""
    reasoning: str = ""


Sparse = dict[int, Any]


def _remap(sparse: Sparse, new_of_old: npt.NDArray[np.int64]) -> Sparse:
    """Re-key a sparse column after rows moved (``new_of_old[old] = new`` or −1)."""
    result: Sparse = {}
    for old, value in sparse.items():
        new = int(new_of_old[old])
        if new >= 0:
            result[new] = value
    return result


# ----------------------------------------------------------------------------- the store


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
        object.__setattr__(date, "_parsed", Span(instant, upper, _PLAIN_PRECISION[code]))
        return date

    @cached_property
    def _id_order(self) -> _IdIndex:
        """Ids as fixed-width bytes with their sort order (built on first look-up)."""
        ids = self.ids
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
        rows = None
        if ids.perm is not None:  # strings no longer shown (deleted rows) are left out
            ids.positions_of_stored(np.zeros(0, np.int64))  # builds the shared inverse
            rows = ids._inverse
            assert rows is not None
            if (rows < 0).any():
                keys, rows = keys[rows >= 0], rows[rows >= 0]
        sorter = np.argsort(keys, kind="stable").astype(np.int32 if len(keys) < 2**31
                                                           else np.int64)
        return _IdIndex(keys, sorter, rows)

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
        fields.update({name: _remap(getattr(self, name), new_of_old) for name in _SPARSE_FIELDS})
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
        codes = list(self.category_ids)
        index = {c: i for i, c in enumerate(codes)}
        for c in other.category_ids:
            if c not in index:
                index[c] = len(codes)
                codes.append(c)
        remap = np.asarray([index[c] for c in other.category_ids] or [0], np.int16)
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
                          category_ids=tuple(codes), tags=self.tags.concat(other.tags),
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


class _IdIndex:
    """Ids searched through their sort order (no sorted copy of the ids is kept)."""

    def __init__(self, keys: npt.NDArray[Any], sorter: npt.NDArray[Any],
                 rows: npt.NDArray[Any] | None) -> None:
        self.keys = keys
        self.sorter = sorter
        self.rows = rows  # the row of each key (None: key i is row i)

    def _row(self, position: int) -> int:
        key_index = int(self.sorter[position])
        return key_index if self.rows is None else int(self.rows[key_index])

    def _bounds(self, key: bytes) -> tuple[int, int]:
        keys = self.keys
        if keys.dtype != object and (len(key) > keys.dtype.itemsize or key.endswith(b"\0")):
            return 0, 0
        # A binary search in Python through the sort order: numpy's searchsorted with a
        # sorter would convert the whole four-byte sorter to eight bytes on every call.
        sorter = self.sorter
        positions = range(len(sorter))
        low = bisect_left(positions, key, key=lambda p: keys[sorter[p]])
        high = bisect_right(positions, key, lo=low, key=lambda p: keys[sorter[p]])
        return low, high

    def find(self, key: bytes) -> int:
        """The row of the first id equal to ``key`` (in reading order), or −1."""
        low, high = self._bounds(key)
        return min(self._row(p) for p in range(low, high)) if high > low else -1

    def rows_of(self, key: bytes) -> list[int]:
        low, high = self._bounds(key)
        return [self._row(p) for p in range(low, high)]

    def has_repeats(self) -> bool:
        ordered = self.keys[self.sorter]
        return bool(len(ordered) > 1 and (ordered[1:] == ordered[:-1]).any())


_ARRAY_FIELDS = ("earliest", "latest", "start_latest", "end_earliest", "flags", "kind",
                 "category", "importance")
_SPARSE_FIELDS = ("start_text", "end_text", "notes", "citations", "links")

WindowOf = Callable[[Event], tuple[int | None, int | None]]


def _fresh(text: str) -> str:
    """A new string object equal to ``text``."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def compacted(store: EventStore) -> EventStore:
    """The store with its few Python strings made anew.

    Strings kept from a decoded file (dates as written, notes, category and tag names)
    were allocated among millions of temporary objects; each one left alive keeps a
    whole arena of the interpreter's memory from going back to the system. Made anew
    once the temporaries are gone, they sit together in a few arenas.
    """
    def text(value: DateText) -> DateText:
        return DateText(_fresh(value.edtf), _fresh(value.as_written), _fresh(value.reasoning))

    def lists(codes: CodeLists) -> CodeLists:
        return CodeLists(tuple(_fresh(n) for n in codes.names), codes.offsets, codes.codes)

    return replace(
        store, category_ids=tuple(_fresh(c) for c in store.category_ids),
        tags=lists(store.tags), actors=lists(store.actors),
        start_text={row: text(v) for row, v in store.start_text.items()},
        end_text={row: text(v) for row, v in store.end_text.items()},
        notes={row: _fresh(v) for row, v in store.notes.items()})


def fresh_timeline(timeline: Any) -> Any:
    """A large timeline with its few Python objects made anew (see :func:`compacted`).

    Categories, sources and eras made while a file's millions of temporary objects
    were alive would each keep an arena of the interpreter's memory from going back
    to the system; made anew once those are gone, they sit together.
    """
    def fresh(value: Any) -> Any:
        if isinstance(value, str):
            return _fresh(value)
        if isinstance(value, tuple):
            return tuple(fresh(v) for v in value)
        if hasattr(value, "__dataclass_fields__"):
            return replace(value, **{name: fresh(getattr(value, name))
                                     for name, spec in value.__dataclass_fields__.items()
                                     if spec.init})
        return value

    events = timeline.events
    if not isinstance(events, EventStore):
        return timeline
    return replace(timeline, title=_fresh(timeline.title),
                   description=_fresh(timeline.description),
                   categories=fresh(timeline.categories), sources=fresh(timeline.sources),
                   eras=fresh(timeline.eras), tours=fresh(timeline.tours),
                   events=compacted(events))


def plain_edtf(instant: int, code: int) -> str:
    """The EDTF of a plain date from its first instant (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    year, month, day = cal.civil_from_days(instant // DAY)
    if code == PLAIN_YEAR:
        return f"{year:04d}"
    if code == PLAIN_MONTH:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def plain_code(date: UncertainDate) -> int:
    """The plain code of a date whose EDTF can be derived from its bounds, else STORED."""
    text = date.edtf
    span = date.start_span
    if date.is_interval or span is None or span.earliest is None or span.latest is None:
        return STORED
    code = {4: PLAIN_YEAR, 7: PLAIN_MONTH, 10: PLAIN_DAY}.get(len(text), STORED)
    if code == STORED or not text[:4].isdigit():
        return STORED
    return code if plain_edtf(span.earliest, code) == text else STORED


def _date_flags(date: UncertainDate) -> int:
    flags = 0
    if date.approximate:
        flags |= APPROXIMATE
    if date.uncertain:
        flags |= UNCERTAIN
    if date.one_of:
        flags |= ONE_OF
    return flags


def store_from_events(events: Sequence[Event], window_of: WindowOf,
                      category_ids: tuple[str, ...] = ()) -> EventStore:
    """A store holding ``events`` (time-sorted), windows resolved by ``window_of``.

    The per-event path, for edits and for formats read event by event; the fast
    readers build stores from arrays with :func:`store_from_arrays`.
    """
    count = len(events)
    earliest = np.zeros(count, np.int64)
    latest = np.zeros(count, np.int64)
    start_latest = np.zeros(count, np.int64)
    end_earliest = np.zeros(count, np.int64)
    flags = np.zeros(count, np.uint8)
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
    open_start = np.zeros(count, bool)
    for i, event in enumerate(events):
        low, high = window_of(event)
        s_low, s_high = event.start.earliest, event.start.latest
        flag = _date_flags(event.start)
        start_code = plain_code(event.start)
        if start_code == STORED or event.start.as_written or event.start.reasoning:
            start_text[i] = DateText(event.start.edtf if start_code == STORED else "",
                                     event.start.as_written, event.start.reasoning)
        if event.end is not None:
            flag |= RANGE
            if event.end.is_open:
                flag |= ONGOING
                e_low = s_high if s_high is not None else high
                end_code = OPEN_END
            else:
                flag |= _date_flags(event.end) & (APPROXIMATE | UNCERTAIN)
                e_low = event.end.earliest
                end_code = plain_code(event.end)
                if end_code != STORED and event.end.latest != high:
                    end_code = STORED
            if end_code == STORED or event.end.as_written or event.end.reasoning:
                end_text[i] = DateText(event.end.edtf if end_code == STORED else "",
                                       event.end.as_written, event.end.reasoning)
        else:
            end_code = NO_END
            e_low = s_low
            if event.start.precision >= Precision.DAY and not event.start.one_of:
                flag |= POINT
        if start_code != STORED and (low != s_low or s_high is None):
            start_code = STORED
            start_text[i] = DateText(event.start.edtf, event.start.as_written,
                                     event.start.reasoning)
        if low is None:
            flag |= OPEN_START
            open_start[i] = True
        high = high if high is not None else (s_high or 0)
        latest[i] = high
        earliest[i] = low if low is not None else high
        start_latest[i] = s_high if s_high is not None else high
        end_earliest[i] = e_low if e_low is not None else earliest[i]
        flags[i] = flag
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
    if open_start.any() and (~open_start).any():
        first = earliest[~open_start].min()
        earliest[open_start] = np.minimum(first, latest[open_start] - DAY)
        end_earliest[open_start] = np.maximum(end_earliest[open_start], earliest[open_start])
    elif open_start.any():
        earliest[open_start] = latest[open_start] - 365 * DAY
    store = EventStore(
        ids=TextColumn.from_strings([e.id for e in events]),
        titles=TextColumn.from_strings([e.title for e in events]),
        earliest=earliest, latest=latest, start_latest=start_latest, end_earliest=end_earliest,
        flags=flags, kind=kind, category=category, category_ids=tuple(codes),
        importance=importance, tags=CodeLists.from_lists([e.tags for e in events]),
        actors=CodeLists.from_lists([e.actors for e in events]),
        start_text=start_text, end_text=end_text, notes=notes, citations=citations,
        links=links,
    )
    return store.sorted()


def is_store(events: object) -> bool:
    """Whether a timeline's events are a columnar store."""
    return isinstance(events, EventStore)


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


def category_codes(values: Sequence[str], known: tuple[str, ...] = ()
                   ) -> tuple[npt.NDArray[np.int16], tuple[str, ...]]:
    """Small integer codes for repeated strings (categories), with the code table."""
    table: dict[str, int] = {name: i for i, name in enumerate(known)}
    setdefault = table.setdefault
    codes = [setdefault(v, len(table)) for v in values]
    return np.asarray(codes, np.int16), tuple(table)


def store_from_columns(*, ids: Sequence[str], titles: Sequence[str],
                       start_code: npt.NDArray[np.uint8], start_low: I64, start_high: I64,
                       end_code: npt.NDArray[np.uint8], end_low: I64, end_high: I64,
                       category: npt.NDArray[np.int16], category_ids: tuple[str, ...],
                       importance: npt.NDArray[np.int8] | None = None,
                       tags: CodeLists | None = None, actors: CodeLists | None = None,
                       start_text: Sparse | None = None, end_text: Sparse | None = None,
                       notes: Sparse | None = None, citations: Sparse | None = None,
                       links: Sparse | None = None,
                       start_flags: npt.NDArray[np.uint8] | None = None,
                       end_flags: npt.NDArray[np.uint8] | None = None,
                       day_precise: npt.NDArray[np.bool_] | None = None) -> EventStore:
    """A store (in the given order, not yet sorted) from per-event columns.

    Dates are plain (their codes say which form), kept as text (``STORED``, with
    their bounds given and their EDTF in ``start_text``/``end_text``) or open ends
    (``OPEN_END``); an end code of ``NO_END`` means a single date. ``start_flags`` and
    ``end_flags`` carry qualifiers; ``day_precise`` marks starts known to the day
    (default: the plain days). The fast readers build stores this way; anything else
    goes through :func:`store_from_events`.
    """
    count = len(start_code)
    is_range = end_code != NO_END
    open_end = end_code == OPEN_END
    flags = np.zeros(count, np.uint8) if start_flags is None else start_flags.astype(np.uint8)
    if end_flags is not None:
        flags |= end_flags & (APPROXIMATE | UNCERTAIN)
    flags[is_range] |= RANGE
    flags[open_end] |= ONGOING
    precise = start_code == PLAIN_DAY if day_precise is None else day_precise
    flags[~is_range & precise] |= POINT
    latest = np.where(is_range & ~open_end, end_high, start_high)
    end_earliest = np.where(is_range, np.where(open_end, start_high, end_low), start_low)
    return EventStore(
        ids=ids if isinstance(ids, TextColumn) else TextColumn.from_strings(ids),
        titles=titles if isinstance(titles, TextColumn) else TextColumn.from_strings(titles),
        earliest=np.asarray(start_low, np.int64), latest=latest.astype(np.int64),
        start_latest=np.asarray(start_high, np.int64),
        end_earliest=end_earliest.astype(np.int64), flags=flags,
        kind=(start_code.astype(np.uint8) | (end_code.astype(np.uint8) << 3)).astype(np.uint8),
        category=category, category_ids=category_ids,
        importance=importance if importance is not None else np.full(count, 3, np.int8),
        tags=tags or CodeLists.empty(count), actors=actors or CodeLists.empty(count),
        start_text=start_text or {}, end_text=end_text or {}, notes=notes or {},
        citations=citations or {}, links=links or {},
    )

