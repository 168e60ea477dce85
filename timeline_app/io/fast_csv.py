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
    DAY,
    NO_END,
    OPEN_END,
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
from timeline_app.io.fast_dates import QUALIFIED, parse_fields, qualifier_flags
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


def _tokenize(data: bytes, header_end: int, delimiter: str, count_columns: int
              ) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any],
                         npt.NDArray[np.bool_]] | None:
    """Field bounds (rows × columns, absolute byte offsets, quotes and CR removed).

    Also says which rows have a quoted field holding a quote or a line break (the
    importer unescapes those).
    """
    raw = np.frombuffer(data, np.uint8)
    base = header_end + 1
    body = raw[base:]
    candidates = np.flatnonzero((body == ord(delimiter)) | (body == 10))
    quotes = np.flatnonzero(body == 34)
    inner_breaks = np.zeros(0, np.int64)
    if len(quotes):
        if len(quotes) % 2:
            return None
        # Separators between an opening and its closing quote are text: mark the
        # candidate ranges each quoted stretch covers, with a running sum.
        first = np.searchsorted(candidates, quotes[0::2])
        last = np.searchsorted(candidates, quotes[1::2])
        delta = np.zeros(len(candidates) + 1, np.int32)
        np.add.at(delta, first, 1)
        np.add.at(delta, last, -1)
        inside = np.cumsum(delta[:-1]) > 0
        inner = candidates[inside]
        inner_breaks = inner[body[inner] == 10] + base
        seps = candidates[~inside]
    else:
        seps = candidates
    if not len(seps) or len(seps) % count_columns:
        return None
    newline = np.flatnonzero(body[seps] == 10)
    if not np.array_equal(newline, np.arange(count_columns - 1, len(seps), count_columns)):
        return None  # ragged rows or blank lines: the importer says what is wrong
    rows = len(seps) // count_columns
    starts = np.empty(len(seps), np.int64)
    starts[0] = base
    starts[1:] = seps[:-1] + (base + 1)
    ends = seps.astype(np.int64) + base
    # A field ending in CR (CRLF line ends) loses it; quoted fields lose their quotes.
    cr = (ends > starts) & (raw[ends - 1] == 13)
    ends[cr] -= 1
    quoted = (ends - starts >= 2) & (raw[starts] == 34) & (raw[ends - 1] == 34)
    starts[quoted] += 1
    ends[quoted] -= 1
    odd = np.zeros(rows, bool)
    if len(quotes):
        # A quoted field holding quotes (doubled) or a line break.
        absolute = quotes + base
        held = np.searchsorted(absolute, ends[quoted]) - np.searchsorted(absolute, starts[quoted])
        odd[np.flatnonzero(quoted)[held > 0] // count_columns] = True
        if len(inner_breaks):
            row_starts = starts[::count_columns]
            odd[np.searchsorted(row_starts, inner_breaks, side="right") - 1] = True
    return (starts.reshape(rows, count_columns), ends.reshape(rows, count_columns),
            quoted.reshape(rows, count_columns), odd)


def _read(file: str, data: bytes, header: list[str], header_end: int, delimiter: str,
          columns: Any, reader_factory: Any) -> tuple[Timeline, list[Problem]] | None:
    from timeline_app.io.csv_export import COLUMNS

    fields = _tokenize(data, header_end, delimiter, len(header))
    if fields is None:
        return None
    starts, ends, quoted, odd = fields
    raw = np.frombuffer(data, np.uint8)
    rows = len(starts)
    # Quoted cells with doubled quotes or line breaks inside, and cells with spaces
    # around them (the importer strips them), are read by the importer.
    slow = odd.copy()
    read = [columns.roles[r] for r in ("id", "title", "start", "end", "category", "tags",
                                       "actors", "as_written", "latest", "source")
            if columns.has(r)]
    for k in read:
        s, e = starts[:, k], ends[:, k]
        nonempty = np.flatnonzero(e > s)
        if not len(nonempty):
            continue
        first, last = raw[s[nonempty]], raw[e[nonempty] - 1]
        slow[nonempty[(first == 32) | (first == 9) | (last == 32) | (last == 9)]] = True
    for role in _ROW_BY_ROW:
        if columns.has(role):
            k = columns.roles[role]
            slow |= ends[:, k] > starts[:, k]
    title_k, id_k = columns.roles["title"], columns.roles["id"]
    slow |= ends[:, title_k] == starts[:, title_k]
    slow |= ends[:, id_k] == starts[:, id_k]
    slow |= _rows_holding(data, starts[:, title_k], ends[:, title_k], (b"  ", b"\t"))

    k = columns.roles["start"]
    start_code, start_low, start_high = parse_fields(raw, starts[:, k], ends[:, k])
    start_flags, start_qualified = _qualifiers(raw, ends[:, k], start_code)
    day_precise = start_low + DAY == start_high
    slow |= (start_code == STORED) & ~start_qualified
    end_code = np.full(rows, NO_END, np.uint8)
    end_low = np.zeros(rows, np.int64)
    end_high = np.zeros(rows, np.int64)
    end_flags = np.zeros(rows, np.uint8)
    end_qualified = np.zeros(rows, bool)
    has_end = np.zeros(rows, bool)
    if columns.has("end"):
        k = columns.roles["end"]
        has_end = ends[:, k] > starts[:, k]
        codes, low, high = parse_fields(raw, starts[:, k], ends[:, k])
        flags, qualified = _qualifiers(raw, ends[:, k], codes)
        slow |= has_end & (codes == STORED) & ~qualified
        end_code[has_end] = codes[has_end]
        end_low[has_end], end_high[has_end] = low[has_end], high[has_end]
        end_flags[has_end] = flags[has_end]
        end_qualified = has_end & qualified
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

    def cells(role: str, which: npt.NDArray[np.int64]) -> list[bytes]:
        k = columns.roles[role]
        return [data[a:b] for a, b in zip(starts[which, k].tolist(), ends[which, k].tolist())]

    everything = np.arange(rows, dtype=np.int64)
    # Categories in order of first appearance over every row, as the importer makes them.
    category_id: dict[bytes, str] = {}
    category_cells: list[bytes] = cells("category", everything) if columns.has("category") \
        else [b""] * rows
    for cell in dict.fromkeys(category_cells):
        category_id[cell] = reader.category(cell.decode("utf-8"))
    if columns.has("source"):
        for cell in dict.fromkeys(cells("source", everything)):
            name = " ".join(cell.decode("utf-8").split())
            if name:
                reader.source(name)

    fast = np.flatnonzero(~slow)
    is_range = end_code[fast] != NO_END
    latest = np.where(is_range & (end_code[fast] != OPEN_END), end_high[fast], start_high[fast])
    order = fast[np.lexsort((latest, start_low[fast]))]
    ordered = order.tolist()
    # Text is gathered in file order (fast) and shown in time order through a permutation.
    stored_order = np.searchsorted(fast, order).astype(np.int32)
    codes_table: dict[str, int] = {}
    setdefault = codes_table.setdefault
    category = np.asarray([setdefault(category_id[category_cells[i]], len(codes_table))
                           for i in ordered], np.int16)
    start_text: dict[int, Any] = {}
    end_text: dict[int, Any] = {}
    position = np.full(rows, -1, np.int64)
    position[order] = np.arange(len(order), dtype=np.int64)
    k = columns.roles["start"]
    written_k = columns.roles.get("as_written")
    for i in np.flatnonzero(start_qualified & ~slow).tolist():
        start_text[int(position[i])] = DateText(
            data[starts[i, k]:ends[i, k]].decode("utf-8"),
            data[starts[i, written_k]:ends[i, written_k]].decode("utf-8")
            if written_k is not None else "")
    if written_k is not None:
        for i in np.flatnonzero((ends[:, written_k] > starts[:, written_k]) & ~slow
                                & ~start_qualified).tolist():
            start_text[int(position[i])] = DateText(
                "", data[starts[i, written_k]:ends[i, written_k]].decode("utf-8"))
    if end_qualified.any():
        k = columns.roles["end"]
        for i in np.flatnonzero(end_qualified & ~slow).tolist():
            end_text[int(position[i])] = DateText(data[starts[i, k]:ends[i, k]].decode("utf-8"))
    store = store_from_columns(
        ids=_blob_column(data, starts[fast, id_k], ends[fast, id_k], stored_order),
        titles=_blob_column(data, starts[fast, title_k], ends[fast, title_k], stored_order),
        start_code=start_code[order], start_low=start_low[order], start_high=start_high[order],
        end_code=end_code[order], end_low=end_low[order], end_high=end_high[order],
        category=category, category_ids=tuple(codes_table),
        tags=_lists(cells("tags", order) if columns.has("tags") else None, len(order)),
        actors=_lists(cells("actors", order) if columns.has("actors") else None, len(order)),
        start_text=start_text, end_text=end_text, start_flags=start_flags[order],
        end_flags=end_flags[order], day_precise=day_precise[order],
    )
    odd_rows = np.flatnonzero(slow).tolist()
    if odd_rows:
        reader.day_first = _day_first(columns, [_row(data, starts[r], ends[r], quoted[r])
                                                for r in odd_rows[:10_000]])
        for row in odd_rows:
            reader.row(_row(data, starts[row], ends[row], quoted[row]), row + 2)
        timeline = Timeline("", categories=tuple(reader.categories.values()),
                            sources=tuple(reader.sources.values()))
        store = store.concat(store_from_events(reader.events, timeline.event_window,
                                               store.category_ids)).sorted()
    if not len(store) or _has_repeated_ids(store):
        return None  # the importer renames repeated ids, with a warning for each
    timeline = reader.timeline(file)
    return Timeline(title=timeline.title, description=timeline.description,
                    categories=timeline.categories, sources=timeline.sources, events=store,
                    eras=timeline.eras), reader.problems


def _qualifiers(raw: npt.NDArray[np.uint8], ends: I64, codes: npt.NDArray[np.uint8]
                ) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.bool_]]:
    """Flags of dates ending in a qualifier; their codes become STORED (EDTF kept)."""
    qualified = (codes & QUALIFIED) != 0
    flags = np.zeros(len(codes), np.uint8)
    if qualified.any():
        flags[qualified] = qualifier_flags(raw[ends[qualified] - 1])
        codes[qualified] = STORED
    return flags, qualified


