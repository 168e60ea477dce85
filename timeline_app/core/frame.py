"""What one frame draws: glyph geometry, clusters, labels and per-pixel densities.

Pure and bounded by pixels: a lane with more visible events than it has room for is
drawn as counts per pixel column (two binary searches per column), so a frame never
walks more than a few thousand events whatever the data size. The painter turns a
:class:`Frame` into QPainter calls without deciding anything.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline_app.core import columns as col
from timeline_app.core.intervals import IntervalIndex
from timeline_app.core.scene import LANE_PADDING, LaneBox, Scene, VerticalLayout
from timeline_app.core.viewport import Viewport

Measure = Callable[[str], float]

# Glyph kinds.
MARKER = 0  # a day-precise (or finer) event: a point marker
BAND = 1  # a month- or year-precise event: a band over its window
BAR = 2  # a range
WHISKER = 3  # one unknown moment within a window: the window with a marker inside

MARKER_SIZE = 11.0
MIN_BAND = 4.0
#: A lane is aggregated when it has more visible events than one per this many pixels
#: of its rows.
PIXELS_PER_EVENT = 14.0
#: At most this many events are drawn one by one in a frame; the rest are counted.
MAX_INDIVIDUAL = 2500
LABEL_BUDGET = 300
#: Only this many titles a frame are tried shortened when they do not fit whole.
ELIDED_ATTEMPTS = 200
#: Events a frame may examine, in lanes too dense to draw, for piles that merge into
#: few clusters (at most this many glyphs per row of the lane).
MAX_PILED = 20_000
PILED_PER_ROW = 4
_SPREAD: dict[tuple[int, int, int], int] = {}
LABEL_GAP = 5.0
#: Titles inside a bar keep this far from the bar's visible left end and its right end.
INSIDE_INSET = 6.0
DENSITY_COLUMN = 2  # pixels per density column
_OFFSCREEN = 1e6  # coordinates are clamped to ±this so painters never see huge values


@dataclass(frozen=True, eq=False)
class Glyphs:
    """Individually drawn events (parallel arrays, one entry per glyph)."""

    index: npt.NDArray[np.int64]  # into the columns; for a cluster, its first event
    x0: npt.NDArray[np.float64]  # window start
    x1: npt.NDArray[np.float64]  # window end
    xs: npt.NDArray[np.float64]  # end of the uncertain start (ranges)
    xe: npt.NDArray[np.float64]  # start of the uncertain end (ranges)
    y: npt.NDArray[np.float64]  # row center
    kind: npt.NDArray[np.uint8]
    flags: npt.NDArray[np.uint8]
    lane: npt.NDArray[np.int16]
    count: npt.NDArray[np.int32]  # 1, or the number of events merged into a cluster
    lo: npt.NDArray[np.float64]  # drawn extent, for hit-testing and labels
    hi: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.index)


@dataclass(frozen=True)
class Label:
    """A title placed beside (or inside) its glyph."""

    glyph: int
    x: float
    y: float
    width: float
    text: str
    inside: bool


@dataclass(frozen=True, eq=False)
class Density:
    """Counts of a lane's events per pixel column where they are too dense to draw."""

    lane: int
    top: float
    height: float
    x: npt.NDArray[np.float64]  # left edge of each column
    counts: npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Frame:
    """Everything one paint needs, in widget coordinates of the plot area."""

    glyphs: Glyphs
    labels: tuple[Label, ...]
    densities: tuple[Density, ...]
    members: dict[int, npt.NDArray[np.int64]]  # cluster glyph -> its events
    visible_count: int

    def hit(self, x: float, y: float, slop: float = 3.0) -> int | None:
        """The glyph under (x, y), preferring the nearest center; labels count too."""
        g = self.glyphs
        if len(g):
            half = MARKER_SIZE / 2 + slop
            inside = (g.lo - slop <= x) & (x <= g.hi + slop) & (np.abs(g.y - y) <= half)
            candidates = np.flatnonzero(inside)
            if len(candidates):
                centers = (g.lo[candidates] + g.hi[candidates]) / 2
                return int(candidates[np.argmin(np.abs(centers - x))])
        for label in self.labels:
            if label.x <= x <= label.x + label.width and abs(label.y - y) <= MARKER_SIZE / 2 + 2:
                return label.glyph
        return None

    def events_of(self, glyph: int, columns: col.EventColumns) -> list[str]:
        """The event ids a glyph stands for (several for a cluster)."""
        indices = self.members.get(glyph)
        if indices is None:
            return [columns.ids[int(self.glyphs.index[glyph])]]
        return [columns.ids[int(i)] for i in indices]


