"""Headless commands of the command line; each module has add_arguments() and run()."""

from __future__ import annotations

import sys

from timeline_app.core.problems import LoadError
from timeline_app.io.opening import Opened, open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY

#: Warnings printed when a file opens; the rest are counted (validate lists them all).
WARNINGS_SHOWN = 20


def open_or_report(file: str | None) -> Opened | None:
    """Open FILE (or the default chronology); print the problems and return None if it fails.

    A file that opens with warnings (rows or events skipped, links dropped) has them
    printed to standard error, so an export never silently leaves part of a file out.
    """
    try:
        opened = open_timeline(file or DEFAULT_CHRONOLOGY)
    except LoadError as error:
        print(f"cannot open {error.file}:", file=sys.stderr)
        print(error.summary(), file=sys.stderr)
        return None
    for problem in opened.problems[:WARNINGS_SHOWN]:
        print(problem.describe(opened.path), file=sys.stderr)
    hidden = len(opened.problems) - WARNINGS_SHOWN
    if hidden > 0:
        print(f"... and {hidden} more warning{'s' if hidden > 1 else ''} "
              f"(validate lists them all)", file=sys.stderr)
    return opened
