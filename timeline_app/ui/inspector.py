"""The event inspector: what an event is, how well its date is known, and its evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.anchoring import CitationReport
from timeline_app.core.describe import date_text, event_window_text, precision_text
from timeline_app.core.model import AnchorStatus, Event, Source, Timeline

STATUS_TEXT = {
    AnchorStatus.EXACT: "exact: found where it was recorded",
    AnchorStatus.REANCHORED: "re-anchored",
    AnchorStatus.ORPHAN: "orphan: not found in the source",
}


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


class Inspector(QScrollArea):
    """Shows the current event; read-only text that can be selected and copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Event inspector")
        self._body = QWidget()
        self.setWidget(self._body)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self._layout.setSpacing(8)
        self.event_id = ""
        self.show_event(Timeline(""), None, ())

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def show_event(self, timeline: Timeline, event: Event | None,
                   anchors: tuple[CitationReport, ...]) -> None:
        """Fill in the panel for ``event`` (or the empty state)."""
        self._clear()
        self.event_id = event.id if event else ""
        if event is None:
            hint = _label("Select an event on the canvas, in the table or in the source text "
                          "to see its date, its evidence and where it comes from.")
            hint.setEnabled(False)
            self._layout.addWidget(hint)
            self._layout.addStretch(1)
            return
        self._layout.addWidget(_label(event.title, bold=True, size=1.15))
        self._layout.addWidget(self._date_form(timeline, event))
        self._layout.addWidget(self._section("Evidence"))
        status = {r.index: r.anchor for r in anchors if r.event_id == event.id}
        if not event.citations:
            self._layout.addWidget(_label("No cited passage."))
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
            self._layout.addWidget(box)
        for source in _cited_sources(timeline, event):
            self._layout.addWidget(self._section(f"Source: {source.title}"))
            self._layout.addWidget(self._source_form(source))
        self._layout.addStretch(1)

    def _section(self, text: str) -> QLabel:
        label = _label(text, bold=True)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    def _date_form(self, timeline: Timeline, event: Event) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        written = event.start.as_written or "(no date phrase in the source)"
        form.addRow("As written:", _label(f"“{written}”" if event.start.as_written else written))
        edtf = event.start.edtf + (f"  to  {event.end.edtf}" if event.end else "")
        form.addRow("EDTF:", _label(edtf))
        window = event_window_text(event, timeline.ongoing_until(event))
        form.addRow("When:", _label(window[0].upper() + window[1:]))
        form.addRow("Precision:", _label(precision_text(event.start.precision) +
                                         (", one day within the window" if event.start.one_of
                                          else "")))
        reasons = [d.reasoning for d in (event.start, event.end) if d is not None and d.reasoning]
        if reasons:
            form.addRow("Reasoning:", _label("\n".join(reasons)))
        category = timeline.category(event.category)
        form.addRow("Category:", _label(category.name if category else
                                        (event.category or "Uncategorised")))
        if event.tags:
            form.addRow("Tags:", _label(", ".join(event.tags)))
        if event.actors:
            form.addRow("Actors:", _label(", ".join(event.actors)))
        if event.notes:
            form.addRow("Notes:", _label(event.notes))
        for link in event.links:
            form.addRow("Link:", _label(f"{link.title}: {link.url}" if link.title else link.url))
        return widget

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
        return [label.text() for label in self._body.findChildren(QLabel) if label.text()]


def _cited_sources(timeline: Timeline, event: Event) -> list[Source]:
    seen: list[Source] = []
    for citation in event.citations:
        source = timeline.source(citation.source_id)
        if source is not None and source not in seen:
            seen.append(source)
    return seen
