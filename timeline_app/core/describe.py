"""Dates and windows in words: "between 21 and 31 December 2025", "13.8 billion years ago"."""

from __future__ import annotations

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision, Span
from timeline_app.core.model import Event

#: Years before this are told as "N years ago" rather than as calendar years.
DEEP_TIME_YEAR = -9999
#: Years after this are told as "N years from now".
FAR_FUTURE_YEAR = 99_999
#: The present that deep-time phrases count back from (only 3 significant digits show).
PRESENT_YEAR = 2000


def year_text(year: int) -> str:
    """A calendar year as people write it: "2001", "44 BCE", "13.8 billion years ago"."""
    if year < DEEP_TIME_YEAR:
        return years_ago_text(PRESENT_YEAR - year)
    if year > FAR_FUTURE_YEAR:
        return years_ago_text(year - PRESENT_YEAR).replace(" ago", " from now")
    number, era = cal.era_year(year)
    if era == "BCE":
        return f"{number} BCE"
    # Short years read as counts without an era: "476 CE", not "476".
    return f"{number} CE" if number < 1000 else str(number)


def years_ago_text(years: int) -> str:
    """A count of years back, rounded to three significant digits at large scales."""
    for unit, name in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if years >= unit:
            return f"{_significant(years / unit)} {name} years ago"
    return f"{years:,} years ago"


def _significant(value: float) -> str:
    text = f"{value:.3g}"
    return text if "e" not in text else f"{value:,.0f}"


def day_text(instant: int) -> str:
    """A day in words: "20 January 2026"."""
    civil = cal.from_instant(instant)
    return f"{civil.day} {cal.MONTH_NAMES[civil.month - 1]} {year_text(civil.year)}"


def month_text(instant: int) -> str:
    """A month in words: "December 2025"."""
    civil = cal.from_instant(instant)
    return f"{cal.MONTH_NAMES[civil.month - 1]} {year_text(civil.year)}"


def span_text(span: Span) -> str:
    """Describe one EDTF span in words, with its qualifiers."""
    text = _bare_span_text(span)
    if span.approximate:
        text = f"about {text}"
    if span.uncertain:
        text = f"{text} (uncertain)"
    return text


def _bare_span_text(span: Span) -> str:
    low, high = span.earliest, span.latest
    if low is None and high is None:
        return "at an unknown time"
    if low is None:
        assert high is not None
        return f"on or before {_unit_text(high - 1, span.precision)}"
    if high is None:
        return f"on or after {_unit_text(low, span.precision)}"
    last = high - 1
    if span.one_of or _covers_several_units(low, last, span.precision):
        return between_text(low, last, span.precision)
    return _unit_text(low, span.precision)


def _covers_several_units(low: int, last: int, precision: Precision) -> bool:
    if precision >= Precision.DAY:
        return False
    if precision == Precision.SEASON:
        return True  # told as its months, which cannot be mistaken for another season
    if precision == Precision.MONTH:
        return cal.from_instant(low)[:2] != cal.from_instant(last)[:2]
    return cal.from_instant(low).year != cal.from_instant(last).year


def _unit_text(instant: int, precision: Precision) -> str:
    civil = cal.from_instant(instant)
    if precision >= Precision.MINUTE:
        return f"{day_text(instant)}, {civil.hour:02d}:{civil.minute:02d} UTC"
    if precision == Precision.HOUR:
        return f"{day_text(instant)}, {civil.hour:02d}:00 UTC"
    if precision == Precision.DAY:
        return day_text(instant)
    if precision in (Precision.MONTH, Precision.SEASON):
        return month_text(instant)
    return year_text(civil.year)


def between_text(low: int, last: int, precision: Precision) -> str:
    """"between 21 and 31 December 2025", sharing what both ends have in common."""
    a, b = cal.from_instant(low), cal.from_instant(last)
    if precision >= Precision.DAY and precision < Precision.HOUR:
        if (a.year, a.month) == (b.year, b.month):
            return f"between {a.day} and {day_text(last)}"
        if a.year == b.year:
            return (f"between {a.day} {cal.MONTH_NAMES[a.month - 1]} and {day_text(last)}")
        return f"between {day_text(low)} and {day_text(last)}"
    if precision in (Precision.MONTH, Precision.SEASON):
        if a.year == b.year:
            return f"between {cal.MONTH_NAMES[a.month - 1]} and {month_text(last)}"
        return f"between {month_text(low)} and {month_text(last)}"
    if precision > Precision.DAY:
        return f"between {_unit_text(low, precision)} and {_unit_text(last, precision)}"
    return _years_between(a.year, b.year)


def _years_between(first: int, last: int) -> str:
    if last < DEEP_TIME_YEAR:
        older, younger = PRESENT_YEAR - first, PRESENT_YEAR - last
        low_text = years_ago_text(older).replace(" years ago", "")
        high_text = years_ago_text(younger)
        for unit in (" billion", " million"):
            if low_text.endswith(unit) and high_text.endswith(f"{unit} years ago"):
                low_text = low_text[: -len(unit)]
        if low_text == high_text.replace(" years ago", ""):
            return high_text
        return f"between {low_text} and {high_text}"
    return f"between {year_text(first)} and {year_text(last)}"


def date_text(date: UncertainDate) -> str:
    """Describe an uncertain date (possibly an EDTF interval) in words."""
    if date.is_open:
        return "ongoing"
    start, end = date.start_span, date.end_span
    if not date.is_interval:
        assert start is not None
        return span_text(start)
    first = span_text(start) if start else "an unknown time"
    if end is None:
        return f"from {first}, ongoing"
    return f"from {first} to {span_text(end)}"


def event_window_text(event: Event, ongoing_until: int | None = None) -> str:
    """The event's whole window in words, e.g. "from 2022, ongoing on 20 January 2026"."""
    start = date_text(event.start)
    if event.end is None:
        return start
    if event.end.is_open:
        if ongoing_until is None:
            return f"from {start}, ongoing"
        return f"from {start}, ongoing on {day_text(ongoing_until - 1)}"
    return f"from {start} to {date_text(event.end)}"


def range_text(start: int, end: int) -> str:
    """A visible range in words at a granularity that suits its length."""
    span_years = (end - start) / cal.SECONDS_PER_MEAN_YEAR
    first, last = cal.from_instant(start), cal.from_instant(end)
    if span_years >= 3 or first.year < DEEP_TIME_YEAR:
        return f"{year_text(first.year)} – {year_text(last.year)}"
    if span_years >= 60 / 365:
        return f"{month_text(start)} – {month_text(end)}"
    if end - start >= 2 * cal.SECONDS_PER_DAY:
        return f"{day_text(start)} – {day_text(end)}"
    return (f"{day_text(start)}, {first.hour:02d}:{first.minute:02d} – "
            f"{day_text(end)}, {last.hour:02d}:{last.minute:02d} UTC")


def precision_text(precision: Precision) -> str:
    """A precision as a phrase: "to the day", "to the month", "to the million years"."""
    return f"to the {precision.label}"
