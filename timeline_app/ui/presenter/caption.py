"""The caption card: the event title, its date as written, the quoted passage, its source."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from timeline_app.core.describe import date_text, event_window_text
from timeline_app.core.model import Event, Timeline
from timeline_app.ui.presenter.style import (
    COLOURS,
    REFERENCE_HEIGHT,
    TypeScale,
    pixel_font,
    type_scale,
)
from timeline_app.view.render_text import Paragraph, Run, paint_lines, wrap

#: Longer passages are cut at a word and end in "…": four lines at most on a wide screen.
QUOTE_LIMIT = 320


@dataclass(frozen=True)
class Caption:
    """What the card says about one event; plain text only."""

    title: str
    when: str
    quote: str
    source: str
    colour: str
    more_passages: int = 0


def caption_for(timeline: Timeline, event: Event) -> Caption:
    """The card's text: title, "Between … · in the source: “…”", the first passage, its source."""
    when = event_window_text(event, timeline.ongoing_until(event))
    when = when[:1].upper() + when[1:]
    if event.start.as_written.strip():
        # The words that place the event ("soon", "described") are the source's, not ours.
        when = f"{when} · in the source: “{event.start.as_written.strip()}”"
    category = timeline.category(event.category)
    colour = category.color if category else "#8c8c8c"
    if not event.citations:
        return Caption(event.title, when, "", "No passage is cited for this event.", colour)
    citation = event.citations[0]
    source = timeline.source(citation.source_id)
    if source is None:
        attribution = f"— {citation.source_id}"
    else:
        published = source.published.date if source.published else None
        dated = f", {date_text(published)}" if published and published.earliest is not None \
            else ""
        attribution = f"— {source.title}{dated}"
    return Caption(event.title, when, quoted(shortened(citation.exact)), attribution, colour,
                   len(event.citations) - 1)


def quoted(text: str) -> str:
    """“text”, with quotation marks inside it turned single, as a quote within a quote is."""
    return f"“{text.replace('“', '‘').replace('”', '’')}”"


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return f"{cut}…"


@dataclass(frozen=True)
class CardStyle:
    """Fonts, colours and spacing of a caption card (the screen's dark one, or paper's)."""

    title: QFont
    date: QFont
    quote: QFont
    source: QFont
    counter: QFont
    text: QColor
    muted: QColor
    surface: QColor
    padding: float
    gap: float

    @staticmethod
    def for_screen(scale: TypeScale) -> CardStyle:
        """The presentation's card at a type scale."""
        return CardStyle(pixel_font(scale.title, bold=True), pixel_font(scale.date),
                         pixel_font(scale.quote), pixel_font(scale.source),
                         pixel_font(scale.counter), COLOURS.text, COLOURS.muted, COLOURS.surface,
                         padding=scale.margin, gap=round(scale.date * 0.5))


@dataclass(frozen=True)
class CardLayout:
    """A caption card wrapped to a width: each paragraph with its top, and the card's height."""

    width: float
    height: float
    blocks: tuple[tuple[Paragraph, float], ...]
    counter: Paragraph | None
    colour: QColor


#: The colour stripe's width and its distance from the card's left edge.
STRIPE = (7.0, 16.0)


def layout_card(caption: Caption, counter: str, width: float, style: CardStyle) -> CardLayout:
    """Wrap the card's text to ``width``; the title leaves room for the step counter."""
    left = STRIPE[0] + STRIPE[1] + style.padding * 0.8
    inner = max(50.0, width - left - style.padding)
    counter_par = wrap([Run(counter, style.counter, style.muted)], inner) if counter else None
    counter_width = _line_width(counter_par) if counter_par else 0.0
    title_width = max(50.0, inner - (counter_width + style.padding if counter else 0.0))
    paragraphs = [wrap([Run(caption.title, style.title, style.text)], title_width),
                  wrap([Run(caption.when, style.date, style.muted)], inner)]
    if caption.quote:
        paragraphs.append(wrap([Run(caption.quote, style.quote, style.text)], inner))
    more = caption.more_passages
    source = caption.source + (f"   (+{more} more passage{'s' if more != 1 else ''})"
                               if more else "")
    paragraphs.append(wrap([Run(source, style.source, style.muted)], inner))
    top = style.padding * 0.8
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        blocks.append((paragraph, top))
        # A little more air after the date line sets the quote apart.
        top += paragraph.height + style.gap * (1.6 if index == 1 else 1.0)
    height = top - style.gap + style.padding * 0.8
    return CardLayout(width, height, tuple(blocks), counter_par, QColor(caption.colour))


def _line_width(paragraph: Paragraph) -> float:
    metrics = QFontMetricsF(paragraph.runs[0].font)
    return max(metrics.horizontalAdvance(piece.text) + piece.x
               for line in paragraph.lines for piece in line.pieces)


def paint_card(p: QPainter, layout: CardLayout, left: float, top: float,
               style: CardStyle) -> None:
    """Paint a laid-out card with its top-left corner at (left, top)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = QRectF(left, top, layout.width, layout.height)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.surface)
    p.drawRoundedRect(rect, 14, 14)
    stripe_width, stripe_left = STRIPE
    p.setBrush(layout.colour)
    p.drawRoundedRect(QRectF(left + stripe_left, top + style.padding * 0.6, stripe_width,
                             layout.height - style.padding * 1.2), 3.5, 3.5)
    text_left = left + stripe_left + stripe_width + style.padding * 0.8
    for paragraph, y in layout.blocks:
        paint_lines(p, paragraph, text_left, top + y)
    if layout.counter is not None:
        x = left + layout.width - style.padding - _line_width(layout.counter)
        paint_lines(p, layout.counter, x, top + style.padding * 0.8)
    p.restore()


class CaptionCard(QWidget):
    """The card on screen; as tall as its text needs at its width, painted by :func:`paint_card`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionCard")
        self.style_ = CardStyle.for_screen(type_scale(REFERENCE_HEIGHT))
        self.caption = Caption("", "", "", "", COLOURS.accent.name())
        self.counter = ""
        self._layout: CardLayout | None = None

    def apply_scale(self, scale: TypeScale) -> None:
        """Set every font from the presentation's type scale."""
        self.style_ = CardStyle.for_screen(scale)
        self._relayout()

    def show_caption(self, caption: Caption, counter: str) -> None:
        """Fill in the card."""
        self.caption, self.counter = caption, counter
        self.setAccessibleName(caption.title)
        self.setAccessibleDescription(" ".join((caption.when, caption.quote, caption.source)))
        self._relayout()

    @property
    def card_layout(self) -> CardLayout:
        """The card as laid out at its current width."""
        if self._layout is None or self._layout.width != self.width():
            self._layout = layout_card(self.caption, self.counter, float(self.width()),
                                       self.style_)
        return self._layout

    def _relayout(self) -> None:
        self._layout = None
        # The card is exactly as tall as its text; the chronology above takes the rest.
        self.setFixedHeight(max(1, round(self.card_layout.height)))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, self.card_layout, 0, 0, self.style_)
        painter.end()
