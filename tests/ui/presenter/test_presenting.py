"""Presenting a tour by keys: each step's camera window and emphasis, jumps, blanking, leaving."""

import statistics
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from timeline_app.core.filters import FilterState, passes
from timeline_app.core.tours import Blank, drawn_windows, find_tour, frame_step, parse_step_filter
from timeline_app.core.viewport import Viewport
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenter.style import STEP_ANIMATION_MS
from timeline_app.ui.presenter.tour_runner import PresenterSession

K = Qt.Key


def present(qtbot: QtBot, window: MainWindow, tour: str = "Story") -> PresenterSession:
    """Choose ``tour`` in the Tours panel and press F5."""
    panel = window.presenter.panel
    panel.tours.setCurrentIndex(panel.tours.findData("" if tour == "default" else tour))
    panel.tours.activated.emit(panel.tours.currentIndex())
    window.presenter.present_action.trigger()
    session = window.presenter.session
    assert session is not None
    qtbot.waitExposed(session.window)
    return session


def press(session: PresenterSession, key: int, text: str = "") -> None:
    """A key as a clicker or keyboard sends it to the presentation window."""
    session.window.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, key,
                                           Qt.KeyboardModifier.NoModifier, text))


def resize(qtbot: QtBot, session: PresenterSession, width: int, height: int) -> None:
    """The presentation in a window of this size (the offscreen screen is smaller than a wall)."""
    session.window.showNormal()
    session.window.resize(width, height)
    qtbot.waitUntil(lambda: session.window.canvas.width() == width
                    and session.window.height() == height)


def jump(session: PresenterSession, number: int) -> None:
    """Type a step number, then Enter."""
    for digit in str(number):
        press(session, K.Key_0 + int(digit), digit)
    press(session, K.Key_Return)


def expected_window(window: MainWindow, index: int) -> tuple[int, int]:
    """A step's window computed independently: saved, else framed among the drawn events."""
    timeline = window.document.timeline
    tour = find_tour(timeline, "Story")
    assert tour is not None
    step = tour.steps[index]
    if step.window is not None:
        return step.window
    state = parse_step_filter(step.filter)
    events = [e for e in timeline.events if passes(e, state, timeline.event_window(e))]
    windows = drawn_windows(timeline, events)
    return frame_step(windows[step.event_id],
                      [w for i, w in windows.items() if i != step.event_id])


def check_step(window: MainWindow, session: PresenterSession, index: int) -> None:
    """The runner is at ``index``; the camera goes to its window; only its event is emphasised."""
    canvas = session.window.canvas
    step = session.steps[index]
    assert session.runner.index == index
    target = Viewport.showing(*expected_window(window, index), canvas.viewport.width)
    assert canvas.animation_target() == target or canvas.viewport == target
    assert canvas._emphasis == frozenset({step.event_id})
    assert session.window.selection.current == step.event_id
    assert session.window.card.caption.title == window.document.timeline.event(
        step.event_id).title  # type: ignore[union-attr]
    assert session.window.card.counter == f"{index + 1} / {len(session.steps)}"


def test_f5_presents_full_screen_on_the_windows_screen_and_esc_restores_exactly(
        qtbot: QtBot, window: MainWindow) -> None:
    window.canvas.zoom_to_event("treaty-2001", animate=False)
    window.selection.set(["treaty-2001", "repression"], "repression")
    before = (window.canvas.viewport, window.selection.ids, window.selection.current)
    assert window.presenter.present_action.shortcut().toString() == "F5"
    session = present(qtbot, window)
    assert session.window.windowState() & Qt.WindowState.WindowFullScreen
    assert session.window.screen() is window.screen()
    assert session.console is None  # one screen here
    press(session, K.Key_Right)
    press(session, K.Key_Right)
    session.window.canvas.eventClicked.emit("treaty-2001")
    with qtbot.waitSignal(session.finished, timeout=2000):
        press(session, K.Key_Escape)
    assert window.presenter.session is None
    assert (window.canvas.viewport, window.selection.ids, window.selection.current) == before


