"""File → Export: the shown events as CSV, native JSON, TimelineJS, or a picture of the view."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app.core.model import Timeline
from timeline_app.io import csv_export, native, timelinejs_export
from timeline_app.view.render_files import export_image

#: (menu text, file filter, suffix) for each kind of export.
KINDS = {
    "csv": ("Events as &CSV…", "CSV spreadsheet (*.csv)", ".csv"),
    "native": ("Chronology as &JSON…", "timeline_app chronology (*.chronology.json)",
               native.SUFFIX),
    "timelinejs": ("For the &Web (TimelineJS)…", "TimelineJS3 JSON (*.json)", ".timelinejs.json"),
    "png": ("&Picture of the View (PNG)…", "PNG image (*.png)", ".png"),
    "svg": ("Picture of the View (&SVG)…", "SVG drawing (*.svg)", ".svg"),
    "pdf": ("Picture of the View (P&DF)…", "PDF document (*.pdf)", ".pdf"),
}


class Exporter(QObject):
    """Writes what the window shows: the filtered events, and the visible time window."""

    status = Signal(str)

    def __init__(self, window: QWidget, shown: Callable[[], Timeline],
                 view_window: Callable[[], tuple[int, int]], name: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self._shown = shown
        self._view_window = view_window
        self._name = name

    def ask_and_export(self, kind: str) -> bool:
        """Ask where, then export; failures are explained and nothing is half-written."""
        _, file_filter, suffix = KINDS[kind]
        stem = self._name()
        for known in (native.SUFFIX, ".json", ".csv", ".timeline"):
            stem = stem.removesuffix(known)
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", stem + suffix, file_filter)
        if not path:
            return False
        if not path.lower().endswith(suffix.rsplit(".", 1)[-1]):
            path += suffix
        return self.export(kind, path)

    def export(self, kind: str, path: str) -> bool:
        """Export to ``path`` without asking."""
        timeline = self._shown()
        try:
            if kind == "csv":
                csv_export.save_csv(timeline, path)
            elif kind == "native":
                native.save(timeline, path)
            elif kind == "timelinejs":
                timelinejs_export.save(timeline, path)
            else:
                export_image(timeline, Path(path), window=self._view_window())
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            QMessageBox.warning(self.window, "Export failed",
                                f"Could not write {os.path.basename(path)}:\n{reason}")
            return False
        self.status.emit(f"Exported {len(timeline.events)} events to {os.path.basename(path)}")
        return True
