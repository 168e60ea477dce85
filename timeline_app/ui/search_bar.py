"""The search bar (Ctrl+F): incremental, with "3 of 11" and Enter / Shift+Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class _Field(QLineEdit):
    """A line edit that reports Enter, Shift+Enter and Escape."""

    step = Signal(int)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step.emit(-1 if backwards else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Query field, match count and previous/next/close buttons."""

    queryChanged = Signal(str)
    #: +1 for the next match, −1 for the previous.
    stepped = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Search")
        self.field = _Field()
        self.field.setPlaceholderText("Search titles, notes, cited passages and source text")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search text")
        self.field.textChanged.connect(self.queryChanged.emit)
        self.field.step.connect(self.stepped.emit)
        self.field.escaped.connect(self.close_bar)
        self.count = QLabel("")
        self.count.setMinimumWidth(90)
        self.count.setAccessibleName("Matches")
        previous = self._button("▲", "Previous match (Shift+Enter)", lambda: self.stepped.emit(-1))
        following = self._button("▼", "Next match (Enter)", lambda: self.stepped.emit(1))
        close = self._button("✕", "Close search (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (previous, following, close):
            layout.addWidget(button)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def open_bar(self) -> None:
        """Show the bar with the field focused and its text selected."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and end the search."""
        self.field.clear()
        self.hide()
        self.closed.emit()

    def show_position(self, current: int, total: int) -> None:
        """"3 of 11", "11 matches", or "No matches"."""
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText("No matches")
        elif current < 0:
            self.count.setText(f"{total} match{'es' if total != 1 else ''}")
        else:
            self.count.setText(f"{current + 1} of {total}")
