"""The chronology of a time window laid out for export, its events numbered, painted on any device.

Exports reuse the canvas's whole pipeline (columns, scene, vertical layout, frame, axis,
:func:`paint_canvas`); this module only chooses the window, the height, a fixed light
theme, and adds the number badges that tie each glyph to its entry in the citation list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPainter

from timeline_app.core.axis import choose_axis
from timeline_app.core.columns import EventColumns, build_columns
from timeline_app.core.frame import build_frame
from timeline_app.core.model import Timeline
from timeline_app.core.scene import LANE_PADDING, Scene, VerticalLayout, vertical_layout
from timeline_app.core.viewport import Viewport
from timeline_app.view.canvas import era_bands, publication_markers
from timeline_app.view.painter import (
    AXIS_HEIGHT,
    MARKS_HEIGHT,
    EraBand,
    Marker,
    PaintContext,
    gutter_width,
    paint_canvas,
)
from timeline_app.view.render_content import NumberedEvent, fit_viewport, numbered_events
from timeline_app.view.render_text import badge_size, paint_badge
from timeline_app.view.theme import TextMeasure, Theme

#: Where the first lane begins, below the axis and the marks strip.
PLOT_TOP = AXIS_HEIGHT + MARKS_HEIGHT
#: Room under the last lane, so its bottom line is not at the picture's edge.
BOTTOM_PAD = 6.0
#: Space between a badge and what it must not touch.
BADGE_GAP = 3.0
#: A no-break space: the label room reserved for a badge (the layout's elide splits at " ").
_ROOM = "\u00a0"


class TooSmall(ValueError):
    """The chronology cannot fit the height given, even with its rows at their smallest."""

    def __init__(self, needed: float, available: float) -> None:
        super().__init__(f"the chronology needs {needed:.0f} px of height, {available:.0f} given")
        self.needed = needed
        self.available = available

    @property
    def shortfall(self) -> float:
        """How many more pixels the whole picture needs."""
        return self.needed - self.available


def export_theme(pixel_size: float | None = None) -> Theme:
    """A fixed light theme whatever the desktop's (paper is white), in the app's font family.

    Fonts are sized in pixels, never points: a pixel-sized font measures the same on the
    screen, an image, an SVG generator (72 dpi) and a PDF writer (1200 dpi), so labels
    laid out with one measurer never overlap on another device.
    """
    app_font = QGuiApplication.font()
    if pixel_size is None:
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        points = app_font.pointSizeF()
        pixel_size = points * dpi / 72 if points > 0 else float(max(app_font.pixelSize(), 12))
    size = round(min(max(pixel_size, 11.0), 16.0))
    text = QColor("#1c1c1e")
    return Theme(
        background=QColor("#ffffff"), text=text, muted=QColor("#6b6b70"),
        grid=QColor("#dcdcdd"), lane_alternate=QColor("#f6f6f7"), gutter=QColor("#f2f2f4"),
        highlight=QColor("#2b6cd4"), dark=False,
        font=sized(app_font, size), small_font=sized(app_font, round(size * 0.88)),
        bold_font=sized(app_font, size, bold=True),
    )


def sized(base: QFont, pixels: int, bold: bool = False) -> QFont:
    """``base``'s family at ``pixels`` pixels."""
    font = QFont(base)
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class Badge:
    """A number (or a cluster's numbers) drawn beside, on or in front of its event's label."""

    rect: QRectF  # in the picture's coordinates
    text: str
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class ChronologyPicture:
    """A laid-out chronology: what :func:`paint_canvas` reads, the entries and their badges."""

    context: PaintContext
    entries: tuple[NumberedEvent, ...]
    badges: tuple[Badge, ...]

    @property
    def height(self) -> float:
        """The picture's height (axis, marks strip, lanes)."""
        return self.context.height

    @property
    def lanes_shown(self) -> list[int]:
        """Lanes that have events in the window (the legend lists only these)."""
        return [box.lane for box in self.context.layout.boxes]


def window_viewport(timeline: Timeline, window: tuple[int, int] | None, plot_width: int,
                    columns: EventColumns | None = None) -> Viewport:
    """The viewport of ``window``, or of everything drawn (like the canvas's Fit All)."""
    if window is not None:
        return Viewport.showing(window[0], window[1], plot_width)
    columns = columns if columns is not None else build_columns(timeline)
    instants = [i for era in era_bands(timeline) for i in (era.start, era.end)]
    instants += [marker.instant for marker in publication_markers(timeline)]
    return fit_viewport(columns, instants, plot_width)