def test_keys_drive_the_tour_and_the_camera_frames_each_step(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    session = present(qtbot, window)
    count = len(session.steps)
    assert count == 13
    check_step(window, session, 0)
    for index, key in zip(range(1, count), [K.Key_Right, K.Key_Space, K.Key_PageDown,
                                            K.Key_Return, K.Key_Enter] * 3, strict=False):
        press(session, key)
        check_step(window, session, index)
    press(session, K.Key_Right)  # the end stays the end
    check_step(window, session, count - 1)
    for index, key in zip(range(count - 2, count - 5, -1),
                          [K.Key_Left, K.Key_Backspace, K.Key_PageUp], strict=True):
        press(session, key)
        check_step(window, session, index)
    press(session, K.Key_Home)
    check_step(window, session, 0)
    press(session, K.Key_End)
    check_step(window, session, count - 1)
    press(session, K.Key_1, "1")
    press(session, K.Key_0, "0")
    assert session.window.jump.isVisible() and "10" in session.window.jump.text()
    press(session, K.Key_Enter)
    check_step(window, session, 9)
    assert not session.window.jump.isVisible()
    session.leave()


def test_the_camera_glides_for_about_600_ms_and_each_frame_paints_quickly(
        qtbot: QtBot, window: MainWindow) -> None:
    session = present(qtbot, window)
    resize(qtbot, session, 1920, 1080)
    canvas = session.window.canvas
    jump(session, 7)  # late December only
    canvas.set_viewport(session.target(), animate=False)  # type: ignore[arg-type]
    frames: list[float] = []
    started: list[float] = []

    class Clock(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                started.append(time.perf_counter())
            return False

    clock = Clock()
    canvas.installEventFilter(clock)
    canvas.framePainted.connect(lambda: frames.append(time.perf_counter() - started[-1]))
    begin = time.perf_counter()
    for number in (8, 10):  # out to 2022, then the captured 2000–2026 view
        with qtbot.waitSignal(canvas.animationFinished, timeout=3000):
            jump(session, number)
    elapsed = time.perf_counter() - begin
    canvas.removeEventFilter(clock)
    assert canvas._animation.duration() == STEP_ANIMATION_MS == 600
    assert elapsed >= 2 * STEP_ANIMATION_MS / 1000 * 0.95
    assert len(frames) >= 20  # a glide, not a jump
    # Each frame within a 60 Hz budget (measured on a busy CI machine: the median is the
    # figure that does not depend on what else runs).
    assert statistics.median(frames) < 0.016, sorted(frames)
    session.leave()


def test_the_shipped_tours_views_keep_their_event_and_its_neighbours(window: MainWindow) -> None:
    timeline = window.document.timeline
    for index, _ in enumerate(find_tour(timeline, "Story").steps):  # type: ignore[union-attr]
        start, end = expected_window(window, index)
        step = find_tour(timeline, "Story").steps[index]  # type: ignore[union-attr]
        low, high = timeline.event_window(timeline.event(step.event_id))  # type: ignore[arg-type]
        assert start < (low if low is not None else end) and (high or start) <= end


def test_black_white_caption_and_notes(qtbot: QtBot, window: MainWindow) -> None:
    session = present(qtbot, window)
    press(session, K.Key_B, "b")
    assert session.window.cover.isVisible() and session.runner.blank is Blank.BLACK
    assert session.window.grab().toImage().pixelColor(QPoint(50, 50)).name() == "#000000"
    press(session, K.Key_Right)  # uncovers without moving on
    assert not session.window.cover.isVisible() and session.runner.index == 0
    press(session, K.Key_Period, ".")
    assert session.runner.blank is Blank.BLACK
    press(session, K.Key_W, "w")
    assert session.window.grab().toImage().pixelColor(QPoint(50, 50)).name() == "#ffffff"
    press(session, K.Key_W, "w")
    assert not session.window.cover.isVisible()
    height = session.window.canvas.height()
    press(session, K.Key_S, "s")
    assert not session.window.card.isVisibleTo(session.window)
    qtbot.waitUntil(lambda: session.window.canvas.height() > height)
    press(session, K.Key_S, "s")
    assert session.window.card.isVisibleTo(session.window)
    press(session, K.Key_P, "p")  # one screen: a small notes overlay
    assert session.window.notes.isVisible()
    assert session.steps[0].notes[:40] in session.window.notes.text()
    assert "Next: " in session.window.notes.text()
    press(session, K.Key_P, "p")
    assert not session.window.notes.isVisible()
    press(session, K.Key_F5)  # a clicker's "start" button again: ignored
    assert window.presenter.session is session
    session.leave()


def test_clicking_an_event_jumps_to_its_step_or_shows_it_off_the_tour(
        qtbot: QtBot, window: MainWindow) -> None:
    session = present(qtbot, window)
    session.window.canvas.eventClicked.emit("smagin-limits")
    assert session.runner.index == 12
    session.window.canvas.eventClicked.emit("tariff-threat")  # not a step of this tour
    assert session.runner.index == 12
    assert session.window.card.caption.title.startswith("Trump announces a 25% tariff")
    assert session.window.card.counter.startswith("off the tour")
    assert session.window.canvas._emphasis == frozenset({"tariff-threat"})
    press(session, K.Key_Left)  # back to the step the detour left
    check_step(window, session, 12)
    session.window.canvas.eventClicked.emit("tariff-threat")
    press(session, K.Key_Home)
    check_step(window, session, 0)
    session.window.selection.clear()  # a click on empty space keeps the focus ringed
    assert session.window.selection.current == session.steps[0].event_id
    session.leave()


def test_a_real_click_on_an_event_jumps(qtbot: QtBot, window: MainWindow) -> None:
    session = present(qtbot, window)
    canvas = session.window.canvas
    jump(session, 7)
    qtbot.wait(20)  # the layout settles the chronology's height
    canvas.set_viewport(session.target(), animate=False)  # type: ignore[arg-type]  # no glide
    frame, _, _ = canvas.layout_now()
    glyph = next(k for k in range(len(frame.glyphs))
                 if canvas.columns.ids[int(frame.glyphs.index[k])] == "iran-reciprocal-commitment")
    x = int(canvas.plot_left + (frame.glyphs.lo[glyph] + frame.glyphs.hi[glyph]) / 2)
    y = int(canvas.plot_top + frame.glyphs.y[glyph])  # the frame is laid out scrolled
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert session.window.card.caption.title.startswith("Iran reportedly commits")
    session.leave()


def test_default_tour_presents_the_filtered_events_in_time_order(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    window.filters.set_state(FilterState(categories=frozenset({"arms"})), emit=True)
    session = present(qtbot, window, "default")
    ids = [s.event_id for s in session.steps]
    timeline = window.document.timeline
    assert {timeline.event(i).category for i in ids} == {"arms"}  # type: ignore[union-attr]
    assert ids == list(session.window.canvas.columns.ids)
    session.leave()


def test_type_reads_from_the_back_of_the_room_at_1920_by_1080(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    session = present(qtbot, window)
    resize(qtbot, session, 1920, 1080)
    style = session.window.card.style_
    assert style.title.pixelSize() >= 28
    assert style.quote.pixelSize() >= 20
    assert style.date.pixelSize() >= 20 and style.source.pixelSize() >= 18
    card = session.window.card
    assert card.height() >= card.card_layout.height - 1  # nothing cut off
    assert card.geometry().bottom() < session.window.progress.geometry().top()
    assert 0 < session.window.progress.height() <= 8
    assert session.window.progress.fraction == pytest.approx(1 / 13)
    session.leave()


def test_closing_the_presentation_window_leaves_like_esc(qtbot: QtBot, window: MainWindow) -> None:
    session = present(qtbot, window)
    with qtbot.waitSignal(session.finished, timeout=2000):
        session.window.close()
    assert window.presenter.session is None


def test_the_focused_event_stays_in_view_when_the_lanes_overflow(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    session = present(qtbot, window)
    resize(qtbot, session, 1024, 600)
    canvas = session.window.canvas
    scrolled = set()
    for number, step in enumerate(session.steps, start=1):
        jump(session, number)
        qtbot.wait(5)
        canvas.set_viewport(session.target(), animate=False)  # type: ignore[arg-type]
        frame, _, _ = canvas.layout_now()
        ys = [float(frame.glyphs.y[k]) for k in range(len(frame.glyphs))
              if step.event_id in frame.events_of(k, canvas.columns)]
        assert ys, step.event_id
        assert all(0 <= y <= canvas.height() - canvas.plot_top for y in ys), step.event_id
        scrolled.add(canvas._scroll)
    assert len(scrolled) > 2  # the lanes did overflow, and the view followed the focus
    session.leave()


def test_a_step_that_changes_the_drawn_events_still_glides(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    session = present(qtbot, window)
    resize(qtbot, session, 1920, 1080)
    canvas = session.window.canvas
    jump(session, 9)
    canvas.set_viewport(session.target(), animate=False)  # type: ignore[arg-type]
    start = canvas.viewport
    with qtbot.waitSignal(canvas.animationFinished, timeout=3000):
        press(session, K.Key_Right)  # to the treaties: only agreements drawn, a captured view
        assert canvas.is_animating() and canvas.viewport.start == start.start
    assert canvas.viewport == session.target()
    assert set(canvas.columns.ids) == {"treaty-2001", "partnership-treaty-2025"}
    session.leave()
