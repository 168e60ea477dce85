"""A short soak (see tests/soak.py): 500 frames, 100 edits undone and redone, 100,000 void calls.

Each edit, undo or redo refreshes every view of the window (about 20 ms), and the
warm-up repeats the edits, so 100 edits keep this under 15 s.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.soak import soak
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow


@pytest.mark.slow
def test_a_short_soak_crashes_nothing_and_keeps_memory_flat(qtbot: QtBot,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    window = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    report = soak(window, frame_count=500, edit_count=100, void_count=100_000)
    window.document.undo_stack.setClean()  # closing must not ask whether to save
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.failures() == []
    assert report.frames == 500 and report.edits == 100 and report.voids == 100_000
