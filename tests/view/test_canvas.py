"""Driving the canvas with mouse and keys, as a user would."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timeline_app.core import calendar as cal
from timeline_app.core.frame import BAND
from timeline_app.core.viewport import Viewport
from timeline_app.view.canvas import ChronologyCanvas


def empty_point(canvas: ChronologyCanvas) -> QPoint:
    """A point in the plot area with no glyph or label under it."""
    frame, _, _ = canvas.layout_now()
    for y in range(int(canvas.plot_top) + 5, canvas.height() - 5, 7):
        for x in range(int(canvas.plot_left) + 20, canvas.width() - 30, 23):
            if frame.hit(x - canvas.plot_left, y - canvas.plot_top) is None:
                return QPoint(x, y)
    raise AssertionError("no empty point")


def wheel(canvas: ChronologyCanvas, pos: QPoint, notches: float) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(canvas.mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, int(120 * notches)), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)


def finish_animation(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    if canvas.is_animating():
        with qtbot.waitSignal(canvas.animationFinished, timeout=3000):
            pass


def test_wheel_zoom_keeps_the_instant_under_the_cursor(canvas: ChronologyCanvas) -> None:
    pos = QPoint(int(canvas.plot_left) + 817, 300)
    x = pos.x() - canvas.plot_left
    for notches in (1, 1, 3, -2, 0.5):
        under = canvas.viewport.exact_time_at(x)
        before = canvas.viewport.seconds_per_pixel
        wheel(canvas, pos, notches)
        assert abs(canvas.viewport.x_of_exact(*under) - x) < 1e-3
        assert (canvas.viewport.seconds_per_pixel < before) == (notches > 0)


def test_drag_pans_by_exactly_the_dragged_distance(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    start = empty_point(canvas)
    x = start.x() - canvas.plot_left
    instant = canvas.viewport.exact_time_at(x)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(60, 0))
    qtbot.mouseMove(canvas, start + QPoint(157, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(157, 0))
    assert abs(canvas.viewport.x_of_exact(*instant) - (x + 157)) < 1e-6


def test_keys_zoom_and_pan(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    spp = canvas.viewport.seconds_per_pixel
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    finish_animation(qtbot, canvas)
    assert canvas.viewport.seconds_per_pixel < spp
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    finish_animation(qtbot, canvas)
    assert abs(canvas.viewport.seconds_per_pixel - spp) / spp < 1e-9
    left = canvas.viewport.exact_time_at(0)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.viewport.x_of_exact(*left) < -1
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert abs(canvas.viewport.x_of_exact(*left)) < 1e-6


def test_fit_shows_every_event(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    canvas.set_viewport(Viewport.showing(cal.to_instant(2025, 12, 30), cal.to_instant(2026, 1, 2),
                                         canvas.viewport.width))
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    finish_animation(qtbot, canvas)
    viewport = canvas.viewport
    columns = canvas.columns
    assert viewport.x_of(int(columns.earliest.min())) > 0
    assert viewport.x_of(int(columns.latest.max())) < viewport.width
    assert len(canvas.visible_event_ids()) == len(columns)


def test_home_end_and_tab_walk_events_in_time(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    ids = canvas.columns.ids
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.selection.current == ids[0]
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selection.current == ids[1]
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    qtbot.keyClick(canvas, Qt.Key.Key_Backtab)
    assert canvas.selection.current == ids[1]
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert canvas.selection.current == ids[-1]
    assert canvas.hasFocus()  # Tab did not move the keyboard focus away


def test_tab_brings_the_next_event_into_view(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    first = canvas.columns.ids[0]
    canvas.selection.select(first)
    canvas.set_viewport(Viewport.showing(cal.to_instant(2025, 12, 20), cal.to_instant(2026, 1, 21),
                                         canvas.viewport.width))
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    finish_animation(qtbot, canvas)
    second = canvas.columns.ids[1]
    window = canvas.event_window(second)
    assert window is not None
    middle = (window[0] + window[1]) // 2
    assert 0 <= canvas.viewport.x_of(middle) <= canvas.viewport.width


def test_z_zooms_to_the_selection(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    canvas.selection.select("treaty-2001")
    finish_animation(qtbot, canvas)
    qtbot.keyClick(canvas, Qt.Key.Key_Z)
    finish_animation(qtbot, canvas)
    viewport = canvas.viewport
    assert viewport.x_of(cal.to_instant(2001)) > 0
    assert viewport.x_of(cal.to_instant(2002)) < viewport.width
    assert viewport.visible_seconds < 2 * cal.SECONDS_PER_MEAN_YEAR


def test_clicking_a_glyph_selects_it_and_signals_its_id(qtbot: QtBot,
                                                        canvas: ChronologyCanvas) -> None:
    frame, _, _ = canvas.layout_now()
    glyphs = frame.glyphs
    k = next(i for i in range(len(glyphs))
             if canvas.columns.ids[int(glyphs.index[i])] == "treaty-2001")
    assert glyphs.kind[k] == BAND
    y = int(canvas.plot_top + glyphs.y[k])
    left_edge = int(canvas.plot_left + glyphs.lo[k]) + 1
    with qtbot.waitSignal(canvas.eventClicked) as clicked, \
            qtbot.waitSignal(canvas.selection.changed):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(left_edge, y))
    assert clicked.args == ["treaty-2001"]
    assert canvas.selection.ids == {"treaty-2001"}
    # Just outside the glyph's edge (beyond the hit slop) is empty space: it deselects.
    outside = int(canvas.plot_left + glyphs.lo[k]) - 12
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(outside, y))
    assert canvas.selection.ids == frozenset()


def test_ctrl_click_adds_to_the_selection(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    frame, _, _ = canvas.layout_now()
    g = frame.glyphs
    points = [QPoint(int(canvas.plot_left + (g.lo[k] + g.hi[k]) / 2), int(canvas.plot_top + g.y[k]))
              for k in range(len(g)) if g.count[k] == 1][:2]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=points[0])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=points[1])
    assert len(canvas.selection.ids) == 2


def test_selection_survives_zooming_and_panning(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    canvas.selection.select("treaty-2001")
    wheel(canvas, QPoint(500, 300), 2)
    canvas.pan_by(-40)
    assert canvas.selection.ids == {"treaty-2001"}


def test_view_history_goes_back_and_forward(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    fitted = canvas.viewport
    canvas.zoom_to_event("partnership-treaty-2025")
    finish_animation(qtbot, canvas)
    zoomed = canvas.viewport
    assert zoomed != fitted
    qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    finish_animation(qtbot, canvas)
    assert canvas.viewport == fitted
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    finish_animation(qtbot, canvas)
    assert canvas.viewport == zoomed


def test_programmatic_moves_animate(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    steps = []
    canvas.viewportChanged.connect(steps.append)
    canvas.zoom_to_event("treaty-2001")
    assert canvas.is_animating()
    finish_animation(qtbot, canvas)
    assert len(steps) >= 3  # several intermediate frames, not a jump
    assert canvas.viewport == canvas.animation_target()


def test_shift_drag_zooms_to_the_chosen_range(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    start = empty_point(canvas)
    left = canvas.viewport.time_at(start.x() - canvas.plot_left)
    right = canvas.viewport.time_at(start.x() + 200 - canvas.plot_left)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, start)
    qtbot.mouseMove(canvas, start + QPoint(200, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                       start + QPoint(200, 0))
    finish_animation(qtbot, canvas)
    viewport = canvas.viewport
    assert abs(viewport.x_of(left)) < 2 and abs(viewport.x_of(right) - viewport.width) < 2


def test_double_click_on_empty_space_zooms_in_there(qtbot: QtBot,
                                                    canvas: ChronologyCanvas) -> None:
    point = empty_point(canvas)
    x = point.x() - canvas.plot_left
    under = canvas.viewport.exact_time_at(x)
    spp = canvas.viewport.seconds_per_pixel
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    finish_animation(qtbot, canvas)
    assert abs(canvas.viewport.seconds_per_pixel - spp / 2) / spp < 1e-9
    assert abs(canvas.viewport.x_of_exact(*under) - x) < 1e-3


def test_collapsing_a_lane_from_the_gutter(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    _, _, layout = canvas.layout_now()
    box = layout.boxes[1]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=QPoint(20, int(canvas.plot_top + box.top + 8)))
    assert box.lane in canvas.collapsed_lanes
    _, _, layout = canvas.layout_now()
    assert layout.boxes[1].collapsed


def test_hover_shows_a_card_with_the_event(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    frame, _, _ = canvas.layout_now()
    g = frame.glyphs
    k = next(i for i in range(len(g)) if canvas.columns.ids[int(g.index[i])] == "treaty-2001")
    with qtbot.waitSignal(canvas.hoverChanged) as hovered:
        qtbot.mouseMove(canvas, QPoint(int(canvas.plot_left + (g.lo[k] + g.hi[k]) / 2),
                                       int(canvas.plot_top + g.y[k])))
    assert hovered.args == ["treaty-2001"]
    card = canvas.hover_card
    assert card is not None and card.isVisible()
    texts = " ".join(label.text() for label in card.findChildren(type(card._title)))
    assert "2001" in texts and "treaty" in texts.lower()


def test_pinch_gesture_zooms_around_the_fingers(canvas: ChronologyCanvas) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    pos = QPointF(canvas.plot_left + 400, 300)
    under = canvas.viewport.exact_time_at(400)
    spp = canvas.viewport.seconds_per_pixel
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                QPointingDevice.primaryPointingDevice(), 2, pos, pos,
                                canvas.mapToGlobal(pos), 0.25, QPointF(0, 0))
    QApplication.sendEvent(canvas, event)
    assert abs(canvas.viewport.seconds_per_pixel - spp / 1.25) / spp < 1e-9
    assert abs(canvas.viewport.x_of_exact(*under) - 400) < 1e-3


def test_horizontal_scrolling_pans(canvas: ChronologyCanvas) -> None:
    left = canvas.viewport.exact_time_at(0)
    pos = QPoint(int(canvas.plot_left) + 300, 300)
    event = QWheelEvent(QPointF(pos), QPointF(canvas.mapToGlobal(pos)), QPoint(-30, 0),
                        QPoint(-120, 0), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.ScrollUpdate, False)
    QApplication.sendEvent(canvas, event)
    assert abs(canvas.viewport.x_of_exact(*left) + 30) < 1e-6  # trackpad: exact pixels


def test_follows_a_dark_palette(qtbot: QtBot, canvas: ChronologyCanvas) -> None:
    from PySide6.QtGui import QColor, QPalette

    palette = canvas.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    canvas.setPalette(palette)
    with qtbot.waitSignal(canvas.framePainted, timeout=3000):
        canvas.update()
    image = canvas.grab().toImage()
    sample = image.pixelColor(int(canvas.plot_left) + 5, image.height() - 5)
    assert sample.lightness() < 80
