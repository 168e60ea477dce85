"""A long scripted session in one process: panning, zooming, edits, undo, redo, Qt calls.

Run it as ``python tests/soak.py`` (add ``--frames``, ``--edits``, ``--voids`` to change
the amounts; without a display it uses Qt's offscreen platform). It opens the main
window on the default chronology, warms up, then:

1. pans and zooms the canvas for N frames, forcing a paint each frame (``repaint``);
2. makes M edits through ``Document.apply`` (retitling and moving events, each a new
   Timeline made with ``dataclasses.replace``), undoes all of them and redoes them all,
   checking the timeline after each sweep;
3. makes K Qt calls that return nothing (PySide6 6.12 on Python 3.11 lost a reference
   to ``None`` on each and aborted after about 5,000).

The warm-up runs the same number of edits once and drops their history: holding a
1,000-step undo history costs a few MB by design, and the allocator keeps what it
once held, so only then does growth between the start and the end show a leak
rather than the history. It prints the resident memory after warm-up, between the
frames and the edits, and at the end, and the frames per second; it exits 1 if
anything failed (an exception, even one raised inside a Qt callback and only printed
by PySide; a Qt critical message; a wrong timeline after undo or redo; ``None``
losing references) or if memory grew by 10% or more. ``tests/test_soak.py`` runs a
short version with the same checks.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

if __name__ == "__main__":  # run from a checkout: make timeline_app importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QMessageLogContext, QPoint, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Timeline
from timeline_app.ui.main_window import MainWindow

#: Memory may grow by less than this fraction between warm-up and the end.
GROWTH_LIMIT = 0.10


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak (other systems)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Report:
    """What a soak did and found."""

    frames: int = 0
    frame_seconds: float = 0.0
    edits: int = 0
    edit_seconds: float = 0.0
    voids: int = 0
    void_seconds: float = 0.0
    memory: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def fps(self) -> float:
        return self.frames / self.frame_seconds if self.frame_seconds else 0.0

    @property
    def growth(self) -> float:
        return self.memory["end"] / self.memory["start"] - 1

    def failures(self) -> list[str]:
        """Why the soak failed; empty when it passed."""
        found = list(self.errors)
        if self.growth >= GROWTH_LIMIT:
            found.append(f"memory grew by {self.growth:.1%} (limit {GROWTH_LIMIT:.0%})")
        return found

    def lines(self) -> list[str]:
        mb = {when: value / 2**20 for when, value in self.memory.items()}
        return [
            f"frames: {self.frames:,} in {self.frame_seconds:.1f} s = {self.fps:.0f} frames/s",
            f"edits: {self.edits:,} applied, undone and redone in {self.edit_seconds:.1f} s",
            f"void Qt calls: {self.voids:,} in {self.void_seconds:.1f} s",
            f"resident memory: start {mb['start']:.1f} MB, middle {mb['middle']:.1f} MB, "
            f"end {mb['end']:.1f} MB ({self.growth:+.1%})",
        ]


@contextmanager
def watched(report: Report) -> Iterator[None]:
    """Count exceptions PySide prints from Qt callbacks, and Qt's critical messages."""
    previous_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        report.errors.append(f"exception in a Qt callback: {kind.__name__}: {error}")
        previous_hook(kind, error, trace)

    def messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            report.errors.append(f"Qt: {message}")
        if previous_handler is not None:  # pytest-qt's, under tests
            previous_handler(kind, context, message)

    previous_handler = None
    sys.excepthook = hook
    previous_handler = qInstallMessageHandler(messages)
    try:
        yield
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)


def frames(window: MainWindow, count: int) -> None:
    """Pan and zoom through a fixed path of 1,000 frames (repeated), painting each."""
    canvas = window.canvas
    canvas.fit_all(animate=False)
    for frame in range(count):
        step = frame % 1000
        middle = canvas.viewport.width / 2
        if step < 250:
            canvas.zoom_by(1.03, middle, animate=False)  # to about 1,600 times closer
        elif step < 500:
            canvas.pan_by(12 if step < 375 else -12)
        elif step < 750:
            canvas.zoom_by(1 / 1.03, middle, animate=False)
        else:
            canvas.pan_by(-7 if step < 875 else 7)
        canvas.repaint()
        if step == 999:
            canvas.fit_all(animate=False)


