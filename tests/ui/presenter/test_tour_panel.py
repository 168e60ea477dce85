"""The Tours panel: add, drag to reorder, remove, notes, captured views; saved and undoable."""

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from timeline_app.core.filters import FilterState
from timeline_app.io import native
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenter.tour_panel import TourPanel


def panel_of(window: MainWindow) -> TourPanel:
    return window.presenter.panel


def step_ids(window: MainWindow, name: str) -> list[str]:
    tour = next(t for t in window.document.timeline.tours if t.name == name)
    return [s.event_id for s in tour.steps]


def test_the_panel_lists_the_shipped_tour_and_the_default(window: MainWindow) -> None:
    panel = panel_of(window)
    assert window.presenter.dock.objectName() == "toursDock"
    assert [panel.tours.itemData(i) for i in range(panel.tours.count())] == ["", "Story"]
    assert panel.current_tour() is None  # the default tour is chosen at first
    assert panel.steps.count() == 1 and not panel.steps.item(0).flags()  # an explanation
    panel.tours.setCurrentIndex(1)
    panel.tours.activated.emit(1)
    assert panel.current_tour() is not None and panel.steps.count() == 13
    assert panel.steps.item(9).text().endswith("◻ ⧩")  # the treaties: a captured view, a filter
    assert panel.steps.item(3).text().endswith(" ⧩")  # a step filter


def test_build_a_tour_add_reorder_remove_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    document = window.document
    window.selection.select("treaty-2001")
    panel.add_selected()  # with the default tour chosen: a new tour with that step
    assert panel.current_tour() is not None and panel.current_tour().name == "Tour 1"  # type: ignore[union-attr]
    for event_id in ("partnership-treaty-2025", "protests-begin", "smagin-limits"):
        window.selection.select(event_id)
        panel.add_selected()
    assert step_ids(window, "Tour 1") == ["treaty-2001", "partnership-treaty-2025",
                                          "protests-begin", "smagin-limits"]
    # Drag the last row to the top, as the list's internal move does.
    model = panel.steps.model()
    assert model.moveRow(QModelIndex(), 3, QModelIndex(), 0)
    qtbot.waitUntil(lambda: step_ids(window, "Tour 1")[0] == "smagin-limits")
    assert step_ids(window, "Tour 1") == ["smagin-limits", "treaty-2001",
                                          "partnership-treaty-2025", "protests-begin"]
    panel.steps.setCurrentRow(1)
    assert window.selection.current == "treaty-2001"  # choosing a step shows its event
    panel.move_step(1)
    assert step_ids(window, "Tour 1")[1:3] == ["partnership-treaty-2025", "treaty-2001"]
    panel.steps.setCurrentRow(0)
    panel.remove_step()
    assert step_ids(window, "Tour 1") == ["partnership-treaty-2025", "treaty-2001",
                                          "protests-begin"]
    document.undo_stack.undo()
    assert step_ids(window, "Tour 1")[0] == "smagin-limits"
    assert document.undo_stack.undoText() == "Move tour step"


def test_notes_filters_and_captured_views(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    panel.new_tour("Talk")
    window.selection.select("repression")
    panel.add_selected()
    panel.steps.setCurrentRow(0)
    panel.notes.setPlainText("Say that the numbers are uncertain.")
    qtbot.waitUntil(lambda: panel.current_tour().steps[0].notes.startswith("Say"),  # type: ignore[union-attr]
                    timeout=3000)
    undo_steps = window.document.undo_stack.count()
    panel.filter.setText("category:protests tag:")
    panel.filter.editingFinished.emit()
    assert "Filter not saved" in panel.message.text()
    assert window.document.undo_stack.count() == undo_steps
    window.filters.set_state(FilterState(categories=frozenset({"protests"}),
                                         tags=frozenset({"state media"})), emit=True)
    panel.use_filters()
    assert panel.current_tour().steps[0].filter == 'category:protests tag:"state media"'  # type: ignore[union-attr]
    window.canvas.zoom_to_event("treaty-2001", animate=False)
    panel.capture_view()
    viewport = window.canvas.viewport
    assert panel.current_tour().steps[0].window == (viewport.start, viewport.end)  # type: ignore[union-attr]
    assert panel.window_label.text().startswith("Captured: ")
    panel.clear_view()
    assert panel.current_tour().steps[0].window is None  # type: ignore[union-attr]


def test_several_named_tours_are_saved_in_the_timeline_file(window: MainWindow,
                                                           tmp_path: Path) -> None:
    panel = panel_of(window)
    panel.tours.setCurrentIndex(panel.tours.findData("Story"))
    panel.tours.activated.emit(panel.tours.currentIndex())
    panel.copy_tour("Short")
    panel.steps.setCurrentRow(0)
    for _ in range(10):
        panel.remove_step()
    panel.rename_tour("Short version")
    panel.new_tour("Empty")
    names = [t.name for t in window.document.timeline.tours]
    assert names == ["Story", "Short version", "Empty"]
    out = tmp_path / "tours.chronology.json"
    native.save(window.document.timeline, out)
    loaded, _ = native.load(out)
    assert loaded.tours == window.document.timeline.tours
    assert len(loaded.tours[1].steps) == 3
    panel.delete_tour()
    assert [t.name for t in window.document.timeline.tours] == ["Story", "Short version"]
    window.document.undo_stack.undo()
    assert len(window.document.timeline.tours) == 3


def test_present_from_the_chosen_step(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    panel.tours.setCurrentIndex(panel.tours.findData("Story"))
    panel.tours.activated.emit(panel.tours.currentIndex())
    panel.steps.setCurrentRow(4)
    panel.buttons["present"].click()
    session = window.presenter.session
    assert session is not None and session.runner.index == 4
    assert window.presenter.present_here_action.shortcut().toString() == "Shift+F5"
    session.leave()
    assert panel.buttons["add"].isEnabled() == bool(window.selection.current)
    assert panel.steps.dragDropMode() == panel.steps.DragDropMode.InternalMove
    assert panel.steps.item(0).flags() & Qt.ItemFlag.ItemIsDragEnabled
