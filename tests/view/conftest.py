"""A canvas on the default chronology, shown at a fixed size."""

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.io.opening import Opened
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas import ChronologyCanvas


@pytest.fixture
def canvas(qtbot: QtBot, opened: Opened) -> ChronologyCanvas:
    widget = ChronologyCanvas(Selection())
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.set_timeline(opened.timeline)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit_all(animate=False)
    return widget
