"""A laid-out frame seen from further along: the frame of a pan within a wider frame.

While the user pans, the canvas lays out and paints a frame wider than the window once
and then only moves it; :func:`shifted` gives the window's part of that frame, for
hit-testing and for what is drawn over the moving picture.
"""

from __future__ import annotations

from timeline_app.core.axis import Axis, Tick
from timeline_app.core.frame import DENSITY_COLUMN, INSIDE_INSET, Density, Frame, Glyphs, Label
from timeline_app.core.scene import Scene
from timeline_app.core.viewport import Viewport


def shifted(frame: Frame, dx: float, window: Viewport, scene: Scene) -> Frame:
    """``frame`` (of a wider viewport) seen through ``window``, whose left edge is at ``dx``."""
    width = window.width
    g = frame.glyphs
    glyphs = Glyphs(g.index, g.x0 - dx, g.x1 - dx, g.xs - dx, g.xe - dx, g.y, g.kind, g.flags,
                    g.lane, g.count, g.lo - dx, g.hi - dx)
    labels = tuple(label for label in (_moved(label, glyphs, dx, width)
                                       for label in frame.labels) if label is not None)
    densities = tuple(_window(density, dx, window, scene) for density in frame.densities)
    # Events drawn meeting the window (a cluster reaching into it counts whole).
    shown = (glyphs.hi >= 0) & (glyphs.lo <= width)
    visible = int(glyphs.count[shown].sum()) + sum(int(d.counts.sum()) for d in densities)
    return Frame(glyphs, labels, densities, frame.members, visible)


def _moved(label: Label, glyphs: Glyphs, dx: float, width: int) -> Label | None:
    if label.inside:
        # A title inside a bar sticks to the bar's visible left end, as when laid out
        # for the window itself; it is left out where it no longer fits.
        lo, hi = float(glyphs.lo[label.glyph]), float(glyphs.hi[label.glyph])
        left = max(lo, 0.0) + INSIDE_INSET
        if left + label.width + INSIDE_INSET > min(hi, float(width)):
            return None
        return Label(label.glyph, left, label.y, label.width, label.text, True)
    x = label.x - dx
    if x + label.width < 0 or x > width:
        return None
    return Label(label.glyph, x, label.y, label.width, label.text, False)


def _window(density: Density, dx: float, window: Viewport, scene: Scene) -> Density:
    """The density columns that meet the window, moved into its coordinates.

    The first column also counts the events already under way at the window's left
    edge (the wide frame counted them further left), so that the columns sum to the
    window's events, as in the window's own frame.
    """
    x = density.x - dx
    keep = (x + DENSITY_COLUMN > 0) & (x < window.width)
    counts = density.counts[keep].copy()
    if len(counts):
        total = scene.lane_index[density.lane].count(window.start, window.end)
        counts[0] = max(0, total - int(counts[1:].sum()))
    return Density(density.lane, density.top, density.height, x[keep], counts)


def moved_axis(axis: Axis, dx: float) -> Axis:
    """``axis`` with every tick ``dx`` pixels further right."""
    def moved(ticks: tuple[Tick, ...]) -> tuple[Tick, ...]:
        return tuple(Tick(t.instant, t.x + dx, t.label) for t in ticks)

    pinned = axis.pinned
    return Axis(axis.minor_level, axis.major_level, moved(axis.minor), moved(axis.major),
                pinned)
