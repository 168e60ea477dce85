"""The event inspector: what an event is, how well its date is known, and its evidence.

Its fields are editable: a change is offered as an edited :class:`Event` through
:attr:`Inspector.edited` (the caller makes it an undoable step). A date that is not
valid EDTF shows an inline error and the event keeps its old date.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlparse

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.anchoring import CitationReport
from timeline_app.core.columns import drawn_title
from timeline_app.core.dates import UncertainDate
from timeline_app.core.describe import date_text, event_window_text, precision_text
from timeline_app.core.editing import parse_list
from timeline_app.core.model import AnchorStatus, Event, Source, Timeline
from timeline_app.ui.event_dialog import check_dates
from timeline_app.ui.text import plain_tooltip

STATUS_TEXT = {
    AnchorStatus.EXACT: "exact: found where it was recorded",
    AnchorStatus.REANCHORED: "re-anchored",
    AnchorStatus.ORPHAN: "orphan: not found in the source",
}
ERROR_STYLE = "color: #D55E00;"
SAFE_SCHEMES = ("http", "https")
#: Longer titles are shown shortened and not edited in the inspector's one-line field.
MAX_EDITABLE_TITLE = 2000


def _label(text: str = "", bold: bool = False, italic: bool = False,
           size: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    font = QFont(label.font())
    font.setBold(bold)
    font.setItalic(italic)
    if size != 1.0:
        font.setPointSizeF(font.pointSizeF() * size)
    label.setFont(font)
    return label


class _Notes(QPlainTextEdit):
    """Notes, committed when the field loses focus."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.committed.emit()


