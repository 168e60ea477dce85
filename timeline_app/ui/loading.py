"""Opening large files off the GUI thread, with progress, Cancel and an early overview.

Reading a million events takes seconds; :class:`FileLoader` reads the file, builds
the drawing columns and lays out the scene in a worker thread, and reports on the
GUI thread through signals: progress, the columns as soon as they exist (the
overview then shows the density while the layout goes on), the result, or the
error. :func:`open_in_background` wires one to a main window with a progress dialog
whose Cancel abandons the load (the open document is left as it was).

Small files are still opened directly: :func:`loads_in_background` says which.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

# numpy imports its masked arrays on a first np.unique. Imported now, their thousands of
# long-lived objects are not made among a large file's temporaries, where they would
# keep the interpreter's memory arenas from going back to the system.
import numpy.ma  # noqa: F401
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from timeline_app.core.columns import EventColumns, build_columns
from timeline_app.core.event_store import EventStore
from timeline_app.core.problems import LoadError, Problem
from timeline_app.core.scene import Scene, density_scene
from timeline_app.io.fast_native import reporting_progress
from timeline_app.io.opening import Opened, open_timeline
from timeline_app.ui.memory import release_after_load

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow

#: Files at least this large are looked at; those that hold many events open in the
#: background (a few events with a huge title still open directly).
BACKGROUND_BYTES = 4_000_000
#: Estimated events from which a file opens in the background.
BACKGROUND_EVENTS = 20_000
_HEAD = 4 * 1024 * 1024


def loads_in_background(path: str) -> bool:
    """Whether a file holds enough events to be opened off the GUI thread.

    Estimated from its first megabytes: event starts in JSON, lines otherwise.
    """
    try:
        size = os.path.getsize(path)
        if size < BACKGROUND_BYTES:
            return False
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False  # the ordinary path reports the error
    if not head:
        return False
    json_like = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
    found = head.count(b'"start') if json_like else head.count(b"\n")
    return found * (size / len(head)) >= BACKGROUND_EVENTS


class Cancelled(Exception):
    """The user cancelled the load."""


class FileLoader(QObject):
    """Reads a file and lays it out in a worker thread; signals arrive on the GUI thread."""

    #: Percent done (0–100) and what is being done.
    progressed = Signal(int, str)
    #: The opened timeline and its drawing columns, before the layout (for the overview).
    columnsReady = Signal(object, object)
    #: The opened file and its laid-out scene.
    loaded = Signal(object, object)
    #: A :class:`LoadError`.
    failed = Signal(object)
    #: Emitted once a cancelled load has stopped.
    cancelled = Signal()

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin reading in a worker thread."""
        self._thread = threading.Thread(target=self._run, name="timeline-load", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Abandon the load: nothing more is reported but :attr:`cancelled`."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker has finished (for tests and shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def _progress(self, percent: int, text: str) -> None:
        self._check()
        self.progressed.emit(percent, text)

    def _run(self) -> None:
        name = os.path.basename(self.path)
        try:
            self._progress(2, f"Reading {name}…")
            with reporting_progress(lambda done: self._progress(5 + int(done * 60),
                                                                f"Reading {name}…")):
                opened = open_timeline(self.path)
            self._progress(70, "Preparing the events…")
            columns = build_columns(opened.timeline)
            self._check()
            self.columnsReady.emit(opened, columns)
            self._progress(80, "Laying out the lanes…")
            scene = Scene.build(columns)
            self._progress(95, "Indexing…")
            warm_up(opened.timeline.events)
            self._check()
            self.progressed.emit(100, "Done")
            self.loaded.emit(opened, scene)
        except Cancelled:
            self.cancelled.emit()
        except LoadError as error:
            if not self._cancel.is_set():
                self.failed.emit(error)
            else:
                self.cancelled.emit()
        except (OSError, MemoryError, ValueError) as error:
            if not self._cancel.is_set():
                self.failed.emit(LoadError(self.path, [Problem("file", f"could not be read: "
                                                                       f"{error}")]))
            else:
                self.cancelled.emit()


def warm_up(events: Any) -> None:
    """Build a large store's look-up indexes now, off the GUI thread (ids; folded titles)."""
    if isinstance(events, EventStore):
        events.index_of("")
        from timeline_app.core.search import title_rows

        title_rows(events.titles, " ")  # folds titles that are not plain ASCII, once


def open_in_background(window: MainWindow, path: str) -> bool:
    """Open ``path`` in ``window`` off the GUI thread, with a progress dialog and Cancel.

    Returns False when the user chose not to discard unsaved changes. The document is
    replaced only when the load succeeds; an error is shown as for any file.
    """
    if not window.files.maybe_save():
        return False
    loader = FileLoader(path, window)
    dialog = QProgressDialog(f"Opening {os.path.basename(path)}…", "Cancel", 0, 100, window)
    dialog.setWindowTitle("Opening")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    window.setProperty("_loading", True)

    def progressed(percent: int, text: str) -> None:
        if not loader.is_cancelled:
            dialog.setLabelText(text)
            dialog.setValue(percent)

    def columns_ready(opened: Opened, columns: EventColumns) -> None:
        if loader.is_cancelled:
            return
        # The overview shows where the events are while the lanes are laid out.
        overview = window.overview
        overview.set_scene(density_scene(columns), columns.extent)

    def finished() -> None:
        dialog.canceled.disconnect(loader.cancel)  # closing a progress dialog cancels
        dialog.hide()
        dialog.deleteLater()
        loader.deleteLater()
        window.setProperty("_loading", False)

    def loaded(opened: Opened, scene: Scene) -> None:
        finished()
        if loader.is_cancelled:
            return
        window.workspace.prepare_scene(opened.timeline, scene)
        window.files.adopt(opened)
        window.canvas.fit_all(animate=False)
        release_after_load()

    def failed(error: LoadError) -> None:
        finished()
        window.show_load_error(error)

    def cancelled() -> None:
        finished()
        # The overview goes back to what the open document shows.
        window.overview.set_scene(window.canvas.scene, window.canvas.data_extent())

    loader.progressed.connect(progressed)
    loader.columnsReady.connect(columns_ready)
    loader.loaded.connect(loaded)
    loader.failed.connect(failed)
    loader.cancelled.connect(cancelled)
    dialog.canceled.connect(loader.cancel)
    window._file_loader = loader  # type: ignore[attr-defined]  # kept alive, found by tests
    loader.start()
    return True


def current_loader(window: QWidget) -> FileLoader | None:
    """The load under way in a window, if any."""
    loader = getattr(window, "_file_loader", None)
    return loader if isinstance(loader, FileLoader) else None
