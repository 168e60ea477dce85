"""The research workspace's logic: one place where document, filters, search and selection meet.

Views never talk to each other. When the document, the filters or the search change,
:class:`Workspace` recomputes what each view shows; when the shared selection
changes, each view follows it by itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication

from timeline_app.core.anchoring import citation_for_span
from timeline_app.core.citation_export import citation_text, web_annotation
from timeline_app.core.filters import Chip, FilterState, apply_filters
from timeline_app.core.model import Timeline
from timeline_app.core.scene import Scene
from timeline_app.core.search import EMPTY, Match, SearchResult, search
from timeline_app.ui.document import Document
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.filter_panel import ChipsBar, FilterPanel
from timeline_app.ui.inspector import Inspector
from timeline_app.ui.orphans import OrphanPanel
from timeline_app.ui.search_bar import SearchBar
from timeline_app.ui.selection import Selection
from timeline_app.ui.source_viewer import SourceViewer
from timeline_app.view.canvas import ChronologyCanvas
from timeline_app.view.legend import LegendWidget
from timeline_app.view.overview import Overview

JSON_LD = "application/ld+json"


@dataclass
class Views:
    """The widgets the workspace keeps in step."""

    canvas: ChronologyCanvas
    overview: Overview
    legend: LegendWidget
    table: EventTable
    source: SourceViewer
    inspector: Inspector
    filters: FilterPanel
    chips: ChipsBar
    search: SearchBar
    orphans: OrphanPanel


class Workspace(QObject):
    """Keeps every view showing the same events, matches and selection."""

    def __init__(self, document: Document, selection: Selection, views: Views,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.views = views
        self.filter_state = FilterState()
        self.result: SearchResult = EMPTY
        self.match_index = -1
        self.shown_ids: Sequence[str] = []
        #: A scene laid out off the GUI thread for a timeline about to be shown.
        self._prepared: tuple[Timeline, Scene] | None = None
        document.changed.connect(self._on_document)
        selection.changed.connect(self._on_selection)
        views.filters.stateChanged.connect(self.set_filters)
        views.chips.removed.connect(self._remove_chip)
        views.chips.clearAll.connect(lambda: views.filters.set_state(FilterState(), emit=True))
        views.source.passageClicked.connect(self.selection.select)
        views.table.activatedEvent.connect(lambda i: views.canvas.zoom_to_event(i))
        views.search.queryChanged.connect(self.run_search)
        views.search.stepped.connect(self.step)
        views.search.closed.connect(lambda: self.run_search(""))
        views.orphans.chosen.connect(self.selection.select)
        views.orphans.relinkRequested.connect(self.relink)
        self._on_document(document.timeline)

    # -- what is shown ------------------------------------------------------------------

    def _on_document(self, timeline: Timeline) -> None:
        views = self.views
        views.filters.set_timeline(timeline)
        views.source.set_timeline(timeline, self.document.anchors)
        views.orphans.set_orphans(timeline, self.document.anchors)
        self._show_filtered()
        self._on_selection(self.selection.ids, self.selection.current)

    def set_filters(self, state: FilterState) -> None:
        """Apply new filters to the canvas, the overview and the table alike."""
        self.filter_state = state
        self._show_filtered()

    def _remove_chip(self, chip: Chip) -> None:
        self.views.filters.set_state(self.filter_state.without(chip), emit=True)

    def prepare_scene(self, timeline: Timeline, scene: Scene) -> None:
        """Use ``scene`` (laid out off the GUI thread) when ``timeline`` is shown unfiltered."""
        self._prepared = (timeline, scene)

    def _show_filtered(self) -> None:
        timeline = self.document.timeline
        events = apply_filters(timeline, self.filter_state)
        views = self.views
        prepared = self._prepared
        if prepared is not None and prepared[0] is timeline and not self.filter_state.active:
            views.canvas.set_scene(timeline, prepared[1])
        else:
            views.canvas.set_timeline(timeline, events)
        columns = views.canvas.columns
        # The columns' ids: for a large store a view of its blob, never a list of strings.
        self.shown_ids = columns.ids
        views.overview.set_gutter(views.canvas.plot_left)
        views.overview.set_scene(views.canvas.scene, views.canvas.data_extent())
        views.legend.set_lanes(columns.lanes)
        views.table.set_data(timeline, columns)
        views.chips.show_chips(self.filter_state, timeline, len(events), len(timeline.events))
        shown = columns.row_of_id
        self.selection.retain([i for i in (*self.selection.ids, self.selection.current)
                               if i and i in shown])
        self.run_search(views.search.field.text() if views.search.isVisible() else "")

    def shown_timeline(self) -> Timeline:
        """The timeline with only the events the filters let through (for exports)."""
        timeline = self.document.timeline
        if not self.filter_state.active:
            return timeline
        return timeline.with_events(tuple(apply_filters(timeline, self.filter_state)))

    def _on_selection(self, ids: frozenset[str], current: str) -> None:
        timeline = self.document.timeline
        event = timeline.event(current) if current else None
        self.views.inspector.show_event(timeline, event, self.document.anchors)
        self.views.source.show_selection(ids, current)

    # -- search ----------------------------------------------------------------------

    def run_search(self, query: str) -> None:
        """Search what is shown; dim the rest on the canvas and in the table."""
        timeline = self.document.timeline
        self.result = search(timeline, query, self.shown_ids) if query.strip() else EMPTY
        self.match_index = -1
        active = bool(query.strip())
        self.views.canvas.set_emphasis(self.result.event_ids if active else None)
        self.views.table.table_model.set_matches(self.result.event_ids if active else None)
        self.views.source.set_search_hits(self.result.text_hits)
        self.views.search.show_position(-1, len(self.result))

    def step(self, direction: int) -> None:
        """Go to the next (+1) or previous (−1) match, wrapping around."""
        total = len(self.result)
        if not total:
            return
        if self.match_index < 0:
            self.match_index = 0 if direction > 0 else total - 1
        else:
            self.match_index = (self.match_index + direction) % total
        self._go_to(self.result.matches[self.match_index])
        self.views.search.show_position(self.match_index, total)

    def _go_to(self, match: Match) -> None:
        if match.event_id:
            self.selection.select(match.event_id)
            self.views.canvas.bring_into_view(match.event_id)
        elif match.hit is not None:
            self.views.source.set_search_hits(self.result.text_hits, match.hit)

    # -- citations -------------------------------------------------------------------

    def copy_citation(self) -> bool:
        """Put the current event's citation on the clipboard as text and as JSON-LD."""
        timeline = self.document.timeline
        event = timeline.event(self.selection.current)
        if event is None:
            return False
        data = QMimeData()
        data.setText(citation_text(timeline, event))
        data.setData(JSON_LD, json.dumps(web_annotation(timeline, event), ensure_ascii=False,
                                         indent=2).encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(data)
        return True

    def relink(self, event_id: str, index: int) -> str:
        """Point an orphan citation at the text selected in the source viewer (undoable).

        Returns "" on success, or why it could not be done.
        """
        span = self.views.source.selected_span()
        timeline = self.document.timeline
        event = timeline.event(event_id)
        if span is None:
            return "Select the passage in the source viewer first."
        if event is None or index >= len(event.citations):
            return "That citation no longer exists."
        source_id, start, end = span
        source = timeline.source(source_id)
        if source is None:
            return "The selected text's source no longer exists."
        old = event.citations[index]
        new = citation_for_span(source_id, source.text, start, end, old.note)
        citations = (*event.citations[:index], new, *event.citations[index + 1:])
        self.document.apply(timeline.replacing(replace(event, citations=citations)),
                            "Re-link citation")
        self.selection.select(event_id)
        return ""
