"""Recovery files: unsaved work written aside every 30 seconds, offered back after a crash.

Each open document has one recovery file (canonical native JSON) and a small sidecar
saying which file it belongs to, when, and which process wrote it. A clean save or a
clean close removes both; anything left behind belongs to a session that died.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from timeline_app.core.model import Timeline
from timeline_app.core.problems import LoadError
from timeline_app.io import native
from timeline_app.io.atomic import write_atomic

SUFFIX = ".recovery.chronology.json"
META_SUFFIX = ".recovery.meta.json"


def recovery_dir() -> Path:
    """Where recovery files live (created on demand)."""
    # Generic, not per-application: every way of starting the app must find the same files.
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    folder = Path(base or Path.home()) / "timeline_app" / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Recovery:
    """Unsaved work found on disk."""

    data_file: Path
    meta_file: Path
    original_path: str
    written_at: str
    title: str
    pid: int

    def load(self) -> Timeline:
        """The recovered timeline (raises LoadError if the file is damaged)."""
        return native.load(self.data_file)[0]

    def discard(self) -> None:
        """Remove the recovery files."""
        for path in (self.data_file, self.meta_file):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class RecoveryWriter:
    """Writes and removes the recovery file of one open document."""

    def __init__(self, key: str | None = None) -> None:
        self._key = key or f"untitled-{os.getpid()}-{id(self)}"
        self._path = ""

    def set_path(self, path: str) -> None:
        """Follow the document to a new file (after Save As or Open)."""
        self.discard()
        self._path = path
        if path:
            self._key = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:16]

    def _files(self) -> tuple[Path, Path]:
        folder = recovery_dir()
        return folder / f"{self._key}{SUFFIX}", folder / f"{self._key}{META_SUFFIX}"

    def write(self, timeline: Timeline, files: tuple[Path, Path] | None = None) -> Path:
        """Write the unsaved timeline aside, atomically.

        Safe in a worker thread when ``files`` (from :meth:`files`) is given: the timeline
        is an immutable value and nothing of Qt is touched.
        """
        data_file, meta_file = files or self._files()
        write_atomic(data_file, native.dumps(timeline).encode("utf-8"))
        meta = {"path": self._path, "title": timeline.title, "pid": os.getpid(),
                "written_at": datetime.now(UTC).isoformat(timespec="seconds")}
        write_atomic(meta_file, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return data_file

    def files(self) -> tuple[Path, Path]:
        """Where this document's recovery file and its sidecar go."""
        return self._files()

    def discard(self) -> None:
        """Remove this document's recovery files (after a save or a clean close)."""
        for path in self._files():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pending_recoveries() -> list[Recovery]:
    """Recovery files left by sessions that are no longer running, newest first."""
    found = []
    for meta_file in recovery_dir().glob(f"*{META_SUFFIX}"):
        data_file = meta_file.with_name(meta_file.name.replace(META_SUFFIX, SUFFIX))
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            pid = int(meta.get("pid", 0))
        except (OSError, ValueError):
            continue
        if not data_file.exists() or _alive(pid):
            continue
        found.append(Recovery(data_file, meta_file, str(meta.get("path", "")),
                              str(meta.get("written_at", "")), str(meta.get("title", "")), pid))
    return sorted(found, key=lambda r: r.written_at, reverse=True)


def check_loadable(recovery: Recovery) -> str:
    """"" if the recovery file loads, otherwise why not."""
    try:
        recovery.load()
    except LoadError as error:
        return error.summary(limit=3)
    return ""
