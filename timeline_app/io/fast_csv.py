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
import threading
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core.event_store import (
    DAY,
    NO_END,
    PLAIN_DAY,
    STORED,
    CodeLists,
    DateText,
    EventStore,
    TextColumn,
    store_from_events,
)
from timeline_app.core.model import Timeline
from timeline_app.core.problems import Problem
from timeline_app.core.store_builders import fresh_timeline, store_from_columns, time_order
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
        result = _read(file, data, header, header_end, delimiter, columns, reader_factory)
    if result is None:
        return None
    # The file's temporaries are gone: make its few kept objects anew (fresh_timeline).
    return fresh_timeline(result[0]), result[1]


_CHUNK = 1 << 22  # bytes scanned at a time: small buffers, reused, stay in cache


def _tokenize(data: bytes, header_end: int, delimiter: str, count_columns: int
              ) -> _Fields | None:
    """The separators of every row, found in a few vectorised passes (None: not a grid).

    The bytes are scanned in chunks so that the masks are a few megabytes, whatever the
    file's size; fields are then bounded column by column, only for the columns read.
    """
    if len(data) >= 2**31 - 1:
        return None
    raw = np.frombuffer(data, np.uint8)
    base = header_end + 1
    separator = ord(delimiter)
    found: list[npt.NDArray[np.int32]] = []
    quote_parts: list[npt.NDArray[np.int32]] = []
    for start in range(base, len(raw), _CHUNK):
        part = raw[start:start + _CHUNK]
        mask = part == separator
        mask |= part == 10
        found.append((np.flatnonzero(mask) + start).astype(np.int32))
        if 34 in part:
            quote_parts.append((np.flatnonzero(part == 34) + start).astype(np.int32))
    candidates = np.concatenate(found) if found else np.zeros(0, np.int32)
    quotes = np.concatenate(quote_parts) if quote_parts else np.zeros(0, np.int32)
    inner_breaks = np.zeros(0, np.int32)
    seps = candidates
    if len(quotes):
        if len(quotes) % 2:
            return None
        # Separators between an opening and its closing quote are text.
        first = np.searchsorted(candidates, quotes[0::2])
        last = np.searchsorted(candidates, quotes[1::2])
        lengths = last - first
        total = int(lengths.sum())
        if total:
            offsets = np.cumsum(lengths) - lengths
            inside = np.repeat(first - offsets, lengths) + np.arange(total)
            inner = candidates[inside]
            inner_breaks = inner[raw[inner] == 10]
            keep = np.ones(len(candidates), bool)
            keep[inside] = False
            seps = candidates[keep]
    if not len(seps) or len(seps) % count_columns:
        return None
    grid = seps.reshape(-1, count_columns)
    # Every row ends with a line break, and no other separator is one.
    breaks = data.count(b"\n", base) - len(inner_breaks)
    if breaks != len(grid) or not (raw[grid[:, -1]] == 10).all():
        return None  # ragged rows or blank lines: the importer says what is wrong
    return _Fields(raw, grid, base, quotes, inner_breaks)


