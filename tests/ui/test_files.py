"""No lost work: save, save as, failed saves, closing, recovery after a kill, outside changes."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from timeline_app.io import native
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.recovery import pending_recoveries, recovery_dir

ROOT = Path(__file__).parents[2]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "work.chronology.json"
    shutil.copy(DEFAULT_CHRONOLOGY, target)
    return target


@pytest.fixture
def editor(qtbot: QtBot, copy: Path) -> MainWindow:
    window = MainWindow(Document(open_timeline(copy)), remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    return window


def rename(window: MainWindow, title: str = "Renamed treaty") -> None:
    event = window.document.timeline.event("treaty-2001")
    assert event is not None
    window.document.apply(window.document.timeline.replacing(replace(event, title=title)),
                          "Edit title")


def test_save_writes_the_file_and_clears_the_unsaved_marker(editor: MainWindow,
                                                            copy: Path) -> None:
    rename(editor)
    assert editor.isWindowModified()
    assert editor.save_action.isEnabled()
    editor.save_action.trigger()
    assert not editor.isWindowModified()
    assert native.load(copy)[0].event("treaty-2001").title == "Renamed treaty"  # type: ignore[union-attr]
    assert str(copy) in editor.files.recent_files()
    assert "work.chronology.json" in editor.windowTitle()


def test_save_as_moves_the_document(editor: MainWindow, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    rename(editor)
    assert editor.files.save_as()
    saved = tmp_path / "elsewhere.chronology.json"
    assert editor.document.path == str(saved) and saved.exists()
    assert "elsewhere.chronology.json" in editor.windowTitle()


def test_a_failed_save_says_why_and_keeps_the_work_unsaved(
        editor: MainWindow, copy: Path, monkeypatch: pytest.MonkeyPatch,
        _no_blocking_dialogs: list[str]) -> None:
    original = copy.read_bytes()
    rename(editor)

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", refuse)
    assert not editor.files.save()
    assert "Could not save" in _no_blocking_dialogs
    assert editor.document.is_modified() and editor.isWindowModified()
    assert copy.read_bytes() == original
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]


def test_closing_with_unsaved_changes_asks_first(editor: MainWindow,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 _no_blocking_dialogs: list[str]) -> None:
    from PySide6.QtWidgets import QMessageBox

    rename(editor)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: QMessageBox.StandardButton.Cancel))
    assert not editor.close()
    assert editor.isVisible()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: QMessageBox.StandardButton.Discard))
    assert editor.close()


def test_new_starts_an_empty_chronology(editor: MainWindow) -> None:
    assert editor.files.new()
    assert editor.document.timeline.events == () and editor.document.path == ""
    assert "Untitled" in editor.windowTitle()


def test_dropping_a_file_opens_it(editor: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "deep.chronology.json"
    shutil.copy(ROOT / "resources/examples/deep-time.chronology.json", other)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    editor.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only during a real drag; the window's handler is called as Qt would.
    editor.dropEvent(drop)
    assert editor.document.path == str(other)
    assert editor.document.timeline.title.startswith("Deep time")


def test_autosave_writes_unsaved_work_aside(editor: MainWindow) -> None:
    assert not editor.files.autosave()  # nothing unsaved
    rename(editor)
    assert editor.files.autosave()
    assert pending_recoveries() == []  # this process is alive: not offered
    editor.document.undo_stack.setClean()


def test_a_file_changed_on_disk_is_noticed(qtbot: QtBot, editor: MainWindow, copy: Path,
                                           _no_blocking_dialogs: list[str]) -> None:
    text = copy.read_text(encoding="utf-8").replace("Russia and the protests in Iran",
                                                    "Changed elsewhere")
    copy.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: "File changed on disk" in _no_blocking_dialogs, timeout=5000)
    assert editor.document.is_modified()  # kept this version, marked unsaved
    editor.document.undo_stack.setClean()


KILLED_EDITOR = textwrap.dedent("""
    import os, sys
    from dataclasses import replace
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    from timeline_app.ui.app import application, create_window
    app = application()
    window = create_window(sys.argv[1])
    event = window.document.timeline.event("treaty-2001")
    window.document.apply(window.document.timeline.replacing(
        replace(event, title="Edited before the kill")), "Edit title")
    window.files.autosave()
    print("edited", flush=True)
    app.exec()
""")


@pytest.mark.slow
def test_work_killed_with_sigkill_is_restored_at_the_next_start(
        qtbot: QtBot, copy: Path) -> None:
    for stale in recovery_dir().glob("*"):
        stale.unlink()
    process = subprocess.Popen([sys.executable, "-c", KILLED_EDITOR, str(copy)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "edited"
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    found = [r for r in pending_recoveries() if r.original_path == str(copy)]
    assert len(found) == 1
    window = MainWindow(Document(open_timeline(copy)), remember_layout=False)
    qtbot.addWidget(window)
    assert window.files.offer_recovery(ask=False)
    event = window.document.timeline.event("treaty-2001")
    assert event is not None and event.title == "Edited before the kill"
    assert window.document.is_modified() and window.document.path == str(copy)
    window.document.undo_stack.undo()  # back to the file as saved
    assert window.document.timeline.event("treaty-2001").title.startswith("Russia")  # type: ignore[union-attr]
    assert pending_recoveries() == []
    window.document.undo_stack.setClean()


def test_large_timelines_autosave_in_the_background(editor: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline_app.ui.files as files_module

    monkeypatch.setattr(files_module, "BACKGROUND_AUTOSAVE_EVENTS", 1)
    rename(editor, "Written by a worker thread")
    assert editor.files.autosave()
    pending = editor.files._autosaving
    assert pending is not None
    written = pending.result(timeout=30)
    assert native.load(written)[0].event("treaty-2001").title == "Written by a worker thread"  # type: ignore[union-attr]
    editor.document.undo_stack.setClean()
    assert editor.files.closing()
    assert not written.exists()  # a clean close removes it, after waiting for the worker
