"""Reading a large native file's events straight into a columnar store.

``json.loads`` is unavoidable; what follows it is not per-event Python: each field is
gathered for all events at once (``map`` over the decoded objects), checked with a
few vectorised tests, and plain ISO dates are converted with numpy. An event that is
anything but plain (an unknown field, a wrong type, an EDTF qualifier, citations,
links, an open end whose window depends on its sources) is read by the ordinary
reader, so its problems carry exactly the usual messages and locations.
"""

from __future__ import annotations

import gc
import operator
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import (
    DAY,
    NO_END,
    OPEN_END,
    PLAIN_DAY,
    STORED,
    CodeLists,
    DateText,
    EventStore,
    TextColumn,
    WindowOf,
    store_from_events,
)
from timeline_app.core.model import Event
from timeline_app.core.store_builders import compacted, store_from_columns, time_order
from timeline_app.io.fast_dates import QUALIFIED, parse_strings, qualifier_flags

#: Files with at least this many events are read into a columnar store.
LARGE = 20_000

EVENT_KEYS = frozenset(("id", "title", "start", "end", "category", "tags", "actors",
                        "importance", "notes", "citations", "links"))
DATE_KEYS = frozenset(("edtf", "as_written", "reasoning"))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of containers are made.

    ``json.loads`` of a million events otherwise triggers thousands of collections
    that find nothing (the objects are all alive) and take most of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _field(objects: list[Any], key: str) -> list[Any]:
    return list(map(dict.get, objects, repeat(key)))


def _bad_types(values: list[Any], *kinds: type) -> npt.NDArray[np.bool_] | None:
    """Which values are not of these types (None when all are: the common, fast case)."""
    if set(map(type, values)) <= set(kinds):
        return None
    return np.fromiter((type(v) not in kinds for v in values), bool, len(values))


def _flag(mask: npt.NDArray[np.bool_], bad: npt.NDArray[np.bool_] | None) -> None:
    if bad is not None:
        mask |= bad


def _truthy(values: list[Any]) -> npt.NDArray[np.bool_]:
    return np.fromiter(map(bool, values), bool, len(values))


_NONE = type(None)


#: A batch's dates as columns: codes, bounds, qualifier flags and the texts kept.
DateColumns = tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64],
                    npt.NDArray[np.uint8], dict[int, DateText]]
#: Reads a batch's date values (dicts, or typed structs), marking in ``slow`` those that
#: must be read one by one; the flag says whether ``..`` (an open end) is allowed.
ReadDates = Callable[[list[Any], npt.NDArray[np.bool_], bool], DateColumns]


def _date_columns(texts: list[Any], written: list[Any], reasoning: list[Any],
                  slow: npt.NDArray[np.bool_], allow_open: bool) -> DateColumns:
    """Columns of dates given by their parts; those that are not plain are marked slow.

    A plain ISO date, qualified or not, is read here (a qualified one keeps its EDTF as
    text); so is an open end (``..``) when ``allow_open``.
    """
    count = len(texts)
    codes, low, high = parse_strings(texts)
    flags = np.zeros(count, np.uint8)
    kept: dict[int, DateText] = {}
    if allow_open:
        is_open = np.fromiter((t == ".." for t in texts), bool, count)
        codes[is_open] = OPEN_END
    slow |= codes == STORED
    qualified = np.flatnonzero((codes & QUALIFIED) != 0)
    if len(qualified):
        last = np.fromiter((ord(texts[i][-1]) for i in qualified.tolist()), np.int64,
                           len(qualified))
        flags[qualified] = qualifier_flags(last)
        for i in qualified.tolist():
            kept[i] = DateText(texts[i], written[i] or "", reasoning[i] or "")
        codes[qualified] = STORED
    for i in np.flatnonzero(_truthy(written) | _truthy(reasoning)).tolist():
        if i not in kept:
            kept[i] = DateText("", written[i] or "", reasoning[i] or "")
    return codes, low, high, flags, kept


