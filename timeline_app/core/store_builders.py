"""Building event stores from per-event columns, and compacting a decoded file's strings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import EventStore
from timeline_app.core.store_columns import I64, CodeLists, DateText, Sparse, TextColumn
from timeline_app.core.time_keys import (
    APPROXIMATE,
    NO_END,
    ONGOING,
    OPEN_END,
    PLAIN_DAY,
    POINT,
    RANGE,
    UNCERTAIN,
)


def time_order(slow: npt.NDArray[np.bool_], start_low: I64, start_high: I64,
               end_code: npt.NDArray[np.uint8], end_high: I64) -> tuple[I64, I64]:
    """The rows not marked slow, in a store's order, and each row's place in it (−1: slow).

    A store is in time order by earliest, then latest: the fast readers put their rows
    in this order before :func:`store_from_columns`, so the store needs no sorting.
    """
    fast = np.flatnonzero(~slow)
    ends = end_code[fast]
    latest = np.where((ends != NO_END) & (ends != OPEN_END), end_high[fast], start_high[fast])
    order = fast[np.lexsort((latest, start_low[fast]))]
    position = np.full(len(slow), -1, np.int64)
    position[order] = np.arange(len(order), dtype=np.int64)
    return order, position


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
    goes through :func:`~timeline_app.core.event_store.store_from_events`.
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
