"""A wide frame seen through the window: the same glyphs, titles and counts as the window's own."""

from dataclasses import replace

import numpy as np

from tests.core.test_frame import big_columns, measure
from timeline_app.core import calendar as cal
from timeline_app.core.axis import Tick, choose_axis, grid_axis, tick_instants
from timeline_app.core.columns import build_columns
from timeline_app.core.frame import INSIDE_INSET, build_frame
from timeline_app.core.pan import moved_axis, shifted
from timeline_app.core.scene import Scene, vertical_layout
from timeline_app.core.viewport import Viewport
from timeline_app.io import native
from timeline_app.paths import DEFAULT_CHRONOLOGY


def wide_of(viewport: Viewport, behind: int, extra: int) -> Viewport:
    return replace(viewport.panned(behind), width=viewport.width + extra)


def test_glyphs_of_the_window_sit_where_the_window_would_draw_them() -> None:
    timeline, _ = native.load(DEFAULT_CHRONOLOGY)
    scene = Scene.build(build_columns(timeline))
    layout = vertical_layout(scene, 700)
    viewport = Viewport.showing(cal.to_instant(2021), cal.to_instant(2026, 3), 1200)
    own = build_frame(scene, layout, viewport, measure)
    wide = build_frame(scene, layout, wide_of(viewport, 300, 1200), measure, scale=2.0)
    seen = shifted(wide, 300.0, viewport, scene)
    where = {int(i): (x0, x1, y) for i, x0, x1, y in zip(seen.glyphs.index, seen.glyphs.x0,
                                                           seen.glyphs.x1, seen.glyphs.y)}
    for i, x0, x1, y in zip(own.glyphs.index, own.glyphs.x0, own.glyphs.x1, own.glyphs.y):
        assert np.allclose(where[int(i)], (x0, x1, y), atol=1e-6)
    for label in seen.labels:
        assert label.x + label.width >= 0 and label.x <= viewport.width
        if label.inside:  # pinned to the bar's visible left end, as in the window's frame
            lo = float(seen.glyphs.lo[label.glyph])
            assert label.x == max(lo, 0.0) + INSIDE_INSET
            assert label.x + label.width + INSIDE_INSET <= min(float(seen.glyphs.hi[
                label.glyph]), viewport.width)


def test_counts_of_the_window_are_the_window_own() -> None:
    columns = big_columns(60_000)
    scene = Scene.build(columns)
    layout = vertical_layout(scene, 800)
    # Whole seconds per pixel: the wide frame's count columns fall on the window's.
    viewport = Viewport(cal.to_instant(2008), 0.0, 86_400.0, 1600)
    own = build_frame(scene, layout, viewport, measure)
    wide = build_frame(scene, layout, wide_of(viewport, 400, 1600), measure, scale=2.0)
    seen = shifted(wide, 400.0, viewport, scene)
    assert own.densities and len(seen.densities) == len(own.densities)
    for mine, theirs in zip(own.densities, seen.densities):
        assert np.array_equal(mine.x, theirs.x)
        assert np.array_equal(mine.counts, theirs.counts)
        assert int(theirs.counts.sum()) == scene.lane_index[theirs.lane].count(
            viewport.start, viewport.end)


def test_a_moved_axis_keeps_its_pinned_label_at_the_edge() -> None:
    viewport = Viewport.showing(cal.to_instant(2020, 3), cal.to_instant(2021, 2), 1000)
    axis = choose_axis(viewport, measure)
    moved = moved_axis(axis, 0.4)
    assert [t.x + 0.4 for t in axis.minor] == [t.x for t in moved.minor]
    assert [t.x + 0.4 for t in axis.major] == [t.x for t in moved.major]
    assert moved.pinned == axis.pinned


def test_a_wide_grid_has_the_window_levels() -> None:
    viewport = Viewport.showing(cal.to_instant(2020, 3), cal.to_instant(2021, 2), 1000)
    axis = choose_axis(viewport, measure)
    wide = wide_of(viewport, 500, 1000)
    grid = grid_axis(wide, axis.minor_level, axis.major_level)
    assert grid.minor_level == axis.minor_level
    instants = [t.instant for t in grid.minor]
    assert set(instants) >= {t.instant for t in axis.minor}
    assert instants == list(tick_instants(axis.minor_level, instants[0], instants[-1], False))
    assert all(t == Tick(t.instant, wide.x_of(t.instant), "") for t in grid.minor)