def _objects(values: list[Any], slow: npt.NDArray[np.bool_], keys: frozenset[str]
             ) -> list[dict[str, Any]]:
    """The values as dicts, an empty one standing in for anything else.

    A value that is not a dict, or has a key not in ``keys``, is marked slow.
    """
    objects = values
    bad = _bad_types(values, dict)
    if bad is not None:
        slow |= bad
        objects = [v if type(v) is dict else {} for v in values]
    if not set(chain.from_iterable(objects)) <= keys:
        slow |= np.fromiter((not v.keys() <= keys for v in objects), bool, len(objects))
    return objects


def _text_field(objects: list[dict[str, Any]], key: str, slow: npt.NDArray[np.bool_]
                ) -> list[str]:
    """A text field of every object; a value that is not a string makes its row slow
    (read, and reported, by the ordinary reader) and stands in as "" in the column."""
    values = _field(objects, key)
    bad = _bad_types(values, str)
    if bad is None:
        return values
    slow |= bad
    return [v if type(v) is str else "" for v in values]


def _dates(values: list[Any], slow: npt.NDArray[np.bool_], allow_open: bool) -> DateColumns:
    """Columns of decoded date objects (dicts); wrong types and unknown keys are slow."""
    objects = _objects(values, slow, DATE_KEYS)
    written = _field(objects, "as_written")
    reasoning = _field(objects, "reasoning")
    _flag(slow, _bad_types(written, str, _NONE))
    _flag(slow, _bad_types(reasoning, str, _NONE))
    return _date_columns(_field(objects, "edtf"), written, reasoning, slow, allow_open)


def _struct_dates(values: list[Any], slow: npt.NDArray[np.bool_], allow_open: bool
                  ) -> DateColumns:
    """Columns of dates decoded typed by :func:`decode_typed` (their types are checked)."""
    return _date_columns(list(map(_EDTF, values)), list(map(_WRITTEN, values)),
                         list(map(_REASONING, values)), slow, allow_open)


