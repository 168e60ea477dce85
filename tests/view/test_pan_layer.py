"""Panning moves one picture wider than the window: it looks and answers as a fresh frame."""

from dataclasses import replace

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Category, Event, Timeline
from timeline_app.core.viewport import Viewport
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas import ChronologyCanvas

#: Short titles in the middle of 2019–2022: no title meets an edge while panning a little.
SMALL = Timeline(
    "Small",
    categories=(Category("a", "Talks", "#0072B2"), Category("b", "Clashes", "#D55E00")),
    events=(
        *(Event(f"e{n}", f"Event {n}", UncertainDate(f"2020-{n:02d}-1{n % 9}"),
                UncertainDate(f"2021-{n:02d}") if n % 4 == 0 else None, "ab"[n % 2],
                importance=1 + n % 5) for n in range(1, 13)),
        Event("m", "Month", UncertainDate("2020-07")),
        Event("q", "About then", UncertainDate("2020-09-04~"), category="a"),
    ),
)
MIDDLE = (cal.to_instant(2019), cal.to_instant(2022, 6))


def fresh_canvas(qtbot: QtBot, timeline: Timeline, viewport: Viewport | None = None,
                 size: QSize = QSize(1300, 760)) -> ChronologyCanvas:  # noqa: B008
    """A canvas on ``timeline`` whose first frame (painted directly) shows ``viewport``."""
    widget = ChronologyCanvas(Selection())
    qtbot.addWidget(widget)
    widget.resize(size)
    widget.set_timeline(timeline)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_viewport(viewport or Viewport.showing(*MIDDLE, widget.viewport.width))
    widget.grab()
    assert widget.pan_layers.layer is None
    return widget


def small_canvas(qtbot: QtBot, viewport: Viewport | None = None) -> ChronologyCanvas:
    """A canvas on :data:`SMALL` (see :func:`fresh_canvas`)."""
    return fresh_canvas(qtbot, SMALL, viewport)


def picture(canvas: ChronologyCanvas) -> QImage:
    """Paint a frame (as the screen would) and return it."""
    return canvas.grab().toImage()


def test_panning_paints_one_layer_and_matches_a_fresh_frame(qtbot: QtBot) -> None:
    canvas = small_canvas(qtbot)
    for _ in range(6):
        canvas.pan_by(-10)
        canvas.grab()
    assert canvas.pan_layers.builds == 1 and canvas.pan_layers.layer is not None
    fresh = small_canvas(qtbot, canvas.viewport)
    assert picture(canvas) == picture(fresh)


def test_fractional_pans_keep_ticks_on_their_grid_lines(qtbot: QtBot) -> None:
    canvas = small_canvas(qtbot)
    for _ in range(5):
        canvas.pan_by(7.3)
        canvas.grab()
    layer = canvas.pan_layers.layer
    assert layer is not None
    offset = layer.offset(canvas.viewport)
    assert offset is not None and offset != layer.exact_offset(canvas.viewport)
    # What is shown is the wide picture moved by whole pixels: exactly the frame of
    # the window at that whole-pixel position, axis and marks included.
    snapped = replace(layer.wide.panned(-offset), width=canvas.viewport.width)
    fresh = small_canvas(qtbot, snapped)
    assert picture(canvas) == picture(fresh)


def test_hit_testing_during_a_pan_finds_what_a_fresh_frame_finds(
        qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    for _ in range(4):
        canvas.pan_by(-25)
        canvas.grab()
    assert canvas.pan_layers.layer is not None
    fresh = fresh_canvas(qtbot, canvas.timeline, canvas.viewport, canvas.size())
    frame, _, _ = fresh.layout_now()
    assert len(frame.glyphs)
    for k in range(len(frame.glyphs)):
        g = frame.glyphs
        point = QPointF(canvas.plot_left + (float(g.lo[k]) + float(g.hi[k])) / 2,
                        canvas.plot_top + float(g.y[k]))
        found = canvas.glyph_at(point)
        assert found >= 0
        assert canvas.events_at_glyph(found) == fresh.events_at_glyph(fresh.glyph_at(point))


def test_zooming_and_other_changes_paint_directly(canvas: ChronologyCanvas) -> None:
    for factor in (1.25, 1.25, 0.8):
        canvas.zoom_by(factor)
        canvas.grab()
    assert canvas.pan_layers.builds == 0
    canvas.pan_by(-10)
    canvas.grab()
    assert canvas.pan_layers.builds == 1
    ids = [canvas.columns.ids[0], canvas.columns.ids[1]]
    canvas.set_emphasis(frozenset(ids))  # a search dims the rest: a new picture is needed
    canvas.grab()
    assert canvas.pan_layers.covering(canvas._layer_key(), canvas.viewport) is None
    canvas.pan_by(-10)
    canvas.grab()
    canvas.pan_by(-10)
    canvas.grab()
    assert canvas.pan_layers.builds == 2


def test_a_long_pan_builds_a_new_layer_ahead_of_the_motion(canvas: ChronologyCanvas) -> None:
    width = canvas.viewport.width
    for _ in range(round(width * 1.2 / 40)):
        canvas.pan_by(-40)
        canvas.grab()
    assert canvas.pan_layers.builds == 2
    layer = canvas.pan_layers.layer
    assert layer is not None
    offset = layer.offset(canvas.viewport)
    assert offset is not None and offset < layer.wide.width / 2  # room ahead, on the right


def test_when_panning_pauses_the_window_is_laid_out_afresh(
        qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    canvas.pan_layers._release.setInterval(20)
    for _ in range(3):
        canvas.pan_by(-30)
        canvas.grab()
    assert canvas.pan_layers.layer is not None
    with qtbot.waitSignal(canvas.pan_layers.released, timeout=2000):
        pass
    assert canvas.pan_layers.layer is None
    # Titles the moving picture cut at the window's edges fit inside it again: the
    # frame is the window's own, as a fresh canvas lays it out.
    fresh = fresh_canvas(qtbot, canvas.timeline, canvas.viewport, canvas.size())
    assert picture(canvas) == picture(fresh)
