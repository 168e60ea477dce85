"""Immutable values of a chronology: sources, citations, events, eras, tours, timeline."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate


def sha256_text(text: str) -> str:
    """Return the hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TextQuoteSelector:
    """W3C Web Annotation TextQuoteSelector: the exact passage and its context."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    """W3C Web Annotation TextPositionSelector: code-point offsets, end exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """A passage of a source that an event rests on."""

    source_id: str
    quote: TextQuoteSelector
    position: TextPositionSelector | None = None  # None: search for the quote
    note: str = ""

    @property
    def exact(self) -> str:
        """The cited text, exactly as in the source."""
        return self.quote.exact


class AnchorStatus(Enum):
    """Whether a citation's passage was found again in its source's text."""

    EXACT = "exact"
    REANCHORED = "re-anchored"
    ORPHAN = "orphan"


@dataclass(frozen=True)
class PublicationDate:
    """A source's date as printed, the date it is taken to mean, and why."""

    as_printed: str
    edtf: str
    note: str = ""

    @cached_property
    def date(self) -> UncertainDate:
        """The corrected publication date as an :class:`UncertainDate` (parsed once)."""
        return UncertainDate(self.edtf, self.as_printed, self.note)

    @property
    def corrected(self) -> bool:
        """Whether the date is taken to differ from what is printed."""
        return bool(self.note)


@dataclass(frozen=True)
class Source:
    """A text that events cite; ``sha256`` is of ``text`` as UTF-8."""

    id: str
    title: str
    text: str
    publisher: str = ""
    author: str = ""
    url: str = ""
    published: PublicationDate | None = None
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_text(self.text))

    @property
    def text_matches_hash(self) -> bool:
        """Whether the stored hash still describes the text."""
        return self.sha256 == sha256_text(self.text)


@dataclass(frozen=True)
class Category:
    """A lane of the chronology, with its display colour (``#rrggbb``)."""

    id: str
    name: str
    color: str


@dataclass(frozen=True)
class Link:
    """A web link attached to an event (for example imported media)."""

    url: str
    title: str = ""


