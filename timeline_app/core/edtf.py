"""Parse Extended Date/Time Format (EDTF, ISO 8601-2) strings into time windows.

Supported: all of Level 0 and Level 1 (qualifiers ``? ~ %``, unspecified digits ``X``,
``Y``-prefixed long years, seasons 21-24, open ``..`` and unknown interval ends) and
most of Level 2 (exponents ``E``, significant digits ``S``, qualified components,
sub-year groupings 25-41, ``[one of]`` and ``{all of}`` sets with ``..`` ranges).

Every date becomes a :class:`Span`: a half-open window of instants (integer seconds,
see :mod:`calendar`), a precision and the qualifiers. The window is exact for years
from -100 billion to +100 billion, so deep time and minutes share one representation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from timeline_app.core import calendar as cal


class EdtfError(ValueError):
    """An EDTF string that cannot be read; the message says what was expected."""


class Precision(IntEnum):
    """How finely a date is known, from coarsest to finest."""

    BILLION_YEARS = 0
    MILLION_YEARS = 1
    THOUSAND_YEARS = 2
    CENTURY = 3
    DECADE = 4
    YEAR = 5
    SEASON = 6
    MONTH = 7
    DAY = 8
    HOUR = 9
    MINUTE = 10
    SECOND = 11

    @property
    def label(self) -> str:
        """A short human name, e.g. "million years"."""
        return self.name.lower().replace("_", " ")


@dataclass(frozen=True)
class Span:
    """What one EDTF date denotes: a window [earliest, latest) of instants.

    ``earliest``/``latest`` are ``None`` only for the open ends of a set such as
    ``[..2026-01-20]``. ``one_of`` marks a single unknown moment within a wider
    window (sets, or unspecified digits in the middle of a date), as opposed to a
    date known to a coarse precision, whose window is simply its year or month.
    """

    earliest: int | None
    latest: int | None
    precision: Precision
    uncertain: bool = False
    approximate: bool = False
    one_of: bool = False


@dataclass(frozen=True)
class Interval:
    """An EDTF interval ``start/end``; an end that is ``None`` is open or unknown."""

    start: Span | None
    end: Span | None
    start_open: bool = False  # ".." as opposed to "" (unknown)
    end_open: bool = False


Parsed = Span | Interval

# Sub-year groupings: code -> (first month, number of months).  Months past 12 run
# into the next year (winter).
_GROUPINGS: dict[int, tuple[int, int]] = {
    21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3),  # seasons (northern, meteorological)
    25: (3, 3), 26: (6, 3), 27: (9, 3), 28: (12, 3),  # northern hemisphere seasons
    29: (9, 3), 30: (12, 3), 31: (3, 3), 32: (6, 3),  # southern hemisphere seasons
    33: (1, 3), 34: (4, 3), 35: (7, 3), 36: (10, 3),  # quarters
    37: (1, 4), 38: (5, 4), 39: (9, 4),  # quadrimesters
    40: (1, 6), 41: (7, 6),  # semesters
}

_Q = r"[?~%]?"
_DATE_RE = re.compile(
    rf"""^(?P<yq>{_Q})(?P<year>Y-?\d+(?:E\d+)?|-?[\dX]{{4}})(?:S(?P<sig>\d+))?(?P<yq2>{_Q})
    (?:-(?P<mq>{_Q})(?P<month>[\dX]{{2}})(?P<mq2>{_Q})
       (?:-(?P<dq>{_Q})(?P<day>[\dX]{{2}})(?P<dq2>{_Q})
          (?:T(?P<hh>\d{{2}}):(?P<mi>\d{{2}})(?::(?P<ss>\d{{2}}))?
             (?P<tz>Z|[+-]\d{{2}}(?::?\d{{2}})?)?)?
       )?
    )?$""",
    re.VERBOSE,
)


def parse(text: str) -> Parsed:
    """Parse an EDTF string; raise :class:`EdtfError` explaining what was expected."""
    value = text.strip()
    if not value:
        raise EdtfError("an EDTF date is required (for example 2025, 2025-12 or 2025-12-31)")
    try:
        if "/" in value:
            return _parse_interval(value)
        if value[0] in "[{":
            return _parse_set(value)
        return _parse_date(value)
    except EdtfError as error:
        raise EdtfError(f"'{value}' is not a valid EDTF date: {error}") from None


def _parse_interval(value: str) -> Interval:
    if value.count("/") != 1:
        raise EdtfError("an interval has exactly one '/' between its start and end")
    first, second = value.split("/")
    if first in ("", "..") and second in ("", ".."):
        raise EdtfError("at least one end of an interval must be a date")
    start = None if first in ("", "..") else _parse_date(first)
    end = None if second in ("", "..") else _parse_date(second)
    if start and end and start.earliest is not None and end.latest is not None \
            and end.latest <= start.earliest:
        raise EdtfError("the interval ends before it starts")
    return Interval(start, end, start_open=first == "..", end_open=second == "..")


def _parse_set(value: str) -> Span:
    closing = "]" if value[0] == "[" else "}"
    if not value.endswith(closing):
        raise EdtfError(f"a set that opens with '{value[0]}' must close with '{closing}'")
    one_of = value[0] == "["
    members = [m.strip() for m in value[1:-1].split(",")]
    if not members or any(not m for m in members):
        raise EdtfError("a set lists dates separated by commas, e.g. [2025-12-21..2025-12-31]")
    earliest: int | None = None
    latest: int | None = None
    open_before = open_after = False
    spans: list[Span] = []
    for index, member in enumerate(members):
        if ".." in member:
            low, _, high = member.partition("..")
            if low == "" and index == 0:
                open_before = True
            if high == "" and index == len(members) - 1:
                open_after = True
            if (low == "" and index != 0) or (high == "" and index != len(members) - 1):
                raise EdtfError("only the first member may start with '..' "
                                "and only the last may end with it")
            parts = [_parse_date(p) for p in (low, high) if p]
            if len(parts) == 2 and _bounds(parts[1])[1] <= _bounds(parts[0])[0]:
                raise EdtfError(f"the range '{member}' ends before it starts")
            spans.extend(parts)
        else:
            spans.append(_parse_date(member))
    if not spans:
        raise EdtfError("a set needs at least one date")
    earliest = None if open_before else min(_bounds(s)[0] for s in spans)
    latest = None if open_after else max(_bounds(s)[1] for s in spans)
    precision = max(s.precision for s in spans)
    single = len(spans) == 1 and not (open_before or open_after)
    return Span(
        earliest,
        latest,
        precision,
        uncertain=any(s.uncertain for s in spans),
        approximate=any(s.approximate for s in spans),
        one_of=one_of and not single,
    )


def _bounds(span: Span) -> tuple[int, int]:
    # Dates parsed by _parse_date always have both bounds.
    assert span.earliest is not None and span.latest is not None
    return span.earliest, span.latest


def _parse_date(value: str) -> Span:
    match = _DATE_RE.match(value)
    if match is None:
        raise EdtfError(_explain_mismatch(value))
    groups = match.groupdict()
    qualifiers = "".join(groups[k] or "" for k in ("yq", "yq2", "mq", "mq2", "dq", "dq2"))
    uncertain = "?" in qualifiers or "%" in qualifiers
    approximate = "~" in qualifiers or "%" in qualifiers

    low_year, high_year, year_precision = _year_range(groups["year"], groups["sig"])
    month_text, day_text = groups["month"], groups["day"]
    if month_text is None:
        earliest = cal.year_start(low_year)
        latest = cal.year_start(high_year + 1)
        return Span(earliest, latest, year_precision, uncertain, approximate)
    if groups["sig"]:
        raise EdtfError("significant digits (S) apply only to a year on its own")
    if groups["year"].startswith("Y"):
        raise EdtfError("a year written with 'Y' cannot have a month or day")

    if "X" not in month_text and int(month_text) in _GROUPINGS:
        if day_text is not None:
            raise EdtfError("a season or quarter cannot have a day")
        first, length = _GROUPINGS[int(month_text)]
        earliest = cal.to_instant(low_year, first)
        end_year, end_month = cal.add_months(high_year, first, length)
        return Span(earliest, cal.to_instant(end_year, end_month), Precision.SEASON,
                    uncertain, approximate)

    months = _matching(month_text, range(1, 13), "month", "01-12, or 21-41 for seasons")
    if day_text is None:
        earliest = cal.to_instant(low_year, months[0])
        end_year, end_month = cal.add_months(high_year, months[-1], 1)
        latest = cal.to_instant(end_year, end_month)
        precision, one_of = _coarsened(groups["year"], month_text, None, year_precision)
        return Span(earliest, latest, precision, uncertain, approximate, one_of)

    days = _matching(day_text, range(1, 32), "day", "01-31")
    fully_known = "X" not in day_text + month_text + groups["year"]
    if fully_known and days[0] > cal.days_in_month(low_year, months[0]):
        raise EdtfError(
            f"day {days[0]} does not exist in {cal.MONTH_NAMES[months[0] - 1]} {low_year}"
        )
    first_day = min(days[0], cal.days_in_month(low_year, months[0]))
    last_day = min(days[-1], cal.days_in_month(high_year, months[-1]))
    earliest = cal.to_instant(low_year, months[0], first_day)
    if groups["hh"] is None:
        latest = cal.to_instant(high_year, months[-1], last_day) + cal.SECONDS_PER_DAY
        precision, one_of = _coarsened(groups["year"], month_text, day_text, year_precision)
        return Span(earliest, latest, precision, uncertain, approximate, one_of)

    if "X" in value.partition("T")[0]:
        raise EdtfError("a time of day needs a fully specified date")
    return _with_time(earliest, groups, uncertain, approximate)


def _with_time(day_start: int, groups: dict[str, str | None], uncertain: bool,
               approximate: bool) -> Span:
    hour, minute = int(groups["hh"] or 0), int(groups["mi"] or 0)
    second_text = groups["ss"]
    second = int(second_text) if second_text else 0
    if hour > 23 or minute > 59 or second > 59:
        raise EdtfError("time must be hh:mm:ss within 00:00:00-23:59:59")
    offset = _tz_offset(groups["tz"])
    instant = day_start + hour * 3600 + minute * 60 + second - offset
    step = 1 if second_text else 60
    precision = Precision.SECOND if second_text else Precision.MINUTE
    return Span(instant, instant + step, precision, uncertain, approximate)


def _tz_offset(tz: str | None) -> int:
    if tz is None or tz == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise EdtfError("a time zone offset is ±hh:mm within ±14:00")
    return sign * (hours * 3600 + minutes * 60)


def _year_range(text: str, significant: str | None) -> tuple[int, int, Precision]:
    """Return the lowest and highest year a year token allows, and its precision."""
    if text.startswith("Y"):
        body = text[1:]
        mantissa, _, exponent = body.partition("E")
        # Check the size before computing it: Y1E99999999 would take minutes to build.
        if len(mantissa.lstrip("-0")) + int(exponent or 0) > len(str(cal.MAX_ABS_YEAR)):
            raise EdtfError(f"years beyond ±{cal.MAX_ABS_YEAR:,} are not supported")
        year = int(mantissa) * 10 ** int(exponent or 0)
        digits = len(str(abs(year)))
        if not exponent and digits <= 4:
            raise EdtfError("a 'Y' year needs more than four digits; write short years plainly")
        _check_range(year)
        if significant:
            return _significant(year, int(significant))
        zeros = len(str(abs(year))) - len(str(abs(year)).rstrip("0"))
        return year, year, _precision_for_years(10 ** zeros if year else 1)
    if text == "-0000":
        raise EdtfError("year zero is 0000, not -0000")
    if "X" in text:
        if significant:
            raise EdtfError("a year cannot have both unspecified digits and S")
        negative = text.startswith("-")
        pattern = text.lstrip("-")
        low, high = int(pattern.replace("X", "0")), int(pattern.replace("X", "9"))
        if negative:
            low, high = -high, -low
        unspecified = len(pattern) - len(pattern.rstrip("X"))
        return low, high, _precision_for_years(10**unspecified)
    year = int(text)
    if significant:
        return _significant(year, int(significant))
    return year, year, Precision.YEAR


def _significant(year: int, significant: int) -> tuple[int, int, Precision]:
    digits = len(str(abs(year)))
    if not 1 <= significant <= digits:
        raise EdtfError(f"S{significant} asks for more significant digits than the year has")
    unit = 10 ** (digits - significant)
    magnitude = abs(year) // unit * unit
    low, high = magnitude, magnitude + unit - 1
    if year < 0:
        low, high = -high, -low
    return low, high, _precision_for_years(unit)


def _precision_for_years(years: int) -> Precision:
    for limit, precision in (
        (1_000_000_000, Precision.BILLION_YEARS),
        (1_000_000, Precision.MILLION_YEARS),
        (1_000, Precision.THOUSAND_YEARS),
        (100, Precision.CENTURY),
        (10, Precision.DECADE),
    ):
        if years >= limit:
            return precision
    return Precision.YEAR


def _check_range(year: int) -> None:
    if abs(year) > cal.MAX_ABS_YEAR:
        raise EdtfError(f"years beyond ±{cal.MAX_ABS_YEAR:,} are not supported")


def _matching(pattern: str, candidates: range, what: str, expected: str) -> list[int]:
    """Return the candidate values that a two-digit pattern with X digits allows."""
    values = [v for v in candidates if all(p in ("X", d) for p, d in zip(pattern, f"{v:02d}"))]
    if not values:
        raise EdtfError(f"{what} {pattern} does not exist (use {expected})")
    return values


def _coarsened(year: str, month: str, day: str | None,
               year_precision: Precision) -> tuple[Precision, bool]:
    """Precision and one-of flag for a date whose components may hold X digits.

    Unspecified digits only at the end ("2004-06-XX") make the date coarser; digits
    unspecified in the middle ("156X-12-25") leave one unknown day in a window.
    """
    components = [year.lstrip("-Y"), month] + ([day] if day is not None else [])
    text = "".join(components)
    if "X" not in text:
        return (Precision.DAY if day is not None else Precision.MONTH), False
    trailing = text.rstrip("X")
    if "X" in trailing:
        return (Precision.DAY if day is not None else Precision.MONTH), True
    specified = len(trailing)
    year_digits = len(components[0])
    if specified < year_digits:
        return year_precision, False
    if specified == year_digits:
        return Precision.YEAR, False
    if specified == year_digits + 1:
        return Precision.MONTH, True
    if specified == year_digits + 2:
        return Precision.MONTH, False
    return Precision.DAY, True


def _explain_mismatch(value: str) -> str:
    if re.fullmatch(r"-?\d{5,}", value):
        return "a year with more than four digits starts with 'Y' (for example Y-13800000000)"
    if re.fullmatch(r"\d{1,3}", value):
        return "a year has four digits (for example 0044 or 2001)"
    if re.fullmatch(r"\d{4}-\d(-\d{1,2})?", value) or re.fullmatch(r"\d{4}-\d{2}-\d", value):
        return "months and days have two digits (for example 2025-01-05)"
    return "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with ?, ~ or %, an interval A/B, " \
        "or a set such as [2025-12-21..2025-12-31]"


def format_date(year: int, month: int | None = None, day: int | None = None,
                qualifier: str = "") -> str:
    """Return the EDTF for a plain year, month or day, with an optional qualifier."""
    if not -9999 <= year <= 9999:
        text = f"Y{year}"
        if month is not None:
            raise EdtfError("EDTF has no month for years written with 'Y'")
    else:
        text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text + qualifier


def format_day_window(first: tuple[int, int, int], last: tuple[int, int, int]) -> str:
    """Return the EDTF for one unknown day between two days: ``[first..last]``."""
    return f"[{format_date(*first)}..{format_date(*last)}]"
