"""The filter panel (categories, tags, actors, date window, certainty) and the chips bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.filters import Certainty, Chip, FilterState, chips, facet_counts
from timeline_app.core.model import Timeline
from timeline_app.core.phrases import read_date

INVALID_STYLE = "QLineEdit { border: 2px solid #D55E00; }"


def parse_filter_date(text: str) -> UncertainDate | None:
    """EDTF first, then everyday text ("March 2001", "20 January 2026"); None if neither."""
    text = text.strip()
    try:
        return UncertainDate(text)
    except EdtfError:
        return read_date(text)


class FilterPanel(QWidget):
    """Choices with counts; emits the new state whenever one changes."""

    stateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Filters")
        self._state = FilterState()
        self._updating = False
        self.categories = self._list("Categories")
        self.tags = self._list("Tags")
        self.actors = self._list("Actors")
        self.date_from = self._date_field("From (EDTF or text, e.g. 2025-12 or March 2001)")
        self.date_to = self._date_field("To (EDTF or text)")
        self.certainty = QComboBox()
        self.certainty.setAccessibleName("Dates")
        for option in Certainty:
            self.certainty.addItem(option.value.capitalize(), option)
        self.certainty.currentIndexChanged.connect(self._emit)
        clear = QPushButton("Clear all filters")
        clear.clicked.connect(lambda: self.set_state(FilterState(), emit=True))
        dates = QFormLayout()
        dates.addRow("From:", self.date_from)
        dates.addRow("To:", self.date_to)
        dates.addRow("Dates:", self.certainty)
        self.date_error = QLabel("")
        self.date_error.setTextFormat(Qt.TextFormat.PlainText)
        self.date_error.setWordWrap(True)
        self.date_error.setStyleSheet("color: #D55E00;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for title, widget in (("Categories", self.categories), ("Tags", self.tags),
                              ("Actors", self.actors)):
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            layout.addWidget(widget, 1)
        layout.addLayout(dates)
        layout.addWidget(self.date_error)
        layout.addWidget(clear)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setMinimumHeight(60)
        widget.itemChanged.connect(lambda _: self._emit())
        return widget

    def _date_field(self, tip: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText("any")
        field.setToolTip(tip)
        field.setAccessibleName(tip)
        field.editingFinished.connect(self._emit)
        return field

    @property
    def state(self) -> FilterState:
        """The current filters."""
        return self._state

    def set_timeline(self, timeline: Timeline) -> None:
        """Offer the timeline's categories, tags and actors with their counts."""
        counts = facet_counts(timeline.events)  # a large store counts its code arrays
        self._updating = True
        self._fill(self.categories, [(c.id, f"{c.name} ({counts.categories[c.id]})")
                                     for c in timeline.categories if counts.categories[c.id]],
                   self._state.categories)
        self._fill(self.tags, [(t, f"{t} ({n})") for t, n in counts.tags.most_common()],
                   self._state.tags)
        self._fill(self.actors, [(a, f"{a} ({n})") for a, n in counts.actors.most_common()],
                   self._state.actors)
        self._updating = False

    def _fill(self, widget: QListWidget, entries: list[tuple[str, str]],
              checked: frozenset[str]) -> None:
        widget.clear()
        for value, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked
                               else Qt.CheckState.Unchecked)
            widget.addItem(item)

    def check(self, widget: QListWidget, value: str, on: bool = True) -> None:
        """Tick (or untick) one choice, as a click would."""
        for row in range(widget.count()):
            item = widget.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _checked(self, widget: QListWidget) -> frozenset[str]:
        return frozenset(str(widget.item(r).data(Qt.ItemDataRole.UserRole))
                         for r in range(widget.count())
                         if widget.item(r).checkState() == Qt.CheckState.Checked)

    def _emit(self) -> None:
        if self._updating:
            return
        errors = []
        dates: list[UncertainDate | None] = []
        for field, name in ((self.date_from, "From"), (self.date_to, "To")):
            text = field.text().strip()
            date = parse_filter_date(text) if text else None
            if text and date is None:
                errors.append(f"{name}: “{text}” is not a date (try 2025-12, 2001 or "
                              "20 January 2026); the previous value is kept.")
                field.setStyleSheet(INVALID_STYLE)
                date = self._state.date_from if name == "From" else self._state.date_to
            else:
                field.setStyleSheet("")
            dates.append(date)
        self.date_error.setText("\n".join(errors))
        certainty = self.certainty.currentData()
        state = FilterState(
            categories=self._checked(self.categories), tags=self._checked(self.tags),
            actors=self._checked(self.actors), date_from=dates[0], date_to=dates[1],
            certainty=certainty if isinstance(certainty, Certainty) else Certainty.ALL,
            from_text=self.date_from.text().strip() if dates[0] else "",
            to_text=self.date_to.text().strip() if dates[1] else "",
        )
        if state != self._state or (state.from_text, state.to_text) != (
                self._state.from_text, self._state.to_text):
            self._state = state
            self.stateChanged.emit(state)

    def set_state(self, state: FilterState, emit: bool = False) -> None:
        """Show ``state`` in the controls (after a chip is removed, say)."""
        self._updating = True
        for widget, values in ((self.categories, state.categories), (self.tags, state.tags),
                               (self.actors, state.actors)):
            for row in range(widget.count()):
                item = widget.item(row)
                item.setCheckState(Qt.CheckState.Checked
                                   if item.data(Qt.ItemDataRole.UserRole) in values
                                   else Qt.CheckState.Unchecked)
        self.date_from.setText(state.from_text)
        self.date_to.setText(state.to_text)
        self.date_from.setStyleSheet("")
        self.date_to.setStyleSheet("")
        self.date_error.setText("")
        self.certainty.setCurrentIndex(max(0, self.certainty.findData(state.certainty)))
        self._updating = False
        changed = state != self._state
        self._state = state
        if emit and changed:
            self.stateChanged.emit(state)


class ChipsBar(QWidget):
    """Active filters as removable chips, and one click to clear them all."""

    removed = Signal(object)  # the Chip
    clearAll = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Active filters")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 3, 8, 3)
        self._layout.setSpacing(6)
        self._buttons: dict[str, QToolButton] = {}
        self.hide()

    def show_chips(self, state: FilterState, timeline: Timeline, shown: int, total: int) -> None:
        """Rebuild the chips for ``state``."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        active = chips(state, timeline)
        self._buttons = {}
        self.setVisible(bool(active))
        if not active:
            return
        summary = QLabel(f"Showing {shown} of {total} events:")
        self._layout.addWidget(summary)
        for chip in active:
            self._buttons[chip.label] = self._chip(chip)
            self._layout.addWidget(self._buttons[chip.label])
        clear = QToolButton()
        clear.setText("Clear all")
        clear.setAutoRaise(True)
        clear.setAccessibleName("Clear all filters")
        clear.clicked.connect(self.clearAll.emit)
        self._layout.addWidget(clear)
        self._layout.addStretch(1)

    def _chip(self, chip: Chip) -> QToolButton:
        button = QToolButton()
        button.setText(f"{chip.label}  ✕")
        button.setToolTip(f"Remove the filter “{chip.label}”")
        button.setAccessibleName(f"Remove filter {chip.label}")
        button.setStyleSheet("QToolButton { border: 1px solid palette(mid); border-radius: 10px;"
                             " padding: 2px 8px; }")
        button.clicked.connect(lambda: self.removed.emit(chip))
        return button

    def chip_labels(self) -> list[str]:
        """The labels of the chips shown."""
        return list(self._buttons)

    def button(self, label: str) -> QToolButton:
        """The chip button with this label."""
        return self._buttons[label]

