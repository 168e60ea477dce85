"""The one object that owns the open timeline, its file and its undo stack.

Every change is a new immutable :class:`Timeline` pushed through :meth:`Document.apply`,
so undo and redo simply swap values. Views observe :attr:`Document.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from timeline_app.core.anchoring import CitationReport, anchor_timeline
from timeline_app.core.model import AnchorStatus, Timeline
from timeline_app.core.problems import Problem
from timeline_app.io.opening import Opened

#: Undo steps kept; the authoring issue asks for at least 1,000.
UNDO_LIMIT = 5_000


class _ReplaceTimeline(QUndoCommand):
    """An edit: the timeline before and after, swapped by undo and redo."""

    def __init__(self, document: Document, before: Timeline, after: Timeline, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._set_timeline(self._after)

    def undo(self) -> None:
        self._document._set_timeline(self._before)


class Document(QObject):
    """The current timeline, where it came from, and its edit history."""

    #: Emitted with the new timeline after every change (edit, undo, redo, reload).
    changed = Signal(object)
    #: Emitted when the file path or format changes (open, save as).
    fileChanged = Signal(str)

    def __init__(self, opened: Opened | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._timeline = Timeline(title="Untitled chronology")
        self._anchors: tuple[CitationReport, ...] = ()
        self._path = ""
        self._format = "native"
        self._problems: tuple[Problem, ...] = ()
        if opened is not None:
            self.load(opened)

    # -- reading ---------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        """The current timeline value."""
        return self._timeline

    @property
    def path(self) -> str:
        """The file the timeline was opened from or saved to; empty for a new one."""
        return self._path

    @property
    def format(self) -> str:
        """The format name of the file it was opened from ("native", "timelinejs", ...)."""
        return self._format

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Warnings found when the file was read."""
        return self._problems

    @property
    def anchors(self) -> tuple[CitationReport, ...]:
        """How each citation was found in its source, recomputed after every change."""
        return self._anchors

    def anchor_status(self, event_id: str, index: int) -> AnchorStatus | None:
        """The anchoring status of one citation."""
        for report in self._anchors:
            if report.event_id == event_id and report.index == index:
                return report.anchor.status
        return None

    def orphans(self) -> list[CitationReport]:
        """Citations whose passage could not be found again."""
        return [r for r in self._anchors if r.anchor.status is AnchorStatus.ORPHAN]

    def is_modified(self) -> bool:
        """Whether there are changes since the last open or save."""
        return not self.undo_stack.isClean()

    # -- changing --------------------------------------------------------------------

    def load(self, opened: Opened) -> None:
        """Replace everything with a freshly opened file (not undoable)."""
        self.undo_stack.clear()
        self._path = opened.path
        self._format = opened.format
        self._problems = opened.problems
        self._timeline = opened.timeline
        self._anchors = opened.anchors
        self.fileChanged.emit(self._path)
        self.changed.emit(self._timeline)

    def apply(self, timeline: Timeline, description: str) -> None:
        """Make ``timeline`` current as one undoable step named ``description``."""
        if timeline == self._timeline:
            return
        self.undo_stack.push(_ReplaceTimeline(self, self._timeline, timeline, description))

    def mark_saved(self, path: str) -> None:
        """Record that the timeline now lives, unmodified, in ``path`` (native format)."""
        self._format = "native"
        if path != self._path:
            self._path = path
            self.fileChanged.emit(path)
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """Mark the document as differing from its file (e.g. the file changed on disk)."""
        self.undo_stack.resetClean()

    def _set_timeline(self, timeline: Timeline) -> None:
        self._timeline, self._anchors = anchor_timeline(timeline)
        self.changed.emit(self._timeline)