@dataclass(frozen=True)
class Event:
    """Something that happened, when, and the passages that say so.

    ``end`` is ``None`` for a single date, an :class:`UncertainDate` for a range, or
    the open end ``UncertainDate("..")`` for a range still ongoing when its source
    was published ("since 2022").
    """

    id: str
    title: str
    start: UncertainDate
    end: UncertainDate | None = None
    category: str = ""
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    notes: str = ""
    importance: int = 3
    citations: tuple[Citation, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def is_range(self) -> bool:
        """Whether the event lasts from its start to an end."""
        return self.end is not None

    @property
    def is_ongoing(self) -> bool:
        """Whether the event's range is still open at its source's date."""
        return self.end is not None and self.end.is_open

    def window(self, ongoing_until: int | None = None) -> tuple[int | None, int | None]:
        """Return the event's whole window [earliest, latest) as instants.

        An ongoing range ends at ``ongoing_until`` (its source's publication date),
        or at the end of its start when no such date is known.
        """
        earliest = self.start.earliest
        if self.end is None:
            return earliest, self.start.latest
        if self.end.is_open:
            fallback = self.start.latest
            if ongoing_until is None:
                return earliest, fallback
            return earliest, ongoing_until if fallback is None else max(ongoing_until, fallback)
        return earliest, self.end.latest


@dataclass(frozen=True)
class Era:
    """A named period drawn as a background band."""

    id: str
    name: str
    start: UncertainDate
    end: UncertainDate
    color: str = "#999999"
    notes: str = ""


@dataclass(frozen=True)
class TourStep:
    """One stop of a presentation: an event, the view around it and speaker notes."""

    event_id: str
    notes: str = ""
    window: tuple[int, int] | None = None  # instants; None frames the event automatically
    filter: str = ""


@dataclass(frozen=True)
class Tour:
    """A named, ordered walk through events."""

    name: str
    steps: tuple[TourStep, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Timeline:
    """A whole chronology: what the native file stores.

    ``events`` is a tuple for hand-made chronologies; a large file's events are a
    columnar :class:`~timeline_app.core.event_store.EventStore` (a ``Sequence[Event]``
    that materialises events on demand), which the edit helpers below keep columnar.
    """

    title: str
    description: str = ""
    categories: tuple[Category, ...] = ()
    sources: tuple[Source, ...] = ()
    events: Sequence[Event] = ()
    eras: tuple[Era, ...] = ()
    tours: tuple[Tour, ...] = ()

    # Lookup tables, built on first use; a frozen dataclass keeps them consistent.
    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def _categories_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    def source(self, source_id: str) -> Source | None:
        """Return the source with this id, if any."""
        return self._sources_by_id.get(source_id)

    def category(self, category_id: str) -> Category | None:
        """Return the category with this id, if any."""
        return self._categories_by_id.get(category_id)

    def event(self, event_id: str) -> Event | None:
        """Return the event with this id, if any."""
        if _is_store(self.events):
            found: Event | None = self.events.find(event_id)  # type: ignore[attr-defined]
            return found
        return self._events_by_id.get(event_id)

    def ongoing_until(self, event: Event) -> int | None:
        """The end of the latest publication day among the event's cited sources."""
        ends: list[int] = []
        for citation in event.citations:
            source = self.source(citation.source_id)
            if source and source.published:
                latest = source.published.date.latest
                if latest is not None:
                    ends.append(latest)
        return max(ends, default=None)

    def event_window(self, event: Event) -> tuple[int | None, int | None]:
        """The event's window, with ongoing ranges resolved against their sources."""
        return event.window(self.ongoing_until(event))

    def chronological(self) -> list[Event]:
        """Events by earliest instant, then latest, then title (unbounded ends last).

        A columnar store is already in time order (ties keep their order): its rows are
        returned as a list that makes each event when it is read.
        """
        if _is_store(self.events):
            rows: list[Event] = self.events.all_rows()  # type: ignore[attr-defined]
            return rows

        def key(event: Event) -> tuple[float, float, str]:
            earliest, latest = self.event_window(event)
            low = float("-inf") if earliest is None else earliest
            high = float("inf") if latest is None else latest
            return low, high, event.title

        return sorted(self.events, key=key)

    def with_events(self, events: Sequence[Event]) -> Timeline:
        """Return a copy holding ``events`` instead."""
        return replace(self, events=events)

    # Edits go through these so that a large, columnar event store does them without
    # materialising every event (copy-on-write of its arrays); small timelines use
    # plain tuple operations.

    def replacing(self, *events: Event) -> Timeline:
        """A copy with these events (matched by id) replaced, in place.

        In a columnar store "in place" is the event's place in time (the store is in
        time order).
        """
        if _is_store(self.events):
            return self.with_events(self.events.replacing(  # type: ignore[attr-defined]
                events, self.event_window))
        by_id = {e.id: e for e in events}
        return self.with_events(tuple(by_id.get(e.id, e) for e in self.events))

    def adding(self, *events: Event) -> Timeline:
        """A copy with these events appended (in a store: inserted at their time)."""
        if _is_store(self.events):
            return self.with_events(self.events.adding(  # type: ignore[attr-defined]
                events, self.event_window))
        return self.with_events((*self.events, *events))

    def removing(self, event_ids: Iterable[str]) -> Timeline:
        """A copy without the events whose ids are given."""
        if _is_store(self.events):
            return self.with_events(self.events.removing(event_ids))  # type: ignore[attr-defined]
        gone = set(event_ids)
        return self.with_events(tuple(e for e in self.events if e.id not in gone))

    def citing_events(self) -> Sequence[Event]:
        """The events that cite at least one passage (a store reads only those)."""
        if _is_store(self.events):
            store = self.events
            return [store[row] for row in store.has_citations()]  # type: ignore[attr-defined]
        return [e for e in self.events if e.citations]


def _is_store(events: object) -> bool:
    """Whether events are a columnar store (duck-typed: model must not import it)."""
    return not isinstance(events, tuple) and hasattr(events, "find")


def window_in_iso(window: tuple[int | None, int | None]) -> tuple[str, str]:
    """Return a window's first and last day as ISO dates (empty where unbounded)."""
    earliest, latest = window
    first = cal.format_iso_date(earliest) if earliest is not None else ""
    last = cal.format_iso_date(latest - 1) if latest is not None else ""
    return first, last
