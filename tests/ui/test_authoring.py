"""Authoring: events from passages, editing with undo, drags that keep precision."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from timeline_app.core.anchoring import anchor
from timeline_app.core.model import AnchorStatus, Event
from timeline_app.io.opening import Opened
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.source_dialog import SourceDialog
from timeline_app.ui.suggest_dialog import SuggestDialog


def select_text(window: MainWindow, phrase: str) -> tuple[int, int]:
    text = window.document.timeline.sources[0].text
    start = text.index(phrase)
    end = start + len(phrase)
    view = window.source_viewer.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return start, end


def accept_dialogs(monkeypatch: pytest.MonkeyPatch, edit: object = None) -> list[QDialog]:
    """Make every dialog's exec() accept at once (optionally editing it first)."""
    shown: list[QDialog] = []

    def accept(self: QDialog) -> int:
        shown.append(self)
        if callable(edit):
            edit(self)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QDialog, "exec", accept)
    return shown


def test_a_selection_becomes_an_exactly_anchored_citation(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    phrase = "In 2025, Moscow and Tehran signed a Treaty on Comprehensive Strategic Partnership."
    text = window.document.timeline.sources[0].text
    start = text.index("In 2025, Moscow")
    end = text.index("Partnership.", start) + len("Partnership.")
    view = window.source_viewer.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    event = window.authoring.event_from_selection()
    assert event is not None
    citation = event.citations[0]
    assert citation.exact == text[start:end]
    assert " ".join(citation.exact.split()) == " ".join(phrase.split())
    assert anchor(citation, text).status is AnchorStatus.EXACT
    assert event.start.edtf == "2025" and event.start.as_written == "In 2025"
    shown = accept_dialogs(monkeypatch)
    before = len(window.document.timeline.events)
    window.event_from_selection_action.trigger()
    assert isinstance(shown[0], EventDialog)
    assert len(window.document.timeline.events) == before + 1
    added = window.document.timeline.event(window.selection.current)
    assert added is not None and added.citations[0].exact == text[start:end]
    assert window.document.anchor_status(added.id, 0) is AnchorStatus.EXACT
    window.undo_action.trigger()
    assert len(window.document.timeline.events) == before


def test_relative_dates_are_resolved_against_the_corrected_publication(
        window: MainWindow) -> None:
    select_text(window, "Since late December, the largest protests")
    event = window.authoring.event_from_selection()
    assert event is not None
    assert event.start.edtf == "[2025-12-21..2025-12-31]"
    assert event.end is not None and event.end.is_open
    assert "2026-01-20" in event.start.reasoning


def test_inspector_edits_are_undoable_and_invalid_edtf_is_refused(window: MainWindow) -> None:
    window.selection.select("treaty-2001")
    inspector = window.inspector
    inspector.title.setText("The 2001 treaty")
    inspector.title.editingFinished.emit()
    assert window.document.timeline.event("treaty-2001").title == "The 2001 treaty"  # type: ignore[union-attr]
    inspector.start.setText("2001-13")
    inspector.start.editingFinished.emit()
    assert "month 13" in inspector.date_error.text()
    assert window.document.timeline.event("treaty-2001").start.edtf == "2001"  # type: ignore[union-attr]
    inspector.start.setText("2001-03~")
    inspector.start.editingFinished.emit()
    assert window.document.timeline.event("treaty-2001").start.edtf == "2001-03~"  # type: ignore[union-attr]
    inspector.tags.setText("treaty, 2001")
    inspector.tags.editingFinished.emit()
    inspector.category.setCurrentIndex(inspector.category.findData("diplomacy"))
    inspector.category.activated.emit(inspector.category.currentIndex())
    event = window.document.timeline.event("treaty-2001")
    assert event is not None and event.tags == ("treaty", "2001")
    assert event.category == "diplomacy"
    stack = window.document.undo_stack
    assert stack.count() == 4 and window.isWindowModified()
    for _ in range(4):
        stack.undo()
    original = window.document.timeline.event("treaty-2001")
    assert original is not None and original.title.startswith("Russia and Iran sign a treaty")
    assert original.start.edtf == "2001" and original.category == "agreements"
    assert not window.isWindowModified()
    for _ in range(4):
        stack.redo()
    assert window.document.timeline.event("treaty-2001").category == "diplomacy"  # type: ignore[union-attr]


def test_delete_duplicate_and_recategorise_a_multi_selection(window: MainWindow) -> None:
    document = window.document
    total = len(document.timeline.events)
    window.selection.set(["treaty-2001", "partnership-treaty-2025"], "treaty-2001")
    window.duplicate_action.trigger()
    assert len(document.timeline.events) == total + 2
    assert set(window.selection.ids) == {"treaty-2001-copy", "partnership-treaty-2025-copy"}
    window.authoring.set_category("media")
    assert {document.timeline.event(i).category for i in window.selection.ids} == {"media"}  # type: ignore[union-attr]
    window.authoring.delete_selected()
    assert len(document.timeline.events) == total
    for _ in range(3):
        document.undo_stack.undo()
    assert len(document.timeline.events) == total
    document.undo_stack.redo()
    assert len(document.timeline.events) == total + 2


def test_dragging_an_event_moves_it_by_whole_years(qtbot: QtBot, window: MainWindow) -> None:
    canvas = window.canvas
    frame, _, _ = canvas.layout_now()
    g = frame.glyphs
    k = next(i for i in range(len(g)) if canvas.columns.ids[int(g.index[i])] == "treaty-2001")
    y = int(canvas.plot_top + g.y[k])
    x = int(canvas.plot_left + (g.lo[k] + g.hi[k]) / 2)
    pixels_per_year = canvas.viewport.visible_seconds and (
        31_556_952 / canvas.viewport.seconds_per_pixel)
    distance = int(pixels_per_year * 3.2)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    qtbot.mouseMove(canvas, QPoint(x + 10, y))
    qtbot.mouseMove(canvas, QPoint(x + distance, y))
    preview = canvas.drag_preview("treaty-2001", "move", round(distance *
                                                                canvas.viewport.seconds_per_pixel))
    assert preview is not None and "2004" in preview[2]
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x + distance, y))
    moved = window.document.timeline.event("treaty-2001")
    assert moved is not None and moved.start.edtf == "2004"
    assert moved.start.as_written == "signed in 2001"  # the words of the source stay
    window.undo_action.trigger()
    assert window.document.timeline.event("treaty-2001").start.edtf == "2001"  # type: ignore[union-attr]


