"""Authoring: sources in, events from passages and suggestions, and every edit undoable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from timeline_app.core import calendar as cal
from timeline_app.core.anchoring import citation_for_span
from timeline_app.core.dates import UncertainDate
from timeline_app.core.describe import date_text, day_text, event_window_text
from timeline_app.core.editing import (
    EditError,
    duplicate_events,
    move_end,
    move_event,
    new_event_id,
    recategorise,
)
from timeline_app.core.edtf import format_date
from timeline_app.core.model import Event, Source, Timeline
from timeline_app.core.phrases import suggest_date
from timeline_app.core.problems import LoadError
from timeline_app.core.sentences import sentence_at, sentence_spans
from timeline_app.core.suggest import event_title, suggest_events
from timeline_app.io.source_import import read_source
from timeline_app.ui.document import Document
from timeline_app.ui.event_dialog import EventDialog
from timeline_app.ui.selection import Selection
from timeline_app.ui.source_dialog import SourceDialog
from timeline_app.ui.source_viewer import SourceViewer
from timeline_app.ui.suggest_dialog import SuggestDialog
from timeline_app.view.canvas import ChronologyCanvas

SOURCE_FILTER = "Texts (*.txt *.md *.markdown *.html *.htm);;All files (*)"


class Authoring(QObject):
    """The editing commands of one window."""

    #: A message for the status bar.
    status = Signal(str)

    def __init__(self, window: QWidget, document: Document, selection: Selection,
                 canvas: ChronologyCanvas, source_viewer: SourceViewer) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.selection = selection
        self.canvas = canvas
        self.source_viewer = source_viewer
        canvas.eventDragged.connect(self.drag)
        canvas.drag_preview = self.preview_drag

    @property
    def timeline(self) -> Timeline:
        """The current timeline."""
        return self.document.timeline

    # -- sources -----------------------------------------------------------------------

    def add_source_from_file(self, path: str = "") -> bool:
        """Import a .txt, .md or .html file as a source (asking for its details)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import source text", "",
                                                  SOURCE_FILTER)
            if not path:
                return False
        try:
            imported = read_source(path, taken=[s.id for s in self.timeline.sources])
        except LoadError as error:
            QMessageBox.warning(self.window, "Cannot import source", error.summary(limit=8))
            return False
        dialog = SourceDialog(self.timeline, imported.source, imported.offered_published,
                              self.window)
        return self._add_source(dialog)

    def add_source_from_text(self) -> bool:
        """Paste a source's text (asking for its details)."""
        return self._add_source(SourceDialog(self.timeline, parent=self.window))

    def _add_source(self, dialog: SourceDialog) -> bool:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        source = dialog.result_source()
        self.add_source(source)
        return True

    def add_source(self, source: Source) -> None:
        """Add a source (undoable) and show it."""
        self.document.apply(replace(self.timeline, sources=(*self.timeline.sources, source)),
                            f"Add source “{source.title}”")
        self.source_viewer.show_source(source.id)
        self.status.emit(f"Added the source “{source.title}”: select a passage and press "
                         "Ctrl+E, or use Suggest Events")

    # -- events from passages ------------------------------------------------------------

    def event_from_selection(self) -> Event | None:
        """An event prefilled from the text selected in the source viewer, or None."""
        span = self.source_viewer.selected_span()
        if span is None:
            return None
        source_id, start, end = span
        source = self.timeline.source(source_id)
        if source is None:
            return None
        text = source.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            return None
        spans = sentence_spans(text)
        sentence = sentence_at(spans, start) or (start, end)
        context = text[min(sentence[0], start):max(sentence[1], end)]
        published = source.published.date if source.published else None
        found = suggest_date(text[start:end], context, published)
        title = event_title(text, (start, end), found.span if found and not
                            found.from_context else (start, start)) or text[start:end][:90]
        if found is not None:
            date, end_date = found.start, found.end
        elif published is not None and published.latest is not None:
            date = UncertainDate(f"[..{published.edtf}]", "",
                                 "no date in the passage or its sentence: on or before the "
                                 f"source's date, {day_text(published.latest - 1)}")
            end_date = None
        else:
            date, end_date = self._default_date("no date found in the passage: set it"), None
        return Event(new_event_id(self.timeline, title), title, date, end_date,
                     citations=(citation_for_span(source_id, text, start, end),))

    def new_event_from_selection(self) -> bool:
        """Ctrl+E: a dialog prefilled from the selected passage, with a suggested date."""
        event = self.event_from_selection()
        if event is None:
            QMessageBox.information(self.window, "New event from selection",
                                    "Select the passage in the source text first: the new "
                                    "event will cite exactly the selected words.")
            return False
        reasoning = event.start.reasoning or "No date phrase found in the passage."
        dialog = EventDialog(self.timeline, event, f"Suggested date: {reasoning}", self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.add_events([dialog.result_event()], "New event from passage")
        return True

    def _default_date(self, reasoning: str = "") -> UncertainDate:
        """The year in the middle of the canvas: where a new event is most likely wanted."""
        viewport = self.canvas.viewport
        year = cal.from_instant(viewport.time_at(viewport.width / 2)).year
        return UncertainDate(format_date(min(max(year, -9999), 9999)), "", reasoning)

    def new_event(self) -> bool:
        """A new event without a passage (it can be cited later)."""
        event = Event(new_event_id(self.timeline, "New event"), "New event",
                      self._default_date())
        dialog = EventDialog(self.timeline, event, "A new event", self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.add_events([dialog.result_event()], "New event")
        return True

    def suggest(self) -> bool:
        """Scan the shown source for dates and review the candidates."""
        source = self.timeline.source(self.source_viewer.source_id)
        if source is None:
            QMessageBox.information(self.window, "Suggest events",
                                    "Add a source first (File → Add Source).")
            return False
        candidates = suggest_events(source, [e.id for e in self.timeline.events])
        dialog = SuggestDialog(self.timeline, candidates, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        accepted = dialog.accepted_events()
        if accepted:
            self.add_events(accepted, f"Add {len(accepted)} suggested event"
                            f"{'s' if len(accepted) != 1 else ''}")
        return bool(accepted)

    def add_events(self, events: list[Event], description: str) -> None:
        """Add events (ids made unique) as one undoable step, and select them."""
        taken = {e.id for e in self.timeline.events}
        unique = []
        for event in events:
            if event.id in taken:
                event = replace(event, id=new_event_id(self.timeline, event.title + " 2"))
            taken.add(event.id)
            unique.append(event)
        self.document.apply(self.timeline.adding(*unique), description)
        self.selection.set([e.id for e in unique], unique[0].id)

    # -- editing -----------------------------------------------------------------------

    def replace_event(self, event: Event, description: str) -> None:
        """Apply an edited event (from the inspector)."""
        self.document.apply(self.timeline.replacing(event), description)

    def delete_selected(self) -> None:
        """Delete the selected events (Delete key); undo brings them back."""
        ids = sorted(self.selection.ids)
        if ids:
            self.document.apply(self.timeline.removing(ids),
                                f"Delete {len(ids)} event{'s' if len(ids) != 1 else ''}")
            self.status.emit(f"Deleted {len(ids)} event{'s' if len(ids) != 1 else ''} "
                             "(Undo brings them back)")

    def duplicate_selected(self) -> None:
        """Duplicate the selected events and select the copies."""
        ids = sorted(self.selection.ids)
        if ids:
            timeline, copies = duplicate_events(self.timeline, ids)
            self.document.apply(timeline, f"Duplicate {len(ids)} event"
                                f"{'s' if len(ids) != 1 else ''}")
            self.selection.set(copies, copies[0])

    def set_category(self, category: str) -> None:
        """Move the selected events to a category."""
        ids = sorted(self.selection.ids)
        if ids:
            name = self.timeline.category(category)
            self.document.apply(recategorise(self.timeline, ids, category),
                                f"Move to {name.name if name else 'no category'}")

    def category_menu(self, parent: QWidget) -> QMenu:
        """A menu of categories for the selection."""
        menu = QMenu("Change &Category", parent)
        for category in self.timeline.categories:
            action = QAction(category.name, menu)
            action.triggered.connect(lambda _=False, c=category.id: self.set_category(c))
            menu.addAction(action)
        menu.setEnabled(bool(self.selection.ids) and bool(self.timeline.categories))
        return menu

    # -- dragging on the canvas ------------------------------------------------------------

    def _dragged(self, event_id: str, part: str, seconds: int) -> Event:
        event = self.timeline.event(event_id)
        if event is None:
            raise EditError("that event no longer exists")
        return move_event(event, seconds) if part == "move" else move_end(event, part, seconds)

    def preview_drag(self, event_id: str, part: str, seconds: int) -> tuple[int, int, str] | None:
        """Where a drag would put the event, snapped to whole units, and its new date."""
        try:
            moved = self._dragged(event_id, part, seconds)
        except EditError as error:
            return None if not str(error) else self._unmoved(event_id, str(error))
        start, end = self.timeline.event_window(moved)
        if start is None or end is None:
            return None
        return start, end, event_window_text(moved, self.timeline.ongoing_until(moved))

    def _unmoved(self, event_id: str, reason: str) -> tuple[int, int, str] | None:
        event = self.timeline.event(event_id)
        if event is None:
            return None
        start, end = self.timeline.event_window(event)
        return None if start is None or end is None else (start, end, reason)

    def drag(self, event_id: str, part: str, seconds: int) -> None:
        """Apply a drag: the event keeps its precision (a year moves by whole years)."""
        try:
            moved = self._dragged(event_id, part, seconds)
        except EditError as error:
            self.status.emit(f"Not moved: {error}")
            return
        event = self.timeline.event(event_id)
        if event is not None and moved != event:
            what = "Move" if part == "move" else f"Move {part} of"
            self.document.apply(self.timeline.replacing(moved), f"{what} “{event.title}”")
            self.status.emit(f"Moved to {date_text(moved.start)}")

    def context_menu(self, event_id: str, position: QPoint, actions: list[QAction | None]) -> None:
        """The canvas's context menu."""
        menu = QMenu(self.window)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.addMenu(self.category_menu(menu))
        menu.popup(position)
