"""Exported pages: title block, chronology and legend, then the numbered citation list in columns.

A :class:`Document` is laid out once, in logical pixels, and :func:`paint_page` paints
it onto an image, an SVG generator or each page of a PDF writer. On an image the list
goes below the chronology: the image grows to hold it, or, at a fixed height, the list
ends with "… and N more". In a PDF the list continues over further pages, after the
chronology's own continuation pages when its rows are too many for one page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from timeline_app.core.columns import build_columns
from timeline_app.core.describe import range_text
from timeline_app.core.model import Timeline
from timeline_app.view.legend import legend_height, paint_legend
from timeline_app.view.render import (
    PLOT_TOP,
    ChronologyPicture,
    TooSmall,
    badge_font,
    paint_chronology,
    plan_chronology,
    sized,
    slice_chronology,
)
from timeline_app.view.render_list import (
    ENTRY_GAP,
    MAX_LISTED,
    Column,
    Entry,
    balanced_height,
    bottom_of,
    column_count,
    column_rects,
    column_width,
    fill_columns,
    layout_entries,
    line_height,
)
from timeline_app.view.render_text import (
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
HEADING = 30.0
#: A PDF page's number line at the bottom.
FOOTER = 22.0
#: A PDF page may be drawn this much smaller to hold the chronology; beyond, it continues
#: on further pages at full size instead (text smaller than about 7 pt is hard to read).
MAX_SHRINK = 1.35


@dataclass(frozen=True)
class Page:
    """A page: the first has the title block, chronology and legend; any may have list columns."""

    first: bool
    columns: tuple[Column, ...]
    heading: float | None  # y of the "Citations" heading, when the list starts or goes on here
    continued: bool = False  # the list began on an earlier page
    chronology: ChronologyPicture | None = None  # more rows of the chronology, at the top


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
    more: tuple[ChronologyPicture, ...] = ()  # the chronology's rows for further pages


def compose_image(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
                  width: float, height: float | None, max_height: float) -> Document:
    """One page ``width`` wide: ``height`` tall, or as tall as it needs up to ``max_height``.

    Entries stay whole; a list that does not fit ends with "… and N more". Raises
    :class:`TooSmall` when even the chronology (and that note) cannot fit.
    """
    tallest = height if height is not None else max_height
    note = line_height(theme) + ENTRY_GAP
    top = _build_top(timeline, window, theme, width, tallest - MARGIN - GAP - HEADING - note)
    content = width - 2 * MARGIN
    columns = column_count(content)
    entries, indent = layout_entries(top.picture.entries, theme, column_width(content, columns))
    listed_all = len(entries) == len(top.picture.entries)
    list_top = top.bottom + GAP + HEADING
    room = tallest - list_top - MARGIN
    if height is None:
        room = min(room, balanced_height(entries, columns) + (0 if listed_all else note))
    rects = column_rects(QRectF(MARGIN, list_top, content, room), columns)
    filled, position = fill_columns(entries, rects, (0, 0), split=False)
    if position[0] < len(entries) or not listed_all:
        rects = [rect.adjusted(0, 0, 0, -note) for rect in rects]  # the note goes below
        filled, position = fill_columns(entries, rects, (0, 0), split=False)
    omitted = len(top.picture.entries) - position[0]
    natural = (list_top + room if omitted else bottom_of(entries, filled, top.bottom)) + MARGIN
    size = QSizeF(width, height if height is not None else math.ceil(natural))
    page = Page(True, tuple(filled), top.bottom + GAP if entries else None)
    return Document(size, theme, top, entries, indent, (page,), omitted)


def compose_pages(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
                  page: QSizeF) -> Document:
    """Pages of ``page``'s shape: the chronology on the first (drawn up to :data:`MAX_SHRINK`
    smaller, else continued on further pages), then the list."""
    scale, sliced = 1.0, False
    while True:
        size = QSizeF(page.width() * scale, page.height() * scale)
        rest = size.height() - 2 * MARGIN - FOOTER if sliced else None
        try:
            top = _build_top(timeline, window, theme, size.width(),
                             size.height() - MARGIN - FOOTER, rest)
            break
        except TooSmall as error:
            if not sliced and scale >= MAX_SHRINK:
                scale, sliced = 1.0, True
                continue
            scale = max(scale * 1.02, (size.height() + error.shortfall) / page.height())
            scale = scale if sliced else min(scale, MAX_SHRINK)
    content = size.width() - 2 * MARGIN
    columns = column_count(content)
    entries, indent = layout_entries(top.picture.entries, theme, column_width(content, columns))
    bottom = size.height() - MARGIN - FOOTER
    pages = [Page(True, (), None)] + [Page(False, (), None, chronology=more) for more in top.more]
    above = top.bottom if not top.more else MARGIN + top.more[-1].height
    position = (0, 0)
    if entries and bottom - (above + GAP + HEADING) >= 3 * line_height(theme):
        area = QRectF(MARGIN, above + GAP + HEADING, content, bottom - above - GAP - HEADING)
        filled, position = fill_columns(entries, column_rects(area, columns), position)
        pages[-1] = replace(pages[-1], columns=tuple(filled), heading=above + GAP)
    while position[0] < len(entries):
        area = QRectF(MARGIN, MARGIN + HEADING, content, bottom - MARGIN - HEADING)
        filled, after = fill_columns(entries, column_rects(area, columns), position)
        if after == position:
            break  # nothing fits a whole page: cannot happen with lines this short
        pages.append(Page(False, tuple(filled), MARGIN, any(p.columns for p in pages)))
        position = after
    return Document(size, theme, top, entries, indent, tuple(pages),
                    len(top.picture.entries) - position[0], timeline.title or "Chronology")


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
    if page.chronology is not None:
        paint_chronology(p, page.chronology, MARGIN, MARGIN)
    if page.heading is not None:
        _heading(p, doc, page)
    font = badge_font(theme)
    for rect, placements in page.columns:
        for placed in placements:
            entry = doc.entries[placed.entry]
            if placed.lines.start == 0:
                size = badge_size(str(entry.number), font)
                paint_badge(p, QRectF(QPointF(rect.left(), placed.top), size), str(entry.number),
                            font, theme)
            paint_lines(p, entry.paragraph, rect.left() + doc.indent, placed.top, placed.lines)
    last = index == len(doc.pages) - 1
    if doc.footer:
        more = f"  ·  {_more(doc)}" if last and doc.omitted else ""
        _text(p, theme, QPointF(MARGIN, doc.size.height() - MARGIN - FOOTER + 8),
              f"{doc.footer} — page {index + 1} of {len(doc.pages)}{more}", muted=True)
    elif doc.omitted and page.columns:
        _text(p, theme, QPointF(MARGIN, page.columns[0][0].bottom() + ENTRY_GAP), _more(doc),
              muted=True)


def _heading(p: QPainter, doc: Document, page: Page) -> None:
    assert page.heading is not None
    theme = doc.theme
    p.setFont(sized(theme.bold_font, theme.bold_font.pixelSize() + 2, bold=True))
    p.setPen(theme.text)
    heading = "Citations (continued)" if page.continued else "Citations"
    p.drawText(QRectF(MARGIN, page.heading, doc.size.width() - 2 * MARGIN, HEADING - 8),
               Qt.AlignmentFlag.AlignVCenter, heading)
    if not page.continued:
        left = MARGIN + p.fontMetrics().horizontalAdvance(heading) + 12
        _text(p, theme, QPointF(left, page.heading + 4),
              "numbers match the badges on the chronology", muted=True)


def _more(doc: Document) -> str:
    """What the list leaves out, and where to find it."""
    count = f"… and {doc.omitted:,} more event{'s' if doc.omitted != 1 else ''}"
    if len(doc.top.picture.entries) > MAX_LISTED:
        return f"{count} (a list holds at most {MAX_LISTED:,}: export a shorter window)"
    return f"{count}: a PDF export lists every citation"


def _text(p: QPainter, theme: Theme, at: QPointF, text: str, muted: bool = False,
          width: float = 0.0) -> None:
    """One line from its top-left corner (small and muted, or body text), elided to ``width``."""
    font = theme.small_font if muted else theme.font
    metrics = QFontMetricsF(font)
    if width > 0:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    p.setFont(font)
    p.setPen(theme.muted if muted else theme.text)
    p.drawText(QPointF(at.x(), at.y() + metrics.ascent()), text)


def _build_top(timeline: Timeline, window: tuple[int, int] | None, theme: Theme, width: float,
               limit: float, rest: float | None = None) -> _Top:
    """Title block, chronology and legend ending above ``limit``.

    The chronology's rows shrink to fit; with ``rest``, rows that still do not fit go to
    further pictures at most ``rest`` tall. Raises :class:`TooSmall` otherwise.
    """
    content = width - 2 * MARGIN
    title_font = sized(theme.bold_font, round(theme.font.pixelSize() * 1.6), bold=True)
    title = wrap([Run(timeline.title or "Chronology", title_font, theme.text)], content)
    # On whole pixels: the painter puts cached title and glyph images on whole pixels too.
    chronology_top = round(MARGIN + title.height + 4 + line_height(theme) + GAP * 0.75)
    side = content - LEGEND_WIDTH - GAP >= MIN_SIDE_CHRONOLOGY
    legend_room = legend_height(build_columns(timeline).lanes)  # at most: all lanes
    if side and chronology_top + legend_room > limit:
        raise TooSmall(chronology_top + legend_room, limit)
    room = limit - chronology_top - (0 if side else GAP + legend_room)
    if room < PLOT_TOP + 40:
        raise TooSmall(limit - room + PLOT_TOP + 40, limit)
    chronology_width = content - (LEGEND_WIDTH + GAP if side else 0)
    if rest is None:
        pictures: tuple[ChronologyPicture, ...] = (
            plan_chronology(timeline, window, chronology_width, theme, room),)
    else:
        pictures = slice_chronology(timeline, window, chronology_width, theme, room, rest)
    picture = pictures[0]
    lanes = picture.context.scene.columns.lanes
    legend = QRectF(width - MARGIN - LEGEND_WIDTH if side else MARGIN,
                    chronology_top if side else chronology_top + picture.height + GAP,
                    LEGEND_WIDTH, legend_height([lanes[i] for i in picture.lanes_shown]))
    bottom = max(chronology_top + picture.height, legend.bottom())
    return _Top(title, _subtitle(timeline, picture), picture, QPointF(MARGIN, chronology_top),
                legend, bottom, pictures[1:])


def _subtitle(timeline: Timeline, picture: ChronologyPicture) -> str:
    """The window in words, how many events it shows, how many sources they cite."""
    viewport = picture.context.viewport
    shown, total = len(picture.entries), len(timeline.events)
    events = f"{shown:,} event{'s' if shown != 1 else ''}"
    if shown != total:
        events += f" of {total:,}"
    cited = {c.source_id for entry in picture.entries
             for c in getattr(timeline.event(entry.event_id), "citations", ())}
    sources = f"{len(cited)} source{'s' if len(cited) != 1 else ''} cited" if cited else \
        "no source cited"
    # The viewport's end is exclusive: name the last instant shown, not the next day.
    last = max(viewport.start + 1, viewport.end - 1)
    return f"{range_text(viewport.start, last)}  ·  {events}  ·  {sources}"
