"""The overview strip shows the whole timeline and moves the canvas."""

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow


def test_clicking_and_dragging_the_overview_moves_the_canvas(qtbot: QtBot) -> None:
    window = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    canvas, overview = window.canvas, window.overview
    canvas.zoom_by(8.0)
    rect = overview._window_rect()
    assert rect is not None
    target_x = int(overview._gutter + 200)
    instant = overview._instant_at(target_x)
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(target_x, 20))
    assert instant is not None
    assert abs(canvas.viewport.x_of(instant) - canvas.viewport.width / 2) < 2
    rect = overview._window_rect()
    assert rect is not None
    start = QPoint(int(rect.center().x()), 20)
    before = canvas.viewport.start
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(overview, start + QPoint(120, 0))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=start + QPoint(120, 0))
    assert canvas.viewport.start > before
    profiles = [p for p in overview._profiles if len(p) and p.max() > 0]
    assert len(profiles) == len(window.document.timeline.categories)
