"""What an exported picture lists (Qt-free): the events of a window, numbered, with citations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline_app.core.columns import EventColumns, build_columns
from timeline_app.core.describe import date_text, event_window_text
from timeline_app.core.model import Citation, Event, Source, Timeline
from timeline_app.core.viewport import Viewport

#: Free room on each side of everything when the whole timeline is shown (as the canvas's F).
FIT_MARGIN = 0.05


@dataclass(frozen=True)
class Passage:
    """Quotes of one source that an event rests on, and who said them where."""

    quotes: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class NumberedEvent:
    """One entry of the citation list; ``number`` is also the badge on the chronology."""

    number: int
    event_id: str
    title: str
    date: str
    passages: tuple[Passage, ...]


def visible_ids(columns: EventColumns, start: int, end: int) -> list[str]:
    """Ids of the events whose window meets [start, end), in the chronology's time order."""
    return [columns.ids[int(i)] for i in sorted(columns.visible(start, end).tolist())]


def numbered_events(timeline: Timeline, start: int, end: int,
                    columns: EventColumns | None = None) -> tuple[NumberedEvent, ...]:
    """The events visible in [start, end), numbered from 1 in time order, with their citations.

    Visibility is the canvas's own (the interval index of the columns), so the list
    holds exactly the events the chronology draws in that window.
    """
    columns = columns if columns is not None else build_columns(timeline)
    entries = []
    for number, event_id in enumerate(visible_ids(columns, start, end), start=1):
        event = timeline.event(event_id)
        if event is None:  # columns built from arrays without Event objects
            continue
        entries.append(NumberedEvent(number, event.id, event.title, date_phrase(timeline, event),
                                     passages(timeline, event.citations)))
    return tuple(entries)


def date_phrase(timeline: Timeline, event: Event) -> str:
    """The date in words, then the source's own words for it when they say something else."""
    words = event_window_text(event, timeline.ongoing_until(event))
    written = [d.as_written.strip() for d in (event.start, event.end) if d and d.as_written.strip()]
    phrase = " … ".join(written)
    if not phrase or phrase.casefold() == words.casefold():
        return words
    return f"{words}; as written: “{phrase}”"


def passages(timeline: Timeline, citations: Iterable[Citation]) -> tuple[Passage, ...]:
    """Citations grouped by source, keeping their order (consecutive quotes share a source line)."""
    groups: list[tuple[str, list[str]]] = []
    for citation in citations:
        source = describe_source(timeline.source(citation.source_id), citation.source_id)
        quote = plain(citation.exact)
        if groups and groups[-1][0] == source:
            groups[-1][1].append(quote)
        else:
            groups.append((source, [quote]))
    return tuple(Passage(tuple(quotes), source) for source, quotes in groups)


def describe_source(source: Source | None, source_id: str) -> str:
    """"Title, Publisher, published 20 January 2026 (dateline “January 20, 2025”), URL"."""
    if source is None:
        return f"unknown source “{source_id}”"
    parts = [plain(source.title) or source.id, plain(source.author), plain(source.publisher)]
    if source.published is not None:
        published = f"published {date_text(source.published.date)}"
        printed = source.published.as_printed.strip()
        if printed and source.published.corrected:
            # The app keeps both dates; an exported list must not hide the correction either.
            published += f" (dateline “{printed}”)"
        parts.append(published)
    parts.append(source.url.strip())
    return ", ".join(part for part in parts if part)


def plain(text: str) -> str:
    """Text on one line: runs of white space (newlines, no-break spaces) become one space."""
    return re.sub(r"\s+", " ", text).strip()


def extent(columns: EventColumns, instants: Iterable[int]) -> tuple[int, int] | None:
    """First and last instant of the events and of other drawn instants (eras, publications)."""
    points = list(columns.extent or ()) + list(instants)
    return (min(points), max(points)) if points else None


def fit_viewport(columns: EventColumns, instants: Iterable[int], width: int) -> Viewport:
    """Everything drawn, with the canvas's fit-all margin (one year when there is nothing)."""
    span = extent(columns, instants)
    if span is None:
        return Viewport.showing(0, 365 * 86_400, width)
    return Viewport.showing(0, 1, width).fitted(*span, margin=FIT_MARGIN)
