"""Filters over events: categories, tags, actors, a date window and certainty.

A :class:`FilterState` is a value; applying it to a timeline gives the events that
pass, and :func:`facet_counts` gives the numbers shown beside each choice. The same
state filters the canvas, the overview and the table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import Enum

from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision
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
    """The events that pass, in the timeline's order."""
    if not state.active:
        return list(timeline.events)
    return [e for e in timeline.events if passes(e, state, timeline.event_window(e))]


@dataclass(frozen=True)
class Facets:
    """How many events carry each category, tag and actor."""

    categories: Counter[str]
    tags: Counter[str]
    actors: Counter[str]


def facet_counts(events: list[Event]) -> Facets:
    """Counts over ``events`` (pass the filtered ones to show what remains)."""
    return Facets(Counter(e.category for e in events),
                  Counter(t for e in events for t in e.tags),
                  Counter(a for e in events for a in e.actors))
