"""Headless commands of the command line; each module has add_arguments() and run()."""

from __future__ import annotations

import sys

from timeline_app.core.problems import LoadError
from timeline_app.io.opening import Opened, open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY


def open_or_report(file: str | None) -> Opened | None:
    """Open FILE (or the default chronology); print the problems and return None if it fails."""
    try:
        return open_timeline(file or DEFAULT_CHRONOLOGY)
    except LoadError as error:
        print(f"cannot open {error.file}:", file=sys.stderr)
        print(error.summary(), file=sys.stderr)
        return None
