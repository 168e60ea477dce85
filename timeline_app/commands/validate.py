"""``validate [FILE]``: list every problem with its location; exit 0 when clean."""

from __future__ import annotations

import argparse
import sys

from timeline_app.core.problems import LoadError
from timeline_app.core.validation import check_timeline
from timeline_app.io.opening import read_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("file", nargs="?", help="timeline file (default: the default chronology)")


def run(args: argparse.Namespace) -> int:
    """Validate and print problems; return 0 when there are none, 1 otherwise."""
    file = str(args.file or DEFAULT_CHRONOLOGY)
    try:
        # The file as written: its own positions, before anchoring moves any.
        _, timeline, problems = read_timeline(file)
    except LoadError as error:
        print(error.summary())
        print(f"{file}: cannot be opened ({len(error.problems)} problem"
              f"{'s' if len(error.problems) != 1 else ''})")
        return 1
    problems += check_timeline(timeline)
    for problem in problems:
        print(problem.describe(file))
    events = len(timeline.events)
    citations = sum(len(e.citations) for e in timeline.events)
    if problems:
        print(f"{file}: {len(problems)} problem{'s' if len(problems) != 1 else ''} "
              f"in {events} events and {citations} citations", file=sys.stdout)
        return 1
    print(f"{file}: clean: {events} events, {citations} citations, all anchored exactly")
    return 0