def test_dragging_the_end_of_a_range(window: MainWindow) -> None:
    document = window.document
    event = Event("range", "A range", document.timeline.events[0].start.__class__("2010"),
                  document.timeline.events[0].start.__class__("2014"), category="arms")
    window.authoring.add_events([event], "add")
    window.authoring.drag("range", "end", 2 * 31_556_952)
    assert document.timeline.event("range").end.edtf == "2016"  # type: ignore[union-attr]
    window.authoring.drag("range", "start", 10 * 31_556_952)
    assert document.timeline.event("range").start.edtf == "2010"  # refused: after the end  # type: ignore[union-attr]


def test_suggest_events_review_adds_the_accepted(window: MainWindow,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def accept_two(dialog: QDialog) -> None:
        assert isinstance(dialog, SuggestDialog)
        dialog.tree.setFocus()
        dialog.set_accepted(0, True)
        dialog.set_accepted(1, True)

    accept_dialogs(monkeypatch, accept_two)
    before = len(window.document.timeline.events)
    window.suggest_action.trigger()
    assert len(window.document.timeline.events) == before + 2
    assert window.document.undo_stack.undoText().startswith("Add 2 suggested events")


def test_suggest_dialog_is_keyboard_driven(qtbot: QtBot, window: MainWindow) -> None:
    from timeline_app.core.suggest import suggest_events

    candidates = suggest_events(window.document.timeline.sources[0])
    dialog = SuggestDialog(window.document.timeline, candidates)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)  # accept the first, move to the second
    qtbot.keyClick(dialog.tree, Qt.Key.Key_R)  # reject the second
    qtbot.keyClick(dialog.tree, Qt.Key.Key_A)  # accept the third
    assert dialog.accepted_rows == {0, 2}
    assert dialog.add_button.text() == "Add 2 accepted events"


def test_adding_a_pasted_source(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SourceDialog)
        dialog.text.setPlainText("Notes from the field\nMarch 3, 2026\nOn 1 March 2026 the "
                                 "talks began.")
        dialog.publisher.setText("My notebook")

    accept_dialogs(monkeypatch, fill)
    window.add_source_text_action.trigger()
    source = window.document.timeline.sources[-1]
    assert source.title == "Notes from the field"
    assert source.published is not None
    assert (source.published.as_printed, source.published.edtf) == ("March 3, 2026", "2026-03-03")
    assert len(source.sha256) == 64
    assert window.source_viewer.source_id == source.id


def test_event_dialog_refuses_invalid_dates(qtbot: QtBot, window: MainWindow) -> None:
    event = window.document.timeline.events[0]
    dialog = EventDialog(window.document.timeline, event)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.start.setText("2025-13")
    assert not ok.isEnabled() and "month 13" in dialog.window_text.text()
    dialog.start.setText("[2025-12-21..2025-12-31]")
    assert ok.isEnabled() and "Between 21 and 31 December 2025" in dialog.window_text.text()
    dialog.end.setText("2024")
    assert not ok.isEnabled()
    dialog.end.setText("..")
    assert ok.isEnabled() and replace(dialog.result_event()).end is not None


def test_a_thousand_undo_steps(opened: Opened) -> None:
    from timeline_app.ui.document import Document

    document = Document(opened)
    original = document.timeline
    event = original.event("treaty-2001")
    assert event is not None
    for n in range(1000):
        document.apply(document.timeline.replacing(replace(event, title=f"Title {n}")),
                       f"rename {n}")
    assert document.undo_stack.count() == 1000
    for _ in range(1000):
        document.undo_stack.undo()
    assert document.timeline == original
