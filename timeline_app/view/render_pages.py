"""Exported pages: title block, chronology and legend, and the numbered citation list in columns.

A :class:`Document` is laid out once, in logical pixels, and :func:`paint_page` paints
it onto an image, an SVG generator or each page of a PDF writer. The list flows down
columns and, for PDF, over further pages; an image of a fixed height ends it with
"… and N more" instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from timeline_app.core.columns import build_columns
from timeline_app.core.describe import range_text
from timeline_app.core.model import Timeline
from timeline_app.view.legend import legend_height, paint_legend
from timeline_app.view.render import (
    ChronologyPicture,
    TooSmall,
    badge_font,
    paint_chronology,
    plan_chronology,
    sized,
)
from timeline_app.view.render_content import NumberedEvent
from timeline_app.view.render_text import (
    BREAK,
    Paragraph,
    Run,
    badge_size,
    paint_badge,
    paint_lines,
    wrap,
)
from timeline_app.view.theme import Theme

MARGIN = 36.0
GAP = 24.0
LEGEND_WIDTH = 250.0
#: Narrower than this, the chronology takes the whole width and the legend goes below it.
MIN_SIDE_CHRONOLOGY = 700.0
#: The citation list gets as many columns of at least this width as fit (about 70 characters).
MIN_COLUMN = 440.0
ENTRY_GAP = 8.0
HEADING = 30.0
#: A PDF page's number line at the bottom.
FOOTER = 22.0

Column = tuple[QRectF, tuple["Placement", ...]]


@dataclass(frozen=True)
class Entry:
    """A laid-out list entry: its number and its wrapped lines (title and date, then passages)."""

    number: int
    paragraph: Paragraph


@dataclass(frozen=True)
class Placement:
    """Some lines of one entry at a height in a column."""

    entry: int
    lines: range
    top: float


@dataclass(frozen=True)
class Page:
    """A page: the first has the title block and the chronology; any may have list columns."""

    first: bool
    columns: tuple[Column, ...]
    heading: float | None  # y of the "Citations" heading, when the list starts or goes on here
    continued: bool = False  # the list began on an earlier page


@dataclass(frozen=True)
class Document:
    """Everything the pages show, laid out in logical pixels."""

    size: QSizeF
    theme: Theme
    top: _Top
    entries: tuple[Entry, ...]
    indent: float
    pages: tuple[Page, ...]
    omitted: int = 0
    footer: str = ""


@dataclass(frozen=True)
class _Top:
    """The first page's upper part: title block, chronology and legend; the list starts below."""

    title: Paragraph
    subtitle: str
    picture: ChronologyPicture
    chronology_at: QPointF
    legend: QRectF
    bottom: float


def compose_image(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
                  width: float, height: float | None, max_height: float) -> Document:
    """One page ``width`` wide: ``height`` tall, or as tall as it needs up to ``max_height``.

    A list that does not fit ends with "… and N more"; :class:`TooSmall` when even the
    chronology (with room for that note) cannot fit ``height``.
    """
    note = _line_height(theme) + ENTRY_GAP
    top = _build_top(timeline, window, theme, width, None if height is None else
                     height - MARGIN - GAP - HEADING - note)
    columns = _column_count(width)
    entries, indent = _entries(top.picture.entries, theme, _column_width(width, columns))
    list_top = top.bottom + GAP + HEADING
    room = (height if height is not None else max_height) - list_top - MARGIN
    if height is None:
        room = min(room, _balanced_height(entries, columns))
    rects = _rects(list_top, room, width, columns)
    # Entries stay whole on an image: the list stops at the first that does not fit.
    filled, position = _fill_all(entries, rects, (0, 0), split=False)
    if position[0] < len(entries):
        rects = [rect.adjusted(0, 0, 0, -note) for rect in rects]  # the note goes below
        filled, position = _fill_all(entries, rects, (0, 0), split=False)
    omitted = len(entries) - position[0]
    used = max((placements[-1].top + _lines_height(entries[placements[-1].entry], placements[-1])
                for _, placements in filled if placements), default=top.bottom)
    natural = (list_top + room if omitted else used) + MARGIN
    size = QSizeF(width, height if height is not None else math.ceil(natural))
    page = Page(True, tuple(filled), top.bottom + GAP if entries else None)
    return Document(size, theme, top, entries, indent, (page,), omitted)


def compose_pages(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
                  page: QSizeF) -> Document:
    """Pages of ``page``'s shape, all enlarged alike (drawn smaller) if the chronology needs it."""
    scale = 1.0
    while True:
        size = QSizeF(page.width() * scale, page.height() * scale)
        try:
            top = _build_top(timeline, window, theme, size.width(),
                             size.height() - MARGIN - FOOTER)
            break
        except TooSmall as error:
            scale *= max(1.02, (size.height() + error.shortfall) / size.height())
    columns = _column_count(size.width())
    entries, indent = _entries(top.picture.entries, theme, _column_width(size.width(), columns))
    bottom = size.height() - MARGIN - FOOTER
    pages: list[Page] = []
    position = (0, 0)
    list_top = top.bottom + GAP + HEADING
    if entries and bottom - list_top >= 3 * _line_height(theme):
        filled, position = _fill_all(entries, _rects(list_top, bottom - list_top, size.width(),
                                                     columns), position)
        pages.append(Page(True, tuple(filled), top.bottom + GAP))
    else:
        pages.append(Page(True, (), None))
    while position[0] < len(entries):
        rects = _rects(MARGIN + HEADING, bottom - MARGIN - HEADING, size.width(), columns)
        filled, position = _fill_all(entries, rects, position)
        pages.append(Page(False, tuple(filled), MARGIN, continued=len(pages) > 1 or
                          bool(pages[0].columns)))
    return Document(size, theme, top, entries, indent, tuple(pages), 0,
                    timeline.title or "Chronology")


