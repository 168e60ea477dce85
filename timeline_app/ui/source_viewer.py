"""The source viewer: the full text, every cited passage tinted, the selected one highlighted.

Clicking inside a tinted passage selects its event; a mark in the left margin shows
which paragraphs are cited. Offsets in the model are Unicode code points; Qt counts
UTF-16 units, so :class:`OffsetMap` converts between the two.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.anchoring import CitationReport
from timeline_app.core.model import AnchorStatus, Source, Timeline
from timeline_app.core.search import TextHit

MARGIN_WIDTH = 12
TINT_ALPHA = 70
STRONG_ALPHA = 190


class OffsetMap:
    """Converts code-point offsets to Qt's UTF-16 positions and back."""

    def __init__(self, text: str) -> None:
        # Code-point offsets of characters outside the BMP (two UTF-16 units each).
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_qt(self, offset: int) -> int:
        """The UTF-16 position of a code-point offset."""
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code-point offset of a UTF-16 position."""
        low, high = 0, position
        while low < high:  # smallest offset whose UTF-16 position reaches ``position``
            middle = (low + high) // 2
            if self.to_qt(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low


@dataclass(frozen=True)
class Passage:
    """A cited span of the shown source and the event it belongs to."""

    event_id: str
    start: int
    end: int
    color: str
    status: AnchorStatus


class SourceTextView(QPlainTextEdit):
    """Read-only text with passage tints and a margin of cited-paragraph marks."""

    clickedAt = Signal(int)  # code-point offset of a plain click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Source text")
        self._margin = _Margin(self)
        self.setViewportMargins(MARGIN_WIDTH, 0, 0, 0)
        self.offsets = OffsetMap("")
        self.source_text = ""
        self.marks: list[tuple[int, str]] = []  # (block number, colour) of cited paragraphs
        self.updateRequest.connect(lambda rect, dy: self._margin.update())
        self._press: tuple[int, int] | None = None
        #: Actions added at the top of the context menu ("New Event from Selection").
        self.extra_actions: list[QAction] = []

    def set_source_text(self, text: str) -> None:
        """Show ``text`` from its beginning."""
        self.setPlainText(text)
        self.offsets = OffsetMap(text)
        # toPlainText() turns no-break spaces into spaces: keep the text as given.
        self.source_text = text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(), MARGIN_WIDTH, rect.height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = (event.position().toPoint().x(), event.position().toPoint().y())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if self._press is not None and abs(point.x() - self._press[0]) + \
                abs(point.y() - self._press[1]) < 4 and not self.textCursor().hasSelection():
            position = self.cursorForPosition(point).position()
            self.clickedAt.emit(self.offsets.from_qt(position))
        self._press = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        existing = menu.actions()
        if existing and self.extra_actions:
            menu.insertActions(existing[0], self.extra_actions)
            menu.insertSeparator(existing[0])
        else:
            menu.addActions(self.extra_actions)
        menu.exec(event.globalPos())

    def paint_margin(self, event: QPaintEvent, widget: QWidget) -> None:
        """Draw a coloured mark beside every cited paragraph."""
        painter = QPainter(widget)
        painter.fillRect(event.rect(), self.palette().color(self.backgroundRole()))
        colors = dict(self.marks)
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > event.rect().bottom():
                break
            color = colors.get(block.blockNumber())
            if color and block.isVisible():
                painter.fillRect(QRect(3, int(geometry.top()) + 2, 4,
                                       int(geometry.height()) - 4), QColor(color))
            block = block.next()
        painter.end()


class _Margin(QWidget):
    def __init__(self, view: SourceTextView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:
        return QSize(MARGIN_WIDTH, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_margin(event, self)


class SourceViewer(QWidget):
    """The panel: a source picker over the text view."""

    #: Emitted with an event id when the user clicks inside its passage.
    passageClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Source viewer")
        self.picker = QComboBox()
        self.picker.setAccessibleName("Source")
        self.picker.currentIndexChanged.connect(self._on_picked)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.view = SourceTextView()
        self.view.clickedAt.connect(self._on_clicked)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        self._timeline = Timeline("")
        self._anchors: tuple[CitationReport, ...] = ()
        self._passages: dict[str, list[Passage]] = {}
        self._selected: frozenset[str] = frozenset()
        self._hits: tuple[TextHit, ...] = ()
        self._current_hit: TextHit | None = None
        self._source_id = ""

    # -- data ------------------------------------------------------------------------

    @property
    def source_id(self) -> str:
        """The source being shown."""
        return self._source_id

    def set_timeline(self, timeline: Timeline, anchors: tuple[CitationReport, ...]) -> None:
        """Show the timeline's sources; the current one stays if it still exists."""
        self._timeline = timeline
        self._anchors = anchors
        status = {(r.event_id, r.index): r.anchor.status for r in anchors}
        passages: dict[str, list[Passage]] = {}
        for event in timeline.citing_events():  # only they have passages (fast at scale)
            category = timeline.category(event.category)
            color = category.color if category else "#8C8C8C"
            for index, citation in enumerate(event.citations):
                state = status.get((event.id, index), AnchorStatus.EXACT)
                if citation.position is None or state is AnchorStatus.ORPHAN:
                    continue  # an orphan has no place in the text to tint
                passages.setdefault(citation.source_id, []).append(Passage(
                    event.id, citation.position.start, citation.position.end, color, state))
        self._passages = passages
        self.picker.blockSignals(True)
        self.picker.clear()
        for source in timeline.sources:
            self.picker.addItem(source.title or source.id, source.id)
        self.picker.setVisible(len(timeline.sources) > 1)
        self.picker.blockSignals(False)
        keep = self._source_id if timeline.source(self._source_id) else (
            timeline.sources[0].id if timeline.sources else "")
        self._show_source(keep, force=True)

    def show_source(self, source_id: str) -> None:
        """Show this source's text."""
        self._show_source(source_id)

    def _on_picked(self, index: int) -> None:
        source_id = self.picker.itemData(index)
        if isinstance(source_id, str):
            self._show_source(source_id)

    def _show_source(self, source_id: str, force: bool = False) -> None:
        if source_id == self._source_id and not force:
            return
        self._source_id = source_id
        source = self._timeline.source(source_id)
        index = self.picker.findData(source_id)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(index)
            self.picker.blockSignals(False)
        text = source.text if source else ""
        if text != self.view.source_text:  # an edit elsewhere keeps the reader's place
            self.view.set_source_text(text)
        self.info.setText(_source_info(source) if source else "No source text")
        self._mark_paragraphs()
        self._refresh()

    # -- selection and search ---------------------------------------------------------

    def show_selection(self, ids: frozenset[str], current: str) -> None:
        """Highlight the selected events' passages and bring the current one to the middle."""
        self._selected = ids
        event = self._timeline.event(current) if current else None
        target = None
        if event is not None:
            for citation in event.citations:
                position = citation.position
                if position is not None and self._is_placed(event.id, position.start):
                    target = (citation.source_id, position.start, position.end)
                    break
        if target is not None:
            self._show_source(target[0])
        self._refresh()
        if target is not None:
            self.center_on(target[1], target[2])

    def _is_placed(self, event_id: str, start: int) -> bool:
        return any(p.event_id == event_id and p.start == start
                   for ps in self._passages.values() for p in ps)

    def set_search_hits(self, hits: tuple[TextHit, ...], current: TextHit | None = None) -> None:
        """Underline every search hit; the current one is shown in the middle."""
        self._hits = hits
        self._current_hit = current
        if current is not None:
            self._show_source(current.source_id)
        self._refresh()
        if current is not None:
            self.center_on(current.start, current.end)

    def center_on(self, start: int, end: int) -> None:
        """Scroll so the span [start, end) sits in the middle of the view."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(start))
        self.view.setTextCursor(cursor)
        self.view.centerCursor()
        # Leave the caret at the start without a visible selection.
        cursor.setPosition(self.view.offsets.to_qt(start))
        self.view.setTextCursor(cursor)

    def selected_span(self) -> tuple[str, int, int] | None:
        """The text the user has selected, as (source id, start, end) in code points."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.view.offsets.from_qt(cursor.selectionStart())
        end = self.view.offsets.from_qt(cursor.selectionEnd())
        return (self._source_id, start, end) if end > start else None

    def passage_at(self, offset: int) -> str:
        """The event whose passage holds ``offset`` (the shortest passage wins)."""
        inside = [p for p in self._passages.get(self._source_id, []) if p.start <= offset < p.end]
        if not inside:
            return ""
        return min(inside, key=lambda p: p.end - p.start).event_id

    def _on_clicked(self, offset: int) -> None:
        event_id = self.passage_at(offset)
        if event_id:
            self.passageClicked.emit(event_id)

    # -- drawing ---------------------------------------------------------------------

    def _mark_paragraphs(self) -> None:
        document = self.view.document()
        marks: list[tuple[int, str]] = []
        for passage in self._passages.get(self._source_id, []):
            first = document.findBlock(self.view.offsets.to_qt(passage.start)).blockNumber()
            last = document.findBlock(self.view.offsets.to_qt(max(passage.start,
                                                                   passage.end - 1))).blockNumber()
            marks += [(n, passage.color) for n in range(first, last + 1)]
        self.view.marks = marks

    def _refresh(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        passages = sorted(self._passages.get(self._source_id, []),
                          key=lambda p: p.event_id in self._selected)
        for passage in passages:
            strong = passage.event_id in self._selected
            selections.append(self._selection(passage.start, passage.end, passage.color, strong))
        for hit in self._hits:
            if hit.source_id == self._source_id:
                selections.append(self._hit_selection(hit, hit == self._current_hit))
        self.view.setExtraSelections(selections)

    def _selection(self, start: int, end: int, color: str,
                   strong: bool) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(start))
        cursor.setPosition(self.view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        background = QColor(color)
        background.setAlpha(STRONG_ALPHA if strong else TINT_ALPHA)
        fmt.setBackground(background)
        if strong:
            fmt.setForeground(QColor(20, 20, 20) if background.lightness() > 120
                              else QColor(250, 250, 250))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = fmt
        return selection

    def _hit_selection(self, hit: TextHit, current: bool) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(hit.start))
        cursor.setPosition(self.view.offsets.to_qt(hit.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 230, 0, 230 if current else 120))
        fmt.setForeground(QColor(0, 0, 0))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        selection.format = fmt
        return selection

    def highlighted_spans(self) -> list[tuple[int, int, bool]]:
        """(start, end, strong) of each passage highlight shown (for tests and a11y)."""
        spans = []
        for selection in self.view.extraSelections():
            cursor = selection.cursor
            alpha = selection.format.background().color().alpha()
            spans.append((self.view.offsets.from_qt(cursor.selectionStart()),
                          self.view.offsets.from_qt(cursor.selectionEnd()), alpha == STRONG_ALPHA))
        return spans


def _source_info(source: Source) -> str:
    parts = [p for p in (source.publisher, source.author) if p]
    if source.published is not None:
        printed = source.published.as_printed or source.published.edtf
        parts.append(f"published {printed}")
        if source.published.corrected:
            parts.append(f"taken as {source.published.edtf}")
    return " · ".join(parts) if parts else source.title