def plan_chronology(timeline: Timeline, window: tuple[int, int] | None, width: float,
                    theme: Theme, max_height: float | None = None) -> ChronologyPicture:
    """Lay out the chronology ``width`` wide, as tall as its rows want or at most ``max_height``.

    Only the window's events are stacked, so lanes without any stay out. Raises
    :class:`TooSmall` when even the smallest rows need more than ``max_height``.
    """
    plan = _Plan.build(timeline, window, width, theme)
    layout = _layout(plan.scene, max_height)
    return plan.picture(layout, 0.0, layout.content_height)


def slice_chronology(timeline: Timeline, window: tuple[int, int] | None, width: float,
                     theme: Theme, first: float, rest: float) -> tuple[ChronologyPicture, ...]:
    """The chronology at its smallest rows, cut between rows into pictures for several pages.

    The first picture is at most ``first`` tall, the others at most ``rest``; each repeats
    the axis, and every event (with its badge) is on exactly one of them.
    """
    plan = _Plan.build(timeline, window, width, theme)
    layout = vertical_layout(plan.scene, 0.0)
    edges = _row_edges(layout)
    pictures = []
    top, room = 0.0, first
    while top < layout.content_height - 0.5:
        plot_room = room - PLOT_TOP - BOTTOM_PAD
        if plot_room < layout.row_height + LANE_PADDING:
            raise TooSmall(PLOT_TOP + BOTTOM_PAD + layout.row_height + LANE_PADDING, room)
        fitting = [edge for edge in edges if top < edge <= top + plot_room]
        bottom = max(fitting) if fitting else top + plot_room
        pictures.append(plan.picture(layout, top, bottom - top))
        top, room = bottom, rest
    return tuple(pictures)


@dataclass(frozen=True)
class _Plan:
    """What every picture of one chronology shares: view, scene and the list's numbers."""

    theme: Theme
    width: float
    gutter: float
    viewport: Viewport
    entries: tuple[NumberedEvent, ...]
    scene: Scene
    numbers: dict[int, int]  # column index -> number in the list
    eras: tuple[EraBand, ...]
    markers: tuple[Marker, ...]

    @staticmethod
    def build(timeline: Timeline, window: tuple[int, int] | None, width: float,
              theme: Theme) -> _Plan:
        everything = build_columns(timeline)
        gutter = gutter_width([lane.name for lane in everything.lanes], theme)
        plot_width = max(1, int(width - gutter))
        viewport = window_viewport(timeline, window, plot_width, everything)
        entries = numbered_events(timeline, viewport.start, viewport.end, everything)
        number_of = {entry.event_id: entry.number for entry in entries}
        shown = [e for e in (timeline.event(entry.event_id) for entry in entries) if e is not None]
        columns = _with_badge_room(build_columns(timeline, shown), number_of, theme)
        numbers = {i: number_of[event_id] for i, event_id in enumerate(columns.ids)}
        return _Plan(theme, width, gutter, viewport, entries, Scene.build(columns), numbers,
                     era_bands(timeline), publication_markers(timeline))

    def picture(self, layout: VerticalLayout, scroll: float,
                plot_height: float) -> ChronologyPicture:
        """The rows from ``scroll`` down ``plot_height`` pixels, under the axis."""
        measure = TextMeasure(self.theme.font)
        frame = build_frame(self.scene, layout, self.viewport, measure, scroll, plot_height)
        context = PaintContext(
            theme=self.theme, width=float(self.width),
            height=PLOT_TOP + plot_height + BOTTOM_PAD, viewport=self.viewport,
            axis=choose_axis(self.viewport, measure, None), scene=self.scene, layout=layout,
            frame=frame, scroll=scroll, eras=self.eras, markers=self.markers, gutter=self.gutter,
            interactive=False)
        return ChronologyPicture(context, self.entries,
                                 _place_badges(context, self.numbers, plot_height))


def _row_edges(layout: VerticalLayout) -> list[float]:
    """Where the chronology may be cut: between lanes and between the rows of a lane."""
    edges = [layout.content_height]
    for box in layout.boxes:
        edges.append(box.top)
        step = (box.height - LANE_PADDING) / max(1, box.rows_shown)
        edges += [box.top + LANE_PADDING / 2 + r * step for r in range(1, box.rows_shown)]
    return sorted(set(edges))