class EventsBuilder:
    """Columns of a large events array, filled batch by batch as the array is decoded.

    Each batch of decoded event objects is turned into columns at once and then let go,
    so the objects of a million events never exist together (their memory is reused
    from batch to batch instead of being taken fresh from the system).
    """

    def __init__(self) -> None:
        self.count = 0
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.arrays: dict[str, list[npt.NDArray[Any]]] = {}
        self.categories: dict[str, int] = {}
        # Tags and actors as codes, batch by batch: (lengths, codes) per batch.
        self.tags = _ListsBuilder()
        self.actors = _ListsBuilder()
        self.start_kept: dict[int, DateText] = {}
        self.end_kept: dict[int, DateText] = {}
        self.notes: dict[int, str] = {}
        self.odd: dict[int, Any] = {}  # global index -> the raw object, read one by one

    def _append(self, name: str, array: npt.NDArray[Any]) -> None:
        self.arrays.setdefault(name, []).append(array)

    def add(self, items: list[Any]) -> None:
        """Take the next batch of decoded event objects."""
        offset = self.count
        count = len(items)
        self.count += count
        slow = np.zeros(count, bool)
        objects = _objects(items, slow, EVENT_KEYS)

        ids = _text_field(objects, "id", slow)
        titles = _text_field(objects, "title", slow)

        dates = self._add_dates(offset, _field(objects, "start"), _field(objects, "end"), slow,
                                _dates)

        categories = _field(objects, "category")
        _flag(slow, _bad_types(categories, str, _NONE))
        category = self._category_codes(c if type(c) is str else "" for c in categories)
        importance = _field(objects, "importance")
        bad = _bad_types(importance, int, _NONE)
        if bad is not None:
            slow |= bad
        if _NONE in set(map(type, importance)) or bad is not None:
            importance = [v if type(v) is int else 3 for v in importance]
        weights = np.fromiter(importance, np.int64, count) if count else np.zeros(0, np.int64)
        notes = _field(objects, "notes")
        _flag(slow, _bad_types(notes, str, _NONE))
        for key, lists in (("tags", self.tags), ("actors", self.actors)):
            values = _field(objects, key)
            bad_list = _bad_types(values, list, _NONE)
            _flag(slow, bad_list)
            present = np.flatnonzero(_truthy(values)).tolist()
            nonempty = [values[i] for i in present if type(values[i]) is list]
            bad_items = None
            if nonempty and not set(map(type, chain.from_iterable(nonempty))) <= {str}:
                bad_items = np.fromiter((type(v) is list and not all(type(x) is str for x in v)
                                         for v in values), bool, count)
                slow |= bad_items
            if bad_list is not None or bad_items is not None:
                odd = np.zeros(count, bool)
                for mask in (bad_list, bad_items):
                    if mask is not None:
                        odd |= mask
                values = [v if type(v) is list and not odd[i] else None
                          for i, v in enumerate(values)]
            lists.add(values)
        for extra in ("citations", "links"):
            slow |= _truthy(_field(objects, extra))
        self._keep(items, offset, slow, ids, titles, notes,
                   {**dates, "category": category, "importance": weights})

    def _add_dates(self, offset: int, starts: list[Any], ends: list[Any],
                   slow: npt.NDArray[np.bool_], read: ReadDates) -> dict[str, npt.NDArray[Any]]:
        """A batch's start and end columns (texts kept aside); odd dates are marked slow."""
        count = len(starts)
        start_code, start_low, start_high, start_flags, start_kept = read(starts, slow, False)
        end_code = np.full(count, NO_END, np.uint8)
        end_low = np.zeros(count, np.int64)
        end_high = np.zeros(count, np.int64)
        end_flags = np.zeros(count, np.uint8)
        with_end = np.flatnonzero(~np.fromiter(map(operator.is_, ends, repeat(None)), bool,
                                               count))
        if len(with_end):
            end_slow = np.zeros(len(with_end), bool)
            codes, low, high, flags, kept = read([ends[i] for i in with_end.tolist()],
                                                 end_slow, True)
            # An open end's window depends on the sources the event cites.
            end_slow |= codes == OPEN_END
            slow[with_end[end_slow]] = True
            end_code[with_end] = codes
            end_low[with_end], end_high[with_end], end_flags[with_end] = low, high, flags
            for k, v in kept.items():
                self.end_kept[offset + int(with_end[k])] = v
        for k, v in start_kept.items():
            self.start_kept[offset + k] = v
        return {"start_code": start_code, "start_low": start_low, "start_high": start_high,
                "start_flags": start_flags, "end_code": end_code, "end_low": end_low,
                "end_high": end_high, "end_flags": end_flags}

    def _category_codes(self, categories: Iterable[str]) -> npt.NDArray[np.int16]:
        """Codes of category ids, numbered in order of first appearance over all batches."""
        table = self.categories
        setdefault = table.setdefault
        return np.asarray([setdefault(c, len(table)) for c in categories], np.int16)

    def _keep(self, items: list[Any], offset: int, slow: npt.NDArray[np.bool_],
              ids: list[str], titles: list[str], notes: list[Any],
              columns: dict[str, npt.NDArray[Any]],
              raw: Callable[[Any], Any] | None = None) -> None:
        """Keep a batch's columns, and the objects of its slow rows for :meth:`finish`.

        A row whose importance does not fit a byte is slow too; ``raw`` makes a kept
        object plain (typed structs become dicts, as the ordinary reader wants).
        """
        weights = columns["importance"]
        slow |= (weights < -128) | (weights > 127)
        for i in np.flatnonzero(_truthy(notes)).tolist():
            self.notes[offset + i] = notes[i]
        for i in np.flatnonzero(slow).tolist():
            self.odd[offset + i] = items[i] if raw is None else raw(items[i])
        self.ids += ids
        self.titles += titles
        for name, array in columns.items():
            self._append(name, array)
        self._append("slow", slow)

    def finish(self, read_one: Callable[[Any, str], Event | None],
               window_of: WindowOf) -> EventStore:
        """The store of every event added (odd ones read by ``read_one``), in time order."""
        count = self.count

        def joined(name: str, dtype: Any) -> npt.NDArray[Any]:
            parts = self.arrays.get(name, [])
            return np.concatenate(parts) if parts else np.zeros(0, dtype)

        slow = joined("slow", bool)
        start_code, start_low = joined("start_code", np.uint8), joined("start_low", np.int64)
        start_high, end_code = joined("start_high", np.int64), joined("end_code", np.uint8)
        end_low, end_high = joined("end_low", np.int64), joined("end_high", np.int64)
        order, position = time_order(slow, start_low, start_high, end_code, end_high)

        def sparse(values: dict[int, Any]) -> dict[int, Any]:
            return {int(position[k]): v for k, v in values.items() if position[k] >= 0}

        shared_order = order.astype(np.int32)  # one permutation for ids and titles

        day_precise = (start_code == PLAIN_DAY) | (start_low + DAY == start_high)
        store = store_from_columns(
            ids=TextColumn.from_strings(self.ids, shared_order),
            titles=TextColumn.from_strings(self.titles, shared_order),
            start_code=start_code[order], start_low=start_low[order],
            start_high=start_high[order], end_code=end_code[order], end_low=end_low[order],
            end_high=end_high[order], category=joined("category", np.int16)[order],
            category_ids=tuple(self.categories),
            importance=joined("importance", np.int64)[order].astype(np.int8),
            tags=self.tags.finish(count).take(order),
            actors=self.actors.finish(count).take(order),
            start_text=sparse(self.start_kept), end_text=sparse(self.end_kept),
            notes=sparse(self.notes), start_flags=joined("start_flags", np.uint8)[order],
            end_flags=joined("end_flags", np.uint8)[order], day_precise=day_precise[order],
        )
        # Let go of every decoded string, then make the few kept ones anew (see compacted).
        self.ids, self.titles = [], []
        self.tags, self.actors, self.notes = _ListsBuilder(), _ListsBuilder(), {}
        self.start_kept, self.end_kept = {}, {}
        store = compacted(store)
        if self.odd:
            events = [read_one(item, f"$.events[{i}]") for i, item in sorted(self.odd.items())]
            others = store_from_events([e for e in events if e is not None], window_of,
                                       store.category_ids)
            store = store.concat(others).sorted()
        return store


    def add_structs(self, items: list[Any]) -> None:
        """Take the next batch of events decoded (and type-checked) by :func:`decode_typed`."""
        import msgspec  # the items are its structs: it is loaded

        offset = self.count
        count = len(items)
        self.count += count
        slow = np.zeros(count, bool)
        dates = self._add_dates(offset, list(map(_START, items)), list(map(_END, items)), slow,
                                _struct_dates)
        category = self._category_codes(map(_CATEGORY, items))
        weights = np.fromiter(map(_IMPORTANCE, items), np.int64, count)
        for getter, lists in ((_TAGS, self.tags), (_ACTORS, self.actors)):
            lists.add(list(map(getter, items)))
        slow |= _truthy(list(map(_CITATIONS, items))) | _truthy(list(map(_LINKS, items)))
        self._keep(items, offset, slow, list(map(_ID, items)), list(map(_TITLE, items)),
                   list(map(_NOTES, items)), {**dates, "category": category, "importance": weights},
                   raw=msgspec.to_builtins)


