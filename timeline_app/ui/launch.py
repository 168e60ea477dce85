"""Start the windowed application, or explain in one line why it cannot start here."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

HEADLESS_HINT = ("or work headless: 'python run.py snapshot -o view.png', "
                 "'python run.py export -o events.csv'.")
NO_DISPLAY_MESSAGE = (
    "timeline-app: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is "
    "set). Run it from a desktop session, or under a virtual screen with "
    "'xvfb-run python run.py', " + HEADLESS_HINT
)
#: Debian/Ubuntu packages Qt's X11 platform plugin needs beyond a minimal system.
XCB_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
                "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 "
                "libxkbcommon-x11-0 libegl1")


def display_problem() -> str | None:
    """Why no window can be shown here, as one line; None when one can."""
    if os.environ.get("QT_QPA_PLATFORM") or not (
            sys.platform.startswith("linux") or "bsd" in sys.platform):
        return None  # a platform was chosen explicitly, or Windows/macOS: Qt knows best
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return NO_DISPLAY_MESSAGE
    missing = missing_xcb_library()
    if missing:
        return (f"timeline-app: Qt cannot use the X display: the system library {missing} is "
                f"missing. On Debian or Ubuntu: sudo apt-get install {XCB_PACKAGES}; "
                + HEADLESS_HINT)
    return None


def missing_xcb_library() -> str | None:
    """The first library Qt's X11 plugin cannot load, or None when it loads."""
    plugin = _xcb_plugin()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin), mode=getattr(os, "RTLD_LAZY", 1))
    except OSError as error:
        # "libxcb-icccm.so.4: cannot open shared object file: ..."
        return str(error).split(":")[0].strip() or "an X11 library"
    if ctypes.util.find_library("xcb-cursor") is None:
        return "libxcb-cursor.so.0"  # Qt 6.5+ opens it at run time and refuses without it
    return None


def _xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def launch(file: str | None) -> int:
    """Open the main window on ``file`` (or the default chronology); return the exit code."""
    problem = display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from timeline_app.ui.app import run_application

    return run_application(file)