def paint_page(p: QPainter, doc: Document, index: int) -> None:
    """Paint page ``index`` of ``doc`` in logical pixels from (0, 0)."""
    theme, page, top = doc.theme, doc.pages[index], doc.top
    width = doc.size.width()
    p.fillRect(QRectF(0, 0, width, doc.size.height()), theme.background)
    if page.first:
        y = paint_lines(p, top.title, MARGIN, MARGIN)
        _text(p, theme, QPointF(MARGIN, y + 4), top.subtitle, muted=True, width=width - 2 * MARGIN)
        paint_chronology(p, top.picture, top.chronology_at.x(), top.chronology_at.y())
        lanes = top.picture.context.scene.columns.lanes
        paint_legend(p, top.legend, theme, [lanes[i] for i in top.picture.lanes_shown])
    if page.heading is not None:
        p.setFont(sized(theme.bold_font, theme.bold_font.pixelSize() + 2, bold=True))
        p.setPen(theme.text)
        heading = "Citations (continued)" if page.continued else "Citations"
        p.drawText(QRectF(MARGIN, page.heading, width - 2 * MARGIN, HEADING - 8),
                   Qt.AlignmentFlag.AlignVCenter, heading)
        if not page.continued:
            left = MARGIN + p.fontMetrics().horizontalAdvance(heading) + 12
            _text(p, theme, QPointF(left, page.heading + 4),
                  "numbers match the badges on the chronology", muted=True)
    font = badge_font(theme)
    for rect, placements in page.columns:
        for placed in placements:
            entry = doc.entries[placed.entry]
            if placed.lines.start == 0:
                size = badge_size(str(entry.number), font)
                paint_badge(p, QRectF(QPointF(rect.left(), placed.top), size), str(entry.number),
                            font, theme)
            paint_lines(p, entry.paragraph, rect.left() + doc.indent, placed.top, placed.lines)
    if doc.omitted and page.columns:
        _text(p, theme, QPointF(MARGIN, page.columns[0][0].bottom() + ENTRY_GAP),
              f"… and {doc.omitted} more event{'s' if doc.omitted != 1 else ''}: "
              "a PDF export lists every citation", muted=True)
    if doc.footer:
        _text(p, theme, QPointF(MARGIN, doc.size.height() - MARGIN - FOOTER + 8),
              f"{doc.footer} — page {index + 1} of {len(doc.pages)}", muted=True)


def _text(p: QPainter, theme: Theme, at: QPointF, text: str, muted: bool = False,
          width: float = 0.0) -> None:
    """One line in the small font from its top-left corner, elided to ``width`` if given."""
    metrics = QFontMetricsF(theme.small_font if muted else theme.font)
    if width > 0:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    p.setFont(theme.small_font if muted else theme.font)
    p.setPen(theme.muted if muted else theme.text)
    p.drawText(QPointF(at.x(), at.y() + metrics.ascent()), text)


# ----------------------------------------------------------------------------- the top part


def _build_top(timeline: Timeline, window: tuple[int, int] | None, theme: Theme, width: float,
               limit: float | None) -> _Top:
    """Title block, chronology and legend; the chronology's rows shrink to end above ``limit``."""
    content = width - 2 * MARGIN
    title_font = sized(theme.bold_font, round(theme.font.pixelSize() * 1.6), bold=True)
    title = wrap([Run(timeline.title or "Chronology", title_font, theme.text)], content)
    chronology_top = MARGIN + title.height + 4 + _line_height(theme) + GAP * 0.75
    side = content - LEGEND_WIDTH - GAP >= MIN_SIDE_CHRONOLOGY
    all_lanes = build_columns(timeline).lanes
    legend_room = legend_height(all_lanes)
    max_height = None
    if limit is not None:
        max_height = limit - chronology_top - (0 if side else GAP + legend_room)
        if side and legend_room > limit - chronology_top:
            raise TooSmall(chronology_top + legend_room, limit)
        if max_height <= 0:
            raise TooSmall(chronology_top + 200, limit)
    picture = plan_chronology(timeline, window, content - (LEGEND_WIDTH + GAP if side else 0),
                              theme, max_height)
    lanes = [all_lanes[i] for i in picture.lanes_shown]
    legend = (QRectF(width - MARGIN - LEGEND_WIDTH, chronology_top, LEGEND_WIDTH,
                     legend_height(lanes)) if side else
              QRectF(MARGIN, chronology_top + picture.height + GAP, LEGEND_WIDTH,
                     legend_height(lanes)))
    bottom = max(chronology_top + picture.height, legend.bottom())
    return _Top(title, _subtitle(timeline, picture), picture, QPointF(MARGIN, chronology_top),
                legend, bottom)


