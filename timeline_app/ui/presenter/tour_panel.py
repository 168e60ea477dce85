"""The Tours panel: named tours and their steps, built and edited through the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.describe import range_text
from timeline_app.core.filters import FilterState
from timeline_app.core.model import Timeline, Tour, TourStep
from timeline_app.core.tours import (
    FILTER_HELP,
    FilterSyntaxError,
    default_tour,
    format_step_filter,
    parse_step_filter,
)
from timeline_app.core.viewport import Viewport
from timeline_app.ui.document import Document
from timeline_app.ui.selection import Selection
from timeline_app.ui.text import plain_tooltip

#: Notes are saved after this pause in typing, so one undo step holds a whole thought.
NOTES_SETTLE_MS = 800


class TourPanel(QWidget):
    """Choose a tour; add, reorder (drag or buttons), remove and annotate its steps."""

    presentRequested = Signal()

    def __init__(self, document: Document, selection: Selection,
                 viewport: Callable[[], Viewport], filters: Callable[[], FilterState],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self._viewport = viewport
        self._filters = filters
        self._tour_name = ""  # "" is the default tour: every shown event in time order
        self.tours = QComboBox()
        self.tours.setAccessibleName("Tour")
        self.tours.activated.connect(lambda _: self._choose(self.tours.currentData() or ""))
        self.steps = QListWidget()
        self.steps.setAccessibleName("Steps")
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps.model().rowsMoved.connect(self._on_rows_moved)
        self.steps.currentRowChanged.connect(self._on_current_row)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setPlaceholderText("Speaker notes for this step")
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_SETTLE_MS)
        self.notes.textChanged.connect(self._notes_timer.start)
        self._notes_timer.timeout.connect(self._save_notes)
        self._notes_row = -1  # the step whose notes the editor holds
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Step filter")
        self.filter.setPlaceholderText("category:protests tag:rial")
        self.filter.setToolTip(FILTER_HELP)
        self.filter.editingFinished.connect(self._save_filter)
        self.window_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self._build_layout()
        document.changed.connect(lambda _: self.refresh())
        selection.changed.connect(lambda *_: self._update_buttons())
        self.refresh()

    def _button(self, key: str, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.buttons[key] = button
        return button

    def _build_layout(self) -> None:
        # Narrow enough to share the right dock area with the other panels at 1024 px.
        self.tours.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tours.setMinimumContentsLength(10)
        menu = QMenu(self)
        self.tour_actions: dict[str, QAction] = {}
        for key, text, slot, tip in (
                ("new", "New Tour…", self.new_tour, "A new, empty tour"),
                ("copy", "Copy Tour…", self.copy_tour, "A new tour with the chosen tour's steps"),
                ("rename", "Rename Tour…", self.rename_tour, "Rename the chosen tour"),
                ("delete", "Delete Tour", self.delete_tour, "Delete the chosen tour")):
            action = menu.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, do=slot: do())
            self.tour_actions[key] = action
        tour_menu = QToolButton()
        tour_menu.setText("Tour")
        tour_menu.setAccessibleName("Tour actions")
        tour_menu.setMenu(menu)
        tour_menu.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tour_row = QHBoxLayout()
        tour_row.addWidget(self.tours, 1)
        tour_row.addWidget(tour_menu)
        step_buttons = QGridLayout()
        for n, (key, text, slot, tip) in enumerate((
                ("add", "Add Event", self.add_selected, "Add the selected event as a step "
                 "after the current one"),
                ("remove", "Remove", self.remove_step, "Remove the current step"),
                ("up", "Move Up", lambda: self.move_step(-1), "Move the step earlier"),
                ("down", "Move Down", lambda: self.move_step(1), "Move the step later"),
                ("capture", "Capture View", self.capture_view, "Show the main view's time "
                 "window at this step instead of framing the event automatically"),
                ("auto", "Auto Frame", self.clear_view, "Frame the event with its "
                 "neighbours again"),
                ("filters", "Use Filters", self.use_filters, "Set the step's filter from the "
                 "filter panel"),
                ("present", "Present Here", self.presentRequested.emit,
                 "Start the presentation at this step (Shift+F5)"))):
            step_buttons.addWidget(self._button(key, text, slot, tip), n // 2, n % 2)
        self.window_label.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Notes", self.notes)
        form.addRow("Filter", self.filter)
        form.addRow("View", self.window_label)
        layout = QVBoxLayout(self)
        layout.addLayout(tour_row)
        layout.addWidget(self.steps, 1)
        layout.addLayout(step_buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)

    # -- reading -----------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        """The document's timeline."""
        return self.document.timeline

    def current_tour(self) -> Tour | None:
        """The chosen saved tour, or None for the default tour."""
        return next((t for t in self.timeline.tours if t.name == self._tour_name), None)

    def current_step(self) -> int:
        """The index of the chosen step (-1 for none)."""
        return self.steps.currentRow()

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the timeline's tours and the chosen tour's steps (after any change or undo)."""
        names = [t.name for t in self.timeline.tours]
        if self._tour_name not in names:
            self._tour_name = ""
        self.tours.blockSignals(True)
        self.tours.clear()
        self.tours.addItem("Every shown event, in time order (default)", "")
        for name in names:
            self.tours.addItem(name, name)
        self.tours.setCurrentIndex(self.tours.findData(self._tour_name))
        self.tours.blockSignals(False)
        row = self.steps.currentRow()
        self.steps.blockSignals(True)
        self.steps.clear()
        tour = self.current_tour()
        for number, step in enumerate(tour.steps if tour else (), start=1):
            event = self.timeline.event(step.event_id)
            title = event.title if event else f"(missing event '{step.event_id}')"
            marks = (" ◻" if step.window else "") + (" ⧩" if step.filter else "")
            item = QListWidgetItem(f"{number}. {title}{marks}")
            item.setData(Qt.ItemDataRole.UserRole, step.event_id)
            item.setToolTip(plain_tooltip(step.notes) if step.notes else "No notes")
            self.steps.addItem(item)
        if tour is None:
            self.steps.addItem("Every event the filters show, in time order. "
                               "New or Copy makes a tour you can edit.")
            self.steps.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.steps.setCurrentRow(min(max(row, 0), len(tour.steps) - 1))
        self.steps.blockSignals(False)
        self._show_step(self.steps.currentRow())

    def _on_current_row(self, row: int) -> None:
        """The user chose a step: show it, and select its event so the canvas shows it too."""
        self._show_step(row)
        step = self._step(row)
        if step is not None and self.timeline.event(step.event_id) is not None:
            self.selection.select(step.event_id)

    def _show_step(self, row: int) -> None:
        if self._notes_timer.isActive():  # typed notes belong to the step they were typed for
            self._notes_timer.stop()
            self._save_notes()
        step = self._step(row)
        if self.notes.toPlainText() != (step.notes if step else ""):
            self.notes.blockSignals(True)
            self.notes.setPlainText(step.notes if step else "")
            self.notes.blockSignals(False)
        self._notes_row = row
        self.filter.setText(step.filter if step else "")
        if step is None:
            self.window_label.setText("")
        elif step.window is None:
            self.window_label.setText("Framed automatically around the event")
        else:
            self.window_label.setText(f"Captured: {range_text(*step.window)}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.current_tour() is not None
        has_step = self._step(self.steps.currentRow()) is not None
        self.buttons["add"].setEnabled(bool(self.selection.current))
        for key in ("rename", "delete"):
            self.tour_actions[key].setEnabled(editable)
        for key in ("remove", "up", "down", "capture", "auto", "filters"):
            self.buttons[key].setEnabled(has_step)
        self.notes.setEnabled(has_step)
        self.filter.setEnabled(has_step)
        self.steps.setDragEnabled(editable)

    def _step(self, row: int) -> TourStep | None:
        tour = self.current_tour()
        return tour.steps[row] if tour is not None and 0 <= row < len(tour.steps) else None

    def _choose(self, name: str) -> None:
        """Another tour: its first step is current (the selection stays what it was)."""
        self._tour_name = name
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(0)
        self.steps.blockSignals(False)
        self.refresh()

    # -- editing (every change is one undoable step) ----------------------------------------

    def _apply(self, tour: Tour | None, description: str, row: int | None = None,
               old_name: str | None = None) -> None:
        """Replace (or with None, delete) the chosen tour; a new name adds a tour."""
        target = self._tour_name if old_name is None else old_name
        tours = [t for t in self.timeline.tours if t.name != target] if tour is None else \
            [tour if t.name == target else t for t in self.timeline.tours]
        if tour is not None and all(t.name != target for t in self.timeline.tours):
            tours.append(tour)
        self._tour_name = tour.name if tour is not None else ""
        if row is not None:
            self.steps.blockSignals(True)
            self.steps.setCurrentRow(row)
            self.steps.blockSignals(False)
        self.document.apply(replace(self.timeline, tours=tuple(tours)), description)
        self.refresh()
        if row is not None:
            self.steps.setCurrentRow(row)

    def _ask_name(self, title: str, text: str) -> str:
        name, ok = QInputDialog.getText(self, title, "Tour name:", text=text)
        name = name.strip()
        if not ok or not name:
            return ""
        if name.casefold() == "default" or any(t.name == name for t in self.timeline.tours):
            self.message.setText(f"A tour is already called '{name}'.")
            return ""
        return name

    def new_tour(self, name: str = "") -> None:
        """A new, empty tour (asks for its name)."""
        name = name or self._ask_name("New tour", "")
        if name:
            self._apply(Tour(name), f"New tour '{name}'", old_name=name)

    def copy_tour(self, name: str = "") -> None:
        """A new tour with the chosen tour's steps (the default tour's, for the default)."""
        source = self.current_tour()
        steps = default_tour(self.timeline).steps if source is None else source.steps
        name = name or self._ask_name("Copy tour", "")
        if name:
            self._apply(Tour(name, steps), f"Copy tour as '{name}'", 0, old_name=name)

    def rename_tour(self, name: str = "") -> None:
        """Rename the chosen tour."""
        tour = self.current_tour()
        name = name or (self._ask_name("Rename tour", tour.name) if tour else "")
        if tour is not None and name:
            self._apply(replace(tour, name=name), f"Rename tour to '{name}'",
                        old_name=tour.name)

    def delete_tour(self) -> None:
        """Delete the chosen tour (undo brings it back)."""
        tour = self.current_tour()
        if tour is not None:
            self._apply(None, f"Delete tour '{tour.name}'")

    def _edit_steps(self, steps: list[TourStep], description: str, row: int) -> None:
        tour = self.current_tour()
        if tour is not None:
            self._apply(replace(tour, steps=tuple(steps)), description, row)

    def add_selected(self) -> None:
        """Add the selected event after the current step (a new tour when none is chosen)."""
        event_id = self.selection.current
        if not event_id:
            return
        if self.current_tour() is None:
            base = "Tour"
            taken = {t.name for t in self.timeline.tours}
            name = next(f"{base} {n}" for n in range(1, len(taken) + 2)
                        if f"{base} {n}" not in taken)
            self._apply(Tour(name, (TourStep(event_id),)), f"New tour '{name}'", 0,
                        old_name=name)
            return
        tour = self.current_tour()
        assert tour is not None
        row = self.steps.currentRow() + 1 if tour.steps else 0
        steps = list(tour.steps)
        steps.insert(row, TourStep(event_id))
        self._edit_steps(steps, "Add tour step", row)

    def remove_step(self) -> None:
        """Remove the current step."""
        tour, row = self.current_tour(), self.steps.currentRow()
        if tour is not None and 0 <= row < len(tour.steps):
            steps = [s for n, s in enumerate(tour.steps) if n != row]
            self._edit_steps(steps, "Remove tour step", min(row, len(steps) - 1))

    def move_step(self, offset: int) -> None:
        """Move the current step earlier (-1) or later (+1)."""
        tour, row = self.current_tour(), self.steps.currentRow()
        if tour is None or not 0 <= row < len(tour.steps) or \
                not 0 <= row + offset < len(tour.steps):
            return
        steps = list(tour.steps)
        steps[row], steps[row + offset] = steps[row + offset], steps[row]
        self._edit_steps(steps, "Move tour step", row + offset)

    def _on_rows_moved(self, parent: QModelIndex, start: int, end: int,
                       destination: QModelIndex, row: int) -> None:
        """A drag reordered the list: the steps follow the rows' new order."""
        tour = self.current_tour()
        if tour is None:
            return
        old = list(range(len(tour.steps)))
        moved = old[start:end + 1]
        rest = old[:start] + old[end + 1:]
        at = row - len(moved) if row > end else row
        order = rest[:at] + moved + rest[at:]
        QTimer.singleShot(0, lambda: self._edit_steps([tour.steps[i] for i in order],
                                                      "Reorder tour steps", at))

    def _change_step(self, description: str, row: int | None = None, **changes: object) -> None:
        tour = self.current_tour()
        row = self.steps.currentRow() if row is None else row
        step = self._step(row)
        if tour is None or step is None:
            return
        updated = replace(step, **changes)  # type: ignore[arg-type]
        if updated != step:
            steps = list(tour.steps)
            steps[row] = updated
            self._edit_steps(steps, description, row)

    def _save_notes(self) -> None:
        self._change_step("Edit step notes", self._notes_row, notes=self.notes.toPlainText())

    def _save_filter(self) -> None:
        text = self.filter.text().strip()
        try:
            parse_step_filter(text)
        except FilterSyntaxError as error:
            self.message.setText(f"Filter not saved: {error}")
            return
        self.message.setText("")
        self._change_step("Edit step filter", filter=text)

    def capture_view(self) -> None:
        """The main view's time window becomes this step's window."""
        viewport = self._viewport()
        self._change_step("Capture step view", window=(viewport.start, viewport.end))

    def clear_view(self) -> None:
        """Frame the step's event automatically again."""
        self._change_step("Frame step automatically", window=None)

    def use_filters(self) -> None:
        """The filter panel's filters become this step's filter."""
        text = format_step_filter(self._filters())
        self.filter.setText(text)
        self._change_step("Edit step filter", filter=text)
