"""Wrapped text in several fonts, and number badges, drawn so that SVG and PDF keep text as text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from timeline_app.view.theme import Theme


@dataclass(frozen=True)
class Run:
    """Text in one font and colour."""

    text: str
    font: QFont
    color: QColor


@dataclass(frozen=True)
class Piece:
    """Part of a run placed on a line, ``x`` from the paragraph's left edge."""

    x: float
    text: str
    run: int


@dataclass(frozen=True)
class Line:
    """One wrapped line: its pieces, the distance to its baseline and its height."""

    pieces: tuple[Piece, ...]
    ascent: float
    height: float


@dataclass(frozen=True)
class Paragraph:
    """Runs wrapped to a width."""

    runs: tuple[Run, ...]
    lines: tuple[Line, ...]

    @property
    def height(self) -> float:
        """The height of all lines."""
        return sum(line.height for line in self.lines)


_TOKEN = re.compile(r"\S+\s*|\s+")
#: A run of exactly this text ends the line (the next run starts a new one).
BREAK = "\n"


def wrap(runs: Sequence[Run], width: float, indent: float = 0.0) -> Paragraph:
    """Break runs into lines no wider than ``width``; lines after the first start at ``indent``.

    Words break at spaces only, except a word wider than a whole line (a URL), which is
    cut where it must. Pieces of one run on one line stay one string, so each becomes a
    single text element in SVG and a single text object in PDF.
    """
    lines: list[Line] = []
    current: list[Piece] = []
    x = 0.0

    def add(text: str, run: int) -> None:
        if current and current[-1].run == run:
            current[-1] = Piece(current[-1].x, current[-1].text + text, run)
        else:
            current.append(Piece(x, text, run))

    for number, run in enumerate(runs):
        if run.text == BREAK:
            if current:
                lines.append(_line(current, runs))
            current, x = [], indent
            continue
        metrics = QFontMetricsF(run.font)
        for token in _TOKEN.findall(run.text):
            if current and x + metrics.horizontalAdvance(token.rstrip()) > width:
                lines.append(_line(current, runs))
                current, x = [], indent
            if not current:
                token = token.lstrip()
                if not token:
                    continue
            while len(token) > 1 and metrics.horizontalAdvance(token.rstrip()) > width - x:
                head = _fitting_prefix(token, metrics, width - x)
                add(head, number)
                lines.append(_line(current, runs))
                current, x, token = [], indent, token[len(head):]
            add(token, number)
            x += metrics.horizontalAdvance(token)
    if current:
        lines.append(_line(current, runs))
    return Paragraph(tuple(runs), tuple(lines))


def _fitting_prefix(text: str, metrics: QFontMetricsF, room: float) -> str:
    """The longest prefix of ``text`` that fits in ``room`` (at least one character)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle]) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def _line(pieces: list[Piece], runs: Sequence[Run]) -> Line:
    last = pieces[-1]
    trimmed = (*pieces[:-1], Piece(last.x, last.text.rstrip(), last.run))
    fonts = [QFontMetricsF(runs[p.run].font) for p in trimmed]
    # A little more than the font's own leading: long quotes read more easily.
    return Line(trimmed, max(m.ascent() for m in fonts) + 1,
                max(m.lineSpacing() for m in fonts) + 2)


def paint_lines(p: QPainter, paragraph: Paragraph, left: float, top: float,
                lines: range | None = None) -> float:
    """Draw some (default all) of a paragraph's lines from ``top``; return the y below them."""
    y = top
    chosen = paragraph.lines if lines is None else paragraph.lines[lines.start:lines.stop]
    for line in chosen:
        for piece in line.pieces:
            run = paragraph.runs[piece.run]
            p.setFont(run.font)
            p.setPen(run.color)
            p.drawText(QPointF(left + piece.x, y + line.ascent), piece.text)
        y += line.height
    return y


def badge_size(text: str, font: QFont) -> QSizeF:
    """The size of a number badge: a pill at least as wide as it is tall."""
    metrics = QFontMetricsF(font)
    height = metrics.height() + 1
    return QSizeF(max(height, metrics.horizontalAdvance(text) + 8), height)


def paint_badge(p: QPainter, rect: QRectF, text: str, font: QFont, theme: Theme) -> None:
    """A number in a white pill with a dark outline: readable on bars, bands and paper alike."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(theme.text, 1))
    p.setBrush(QColor(255, 255, 255))
    radius = rect.height() / 2
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    p.setFont(font)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    p.restore()