class _Fields:
    """Field bounds of a CSV grid, computed column by column when first read."""

    def __init__(self, raw: npt.NDArray[np.uint8], grid: npt.NDArray[np.int32], base: int,
                 quotes: npt.NDArray[np.int32], inner_breaks: npt.NDArray[np.int32]) -> None:
        self.raw = raw
        self.grid = grid
        self.base = base
        self.quotes = quotes
        self.rows, self.width = grid.shape
        self._columns: dict[int, tuple[npt.NDArray[Any], npt.NDArray[Any],
                                       npt.NDArray[np.bool_]]] = {}
        self.odd = np.zeros(self.rows, bool)
        if len(inner_breaks):
            self.odd[np.searchsorted(self.s(0), inner_breaks, side="right") - 1] = True

    def column(self, k: int) -> tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[np.bool_]]:
        found = self._columns.get(k)
        if found is not None:
            return found
        grid, raw = self.grid, self.raw
        if k:
            starts = grid[:, k - 1] + 1
        else:
            starts = np.empty(self.rows, np.int32)
            starts[0] = self.base
            starts[1:] = grid[:-1, -1] + 1
        ends = grid[:, k].copy()
        if k == self.width - 1:  # a line ending in CR LF: the last field loses the CR
            ends -= (ends > starts) & (raw[ends - 1] == 13)
        quoted = (ends - starts >= 2) & (raw[starts] == 34) & (raw[np.maximum(ends - 1, 0)] == 34)
        starts += quoted
        ends -= quoted
        if len(self.quotes) and quoted.any():
            # A quoted field holding quotes (doubled): the importer unescapes it.
            where = np.flatnonzero(quoted)
            held = np.searchsorted(self.quotes, ends[where]) - \
                np.searchsorted(self.quotes, starts[where])
            self.odd[where[held > 0]] = True
        self._columns[k] = (starts, ends, quoted)
        return starts, ends, quoted

    def s(self, k: int) -> npt.NDArray[Any]:
        return self.column(k)[0]

    def e(self, k: int) -> npt.NDArray[Any]:
        return self.column(k)[1]

    def cells(self, data: bytes, row: int) -> list[str]:
        """One row's cells as the csv module reads them (for the importer)."""
        bounds = [self.base if row == 0 else int(self.grid[row - 1, -1]) + 1]
        bounds += [int(x) + 1 for x in self.grid[row, :-1]]
        cells = []
        for k, start in enumerate(bounds):
            end = int(self.grid[row, k])
            text = data[start:end].decode("utf-8")
            if k == self.width - 1 and text.endswith("\r"):
                text = text[:-1]
            if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
                text = text[1:-1].replace('""', '"')
            cells.append(text)
        return cells


