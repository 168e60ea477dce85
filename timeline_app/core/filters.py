"""Filters over events: categories, tags, actors, a date window and certainty.

A :class:`FilterState` is a value; applying it to a timeline gives the events that
pass, and :func:`facet_counts` gives the numbers shown beside each choice. The same
state filters the canvas, the overview and the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

import numpy as np
import numpy.typing as npt

from timeline_app.core import event_store as es
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision
from timeline_app.core.event_store import EventStore, StoreRows
from timeline_app.core.model import Event, Timeline


class Certainty(Enum):
    """Which dates to keep, by how well they are known."""

    ALL = "all dates"
    UNCERTAIN = "uncertain dates only"
    EXACT = "exact dates only"


@dataclass(frozen=True)
class FilterState:
    """Active filters; empty sets mean "no restriction"."""

    categories: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    date_from: UncertainDate | None = None
    date_to: UncertainDate | None = None
    certainty: Certainty = Certainty.ALL
    #: The texts typed in the date fields, shown back to the user as written.
    from_text: str = field(default="", compare=False)
    to_text: str = field(default="", compare=False)

    @property
    def active(self) -> bool:
        """Whether any filter restricts the events."""
        return self != FilterState()

    def without(self, chip: Chip) -> FilterState:
        """The state with one chip removed."""
        if chip.kind == "category":
            return replace(self, categories=self.categories - {chip.value})
        if chip.kind == "tag":
            return replace(self, tags=self.tags - {chip.value})
        if chip.kind == "actor":
            return replace(self, actors=self.actors - {chip.value})
        if chip.kind == "from":
            return replace(self, date_from=None, from_text="")
        if chip.kind == "to":
            return replace(self, date_to=None, to_text="")
        return replace(self, certainty=Certainty.ALL)


@dataclass(frozen=True)
class Chip:
    """One active filter as the chips bar shows it."""

    kind: str  # "category", "tag", "actor", "from", "to", "certainty"
    value: str
    label: str


def chips(state: FilterState, timeline: Timeline) -> list[Chip]:
    """The active filters, each removable on its own."""
    result = []
    for category in sorted(state.categories):
        found = timeline.category(category)
        result.append(Chip("category", category, f"Category: {found.name if found else category}"))
    result += [Chip("tag", t, f"Tag: {t}") for t in sorted(state.tags)]
    result += [Chip("actor", a, f"Actor: {a}") for a in sorted(state.actors)]
    if state.date_from is not None:
        result.append(Chip("from", state.date_from.edtf,
                           f"From: {state.from_text or state.date_from.edtf}"))
    if state.date_to is not None:
        result.append(Chip("to", state.date_to.edtf, f"To: {state.to_text or state.date_to.edtf}"))
    if state.certainty is not Certainty.ALL:
        result.append(Chip("certainty", state.certainty.name, state.certainty.value.capitalize()))
    return result


def is_uncertain(event: Event) -> bool:
    """Whether an event's date is anything less than a known day (or finer)."""
    dates = [d for d in (event.start, event.end) if d is not None and not d.is_open]
    return any(d.uncertain or d.approximate or d.one_of or d.earliest is None
               or d.precision < Precision.DAY for d in dates)


def passes(event: Event, state: FilterState, window: tuple[int | None, int | None]) -> bool:
    """Whether one event passes every active filter (``window`` is its whole window)."""
    if state.categories and event.category not in state.categories:
        return False
    if state.tags and not state.tags & set(event.tags):
        return False
    if state.actors and not state.actors & set(event.actors):
        return False
    earliest, latest = window
    if state.date_from is not None and state.date_from.earliest is not None and \
            latest is not None and latest <= state.date_from.earliest:
        return False
    if state.date_to is not None and state.date_to.latest is not None and \
            earliest is not None and earliest >= state.date_to.latest:
        return False
    if state.certainty is Certainty.UNCERTAIN and not is_uncertain(event):
        return False
    return not (state.certainty is Certainty.EXACT and is_uncertain(event))


def apply_filters(timeline: Timeline, state: FilterState) -> list[Event]:
    """The events that pass, in the timeline's order.

    A columnar store is filtered with vectorised masks and gives its passing rows
    (:class:`StoreRows`, a list that makes each event when it is read).
    """
    if isinstance(timeline.events, EventStore):
        store = timeline.events
        if not state.active:
            return StoreRows(store)
        return StoreRows(store, np.flatnonzero(store_mask(store, state)).astype(np.int64))
    if not state.active:
        return list(timeline.events)
    return [e for e in timeline.events if passes(e, state, timeline.event_window(e))]


def store_mask(store: EventStore, state: FilterState) -> npt.NDArray[np.bool_]:
    """Which rows of a store pass every active filter (as :func:`passes` decides)."""
    keep = np.ones(len(store), bool)
    if state.categories:
        codes = [i for i, c in enumerate(store.category_ids) if c in state.categories]
        keep &= np.isin(store.category, np.asarray(codes, np.int16))
    if state.tags:
        keep &= store.tags.mask_any(state.tags)
    if state.actors:
        keep &= store.actors.mask_any(state.actors)
    open_start = (store.flags & es.OPEN_START) != 0
    if state.date_from is not None and state.date_from.earliest is not None:
        keep &= ~(store.latest <= np.int64(state.date_from.earliest))
    if state.date_to is not None and state.date_to.latest is not None:
        keep &= ~((store.earliest >= np.int64(state.date_to.latest)) & ~open_start)
    if state.certainty is not Certainty.ALL:
        uncertain = uncertain_mask(store)
        keep &= uncertain if state.certainty is Certainty.UNCERTAIN else ~uncertain
    return keep


def uncertain_mask(store: EventStore) -> npt.NDArray[np.bool_]:
    """:func:`is_uncertain` for every row: from the arrays, reading only stored dates."""
    soft = es.APPROXIMATE | es.UNCERTAIN | es.ONE_OF | es.OPEN_START
    start, end = store.kind & 7, store.kind >> 3
    coarse = (start == es.PLAIN_YEAR) | (start == es.PLAIN_MONTH) | \
        (end == es.PLAIN_YEAR) | (end == es.PLAIN_MONTH)
    result: npt.NDArray[np.bool_] = ((store.flags & soft) != 0) | coarse
    for row in np.flatnonzero((start == es.STORED) | (end == es.STORED)).tolist():
        result[row] = is_uncertain(store[row])
    return result


@dataclass(frozen=True)
class Facets:
    """How many events carry each category, tag and actor."""

    categories: Counter[str]
    tags: Counter[str]
    actors: Counter[str]


def facet_counts(events: Sequence[Event]) -> Facets:
    """Counts over ``events`` (pass the filtered ones to show what remains).

    A store (or some of its rows) is counted from its code arrays.
    """
    if isinstance(events, (EventStore, StoreRows)):
        store = events if isinstance(events, EventStore) else events.store
        rows = None
        if isinstance(events, StoreRows) and events.rows is not None:
            rows = np.zeros(len(store), bool)
            rows[events.rows] = True
        codes = store.category if rows is None else store.category[rows]
        found = np.bincount(codes, minlength=len(store.category_ids)) if len(codes) else \
            np.zeros(len(store.category_ids), np.int64)
        return Facets(Counter({c: int(n) for c, n in zip(store.category_ids, found.tolist())
                               if n}),
                      Counter(store.tags.counts(rows)), Counter(store.actors.counts(rows)))
    return Facets(Counter(e.category for e in events),
                  Counter(t for e in events for t in e.tags),
                  Counter(a for e in events for a in e.actors))
