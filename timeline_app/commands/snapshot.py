"""``snapshot [FILE] -o OUT.png``: render the main window offscreen and save a screenshot."""

from __future__ import annotations

import argparse
import os
import sys

from timeline_app.core.edtf import EdtfError
from timeline_app.io.file_dates import file_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("file", nargs="?", help="timeline file (default: the default chronology)")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    parser.add_argument("--size", default="1600x900", help="window size WIDTHxHEIGHT")
    parser.add_argument("--window", default="", metavar="FROM..TO",
                        help="time window to show, EDTF or ISO bounds "
                        "(e.g. 2025-11-25..2026-01-20)")
    parser.add_argument("--select", default="", metavar="EVENT_ID", help="event to select")


def parse_window(text: str) -> tuple[int, int]:
    """Parse FROM..TO (each EDTF or ISO) into [earliest of FROM, latest of TO)."""
    for position in range(len(text) - 1):
        if text[position:position + 2] != "..":
            continue
        first, second = text[:position], text[position + 2:]
        try:
            # file_date: absurd numbers (Y1E99999999) are refused before the parser
            # spends minutes on them.
            start, end = file_date(first), file_date(second)
        except EdtfError:
            continue
        if start.earliest is not None and end.latest is not None and start.earliest < end.latest:
            return start.earliest, end.latest
    raise ValueError(f"--window '{text}': expected FROM..TO with dates such as "
                     "2025-11-25..2026-01-20 or Y-13800000000..2026, FROM before TO")


def parse_size(text: str) -> tuple[int, int]:
    """Parse WIDTHxHEIGHT."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size '{text}': expected WIDTHxHEIGHT, e.g. 1600x900") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise ValueError(f"--size '{text}': width and height must be 320-8000 and 240-8000")
    return width, height


def run(args: argparse.Namespace) -> int:
    """Render and save; return 0 on success, 1 on bad arguments or files."""
    try:
        size = parse_size(args.size)
        window = parse_window(args.window) if args.window else None
    except ValueError as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 1
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from timeline_app.ui.snapshot import render_snapshot

    return render_snapshot(args.file, args.output, size, window, args.select)