def _subtitle(timeline: Timeline, picture: ChronologyPicture) -> str:
    """The window in words, how many events it shows, how many sources they cite."""
    viewport = picture.context.viewport
    shown, total = len(picture.entries), len(timeline.events)
    events = f"{shown} event{'s' if shown != 1 else ''}"
    if shown != total:
        events += f" of {total}"
    cited = {c.source_id for entry in picture.entries
             for c in getattr(timeline.event(entry.event_id), "citations", ())}
    sources = f"{len(cited)} source{'s' if len(cited) != 1 else ''} cited"
    # The viewport's end is exclusive: name the last instant shown, not the next day.
    last = max(viewport.start + 1, viewport.end - 1)
    return f"{range_text(viewport.start, last)}  ·  {events}  ·  {sources}"


# ----------------------------------------------------------------------------- the list


def _entries(numbered: Sequence[NumberedEvent], theme: Theme,
             width: float) -> tuple[tuple[Entry, ...], float]:
    """Each numbered event wrapped beside a badge column as wide as the largest number's badge."""
    indent = badge_size(str(len(numbered) or 1), badge_font(theme)).width() + 8
    entries = []
    for item in numbered:
        runs = [Run(item.title, theme.bold_font, theme.text),
                Run(f" — {item.date}.", theme.font, theme.text)]
        for passage in item.passages:
            quotes = " ".join(f"“{quote}”" for quote in passage.quotes)
            runs += [Run(BREAK, theme.font, theme.text), Run(quotes, theme.font, theme.text),
                     Run(f" — {passage.source}.", theme.small_font, theme.muted)]
        if not item.passages:
            runs += [Run(BREAK, theme.font, theme.text),
                     Run("No cited passage.", theme.small_font, theme.muted)]
        entries.append(Entry(item.number, wrap(runs, width - indent)))
    return tuple(entries), indent


def _column_count(width: float) -> int:
    return max(1, int((width - 2 * MARGIN + GAP) // (MIN_COLUMN + GAP)))


def _column_width(width: float, columns: int) -> float:
    return (width - 2 * MARGIN - (columns - 1) * GAP) / columns


def _rects(top: float, height: float, width: float, columns: int) -> list[QRectF]:
    column = _column_width(width, columns)
    return [QRectF(MARGIN + n * (column + GAP), top, column, max(0.0, height))
            for n in range(columns)]


def _line_height(theme: Theme) -> float:
    return QFontMetricsF(theme.font).height()


def _lines_height(entry: Entry, placed: Placement) -> float:
    return sum(line.height for line in entry.paragraph.lines[placed.lines.start:placed.lines.stop])


def _fill(entries: Sequence[Entry], rect: QRectF, position: tuple[int, int],
          split: bool) -> tuple[tuple[Placement, ...], tuple[int, int]]:
    """Place entries from ``position`` (entry, line) down ``rect``; return where to go on.

    An entry moves whole to the next column when it does not fit; with ``split``, one
    taller than a whole column is cut between lines (else the list stops there).
    """
    index, first = position
    y = rect.top()
    placed: list[Placement] = []
    while index < len(entries):
        lines = entries[index].paragraph.lines
        top = y + (ENTRY_GAP if placed else 0.0)
        rest = sum(line.height for line in lines[first:])
        if top + rest <= rect.bottom():
            placed.append(Placement(index, range(first, len(lines)), top))
            y, index, first = top + rest, index + 1, 0
            continue
        if not split or (placed and rest <= rect.height()):
            break
        count, height = 0, 0.0
        while first + count < len(lines) and top + height + lines[first + count].height \
                <= rect.bottom():
            height += lines[first + count].height
            count += 1
        if count:
            placed.append(Placement(index, range(first, first + count), top))
            first += count
        break
    return tuple(placed), (index, first)


def _fill_all(entries: Sequence[Entry], rects: Sequence[QRectF], position: tuple[int, int],
              split: bool = True) -> tuple[list[Column], tuple[int, int]]:
    filled: list[Column] = []
    for rect in rects:
        placements, position = _fill(entries, rect, position, split)
        filled.append((rect, placements))
    return filled, position


def _balanced_height(entries: Sequence[Entry], columns: int) -> float:
    """The least column height that holds every entry in ``columns`` columns."""
    if not entries:
        return 0.0
    heights = [e.paragraph.height for e in entries]
    low = max(max(heights), (sum(heights) + ENTRY_GAP * len(heights)) / columns) - 1
    high = sum(heights) + ENTRY_GAP * len(heights) + 1
    while high - low > 1:
        middle = (low + high) / 2
        probe = [QRectF(0, 0, 1, middle)] * columns
        _, position = _fill_all(entries, probe, (0, 0), split=False)
        low, high = (low, middle) if position[0] == len(entries) else (middle, high)
    return math.ceil(high)
