"""Incremental search over titles, notes, cited passages and source text.

Matching ignores case and the differences that typing cannot reproduce (curly versus
straight quotes, dashes, no-break spaces), using the anchoring module's normalisation,
and reports source-text hits at their original offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from timeline_app.core.anchoring import NormalizedText, normalize
from timeline_app.core.model import Timeline


@dataclass(frozen=True)
class TextHit:
    """An occurrence of the query in a source's text (code-point offsets)."""

    source_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """One stop of the search: an event, or a source passage no event cites."""

    event_id: str = ""
    hit: TextHit | None = None


@dataclass(frozen=True)
class SearchResult:
    """What a query finds, in the order Enter walks through it."""

    query: str
    matches: tuple[Match, ...]
    event_ids: frozenset[str]
    text_hits: tuple[TextHit, ...]

    def __len__(self) -> int:
        return len(self.matches)


EMPTY = SearchResult("", (), frozenset(), ())


def fold(text: str) -> str:
    """The form both query and text are compared in."""
    return normalize(text).text.casefold()


@lru_cache(maxsize=64)
def _folded_source(text: str) -> tuple[str, NormalizedText]:
    normal = normalize(text)
    # casefold can change lengths (ß -> ss); keep offsets exact by folding per character.
    folded = "".join(c if len(c.casefold()) != 1 else c.casefold() for c in normal.text)
    return folded, normal


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``haystack`` (non-overlapping)."""
    found: list[int] = []
    index = haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + len(needle))
    return found


def search(timeline: Timeline, query: str, event_ids: list[str] | None = None) -> SearchResult:
    """Search ``timeline`` (limited to ``event_ids``, in that order, when given)."""
    needle = fold(query).strip()
    if not needle:
        return EMPTY
    ordered = [e.id for e in timeline.chronological()] if event_ids is None else event_ids
    hits = _text_hits(timeline, needle)
    cited: dict[str, list[tuple[int, int, str]]] = {}
    for event in timeline.events:
        for citation in event.citations:
            if citation.position is not None:
                cited.setdefault(citation.source_id, []).append(
                    (citation.position.start, citation.position.end, event.id))
    matched: set[str] = set()
    for event_id in ordered:
        found = timeline.event(event_id)
        if found is None:
            continue
        event = found
        fields = [event.title, event.notes, *(c.exact for c in event.citations)]
        if any(needle in fold(field) for field in fields if field):
            matched.add(event_id)
    loose: list[TextHit] = []
    for hit in hits:
        inside = [e for s, t, e in cited.get(hit.source_id, []) if s <= hit.start and hit.end <= t]
        if not inside:
            loose.append(hit)
    matches = [Match(event_id=i) for i in ordered if i in matched]
    matches += [Match(hit=h) for h in loose]
    return SearchResult(query, tuple(matches), frozenset(matched), tuple(hits))


def _text_hits(timeline: Timeline, needle: str) -> list[TextHit]:
    hits: list[TextHit] = []
    for source in timeline.sources:
        folded, normal = _folded_source(source.text)
        for index in find_all(folded, needle):
            last = index + len(needle) - 1
            start = normal.origin[index]
            end = normal.origin[last] + 1
            hits.append(TextHit(source.id, start, end))
    return hits


class TitleIndex:
    """Title search for large timelines: one folded blob, searched at C speed.

    Finding "tariff" in a million titles is one ``str.find`` loop over the blob and a
    binary search per hit, instead of a million Python comparisons.
    """

    def __init__(self, titles: tuple[str, ...]) -> None:
        self._blob = "\n".join(fold(t).replace("\n", " ") for t in titles)
        starts = [0]
        for title in titles[:-1]:
            starts.append(starts[-1] + len(fold(title)) + 1)
        self._starts = starts

    def rows(self, query: str) -> list[int]:
        """Indices of titles containing ``query``, ascending, each once."""
        needle = fold(query).strip().replace("\n", " ")
        if not needle:
            return []
        rows: list[int] = []
        for offset in find_all(self._blob, needle):
            row = bisect.bisect_right(self._starts, offset) - 1
            if not rows or rows[-1] != row:
                rows.append(row)
        return rows
