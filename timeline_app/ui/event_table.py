"""The event table: the canvas's accessible twin, one row per (filtered) event.

The model reads the same columnar arrays the canvas draws, so sorting a large
timeline is a numpy argsort, and cell text is only computed for the rows on screen.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline_app.core.columns import MAX_DRAWN_TITLE, EventColumns, build_columns, drawn_title
from timeline_app.core.describe import date_text
from timeline_app.core.model import Event, Timeline, window_in_iso
from timeline_app.core.search import _plain_ascii
from timeline_app.ui.selection import Selection
from timeline_app.ui.text import plain_tooltip

COLUMNS = ("Title", "Date as written", "Earliest", "Latest", "Precision", "Category", "Source")
TITLE, WRITTEN, EARLIEST, LATEST, PRECISION, CATEGORY, SOURCE = range(len(COLUMNS))
Index = QModelIndex | QPersistentModelIndex
#: Characters of a title shown in its tooltip.
MAX_TOOLTIP = 1000


class EventTableModel(QAbstractTableModel):
    """Rows are events of the given columns, in a sortable order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline = Timeline("")
        self._columns = build_columns(self._timeline)
        #: The position (in the columns) shown in each row; None: time order, row = position.
        self._order: npt.NDArray[np.integer[Any]] | None = None
        self._count = 0
        self._row_of: npt.NDArray[np.integer[Any]] | None = None
        self._matches: AbstractSet[str] | None = None
        self._recent: dict[int, Event | None] = {}  # events of rows lately drawn

    def set_data(self, timeline: Timeline, columns: EventColumns) -> None:
        """Show these events (the canvas's columns), in time order."""
        self.beginResetModel()
        self._timeline = timeline
        self._columns = columns
        self._recent = {}
        self._set_order(None)
        self.endResetModel()

    def set_matches(self, event_ids: AbstractSet[str] | None) -> None:
        """Emphasise search matches (None: no search)."""
        self._matches = event_ids
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1,
                                                               len(COLUMNS) - 1))

    def _set_order(self, order: npt.NDArray[np.integer[Any]] | None) -> None:
        # Four bytes a row once sorted, none in time order; the reverse map is made
        # when first needed.
        self._count = len(self._columns.ids)
        if order is not None and len(order) and int(order[0]) == 0 and \
                bool((np.diff(order) == 1).all()):
            order = None  # sorted by date: the time order the columns already have
        self._order = None if order is None else np.asarray(
            order, np.int32 if len(order) < 2**31 else np.int64)
        self._row_of = None

    def _position(self, row: int) -> int:
        return row if self._order is None else int(self._order[row])

    def _row(self, position: int) -> int:
        if self._order is None:
            return position
        if self._row_of is None:
            row_of = np.empty(len(self._order), self._order.dtype)
            row_of[self._order] = np.arange(len(self._order), dtype=self._order.dtype)
            self._row_of = row_of
        return int(self._row_of[position])

    def event_id(self, row: int) -> str:
        """The id of the event shown in ``row``."""
        return self._columns.ids[self._position(row)]

    def row_of(self, event_id: str) -> int:
        """The row showing ``event_id``, or −1."""
        position = self._columns.row_of_id.get(event_id)
        return -1 if position is None else self._row(position)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _event(self, row: int) -> Event | None:
        # Each visible cell asks for its row's event several times (text, tooltip,
        # colours...): a large store materialises it once.
        position = self._position(row)
        if position not in self._recent:
            if len(self._recent) > 512:
                self._recent.clear()
            self._recent[position] = self._timeline.event(self._columns.ids[position])
        return self._recent[position]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        event = self._event(index.row())
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(event, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TITLE:
            shown = event.title[:MAX_TOOLTIP] + ("…" if len(event.title) > MAX_TOOLTIP else "")
            return plain_tooltip(shown)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.spoken(event)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == CATEGORY:
            category = self._timeline.category(event.category)
            return QColor(category.color) if category else None
        if role == Qt.ItemDataRole.BackgroundRole and self._matches is not None and \
                event.id in self._matches:
            return QBrush(QColor(255, 230, 0, 90))
        if role == Qt.ItemDataRole.ForegroundRole and self._matches is not None and \
                event.id not in self._matches:
            return QBrush(QColor(128, 128, 128))
        return None

    def _cell(self, event: Event, column: int) -> str:
        if column == TITLE:
            return drawn_title(event.title)  # a 10 MB title must not stall the table
        if column == WRITTEN:
            return event.start.as_written or date_text(event.start)
        if column in (EARLIEST, LATEST):
            first, last = window_in_iso(self._timeline.event_window(event))
            value = first if column == EARLIEST else last
            return value or "open"
        if column == PRECISION:
            return event.start.precision.label + (" (within a window)" if event.start.one_of
                                                  else "")
        if column == CATEGORY:
            category = self._timeline.category(event.category)
            return category.name if category else event.category
        source = self._timeline.source(event.citations[0].source_id) if event.citations else None
        return source.title if source else ""

    def spoken(self, event: Event) -> str:
        """What a screen reader announces: title, date as written and source."""
        written = event.start.as_written or date_text(event.start)
        source = self._timeline.source(event.citations[0].source_id) if event.citations else None
        where = f"; source: {source.title}" if source else "; no cited source"
        return f"{event.title}; date as written: {written}{where}"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        c = self._columns
        if column == EARLIEST:
            keys = np.lexsort((c.latest, c.earliest))
        elif column == LATEST:
            keys = np.lexsort((c.earliest, c.latest))
        elif column == CATEGORY:
            keys = np.lexsort((c.earliest, c.lane))
        elif column == TITLE:
            fast = title_order(c)
            keys = fast if fast is not None else np.asarray(
                sorted(range(len(c.ids)), key=lambda i: c.titles[i].casefold()), np.int64)
        else:
            texts = [self._cell_for(i, column) for i in range(len(c.ids))]
            keys = np.asarray(sorted(range(len(texts)), key=lambda i: texts[i].casefold()),
                              np.int64)
        if order == Qt.SortOrder.DescendingOrder:
            keys = keys[::-1]
        self.layoutAboutToBeChanged.emit()
        self._set_order(np.asarray(keys))
        self.layoutChanged.emit()

    def _cell_for(self, position: int, column: int) -> str:
        event = self._timeline.event(self._columns.ids[position])
        return self._cell(event, column) if event else ""


class EventTable(QTableView):
    """The table view, kept in step with the shared selection."""

    #: Enter on a row: go to that event.
    activatedEvent = Signal(str)

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.table_model = EventTableModel(self)
        self.setModel(self.table_model)
        self.setAccessibleName("Events")
        self.setAccessibleDescription("One row per event, in time order; sortable by column.")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(EARLIEST, Qt.SortOrder.AscendingOrder)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(TITLE, 380)
        header.resizeSection(WRITTEN, 170)
        self._syncing = False
        self.selectionModel().selectionChanged.connect(self._on_table_selection)
        selection.changed.connect(self._on_shared_selection)
        self.doubleClicked.connect(lambda index: self.activatedEvent.emit(
            self.table_model.event_id(index.row())))

    def set_data(self, timeline: Timeline, columns: EventColumns) -> None:
        """Show these events, keeping the current sort and the shared selection."""
        header = self.horizontalHeader()
        self.table_model.set_data(timeline, columns)
        self.table_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._on_shared_selection(self.selection.ids, self.selection.current)

    def _on_table_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing:
            return
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        ids = [self.table_model.event_id(r) for r in rows]
        current_index = self.selectionModel().currentIndex()
        current = self.table_model.event_id(current_index.row()) if current_index.isValid() \
            and current_index.row() in rows else (ids[0] if ids else "")
        self.selection.set(ids, current)

    def _on_shared_selection(self, ids: frozenset[str], current: str) -> None:
        model = self.selectionModel()
        self._syncing = True
        try:
            chosen = QItemSelection()
            for event_id in ids:
                row = self.table_model.row_of(event_id)
                if row >= 0:
                    chosen.select(self.table_model.index(row, 0),
                                  self.table_model.index(row, len(COLUMNS) - 1))
            model.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            row = self.table_model.row_of(current) if current else -1
            if row >= 0:
                index = self.table_model.index(row, 0)
                model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.currentIndex().isValid():
            self.activatedEvent.emit(self.table_model.event_id(self.currentIndex().row()))
            return
        super().keyPressEvent(event)


#: Bytes of each title compared at C speed when sorting a large table by title.
_TITLE_KEY = 48


def title_order(c: EventColumns) -> npt.NDArray[np.int64] | None:
    """The positions of a large store's columns sorted by title, case-insensitively.

    Plain ASCII titles are compared as fixed-width lower-cased byte keys with numpy
    (ties beyond the key's length are settled by the whole titles); None when the
    titles are not plain (the caller sorts them one by one, as for small tables).
    """
    store = c.store
    if store is None or len(c) < 20_000:
        return None
    titles = store.titles
    lengths = np.diff(titles.offsets)
    if not _plain_ascii(titles) or (len(lengths) and int(lengths.max()) > MAX_DRAWN_TITLE):
        return None
    raw = np.frombuffer(titles.blob.lower(), np.uint8)
    starts = titles.offsets[:-1]
    keys = np.zeros((len(lengths), _TITLE_KEY), np.uint8)
    for j in range(_TITLE_KEY):
        longer = np.flatnonzero(lengths > j)
        if not len(longer):
            break
        keys[longer, j] = raw[starts[longer] + j]
    stored_keys = keys.view(f"S{_TITLE_KEY}").ravel()
    rows = np.arange(len(store), dtype=np.int64) if c.store_rows is None else c.store_rows
    stored = rows if titles.perm is None else titles.perm[rows].astype(np.int64)
    position_keys = stored_keys[stored]
    order = np.argsort(position_keys, kind="stable").astype(np.int64)
    # Equal keys whose titles run longer than the key: sort those runs by whole title.
    ordered_keys = position_keys[order]
    long_title = lengths[stored[order]] > _TITLE_KEY
    same = np.flatnonzero((ordered_keys[1:] == ordered_keys[:-1]) & long_title[1:])
    if len(same):
        starts_of_runs = np.flatnonzero(np.diff(np.concatenate(([-2], same))) != 1)
        for first in same[starts_of_runs].tolist():
            last = first + 1
            while last + 1 < len(order) and ordered_keys[last + 1] == ordered_keys[first]:
                last += 1
            run = order[first:last + 1]
            order[first:last + 1] = sorted(run.tolist(),
                                           key=lambda i: c.titles[i].casefold())
    return order