def _read(file: str, data: bytes, header: list[str], header_end: int, delimiter: str,
          columns: Any, reader_factory: Any) -> tuple[Timeline, list[Problem]] | None:
    from timeline_app.io.csv_export import COLUMNS
    from timeline_app.io.fast_native import reading_progress

    progress = reading_progress()
    fields = _tokenize(data, header_end, delimiter, len(header))
    if fields is None:
        return None
    if progress is not None:
        progress(0.3)
    raw = fields.raw
    rows = fields.rows
    # Quoted cells with doubled quotes or line breaks inside, and cells with spaces
    # around them (the importer strips them), are read by the importer.
    slow = np.zeros(rows, bool)
    read = [columns.roles[r] for r in ("id", "title", "start", "end", "category", "tags",
                                       "actors", "as_written", "latest", "source")
            if columns.has(r)]
    title_k, id_k = columns.roles["title"], columns.roles["id"]
    for k in read + [columns.roles[r] for r in _ROW_BY_ROW if columns.has(r)]:
        fields.column(k)  # every column bounded here, before the worker starts

    def check_cells() -> npt.NDArray[np.bool_]:
        """Rows whose cells need the importer (numpy and C searches: runs beside)."""
        odd = np.zeros(rows, bool)
        for k in read:
            s, e = fields.s(k), fields.e(k)
            nonempty = np.flatnonzero(e > s)
            if not len(nonempty):
                continue
            first, last = raw[s[nonempty]], raw[e[nonempty] - 1]
            odd[nonempty[(first == 32) | (first == 9) | (last == 32) | (last == 9)]] = True
        for role in _ROW_BY_ROW:
            if columns.has(role):
                k = columns.roles[role]
                odd |= fields.e(k) > fields.s(k)
        odd |= fields.e(title_k) == fields.s(title_k)
        odd |= fields.e(id_k) == fields.s(id_k)
        odd |= _rows_holding(data, fields.s(title_k), fields.e(title_k), (b"  ", b"\t"))
        return odd

    native = tuple(header) == COLUMNS
    for role in ("start", "end", "latest", "as_written"):
        if columns.has(role):
            fields.column(columns.roles[role])  # computed here, not in the worker

    def read_dates() -> dict[str, Any]:
        """Every date column at once (numpy, so it runs beside the text work below)."""
        slow = np.zeros(rows, bool)
        k = columns.roles["start"]
        start_code, start_low, start_high = parse_fields(raw, fields.s(k), fields.e(k))
        start_flags, start_qualified = _qualifiers(raw, fields.e(k), start_code)
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
            has_end = fields.e(k) > fields.s(k)
            codes, low, high = parse_fields(raw, fields.s(k), fields.e(k))
            flags, qualified = _qualifiers(raw, fields.e(k), codes)
            slow |= has_end & (codes == STORED) & ~qualified
            end_code[has_end] = codes[has_end]
            end_low[has_end], end_high[has_end] = low[has_end], high[has_end]
            end_flags[has_end] = flags[has_end]
            end_qualified = has_end & qualified
        if native and columns.has("latest"):
            k = columns.roles["latest"]
            present = (fields.e(k) > fields.s(k)) & ~has_end
            codes, low, high = parse_fields(raw, fields.s(k), fields.e(k))
            slow |= present & (codes != PLAIN_DAY)
            beyond = present & (codes == PLAIN_DAY) & (low >= start_high)
            end_code[beyond] = PLAIN_DAY
            end_low[beyond], end_high[beyond] = low[beyond], high[beyond]
            has_end = has_end | beyond
        # An end before its start is the importer's message.
        slow |= has_end & (end_high <= start_low)

        return {"slow": slow, "start_code": start_code, "start_low": start_low,
                "start_high": start_high, "start_flags": start_flags,
                "start_qualified": start_qualified, "day_precise": day_precise,
                "end_code": end_code, "end_low": end_low, "end_high": end_high,
                "end_flags": end_flags, "end_qualified": end_qualified}

    dated: dict[str, Any] = {}
    failure: list[BaseException] = []

    def work() -> None:
        try:
            dated.update(read_dates())
            dated["cells"] = check_cells()
        except BaseException as error:
            failure.append(error)

    worker = threading.Thread(target=work, name="csv-dates", daemon=True)
    worker.start()
    if progress is not None:
        progress(0.6)
    reader = reader_factory(columns, native, file)
    unused = [n for n in header if n in columns.unused]
    if unused:
        reader.warn("row 1", "columns not imported: " + ", ".join(f"'{n}'" for n in unused))

    def cells(role: str, which: npt.NDArray[np.int64]) -> list[bytes]:
        k = columns.roles[role]
        return [data[a:b] for a, b in zip(fields.s(k)[which].tolist(),
                                           fields.e(k)[which].tolist())]

    everything = np.arange(rows, dtype=np.int64)
    # Categories in order of first appearance over every row, as the importer makes them.
    category_id: dict[bytes, str] = {}
    category_cells: list[bytes] = cells("category", everything) if columns.has("category") \
        else [b""] * rows
    for cell in dict.fromkeys(category_cells):
        category_id[cell] = reader.category(cell.decode("utf-8"))
    k_source = columns.roles.get("source")
    if k_source is not None and (fields.e(k_source) > fields.s(k_source)).any():
        for cell in dict.fromkeys(cells("source", everything)):
            name = " ".join(cell.decode("utf-8").split())
            if name:
                reader.source(name)

    # Text in file order, every row (those read one by one leave theirs unused), while
    # the dates are read beside.
    all_rows = np.arange(rows, dtype=np.int64)
    id_blob = _blob_column(data, fields.s(id_k), fields.e(id_k), None)
    title_blob = _blob_column(data, fields.s(title_k), fields.e(title_k), None)
    tag_lists = _lists(fields, data, columns.roles.get("tags"), rows)
    actor_lists = _lists(fields, data, columns.roles.get("actors"), rows)
    codes_table: dict[str, int] = {}
    setdefault = codes_table.setdefault
    code_of_cell = {cell: setdefault(name, len(codes_table)) for cell, name in
                    category_id.items()}
    file_category = np.asarray([code_of_cell[c] for c in category_cells], np.int16)
    del all_rows
    worker.join()
    if failure:
        raise failure[0]
    start_code, start_low, start_high = dated["start_code"], dated["start_low"], \
        dated["start_high"]
    start_flags, start_qualified = dated["start_flags"], dated["start_qualified"]
    day_precise, end_code, end_low = dated["day_precise"], dated["end_code"], \
        dated["end_low"]
    end_high, end_flags, end_qualified = dated["end_high"], dated["end_flags"], \
        dated["end_qualified"]
    slow |= dated["slow"]
    slow |= dated["cells"]
    slow |= fields.odd  # quoted cells with quotes inside, rows with multi-line cells
    order, position = time_order(slow, start_low, start_high, end_code, end_high)
    # Text was gathered in file order and is shown in time order through a permutation.
    stored_order = order.astype(np.int32)
    category = file_category[order]
    start_text: dict[int, Any] = {}
    end_text: dict[int, Any] = {}
    k = columns.roles["start"]
    written_k = columns.roles.get("as_written")
    for i in np.flatnonzero(start_qualified & ~slow).tolist():
        start_text[int(position[i])] = DateText(
            data[fields.s(k)[i]:fields.e(k)[i]].decode("utf-8"),
            data[fields.s(written_k)[i]:fields.e(written_k)[i]].decode("utf-8")
            if written_k is not None else "")
    if written_k is not None:
        for i in np.flatnonzero((fields.e(written_k) > fields.s(written_k)) & ~slow
                                & ~start_qualified).tolist():
            start_text[int(position[i])] = DateText(
                "", data[fields.s(written_k)[i]:fields.e(written_k)[i]].decode("utf-8"))
    if end_qualified.any():
        k = columns.roles["end"]
        for i in np.flatnonzero(end_qualified & ~slow).tolist():
            cell = data[fields.s(k)[i]:fields.e(k)[i]]
            end_text[int(position[i])] = DateText(cell.decode("utf-8"))
    store = store_from_columns(
        ids=TextColumn(id_blob.blob, id_blob.offsets, stored_order),
        titles=TextColumn(title_blob.blob, title_blob.offsets, stored_order),
        start_code=start_code[order], start_low=start_low[order], start_high=start_high[order],
        end_code=end_code[order], end_low=end_low[order], end_high=end_high[order],
        category=category, category_ids=tuple(codes_table),
        tags=tag_lists.take(order), actors=actor_lists.take(order),
        start_text=start_text, end_text=end_text, start_flags=start_flags[order],
        end_flags=end_flags[order], day_precise=day_precise[order],
    )
    odd_rows = np.flatnonzero(slow).tolist()
    if odd_rows:
        reader.day_first = _day_first(columns, [fields.cells(data, r)
                                                for r in odd_rows[:10_000]])
        for row in odd_rows:
            reader.row(fields.cells(data, row), row + 2)
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