class Inspector(QScrollArea):
    """Shows and edits the current event; evidence text can be selected and copied."""

    #: An edited event and a description of the edit ("Edit title").
    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Event inspector")
        self._body = QWidget()
        self.setWidget(self._body)
        outer = QVBoxLayout(self._body)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(8)
        self.hint = _label("Select an event on the canvas, in the table or in the source text "
                           "to see its date, its evidence and where it comes from.")
        self.hint.setEnabled(False)
        self.form_widget = QWidget()
        self._build_form()
        self.evidence = QWidget()
        self._evidence_layout = QVBoxLayout(self.evidence)
        self._evidence_layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.hint)
        outer.addWidget(self.form_widget)
        outer.addWidget(self.evidence)
        outer.addStretch(1)
        self.event_id = ""
        self._event: Event | None = None
        self._timeline = Timeline("")
        self.show_event(self._timeline, None, ())

    # -- the editable form ---------------------------------------------------------------

    def _build_form(self) -> None:
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.as_written = QLineEdit()
        self.start = QLineEdit()
        self.end = QLineEdit()
        self.end.setPlaceholderText("none; “..” if still ongoing")
        self.date_error = _label("")
        self.date_error.setStyleSheet(ERROR_STYLE)
        self.when = _label("")
        self.precision = _label("")
        self.reasoning = _label("")
        self.category = QComboBox()
        self.tags = QLineEdit()
        self.actors = QLineEdit()
        self.importance = QSpinBox()
        self.importance.setRange(1, 5)
        self.notes = _Notes()
        self.notes.setFixedHeight(64)
        self.links = QWidget()
        self._links_layout = QVBoxLayout(self.links)
        self._links_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.title)
        for label, widget in (("As written:", self.as_written), ("EDTF:", self.start),
                              ("End (EDTF):", self.end), ("", self.date_error),
                              ("When:", self.when), ("Precision:", self.precision),
                              ("Reasoning:", self.reasoning), ("Category:", self.category),
                              ("Tags:", self.tags), ("Actors:", self.actors),
                              ("Importance:", self.importance), ("Notes:", self.notes),
                              ("Links:", self.links)):
            form.addRow(label, widget)
        self.title.editingFinished.connect(lambda: self._commit_text("title"))
        self.as_written.editingFinished.connect(lambda: self._commit_text("as_written"))
        self.start.editingFinished.connect(self._commit_dates)
        self.end.editingFinished.connect(self._commit_dates)
        self.tags.editingFinished.connect(lambda: self._commit_text("tags"))
        self.actors.editingFinished.connect(lambda: self._commit_text("actors"))
        self.notes.committed.connect(lambda: self._commit_text("notes"))
        self.category.activated.connect(lambda _: self._commit_text("category"))
        self.importance.editingFinished.connect(lambda: self._commit_text("importance"))

    def _commit_text(self, field: str) -> None:
        event = self._event
        if event is None:
            return
        if field == "title" and self.title.text().strip():
            changed = replace(event, title=self.title.text().strip())
        elif field == "as_written":
            changed = replace(event, start=UncertainDate(event.start.edtf,
                                                         self.as_written.text().strip(),
                                                         event.start.reasoning))
        elif field == "tags":
            changed = replace(event, tags=parse_list(self.tags.text()))
        elif field == "actors":
            changed = replace(event, actors=parse_list(self.actors.text()))
        elif field == "notes":
            changed = replace(event, notes=self.notes.toPlainText().strip())
        elif field == "category":
            changed = replace(event, category=str(self.category.currentData() or ""))
        elif field == "importance":
            changed = replace(event, importance=self.importance.value())
        else:
            self._fill(event)  # an empty title is not taken: show the old one again
            return
        if changed != event:
            self.edited.emit(changed, f"Edit {field.replace('_', ' ')}")

    def _commit_dates(self) -> None:
        event = self._event
        if event is None:
            return
        start, end, problem = check_dates(self.start.text(), self.end.text())
        if problem:
            # Keep the old value in the document; say why the new one is not taken.
            self.date_error.setText(f"{problem}. The date stays {event.start.edtf}.")
            return
        self.date_error.setText("")
        assert start is not None
        new_start = event.start if start.edtf == event.start.edtf else \
            UncertainDate(start.edtf, self.as_written.text().strip(), "")
        new_end = end
        if end is not None and event.end is not None and end.edtf == event.end.edtf:
            new_end = event.end
        changed = replace(event, start=new_start, end=new_end)
        if changed != event:
            self.edited.emit(changed, "Edit date")

    # -- showing -------------------------------------------------------------------------

    def show_event(self, timeline: Timeline, event: Event | None,
                   anchors: tuple[CitationReport, ...]) -> None:
        """Fill in the panel for ``event`` (or the empty state)."""
        same = event is not None and event.id == self.event_id
        self._timeline = timeline
        self._event = event
        self.event_id = event.id if event else ""
        self.hint.setVisible(event is None)
        self.form_widget.setVisible(event is not None)
        self.evidence.setVisible(event is not None)
        if event is None:
            return
        if not same:
            self.date_error.setText("")
        self._fill(event, keep_focused=same)
        self._show_evidence(timeline, event, anchors)

    def _fill(self, event: Event, keep_focused: bool = False) -> None:
        def put(field: QLineEdit, text: str) -> None:
            if not (keep_focused and field.hasFocus()):
                field.setText(text)
                field.setCursorPosition(0)

        if len(event.title) > MAX_EDITABLE_TITLE:
            # Far too long to edit in a line: shown shortened, and read-only so that an
            # edit cannot silently cut it.
            put(self.title, drawn_title(event.title))
            self.title.setReadOnly(True)
            self.title.setToolTip(f"A title of {len(event.title):,} characters, shortened here")
        else:
            put(self.title, event.title)
            self.title.setReadOnly(False)
            self.title.setToolTip("")
        put(self.as_written, event.start.as_written)
        put(self.start, event.start.edtf)
        put(self.end, event.end.edtf if event.end else "")
        put(self.tags, ", ".join(event.tags))
        put(self.actors, ", ".join(event.actors))
        if not (keep_focused and self.notes.hasFocus()):
            self.notes.setPlainText(event.notes)
            self.notes.document().setModified(False)
        self.importance.setValue(event.importance)
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("(none)", "")
        for category in self._timeline.categories:
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(event.category)))
        self.category.blockSignals(False)
        window = event_window_text(event, self._timeline.ongoing_until(event))
        self.when.setText(window[0].upper() + window[1:])
        self.precision.setText(precision_text(event.start.precision) +
                               (", one day within the window" if event.start.one_of else ""))
        reasons = [d.reasoning for d in (event.start, event.end) if d is not None and d.reasoning]
        self.reasoning.setText("\n".join(reasons) or "—")
        self._show_links(event)

    def _show_links(self, event: Event) -> None:
        while self._links_layout.count():
            item = self._links_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for link in event.links:
            button = QPushButton(link.title or link.url)
            button.setToolTip(plain_tooltip(link.url))
            button.setFlat(True)
            button.clicked.connect(lambda _=False, url=link.url: self.open_link(url))
            self._links_layout.addWidget(button)
        self.links.setVisible(bool(event.links))

    def open_link(self, url: str, confirm: bool = True) -> bool:
        """Open an http(s) link in the browser, only after the user confirms."""
        scheme = urlparse(url).scheme.lower()
        if scheme not in SAFE_SCHEMES:
            QMessageBox.warning(self, "Link not opened",
                                f"Only web links (http, https) are opened; this one is "
                                f"“{scheme or 'without a scheme'}”:\n{url}")
            return False
        if confirm and QMessageBox.question(
                self, "Open link?", f"Open this address in your web browser?\n\n{url}") != \
                QMessageBox.StandardButton.Yes:
            return False
        return QDesktopServices.openUrl(QUrl(url))

    def _show_evidence(self, timeline: Timeline, event: Event,
                       anchors: tuple[CitationReport, ...]) -> None:
        layout = self._evidence_layout
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        layout.addWidget(_label("Evidence", bold=True))
        status = {r.index: r.anchor for r in anchors if r.event_id == event.id}
        if not event.citations:
            layout.addWidget(_label("No cited passage."))
        for index, citation in enumerate(event.citations):
            source = timeline.source(citation.source_id)
            anchor = status.get(index)
            state = anchor.status if anchor else AnchorStatus.EXACT
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(8, 6, 8, 6)
            inner.addWidget(_label(f"“{citation.exact}”", italic=True))
            where = source.title if source else f"unknown source “{citation.source_id}”"
            inner.addWidget(_label(f"Source: {where}", size=0.92))
            detail = STATUS_TEXT[state]
            if anchor is not None and anchor.message and state is not AnchorStatus.EXACT:
                detail += f" ({anchor.message})"
            status_label = _label(f"Anchoring: {detail}", bold=state is AnchorStatus.ORPHAN,
                                  size=0.92)
            status_label.setObjectName(f"anchorStatus{index}")
            inner.addWidget(status_label)
            if citation.note:
                inner.addWidget(_label(f"Note: {citation.note}", size=0.92))
            layout.addWidget(box)
        for source in _cited_sources(timeline, event):
            layout.addWidget(_label(f"Source: {source.title}", bold=True))
            layout.addWidget(self._source_form(source))

    def _source_form(self, source: Source) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, value in (("Publisher:", source.publisher), ("Author:", source.author),
                            ("Address:", source.url)):
            if value:
                form.addRow(name, _label(value))
        published = source.published
        if published is not None:
            form.addRow("Dateline:", _label(f"“{published.as_printed}” as printed"
                                            if published.as_printed else "not printed"))
            form.addRow("Taken as:", _label(f"{date_text(published.date)} ({published.edtf})"))
            if published.note:
                note = _label(published.note)
                note.setObjectName("publicationNote")
                form.addRow("Why:", note)
        form.addRow("SHA-256:", _label(source.sha256[:16] + "…", size=0.9))
        return widget

    def texts(self) -> list[str]:
        """Every text shown (for tests and screen-reader checks)."""
        labels = [label.text() for label in self._body.findChildren(QLabel)
                  if label.text() and label.isVisibleTo(self._body)]
        fields = [field.text() for field in self._body.findChildren(QLineEdit)
                  if field.isVisibleTo(self._body)]
        return labels + fields


def _cited_sources(timeline: Timeline, event: Event) -> list[Source]:
    seen: list[Source] = []
    for citation in event.citations:
        source = timeline.source(citation.source_id)
        if source is not None and source not in seen:
            seen.append(source)
    return seen
