"""The hover card: what an event is, when, how sure, and the start of its passage."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from timeline_app.core.describe import event_window_text
from timeline_app.core.model import Event, Timeline

PASSAGE_PREVIEW = 160
CARD_WIDTH = 340


class HoverCard(QFrame):
    """A small floating card; all text is plain text, never interpreted as markup."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("hoverCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        self._title = self._label(bold=True)
        self._as_written = self._label()
        self._window = self._label()
        self._category = self._label(small=True)
        self._passage = self._label(italic=True)
        for label in (self._title, self._as_written, self._window, self._category,
                      self._passage):
            layout.addWidget(label)
        self.setFixedWidth(CARD_WIDTH)
        self.hide()

    def _label(self, bold: bool = False, small: bool = False, italic: bool = False) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        font = QFont(label.font())
        font.setBold(bold)
        font.setItalic(italic)
        if small:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
        return label

    def show_event(self, timeline: Timeline, event_ids: list[str], at: QPoint) -> None:
        """Fill in the card for one event (or a cluster) and show it near ``at``."""
        events = [e for e in (timeline.event(i) for i in event_ids) if e is not None]
        if not events:
            self.hide()
            return
        if len(events) > 1:
            self._fill_cluster(timeline, events)
        else:
            self._fill_event(timeline, events[0])
        self.adjustSize()
        self._place(at)
        self.show()
        self.raise_()

    def _fill_event(self, timeline: Timeline, event: Event) -> None:
        self._title.setText(event.title)
        written = event.start.as_written or event.start.edtf
        self._as_written.setText(f"“{written}”  ·  EDTF {event.start.edtf}"
                                 + (f" / {event.end.edtf}" if event.end else ""))
        self._window.setText(event_window_text(event, timeline.ongoing_until(event)).capitalize())
        category = timeline.category(event.category)
        self._category.setText(category.name if category else "Uncategorised")
        passage = event.citations[0].exact if event.citations else ""
        if len(passage) > PASSAGE_PREVIEW:
            passage = passage[:PASSAGE_PREVIEW].rsplit(" ", 1)[0] + " …"
        self._passage.setText(f"“{passage}”" if passage else "No cited passage")
        for label in (self._as_written, self._window, self._category, self._passage):
            label.show()

    def _fill_cluster(self, timeline: Timeline, events: list[Event]) -> None:
        titles = [e.title for e in events]
        self._title.setText(f"{len(titles)} events here; zoom in or click to separate them")
        shown = titles[:8]
        more = len(titles) - len(shown)
        self._as_written.setText("\n".join(f"• {t}" for t in shown)
                                 + (f"\n… and {more} more" if more > 0 else ""))
        for label in (self._window, self._category, self._passage):
            label.hide()

    def _place(self, at: QPoint) -> None:
        parent = self.parentWidget()
        assert parent is not None
        x, y = at.x() + 16, at.y() + 18
        if x + self.width() > parent.width() - 4:
            x = at.x() - self.width() - 16
        if y + self.height() > parent.height() - 4:
            y = at.y() - self.height() - 12
        self.move(max(4, x), max(4, y))
