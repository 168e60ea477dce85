"""The presenter console: on the other screen when there are two, with notes, next step, clock."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QKeyEvent, QScreen
from pytestqt.qtbot import QtBot

from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenter import console
from timeline_app.ui.presenter.console import PresenterConsole


class FakeScreen:
    """A second monitor, as far as placing a window on it goes."""

    def __init__(self, geometry: QRect) -> None:
        self._geometry = geometry

    def geometry(self) -> QRect:
        return self._geometry


def test_one_screen_means_no_console(window: MainWindow) -> None:
    assert console.console_screen(window.screen()) is None


def test_with_two_screens_the_console_opens_on_the_other_one(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    audience = window.screen()
    other = FakeScreen(QRect(audience.geometry().right() + 1, 0, 1280, 800))
    monkeypatch.setattr(console, "screens", lambda: [audience, other])
    assert console.console_screen(audience) is other
    window.presenter.panel.tours.setCurrentIndex(window.presenter.panel.tours.findData("Story"))
    window.presenter.panel.tours.activated.emit(window.presenter.panel.tours.currentIndex())
    assert window.presenter.present()
    session = window.presenter.session
    assert session is not None and session.console is not None
    desk = session.console
    assert desk.geometry().left() >= other.geometry().left()
    assert session.window.screen() is audience
    assert desk.current_label.text() == session.window.card.caption.title
    assert desk.notes_label.text() == session.steps[0].notes
    assert desk.next_label.text().startswith("The regime responds")
    assert desk.counter_label.text() == "1 / 13"
    # Keys pressed on the console drive the presentation too.
    desk.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right,
                                 Qt.KeyboardModifier.NoModifier))
    assert session.runner.index == 1 and desk.counter_label.text() == "2 / 13"
    desk.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B,
                                 Qt.KeyboardModifier.NoModifier, "b"))
    assert "black" in desk.status_label.text()
    # P belongs to the single-screen overlay; with a console the audience never sees notes.
    desk.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_P,
                                 Qt.KeyboardModifier.NoModifier, "p"))
    assert not session.window.notes.isVisible()
    with qtbot.waitSignal(session.finished, timeout=2000):
        desk.close()  # closing the console ends the presentation too
    assert window.presenter.session is None


def test_clock_and_elapsed_time(qtbot: QtBot) -> None:
    now = [100.0]
    desk = PresenterConsole(clock=lambda: datetime(2026, 1, 20, 9, 5),
                            elapsed=lambda: now[0])
    qtbot.addWidget(desk)
    assert desk.time_label.text() == "09:05"
    assert desk.elapsed_label.text() == "0:00:00"
    now[0] = 100.0 + 3723
    desk.tick()
    assert desk.elapsed_label.text() == "1:02:03"
    desk.restart_timer()
    assert desk.elapsed_label.text() == "0:00:00"


@pytest.mark.slow
def test_two_real_offscreen_screens(tmp_path: Path) -> None:
    """With Qt's own second screen (the offscreen platform's configuration), end to end."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1440, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    script = textwrap.dedent("""
        from PySide6.QtCore import QStandardPaths
        QStandardPaths.setTestModeEnabled(True)  # settings go to a throwaway place
        from timeline_app.ui.app import application
        from timeline_app.io.opening import open_timeline
        from timeline_app.paths import DEFAULT_CHRONOLOGY
        from timeline_app.ui.document import Document
        from timeline_app.ui.main_window import MainWindow
        app = application()
        main = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)), remember_layout=False)
        main.show()
        app.processEvents()
        assert main.presenter.present()
        app.processEvents()
        session = main.presenter.session
        print(session.window.screen().name(), session.console.screen().name(),
              session.window.width(), session.console.width())
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtCore import QEvent, Qt
        session.handle_key(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X,
                                     Qt.KeyboardModifier.NoModifier, "x"))
        app.processEvents()
        print(session.window.screen().name(), session.console.screen().name())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "laptop projector 1440 1920"
    assert lines[1] == "projector laptop"  # X swaps the screens


def test_screens_lists_the_applications_screens() -> None:
    assert all(isinstance(s, QScreen) for s in console.screens())
