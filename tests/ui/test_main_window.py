"""The main window at launch: framed chronology, title, standard shortcuts, status bar."""

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from timeline_app.ui.main_window import MainWindow


def test_opens_framed_on_all_events_with_the_title(window: MainWindow) -> None:
    assert "Russia and the protests in Iran" in window.windowTitle()
    assert "russia-iran-protests.chronology.json" in window.windowTitle()
    canvas = window.canvas
    assert len(canvas.visible_event_ids()) == len(window.document.timeline.events)
    assert canvas.viewport.x_of(int(canvas.columns.earliest.min())) > 10
    assert "Showing" in window._range_label.text()
    assert "29 of 29 events" in window._count_label.text()


def test_standard_shortcuts(window: MainWindow) -> None:
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.zoom_in_action.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)
    assert window.back_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Back)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.fit_action.shortcut() == QKeySequence("F")


def test_back_and_forward_actions_follow_the_history(qtbot: QtBot, window: MainWindow) -> None:
    window.canvas.zoom_to_event("treaty-2001")
    with qtbot.waitSignal(window.canvas.animationFinished, timeout=3000):
        pass
    assert window.back_action.isEnabled()
    window.back_action.trigger()
    with qtbot.waitSignal(window.canvas.animationFinished, timeout=3000):
        pass
    assert window.forward_action.isEnabled()


@pytest.mark.parametrize("size", [(1024, 640), (2560, 1440)])
def test_paints_at_the_smallest_and_largest_sizes(qtbot: QtBot, window: MainWindow,
                                                  size: tuple[int, int]) -> None:
    window.resize(*size)
    window.canvas.fit_all(animate=False)
    with qtbot.waitSignal(window.canvas.framePainted, timeout=3000):
        window.canvas.update()
    frame, _, _ = window.canvas.layout_now()
    width = window.canvas.viewport.width
    assert all(label.x >= 0 and label.x + label.width <= width for label in frame.labels)
    assert len(frame.labels) >= len(frame.glyphs) * 0.75
    image = window.grab().toImage()
    assert image.width() >= size[0] * 0.95


def test_opening_a_bad_file_keeps_the_current_document(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "broken.chronology.json"
    bad.write_text('{"format": "timeline_app.chronology", "title": ')
    before = window.document.timeline
    assert not window.open_file(str(bad))
    assert window.document.timeline is before
    from PySide6.QtWidgets import QMessageBox

    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "broken.chronology.json" in boxes[0].text()
    assert "line 1" in boxes[0].informativeText()
    boxes[0].close()
