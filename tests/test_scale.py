"""A hundred thousand events: what is drawn counts every event, and every event can be reached.

The level of detail must never lose or invent events: per lane, the glyphs (with their
cluster counts) or the per-pixel densities add up to exactly the events in view, at
every zoom and after panning. And zooming in towards any event, as the wheel does,
always ends with that event drawn on its own or inside a cluster that lists it. The
window opens such a file in the background, and searches and filters it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from tests.bench import generate, write_csv, write_json
from timeline_app.core.columns import EventColumns, build_columns
from timeline_app.core.event_store import EventStore
from timeline_app.core.filters import FilterState
from timeline_app.core.frame import Frame, build_frame
from timeline_app.core.scene import Scene, VerticalLayout, vertical_layout
from timeline_app.core.viewport import Viewport
from timeline_app.io.opening import open_timeline

COUNT = 100_000
pytestmark = pytest.mark.slow


def measure(text: str) -> float:
    return 6.5 * len(text)


@pytest.fixture(scope="module", params=["events", "adversarial"])
def files(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    data = generate(request.param, COUNT)
    csv_path, json_path = folder / "big.csv", folder / "big.chronology.json"
    write_csv(data, csv_path)
    write_json(data, json_path)
    return csv_path, json_path


@pytest.fixture(scope="module")
def scene(files: tuple[Path, Path]) -> Scene:
    timeline = open_timeline(files[0]).timeline
    assert isinstance(timeline.events, EventStore) and len(timeline.events) == COUNT
    return Scene.build(build_columns(timeline))


def lane_counts(frame: Frame, scene: Scene, layout: VerticalLayout, viewport: Viewport,
                height: float) -> None:
    """Per lane: what is drawn adds up to the lane's events in view, exactly."""
    g = frame.glyphs
    total = 0
    for box in layout.boxes:
        if box.bottom < 0 or box.top > height:
            continue
        expected = scene.lane_index[box.lane].count(viewport.start, viewport.end)
        drawn = int(g.count[g.lane == box.lane].sum())
        densities = [d for d in frame.densities if d.lane == box.lane]
        if densities:
            assert drawn == 0
            drawn = int(densities[0].counts.sum())
        assert drawn == expected, (box.lane, drawn, expected)
        total += expected
    assert total == frame.visible_count


@pytest.mark.parametrize("zoom", [1.0, 0.1, 0.01, 0.001, 0.0001])
def test_level_of_detail_counts_every_event(scene: Scene, zoom: float) -> None:
    columns = scene.columns
    extent = columns.extent
    assert extent is not None
    height = 100_000.0  # every lane on screen
    layout = vertical_layout(scene, 900)
    span = (extent[1] - extent[0]) * zoom
    for where in (0.2, 0.5, 0.8):
        middle = extent[0] + int((extent[1] - extent[0]) * where)
        viewport = Viewport.showing(middle - int(span / 2), middle + int(span / 2), 1700)
        for _ in range(3):  # and after panning, as a drag does
            frame = build_frame(scene, layout, viewport, measure, height=height)
            lane_counts(frame, scene, layout, viewport, height)
            assert frame.visible_count == columns.index.count(viewport.start, viewport.end)
            for density in frame.densities:  # per pixel column: never negative
                assert (density.counts >= 0).all()
            viewport = viewport.panned(-397.0)


def drawn_ids(frame: Frame, columns: EventColumns) -> set[int]:
    indices = set(frame.glyphs.index[frame.glyphs.count == 1].tolist())
    for members in frame.members.values():
        indices.update(members.tolist())
    return indices


def test_zooming_in_reaches_every_event(scene: Scene) -> None:
    columns = scene.columns
    extent = columns.extent
    assert extent is not None
    layout = vertical_layout(scene, 900)
    rng = np.random.default_rng(11)
    overall = Viewport.showing(0, 1, 1700).fitted(*extent)
    for index in rng.choice(len(columns), 40, replace=False).tolist():
        middle = (int(columns.earliest[index]) + int(columns.latest[index])) // 2
        # Scroll to the event's lane, then wheel in towards it as a person would.
        box = next(b for b in layout.boxes if b.lane == int(columns.lane[index]))
        viewport = overall
        for _step in range(120):  # wheel steps of 1.25, anchored at the event
            frame = build_frame(scene, layout, viewport, measure, scroll=box.top, height=900)
            if index in drawn_ids(frame, columns):
                break
            viewport = viewport.zoomed(1.25, viewport.x_of(middle))
        else:
            pytest.fail(f"event {columns.ids[index]} never drawn on its own or in a cluster")


def test_the_window_opens_searches_and_filters_a_large_file(qtbot: QtBot,
                                                            files: tuple[Path, Path]) -> None:
    from timeline_app.ui.document import Document
    from timeline_app.ui.loading import current_loader, loads_in_background
    from timeline_app.ui.main_window import MainWindow

    csv_path, json_path = files
    window = MainWindow(Document(), remember_layout=False)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    for path in (json_path, csv_path):
        assert loads_in_background(str(path))
        assert window.open_file(str(path))
        loader = current_loader(window)
        assert loader is not None
        with qtbot.waitSignal(window.document.changed, timeout=60_000):
            pass
        assert isinstance(window.document.timeline.events, EventStore)
        assert len(window.canvas.columns) == COUNT
        assert window.table.model().rowCount() == COUNT
    canvas = window.canvas
    canvas.repaint()
    # Search: matches are a row-backed set; the canvas dims the rest with one mask.
    window.workspace.run_search("ceasefire agreement")
    result = window.workspace.result
    assert 0 < len(result.event_ids) < COUNT
    some = next(iter(result.event_ids))
    assert some in result.event_ids and "no such id" not in result.event_ids
    assert "ceasefire agreement" in window.document.timeline.event(some).title.lower()
    canvas.repaint()
    window.workspace.step(1)
    assert window.selection.current in result.event_ids
    # Filter by one category: vectorised, and the canvas shows exactly those events.
    category = window.document.timeline.categories[0].id
    window.filters.set_state(FilterState(categories=frozenset({category})), emit=True)
    shown = window.canvas.columns
    assert 0 < len(shown) < COUNT
    assert {window.document.timeline.event(shown.ids[i]).category
            for i in range(0, len(shown), 997)} == {category}
    window.filters.set_state(FilterState(), emit=True)
    assert len(window.canvas.columns) == COUNT


def test_a_background_load_can_be_cancelled_or_fail(qtbot: QtBot, files: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    from timeline_app.ui.document import Document
    from timeline_app.ui.loading import FileLoader

    document = Document()
    loader = FileLoader(str(files[1]))
    with qtbot.waitSignal(loader.cancelled, timeout=60_000):
        loader.start()
        loader.cancel()
    assert loader.wait(60)
    assert document.timeline.events == ()
    broken = tmp_path / "broken.chronology.json"
    broken.write_bytes(b'{"format": "timeline_app.chronology", "events": [' + b"x" * 5_000_000)
    failing = FileLoader(str(broken))
    with qtbot.waitSignal(failing.failed, timeout=60_000) as failed:
        failing.start()
    assert "not valid JSON" in str(failed.args[0])
    assert os.path.getsize(broken) > 4_000_000