def _x(values: npt.NDArray[np.int64], viewport: Viewport) -> npt.NDArray[np.float64]:
    # Subtract in integers first: exact whatever the magnitude of the instants.
    offsets = (values - np.int64(viewport.origin)).astype(np.float64) - viewport.phase
    return np.clip(offsets / viewport.seconds_per_pixel, -_OFFSCREEN, _OFFSCREEN)


def build_frame(scene: Scene, layout: VerticalLayout, viewport: Viewport, measure: Measure,
                scroll: float = 0.0, height: float = 1e9,
                priority: Iterable[int] = (), scale: float = 1.0) -> Frame:
    """Lay out one frame; ``priority`` event indices get their labels placed first.

    ``scale`` multiplies the glyph and label budgets, for a frame some times wider
    than the window (a pan layer) that must look like the window's own frames.
    """
    start, end = viewport.start, viewport.end
    parts: list[Glyphs] = []
    densities: list[Density] = []
    members: dict[int, npt.NDArray[np.int64]] = {}
    budget = round(MAX_INDIVIDUAL * scale)
    tries = MAX_PILED
    visible_count = 0
    for box in layout.boxes:
        top, bottom = box.top - scroll, box.bottom - scroll
        if bottom < 0 or top > height:
            continue
        index = scene.lane_index[box.lane]
        count = index.count(start, end)
        visible_count += count
        if not count:
            continue
        capacity = box.rows_shown * viewport.width / PIXELS_PER_EVENT
        if box.collapsed or count > capacity or count > budget:
            # Too many to draw one by one. But events piled on the same few instants
            # (a thousand reports of one day) merge into a handful of clusters that list
            # them: those are drawn, so zooming in reaches every event, however dense.
            piled = None
            # A lane found spread out at this zoom is not tried again while panning.
            spread = (id(scene), box.lane, round(math.log2(viewport.seconds_per_pixel) * 4))
            if not box.collapsed and count <= tries and _SPREAD.get(spread, 0) * 2 < count:
                tries -= count
                chosen = scene.lane_members[box.lane][index.visible(start, end)].astype(
                    np.int64)
                piled = _lane_glyphs(scene, box, chosen, viewport, scroll)
                if len(piled[0]) > min(budget, PILED_PER_ROW * box.rows_shown):
                    piled = None
                    if len(_SPREAD) > 4096:
                        _SPREAD.clear()
                    _SPREAD[spread] = count
            if piled is None:
                densities.append(_density(index, box, viewport, top))
                continue
            glyphs, clusters = piled
            budget -= len(glyphs)
        else:
            budget -= count
            chosen = scene.lane_members[box.lane][index.visible(start, end)].astype(np.int64)
            glyphs, clusters = _lane_glyphs(scene, box, chosen, viewport, scroll)
        offset = sum(len(p) for p in parts)
        members.update({offset + k: v for k, v in clusters.items()})
        parts.append(glyphs)
    glyphs = _concat(parts)
    labels = _place_labels(glyphs, scene.columns, measure, viewport.width, set(priority),
                           round(LABEL_BUDGET * scale))
    return Frame(glyphs, labels, tuple(densities), members, visible_count)


