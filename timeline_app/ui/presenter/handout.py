"""Tour handouts: a PDF page per step, with the chronology at its window, caption and citation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter

from timeline_app.core.citation_export import citation_text
from timeline_app.core.model import Event, Timeline, Tour
from timeline_app.core.tours import (
    DEFAULT_TOUR,
    StepView,
    find_tour,
    playable_steps,
    step_views,
)
from timeline_app.io.atomic import write_atomic
from timeline_app.ui.presenter.caption import (
    CardLayout,
    CardStyle,
    caption_for,
    layout_card,
    paint_card,
)
from timeline_app.ui.presenter.style import pixel_font
from timeline_app.view.painter import paint_canvas
from timeline_app.view.render import ChronologyPicture, TooSmall, export_theme, plan_chronology
from timeline_app.view.render_files import (
    PIXELS_PER_POINT,
    default_page,
    headless_application,
    pdf_pages,
)
from timeline_app.view.render_text import BREAK, Paragraph, Run, paint_lines, wrap

MARGIN = 40.0
GAP = 18.0
#: The chronology keeps at least this height, however long the citation.
MIN_CHRONOLOGY = 220.0
FOOTER = 16.0
INK = QColor("#1c1c1e")
GREY = QColor("#5f5f66")
PAPER_CARD = QColor("#f1f2f4")


def paper_style() -> CardStyle:
    """The caption card as printed: dark on light grey, sized for reading at arm's length."""
    return CardStyle(pixel_font(18, bold=True), pixel_font(12), pixel_font(14), pixel_font(11),
                     pixel_font(11), INK, GREY, PAPER_CARD, padding=14.0, gap=5.0)


@dataclass(frozen=True)
class HandoutPage:
    """One step laid out on a page (logical pixels at 96 per inch)."""

    number: int
    count: int
    heading: Paragraph
    picture: ChronologyPicture
    picture_scale: float
    card: CardLayout
    card_style: CardStyle
    citation: Paragraph


def layout_page(timeline: Timeline, tour: Tour, view: StepView, number: int, count: int,
                size: QSizeF) -> HandoutPage:
    """Lay out step ``number`` (1-based) of ``count`` on a page of ``size`` logical pixels.

    The text is laid out first; the chronology takes the height left, its rows squeezed
    down to their smallest, and beyond that drawn smaller as a whole (a PDF stays sharp).
    """
    event = timeline.event(view.event_id)
    assert event is not None  # step views exist only for playable steps
    width = size.width() - 2 * MARGIN
    tour_name = "every event in time order" if tour.name == DEFAULT_TOUR else tour.name
    heading = wrap([Run(f"{timeline.title} — ", pixel_font(13, bold=True), INK),
                    Run(f"{tour_name}, step {number} of {count}", pixel_font(13), GREY)], width)
    style = paper_style()
    card = layout_card(caption_for(timeline, event), "", width, style)
    text = pixel_font(11)
    runs = [Run("Full citation", pixel_font(12, bold=True), INK), Run(BREAK, text, INK)]
    for line in citation_text(timeline, event).split("\n"):
        runs += [Run(line, text, INK), Run(BREAK, text, INK)]
    citation = wrap(runs, width)
    room = (size.height() - 2 * MARGIN - FOOTER - heading.height - card.height
            - citation.height - 3 * GAP)
    room = max(room, MIN_CHRONOLOGY)
    shown = timeline.with_events(tuple(e for e in (timeline.event(i) for i in view.event_ids)
                                       if e is not None))
    theme = export_theme(13.0)
    scale = 1.0
    try:
        picture = plan_chronology(shown, view.window, width, theme, max_height=room)
    except TooSmall as error:
        # Drawn smaller as a whole, and planned that much wider, so it still fills the width.
        scale = room / error.needed
        picture = plan_chronology(shown, view.window, width / scale, theme,
                                  max_height=error.needed + 1)
    return HandoutPage(number, count, heading, _ringed(picture, event.id), scale, card, style,
                       citation)


def _ringed(picture: ChronologyPicture, event_id: str) -> ChronologyPicture:
    """The focused event selected (ringed, its label on a tint).

    Unlike the screen, paper does not dim the others: a reader comes back to them.
    """
    context = picture.context
    row = context.scene.columns.row_of_id.get(event_id)
    if row is None:
        return picture
    return replace(picture, context=replace(context, selected=frozenset({row}), current=row))


def paint_handout_page(p: QPainter, page: HandoutPage, size: QSizeF) -> None:
    """Paint one page: heading, chronology, caption card, full citation, page number."""
    y = paint_lines(p, page.heading, MARGIN, MARGIN) + GAP * 0.6
    p.save()
    p.translate(MARGIN, y)
    p.scale(page.picture_scale, page.picture_scale)
    # Without badges: a handout page explains one event, there is no numbered list to match.
    paint_canvas(p, page.picture.context)
    p.restore()
    y += page.picture.height * page.picture_scale + GAP
    paint_card(p, page.card, MARGIN, y, page.card_style)
    paint_lines(p, page.citation, MARGIN, y + page.card.height + GAP)
    p.setFont(pixel_font(11))
    p.setPen(GREY)
    footer = QRectF(MARGIN, size.height() - MARGIN, size.width() - 2 * MARGIN, MARGIN * 0.6)
    p.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
               f"{page.number} / {page.count}")


def handout_pages(timeline: Timeline, tour: Tour, shown: Sequence[Event],
                  size: QSizeF) -> list[HandoutPage]:
    """Every playable step of ``tour`` laid out as a page."""
    steps = playable_steps(timeline, tour)
    views = step_views(timeline, steps, shown)
    return [layout_page(timeline, tour, view, n, len(views), size)
            for n, view in enumerate(views, start=1)]


def page_size_pixels() -> QSizeF:
    """A landscape A4 (or Letter) page in logical pixels."""
    return default_page().size(QPageSize.Unit.Point).transposed() * PIXELS_PER_POINT


def write_handout(timeline: Timeline, tour: Tour, shown: Sequence[Event],
                  path: str | Path) -> int:
    """Write the tour's handout as a PDF and return its page count (a failed write keeps the old).

    ``shown`` are the events drawn (the filter panel's), narrowed further by step filters.
    """
    size = page_size_pixels()
    pages = handout_pages(timeline, tour, shown, size)
    if not pages:
        raise ValueError(f"the tour '{tour.name}' has no steps to print")
    data = pdf_pages(f"{timeline.title} — {tour.name}", size / PIXELS_PER_POINT, size.width(),
                     len(pages), lambda painter, n: paint_handout_page(painter, pages[n], size))
    write_atomic(Path(path), data)
    return len(pages)


def page_image(page: HandoutPage, size: QSizeF, scale: float = 1.0) -> QImage:
    """One page as an image, drawn by the same code as the PDF (to look at, and for tests)."""
    image = QImage(round(size.width() * scale), round(size.height() * scale),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(scale, scale)
    paint_handout_page(painter, page, size)
    painter.end()
    return image


def export_tour(timeline: Timeline, tour_name: str, path: str | Path) -> int:
    """The command line's ``export --tour NAME -o deck.pdf``; ValueError names the known tours."""
    tour = find_tour(timeline, tour_name)
    if tour is None:
        known = ", ".join(["default", *(t.name for t in timeline.tours)])
        raise ValueError(f"no tour is called '{tour_name}' (tours: {known})")
    if Path(path).suffix.lower() != ".pdf":
        raise ValueError("a tour is exported as a PDF handout: the output must end in .pdf")
    headless_application()
    return write_handout(timeline, tour, timeline.events, path)