def _edited(original: Timeline, edit: int) -> Timeline:
    """The timeline after one more edit: a retitle (even) or a move (odd)."""
    events = list(original.events)
    index = edit % len(events)
    event = events[index]
    if edit % 2 == 0:
        changed = replace(event, title=f"{event.title} [edit {edit}]")
    else:
        changed = replace(event, start=UncertainDate(f"{2000 + edit % 26}-{1 + edit % 12:02d}"),
                          end=None)
    events[index] = changed
    return replace(original, events=tuple(events))


def edits(window: MainWindow, count: int, report: Report) -> None:
    """Apply ``count`` edits, undo them all, redo them all; check the timeline each time."""
    document = window.document
    original = document.timeline
    current = original
    for edit in range(count):
        current = _edited(current, edit)
        document.apply(current, f"Edit {edit}")
        QApplication.processEvents()
    stack = document.undo_stack
    for _ in range(count):
        stack.undo()
        QApplication.processEvents()
    if document.timeline != original:
        report.errors.append("undoing every edit did not give back the original timeline")
    for _ in range(count):
        stack.redo()
        QApplication.processEvents()
    if document.timeline != current:
        report.errors.append("redoing every edit did not give the edited timeline")
    window.canvas.repaint()


def void_calls(count: int, report: Report) -> None:
    """Qt calls that return nothing; ``None`` must not lose references."""
    point = QPoint()
    before = sys.getrefcount(None)
    for call in range(count):
        point.setX(call & 1023)
    lost = before - sys.getrefcount(None)
    if lost > 1000:
        report.errors.append(f"None lost {lost:,} references in {count:,} void Qt calls")


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def soak(window: MainWindow, frame_count: int, edit_count: int, void_count: int,
         log: Callable[[str], None] = lambda line: None) -> Report:
    """Run the session on a shown main window; return what happened."""
    report = Report()
    with watched(report):
        # Warm-up: every path once, so caches fill before memory is first measured, and a
        # full edit cycle (see the module docstring).
        frames(window, min(frame_count, 1000))
        edits(window, edit_count, report)
        void_calls(10_000, report)
        window.document.undo_stack.clear()
        gc.collect()
        report.memory["start"] = resident_bytes()
        log(f"start (after warm-up): {report.memory['start'] / 2**20:.1f} MB")
        report.frame_seconds = _timed(lambda: frames(window, frame_count))
        report.frames = frame_count
        gc.collect()
        report.memory["middle"] = resident_bytes()
        log(f"middle (after {frame_count:,} frames, {report.fps:.0f} frames/s): "
            f"{report.memory['middle'] / 2**20:.1f} MB")
        report.edit_seconds = _timed(lambda: edits(window, edit_count, report))
        report.edits = edit_count
        report.void_seconds = _timed(lambda: void_calls(void_count, report))
        report.voids = void_count
        gc.collect()
        report.memory["end"] = resident_bytes()
        log(f"end (after {edit_count:,} edits undone and redone, {void_count:,} void calls): "
            f"{report.memory['end'] / 2**20:.1f} MB")
    return report


def main() -> int:
    """Run the full soak and print its figures; 0 when it passed, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=1_000)
    parser.add_argument("--voids", type=int, default=1_000_000)
    args = parser.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline_app.io.opening import open_timeline
    from timeline_app.paths import DEFAULT_CHRONOLOGY
    from timeline_app.ui.app import application
    from timeline_app.ui.document import Document

    app = application()
    window = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    report = soak(window, args.frames, args.edits, args.voids, log=print)
    for line in report.lines():
        print(line)
    failures = report.failures()
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    print("soak passed" if not failures else "soak failed")
    window.document.undo_stack.setClean()  # else closing asks whether to save the edits
    window.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
