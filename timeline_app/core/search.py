"""Incremental search over titles, notes, cited passages and source text.

Matching ignores case and the differences that typing cannot reproduce (curly versus
straight quotes, dashes, no-break spaces), using the anchoring module's normalisation,
and reports source-text hits at their original offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from timeline_app.core.anchoring import _EQUIVALENTS, _IGNORED, NormalizedText, normalize
from timeline_app.core.columns import RowsOf
from timeline_app.core.event_store import EventStore, TextColumn
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
    matches: Sequence[Match]
    #: The matching events' ids (for a large store, a set backed by its rows).
    event_ids: AbstractSet[str]
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


def search(timeline: Timeline, query: str,
           event_ids: Sequence[str] | None = None) -> SearchResult:
    """Search ``timeline`` (limited to ``event_ids``, in that order, when given)."""
    needle = fold(query).strip()
    if not needle:
        return EMPTY
    if isinstance(timeline.events, EventStore):
        return _search_store(timeline, timeline.events, query, needle, event_ids)
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


# ----------------------------------------------------------------------------- large stores


class RowSet(AbstractSet[str]):
    """Ids of some rows of a store, as a set, without making a string per row."""

    def __init__(self, store: EventStore, rows: npt.NDArray[np.int64]) -> None:
        self.store = store
        self.rows = rows  # ascending, each once

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        row = self.store.index_of(event_id)
        position = int(np.searchsorted(self.rows, row))
        return row >= 0 and position < len(self.rows) and int(self.rows[position]) == row

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[str]:
        ids = self.store.ids
        return (ids[row] for row in self.rows.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowSet):
            return other.store is self.store and np.array_equal(other.rows, self.rows)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def mask(self, store_rows: npt.NDArray[np.int64] | None, count: int) -> npt.NDArray[np.bool_]:
        """A mask over columns whose positions are ``store_rows`` (None: all rows)."""
        result = np.zeros(count, bool)
        if store_rows is None:
            result[self.rows[self.rows < count]] = True
            return result
        positions = np.searchsorted(store_rows, self.rows)
        inside = positions < len(store_rows)
        positions, rows = positions[inside], self.rows[inside]
        result[positions[store_rows[positions] == rows]] = True
        return result


class _RowMatches(Sequence[Match]):
    """The matches of a store search, made one at a time as Enter steps through them."""

    def __init__(self, store: EventStore, rows: npt.NDArray[np.int64],
                 loose: tuple[Match, ...]) -> None:
        self._store = store
        self._rows = rows
        self._loose = loose

    def __len__(self) -> int:
        return len(self._rows) + len(self._loose)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index < len(self._rows):
            return Match(event_id=self._store.ids[int(self._rows[index])])
        return self._loose[index - len(self._rows)]


_SPACE_RUNS = re.compile(r"\s{2,}|[^\S ]")
_FOLD_TABLE = {**{ord(c): None for c in _IGNORED},
               **{ord(k): v for k, v in _EQUIVALENTS.items()}}
_FOLDED: list[tuple[TextColumn, bytes, npt.NDArray[np.int64]]] = []


def folded_titles(titles: TextColumn) -> tuple[bytes, npt.NDArray[np.int64]]:
    """All titles folded as :func:`fold` does, as one UTF-8 blob with NUL between titles.

    Built once per title column (the last one is kept) at C speed: one translate, one
    white-space collapse, one casefold over the whole text. Returns the blob and the
    byte offsets of its separators.
    """
    if _FOLDED and _FOLDED[0][0] is titles:
        return _FOLDED[0][1], _FOLDED[0][2]
    raw = titles.blob.replace(b"\0", b" ") if b"\0" in titles.blob else titles.blob
    bounds = titles.offsets.tolist()
    separated = b"\0".join([raw[a:b] for a, b in zip(bounds, bounds[1:])])  # stored order
    text = separated.decode("utf-8", "surrogatepass")
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
    if not text.isascii() or "  " in text or any(c in text for c in _OTHER_SPACES):
        text = _SPACE_RUNS.sub(" ", text)
    blob = text.casefold().encode("utf-8", "surrogatepass")
    separators = np.flatnonzero(np.frombuffer(blob, np.uint8) == 0).astype(np.int64)
    _FOLDED[:] = [(titles, blob, separators)]
    return blob, separators


_OTHER_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _plain_ascii(titles: TextColumn) -> bool:
    """Whether folding the titles is only lower-casing (ASCII, single spaces, no NUL)."""
    if _PLAIN and _PLAIN[0][0] is titles:
        return bool(_PLAIN[0][1])
    blob = titles.blob
    plain = blob.isascii() and b"  " not in blob and b"\0" not in blob and \
        not any(c.encode() in blob for c in _OTHER_SPACES)
    _PLAIN[:] = [(titles, plain)]
    return plain


_PLAIN: list[tuple[TextColumn, bool]] = []


def title_rows(titles: TextColumn, needle: str) -> npt.NDArray[np.int64]:
    """Rows whose folded title contains the folded ``needle``, ascending, each once.

    Plain ASCII titles (the usual case) are searched in a lower-cased copy of their
    blob made for the search, so a million titles need no second copy kept in memory;
    others are folded once and kept.
    """
    key = needle.replace("\n", " ").replace("\0", " ").encode("utf-8", "surrogatepass")
    if not key:
        return np.zeros(0, np.int64)
    if _plain_ascii(titles):
        return titles.find_all_in(titles.blob.lower(), key)
    blob, separators = folded_titles(titles)
    hits = []
    find = blob.find
    position = find(key)
    while position != -1:
        hits.append(position)
        position = find(key, position + 1)
    if not hits:
        return np.zeros(0, np.int64)
    stored = np.unique(np.searchsorted(separators, np.asarray(hits, np.int64), side="right"))
    positions = titles.positions_of_stored(stored.astype(np.int64))
    return np.sort(positions[positions >= 0]).astype(np.int64)


def _shown_rows(store: EventStore, event_ids: Sequence[str] | None) -> npt.NDArray[np.int64] | None:
    """The store rows a search is limited to (None: all)."""
    if event_ids is None or event_ids is store.ids:
        return None
    if isinstance(event_ids, RowsOf) and event_ids.column is store.ids:
        return event_ids.rows
    return np.unique(store.rows_of(event_ids))


def _search_store(timeline: Timeline, store: EventStore, query: str, needle: str,
                  event_ids: Sequence[str] | None) -> SearchResult:
    rows = title_rows(store.titles, needle)
    extra = [row for row, text in store.notes.items() if needle in fold(text)]
    extra += [row for row, citations in store.citations.items()
              if any(needle in fold(c.exact) for c in citations if c.exact)]
    if extra:
        rows = np.union1d(rows, np.asarray(extra, np.int64))
    shown = _shown_rows(store, event_ids)
    if shown is not None:
        rows = np.intersect1d(rows, shown, assume_unique=True)
    hits = _text_hits(timeline, needle)
    cited: dict[str, list[tuple[int, int]]] = {}
    for citations in store.citations.values():
        for citation in citations:
            if citation.position is not None:
                cited.setdefault(citation.source_id, []).append(
                    (citation.position.start, citation.position.end))
    loose = tuple(Match(hit=h) for h in hits
                  if not any(s <= h.start and h.end <= t for s, t in cited.get(h.source_id, [])))
    return SearchResult(query, _RowMatches(store, rows, loose), RowSet(store, rows),
                        tuple(hits))


def emphasis_mask(columns: Any, event_ids: AbstractSet[str] | None
                  ) -> frozenset[int] | npt.NDArray[np.bool_] | None:
    """The columns' positions to show at full strength for these ids (None: all).

    A store search's ids become a mask in one vectorised step; a small set of ids is
    looked up one by one, as before.
    """
    if event_ids is None:
        return None
    if isinstance(event_ids, RowSet) and getattr(columns, "store", None) is event_ids.store:
        key = (id(columns), id(event_ids))
        if _MASKS and _MASKS[0][0] == key:
            cached: npt.NDArray[np.bool_] = _MASKS[0][1]
            return cached
        mask: npt.NDArray[np.bool_] = event_ids.mask(columns.store_rows, len(columns))
        _MASKS[:] = [(key, mask, columns, event_ids)]
        return mask
    rows = columns.row_of_id
    return frozenset(rows[i] for i in event_ids if i in rows)


_MASKS: list[tuple[Any, ...]] = []

#: What the canvas and the table take as "the events to emphasise".
IdSet = AbstractSet[str]
