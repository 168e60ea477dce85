"""Import events from CSV: this app's own export, or any spreadsheet with a date column.

**Our own columns** (:data:`csv_export.COLUMNS`): ``date`` is read as EDTF (then, if a
hand edit made it something else, as a loose date); when ``latest`` goes beyond the
start's window the event becomes a range ending on that day (an ongoing range comes
back closed on the day it was exported up to); ``as_written``, ``category`` (a name
or id), ``tags`` and ``source``/``passage`` are kept; the other columns are derived
and ignored.

**Any spreadsheet**: columns are found by header name (see :mod:`csv_columns`):
date/start/begin/from/year, end/until/to, title/headline/event/name,
description/notes/text/summary, category/group/lane/type, tags, actors,
source, quote/passage, url/link, id, display date... Separate Year/Month/Day/Time
columns (TimelineJS's Google Sheets template, with its End Year... columns, and
its Type column's "title" and "era" rows) are combined. Dates are read by
:mod:`loose_dates`: ISO, EDTF, "12 March 2001", "March 2001", "-44" (44 BCE), and
numeric 03/04/2001 day first unless the whole column only makes sense month first.

Delimiters (comma, semicolon, tab) are sniffed from the header; a UTF-8 byte order
mark is dropped; text that is not UTF-8 is read as Windows-1252, with a warning.
Row numbers in messages are spreadsheet rows, the header being row 1. A row that
cannot be read is reported (``row 14: date "sometime" is not a date ...``) and the
import goes on; only a file with no readable row is refused.

**Quotes without source texts.** A CSV carries passages but not the texts they come
from, so each distinct source name becomes a :class:`Source` with an empty text and
each passage a citation holding only its TextQuoteSelector. Anchoring therefore
reports these citations as orphans: that is the honest state (the passage has not
been found in any text yet), and the citation can be re-linked once the source's
text is imported. A passage with no source name cites a source named after the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re

from timeline_app.core import calendar as cal
from timeline_app.core import edtf
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import (
    Category,
    Citation,
    Era,
    Event,
    Link,
    Source,
    TextQuoteSelector,
    Timeline,
)
from timeline_app.core.palette import next_color
from timeline_app.core.problems import LoadError, Problem, Severity
from timeline_app.io import fast_csv
from timeline_app.io.csv_columns import Columns, header_cells, map_columns, role_of
from timeline_app.io.csv_columns import sniff_delimiter as _sniff_delimiter
from timeline_app.io.csv_export import COLUMNS
from timeline_app.io.file_dates import file_date
from timeline_app.io.html_text import html_to_text, looks_like_html, safe_url
from timeline_app.io.loose_dates import (
    LooseDateError,
    edtf_from_fields,
    parse_loose_date,
    prefers_day_first,
)
from timeline_app.io.reading import decode, read_bytes

SUFFIXES = (".csv", ".tsv", ".tab")
#: The fallback encoding for spreadsheets that are not UTF-8.
FALLBACK_ENCODING = "cp1252"
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LATEST_RE = re.compile(r"^([+-]?\d{4,})-(\d{2})-(\d{2})$")


def sniff(name: str, data: bytes) -> bool:
    """Whether this is delimited text: a ``.csv`` name, or a header with a date column."""
    text = _head_text(data)
    stripped = text.lstrip()
    if not stripped or stripped[0] in "{[<":
        return False  # JSON or XML, never a spreadsheet
    if name.endswith(SUFFIXES):
        return True
    cells = header_cells(stripped.splitlines()[0])
    roles = {role_of(cell) for cell in cells}
    return len(cells) >= 2 and bool(roles & {"start", "year"})


def read(file: str, data: bytes) -> tuple[Timeline, list[Problem]]:
    """Read CSV bytes (UTF-8, or Windows-1252 with a warning); see :func:`loads`."""
    if fast_csv.looks_large(data):
        fast = fast_csv.read(file, data, lambda columns, native, name: _RowReader(
            columns, native, _file_stem(name)))
        if fast is not None:
            return fast
    problems: list[Problem] = []
    if not data.startswith(_UNICODE_BOMS):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[:error.start].count(b"\n") + 1
            problems.append(Problem(f"line {line}", "not UTF-8 text; read as Windows-1252",
                                    Severity.WARNING))
    timeline, more = loads(decode(data, file, fallback=FALLBACK_ENCODING), file)
    return timeline, problems + more


def load(path: str | os.PathLike[str]) -> tuple[Timeline, list[Problem]]:
    """Read a CSV file from disk."""
    file = os.fspath(path)
    return read(file, read_bytes(file))


def loads(text: str, file: str = "<text>") -> tuple[Timeline, list[Problem]]:
    """Read CSV text into a timeline; raise :class:`LoadError` when no row is usable."""
    rows, left_open = _rows(text, file)
    start = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if start is None:
        raise LoadError(file, [Problem("row 1", "the file is empty; expected a header row "
                                       "naming the columns (e.g. date,title)")])
    header = [cell.strip().lstrip("\ufeff") for cell in rows[start]]
    columns = map_columns(header)
    if not (columns.has("start") or columns.has("year")):
        raise LoadError(file, [Problem(f"row {start + 1}", "no date column: expected a column "
                                       "named date, start, begin, from or year; the header has "
                                       + ", ".join(f"'{h}'" for h in header if h))])
    reader = _RowReader(columns, tuple(header) == COLUMNS, _file_stem(file))
    reader.day_first = prefers_day_first(
        columns.cell(row, role) for row in rows for role in ("start", "end"))
    unused = [n for i, n in enumerate(header) if n in columns.unused and i != reader.kind_column]
    if unused:
        reader.warn(f"row {start + 1}", "columns not imported: " +
                    ", ".join(f"'{name}'" for name in unused))
    if left_open:
        reader.warn(f"row {len(rows)}", "a quoted cell is never closed: everything from its "
                    "opening quote to the end of the file was read as that one cell")
    for index in range(start + 1, len(rows)):
        reader.row(rows[index], index + 1)
    return reader.timeline(file), reader.problems


def _rows(text: str, file: str) -> tuple[list[list[str]], bool]:
    """The rows, and whether the last one ends inside a quoted cell that never closes."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _sniff_delimiter(first_line)
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    # The csv module refuses cells over 131,072 characters; a long note or a 10 MB title
    # should open as it does in the other formats. The limit is process-wide, so it is
    # raised only while this file is read.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        rows = list(reader)
        # The tolerant reader silently takes the rest of the file into an unclosed
        # quote; only the strict one notices. An odd number of quotes is needed for it.
        return rows, text.count('"') % 2 == 1 and _ends_in_open_quote(text, delimiter)
    except csv.Error as error:
        raise LoadError(file, [Problem(f"line {reader.line_num}", f"not readable as CSV: "
                                       f"{error}")]) from None
    finally:
        csv.field_size_limit(limit)


