"""Reading a large CSV (our export's columns, or any with id, title and ISO dates) at numpy speed.

The file's bytes are split into fields with a few vectorised passes (quote parity by
a cumulative sum, separators outside quotes), dates are converted column by column
(:mod:`fast_dates`), ids and titles go straight from the file's bytes into the
store's blobs, and categories, tags and sources are resolved once per distinct
value. A row that is anything but plain (a date that is not plain ISO, a passage, a
note, a title needing clean-up, an end before its start...) is read by the ordinary
tolerant importer, so its problems read exactly as they always did. A file that does
not fit this shape at all (no id column, repeated ids, ragged rows, not UTF-8) is
left to the ordinary importer entirely: :func:`read` returns None.
"""

from __future__ import annotations

import codecs
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import (
    NO_END,
    PLAIN_DAY,
    STORED,
    CodeLists,
    DateText,
    EventStore,
    store_from_columns,
    store_from_events,
)
from timeline_app.core.model import Timeline
from timeline_app.core.problems import Problem
from timeline_app.io.csv_columns import map_columns, sniff_delimiter
from timeline_app.io.fast_dates import parse_fields
from timeline_app.io.fast_native import gc_paused

#: Files with at least this many lines are tried on the fast path.
LARGE = 20_000
#: Roles the fast path reads itself (anything else sends the file to the importer).
_FAST_ROLES = frozenset(("id", "title", "start", "end", "category", "tags", "actors",
                         "as_written", "latest", "source", "quote", "notes"))
#: Roles whose non-empty cells make a row go through the ordinary importer.
_ROW_BY_ROW = ("quote", "notes")

I64 = npt.NDArray[np.int64]


def looks_large(data: bytes) -> bool:
    """Whether a file has enough lines to be worth the fast path."""
    return data.count(b"\n", 0, 64 * 1024 * 1024) >= LARGE