def _blob_column(data: bytes, starts: I64, ends: I64,
                 perm: npt.NDArray[np.int32] | None) -> TextColumn:
    offsets = np.zeros(len(starts) + 1, np.int64)
    np.cumsum(ends - starts, out=offsets[1:])
    return TextColumn(b"".join([data[a:b] for a, b in zip(starts.tolist(), ends.tolist())]),
                      offsets, perm)


def _lists(fields: _Fields, data: bytes, k: int | None, rows: int) -> CodeLists:
    """A column of lists (tags, actors) in file order, each distinct cell split once."""
    from timeline_app.io.csv_import import _split

    if k is None:
        return CodeLists.empty(rows)
    starts, ends = fields.s(k), fields.e(k)
    present = np.flatnonzero(ends > starts)
    if not len(present):
        return CodeLists.empty(rows)
    cells = [data[a:b] for a, b in zip(starts[present].tolist(), ends[present].tolist())]
    index: dict[str, int] = {}
    codes_of: dict[bytes, list[int]] = {}
    for cell in set(cells):
        codes_of[cell] = [index.setdefault(name, len(index))
                          for name in _split(cell.decode("utf-8"))]
    lengths = np.zeros(rows, np.int64)
    per_row = [codes_of[c] for c in cells]
    lengths[present] = np.fromiter(map(len, per_row), np.int64, len(per_row))
    offsets = np.zeros(rows + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    codes = np.fromiter(chain.from_iterable(per_row), np.int32, int(offsets[-1]))
    return CodeLists(tuple(index), offsets, codes)


def _day_first(columns: Any, rows: list[list[str]]) -> bool:
    from timeline_app.io.loose_dates import prefers_day_first

    return prefers_day_first(columns.cell(row, role) for row in rows for role in ("start", "end"))


def _has_repeated_ids(store: EventStore) -> bool:
    return store._id_order.has_repeats()

