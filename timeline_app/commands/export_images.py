"""Picture exporters for ``export``: the chronology with its numbered citations as PNG, SVG or PDF.

Qt starts only when a picture is written (offscreen, so no display is needed); importing
this module stays Qt-free like every command module.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.io.opening import Opened


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the picture options (read as text, so a bad value is a one-line error, exit 1)."""
    group = parser.add_argument_group(
        "pictures (.png, .svg, .pdf)",
        "The chronology, its legend and a numbered list of the citations of the events shown.")
    group.add_argument("--from", dest="from_date", default="", metavar="DATE",
                       help="first day shown, EDTF or ISO (e.g. 2025-11-25); default: "
                            "everything, as Fit All shows it")
    group.add_argument("--to", dest="to_date", default="", metavar="DATE",
                       help="last day shown (its whole day, month or year is included)")
    group.add_argument("--width", default="", metavar="W",
                       help="PNG/SVG: pixels (default 1600); PDF: page width in points, "
                            "with --height (default A4 landscape, Letter in the US)")
    group.add_argument("--height", default="", metavar="H",
                       help="PNG/SVG: pixels (default: as tall as the content; a list that "
                            "does not fit ends with '… and N more'); PDF: page height in points")
    group.add_argument("--scale", default="1", metavar="1|2",
                       help="PNG only: 2 draws every pixel twice as fine (default 1)")


def export_png(opened: Opened, out: Path, args: argparse.Namespace) -> None:
    """Write a PNG picture of the chronology (``export`` registers this for .png)."""
    _export(opened, out, args)


def export_svg(opened: Opened, out: Path, args: argparse.Namespace) -> None:
    """Write an SVG picture whose text stays text (``export`` registers this for .svg)."""
    _export(opened, out, args)


def export_pdf(opened: Opened, out: Path, args: argparse.Namespace) -> None:
    """Write a vector PDF, the citation list continuing over pages (registered for .pdf)."""
    _export(opened, out, args)


def _export(opened: Opened, out: Path, args: argparse.Namespace) -> None:
    """Check every option before Qt starts; raise ValueError (bad option) or OSError (file)."""
    bounds = (parse_bound(getattr(args, "from_date", ""), "--from", latest=False),
              parse_bound(getattr(args, "to_date", ""), "--to", latest=True))
    size = (parse_length(getattr(args, "width", ""), "--width"),
            parse_length(getattr(args, "height", ""), "--height"))
    scale = parse_scale(getattr(args, "scale", "1"))
    if bounds[0] is not None and bounds[1] is not None and bounds[0] >= bounds[1]:
        raise ValueError(f"--from {args.from_date} must come before --to {args.to_date}")
    from timeline_app.view.render import window_viewport
    from timeline_app.view.render_files import export_image, headless_application

    headless_application()
    window = None
    if bounds != (None, None):
        # A missing bound is taken from the whole timeline's view, as Fit All frames it.
        everything = window_viewport(opened.timeline, None, 1000)
        window = (bounds[0] if bounds[0] is not None else everything.start,
                  bounds[1] if bounds[1] is not None else everything.end)
        if window[0] >= window[1]:
            raise ValueError("the window is empty: --from must come before the end of the "
                             "timeline and --to after its start")
    export_image(opened.timeline, out, window, size, scale)


def parse_bound(text: str, option: str, latest: bool) -> int | None:
    """The first instant of a date (``latest``: the end of its last day), or None if empty."""
    if not text.strip():
        return None
    try:
        date = UncertainDate(text.strip())
    except EdtfError:
        date = None
    bound = None if date is None else (date.latest if latest else date.earliest)
    if bound is None:
        raise ValueError(f"{option} '{text}': expected a date such as 2025-11-25, 2025-11, "
                         "2025, -0043-03-15 or Y-13800000000 (EDTF)")
    return bound


def parse_length(text: str, option: str) -> float | None:
    """A positive number (pixels, or points for PDF), or None if empty."""
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{option} '{text}': expected a positive number, e.g. 1600")
    return value


def parse_scale(text: str) -> int:
    """1 or 2."""
    if text.strip() not in ("1", "2"):
        raise ValueError(f"--scale '{text}': expected 1 or 2")
    return int(text)

