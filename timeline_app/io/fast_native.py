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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain, repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import (
    NO_END,
    OPEN_END,
    STORED,
    CodeLists,
    DateText,
    EventStore,
    WindowOf,
    category_codes,
    store_from_columns,
    store_from_events,
)
from timeline_app.core.model import Event
from timeline_app.io.fast_dates import parse_strings

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


def _not_type(values: list[Any], kind: type, missing_ok: bool = True) -> npt.NDArray[np.bool_]:
    count = len(values)
    if missing_ok:
        return np.fromiter((type(v) is not kind and v is not None for v in values), bool, count)
    return np.fromiter((type(v) is not kind for v in values), bool, count)


def read_events(items: list[Any], read_one: Callable[[Any, str], Event | None],
                window_of: WindowOf) -> EventStore:
    """The store of ``items`` (decoded event objects); ``read_one`` reads an odd one."""
    count = len(items)
    slow = np.zeros(count, bool)
    objects = items
    if not all(type(e) is dict for e in items):
        is_dict = np.fromiter((type(e) is dict for e in items), bool, count)
        slow |= ~is_dict
        objects = [e if type(e) is dict else {} for e in items]
    if not set(chain.from_iterable(objects)) <= EVENT_KEYS:
        slow |= np.fromiter((not e.keys() <= EVENT_KEYS for e in objects), bool, count)

    ids = _field(objects, "id")
    titles = _field(objects, "title")
    slow |= _not_type(ids, str, missing_ok=False) | _not_type(titles, str, missing_ok=False)

    starts = _field(objects, "start")
    start_is_dict = np.fromiter((type(s) is dict for s in starts), bool, count)
    slow |= ~start_is_dict
    if not start_is_dict.all():
        starts = [s if type(s) is dict else {} for s in starts]
    if not set(chain.from_iterable(starts)) <= DATE_KEYS:
        slow |= np.fromiter((not s.keys() <= DATE_KEYS for s in starts), bool, count)
    start_code, start_low, start_high = parse_strings(_field(starts, "edtf"))
    slow |= start_code == STORED
    start_written = _field(starts, "as_written")
    start_reasoning = _field(starts, "reasoning")
    slow |= _not_type(start_written, str) | _not_type(start_reasoning, str)

    ends = _field(objects, "end")
    end_code = np.full(count, NO_END, np.uint8)
    end_low = np.zeros(count, np.int64)
    end_high = np.zeros(count, np.int64)
    end_text: dict[int, Any] = {}
    with_end = np.flatnonzero(np.fromiter((e is not None for e in ends), bool, count))
    if len(with_end):
        chosen = [ends[i] for i in with_end.tolist()]
        bad = np.fromiter((type(e) is not dict or not e.keys() <= DATE_KEYS for e in chosen),
                          bool, len(chosen))
        chosen = [e if type(e) is dict else {} for e in chosen]
        texts = _field(chosen, "edtf")
        codes, low, high = parse_strings(texts)
        is_open = np.fromiter((t == ".." for t in texts), bool, len(texts))
        codes[is_open] = OPEN_END
        written = _field(chosen, "as_written")
        reasoning = _field(chosen, "reasoning")
        bad |= (codes == STORED) | _not_type(written, str) | _not_type(reasoning, str)
        slow[with_end[bad]] = True
        end_code[with_end] = codes
        end_low[with_end] = low
        end_high[with_end] = high
        for position in np.flatnonzero(np.fromiter((bool(w) or bool(r) for w, r in
                                                    zip(written, reasoning)),
                                                   bool, len(chosen))).tolist():
            end_text[int(with_end[position])] = DateText("", written[position] or "",
                                                         reasoning[position] or "")

    categories = _field(objects, "category")
    slow |= _not_type(categories, str)
    importance = _field(objects, "importance")
    bad_importance = np.fromiter((v is not None and (type(v) is not int or not -128 <= v <= 127)
                                  for v in importance), bool, count)
    slow |= bad_importance
    notes = _field(objects, "notes")
    slow |= _not_type(notes, str)
    tags = _field(objects, "tags")
    actors = _field(objects, "actors")
    for lists in (tags, actors):
        slow |= np.fromiter((v is not None and (type(v) is not list or
                                                not all(type(x) is str for x in v))
                             for v in lists), bool, count)
    for extra in ("citations", "links"):
        slow |= np.fromiter((bool(v) for v in _field(objects, extra)), bool, count)
    slow |= (end_code == OPEN_END)  # its window depends on the sources it cites

    fast = np.flatnonzero(~slow)
    odd = np.flatnonzero(slow).tolist()
    if len(fast) == count:
        take: Callable[[list[Any]], list[Any]] = lambda values: values  # noqa: E731
    else:
        keep = fast.tolist()

        def take(values: list[Any]) -> list[Any]:
            return [values[i] for i in keep]

    new_of_old = np.full(count, -1, np.int64)
    new_of_old[fast] = np.arange(len(fast), dtype=np.int64)
    start_text = {}
    for i in np.flatnonzero(np.fromiter((bool(w) or bool(r) for w, r in
                                         zip(start_written, start_reasoning)), bool,
                                        count) & ~slow).tolist():
        start_text[int(new_of_old[i])] = DateText("", start_written[i], start_reasoning[i] or "")
    code, names = category_codes([c or "" for c in take(categories)])
    fast_store = store_from_columns(
        ids=take(ids), titles=take(titles), start_code=start_code[fast],
        start_low=start_low[fast], start_high=start_high[fast], end_code=end_code[fast],
        end_low=end_low[fast], end_high=end_high[fast], category=code, category_ids=names,
        importance=np.asarray([3 if v is None else v for v in take(importance)], np.int8),
        tags=_code_lists(take(tags)), actors=_code_lists(take(actors)),
        start_text=start_text,
        end_text={int(new_of_old[k]): v for k, v in end_text.items() if new_of_old[k] >= 0},
        notes={int(new_of_old[i]): n for i, n in enumerate(notes) if n and not slow[i]},
    )
    if odd:
        events = [read_one(items[i], f"$.events[{i}]") for i in odd]
        others = store_from_events([e for e in events if e is not None], window_of,
                                   fast_store.category_ids)
        fast_store = fast_store.concat(others)
    return fast_store.sorted()


def _code_lists(lists: list[Any]) -> CodeLists:
    if not any(lists):
        return CodeLists.empty(len(lists))
    return CodeLists.from_lists([v or () for v in lists])