_ID, _TITLE, _START, _END = (attrgetter(n) for n in ("id", "title", "start", "end"))
_EDTF, _WRITTEN, _REASONING = (attrgetter(n) for n in ("edtf", "as_written", "reasoning"))
_CATEGORY, _IMPORTANCE, _NOTES = (attrgetter(n) for n in ("category", "importance", "notes"))
_TAGS, _ACTORS, _CITATIONS, _LINKS = (attrgetter(n) for n in ("tags", "actors", "citations",
                                                              "links"))


def decode_typed(text: str | bytes) -> dict[str, Any] | None:
    """Decode a native document with msgspec, typed, when it is well formed.

    The events become an :class:`EventsBuilder` (in a :class:`StreamedEvents`); the
    rest of the document is plain JSON values, as ``json.loads`` gives. Returns None
    when msgspec is not installed or the document is anything but well formed (wrong
    types, unknown fields, numbers beyond 64 bits...): the caller then reads it the
    ordinary way, for the ordinary messages.
    """
    try:
        import msgspec

        from timeline_app.io.native_structs import DECODER
    except ImportError:  # pragma: no cover - msgspec is a dependency
        return None
    try:
        document = DECODER.decode(text)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    builder = EventsBuilder()
    events = document.events
    progress = reading_progress()
    for start in range(0, len(events), 50_000):
        if progress is not None:
            progress(0.3 + 0.6 * start / max(1, len(events)))
        builder.add_structs(events[start:start + 50_000])
    document.events = []
    result = msgspec.to_builtins(document)
    result["events"] = StreamedEvents(builder)
    return dict(result)


