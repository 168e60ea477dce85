"""What the user must be told about each file of the broken-inputs corpus.

Every entry names a file (relative to this folder) and what opening it must say: the
kind of outcome and, for each problem that must be reported, a fragment of its
location and a fragment of its message. The small files are checked in; the big ones
(10 MB titles, JSON nested 100,000 deep) are written by :func:`generate` at test time.

Kinds:

- ``REFUSED``: the file cannot be opened. ``open_timeline`` raises ``LoadError`` with
  these problems; ``validate`` and ``export`` exit 1 naming them; the window shows the
  warning dialog and keeps what was open.
- ``FLAGGED``: the native format keeps what its author wrote, so the file opens, but
  ``validate`` exits 1 naming these problems (end before start, unknown source...).
- ``WARNED``: the file opens without some of its parts (rows or events skipped, a
  value ignored); the problems are warnings that ``validate`` and ``export`` print.
- ``OPENS``: valid but odd (a byte order mark, UTF-16, a 10 MB title): it opens and
  ``validate`` finds nothing.

Source texts (``source/``) are not timelines: ``open_timeline`` refuses them, and
:data:`SOURCES` says what importing them as sources (``suggest``) must say.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

CORPUS = Path(__file__).parent


class Kind(Enum):
    """How a file of the corpus ends up (see the module docstring)."""

    REFUSED = "refused"
    FLAGGED = "flagged"
    WARNED = "warned"
    OPENS = "opens"


@dataclass(frozen=True)
class Told:
    """The outcome of a file and the (location, message) fragments the user must read."""

    kind: Kind
    problems: tuple[tuple[str, str], ...] = ()


def refused(*problems: tuple[str, str]) -> Told:
    return Told(Kind.REFUSED, problems)


def flagged(*problems: tuple[str, str]) -> Told:
    return Told(Kind.FLAGGED, problems)


def warned(*problems: tuple[str, str]) -> Told:
    return Told(Kind.WARNED, problems)


OPENS = Told(Kind.OPENS)
NOT_A_TIMELINE = refused(("file", "not a format this app reads"))
EMPTY = refused(("file", "the file is empty"))
SELECTOR = "$.events[0].citations[0].selector"

MANIFEST: dict[str, Told] = {
    # -- the native format: structure --------------------------------------------------
    "native/truncated.chronology.json": refused(
        ("line 10, column 2", "the file ends in the middle")),
    "native/empty.chronology.json": EMPTY,
    "native/not_json.chronology.json": refused(("line 1, column 1", "not valid JSON")),
    "native/huge_number.chronology.json": refused(
        ("line 3, column 14", "a number with 5,001 digits")),
    "native/nan_infinity.chronology.json": refused(
        ("$.version", "expected an integer, got a number NaN"),
        ("$.events[0].importance", "expected an integer, got a number Infinity")),
    "native/missing_format.chronology.json": refused(
        ("$.format", 'expected "timeline_app.chronology", got nothing')),
    "native/future_version.chronology.json": refused(("$.version", "please update the app")),
    # -- the native format: wrong types at every level ---------------------------------
    "native/top_array.chronology.json": refused(("$", "expected an object, got an array")),
    "native/top_level_types.chronology.json": refused(
        ("$.version", 'expected an integer, got a string "1"'),
        ("$.title", "expected a string, got an integer 42"),
        ("$.description", "expected a string, got an array"),
        ("$.categories", "expected an array, got an object"),
        ("$.sources", 'expected an array, got a string "none"'),
        ("$.events", "expected an array, got null"),
        ("$.eras", "expected an array, got an integer 7"),
        ("$.tours", "expected an array, got true")),
    "native/categories.chronology.json": refused(
        ("$.categories[0]", "expected an object, got an integer 1"),
        ("$.categories[1].id", "expected a string, got an integer 2"),
        ("$.categories[1].name", "expected a string, got null"),
        ("$.categories[1].color", "expected a colour like #0072B2"),
        ("$.categories[2]", "missing required field 'name'")),
    "native/sources.chronology.json": refused(
        ("$.sources[0]", 'expected an object, got a string "s"'),
        ("$.sources[1].title", "expected a string, got an integer 1"),
        ("$.sources[1].text", "expected a string, got an array"),
        ("$.sources[1].url", "expected a string, got an object"),
        ("$.sources[1].published.as_printed", "expected a string"),
        ("$.sources[1].published.edtf", "'soon' is not a valid EDTF date"),
        ("$.sources[2].published", "expected an object, got a string")),
    "native/events.chronology.json": refused(
        ("$.events[0]", 'expected an object, got a string "e"'),
        ("$.events[1].id", "expected a string, got an integer 1"),
        ("$.events[1].title", "expected a string, got an array"),
        ("$.events[1].end", "expected an object, got an integer 2002"),
        ("$.events[1].category", "expected a string, got an integer 3"),
        ("$.events[1].tags", 'expected an array, got a string "x"'),
        ("$.events[1].actors[0]", "expected a string, got an integer 1"),
        ("$.events[1].importance", 'expected an integer, got a string "high"'),
        ("$.events[1].notes", "expected a string, got an object"),
        ("$.events[1].links[0].url", "expected a string, got an integer 5"),
        ("$.events[1].links[1]", "expected an object"),
        ("$.events[2].start", 'expected an object, got a string "2001"'),
        ("$.events[3]", "missing required field 'start'")),
    "native/dates.chronology.json": refused(
        ("$.events[0].start.edtf", "expected a string, got an integer 2001"),
        ("$.events[1].start.as_written", "expected a string, got an integer 5"),
        ("$.events[2].start", "missing required field 'edtf'"),
        ("$.events[3].start.edtf", "expected an EDTF date, got an empty string"),
        ("$.events[4].start.edtf", "an open end '..' is only allowed as the end")),
    "native/citations.chronology.json": refused(
        ("$.events[0].citations", "expected an array, got an object"),
        ("$.events[1].citations[0]", "expected an object, got an integer 7"),
        ("$.events[1].citations[1].selector", 'expected an array, got a string "exact"'),
        ("$.events[1].citations[2]", "a citation needs a TextQuoteSelector"),
        ("$.events[1].citations[3].note", "expected a string, got an integer 1")),
    "native/selectors.chronology.json": refused(
        (f"{SELECTOR}[0]", "expected an object, got an integer 5"),
        (f"{SELECTOR}[1].type", 'expected "TextQuoteSelector" or "TextPositionSelector", '
                                'got a string "CssSelector"'),
        (f"{SELECTOR}[2].exact", "expected a string, got an integer 7"),
        (f"{SELECTOR}[3].start", 'expected an integer, got a string "0"'),
        (f"{SELECTOR}[3]", "expected 0 <= start <= end"),
        (f"{SELECTOR}[4].prefix", "expected a string, got an array")),
    "native/eras.chronology.json": refused(
        ("$.eras[0]", "expected an object, got an integer 3"),
        ("$.eras[1].end", 'expected an object, got a string "2002"'),
        ("$.eras[2].name", "expected a string, got an integer 5"),
        ("$.eras[2].color", "expected a string, got an integer 1"),
        ("$.eras[3].start", "expected an object, got null")),
    "native/tours.chronology.json": refused(
        ("$.tours[0]", 'expected an object, got a string "t"'),
        ("$.tours[1].name", "expected a string, got an integer 1"),
        ("$.tours[1].steps", "expected an array, got an object"),
        ("$.tours[2].description", "expected a string, got an array"),
        ("$.tours[2].steps[0]", "expected an object, got an integer 3"),
        ("$.tours[2].steps[1].event", "expected a string, got an integer 1"),
        ("$.tours[2].steps[1].notes", "expected a string, got an integer 2"),
        ("$.tours[2].steps[1].window", "expected end after start"),
        ("$.tours[2].steps[1].filter", "expected a string, got an integer 0"),
        ("$.tours[2].steps[2].window", "expected an object, got an array")),
    # -- the native format: meaning -----------------------------------------------------
    "native/invalid_edtf.chronology.json": refused(
        ("$.events[0].start.edtf", "month 13 does not exist"),
        ("$.events[1].start.edtf", "day 30 does not exist in February 2001"),
        ("$.events[2].start.edtf", "'March 2001' is not a valid EDTF date: expected YYYY"),
        ("$.events[3].start.edtf", "the exponent E99999999 is far too large"),
        ("$.events[4].start.edtf", "the interval ends before it starts"),
        ("$.events[5].start.edtf", "must close with ']'"),
        ("$.events[6].end.edtf", "month 00 does not exist"),
        ("$.events[7].start.edtf", "a number of 5,000 digits")),
    "native/end_before_start.chronology.json": flagged(
        ("$.events[0].end", "ends (2001) before it starts (2005)")),
    "native/unknown_source.chronology.json": flagged(
        ("$.events[0].citations[0].source", "no source has the id 'nowhere'")),
    "native/offsets_out_of_range.chronology.json": flagged(
        (SELECTOR, "passage 5000–5006 is outside the source's 30 characters")),
    "native/orphan_quote.chronology.json": flagged(
        ("$.events[0].citations[0]", "orphan citation: the quoted passage is not in the source")),
    "native/duplicate_ids.chronology.json": flagged(
        ("$.events", "the id 'a' is used 2 times")),
    "native/unknown_fields.chronology.json": warned(
        ("$.colour", "unknown field"), ("$.events[0].when", "unknown field")),
    # -- the native format: bytes -------------------------------------------------------
    "native/latin1.chronology.json": refused(
        ("line 4 (byte 72)", "not UTF-8 text (perhaps Latin-1 or Windows-1252)")),
    "native/utf16_no_bom.chronology.json": refused(
        ("byte 0", "looks like UTF-16 without a byte order mark")),
    "native/binary.chronology.json": refused(("byte 8", "binary data, not a text file")),
    "native/utf16_bom.chronology.json": OPENS,
    "native/utf16be_bom_unnamed.json": OPENS,
    "native/utf8_bom.chronology.json": OPENS,
    # -- TimelineJS ---------------------------------------------------------------------
    "timelinejs/truncated.json": refused(("line 10, column 18", "the file ends in the middle")),
    "timelinejs/events_not_array.json": refused(
        ("$.events", "expected an array of slides, got an object")),
    "timelinejs/missing_years.json": refused(
        ("$.events[0].start_date.year", "missing: a date needs at least a year"),
        ("$.events[1].start_date.year", "missing: a date needs at least a year"),
        ("$.events[2].start_date", "missing (a date object with at least a year)"),
        ("$.events", "no event could be read")),
    "timelinejs/non_numeric_years.json": refused(
        ("$.events[0].start_date.year", 'expected a number, got "MMI"'),
        ("$.events[1].start_date.year", "expected a number, got true or false"),
        ("$.events[2].start_date.year", "expected a number, got the number 1.5"),
        ("$.events[3].start_date.year", 'expected a number, got "2001.5"'),
        ("$.events[4].start_date.year", "expected a number, got an array")),
    "timelinejs/out_of_range.json": refused(
        ("$.events[0].start_date.month", "expected 1 to 12, got 13"),
        ("$.events[1].start_date.day", "February 2001 has no day 30"),
        ("$.events[2].start_date.year", "got a number of 30 digits")),
    "timelinejs/huge_year_string.json": refused(
        ("$.events[0].start_date.year", "got a number of 5,000 digits")),
    "timelinejs/some_missing_years.json": warned(
        ("$.events[1].start_date.year", "missing: a date needs at least a year; the event "
                                        "is skipped")),
    "timelinejs/wrong_types.json": warned(
        ("$.events[0]", "expected a slide object, got the number 5"),
        ("$.events[1]", 'expected a slide object, got "slide"'),
        ("$.events[2].start_date", 'expected a date object such as {"year": 2001}'),
        ("$.events[3].end_date", "the end (1999) is before the start (2001)"),
        ("$.events[4].text", "expected an object with 'headline' and 'text'")),
    "timelinejs/end_before_start.json": warned(
        ("$.events[1].end_date", "the end (2001) is before the start (2005)")),
    "timelinejs/invalid_edtf_member.json": warned(
        ("$.events[0].start_date.edtf", "month 99 does not exist"),
        ("$.events[1].start_date.edtf", "the exponent E99999999 is far too large")),
    "timelinejs/eras_not_array.json": warned(("$.eras", 'expected an array, got "none"')),
    "timelinejs/latin1.json": refused(("line 8 (byte 114)", "not UTF-8 text")),
    "timelinejs/utf16_no_bom.json": refused(
        ("byte 0", "looks like UTF-16 without a byte order mark")),
    "timelinejs/utf16_bom.json": OPENS,
    "timelinejs/utf8_bom.json": OPENS,
    # -- CSV ------------------------------------------------------------------------------
    "csv/empty.csv": EMPTY,
    "csv/no_date_column.csv": refused(("row 1", "no date column")),
    "csv/all_rows_bad.csv": refused(
        ("row 2", 'date "sometime" is not a date'), ("row 3", 'date "later" is not a date'),
        ("file", "no row could be read as an event")),
    "csv/ragged.csv": warned(("row 5", "no date (the 'date' column is empty)")),
    "csv/end_before_start.csv": warned(("row 3", "the end (2001) is before the start (2005)")),
    "csv/invalid_edtf.csv": warned(
        ("row 3", 'date "2001-13-45": there is no month 13'),
        ("row 4", "the exponent E99999999 is far too large")),
    "csv/unclosed_quote.csv": warned(("row 2", "a quoted cell is never closed")),
    "csv/latin1.csv": warned(("line 2", "not UTF-8 text; read as Windows-1252")),
    "csv/utf16_no_bom.csv": refused(("byte 0", "looks like UTF-16 without a byte order mark")),
    "csv/binary.csv": refused(("byte 8", "binary data, not a text file")),
    "csv/header_only.csv": OPENS,
    "csv/utf16_bom.csv": OPENS,
    "csv/utf8_bom.csv": OPENS,
    # -- Timeline's .timeline XML -------------------------------------------------------
    "thetimeline/malformed.timeline": refused(
        ("line 9, column 20", "not well-formed XML: mismatched tag")),
    "thetimeline/truncated.timeline": refused(
        ("line 9, column 7", "not well-formed XML: no element found")),
    "thetimeline/billion_laughs.timeline": refused(("line 2", "DOCTYPE or entities")),
    "thetimeline/external_entity.timeline": refused(("line 2", "DOCTYPE or entities")),
    "thetimeline/external_entity_utf16.timeline": refused(("line 2", "DOCTYPE or entities")),
    "thetimeline/external_dtd.timeline": refused(("line 2", "DOCTYPE or entities")),
    "thetimeline/parameter_entity.timeline": refused(("line 2", "DOCTYPE or entities")),
    "thetimeline/undefined_entity.timeline": refused(
        ("line 9, column 13", "not well-formed XML: undefined entity")),
    "thetimeline/wrong_root.timeline": refused(
        ("line 2", "expected the <timeline> element, got <events>")),
    "thetimeline/bad_times.timeline": refused(
        ("line 7", "<start>: expected YYYY-MM-DD HH:MM:SS, got 'yesterday'"),
        ("line 12", "'2001-02-30 00:00:00' is not a valid date and time"),
        ("<events>", "no event could be read")),
    "thetimeline/numeric_timetype.timeline": refused(
        ("line 4", "the time type 'numtime' is not a calendar this app reads")),
    "thetimeline/old_text_format.timeline": refused(
        ("line 1", "the text format of Timeline before 0.5")),
    "thetimeline/latin1.timeline": refused(
        ("line 9, column 16", "not UTF-8 text (perhaps Latin-1 or Windows-1252)")),
    "thetimeline/binary.timeline": NOT_A_TIMELINE,
    "thetimeline/end_before_start.timeline": warned(
        ("line 13", "the end is before the start; the event is skipped")),
    "thetimeline/utf16_bom.timeline": OPENS,
    "thetimeline/utf16_no_bom.timeline": OPENS,
    "thetimeline/utf8_bom.timeline": OPENS,
    # -- hostile content: markup, scripts, local files and remote images ----------------
    "hostile/hostile.chronology.json": flagged(
        ("$.sources[0].sha256", "the text no longer matches its SHA-256")),
    "hostile/hostile.timelinejs.json": warned(
        ("$.events[0].media.url", 'the URL "file:///etc/passwd" is not kept'),
        ("$.events[1].media.url", "embedded HTML is not loaded"),
        ("$.events[1].media.link", 'the URL "javascript:alert(3)" is not kept')),
    "hostile/hostile.csv": warned(
        ("row 2", "the link 'javascript:alert(3)' is not kept"),
        ("row 3", "the link 'file:///etc/passwd' is not kept")),
    "hostile/hostile.timeline": warned(
        ("line 11", "hyperlink 'file:///etc/passwd' is not kept"),
        ("line 11", "hyperlink 'javascript:alert(1)' is not kept")),
    "hostile/hostile.html": NOT_A_TIMELINE,
    # -- source texts, as timelines ------------------------------------------------------
    "source/binary.txt": NOT_A_TIMELINE,
    "source/utf16_no_bom.txt": NOT_A_TIMELINE,
    "source/utf16_bom.txt": NOT_A_TIMELINE,
    "source/latin1.txt": NOT_A_TIMELINE,
    "source/utf8_bom.txt": NOT_A_TIMELINE,
    "source/empty.txt": EMPTY,
    "source/whitespace_only.md": EMPTY,
    "source/scripts_only.html": NOT_A_TIMELINE,
    "source/truncated.html": NOT_A_TIMELINE,
}

#: What importing each source text must say (``read_source`` and ``suggest``).
SOURCES: dict[str, Told] = {
    "source/binary.txt": refused(("byte 8", "binary data, not a text file")),
    "source/utf16_no_bom.txt": refused(("byte 0", "looks like UTF-16 without a byte order")),
    "source/empty.txt": refused(("file", "the file has no text to cite")),
    "source/whitespace_only.md": refused(("file", "the file has no text to cite")),
    "source/scripts_only.html": refused(("file", "the page has no text to cite")),
    "source/utf16_bom.txt": OPENS,
    "source/latin1.txt": OPENS,
    "source/utf8_bom.txt": OPENS,
    "source/truncated.html": OPENS,
    "hostile/hostile.html": OPENS,
}

#: Big inputs, written by :func:`generate` (never checked in).
TEN_MB = 10 * 1024 * 1024
DEPTH = 100_000
GENERATED: dict[str, Told] = {
    "native/deep_nesting.chronology.json": refused(("$", "JSON nested too deeply to read")),
    "native/deep_nesting_unnamed.json": refused(("$", "JSON nested too deeply to read")),
    # Over 4 MB: decoded by msgspec first, then by json when msgspec gives up.
    "native/deep_nesting_large.chronology.json": refused(("$", "JSON nested too deeply")),
    "timelinejs/deep_nesting.json": refused(("$", "JSON nested too deeply to read")),
    "generic/deep_array.json": NOT_A_TIMELINE,
    "thetimeline/deep_nesting.timeline": OPENS,
    "native/ten_mb_invalid_date.chronology.json": refused(
        ("$.events[0].start.edtf", "characters left out")),
    "native/ten_mb_title.chronology.json": OPENS,
    "native/ten_mb_timeline_title.chronology.json": OPENS,
    "timelinejs/ten_mb_headline.json": OPENS,
    "csv/ten_mb_title.csv": OPENS,
    "thetimeline/ten_mb_title.timeline": OPENS,
}


def generate(folder: Path) -> dict[Path, Told]:
    """Write the big inputs into ``folder``; return their paths with what they must say."""
    native = '{{"format": "timeline_app.chronology", "version": 1, "title": {title}, ' \
             '"events": [{events}]}}'
    event = '{{"id": "long", "title": {title}, "start": {{"edtf": {date}}}}}'
    big = '"' + "T" * TEN_MB + '"'
    deep = "[" * DEPTH + "]" * DEPTH
    texts: dict[str, str | bytes] = {
        "native/deep_nesting.chronology.json": native.format(title='"Deep"', events=deep),
        "native/deep_nesting_unnamed.json": native.format(title='"Deep"', events=deep),
        "native/deep_nesting_large.chronology.json": native.format(
            title='"' + "T" * (TEN_MB // 2) + '"', events=deep),
        "timelinejs/deep_nesting.json": '{"events": [{"start_date": ' + deep + "}]}",
        "generic/deep_array.json": deep,
        "thetimeline/deep_nesting.timeline":
            "<timeline>" + "<a>" * DEPTH + "</a>" * DEPTH + "</timeline>",
        "native/ten_mb_invalid_date.chronology.json": native.format(
            title='"Long date"', events=event.format(title='"Event"', date=big)),
        "native/ten_mb_title.chronology.json": native.format(
            title='"Long title"', events=event.format(title=big, date='"2001"')),
        "native/ten_mb_timeline_title.chronology.json": native.format(
            title=big, events=event.format(title='"Event"', date='"2001"')),
        "timelinejs/ten_mb_headline.json":
            '{"events": [{"start_date": {"year": 2001}, "text": {"headline": ' + big + "}}]}",
        "csv/ten_mb_title.csv": "date,title\n2001," + "T" * TEN_MB + "\n",
        "thetimeline/ten_mb_title.timeline":
            "<timeline><events><event><start>2001-01-01 00:00:00</start>"
            "<end>2001-01-01 00:00:00</end><text>" + "T" * TEN_MB + "</text></event>"
            "</events></timeline>",
    }
    written = {}
    for name, text in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        written[path] = GENERATED[name]
    return written


def corpus_files() -> dict[Path, Told]:
    """The checked-in files with what they must say."""
    return {CORPUS / name: told for name, told in MANIFEST.items()}