def _rows_holding(data: bytes, starts: I64, ends: I64, needles: tuple[bytes, ...]
                  ) -> npt.NDArray[np.bool_]:
    """Rows whose field [starts, ends) contains one of ``needles`` (rare ones)."""
    result = np.zeros(len(starts), bool)
    if not len(starts):
        return result
    for needle in needles:
        hits = []
        position = data.find(needle, int(starts[0]))
        while position != -1:
            hits.append(position)
            position = data.find(needle, position + 1)
        if not hits:
            continue
        at = np.asarray(hits, np.int64)
        row = np.clip(np.searchsorted(starts, at, side="right") - 1, 0, len(starts) - 1)
        inside = (at >= starts[row]) & (at + len(needle) <= ends[row])
        result[row[inside]] = True
    return result


def _blob_column(data: bytes, starts: I64, ends: I64, perm: npt.NDArray[np.int32]) -> Any:
    from timeline_app.core.event_store import TextColumn

    offsets = np.zeros(len(starts) + 1, np.int64)
    np.cumsum(ends - starts, out=offsets[1:])
    return TextColumn(b"".join([data[a:b] for a, b in zip(starts.tolist(), ends.tolist())]),
                      offsets, perm)


def _lists(cells: list[bytes] | None, count: int) -> CodeLists:
    from timeline_app.io.csv_import import _split

    if cells is None or not any(cells):
        return CodeLists.empty(count)
    split = {cell: _split(cell.decode("utf-8")) for cell in set(cells)}
    return CodeLists.from_lists([split[c] for c in cells])


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

