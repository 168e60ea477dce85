"""Start the windowed application, or explain in one line why it cannot start here."""

from __future__ import annotations

import os
import sys

NO_DISPLAY_MESSAGE = (
    "timeline-app: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is "
    "set). Run it from a desktop session, or under a virtual screen with "
    "'xvfb-run python run.py', or work headless: 'python run.py snapshot -o view.png', "
    "'python run.py export -o events.csv'."
)


def display_available() -> bool:
    """Whether a Qt window can be shown: a display exists or a platform was chosen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a window system.


def launch(file: str | None) -> int:
    """Open the main window on ``file`` (or the default chronology); return the exit code."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from timeline_app.ui.app import run_application

    return run_application(file)
