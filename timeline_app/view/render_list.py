"""An export's numbered citation list: entries wrapped beside their badges, flowed down columns."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from timeline_app.view.render import badge_font
from timeline_app.view.render_content import NumberedEvent
from timeline_app.view.render_text import BREAK, Paragraph, Run, badge_size, wrap
from timeline_app.view.theme import Theme

#: The list gets as many columns of at least this width as fit (about 70 characters).
MIN_COLUMN = 440.0
COLUMN_GAP = 24.0
ENTRY_GAP = 8.0
#: At most this many entries are laid out; a longer list ends with "… and N more".
MAX_LISTED = 2000

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


def layout_entries(numbered: Sequence[NumberedEvent], theme: Theme,
                   width: float) -> tuple[tuple[Entry, ...], float]:
    """Each numbered event wrapped beside a badge column as wide as the largest number's badge.

    Only the first :data:`MAX_LISTED` are laid out: a list is read, not searched.
    """
    listed = numbered[:MAX_LISTED]
    indent = badge_size(str(listed[-1].number if listed else 1), badge_font(theme)).width() + 8
    entries = []
    for item in listed:
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


def column_count(width: float) -> int:
    """How many columns of at least :data:`MIN_COLUMN` fit in ``width``."""
    return max(1, int((width + COLUMN_GAP) // (MIN_COLUMN + COLUMN_GAP)))


def column_width(width: float, columns: int) -> float:
    """The width of each of ``columns`` columns sharing ``width``."""
    return (width - (columns - 1) * COLUMN_GAP) / columns


def column_rects(area: QRectF, columns: int) -> list[QRectF]:
    """``area`` divided into ``columns`` columns."""
    column = column_width(area.width(), columns)
    return [QRectF(area.left() + n * (column + COLUMN_GAP), area.top(), column,
                   max(0.0, area.height())) for n in range(columns)]


def line_height(theme: Theme) -> float:
    """The height of a line of list text."""
    return QFontMetricsF(theme.font).lineSpacing() + 2


def bottom_of(entries: Sequence[Entry], filled: Sequence[Column], default: float) -> float:
    """The lowest y any placed line reaches."""
    bottoms = [p.top + sum(line.height for line in entries[p.entry].paragraph.lines[
        p.lines.start:p.lines.stop]) for _, column in filled for p in column]
    return max(bottoms, default=default)


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


def fill_columns(entries: Sequence[Entry], rects: Sequence[QRectF], position: tuple[int, int],
                 split: bool = True) -> tuple[list[Column], tuple[int, int]]:
    """Fill ``rects`` in turn from ``position``; return them, filled, and where to go on."""
    filled: list[Column] = []
    for rect in rects:
        placements, position = _fill(entries, rect, position, split)
        filled.append((rect, placements))
    return filled, position


def balanced_height(entries: Sequence[Entry], columns: int) -> float:
    """The least column height that holds every entry in ``columns`` columns."""
    if not entries:
        return 0.0
    heights = [e.paragraph.height for e in entries]
    low = max(max(heights), (sum(heights) + ENTRY_GAP * len(heights)) / columns) - 1
    high = sum(heights) + ENTRY_GAP * len(heights) + 1
    while high - low > 1:
        middle = (low + high) / 2
        probe = [QRectF(0, 0, 1, middle)] * columns
        _, position = fill_columns(entries, probe, (0, 0), split=False)
        low, high = (low, middle) if position[0] == len(entries) else (middle, high)
    return math.ceil(high)
