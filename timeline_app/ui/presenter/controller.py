"""Presenting from the main window: the Present action (F5), the Tours panel, and tour handouts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox, QScrollArea

from timeline_app.core.filters import apply_filters
from timeline_app.core.model import Event, Tour
from timeline_app.core.tours import DEFAULT_TOUR, FilterSyntaxError, default_tour, playable_steps
from timeline_app.core.viewport import Viewport
from timeline_app.ui.presenter.tour_panel import TourPanel
from timeline_app.ui.presenter.tour_runner import PresenterSession

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


@dataclass(frozen=True)
class SavedView:
    """What the main window showed before presenting, put back exactly on leaving."""

    viewport: Viewport
    ids: frozenset[str]
    current: str


class Presenter(QObject):
    """Owns the presenting actions and the Tours dock of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: PresenterSession | None = None
        self._saved: SavedView | None = None
        self.present_action = QAction("&Present", window)
        self.present_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.present_action.setStatusTip("Present the chosen tour full screen (Esc leaves)")
        self.present_action.triggered.connect(lambda: self.present())
        self.present_here_action = QAction("Present from &Current Step", window)
        self.present_here_action.setShortcut(QKeySequence("Shift+F5"))
        self.present_here_action.triggered.connect(lambda: self.present(from_current=True))
        self.handout_action = QAction("Export Tour &Handout (PDF)…", window)
        self.handout_action.setStatusTip("One page per step: the chronology, the caption and "
                                         "the full citation")
        self.handout_action.triggered.connect(self.export_handout)
        for action in (self.present_action, self.present_here_action, self.handout_action):
            window.addAction(action)  # the keys work whichever panel has the focus
        self.panel = TourPanel(window.document, window.selection,
                               lambda: window.canvas.viewport,
                               lambda: window.workspace.filter_state)
        self.panel.presentRequested.connect(lambda: self.present(from_current=True))
        self.dock = QDockWidget("Tours", window)
        self.dock.setObjectName("toursDock")
        # Scrolled, like the other panels, so a small window is never forced to grow.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.panel)
        self.dock.setWidget(scroll)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.orphans_dock, self.dock)
        window.filters_dock.raise_()  # tabifying shows the new tab: keep Filters in front

    def shown_events(self) -> list[Event]:
        """The events the filter panel lets through: what the canvas shows, and presents."""
        window = self.window
        return apply_filters(window.document.timeline, window.workspace.filter_state)

    def chosen_tour(self) -> Tour:
        """The tour chosen in the Tours panel, or the default tour of the shown events."""
        timeline = self.window.document.timeline
        chosen = self.panel.current_tour()
        return chosen if chosen is not None else default_tour(timeline, self.shown_events())

    def present(self, from_current: bool = False) -> bool:
        """Open the presentation on the main window's screen; False if there is nothing to show."""
        window = self.window
        if self.session is not None:
            return False
        timeline = window.document.timeline
        tour = self.chosen_tour()
        steps = playable_steps(timeline, tour)
        if not steps:
            window.statusBar().showMessage("Nothing to present: the tour has no steps", 5000)
            return False
        start = self.panel.current_step() if from_current else 0
        try:
            session = PresenterSession(timeline, tour, self.shown_events(), max(start, 0))
        except FilterSyntaxError as error:
            QMessageBox.warning(window, "Cannot present", f"A step's filter: {error}")
            return False
        self._saved = SavedView(window.canvas.viewport, window.selection.ids,
                                window.selection.current)
        self.session = session
        session.finished.connect(self._restore)
        session.open(window.screen())
        return True

    def _restore(self) -> None:
        """Leaving: the main window shows exactly the view and selection it had."""
        window, saved = self.window, self._saved
        self.session = None
        if saved is None:
            return
        window.selection.set(saved.ids, saved.current)
        window.canvas.set_viewport(saved.viewport, animate=False)
        window.activateWindow()
        window.canvas.setFocus()

    def export_handout(self) -> None:
        """Ask where, then write the chosen tour as a PDF handout."""
        from timeline_app.ui.presenter.handout import write_handout

        window = self.window
        tour = self.chosen_tour()
        name = "handout" if tour.name == DEFAULT_TOUR else tour.name
        path, _ = QFileDialog.getSaveFileName(window, "Export tour handout",
                                              f"{name}.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            pages = write_handout(window.document.timeline, tour, self.shown_events(), path)
        except (OSError, FilterSyntaxError) as error:
            QMessageBox.warning(window, "Cannot export the handout", str(error))
            return
        window.statusBar().showMessage(f"Wrote {path} ({pages} pages)", 6000)
