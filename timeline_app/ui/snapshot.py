"""Render the main window offscreen at a given size, view and selection, and save a PNG."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, QTimer

from timeline_app.core.problems import LoadError
from timeline_app.core.viewport import Viewport
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.app import application, quiet_platform_noise
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow


def prepare_window(file: str | None, size: tuple[int, int], window: tuple[int, int] | None,
                   select: str) -> MainWindow | None:
    """A shown main window in the requested state, or None (message printed) on error."""
    try:
        opened = open_timeline(file or DEFAULT_CHRONOLOGY)
    except LoadError as error:
        print(f"snapshot: cannot open {error.file}:\n{error.summary()}", file=sys.stderr)
        return None
    main = MainWindow(Document(opened), remember_layout=False)
    main.resize(*size)
    main.show()
    application().processEvents()
    canvas = main.canvas
    canvas.fit_all(animate=False)
    if window is not None:
        canvas.set_viewport(Viewport.showing(window[0], window[1], canvas.viewport.width))
    if select:
        if main.document.timeline.event(select) is None:
            print(f"snapshot: no event has the id '{select}'", file=sys.stderr)
            return None
        main.selection.select(select)
    if canvas.is_animating():
        canvas.set_viewport(canvas.animation_target())
    return main


def wait_for_paint(main: MainWindow, timeout_ms: int = 5000) -> bool:
    """Process events until the canvas has painted the current state."""
    loop = QEventLoop()
    main.canvas.framePainted.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    main.canvas.update()
    loop.exec()
    application().processEvents()
    return True


def render_snapshot(file: str | None, output: str, size: tuple[int, int],
                    window: tuple[int, int] | None, select: str) -> int:
    """The snapshot command's work, once Qt is allowed to start."""
    application()
    quiet_platform_noise()
    main = prepare_window(file, size, window, select)
    if main is None:
        return 1
    wait_for_paint(main)
    image = main.grab()
    if not image.save(output, "PNG"):
        print(f"snapshot: cannot write {output}", file=sys.stderr)
        return 1
    print(f"wrote {output} ({image.width()}x{image.height()})")
    main.close()
    return 0
