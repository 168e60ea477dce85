"""A main window on the default chronology."""

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)), remember_layout=False)
    qtbot.addWidget(main)
    main.resize(1500, 950)
    main.show()
    qtbot.waitExposed(main)
    main.canvas.fit_all(animate=False)
    yield main
    # Closing a modified window asks about saving: the tests' edits are thrown away.
    main.document.undo_stack.setClean()
