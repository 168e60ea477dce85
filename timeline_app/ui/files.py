"""Files: new, open, save, save as, recent files, autosave and recovery, outside changes.

Nothing is lost: saves are atomic; a failed save says why and leaves the document
marked unsaved; unsaved work is written aside every 30 seconds and whenever the window
loses focus; closing with unsaved changes asks first; a file changed on disk by
another program is noticed and the user decides.
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app.core.model import Timeline
from timeline_app.core.problems import LoadError, Severity
from timeline_app.core.validation import check_timeline
from timeline_app.io import native
from timeline_app.io.opening import Opened, open_timeline
from timeline_app.ui.document import Document
from timeline_app.ui.recovery import Recovery, RecoveryWriter, pending_recoveries

AUTOSAVE_MS = 30_000
#: Files up to this many events are checked for problems when they open.
CHECK_ON_OPEN_EVENTS = 20_000
#: Timelines at least this large are autosaved by a worker thread.
BACKGROUND_AUTOSAVE_EVENTS = 20_000
RECENT_LIMIT = 10
SAVE_FILTER = "timeline_app chronology (*.chronology.json)"
OPEN_FILTER = ("Timelines (*.json *.csv *.tsv *.timeline *.txt);;"
               "timeline_app chronology (*.chronology.json *.json);;All files (*)")


class FileController(QObject):
    """File commands for one window and its document."""

    recentChanged = Signal(list)
    #: A message for the status bar.
    status = Signal(str)

    def __init__(self, window: QWidget, document: Document) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.recovery = RecoveryWriter()
        self.recovery.set_path(document.path)
        self._timer = QTimer(self, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        self._timer.start()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_changed_on_disk)
        self._own_write = False
        self._asking = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._autosaving: Future[Path] | None = None
        document.fileChanged.connect(self._watch)
        self._watch(document.path)

    # -- commands ----------------------------------------------------------------------

    def new(self) -> bool:
        """Start an empty chronology (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._load(Opened(Timeline("Untitled chronology"), "", "native", (), ()))
        return True

    def ask_open_path(self) -> str:
        """Ask which file to open; "" when the user cancels."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open timeline", self._folder(),
                                              OPEN_FILTER)
        return path

    def open(self, path: str = "") -> bool:
        """Open a file, chosen by content; errors become a dialog, nothing open is lost."""
        path = path or self.ask_open_path()
        if not path:
            return False
        if not self.maybe_save():
            return False
        try:
            opened = open_timeline(path)
        except LoadError as error:
            self.load_error(error)
            return False
        self.adopt(opened)
        return True

    def adopt(self, opened: Opened) -> None:
        """Make a freshly read file the document (also after a background load)."""
        self._load(opened)
        if opened.path:
            self.remember_recent(opened.path)
        self.report_problems(opened)

    def report_problems(self, opened: Opened) -> None:
        """Say what is wrong in a file that opened anyway (end before start, orphans...).

        The file is kept as its author wrote it; the user is told, not stopped. Large
        files are not checked here (``run.py validate`` does it without the window).
        """
        if len(opened.timeline.events) > CHECK_ON_OPEN_EVENTS:
            return
        # The same checks as `run.py validate`, on the file as written.
        problems = check_timeline(opened.as_read or opened.timeline)
        warnings = [p for p in opened.problems if p.severity is Severity.WARNING]
        if warnings:
            self.status.emit(f"Opened with {len(warnings)} warning"
                             f"{'s' if len(warnings) != 1 else ''}: {warnings[0].describe()}")
        if not problems:
            return
        name = os.path.basename(opened.path) or "The chronology"
        box = QMessageBox(QMessageBox.Icon.Information, "Problems in the file",
                          f"{name} opened, with {len(problems)} problem"
                          f"{'s' if len(problems) != 1 else ''} to look at.",
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        lines = [p.describe() for p in problems]  # errors and warnings alike
        shown = "\n".join(lines[:8]) + (f"\n… and {len(lines) - 8} more" if len(lines) > 8 else "")
        box.setInformativeText(shown + "\n\nIt is kept as written: correct the events in the "
                               "inspector, and re-link orphans in the Orphans panel.")
        box.setDetailedText("\n".join(lines))
        box.open()

    def save(self) -> bool:
        """Save to the document's file (Save As when it has none or is not native)."""
        if not self.document.path or self.document.format != "native":
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        suggested = self.document.path or os.path.join(self._folder(), "chronology")
        stem = suggested
        for suffix in (native.SUFFIX, ".json", ".csv", ".timeline", ".txt"):
            stem = stem.removesuffix(suffix)
        path, _ = QFileDialog.getSaveFileName(self.window, "Save chronology",
                                              stem + native.SUFFIX, SAVE_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += native.SUFFIX
        return self._write(path)

    def _write(self, path: str) -> bool:
        self._own_write = True
        try:
            native.save(self.document.timeline, path)
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(self.window, "Could not save",
                                f"The chronology could not be saved to\n{path}\n\n{reason}.\n\n"
                                "Your changes are still here, unsaved: try another place "
                                "with Save As.")
            return False
        finally:
            QTimer.singleShot(500, self._end_own_write)
        self.document.mark_saved(path)
        self.wait_for_autosave()  # a write still under way must not outlive the save
        self.recovery.set_path(path)
        self.recovery.discard()
        self.remember_recent(path)
        self.status.emit(f"Saved {os.path.basename(path)}")
        return True

    def _end_own_write(self) -> None:
        self._own_write = False
        self._watch(self.document.path)

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False means the user cancelled."""
        if not self.document.is_modified():
            return True
        name = os.path.basename(self.document.path) or "Untitled chronology"
        answer = QMessageBox.question(
            self.window, "Unsaved changes", f"Save the changes to “{name}” first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closing(self) -> bool:
        """Called when the window is about to close: True lets it close."""
        if not self.maybe_save():
            return False
        self.wait_for_autosave()
        self.recovery.discard()
        return True

    def wait_for_autosave(self) -> None:
        """Let a background autosave finish (its failure no longer matters)."""
        pending, self._autosaving = self._autosaving, None
        if pending is not None:
            with contextlib.suppress(OSError):
                pending.result()

    def _load(self, opened: Opened) -> None:
        self.document.load(opened)
        self.recovery.set_path(opened.path)

    def load_error(self, error: LoadError) -> None:
        """Tell the user why a file could not be opened."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open file",
                          f"{os.path.basename(error.file)} could not be opened.",
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(error.summary(limit=8))
        box.setDetailedText(error.summary(limit=1000))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    # -- recent files ------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened or saved files that still exist, newest first."""
        value = QSettings().value("recentFiles", [])
        files = [str(v) for v in (value if isinstance(value, list) else [value]) if v]
        return [f for f in files if os.path.exists(f)]

    def remember_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files."""
        path = os.path.abspath(path)
        files = [path] + [f for f in self.recent_files() if f != path]
        QSettings().setValue("recentFiles", files[:RECENT_LIMIT])
        self.recentChanged.emit(files[:RECENT_LIMIT])

    def _folder(self) -> str:
        recent = self.recent_files()
        return os.path.dirname(recent[0]) if recent else str(Path.home())

    # -- autosave and recovery -----------------------------------------------------------

    def autosave(self) -> bool:
        """Write unsaved work aside (every 30 s and when the window loses focus).

        A large timeline is written by a worker thread (writing a million events takes
        seconds), so the window never stalls; one write at a time.
        """
        if not self.document.is_modified():
            return False
        timeline = self.document.timeline
        if len(timeline.events) >= BACKGROUND_AUTOSAVE_EVENTS:
            if self._autosaving is not None and not self._autosaving.done():
                return False
            self._autosaving = self._worker.submit(self.recovery.write, timeline,
                                                   self.recovery.files())
            return True
        try:
            self.recovery.write(timeline)
        except OSError as error:
            self.status.emit(f"Autosave failed: {error.strerror or error}")
            return False
        return True

    def offer_recovery(self, recoveries: list[Recovery] | None = None,
                       ask: bool = True) -> bool:
        """After a crash, offer to restore the newest unsaved work; True if restored."""
        found = pending_recoveries() if recoveries is None else recoveries
        if not found:
            return False
        newest = found[0]
        if ask:
            name = os.path.basename(newest.original_path) or "an untitled chronology"
            answer = QMessageBox.question(
                self.window, "Restore unsaved work?",
                f"timeline_app did not close normally. Unsaved work on {name} "
                f"(“{newest.title}”) from {newest.written_at} was kept.\n\nRestore it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                for recovery in found:
                    recovery.discard()
                return False
        return self.restore(newest, found)

    def restore(self, recovery: Recovery, found: list[Recovery]) -> bool:
        """Open the recovered work as an unsaved change on top of its file."""
        try:
            timeline = recovery.load()
        except LoadError as error:
            self.load_error(error)
            return False
        base: Opened | None = None
        if recovery.original_path and os.path.exists(recovery.original_path):
            try:
                base = open_timeline(recovery.original_path)
            except LoadError:
                base = None
        self._load(base or Opened(Timeline(timeline.title), recovery.original_path, "native",
                                  (), ()))
        self.document.apply(timeline, "Restore unsaved work")
        for item in found:
            item.discard()
        self.autosave()
        return True

    # -- changes made by other programs ----------------------------------------------------

    def _watch(self, path: str) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        if path and os.path.exists(path):
            self._watcher.addPath(path)

    def _on_changed_on_disk(self, path: str) -> None:
        if self._own_write or self._asking or path != self.document.path:
            return
        self._asking = True
        try:
            self.changed_on_disk(path)
        finally:
            self._asking = False
            self._watch(self.document.path)

    def changed_on_disk(self, path: str) -> None:
        """Another program changed or removed the open file: ask what to do."""
        name = os.path.basename(path)
        if not os.path.exists(path):
            QMessageBox.warning(self.window, "File removed",
                                f"“{name}” was removed or renamed by another program. Your "
                                "chronology is still open here; save it to keep it.")
            self.document.mark_unsaved()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "File changed on disk",
                          f"“{name}” was changed by another program.", parent=self.window)
        box.setInformativeText("Reload it (your unsaved changes here are lost), or keep "
                               "your version here (it is marked unsaved)?")
        reload_button = box.addButton("Reload from Disk", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Keep My Version", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is reload_button:
            try:
                self._load(open_timeline(path))
            except LoadError as error:
                self.load_error(error)
        else:
            self.document.mark_unsaved()
