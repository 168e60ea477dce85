"""Per-frame layout: labels never collide or clip; dense lanes are counted exactly."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import calendar as cal
from timeline_app.core.columns import EventColumns, Lane, build_columns, from_arrays
from timeline_app.core.frame import Frame, build_frame, elide
from timeline_app.core.scene import Scene, vertical_layout
from timeline_app.core.viewport import Viewport
from timeline_app.io import native
from timeline_app.paths import DEFAULT_CHRONOLOGY, RESOURCES


def measure(text: str) -> float:
    return 6.5 * len(text)


@pytest.fixture(scope="module", params=["default", "deep"])
def scene(request: pytest.FixtureRequest) -> Scene:
    path = DEFAULT_CHRONOLOGY if request.param == "default" else \
        RESOURCES / "examples" / "deep-time.chronology.json"
    timeline, _ = native.load(path)
    return Scene.build(build_columns(timeline))


def check_frame(frame: Frame, width: int) -> None:
    g = frame.glyphs
    rows: dict[float, list[tuple[float, float, int]]] = {}
    for label in frame.labels:
        assert label.x >= 0 and label.x + label.width <= width, label
        rows.setdefault(label.y, []).append((label.x, label.x + label.width, label.glyph))
    for y, spans in rows.items():
        spans.sort()
        for (_, right, _), (left, _, _) in zip(spans, spans[1:]):
            assert right <= left, spans
        for left, right, owner in spans:
            for k in np.flatnonzero(g.y == y).tolist():
                if k == owner or any(label.inside and label.glyph == owner
                                     for label in frame.labels):
                    continue
                assert g.hi[k] <= left or g.lo[k] >= right, (left, right, g.lo[k], g.hi[k])


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.sampled_from([(1024, 640), (1600, 900), (2560, 1440)]))
def test_labels_never_overlap_or_clip(scene: Scene, where: float, zoom: float,
                                      size: tuple[int, int]) -> None:
    extent = scene.columns.extent
    assert extent is not None
    width = size[0] - 200
    span = (extent[1] - extent[0]) * 1.2
    visible = max(3600.0, span * (1e-6 ** zoom))
    start = extent[0] + int((span - visible) * where) - int(span * 0.1)
    viewport = Viewport.showing(start, start + int(visible), width)
    layout = vertical_layout(scene, size[1] - 200)
    frame = build_frame(scene, layout, viewport, measure)
    check_frame(frame, width)


def test_every_default_event_is_labelled_at_fit_all() -> None:
    timeline, _ = native.load(DEFAULT_CHRONOLOGY)
    scene = Scene.build(build_columns(timeline))
    extent = scene.columns.extent
    assert extent is not None
    viewport = Viewport.showing(0, 1, 1400).fitted(*extent)
    frame = build_frame(scene, vertical_layout(scene, 700), viewport, measure)
    labelled = {scene.columns.ids[int(frame.glyphs.index[label.glyph])] for label in frame.labels}
    assert len(labelled) >= len(timeline.events) - 2


def big_columns(count: int, seed: int = 7) -> EventColumns:
    rng = np.random.default_rng(seed)
    start = cal.to_instant(2000)
    earliest = start + rng.integers(0, 20 * 365, count).astype(np.int64) * 86400
    latest = earliest + np.where(rng.random(count) < 0.2,
                                 rng.integers(1, 400, count), 1).astype(np.int64) * 86400
    lanes = tuple(Lane(f"c{i}", f"Category {i}", "#0072B2") for i in range(6))
    return from_arrays(tuple(f"e{i}" for i in range(count)), tuple(f"Event {i}" for i in
                       range(count)), earliest, latest,
                       rng.integers(0, 6, count).astype(np.int16), lanes)


@pytest.mark.parametrize("zoom", [1.0, 0.1, 0.01, 0.001])
def test_density_counts_sum_to_the_visible_events(zoom: float) -> None:
    columns = big_columns(60_000)
    scene = Scene.build(columns)
    extent = columns.extent
    assert extent is not None
    span = (extent[1] - extent[0]) * zoom
    middle = (extent[0] + extent[1]) // 2
    viewport = Viewport.showing(middle - int(span / 2), middle + int(span / 2), 1600)
    frame = build_frame(scene, vertical_layout(scene, 800), viewport, measure)
    drawn = sum(int(c) for c in frame.glyphs.count) + sum(int(d.counts.sum())
                                                           for d in frame.densities)
    assert drawn == frame.visible_count == columns.index.count(viewport.start, viewport.end)
    assert len(frame.glyphs) <= 2500 and len(frame.labels) <= 300


def test_zooming_in_separates_clusters() -> None:
    # A burst of 120 one-day events over five days, in a 20-year chronology.
    burst = cal.to_instant(2010, 6, 1) + (np.arange(120) % 5).astype(np.int64) * 86400
    background = cal.to_instant(2000) + np.arange(20, dtype=np.int64) * 365 * 86400
    earliest = np.concatenate([burst, background])
    latest = earliest + 86400
    count = len(earliest)
    columns = from_arrays(tuple(f"e{i}" for i in range(count)), tuple(f"E{i}" for i in
                          range(count)), earliest, latest, np.zeros(count, np.int16),
                          (Lane("c", "C", "#0072B2"),))
    scene = Scene.build(columns)
    extent = columns.extent
    assert extent is not None
    wide = Viewport.showing(0, 1, 1200).fitted(*extent)
    frame = build_frame(scene, vertical_layout(scene, 2000), wide, measure)
    assert int((frame.glyphs.count > 1).sum()) > 0
    close = wide.fitted(cal.to_instant(2010, 6, 1), cal.to_instant(2010, 6, 6))
    near = build_frame(scene, vertical_layout(scene, 2000), close, measure)
    assert int(near.glyphs.count.max()) == 1  # every event of the burst on its own


def test_elide_keeps_whole_words() -> None:
    assert elide("Iran supplies Russia with weapons", 6.5 * 16, measure) == "Iran supplies…"
    assert elide("Short", 100, measure) == "Short"
    assert elide("Unbreakablewordthatistoolong here", 40, measure) == ""


def test_huge_and_multiline_titles_are_drawn_short() -> None:
    from timeline_app.core.columns import MAX_DRAWN_TITLE, drawn_title

    assert len(drawn_title("x" * 10_000_000)) == MAX_DRAWN_TITLE
    assert drawn_title("two\nlines\t here") == "two lines here"