def _ends_in_open_quote(text: str, delimiter: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


class _RowProblem(Exception):
    """A row that cannot become an event, and why."""


class _RowReader:
    """Turns rows into events, categories, sources and eras, collecting row problems."""

    def __init__(self, columns: Columns, native: bool, stem: str) -> None:
        self.columns = columns
        self.native = native
        self.stem = stem
        self.day_first = True
        self.kind_column = columns.index_named("type") if columns.has("year") else None
        self.problems: list[Problem] = []
        self.events: list[Event] = []
        self.taken: set[str] = set()  # ids of self.events, kept as rows are read
        self.eras: list[Era] = []
        self.categories: dict[str, Category] = {}
        self.sources: dict[str, Source] = {}
        self.title = ""
        self.description = ""
        self.skipped = 0

    def warn(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message, Severity.WARNING))

    def timeline(self, file: str) -> Timeline:
        if not self.events and self.skipped:
            raise LoadError(file, [Problem(p.location, p.message) for p in self.problems] +
                            [Problem("file", "no row could be read as an event")])
        return Timeline(title=self.title or self.stem, description=self.description,
                        categories=tuple(self.categories.values()),
                        sources=tuple(self.sources.values()), events=tuple(self.events),
                        eras=tuple(self.eras))

    def row(self, row: list[str], number: int) -> None:
        if not any(cell.strip() for cell in row):
            return
        kind = self.kind(row)
        try:
            if kind == "title":
                self.title_row(row)
            elif kind == "era":
                self.era_row(row)
            else:
                event = self.event(row, number)
                self.events.append(event)
                self.taken.add(event.id)
        except _RowProblem as problem:
            if kind not in ("title", "era"):
                self.skipped += 1
            self.warn(f"row {number}", f"{problem}; the row is skipped")

    def kind(self, row: list[str]) -> str:
        if self.kind_column is None or self.kind_column >= len(row):
            return ""
        return row[self.kind_column].strip().lower()

    def title_row(self, row: list[str]) -> None:
        self.title = self.columns.cell(row, "title") or self.title
        self.description = self.text(row)[0]

    def era_row(self, row: list[str]) -> None:
        start, end = self.dates(row)
        name = self.columns.cell(row, "title") or "Era"
        taken = {e.id for e in self.eras}
        self.eras.append(Era(unique_id(slugify(name, "era"), taken), name, start,
                             end or start, notes=self.text(row)[0]))

    def event(self, row: list[str], number: int) -> Event:
        start, end = self.dates(row)
        notes, links = self.text(row)
        links += self.link(row, number)
        title = " ".join(self.columns.cell(row, "title").split())
        title = title or notes.split("\n", 1)[0][:80].strip() or f"Event of {start.edtf}"
        taken = self.taken
        wanted = self.columns.cell(row, "id")
        if wanted in taken:
            self.warn(f"row {number}", f"the id '{wanted}' is already used; renamed")
        identifier = unique_id(wanted or slugify(title, "event"), taken)
        return Event(id=identifier, title=title, start=start, end=end,
                     category=self.category(self.columns.cell(row, "category")),
                     tags=_split(self.columns.cell(row, "tags")),
                     actors=_split(self.columns.cell(row, "actors")), notes=notes,
                     citations=self.citation(row), links=tuple(links))

    # -- dates --------------------------------------------------------------------------

    def dates(self, row: list[str]) -> tuple[UncertainDate, UncertainDate | None]:
        as_written = self.columns.cell(row, "as_written")
        if self.columns.has("start"):
            text = self.columns.cell(row, "start")
            if not text:
                raise _RowProblem(f"no date (the '{self.columns.name('start')}' column is "
                                  "empty)")
            start = self.date(text, as_written)
        else:
            start = self.from_fields(row, "", as_written)
        end = self.end(row)
        if start.is_interval and end is None:
            start, end = _split_interval(start)
        if end is None and self.native:
            end = self.latest_end(row, start)
        if end is not None and not end.is_open and end.latest is not None \
                and start.earliest is not None and end.latest <= start.earliest:
            raise _RowProblem(f"the end ({end.as_written or end.edtf}) is before the start "
                              f"({start.as_written or start.edtf})")
        return start, end

    def end(self, row: list[str]) -> UncertainDate | None:
        text = self.columns.cell(row, "end")
        if text:
            return self.date(text, "")
        if self.columns.has("end_year") and self.columns.cell(row, "end_year"):
            return self.from_fields(row, "end_", "")
        return None

    def date(self, text: str, as_written: str) -> UncertainDate:
        if self.native:
            try:
                return file_date(text, as_written)
            except EdtfError:
                pass  # a hand edit: read it as people write dates
        try:
            date = parse_loose_date(text, self.day_first)
        except LooseDateError as error:
            raise _RowProblem(str(error)) from None
        if as_written:
            return UncertainDate(date.edtf, as_written, date.reasoning)
        return date

    def from_fields(self, row: list[str], prefix: str, as_written: str) -> UncertainDate:
        """A date from Year/Month/Day/Time columns (TimelineJS's spreadsheet template)."""
        cell = self.columns.cell
        year_text = cell(row, f"{prefix}year")
        if not year_text:
            raise _RowProblem(f"no date (the '{self.columns.name(prefix + 'year')}' column is "
                              "empty)")
        year_date = self.date(year_text, "")
        if year_date.start_span is None or year_date.earliest is None:
            raise _RowProblem(f"year \"{year_text}\" is not a year")
        year = cal.from_instant(year_date.earliest).year
        month = _month(cell(row, f"{prefix}month"))
        day = _number(cell(row, f"{prefix}day"), "day", 1, 31)
        hour, minute, second = _time(cell(row, f"{prefix}time"))
        if month is None or abs(year) > 9999:
            return UncertainDate(year_date.edtf, as_written or year_date.as_written,
                                 year_date.reasoning)
        if day is not None and day > cal.days_in_month(year, month):
            raise _RowProblem(f"{cal.MONTH_NAMES[month - 1]} {year} has no day {day}")
        code = edtf_from_fields(year, month, day, hour, minute, second)
        return UncertainDate(code, as_written, year_date.reasoning)

    def latest_end(self, row: list[str], start: UncertainDate) -> UncertainDate | None:
        """Our export's ``latest`` day, when it goes beyond the start's own window."""
        match = _LATEST_RE.match(self.columns.cell(row, "latest"))
        if match is None or start.latest is None:
            return None
        year, month, day = (int(g) for g in match.groups())
        if not (1 <= month <= 12 and 1 <= day <= cal.days_in_month(year, month)):
            return None
        if cal.to_instant(year, month, day) < start.latest:
            return None
        code = edtf.format_date(year, month, day) if abs(year) <= 9999 else \
            edtf.format_date(year)
        return UncertainDate(code)

    # -- the rest of an event -----------------------------------------------------------

    def text(self, row: list[str]) -> tuple[str, list[Link]]:
        notes = self.columns.cell(row, "notes")
        if looks_like_html(notes):
            text, links = html_to_text(notes)
            return text, list(links)
        return notes, []

    def link(self, row: list[str], number: int) -> list[Link]:
        raw = self.columns.cell(row, "url")
        if not raw:
            return []
        url = safe_url(raw)
        if url is None:
            self.warn(f"row {number}", f"the link '{raw[:60]}' is not kept: only absolute "
                      "http, https and mailto links are")
            return []
        credit = self.columns.cell(row, "link_title")
        caption = self.columns.cell(row, "link_caption")
        return [Link(url, f"{caption} — {credit}" if caption and credit else credit or caption)]

    def category(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            return ""
        if name not in self.categories:
            taken = {c.id for c in self.categories.values()}
            color = next_color(c.color for c in self.categories.values())
            self.categories[name] = Category(unique_id(slugify(name, "category"), taken),
                                             name, color)
        return self.categories[name].id

    def citation(self, row: list[str]) -> tuple[Citation, ...]:
        quote = self.columns.cell(row, "quote")
        name = " ".join(self.columns.cell(row, "source").split())
        if not quote:
            if name:
                self.source(name)  # listed, so the passage can be cited once found
            return ()
        source = self.source(name or self.stem)
        return (Citation(source.id, TextQuoteSelector(quote)),)

    def source(self, name: str) -> Source:
        if name not in self.sources:
            taken = {s.id for s in self.sources.values()}
            self.sources[name] = Source(unique_id(slugify(name, "source"), taken), name, "")
        return self.sources[name]


def _split_interval(date: UncertainDate) -> tuple[UncertainDate, UncertainDate | None]:
    first, _, second = date.edtf.partition("/")
    if first in ("", ".."):
        raise _RowProblem(f"the interval '{date.edtf}' has no start")
    end = None if second == "" else UncertainDate(OPEN if second == ".." else second)
    return UncertainDate(first, date.as_written, date.reasoning), end


def _split(cell: str) -> tuple[str, ...]:
    separator = r"[;|]" if re.search(r"[;|]", cell) else ","
    return tuple(part.strip() for part in re.split(separator, cell) if part.strip())


def _month(text: str) -> int | None:
    if not text:
        return None
    names = {n.lower(): i + 1 for i, n in enumerate(cal.MONTH_NAMES)}
    names.update({n[:3].lower(): i + 1 for i, n in enumerate(cal.MONTH_NAMES)})
    month = names.get(text.lower().rstrip("."))
    return month if month is not None else _number(text, "month", 1, 12)


def _number(text: str, what: str, low: int, high: int) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
        raise _RowProblem(f'{what} "{text}" is not a number from {low} to {high}')
    return int(text)


def _time(text: str) -> tuple[int | None, int | None, int | None]:
    if not text:
        return None, None, None
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?", text)
    if match is None:
        raise _RowProblem(f'time "{text}" is not a time such as 14:30 or 2:30 PM')
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3)) if match.group(3) else None
    if match.group(4):
        hour = hour % 12 + (12 if match.group(4).lower() == "pm" else 0)
    if hour > 23 or minute > 59 or (second or 0) > 59:
        raise _RowProblem(f'time "{text}" is not a time of day')
    return hour, minute, second


def _head_text(data: bytes) -> str:
    head = data[:8192]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, "replace")
    return head.decode("utf-8", "replace").lstrip("\ufeff")


def _file_stem(file: str) -> str:
    name = os.path.basename(file)
    return name.rsplit(".", 1)[0] if "." in name else name or "Imported events"
