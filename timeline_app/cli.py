"""Command line: open the window, or run a headless command (export, validate, ...)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: Headless commands: name -> module in timeline_app.commands with add_arguments/run.
COMMANDS = {
    "export": "Write the timeline as CSV, native JSON or another format.",
    "validate": "List every problem of a timeline file; exit 1 if there are any.",
    "suggest": "Propose candidate events, one per dated sentence of a source text (CSV).",
    "snapshot": "Render the window offscreen at a size, view and selection; save a PNG.",
}


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Evidence-linked chronologies. Without a command, opens the window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"timeline_app.commands.{name}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Evidence-linked chronologies. Opens FILE (the default chronology when "
        "omitted) in a window. Headless commands: " + ", ".join(COMMANDS) + " (see COMMAND -h).",
    )
    parser.add_argument("file", nargs="?", help="a timeline file (native JSON, TimelineJS, "
                        "CSV or .timeline)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        parsed = _command_parser().parse_args(args)
        module = importlib.import_module(f"timeline_app.commands.{parsed.command}")
        try:
            status: int = module.run(parsed)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader of the output went away (`validate | head -1`): stop quietly,
            # and keep Python from reporting the same error again at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        return status
    parsed = _window_parser().parse_args(args)
    from timeline_app.ui.launch import launch

    return launch(parsed.file)
