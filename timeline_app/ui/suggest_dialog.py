"""Review suggested events: accept, reject or edit each, from the keyboard."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.describe import event_window_text
from timeline_app.core.model import Event, Timeline
from timeline_app.core.suggest import Candidate
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.text import plain_tooltip

HELP = ("Space or A accepts, R or Delete rejects, E or Enter edits. "
        "Accepted events are added when you click “Add accepted events”.")


class _Tree(QTreeWidget):
    def __init__(self, dialog: SuggestDialog) -> None:
        super().__init__()
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_A):
            self._dialog.set_accepted(self.currentIndex().row(), True, advance=True)
        elif key in (Qt.Key.Key_R, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._dialog.set_accepted(self.currentIndex().row(), False, advance=True)
        elif key in (Qt.Key.Key_E, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._dialog.edit(self.currentIndex().row())
        else:
            super().keyPressEvent(event)


class SuggestDialog(QDialog):
    """A list of candidates, each accepted or rejected; edits keep the citation."""

    def __init__(self, timeline: Timeline, candidates: list[Candidate],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suggested events")
        self.resize(980, 560)
        self._timeline = timeline
        self.events: list[Event] = [c.event for c in candidates]
        self.accepted_rows: set[int] = set()
        self.tree = _Tree(self)
        self.tree.setHeaderLabels(["Add?", "Date", "As written", "Title", "Passage"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Suggested events")
        self.tree.itemChanged.connect(self._on_item_changed)
        for row, event in enumerate(self.events):
            self.tree.addTopLevelItem(self._item(event))
            self._refresh(row)
        for column, width in enumerate((60, 200, 160, 300)):
            self.tree.setColumnWidth(column, width)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        help_label = QLabel(HELP if self.events else "No date expressions were found.")
        help_label.setWordWrap(True)
        edit = QPushButton("Edit…")
        edit.clicked.connect(lambda: self.edit(self.tree.currentIndex().row()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add accepted events",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self._update_button()

    def _item(self, event: Event) -> QTreeWidgetItem:
        item = QTreeWidgetItem(["", "", "", "", ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        return item

    def _refresh(self, row: int) -> None:
        event = self.events[row]
        item = self.tree.topLevelItem(row)
        if item is None:
            return
        self.tree.blockSignals(True)
        when = event_window_text(event, self._ongoing_until(event))
        item.setText(1, when)
        item.setText(2, event.start.as_written)
        item.setText(3, event.title)
        item.setText(4, event.citations[0].exact if event.citations else "")
        item.setToolTip(1, plain_tooltip(event.start.reasoning))
        item.setCheckState(0, Qt.CheckState.Checked if row in self.accepted_rows
                           else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)

    def _ongoing_until(self, event: Event) -> int | None:
        return self._timeline.ongoing_until(event)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            row = self.tree.indexOfTopLevelItem(item)
            self.set_accepted(row, item.checkState(0) == Qt.CheckState.Checked)

    def set_accepted(self, row: int, accepted: bool, advance: bool = False) -> None:
        """Accept or reject one candidate (and move on, from the keyboard)."""
        if not 0 <= row < len(self.events):
            return
        if accepted:
            self.accepted_rows.add(row)
        else:
            self.accepted_rows.discard(row)
        self._refresh(row)
        self._update_button()
        following = self.tree.topLevelItem(row + 1) if advance else None
        if following is not None:
            self.tree.setCurrentItem(following)

    def edit(self, row: int) -> None:
        """Edit a candidate in the event dialog; editing accepts it."""
        if not 0 <= row < len(self.events):
            return
        dialog = EventDialog(self._timeline, self.events[row], "Edit the suggested event",
                             self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.events[row] = dialog.result_event()
            self.set_accepted(row, True)

    def _update_button(self) -> None:
        count = len(self.accepted_rows)
        self.add_button.setText(f"Add {count} accepted event{'s' if count != 1 else ''}")
        self.add_button.setEnabled(count > 0)

    def accepted_events(self) -> list[Event]:
        """The accepted events, in text order."""
        return [replace(self.events[row]) for row in sorted(self.accepted_rows)]
