"""The main window: canvas and overview, legend, menus, toolbar and status bar."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.describe import range_text
from timeline_app.core.filters import FilterState
from timeline_app.core.problems import LoadError
from timeline_app.core.viewport import Viewport
from timeline_app.ui.authoring import Authoring
from timeline_app.ui.document import Document
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.exporting import KINDS, Exporter
from timeline_app.ui.files import FileController
from timeline_app.ui.filter_panel import ChipsBar, FilterPanel
from timeline_app.ui.inspector import Inspector
from timeline_app.ui.loading import loads_in_background, open_in_background
from timeline_app.ui.orphans import OrphanPanel
from timeline_app.ui.presenter.controller import Presenter
from timeline_app.ui.search_bar import SearchBar
from timeline_app.ui.selection import Selection
from timeline_app.ui.source_viewer import SourceViewer
from timeline_app.ui.text import plain_tooltip
from timeline_app.ui.workspace import Views, Workspace
from timeline_app.view.canvas import ChronologyCanvas
from timeline_app.view.legend import LegendWidget
from timeline_app.view.overview import Overview

APP_NAME = "timeline_app"
#: Bumped when the docks change, so a layout saved by an older version is not restored.
LAYOUT_VERSION = 2
OPEN_FILTER = ("Timelines (*.json *.csv *.tsv *.timeline *.txt);;"
               "timeline_app chronology (*.chronology.json *.json);;All files (*)")


class MainWindow(QMainWindow):
    """One window showing one document."""

    def __init__(self, document: Document, selection: Selection | None = None,
                 remember_layout: bool = True) -> None:
        super().__init__()
        self._remember_layout = remember_layout
        self.setDockNestingEnabled(True)
        # The window owns its document: its signals must not outlive the window's views.
        document.setParent(self)
        self.document = document
        self.selection = selection or Selection(self)
        self.canvas = ChronologyCanvas(self.selection)
        self.overview = Overview()
        self.search_bar = SearchBar()
        self.chips = ChipsBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.chips)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.overview)
        self.setCentralWidget(central)
        self.legend = LegendWidget()
        self.inspector = Inspector()
        self.source_viewer = SourceViewer()
        self.table = EventTable(self.selection)
        self.filters = FilterPanel()
        self.orphans = OrphanPanel()
        self._build_docks()
        self.workspace = Workspace(document, self.selection, Views(
            self.canvas, self.overview, self.legend, self.table, self.source_viewer,
            self.inspector, self.filters, self.chips, self.search_bar, self.orphans), self)
        self.presenter = Presenter(self)  # F5, the Tours dock, tour handouts
        self.files = FileController(self, document)
        self.authoring = Authoring(self, document, self.selection, self.canvas,
                                   self.source_viewer)
        self.inspector.edited.connect(self.authoring.replace_event)
        self.exporter = Exporter(self, self.workspace.shown_timeline, self._view_window,
                                 self._file_name)
        self.exporter.status.connect(self._show_status)
        self.files.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.authoring.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.setAcceptDrops(True)
        self._range_label = QLabel()
        self._count_label = QLabel()
        self.statusBar().addPermanentWidget(self._count_label)
        self.statusBar().addWidget(self._range_label, 1)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.canvas.viewportChanged.connect(self._on_viewport)
        self.canvas.contextMenuRequested.connect(self._canvas_menu)
        self.source_viewer.view.extra_actions = [self.event_from_selection_action]
        self.overview.viewportRequested.connect(lambda v: self.canvas.set_viewport(v))
        self.overview.zoomRequested.connect(self._zoom_at_instant)
        document.changed.connect(self._update_title)
        document.fileChanged.connect(self._update_title)
        document.undo_stack.cleanChanged.connect(self._update_title)
        self.selection.changed.connect(self._update_actions)
        self.resize(1440, 900)
        self._update_title()
        self._on_viewport(self.canvas.viewport)
        self._restore_settings()

    def _build_docks(self) -> None:
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector, right,
                                         scroll=False)
        self.filters_dock = self._dock("Filters", "filtersDock", self.filters, right)
        self._legend_dock = self._dock("Legend", "legendDock", self.legend, right)
        self.orphans_dock = self._dock("Orphans", "orphansDock", self.orphans, right,
                                       scroll=False)
        self.history_view = QUndoView(self.document.undo_stack)
        self.history_view.setEmptyLabel("Opened")
        self.history_view.setAccessibleName("Undo history")
        self.history_dock = self._dock("History", "historyDock", self.history_view, right,
                                       scroll=False)
        self.tabifyDockWidget(self.filters_dock, self._legend_dock)
        self.tabifyDockWidget(self._legend_dock, self.orphans_dock)
        self.tabifyDockWidget(self.orphans_dock, self.history_dock)
        self.filters_dock.raise_()
        self.source_dock = self._dock("Source", "sourceDock", self.source_viewer, bottom,
                                      scroll=False)
        self.table_dock = self._dock("Events", "tableDock", self.table, bottom, scroll=False)
        self.splitDockWidget(self.source_dock, self.table_dock, Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock, self.filters_dock], [420, 330],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.source_dock], [260], Qt.Orientation.Vertical)

    # ----------------------------------------------------------------------------- building

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea,
              scroll: bool = True) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            area_widget = QScrollArea()
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QScrollArea.Shape.NoFrame)
            area_widget.setWidget(widget)
            dock.setWidget(area_widget)
        else:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "", canvas_only: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '')} — {tip}")
        action.triggered.connect(slot)
        if canvas_only:
            # Single keys must not steal typing from text fields: only on the canvas.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.canvas.addAction(action)
        return action

    def _build_actions(self) -> None:
        c = self.canvas
        files, authoring = self.files, self.authoring
        self.new_action = self._action("&New", files.new, QKeySequence.StandardKey.New,
                                       "Start an empty chronology")
        self.open_action = self._action("&Open…", self.open_file, QKeySequence.StandardKey.Open,
                                        "Open a timeline file")
        self.save_action = self._action("&Save", files.save, QKeySequence.StandardKey.Save,
                                        "Save the chronology")
        self.save_as_action = self._action("Save &As…", files.save_as,
                                           QKeySequence.StandardKey.SaveAs)
        self.add_source_file_action = self._action(
            "Add Source from &File…", authoring.add_source_from_file, None,
            "Import a .txt, .md or .html file as a source")
        self.add_source_text_action = self._action(
            "Add Source from &Text…", authoring.add_source_from_text, None,
            "Paste a source's text")
        self.new_event_action = self._action("New &Event…", authoring.new_event,
                                             "Ctrl+Shift+E", "A new event without a passage")
        self.event_from_selection_action = self._action(
            "New Event from &Selection…", authoring.new_event_from_selection, "Ctrl+E",
            "An event citing the passage selected in the source text")
        self.suggest_action = self._action(
            "Su&ggest Events…", authoring.suggest, None,
            "Find the dates in the shown source and review candidate events")
        self.duplicate_action = self._action("D&uplicate", authoring.duplicate_selected,
                                             "Ctrl+D", "Duplicate the selected events")
        self.delete_action = self._action("&Delete", authoring.delete_selected,
                                          QKeySequence.StandardKey.Delete,
                                          "Delete the selected events", canvas_only=True)
        self.table.addAction(self.delete_action)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.zoom_in_action = self._action("Zoom &In", lambda: c.zoom_by(1.5, animate=True),
                                           QKeySequence.StandardKey.ZoomIn, "Zoom in (also +)")
        self.zoom_out_action = self._action("Zoom &Out", lambda: c.zoom_by(1 / 1.5, animate=True),
                                            QKeySequence.StandardKey.ZoomOut, "Zoom out (also −)")
        self.fit_action = self._action("&Fit All", lambda: c.fit_all(), "F",
                                       "Show every event", canvas_only=True)
        self.zoom_selection_action = self._action("&Zoom to Selection", c.zoom_to_selection, "Z",
                                                  "Frame the selected events", canvas_only=True)
        self.back_action = self._action("&Back", c.back, QKeySequence.StandardKey.Back,
                                        "Previous view")
        self.forward_action = self._action("For&ward", c.forward, QKeySequence.StandardKey.Forward,
                                           "Next view")
        self.first_action = self._action("Go to F&irst Event", lambda: c.go_to_end(False), "Home",
                                         canvas_only=True)
        self.last_action = self._action("Go to &Last Event", lambda: c.go_to_end(True), "End",
                                        canvas_only=True)
        self.next_action = self._action("&Next Event", lambda: c.select_neighbour(1), "Tab",
                                        canvas_only=True)
        self.previous_action = self._action("&Previous Event", lambda: c.select_neighbour(-1),
                                            "Shift+Tab", canvas_only=True)
        self.collapse_action = self._action("&Collapse All Lanes",
                                            lambda: c.set_all_lanes_collapsed(True))
        self.expand_action = self._action("&Expand All Lanes",
                                          lambda: c.set_all_lanes_collapsed(False))
        self.find_action = self._action("&Find…", self.search_bar.open_bar,
                                        QKeySequence.StandardKey.Find,
                                        "Search titles, notes, passages and source text")
        self.find_next_action = self._action("Find &Next", lambda: self.workspace.step(1),
                                             QKeySequence.StandardKey.FindNext)
        self.find_previous_action = self._action("Find Pre&vious",
                                                 lambda: self.workspace.step(-1),
                                                 QKeySequence.StandardKey.FindPrevious)
        self.copy_citation_action = self._action(
            "&Copy Citation", self.copy_citation, "Ctrl+Shift+C",
            "Copy the selected event's citation as text and as a W3C Web Annotation")
        self.clear_filters_action = self._action(
            "C&lear Filters", lambda: self.filters.set_state(FilterState(), emit=True))
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self.show_shortcuts,
                                             QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action("&About timeline_app", self.show_about)
        self._update_actions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._fill_recent(self.files.recent_files())
        self.files.recentChanged.connect(self._fill_recent)
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.add_source_file_action)
        file_menu.addAction(self.add_source_text_action)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        self.export_actions: dict[str, QAction] = {}
        for kind, (text, _, _) in KINDS.items():
            action = QAction(text, self.export_menu)
            self.export_menu.addAction(action)
            action.triggered.connect(lambda _=False, k=kind: self.exporter.ask_and_export(k))
            self.export_actions[kind] = action
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.presenter.handout_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_event_action)
        edit_menu.addAction(self.event_from_selection_action)
        edit_menu.addAction(self.suggest_action)
        edit_menu.addAction(self.duplicate_action)
        edit_menu.addAction(self.delete_action)
        self.category_menu = edit_menu.addMenu("Change &Category")
        self.category_menu.aboutToShow.connect(self._fill_category_menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_citation_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_previous_action)
        edit_menu.addAction(self.clear_filters_action)
        view_menu = bar.addMenu("&View")
        for entry in (self.zoom_in_action, self.zoom_out_action, self.fit_action,
                      self.zoom_selection_action, None, self.back_action, self.forward_action,
                      None, self.first_action, self.last_action, self.next_action,
                      self.previous_action, None, self.collapse_action, self.expand_action, None):
            if entry is None:
                view_menu.addSeparator()
            else:
                view_menu.addAction(entry)
        view_menu.addAction(self.presenter.present_action)
        view_menu.addAction(self.presenter.present_here_action)
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu("&Panels")
        for dock in (self.inspector_dock, self.source_dock, self.table_dock, self.filters_dock,
                     self._legend_dock, self.orphans_dock, self.history_dock):
            self.panels_menu.addAction(dock.toggleViewAction())
        self.panels_menu.addAction(self.presenter.dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.open_action, self.save_action, None, self.back_action,
                       self.forward_action, None,
                       self.zoom_out_action, self.zoom_in_action, self.fit_action,
                       self.zoom_selection_action, None, self.find_action,
                       self.event_from_selection_action, self.copy_citation_action):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.addToolBar(toolbar)

    # ----------------------------------------------------------------------------- reacting

    def _update_title(self, *_: object) -> None:
        name = os.path.basename(self.document.path) if self.document.path else "Untitled"
        title = self.document.timeline.title or "Untitled chronology"
        self.setWindowTitle(f"{title} — {name}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def _on_viewport(self, viewport: Viewport) -> None:
        first = viewport.time_at(0)
        last = viewport.time_at(viewport.width)
        self._range_label.setText(f"Showing {range_text(first, last)}")
        visible = self.canvas.columns.index.count(viewport.start, viewport.end)
        total = len(self.canvas.columns)
        self._count_label.setText(f"{visible:,} of {total:,} events in view")
        self.overview.set_visible(viewport)
        self._update_actions()

    def _update_actions(self, *_: object) -> None:
        self.back_action.setEnabled(self.canvas.history.can_go_back())
        self.forward_action.setEnabled(self.canvas.history.can_go_forward())
        self.zoom_selection_action.setEnabled(bool(self.selection.ids))
        if hasattr(self, "copy_citation_action"):
            has = bool(self.selection.ids)
            self.copy_citation_action.setEnabled(bool(self.selection.current))
            for action in (self.duplicate_action, self.delete_action):
                action.setEnabled(has)

    def _zoom_at_instant(self, factor: float, instant: int) -> None:
        self.canvas.zoom_by(factor, self.canvas.viewport.x_of(instant))

    # ----------------------------------------------------------------------------- commands

    def open_file(self, path: str = "") -> bool:
        """Open a timeline file (asking for one when no path is given)."""
        path = path or self.files.ask_open_path()
        if not path:
            return False
        if loads_in_background(path):  # a large file: read off the GUI thread
            return open_in_background(self, path)
        if not self.files.open(path):
            return False
        self.canvas.fit_all(animate=False)
        return True

    def copy_citation(self) -> None:
        """Copy the selected event's citation (text and JSON-LD)."""
        if self.workspace.copy_citation():
            self.statusBar().showMessage("Citation copied as text and as a Web Annotation", 4000)

    def show_load_error(self, error: LoadError) -> None:
        """Tell the user why a file could not be opened; nothing open is touched."""
        self.files.load_error(error)

    def _view_window(self) -> tuple[int, int]:
        viewport = self.canvas.viewport
        return viewport.time_at(0), viewport.time_at(viewport.width)

    def _file_name(self) -> str:
        return self.document.path or "chronology"

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def _fill_recent(self, files: list[str]) -> None:
        self.recent_menu.clear()
        for path in files:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(plain_tooltip(path))
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(files))

    def _fill_category_menu(self) -> None:
        self.category_menu.clear()
        for action in self.authoring.category_menu(self).actions():
            self.category_menu.addAction(action)

    def _canvas_menu(self, event_id: str, position: QPoint) -> None:
        actions: list[QAction | None] = [self.event_from_selection_action, self.new_event_action]
        if event_id:
            actions = [self.zoom_selection_action, self.copy_citation_action, None,
                       self.duplicate_action, self.delete_action, None, *actions]
        self.authoring.context_menu(event_id, position, actions)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_file(paths[0])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.files.autosave()  # losing focus is a good moment to keep unsaved work
        super().changeEvent(event)

    def show_shortcuts(self) -> None:
        """List the canvas's keys."""
        QMessageBox.information(self, "Keyboard shortcuts", "\n".join((
            "Mouse wheel: zoom where the pointer is   ·   drag: pan",
            "Shift+drag: zoom to a range",
            "+ / −: zoom   ·   ← →: pan   ·   F: fit everything   ·   Z: zoom to the selection",
            "Home / End: first / last event   ·   Tab / Shift+Tab: next / previous event",
            "Alt+← / Alt+→: back / forward through views   ·   double-click: zoom in",
            "Click a lane's name to collapse or expand it.",
        )))

    def show_about(self) -> None:
        """The about box."""
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME}: evidence-linked chronologies.\n"
                          "Every event opens the passage it came from.")

    # ----------------------------------------------------------------------------- settings

    def _restore_settings(self) -> None:
        if not self._remember_layout:
            return
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        state = settings.value("mainWindow/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)  # an older layout is ignored

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.closing():
            event.ignore()
            return
        if self._remember_layout:
            settings = QSettings()
            settings.setValue("mainWindow/geometry", self.saveGeometry())
            settings.setValue("mainWindow/state", self.saveState(LAYOUT_VERSION))
        super().closeEvent(event)
