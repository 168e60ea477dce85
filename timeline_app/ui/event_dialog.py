"""The event dialog: a new or suggested event, with its date checked as you type."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.describe import event_window_text
from timeline_app.core.editing import parse_list
from timeline_app.core.edtf import EdtfError
from timeline_app.core.model import Event, Timeline

ERROR_STYLE = "color: #D55E00;"


def check_dates(start_text: str, end_text: str) -> tuple[UncertainDate | None,
                                                          UncertainDate | None, str]:
    """Parse the start and end fields: (start, end, "") or (None, None, why not)."""
    try:
        start = UncertainDate(start_text.strip())
    except EdtfError as error:
        return None, None, f"Start: {error}"
    if start.is_interval:
        return None, None, "Start: give the first date here and the rest as the end"
    end = None
    if end_text.strip():
        try:
            end = UncertainDate(end_text.strip())
        except EdtfError as error:
            return None, None, f"End: {error}"
        if not end.is_open and start.earliest is not None and end.latest is not None and \
                end.latest <= start.earliest:
            return None, None, "End: it comes before the start"
    return start, end, ""


class EventDialog(QDialog):
    """Edit every field of one event; OK only when the dates are valid EDTF."""

    def __init__(self, timeline: Timeline, event: Event, heading: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Event")
        self.setMinimumWidth(620)
        self._timeline = timeline
        self._event = event
        self.title = QLineEdit(event.title)
        self.title.setCursorPosition(0)  # long titles show their beginning
        self.start = QLineEdit(event.start.edtf)
        self.as_written = QLineEdit(event.start.as_written)
        self.end = QLineEdit(event.end.edtf if event.end else "")
        self.end.setPlaceholderText("none; “..” for a range still ongoing")
        self.reasoning = QLineEdit(event.start.reasoning)
        self.window_text = QLabel()
        self.window_text.setTextFormat(Qt.TextFormat.PlainText)
        self.window_text.setWordWrap(True)
        self.category = QComboBox()
        self.category.addItem("(none)", "")
        for category in timeline.categories:
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(event.category)))
        self.tags = QLineEdit(", ".join(event.tags))
        self.actors = QLineEdit(", ".join(event.actors))
        self.notes = QPlainTextEdit(event.notes)
        self.notes.setFixedHeight(70)
        self.importance = QSpinBox()
        self.importance.setRange(1, 5)
        self.importance.setValue(event.importance)
        form = QFormLayout()
        form.addRow("Title:", self.title)
        form.addRow("Date (EDTF):", self.start)
        form.addRow("As written:", self.as_written)
        form.addRow("End (EDTF):", self.end)
        form.addRow("Reasoning:", self.reasoning)
        form.addRow("", self.window_text)
        form.addRow("Category:", self.category)
        form.addRow("Tags:", self.tags)
        form.addRow("Actors:", self.actors)
        form.addRow("Importance:", self.importance)
        form.addRow("Notes:", self.notes)
        layout = QVBoxLayout(self)
        if heading:
            head = QLabel(heading)
            head.setTextFormat(Qt.TextFormat.PlainText)
            head.setWordWrap(True)
            layout.addWidget(head)
        for citation in event.citations:
            quote = QLabel(f"Passage: “{citation.exact}”")
            quote.setTextFormat(Qt.TextFormat.PlainText)
            quote.setWordWrap(True)
            layout.addWidget(quote)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.title, self.start, self.end):
            field.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        start, end, problem = check_dates(self.start.text(), self.end.text())
        if not self.title.text().strip():
            problem = problem or "Give the event a title"
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        if problem:
            self.window_text.setText(problem)
            self.window_text.setStyleSheet(ERROR_STYLE)
            return
        assert start is not None
        preview = replace(self._event, start=start, end=end)
        when = event_window_text(preview, self._timeline.ongoing_until(preview))
        self.window_text.setText(when[0].upper() + when[1:])
        self.window_text.setStyleSheet("")

    def result_event(self) -> Event:
        """The event as edited (call after the dialog was accepted)."""
        start, end, _ = check_dates(self.start.text(), self.end.text())
        assert start is not None
        start = UncertainDate(start.edtf, self.as_written.text().strip(),
                              self.reasoning.text().strip())
        if end is not None and self._event.end is not None and end.edtf == self._event.end.edtf:
            end = self._event.end  # keep its words and reasoning
        elif end is not None and end.is_open:
            end = UncertainDate(OPEN, "", "")
        return replace(self._event, title=self.title.text().strip(), start=start, end=end,
                       category=str(self.category.currentData() or ""),
                       tags=parse_list(self.tags.text()), actors=parse_list(self.actors.text()),
                       notes=self.notes.toPlainText().strip(), importance=self.importance.value())
