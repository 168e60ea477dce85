"""``export [FILE] -o OUT``: write the timeline in the format OUT's suffix names."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from timeline_app.commands import export_images, open_or_report
from timeline_app.io import csv_export, native, timelinejs_export
from timeline_app.io.opening import Opened

#: Exporters by output suffix (and --format name); other modules may add to it.
Exporter = Callable[[Opened, Path, argparse.Namespace], None]
EXPORTERS: dict[str, Exporter] = {
    ".csv": lambda opened, out, args: csv_export.save_csv(opened.timeline, out),
    ".json": lambda opened, out, args: native.save(opened.timeline, out),
    "timelinejs": lambda opened, out, args: timelinejs_export.save(opened.timeline, out),
    ".png": export_images.export_png,
    ".svg": export_images.export_svg,
    ".pdf": export_images.export_pdf,
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("file", nargs="?", help="timeline file (default: the default chronology)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output file; its suffix chooses the format "
                        "(.csv, .json, .png, .svg, .pdf)")
    parser.add_argument("--format", default="", help="a named format for OUT (e.g. timelinejs)")
    export_images.add_arguments(parser)  # --from, --to, --width, --height, --scale
    parser.add_argument("--tour", metavar="NAME", default=None,
                        help="write the tour NAME as a PDF handout (OUT ends in .pdf): one page "
                        "per step; 'default' is every event in time order")


def run(args: argparse.Namespace) -> int:
    """Export; return 0 on success, 1 when the input or output fails."""
    out = Path(args.output)
    key = args.format.lower() or out.suffix.lower()
    exporter = EXPORTERS.get(key)
    if getattr(args, "tour", None) is not None:
        if key != ".pdf":
            print("export: --tour writes a PDF handout: OUT must end in .pdf", file=sys.stderr)
            return 1
        exporter = tour_handout
    if exporter is None:
        known = ", ".join(sorted(EXPORTERS))
        print(f"export: cannot write '{out.name}': unknown format '{key}' (known: {known})",
              file=sys.stderr)
        return 1
    opened = open_or_report(args.file)
    if opened is None:
        return 1
    try:
        exporter(opened, out, args)
    except OSError as error:
        print(f"export: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    except ValueError as error:  # a bad option value (date, size, scale)
        print(f"export: {error}", file=sys.stderr)
        return 1
    what = f"{len(opened.timeline.events)} events" if exporter is not tour_handout else \
        f"tour '{args.tour}', a page per step"
    print(f"wrote {out} ({what})")
    return 0


def tour_handout(opened: Opened, out: Path, args: argparse.Namespace) -> None:
    """``--tour NAME``: the tour's handout (Qt starts only now, offscreen)."""
    from timeline_app.ui.presenter.handout import export_tour

    export_tour(opened.timeline, args.tour, out)
