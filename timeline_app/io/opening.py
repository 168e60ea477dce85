"""Open any supported timeline file, chosen by its content, and anchor its citations."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace

from timeline_app.core.anchoring import CitationReport, anchor_timeline
from timeline_app.core.model import Timeline
from timeline_app.core.problems import LoadError, Problem
from timeline_app.io import native
from timeline_app.io.reading import is_blank, read_bytes, utf8_for_sniffing

#: A reader takes the file name and its bytes and returns the timeline and warnings.
Reader = Callable[[str, bytes], tuple[Timeline, list[Problem]]]
#: A sniffer says whether a reader handles this file (name and first bytes).
Sniffer = Callable[[str, bytes], bool]


@dataclass(frozen=True)
class Format:
    """A file format the app can open."""

    name: str
    label: str
    sniff: Sniffer
    read: Reader


@dataclass(frozen=True)
class Opened:
    """A timeline read from a file, with what was found while reading it."""

    timeline: Timeline
    path: str
    format: str
    problems: tuple[Problem, ...]
    anchors: tuple[CitationReport, ...]
    #: The timeline exactly as the file holds it, before anchoring moved any citation.
    as_read: Timeline | None = None


def _sniff_native(name: str, head: bytes) -> bool:
    return native.FORMAT_NAME.encode() in head[:4096] or name.endswith(native.SUFFIX)


def _read_native(name: str, data: bytes) -> tuple[Timeline, list[Problem]]:
    from timeline_app.io.reading import decode

    return native.loads(decode(data, name), name)


#: Formats in the order they are tried; other modules register theirs here.
FORMATS: list[Format] = [Format("native", "timeline_app chronology", _sniff_native, _read_native)]


def register(fmt: Format) -> None:
    """Make a format available to :func:`open_timeline` (idempotent)."""
    if all(f.name != fmt.name for f in FORMATS):
        FORMATS.append(fmt)


def detect(path: str, data: bytes) -> Format | None:
    """Return the first format whose sniffer accepts the file."""
    name = os.path.basename(path).lower()
    head = utf8_for_sniffing(data)
    return next((f for f in FORMATS if f.sniff(name, head)), None)


#: The longest location or message passed on. Messages quote values from the file, which
#: can be megabytes long, and a dialog lays text out in time that grows faster than its
#: length (a 1 MB quoted date kept the error dialog busy for minutes).
MESSAGE_LIMIT = 400


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Shorten ``text`` in the middle, keeping its start and its end (where the reason is)."""
    if len(text) <= limit:
        return text
    half = (limit - 40) // 2
    return f"{text[:half]} …[{len(text) - 2 * half:,} characters left out]… {text[-half:]}"


def clipped(problem: Problem) -> Problem:
    """The problem with its location and message clipped (see :data:`MESSAGE_LIMIT`)."""
    if len(problem.location) <= MESSAGE_LIMIT and len(problem.message) <= MESSAGE_LIMIT:
        return problem
    return replace(problem, location=clip(problem.location), message=clip(problem.message))


def read_timeline(path: str | os.PathLike[str]) -> tuple[Format, Timeline, list[Problem]]:
    """Read any supported file as written (citations not yet anchored)."""
    file = os.fspath(path)
    data = read_bytes(file)
    if is_blank(data):
        # Before detection: no sniffer claims an empty file, and "not a format this app
        # reads" (or a JSON parser's "Expecting value") does not say what is wrong.
        raise LoadError(file, [Problem("file", "the file is empty (no text in it)")])
    fmt = detect(file, data)
    if fmt is None:
        labels = ", ".join(f.label for f in FORMATS)
        raise LoadError(file, [Problem("file", f"not a format this app reads ({labels})")])
    try:
        timeline, problems = fmt.read(file, data)
    except LoadError as error:
        raise LoadError(error.file, [clipped(p) for p in error.problems]) from None
    return fmt, timeline, [clipped(p) for p in problems]


def open_timeline(path: str | os.PathLike[str]) -> Opened:
    """Read any supported file and anchor its citations; raise :class:`LoadError`."""
    fmt, timeline, problems = read_timeline(path)
    anchored, reports = anchor_timeline(timeline)
    return Opened(anchored, os.fspath(path), fmt.name, tuple(problems), reports, timeline)


def _interchange(name: str, label: str, module: str) -> Format:
    """A format whose module (with ``sniff`` and ``read``) is imported on first use."""
    def sniff(file: str, data: bytes) -> bool:
        found: bool = importlib.import_module(f"timeline_app.io.{module}").sniff(file, data)
        return found

    def read(file: str, data: bytes) -> tuple[Timeline, list[Problem]]:
        result: tuple[Timeline, list[Problem]] = \
            importlib.import_module(f"timeline_app.io.{module}").read(file, data)
        return result

    return Format(name, label, sniff, read)


# Interchange formats, after the native one; CSV last, as its sniffer is the loosest.
for _format in (_interchange("timelinejs", "TimelineJS JSON", "timelinejs"),
                _interchange("thetimeline", "Timeline (.timeline) XML", "thetimeline"),
                _interchange("csv", "CSV spreadsheet", "csv_import")):
    register(_format)