def paint_chronology(p: QPainter, picture: ChronologyPicture, left: float, top: float) -> None:
    """Paint the chronology with its badges, its top-left corner at (left, top)."""
    p.save()
    p.translate(left, top)
    paint_canvas(p, picture.context)
    font = badge_font(picture.context.theme)
    for badge in picture.badges:
        paint_badge(p, badge.rect, badge.text, font, picture.context.theme)
    p.restore()


def badge_font(theme: Theme) -> QFont:
    """Badges use the small font, bold."""
    font = QFont(theme.small_font)
    font.setBold(True)
    return font


def compact(numbers: list[int]) -> str:
    """"3–5, 9" for [3, 4, 5, 9]."""
    parts: list[str] = []
    for n in sorted(numbers):
        if parts and parts[-1].split("–")[-1] == str(n - 1):
            parts[-1] = f"{parts[-1].split('–')[0]}–{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def _with_badge_room(columns: EventColumns, number_of: dict[str, int],
                     theme: Theme) -> EventColumns:
    """Titles that start with room for their badge, so the layout never puts anything there."""
    space = QFontMetricsF(theme.font).horizontalAdvance(_ROOM)
    font = badge_font(theme)
    titles = []
    for event_id, title in zip(columns.ids, columns.titles, strict=True):
        width = badge_size(str(number_of.get(event_id, 0)), font).width() + BADGE_GAP
        titles.append(_ROOM * max(1, math.ceil(width / space)) + title)
    return replace(columns, titles=tuple(titles))


def _layout(scene: Scene, max_height: float | None) -> VerticalLayout:
    if max_height is None:
        return vertical_layout(scene, 1e9)
    available = max_height - PLOT_TOP - BOTTOM_PAD
    layout = vertical_layout(scene, available)
    if layout.content_height > available + 0.5:
        raise TooSmall(PLOT_TOP + layout.content_height + BOTTOM_PAD, max_height)
    return layout


def _place_badges(ctx: PaintContext, numbers: dict[int, int],
                  plot_height: float) -> tuple[Badge, ...]:
    """A badge at the start of each label (its room is reserved), else beside its glyph.

    Glyphs of rows outside the plot (another slice's) get none: the painter clips them.
    """
    g = ctx.frame.glyphs
    font = badge_font(ctx.theme)
    labelled = {label.glyph: label for label in ctx.frame.labels}
    taken: dict[float, list[tuple[float, float]]] = {}
    for k in range(len(g)):
        taken.setdefault(float(g.y[k]), []).append((float(g.lo[k]), float(g.hi[k])))
    for label in ctx.frame.labels:
        taken[label.y].append((label.x, label.x + label.width))
    badges = []
    for k in range(len(g)):
        if not 0 <= float(g.y[k]) <= plot_height:
            continue
        members = ctx.frame.members.get(k)
        indices = members.tolist() if members is not None else [int(g.index[k])]
        shown = sorted(numbers[i] for i in indices if i in numbers)
        text = compact(shown)
        size = badge_size(text, font)
        y = float(g.y[k])
        own_label = labelled.get(k)
        if own_label is not None and int(g.count[k]) == 1:
            x = own_label.x
        else:
            x = _free_spot(taken[y], float(g.lo[k]), float(g.hi[k]), size.width(),
                           float(ctx.viewport.width))
            taken[y].append((x, x + size.width()))
        rect = QRectF(ctx.gutter + x, PLOT_TOP + y - size.height() / 2, size.width(),
                      size.height())
        badges.append(Badge(rect, text, tuple(shown)))
    return tuple(badges)


def _free_spot(taken: list[tuple[float, float]], lo: float, hi: float, width: float,
               plot_width: float) -> float:
    """Right of the glyph, else left of it, else on it (a badge is never left out)."""
    own = (lo, hi)
    for left in (hi + BADGE_GAP, lo - BADGE_GAP - width):
        right = left + width
        if left < 1 or right > plot_width - 1:
            continue
        if all(b <= left - BADGE_GAP or a >= right + BADGE_GAP
               for a, b in taken if (a, b) != own):
            return left
    center = (max(lo, 0.0) + min(hi, plot_width)) / 2
    return min(max(center - width / 2, 1.0), plot_width - width - 1)