def read_events(items: list[Any], read_one: Callable[[Any, str], Event | None],
                window_of: WindowOf, batch: int = 50_000) -> EventStore:
    """The store of ``items`` (decoded event objects); ``read_one`` reads an odd one."""
    builder = EventsBuilder()
    for start in range(0, len(items), batch):
        builder.add(items[start:start + batch])
    return builder.finish(read_one, window_of)


class StreamedEvents:
    """The "events" value of a document decoded by :func:`loads_streaming`."""

    def __init__(self, builder: EventsBuilder) -> None:
        self.builder = builder

    def __len__(self) -> int:
        return self.builder.count


_PROGRESS = threading.local()


@contextmanager
def reporting_progress(callback: Callable[[float], None]) -> Iterator[None]:
    """Let the large-file readers on this thread report how far they got (0 to 1)."""
    _PROGRESS.callback = callback
    try:
        yield
    finally:
        _PROGRESS.callback = None


def reading_progress() -> Callable[[float], None] | None:
    """The progress callback of the current thread's load, if any."""
    callback: Callable[[float], None] | None = getattr(_PROGRESS, "callback", None)
    return callback


class _ListsBuilder:
    """Lists of names (tags, actors) turned into codes batch by batch.

    No decoded list is kept: each batch leaves a lengths array and a codes array.
    """

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.lengths: list[npt.NDArray[np.int64]] = []
        self.codes: list[npt.NDArray[np.int32]] = []
        self.rows = 0

    def add(self, values: list[Any]) -> None:
        count = len(values)
        self.rows += count
        if not any(values):
            self.lengths.append(np.zeros(count, np.int64))
            return
        lengths = np.fromiter(map(len, values), np.int64, count) if None not in values else \
            np.fromiter((len(v) if v else 0 for v in values), np.int64, count)
        self.lengths.append(lengths)
        if lengths.any():
            setdefault = self.names.setdefault
            names = self.names
            self.codes.append(np.asarray([setdefault(name, len(names)) for name in
                                          chain.from_iterable(v for v in values if v)],
                                         np.int32))

    def finish(self, count: int) -> CodeLists:
        if not self.names:
            return CodeLists.empty(count)
        lengths = np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int64)
        offsets = np.zeros(len(lengths) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        codes = np.concatenate(self.codes) if self.codes else np.zeros(0, np.int32)
        return CodeLists(tuple(self.names), offsets, codes)