def _density(index: IntervalIndex, box: LaneBox, viewport: Viewport, top: float) -> Density:
    columns = max(1, viewport.width // DENSITY_COLUMN)
    x = np.arange(columns + 1, dtype=np.float64) * DENSITY_COLUMN
    seconds = np.floor(x * viewport.seconds_per_pixel + viewport.phase)
    edges = np.int64(viewport.origin) + seconds.astype(np.int64)
    edges[-1] = max(int(edges[-1]), viewport.end)
    return Density(box.lane, top, box.height, x[:-1], index.column_counts(edges))


Members = dict[int, npt.NDArray[np.int64]]


def row_centers(box: LaneBox, rows: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.float64]:
    """:meth:`LaneBox.row_center` of many rows at once."""
    if box.collapsed:
        return np.full(len(rows), box.top + box.height / 2, np.float64)
    shown = np.minimum(rows.astype(np.float64), box.rows_shown - 1)
    result: npt.NDArray[np.float64] = box.top + LANE_PADDING / 2 + (shown + 0.5) * \
        ((box.height - LANE_PADDING) / max(1, box.rows_shown))
    return result


def _lane_glyphs(scene: Scene, box: LaneBox, chosen: npt.NDArray[np.int64],
                 viewport: Viewport, scroll: float) -> tuple[Glyphs, Members]:
    c = scene.columns
    flags = c.flags[chosen]
    x0, x1 = _x(c.earliest[chosen], viewport), _x(c.latest[chosen], viewport)
    xs, xe = _x(c.start_latest[chosen], viewport), _x(c.end_earliest[chosen], viewport)
    rows = scene.row[chosen]
    y = row_centers(box, rows) - scroll
    kind = np.full(len(chosen), BAND, np.uint8)
    kind[(flags & (col.ONE_OF | col.OPEN_START)) != 0] = WHISKER
    kind[((flags & col.POINT) != 0) & (x1 - x0 < MARKER_SIZE)] = MARKER
    kind[(flags & col.RANGE) != 0] = BAR
    center = (x0 + x1) / 2
    narrow = kind != BAND
    lo = np.where(narrow, np.minimum(x0, center - MARKER_SIZE / 2), x0)
    hi = np.where(narrow, np.maximum(x1, center + MARKER_SIZE / 2), np.maximum(x1, x0 + MIN_BAND))
    glyphs = Glyphs(chosen, x0, x1, xs, xe, y, kind, flags, c.lane[chosen],
                    np.ones(len(chosen), np.int32), lo, hi)
    if box.collapsed or len(chosen) < 2:
        return glyphs, {}
    return _merge_clusters(glyphs, rows)


def _merge_clusters(g: Glyphs, rows: npt.NDArray[np.integer[Any]]
                    ) -> tuple[Glyphs, Members]:
    """Merge glyphs of one row whose drawn extents overlap into count badges.

    Walking a row by left edge, a glyph joins the group before it when it starts more
    than a pixel before that group's right edge (bands that merely touch stay apart).
    Every glyph is at least four pixels wide, so a new group always reaches further
    right than all before it: the group's right edge is the running maximum of the row,
    which numpy computes per row.
    """
    order = np.lexsort((g.lo, rows))
    row, lo, hi = rows[order], g.lo[order], g.hi[order]
    running = np.empty(len(order), np.float64)
    cuts = np.flatnonzero(np.diff(row)) + 1
    for first, last in zip(np.concatenate(([0], cuts)).tolist(),
                           np.concatenate((cuts, [len(order)])).tolist()):
        running[first:last] = np.maximum.accumulate(hi[first:last])
    joins = np.zeros(len(order), bool)
    joins[1:] = (row[1:] == row[:-1]) & (lo[1:] < running[:-1] - 1)
    if not joins.any():
        return g, {}
    heads = np.flatnonzero(~joins)
    kept = order[heads]
    sizes = np.diff(np.concatenate((heads, [len(order)])))
    count = sizes.astype(np.int32)
    group_lo = np.minimum.reduceat(lo, heads)
    group_hi = np.maximum.reduceat(hi, heads)
    members: dict[int, npt.NDArray[np.int64]] = {}
    for k in np.flatnonzero(sizes > 1).tolist():
        start = int(heads[k])
        members[k] = g.index[order[start:start + int(sizes[k])]]
    merged = Glyphs(g.index[kept], g.x0[kept], g.x1[kept], g.xs[kept], g.xe[kept], g.y[kept],
                    g.kind[kept], g.flags[kept], g.lane[kept], count, group_lo, group_hi)
    return merged, members


def _concat(parts: list[Glyphs]) -> Glyphs:
    if not parts:
        empty_f = np.zeros(0, np.float64)
        return Glyphs(np.zeros(0, np.int64), empty_f, empty_f, empty_f, empty_f, empty_f,
                      np.zeros(0, np.uint8), np.zeros(0, np.uint8), np.zeros(0, np.int16),
                      np.zeros(0, np.int32), empty_f, empty_f)
    if len(parts) == 1:
        return parts[0]
    fields = ("index", "x0", "x1", "xs", "xe", "y", "kind", "flags", "lane", "count", "lo", "hi")
    return Glyphs(*(np.concatenate([getattr(p, f) for p in parts]) for f in fields))


class _Row:
    """What occupies one row of glyphs: their extents and the labels placed so far.

    Kept as two sorted lists (left ends, right ends) so that "is this span free?" is
    two binary searches: the extents meeting (left, right) are those starting before
    ``right`` less those ending by ``left``. Extents equal to the glyph's own one are
    not obstacles (as before: the label's own glyph, and its exact duplicates).
    """

    __slots__ = ("his", "los", "tuples")

    def __init__(self) -> None:
        self.los: list[float] = []
        self.his: list[float] = []
        self.tuples: dict[tuple[float, float], int] = {}

    def add(self, lo: float, hi: float) -> None:
        insort(self.los, lo)
        insort(self.his, hi)
        self.tuples[(lo, hi)] = self.tuples.get((lo, hi), 0) + 1

    def free(self, left: float, right: float, own: tuple[float, float]) -> bool:
        meeting = bisect_left(self.los, right) - bisect_right(self.his, left)
        if own[1] > left and own[0] < right:
            meeting -= self.tuples.get(own, 0)
        return meeting <= 0

    def first_start_from(self, at: float, default: float) -> float:
        """The smallest left end at or after ``at`` (``default`` when none)."""
        i = bisect_left(self.los, at)
        return min(self.los[i], default) if i < len(self.los) else default

    def last_end_by(self, at: float, default: float) -> float:
        """The largest right end at or before ``at`` (``default`` when none)."""
        i = bisect_right(self.his, at)
        return max(self.his[i - 1], default) if i else default


def _place_labels(g: Glyphs, c: col.EventColumns, measure: Measure, width: int,
                  priority: set[int], budget: int) -> tuple[Label, ...]:
    """Place titles where they fit without touching another glyph or label."""
    if not len(g):
        return ()
    rows: dict[float, _Row] = {}
    for y, lo, hi in zip(g.y.tolist(), g.lo.tolist(), g.hi.tolist()):
        row = rows.get(y)
        if row is None:
            row = rows[y] = _Row()
        row.los.append(lo)
        row.his.append(hi)
        row.tuples[(lo, hi)] = row.tuples.get((lo, hi), 0) + 1
    for row in rows.values():
        row.los.sort()
        row.his.sort()
    singles = np.flatnonzero(g.count == 1)
    indices = g.index[singles].tolist()
    importance = c.importance[g.index[singles]].tolist() if len(singles) else []
    lows = g.lo[singles].tolist()
    ranked = sorted(range(len(indices)),
                    key=lambda n: (indices[n] not in priority, -importance[n], lows[n]))
    labels: list[Label] = []
    titles = c.titles
    single_list = singles.tolist()
    plain = (g.y.tolist(), g.lo.tolist(), g.hi.tolist(), g.kind.tolist())
    # The most important titles are tried first; only the first ones may be shortened
    # to fit (in a dense frame the rest would mostly fail, and each try costs time).
    for attempt, n in enumerate(ranked):
        if len(labels) >= budget:
            break
        label = _place_one(g, single_list[n], titles[indices[n]], measure, width, rows,
                           plain, elide_ok=attempt < ELIDED_ATTEMPTS)
        if label is not None:
            labels.append(label)
    return tuple(labels)


def _place_one(g: Glyphs, k: int, text: str, measure: Measure, width: int,
               rows: dict[float, _Row], plain: tuple[list[Any], ...] | None = None,
               elide_ok: bool = True) -> Label | None:
    if plain is not None:  # the glyph arrays as lists, made once a frame
        y, lo, hi, kind = plain[0][k], plain[1][k], plain[2][k], plain[3][k]
    else:
        y, lo, hi, kind = float(g.y[k]), float(g.lo[k]), float(g.hi[k]), int(g.kind[k])
    occupied = rows[y]
    w = measure(text)
    own = (lo, hi)
    if kind in (BAR, BAND):
        # Inside a wide bar, stuck to its visible left end so panning keeps it in view.
        left = max(lo, 0.0) + INSIDE_INSET
        if left + w + INSIDE_INSET <= min(hi, float(width)):
            return Label(k, left, y, w, text, True)
    starts = [hi + LABEL_GAP]
    if kind == WHISKER:
        starts.insert(0, (float(g.x0[k]) + float(g.x1[k])) / 2 + MARKER_SIZE / 2 + LABEL_GAP)
    for left in (*starts, lo - LABEL_GAP - w):
        if left < 2 or left + w > width - 2:
            continue
        if occupied.free(left - 2, left + w + 2, own):
            occupied.add(left, left + w)
            return Label(k, left, y, w, text, False)
    if not elide_ok:
        return None
    return _place_elided(k, y, text, measure, width, occupied, own, starts[0], lo)


#: A shortened title needs at least this much room, and two words, to be worth showing.
MIN_ELIDED_WIDTH = 90.0


def _place_elided(k: int, y: float, text: str, measure: Measure, width: int,
                  occupied: _Row, own: tuple[float, float],
                  right_start: float, left_end: float) -> Label | None:
    """Shorten the title with an ellipsis into the largest free room beside the glyph."""
    # The glyph's own extent starts before right_start and ends after left_end, so
    # these searches never meet it.
    right_limit = occupied.first_start_from(right_start, width - 2.0) - LABEL_GAP
    left_limit = occupied.last_end_by(left_end, 2.0) + LABEL_GAP
    right_room = right_limit - max(right_start, 2.0)
    left_room = (left_end - LABEL_GAP) - left_limit
    room = max(right_room, left_room)
    if room < MIN_ELIDED_WIDTH:
        return None
    short = elide(text, room, measure)
    if not short:
        return None
    w = measure(short)
    left = max(right_start, 2.0) if right_room >= left_room else left_end - LABEL_GAP - w
    if not occupied.free(left - 2, left + w + 2, own):
        return None
    occupied.add(left, left + w)
    return Label(k, left, y, w, short, False)


_ELIDED: dict[tuple[int, str], dict[int, float]] = {}


def elide(text: str, room: float, measure: Measure) -> str:
    """The longest word-boundary prefix of ``text`` plus "…" that fits in ``room``."""
    if measure(text) <= room:
        return text
    words = text.split(" ")
    # The width of each shortened form tried is remembered per title: a pan asks the
    # same questions frame after frame, with rooms that differ by a few pixels.
    key = (id(measure), text)
    widths = _ELIDED.get(key)
    if widths is None:
        if len(_ELIDED) > 20_000:
            _ELIDED.clear()
        widths = _ELIDED[key] = {}
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        width = widths.get(middle)
        if width is None:
            width = widths[middle] = measure(" ".join(words[:middle]) + "…")
        if width <= room:
            low = middle
        else:
            high = middle - 1
    if low < min(2, len(words)):
        return ""
    return " ".join(words[:low]).rstrip(",;:–-") + "…"
