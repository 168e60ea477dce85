"""Dates as people type them in spreadsheets, read into EDTF at the precision written.

What is read, in this order (the first reading that fits wins):

1. A bare whole number is a year: ``2001``, ``476``, ``-44``. A minus sign marks a
   year before the common era as historians and TimelineJS write it, so ``-44`` is
   44 BCE (EDTF ``-0043``; ISO 8601 counts 1 BCE as year 0). Zero-padded ``-0044`` is
   EDTF's own astronomical year (45 BCE). Beyond ±9999 a number is taken as written
   (``-13800000000`` → ``Y-13800000000``): there a year's difference is far below
   what is meant, and round numbers keep their precision.
2. ISO 8601: ``2001-03-12``, ``2001-03``, ``2001-03-12T14:30``, ``2001-03-12 14:30:05Z``.
3. EDTF: ``2001~``, ``2001-03-XX``, ``[2025-12-21..2025-12-31]``, ``Y-13800000000``,
   ``2001/2005`` (an interval; callers may split it into a start and an end).
4. Words: ``12 March 2001``, ``12th of March, 2001``, ``March 12, 2001``, ``Mar 2001``,
   ``2001 March 12``, ``12-Mar-2001``, with ``BC``/``BCE``/``AD``/``CE`` (``15 March 44 BC``),
   ``c.``/``circa``/``about`` (approximate, EDTF ``~``) and a final ``?`` (uncertain);
   ``65 million years ago``.
5. Numbers with separators: ``12/03/2001`` is read **day first** unless told otherwise
   (see :func:`prefers_day_first`: a column whose values only make sense month first,
   such as ``03/25/2001``, is read month first); ``12.03.2001`` is always day first;
   ``2001/03/12`` is year first; ``03/2001`` is a month. A two-digit year (``12/03/01``,
   ``12-Mar-01``) is refused as ambiguous rather than guessed.
6. Anything else python-dateutil understands with a year in it ("Mar 12 2001 2:30 PM").

The precision follows what was written: "March 2001" is ``2001-03``, "2001" is ``2001``.
Where a reading was a choice (day first, BCE), the date's ``reasoning`` says so.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from timeline_app.core import calendar as cal
from timeline_app.core import edtf
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.io.file_dates import number_problem

# python-dateutil ships no type hints; reached through importlib, it is plainly Any.
_dateutil_parser: Any = importlib.import_module("dateutil.parser")

#: Shown after a date that cannot be read.
EXAMPLES = "expected e.g. 2001-03-12, 12 March 2001, March 2001, 2001, -44 or EDTF such as 2001~"
#: Magnitude beyond which a negative number is a count of years, not a BCE year.
HISTORICAL_YEARS = 9999


class LooseDateError(ValueError):
    """A date that cannot be read; the message quotes it and says what was expected."""


_MONTHS = {name.lower(): index + 1 for index, name in enumerate(cal.MONTH_NAMES)}
_MONTHS.update({name[:3].lower(): index + 1 for index, name in enumerate(cal.MONTH_NAMES)})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d+)"
_SEP = r"[\s\-./,]+"
_WORD_FORMS = [
    re.compile(rf"^{_DAY}(?:\s+of)?{_SEP}{_MONTH},?{_SEP}{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH},?{_SEP}{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}{_SEP}{_MONTH}{_SEP}{_DAY}$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}\s+{_MONTH}$", re.IGNORECASE),
]
_WEEKDAY_RE = re.compile(
    r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ISO_RE = re.compile(
    r"^(?P<year>[+-]?\d{4,})-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d+)$")
_YEAR_FIRST_RE = re.compile(r"^(\d{3,})[/.](\d{1,2})[/.](\d{1,2})$")
_MONTH_YEAR_RE = re.compile(r"^(\d{1,2})[/.\-](\d{3,})$")
_GROUPED_RE = re.compile(r"^[+-]?\d{1,3}(?:[, _\u00a0\u202f]\d{3})+$")
_APPROXIMATE_RE = re.compile(
    r"^(?:c\.|ca\.?|circa|about|around|approx\.?|approximately|~)\s*", re.IGNORECASE)
_ERA_RE = re.compile(
    r"^(?:(?P<pre>AD|A\.D\.)\s*)?(?P<body>.*?)\s*"
    r"(?P<post>BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE|C\.E\.)?$", re.IGNORECASE)
_AGO_RE = re.compile(
    r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>thousand|million|billion)\s+years\s+ago$",
    re.IGNORECASE)
_UNITS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_AMBIGUOUS_NUMERIC_RE = re.compile(r"^\s*(\d{1,2})[/\-](\d{1,2})[/\-](\d+)\s*$")


def parse_loose_date(text: str, day_first: bool = True) -> UncertainDate:
    """Read a date as typed; raise :class:`LooseDateError` when it is not one.

    The result keeps ``text`` as its ``as_written`` when that differs from the EDTF.
    """
    written = " ".join(text.split())
    if not written:
        raise LooseDateError("the date is empty")
    # Before any parsing: absurd numbers make int() fail or the EDTF parser take minutes.
    problem = number_problem(written)
    if problem is not None:
        shown = written if len(written) <= 40 else written[:37] + "..."
        raise LooseDateError(f'date "{shown}": {problem}')
    code, reasoning = _read(written, day_first)
    try:
        date = UncertainDate(code, "" if written == code else written, reasoning)
    except EdtfError as error:
        raise LooseDateError(f'date "{written}" cannot be used: {error}') from None
    return date


def prefers_day_first(values: Iterable[str]) -> bool:
    """Decide how a column's numeric dates such as 03/04/2001 are to be read.

    Day first, unless some value only makes sense month first (03/25/2001) and none
    only makes sense day first (25/03/2001).
    """
    day_first_seen = month_first_seen = False
    for value in values:
        match = _AMBIGUOUS_NUMERIC_RE.match(value)
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first_seen = day_first_seen or first > 12
            month_first_seen = month_first_seen or second > 12
    return not (month_first_seen and not day_first_seen)


def edtf_from_fields(year: int, month: int | None = None, day: int | None = None,
                     hour: int | None = None, minute: int | None = None,
                     second: int | None = None) -> str:
    """The EDTF for checked date fields, at the precision they give.

    An hour or minute makes a date-time (``2001-03-12T14:00``); a time without a day,
    or a day without a month, is ignored.
    """
    code = edtf.format_date(year, month, day if month is not None else None)
    if month is None or day is None or (hour is None and minute is None):
        return code
    code += f"T{hour or 0:02d}:{minute or 0:02d}"
    return code + (f":{second:02d}" if second is not None else "")


def _read(written: str, day_first: bool) -> tuple[str, str]:
    """Return (EDTF, reasoning) for a date in any accepted form."""
    plain = _plain_year(written)
    if plain is not None:
        return plain
    iso = _iso(written)
    if iso is not None:
        return iso, ""
    if _is_edtf(written):
        return written, ""
    body, qualifier = _qualifiers(written)
    if not qualifier:
        return _words_or_numbers(body, day_first)
    code, reasoning = _read(body, day_first)
    return _qualified(code, qualifier), reasoning


def _is_edtf(text: str) -> bool:
    try:
        edtf.parse(text)
    except ValueError:
        return False
    return True


def _plain_year(written: str) -> tuple[str, str] | None:
    text = written
    if _GROUPED_RE.match(text):
        text = re.sub(r"[, _\u00a0\u202f]", "", text)
    if not re.fullmatch(r"[+-]?\d+", text):
        return None
    year = int(text)
    digits = text.lstrip("+-")
    zero_padded = len(digits) >= 4 and digits.startswith("0")  # EDTF's own "-0044"
    if year < 0 and not zero_padded and -year <= HISTORICAL_YEARS:
        return (edtf.format_date(year + 1),
                    f"'{written}' read as {-year} BCE (a minus sign marks years before "
                    "the common era; EDTF counts 1 BCE as year 0)")
    _check_year(year, written)
    return edtf.format_date(year), ""


def _iso(written: str) -> str | None:
    match = _ISO_RE.match(written)
    if match is None:
        return None
    year, month = int(match["year"]), int(match["month"])
    if match["day"] is None:
        return _format(year, month, None, written)
    code = _format(year, month, int(match["day"]), written)
    if match["hh"] is None:
        return code
    time = f"T{match['hh']}:{match['mi']}" + (f":{match['ss']}" if match["ss"] else "")
    return code + time + (match["tz"] or "")


def _qualifiers(written: str) -> tuple[str, str]:
    body, qualifier = written, ""
    approximate = _APPROXIMATE_RE.match(body)
    if approximate:
        body, qualifier = body[approximate.end():], "~"
    if body.endswith("?"):
        body = body[:-1].rstrip()
        qualifier = "%" if qualifier else "?"
    return body, qualifier


def _qualified(code: str, qualifier: str) -> str:
    # EDTF qualifies dates, not times of day: an approximate moment is an approximate day.
    return code.partition("T")[0] + qualifier


def _words_or_numbers(body: str, day_first: bool) -> tuple[str, str]:
    ago = _AGO_RE.match(body)
    if ago:
        years = round(float(ago["number"]) * _UNITS[ago["unit"].lower()])
        return edtf.format_date(-years), ""
    era = _ERA_RE.match(body)
    assert era is not None  # the pattern matches any text
    inner = era["body"]
    bce = bool(era["post"]) and era["post"].upper().replace(".", "") in ("BC", "BCE")
    has_era = bool(era["pre"] or era["post"]) and inner != body
    if has_era and re.fullmatch(r"\d+", inner.replace(",", "")):
        year = int(inner.replace(",", ""))
        return _era_year(year, bce, body), _bce_note(body, year) if bce else ""
    text = inner if has_era else body
    parts = _word_date(text, has_era) or _numeric_date(text, day_first, has_era)
    if parts is None:
        understood = _dateutil_date(body, day_first)
        if understood is None:
            raise LooseDateError(f'date "{body}" is not a date ({EXAMPLES})')
        return understood
    (year, month, day), reasoning = parts
    if bce:
        return _format(_bce(year), month, day, body), _bce_note(body, year)
    return _format(year, month, day, body), reasoning


def _word_date(text: str, has_era: bool) -> tuple[tuple[int, int, int | None], str] | None:
    text = _WEEKDAY_RE.sub("", text)
    for form in _WORD_FORMS:
        match = form.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        year_text = groups["year"]
        if len(year_text) <= 2 and not has_era:
            raise LooseDateError(f'date "{text}" has a two-digit year; write the year in '
                                 "full (e.g. 2001, or 44 CE)")
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"]) if groups.get("day") else None
        return (int(year_text), month, day), ""
    return None


def _numeric_date(text: str, day_first: bool,
                  has_era: bool) -> tuple[tuple[int, int, int | None], str] | None:
    match = _YEAR_FIRST_RE.match(text)
    if match:
        return (int(match.group(1)), int(match.group(2)), int(match.group(3))), ""
    match = _MONTH_YEAR_RE.match(text)
    if match:
        return (int(match.group(2)), int(match.group(1)), None), ""
    match = _NUMERIC_RE.match(text)
    if match is None:
        return None
    first, separator, second, year_text = match.groups()
    a, b = int(first), int(second)
    if len(year_text) <= 2 and not has_era:
        raise LooseDateError(f'date "{text}" has a two-digit year; write the year in full')
    year = int(year_text)
    if separator == "." or a > 12:
        day_first_here = True
    elif b > 12:
        day_first_here = False
    else:
        day_first_here = day_first
    day, month = (a, b) if day_first_here else (b, a)
    reasoning = ""
    if a <= 12 and b <= 12 and a != b and separator != ".":
        order = "day first" if day_first_here else "month first"
        reasoning = (f"'{text}' read {order} ({day} {cal.MONTH_NAMES[month - 1]} {year}), "
                     "as the rest of its column")
    return (year, month, day), reasoning


def _dateutil_date(text: str, day_first: bool) -> tuple[str, str] | None:
    if not re.search(r"\d{3,}", text):
        return None  # no year written: dateutil would borrow one from its default
    one = _dateutil_parse(text, day_first, datetime(1604, 1, 1, 0, 0, 0))
    two = _dateutil_parse(text, day_first, datetime(1608, 3, 3, 1, 1, 1))
    if one is None or two is None or one.year != two.year:
        return None
    if one.month != two.month:
        return edtf.format_date(one.year), ""
    if one.day != two.day:
        return edtf.format_date(one.year, one.month), ""
    code = edtf.format_date(one.year, one.month, one.day)
    if one.hour != two.hour:
        return code, ""  # no time of day written
    minute = one.minute if one.minute == two.minute else 0
    time = f"T{one.hour:02d}:{minute:02d}"
    if one.second == two.second:
        time += f":{one.second:02d}"
    return code + time + _zone(one), ""


def _dateutil_parse(text: str, day_first: bool, default: datetime) -> datetime | None:
    with warnings.catch_warnings():
        # dateutil takes unknown words ("BC", "X") for time zones and only warns:
        # such a reading is a guess, so it is refused.
        warnings.simplefilter("error")
        try:
            parsed: datetime = _dateutil_parser.parse(text, dayfirst=day_first,
                                                      default=default)
        except (ValueError, OverflowError, Warning):
            return None
    return parsed


def _zone(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "Z"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _era_year(year: int, bce: bool, written: str) -> str:
    _check_year(year, written)
    return edtf.format_date(_bce(year) if bce else year)


def _bce(year: int) -> int:
    # N BCE is astronomical 1 - N; beyond the historical range, a year is a round count.
    return 1 - year if year <= HISTORICAL_YEARS else -year


def _bce_note(written: str, year: int) -> str:
    if year > HISTORICAL_YEARS:
        return ""
    return f"'{written}' is {year} BCE, EDTF year {edtf.format_date(1 - year)} (1 BCE is year 0)"


def _format(year: int, month: int, day: int | None, written: str) -> str:
    _check_year(year, written)
    if not 1 <= month <= 12:
        raise LooseDateError(f'date "{written}": there is no month {month}')
    if day is not None and not 1 <= day <= cal.days_in_month(year, month):
        raise LooseDateError(f'date "{written}": {cal.MONTH_NAMES[month - 1]} has no day {day}'
                             f" in {year}")
    try:
        return edtf.format_date(year, month, day)
    except EdtfError:
        raise LooseDateError(f'date "{written}": a year beyond ±9999 cannot have a month or '
                             "day in EDTF; give the year alone") from None


def _check_year(year: int, written: str) -> None:
    if abs(year) > cal.MAX_ABS_YEAR:
        raise LooseDateError(f'date "{written}": years beyond ±{cal.MAX_ABS_YEAR:,} are not '
                             "supported")
