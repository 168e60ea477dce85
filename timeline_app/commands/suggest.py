"""``suggest SOURCE [--published DATE] [-o OUT.csv]``: candidate events for every dated sentence."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from timeline_app.core.ids import slugify
from timeline_app.core.model import PublicationDate, Source, Timeline
from timeline_app.core.phrases import find_dateline, find_durations, read_date, unresolved_phrases
from timeline_app.core.problems import LoadError
from timeline_app.core.suggest import Candidate, suggest_events
from timeline_app.io import csv_export
from timeline_app.io.atomic import write_atomic
from timeline_app.io.file_dates import number_problem
from timeline_app.io.reading import read_text

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A source's title is its first line, cut at a word near this length.
TITLE_LIMIT = 120


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("source", help="the source text (.txt or .md; .html when the source "
                        "importer is installed)")
    parser.add_argument("--published", metavar="DATE", default="",
                        help="the source's publication date, to resolve relative phrases "
                        "('late December'): EDTF (2026-01-20) or written (\"January 20, "
                        "2026\"); default: the dateline in the first lines, if any")
    parser.add_argument("-o", "--output", metavar="OUT.csv", default="",
                        help="where to write the candidates (the export CSV's columns); "
                        "default: standard output")


class _Refusal(Exception):
    """Bad input: the message is printed on one line and the command exits with 1."""


def run(args: argparse.Namespace) -> int:
    """Write the candidates; return 0 on success, 1 on bad input or an unwritable output."""
    to_stdout = args.output in ("", "-")
    info = sys.stderr if to_stdout else sys.stdout
    try:
        if not to_stdout and Path(args.output).suffix.lower() != ".csv":
            raise _Refusal(f"cannot write '{args.output}': the output must be a .csv file")
        given = _published_argument(args.published)
        source, offered = _read_source(args.source)
        source = _with_publication(source, given, offered, info)
        candidates = suggest_events(source)
        _notes(source, info)
        data = _csv(source, candidates)
        if to_stdout:
            sys.stdout.write(data)
        else:
            _write(Path(args.output), data)
    except _Refusal as refusal:
        print(f"suggest: {refusal}", file=sys.stderr)
        return 1
    where = "standard output" if to_stdout else args.output
    print(f"suggest: wrote {where} ({len(candidates)} candidate"
          f"{'s' if len(candidates) != 1 else ''} from {args.source})", file=info)
    return 0


def _published_argument(text: str) -> tuple[str, str] | None:
    """The --published date as (as given, EDTF), or None when not given."""
    if not text:
        return None
    # Before read_date: the EDTF parser would spend minutes on a date like Y1E99999999.
    if number_problem(text) is not None:
        raise _Refusal(f"--published '{text[:40]}': {number_problem(text)}")
    date = read_date(text)
    if date is None:
        raise _Refusal(f"--published '{text}' is not a date; give EDTF (2026-01-20) or a "
                       "written date (\"January 20, 2026\")")
    return text.strip(), date.edtf


def _read_source(file: str) -> tuple[Source, PublicationDate | None]:
    """The source and the publication date its file states (HTML metadata), if any."""
    suffix = Path(file).suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            # Line endings as the source importer makes them, so positions agree with it.
            text = read_text(file).replace("\r\n", "\n").replace("\r", "\n")
            first = next((" ".join(line.split()) for line in text.split("\n") if line.strip()),
                         "")
            title = first.lstrip("#").strip() if suffix in (".md", ".markdown") else first
            if not title:
                raise _Refusal(f"{file} has no text to look for dates in")
            if len(title) > TITLE_LIMIT:
                title = title[:TITLE_LIMIT].rsplit(" ", 1)[0] + "…"
            return Source(slugify(Path(file).stem, "source"), title, text), None
        if suffix in HTML_SUFFIXES:
            return _read_html(file)
    except LoadError as error:
        # Where in the file ("byte 0"), unless the problem is the whole file's.
        reason = "; ".join(problem.message if problem.location == "file" else
                           f"{problem.location}: {problem.message}" for problem in error.problems)
        raise _Refusal(f"cannot read {file}: {reason}") from None
    raise _Refusal(f"cannot read '{file}': a source is a .txt, .md or .html file")


def _read_html(file: str) -> tuple[Source, PublicationDate | None]:
    # The HTML importer is another module's; a checkout without it still reads text.
    try:
        from timeline_app.io.source_import import read_source
    except ImportError:
        raise _Refusal(f"cannot read '{file}': HTML sources need timeline_app.io."
                       "source_import, which this installation lacks; save the page as "
                       ".txt") from None
    imported = read_source(file)
    return imported.source, imported.offered_published


def _with_publication(source: Source, given: tuple[str, str] | None,
                      offered: PublicationDate | None, info: TextIO) -> Source:
    """Give the source the publication date to use, and say which one and why."""
    dateline = find_dateline(source.text)
    printed = dateline.printed if dateline else ""
    if given is not None:
        text, edtf = given
        note = ""
        if dateline and dateline.date.edtf != edtf:
            note = (f"the dateline reads '{printed}' (line {dateline.line}); the date given "
                    f"with --published, {edtf}, is used instead")
        published = PublicationDate(printed or text, edtf, note)
        print(f"suggest: relative dates resolved against {edtf} (--published)"
              + (f"; {note}" if note else ""), file=info)
    elif offered is not None:
        published = offered
        print(f"suggest: no --published given; using the page's date '{offered.as_printed}' "
              f"-> {offered.edtf}", file=info)
    elif dateline is not None:
        published = PublicationDate(printed, dateline.date.edtf)
        print(f"suggest: no --published given; using the dateline '{printed}' "
              f"(line {dateline.line}) -> {dateline.date.edtf}", file=info)
    else:
        print("suggest: no --published given and no dateline found in the first lines; "
              "only absolute dates are resolved", file=info)
        return source
    return replace(source, published=published)


def _notes(source: Source, info: TextIO) -> None:
    """Say what could not become a candidate: lone durations, unresolvable phrases."""
    published = source.published.date if source.published else None
    for duration in find_durations(source.text, published):
        if not duration.anchored:
            line = source.text.count("\n", 0, duration.span[0]) + 1
            print(f"suggest: line {line}: {duration.reasoning}", file=info)
    if published is None:
        phrases = unresolved_phrases(source.text)
        if phrases:
            shown = ", ".join(f"'{phrase}'" for phrase, _ in phrases[:5])
            more = f" and {len(phrases) - 5} more" if len(phrases) > 5 else ""
            print(f"suggest: {len(phrases)} relative phrase{'s' if len(phrases) != 1 else ''} "
                  f"left out for want of a publication date: {shown}{more}", file=info)


def _csv(source: Source, candidates: list[Candidate]) -> str:
    # The export's own writer, so the columns cannot drift; candidates stay in text order.
    events = [candidate.event for candidate in candidates]
    timeline = Timeline(source.title, sources=(source,), events=tuple(events))
    return csv_export.to_csv(timeline, events)


def _write(out: Path, data: str) -> None:
    try:
        write_atomic(out, data.encode("utf-8"))
    except OSError as error:
        raise _Refusal(f"cannot write {out}: {error.strerror or error}") from None
