"""Pictures of presentation steps as the audience sees them, saved as PNG files."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from timeline_app.core.tours import find_tour
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY


def render_steps(file: str | None, tour_name: str, steps: Sequence[int], size: tuple[int, int],
                 prefix: str) -> list[str]:
    """Save step ``n`` (1-based) of the tour as ``{prefix}-step{n}.png``; return the paths."""
    from PySide6.QtCore import QEventLoop, QTimer

    from timeline_app.ui.app import application
    from timeline_app.ui.presenter.tour_runner import PresenterSession

    app = application()
    timeline = open_timeline(file or DEFAULT_CHRONOLOGY).timeline
    tour = find_tour(timeline, tour_name)
    if tour is None:
        raise ValueError(f"no tour is called '{tour_name}'")
    session = PresenterSession(timeline, tour, timeline.events)
    session.open(None, size=size)
    app.processEvents()
    written = []
    for number in steps:
        session.runner.go(number - 1)
        session._show(animate=False)
        loop = QEventLoop()
        session.window.canvas.framePainted.connect(loop.quit)
        QTimer.singleShot(3000, loop.quit)
        session.window.canvas.update()
        loop.exec()
        path = f"{prefix}-step{number}.png"
        session.window.grab().save(path, "PNG")
        written.append(path)
    session.leave()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: FILE, --tour, --steps 1,4,12, --size 1920x1080, -o PREFIX."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--tour", default="default")
    parser.add_argument("--steps", default="1")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("-o", "--output", default="presentation")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(v) for v in args.size.lower().split("x"))
    try:
        paths = render_steps(args.file, args.tour, [int(s) for s in args.steps.split(",")],
                             (width, height), args.output)
    except ValueError as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 1
    print("\n".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
