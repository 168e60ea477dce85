"""Find cited passages again in their source text: exact, re-anchored or orphan.

A citation is checked at its recorded position first. If the text there is not the
quote, the quote is searched for in a normalised copy of the text (white space runs,
no-break spaces, curly and straight quotes, and dashes all compare equal), and among
several matches the one whose prefix/suffix context agrees best, then the nearest to
the old position, wins. A quote that is nowhere is an orphan: it keeps its selectors
and is reported, never dropped and never moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from timeline_app.core.model import (
    AnchorStatus,
    Citation,
    Event,
    TextPositionSelector,
    TextQuoteSelector,
    Timeline,
)

#: Characters of context kept on each side of a quote, as Hypothesis does.
CONTEXT_LENGTH = 32

_EQUIVALENTS = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_IGNORED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}


@dataclass(frozen=True)
class NormalizedText:
    """A text with runs of white space collapsed and punctuation variants unified.

    ``origin[i]`` is the offset in the original text of normalised character ``i``;
    one extra entry maps the end.
    """

    text: str
    origin: tuple[int, ...]


def normalize(text: str) -> NormalizedText:
    """Return the normalised form of ``text`` with a map back to original offsets."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for offset, char in enumerate(text):
        if char in _IGNORED:
            continue
        if char.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(offset)
            in_space = True
            continue
        in_space = False
        chars.append(_EQUIVALENTS.get(char, char))
        origin.append(offset)
    origin.append(len(text))
    return NormalizedText("".join(chars), tuple(origin))


@lru_cache(maxsize=16)
def normalized_source(text: str) -> NormalizedText:
    """The normalised form of a source's text, kept: edits re-anchor against the same text."""
    return normalize(text)


def normalized(text: str) -> str:
    """Return only the normalised string of ``text``."""
    return normalize(text).text


@dataclass(frozen=True)
class Anchor:
    """Where a citation's passage is now, and how it was found."""

    status: AnchorStatus
    start: int
    end: int
    message: str = ""


def citation_for_span(source_id: str, text: str, start: int, end: int, note: str = "") -> Citation:
    """Build a citation with both selectors for ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}–{end} is outside a text of {len(text)} characters")
    return Citation(
        source_id,
        TextQuoteSelector(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_LENGTH):start],
            suffix=text[end:end + CONTEXT_LENGTH],
        ),
        TextPositionSelector(start, end),
        note,
    )


def anchor(citation: Citation, text: str, normal: NormalizedText | None = None) -> Anchor:
    """Locate a citation's passage in ``text``."""
    position = citation.position
    start, end = (position.start, position.end) if position else (0, 0)
    exact = citation.quote.exact
    if position and exact and 0 <= start <= end <= len(text) and text[start:end] == exact:
        return Anchor(AnchorStatus.EXACT, start, end)
    quote = normalized(exact).strip()
    if not quote:
        return Anchor(AnchorStatus.ORPHAN, start, end, "the citation has no quote to look for")
    normal = normal or normalized_source(text)
    found = _best_match(quote, citation, normal)
    if found is None:
        return Anchor(AnchorStatus.ORPHAN, start, end, "the quoted passage is not in the source")
    new_start, new_end = found
    if position is None:
        message = f"found at {new_start}–{new_end} (the citation had no position)"
    elif (new_start, new_end) == (start, end):
        message = "found at the same place, differing only in spacing, quotes or dashes"
    else:
        message = f"moved from {start}–{end} to {new_start}–{new_end}"
    return Anchor(AnchorStatus.REANCHORED, new_start, new_end, message)


def _best_match(quote: str, citation: Citation, normal: NormalizedText) -> tuple[int, int] | None:
    haystack = normal.text
    prefix = normalized(citation.quote.prefix)
    suffix = normalized(citation.quote.suffix)
    candidates: list[tuple[int, int, int, int]] = []
    index = haystack.find(quote)
    while index != -1:
        context = _common_suffix(haystack[max(0, index - len(prefix)):index], prefix)
        after = index + len(quote)
        context += _common_prefix(haystack[after:after + len(suffix)], suffix)
        start = normal.origin[index]
        end = normal.origin[after - 1] + 1
        distance = abs(start - citation.position.start) if citation.position else start
        candidates.append((-context, distance, start, end))
        index = haystack.find(quote, index + 1)
    if not candidates:
        return None
    _, _, start, end = min(candidates)
    return start, end


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _position(citation: Citation) -> tuple[int, int]:
    position = citation.position
    return (position.start, position.end) if position else (0, 0)


@dataclass(frozen=True)
class CitationReport:
    """The anchoring outcome of one citation of one event."""

    event_id: str
    index: int
    source_id: str
    anchor: Anchor


def anchor_timeline(timeline: Timeline) -> tuple[Timeline, tuple[CitationReport, ...]]:
    """Anchor every citation; return the timeline with re-anchored selectors updated.

    Orphans keep their old selectors. Citations of unknown sources are orphans too.
    """
    reports: list[CitationReport] = []
    events: list[Event] = []
    changed = False
    columnar = not isinstance(timeline.events, tuple)  # a large store: read citing events only
    for event in timeline.citing_events() if columnar else timeline.events:
        citations: list[Citation] = []
        event_changed = False
        for index, citation in enumerate(event.citations):
            source = timeline.source(citation.source_id)
            if source is None:
                start, end = _position(citation)
                result = Anchor(AnchorStatus.ORPHAN, start, end,
                                f"unknown source '{citation.source_id}'")
            else:
                result = anchor(citation, source.text)
            if result.status is AnchorStatus.REANCHORED and source is not None:
                citation = citation_for_span(source.id, source.text, result.start, result.end,
                                             citation.note)
                event_changed = True
            citations.append(citation)
            reports.append(CitationReport(event.id, index, citation.source_id, result))
        events.append(replace(event, citations=tuple(citations)) if event_changed else event)
        changed = changed or event_changed
    if not changed:
        return timeline, tuple(reports)
    if columnar:
        return timeline.replacing(*events), tuple(reports)
    return timeline.with_events(tuple(events)), tuple(reports)