def read(file: str, data: bytes, reader_factory: Any) -> tuple[Timeline, list[Problem]] | None:
    """The timeline of a large CSV, or None when the ordinary importer must read it.

    ``reader_factory(columns, native, file)`` makes the importer's row reader, used
    for categories, sources and the rows that are not plain.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    data = data.rstrip(b"\r\n") + b"\n"
    header_end = data.find(b"\n")
    header_line = data[:header_end].decode("utf-8").rstrip("\r")
    if not header_line.strip() or b'"' in data[:header_end]:
        return None
    delimiter = sniff_delimiter(header_line)
    header = [cell.strip().lstrip("\ufeff") for cell in header_line.split(delimiter)]
    columns = map_columns(header)
    roles = set(columns.roles)
    if not {"id", "title", "start"} <= roles or not roles <= _FAST_ROLES:
        return None
    with gc_paused():
        return _read(file, data, header, header_end, delimiter, columns, reader_factory)


def _read(file: str, data: bytes, header: list[str], header_end: int, delimiter: str,
          columns: Any, reader_factory: Any) -> tuple[Timeline, list[Problem]] | None:
    from timeline_app.io.csv_export import COLUMNS

    count_columns = len(header)
    raw = np.frombuffer(data, np.uint8)
    body = raw[header_end + 1:]
    base = header_end + 1
    quote = body == 34
    separators = (body == ord(delimiter)) | (body == 10)
    if quote.any():
        inside = (np.cumsum(quote, dtype=np.uint8) & 1).astype(bool)
        separators &= ~inside
    seps = np.flatnonzero(separators)
    if not len(seps):
        return None
    newline = body[seps] == 10
    rows = len(seps) // count_columns
    if len(seps) % count_columns or not np.array_equal(
            np.flatnonzero(newline), np.arange(count_columns - 1, len(seps), count_columns)):
        return None  # ragged rows or blank lines: the importer says what is wrong
    starts: npt.NDArray[Any] = np.empty(len(seps), np.int64)
    starts[0] = 0
    starts[1:] = seps[:-1] + 1
    ends: npt.NDArray[Any] = seps.astype(np.int64)
    # A field ending in CR (CRLF line ends) loses it; quoted fields lose their quotes.
    cr = (ends > starts) & (body[np.maximum(ends - 1, 0)] == 13)
    ends[cr] -= 1
    last = body[np.maximum(ends - 1, 0)]
    quoted: npt.NDArray[Any] = (ends - starts >= 2) & (body[starts] == 34) & (last == 34)
    starts[quoted] += 1
    ends[quoted] -= 1
    starts += base
    ends += base
    starts = starts.reshape(rows, count_columns)
    ends = ends.reshape(rows, count_columns)
    quoted = quoted.reshape(rows, count_columns)

    slow = np.zeros(rows, bool)
    # Quoted cells with doubled quotes inside, and cells with spaces around them, are
    # read by the importer (its cells are unescaped and stripped).
    for role in ("id", "title", "start", "end", "category", "tags", "actors", "as_written",
                 "latest", "source"):
        if not columns.has(role):
            continue
        k = columns.roles[role]
        s, e = starts[:, k], ends[:, k]
        nonempty = e > s
        edge = np.zeros(rows, bool)
        edge[nonempty] = np.isin(raw[s[nonempty]], (32, 9)) | np.isin(raw[e[nonempty] - 1],
                                                                      (32, 9))
        slow |= edge
        for row in np.flatnonzero(quoted[:, k]).tolist():
            if data.find(b'""', int(s[row]), int(e[row])) != -1 or \
                    data.find(b"\n", int(s[row]), int(e[row])) != -1:
                slow[row] = True
    for role in _ROW_BY_ROW:
        if columns.has(role):
            k = columns.roles[role]
            slow |= ends[:, k] > starts[:, k]
    title_k, id_k = columns.roles["title"], columns.roles["id"]
    slow |= ends[:, title_k] == starts[:, title_k]
    slow |= ends[:, id_k] == starts[:, id_k]
    slow |= _needs_clean_up(data, starts[:, title_k], ends[:, title_k])

    k = columns.roles["start"]
    start_code, start_low, start_high = parse_fields(raw, starts[:, k], ends[:, k])
    slow |= start_code == STORED
    end_code = np.full(rows, NO_END, np.uint8)
    end_low = np.zeros(rows, np.int64)
    end_high = np.zeros(rows, np.int64)
    has_end = np.zeros(rows, bool)
    if columns.has("end"):
        k = columns.roles["end"]
        has_end = ends[:, k] > starts[:, k]
        codes, low, high = parse_fields(raw, starts[:, k], ends[:, k])
        slow |= has_end & (codes == STORED)
        end_code[has_end] = codes[has_end]
        end_low[has_end], end_high[has_end] = low[has_end], high[has_end]
    native = tuple(header) == COLUMNS
    if native and columns.has("latest"):
        k = columns.roles["latest"]
        present = (ends[:, k] > starts[:, k]) & ~has_end
        codes, low, high = parse_fields(raw, starts[:, k], ends[:, k])
        slow |= present & (codes != PLAIN_DAY)
        beyond = present & (codes == PLAIN_DAY) & (low >= start_high)
        end_code[beyond] = PLAIN_DAY
        end_low[beyond], end_high[beyond] = low[beyond], high[beyond]
        has_end = has_end | beyond
    # An end before its start is the importer's message.
    slow |= has_end & (end_high <= start_low)

    reader = reader_factory(columns, native, file)
    unused = [n for n in header if n in columns.unused]
    if unused:
        reader.warn("row 1", "columns not imported: " + ", ".join(f"'{n}'" for n in unused))

    def cells(role: str, which: npt.NDArray[np.int64] | None = None) -> list[str]:
        if not columns.has(role):
            return [""] * (rows if which is None else len(which))
        k = columns.roles[role]
        s, e = starts[:, k], ends[:, k]
        if which is not None:
            s, e = s[which], e[which]
        return [data[a:b].decode("utf-8") for a, b in zip(s.tolist(), e.tolist())]

    # Categories in order of first appearance over every row, as the importer makes them.
    category_cells = cells("category")
    names: dict[str, str] = {}
    for cell in dict.fromkeys(category_cells):
        names[cell] = reader.category(cell)
    fast = np.flatnonzero(~slow)
    fast_list = fast.tolist()
    category_of = [names[category_cells[i]] for i in fast_list]
    codes_table: dict[str, int] = {}
    category = np.asarray([codes_table.setdefault(c, len(codes_table)) for c in category_of],
                          np.int16)
    if columns.has("source"):
        for name in dict.fromkeys(cells("source", fast)):
            name = " ".join(name.split())
            if name:
                reader.source(name)
    tags = _lists(cells("tags", fast) if columns.has("tags") else None, len(fast))
    actors = _lists(cells("actors", fast) if columns.has("actors") else None, len(fast))
    start_text: dict[int, Any] = {}
    if columns.has("as_written"):
        k = columns.roles["as_written"]
        written = np.flatnonzero(ends[fast, k] > starts[fast, k])
        for position, text in zip(written.tolist(), cells("as_written", fast[written])):
            start_text[position] = DateText("", text)
    store = store_from_columns(
        ids=_blob_column(data, starts[fast, id_k], ends[fast, id_k]),
        titles=_blob_column(data, starts[fast, title_k], ends[fast, title_k]),
        start_code=start_code[fast], start_low=start_low[fast], start_high=start_high[fast],
        end_code=end_code[fast], end_low=end_low[fast], end_high=end_high[fast],
        category=category, category_ids=tuple(codes_table), tags=tags, actors=actors,
        start_text=start_text,
    )
    odd = np.flatnonzero(slow).tolist()
    if odd:
        reader.day_first = _day_first(columns, [_row(data, starts[r], ends[r], quoted[r])
                                                for r in odd[:10_000]])
        for row in odd:
            reader.row(_row(data, starts[row], ends[row], quoted[row]), row + 2)
        timeline = Timeline("", categories=tuple(reader.categories.values()),
                            sources=tuple(reader.sources.values()))
        store = store.concat(store_from_events(reader.events, timeline.event_window,
                                               store.category_ids))
    store = store.sorted()
    if len(store) and _has_repeated_ids(store):
        return None  # the importer renames repeated ids, with a warning for each
    if not len(store):
        return None
    timeline = reader.timeline(file)
    return Timeline(title=timeline.title, description=timeline.description,
                    categories=timeline.categories, sources=timeline.sources, events=store,
                    eras=timeline.eras), reader.problems


def _needs_clean_up(data: bytes, starts: I64, ends: I64) -> npt.NDArray[np.bool_]:
    """Titles holding tabs, line breaks or double spaces (the importer folds them)."""
    result = np.zeros(len(starts), bool)
    for needle in (b"  ", b"\t", b"\n", b"\r"):
        position = data.find(needle)
        hits = []
        while position != -1:
            hits.append(position)
            position = data.find(needle, position + 1)
        if hits:
            at = np.asarray(hits, np.int64)
            row = np.searchsorted(starts, at, side="right") - 1
            valid = row >= 0
            row, at = row[valid], at[valid]
            inside = (at >= starts[row]) & (at < ends[row])
            result[row[inside]] = True
    return result


def _blob_column(data: bytes, starts: I64, ends: I64) -> Any:
    from timeline_app.core.event_store import TextColumn

    offsets = np.zeros(len(starts) + 1, np.int64)
    np.cumsum(ends - starts, out=offsets[1:])
    return TextColumn(b"".join([data[a:b] for a, b in zip(starts.tolist(), ends.tolist())]),
                      offsets)


def _lists(cells: list[str] | None, count: int) -> CodeLists:
    from timeline_app.io.csv_import import _split

    if cells is None or not any(cells):
        return CodeLists.empty(count)
    cache: dict[str, tuple[str, ...]] = {}
    return CodeLists.from_lists([cache[c] if c in cache else cache.setdefault(c, _split(c))
                                 for c in cells])


def _row(data: bytes, starts: I64, ends: I64, quoted: npt.NDArray[np.bool_]) -> list[str]:
    row = []
    for a, b, q in zip(starts.tolist(), ends.tolist(), quoted.tolist()):
        text = data[a:b].decode("utf-8")
        row.append(text.replace('""', '"') if q else text)
    return row


def _day_first(columns: Any, rows: list[list[str]]) -> bool:
    from timeline_app.io.loose_dates import prefers_day_first

    return prefers_day_first(columns.cell(row, role) for row in rows for role in ("start", "end"))


def _has_repeated_ids(store: EventStore) -> bool:
    keys, _ = store._id_order
    return bool(len(keys) > 1 and (keys[1:] == keys[:-1]).any())

