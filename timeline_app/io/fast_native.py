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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain, repeat
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
    category_codes,
    store_from_columns,
    store_from_events,
)
from timeline_app.core.model import Event
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


def _dates(values: list[Any], slow: npt.NDArray[np.bool_], allow_open: bool
           ) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64],
                      npt.NDArray[np.uint8], dict[int, DateText]]:
    """Codes, bounds, qualifier flags and kept texts of date objects (slow ones flagged)."""
    count = len(values)
    objects = values
    bad = _bad_types(values, dict)
    if bad is not None:
        slow |= bad
        objects = [v if type(v) is dict else {} for v in values]
    if not set(chain.from_iterable(objects)) <= DATE_KEYS:
        slow |= np.fromiter((not v.keys() <= DATE_KEYS for v in objects), bool, count)
    texts = _field(objects, "edtf")
    codes, low, high = parse_strings(texts)
    flags = np.zeros(count, np.uint8)
    kept: dict[int, DateText] = {}
    if allow_open:
        is_open = np.fromiter((t == ".." for t in texts), bool, count)
        codes[is_open] = OPEN_END
    slow |= codes == STORED
    written = _field(objects, "as_written")
    reasoning = _field(objects, "reasoning")
    _flag(slow, _bad_types(written, str, _NONE))
    _flag(slow, _bad_types(reasoning, str, _NONE))
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


def read_events(items: list[Any], read_one: Callable[[Any, str], Event | None],
                window_of: WindowOf) -> EventStore:
    """The store of ``items`` (decoded event objects); ``read_one`` reads an odd one."""
    count = len(items)
    slow = np.zeros(count, bool)
    objects = items
    bad = _bad_types(items, dict)
    if bad is not None:
        slow |= bad
        objects = [e if type(e) is dict else {} for e in items]
    if not set(chain.from_iterable(objects)) <= EVENT_KEYS:
        slow |= np.fromiter((not e.keys() <= EVENT_KEYS for e in objects), bool, count)

    ids = _field(objects, "id")
    titles = _field(objects, "title")
    _flag(slow, _bad_types(ids, str))
    _flag(slow, _bad_types(titles, str))

    start_code, start_low, start_high, start_flags, start_kept = _dates(
        _field(objects, "start"), slow, allow_open=False)
    day_precise = (start_code == PLAIN_DAY) | (start_low + DAY == start_high)

    ends = _field(objects, "end")
    end_code = np.full(count, NO_END, np.uint8)
    end_low = np.zeros(count, np.int64)
    end_high = np.zeros(count, np.int64)
    end_flags = np.zeros(count, np.uint8)
    end_kept: dict[int, DateText] = {}
    with_end = np.flatnonzero(~np.fromiter(map(operator.is_, ends, repeat(None)), bool, count))
    if len(with_end):
        end_slow = np.zeros(len(with_end), bool)
        codes, low, high, flags, kept = _dates([ends[i] for i in with_end.tolist()], end_slow,
                                               allow_open=True)
        slow[with_end[end_slow]] = True
        end_code[with_end] = codes
        end_low[with_end], end_high[with_end], end_flags[with_end] = low, high, flags
        end_kept = {int(with_end[k]): v for k, v in kept.items()}
        # An open end's window depends on the sources the event cites.
        slow[with_end[codes == OPEN_END]] = True

    categories = _field(objects, "category")
    _flag(slow, _bad_types(categories, str, _NONE))
    importance = _field(objects, "importance")
    bad = _bad_types(importance, int, _NONE)
    if bad is not None:
        slow |= bad
    if _NONE in set(map(type, importance)) or bad is not None:
        importance = [v if type(v) is int else 3 for v in importance]
    weights = np.fromiter(importance, np.int64, count) if count else np.zeros(0, np.int64)
    slow |= (weights < -128) | (weights > 127)
    notes = _field(objects, "notes")
    _flag(slow, _bad_types(notes, str, _NONE))
    lists = {}
    for key in ("tags", "actors"):
        values = _field(objects, key)
        _flag(slow, _bad_types(values, list, _NONE))
        nonempty = [v for v in values if v and type(v) is list]
        if nonempty and not set(map(type, chain.from_iterable(nonempty))) <= {str}:
            slow |= np.fromiter((type(v) is list and not all(type(x) is str for x in v)
                                 for v in values), bool, count)
        lists[key] = values
    for extra in ("citations", "links"):
        slow |= _truthy(_field(objects, extra))

    fast = np.flatnonzero(~slow)
    is_range = end_code[fast] != NO_END
    latest = np.where(is_range, end_high[fast], start_high[fast])
    order = fast[np.lexsort((latest, start_low[fast]))]
    position = np.full(count, -1, np.int64)
    position[order] = np.arange(len(order), dtype=np.int64)

    def sparse(values: dict[int, Any]) -> dict[int, Any]:
        return {int(position[k]): v for k, v in values.items() if position[k] >= 0}

    ordered = order.tolist()
    code, names = category_codes([categories[i] or "" for i in ordered])
    store = store_from_columns(
        ids=TextColumn.from_strings(ids, order), titles=TextColumn.from_strings(titles, order),
        start_code=start_code[order], start_low=start_low[order], start_high=start_high[order],
        end_code=end_code[order], end_low=end_low[order], end_high=end_high[order],
        category=code, category_ids=names, importance=weights[order].astype(np.int8),
        tags=_code_lists([lists["tags"][i] for i in ordered]),
        actors=_code_lists([lists["actors"][i] for i in ordered]),
        start_text=sparse(start_kept), end_text=sparse(end_kept),
        notes=sparse({i: notes[i] for i in np.flatnonzero(_truthy(notes)).tolist()}),
        start_flags=start_flags[order], end_flags=end_flags[order],
        day_precise=day_precise[order],
    )
    odd = np.flatnonzero(slow).tolist()
    if odd:
        events = [read_one(items[i], f"$.events[{i}]") for i in odd]
        others = store_from_events([e for e in events if e is not None], window_of,
                                   store.category_ids)
        store = store.concat(others).sorted()
    return store


def _code_lists(lists: list[Any]) -> CodeLists:
    if not any(lists):
        return CodeLists.empty(len(lists))
    return CodeLists.from_lists([v or () for v in lists])
