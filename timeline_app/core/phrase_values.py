"""Values shared by the phrase rules: resolved dates, the publication reference, EDTF builders."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline_app.core import calendar as cal
from timeline_app.core import describe
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision, format_date, format_day_window

#: A civil day as (year, month, day), astronomical years: works before year 1 too.
Day = tuple[int, int, int]


@dataclass(frozen=True)
class Resolved:
    """What a core date phrase means: an EDTF date, or a closed range of two.

    ``vague`` marks dates only bounded by the publication ("recently", "now"),
    which lose to any other date when one must be chosen. ``note`` explains a
    reading that is not obvious ("mid = days 11–20").
    """

    edtf: str
    end: str | None = None
    vague: bool = False
    note: str = ""


#: Builds a core date from a match; relative rules also get the publication day.
Build = Callable[[re.Match[str], date], Resolved | None]


@dataclass(frozen=True)
class Rule:
    """A kind of core date phrase: a pattern and what a match of it means.

    A ``relative`` rule needs the publication day (``build`` is called with it);
    an absolute rule is called with any day and ignores it.
    """

    name: str
    pattern: re.Pattern[str]
    build: Build
    relative: bool = False


@dataclass(frozen=True)
class Reference:
    """The publication date that relative phrases are resolved against.

    A publication known only to the month (or a window) has a first and a last
    possible day; a relative phrase is resolved against both and the results joined.
    """

    first: date
    last: date
    label: str

    @classmethod
    def of(cls, published: UncertainDate | None) -> Reference | None:
        """The reference of a publication date; ``None`` if it has no bounded window."""
        if published is None or published.is_open:
            return None
        low, high = published.earliest, published.latest
        if low is None or high is None:
            return None
        first, last = cal.from_instant(low), cal.from_instant(high - 1)
        if first.year < 1 or last.year > 9999:
            return None  # datetime.date cannot hold it, and no news is that old
        return cls(date(*first[:3]), date(*last[:3]), published.edtf)


def day_of(value: date) -> Day:
    """A ``datetime.date`` as a :data:`Day`."""
    return value.year, value.month, value.day


def day_edtf(day: Day) -> str:
    """The EDTF of one day."""
    return format_date(*day)


def day_window(first: Day, last: Day) -> str:
    """One unknown day from ``first`` to ``last`` (a plain day when they are equal)."""
    return day_edtf(first) if first == last else format_day_window(first, last)


def month_window(first: tuple[int, int], last: tuple[int, int]) -> str:
    """One unknown month from ``first`` to ``last`` (year, month)."""
    if first == last:
        return format_date(*first)
    return f"[{format_date(*first)}..{format_date(*last)}]"


def year_window(first: int, last: int) -> str:
    """One unknown year from ``first`` to ``last``."""
    return format_date(first) if first == last else f"[{format_date(first)}..{format_date(last)}]"


def until_window(last: date) -> str:
    """On or before ``last``: what "recently" or "now" can say."""
    return f"[..{day_edtf(day_of(last))}]"


def part_of_month(year: int, month: int, part: str) -> str:
    """early/mid/late of a month: days 1–10, 11–20 and 21–end (the project's convention)."""
    first, last = {"early": (1, 10), "mid": (11, 20)}.get(
        part, (21, cal.days_in_month(year, month)))
    return day_window((year, month, first), (year, month, last))


PART_NOTES = {"early": "early = days 1–10", "mid": "mid = days 11–20",
              "late": "late = day 21 to the month's end"}

#: Words meaning early/mid/late: "the end of March" is late March.
PART_WORDS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid",
              "middle": "mid", "late": "late", "end": "late"}


def part_word(text: str | None) -> str:
    """Normalise an early/mid/late word ("the end of" -> "late"); "" when absent."""
    if not text:
        return ""
    key = re.sub(r"^the\s+|\s+of$", "", text.lower().strip().rstrip("-").strip())
    return PART_WORDS[key]


def bounds(edtf_text: str) -> tuple[Day, Day]:
    """The first and last day an EDTF date allows (both ends must be bounded)."""
    value = UncertainDate(edtf_text)
    low, high = value.earliest, value.latest
    assert low is not None and high is not None, edtf_text
    return cal.from_instant(low)[:3], cal.from_instant(high - 1)[:3]


def hull(first: str, second: str) -> str:
    """One unknown day in the smallest window holding two dates (open ends stay open)."""
    a, b = UncertainDate(first), UncertainDate(second)
    low = None if a.earliest is None or b.earliest is None else min(a.earliest, b.earliest)
    high = None if a.latest is None or b.latest is None else max(a.latest, b.latest)
    if low is not None and high is not None:
        return day_window(cal.from_instant(low)[:3], cal.from_instant(high - 1)[:3])
    low_text = day_edtf(cal.from_instant(low)[:3]) if low is not None else ""
    high_text = day_edtf(cal.from_instant(high - 1)[:3]) if high is not None else ""
    return f"[{low_text}..{high_text}]"


def words(edtf_text: str) -> str:
    """A date in words, with day windows as "21–31 December 2025" (the reasoning style)."""
    value = UncertainDate(edtf_text)
    span = value.start_span
    if value.is_interval or span is None or not span.one_of:
        return describe.date_text(value)
    if span.earliest is None or span.latest is None:
        return describe.date_text(value)
    first, last = cal.from_instant(span.earliest), cal.from_instant(span.latest - 1)
    if span.precision >= Precision.DAY:
        return _day_range_words(first[:3], last[:3])
    if span.precision == Precision.MONTH and first.year == last.year:
        names = cal.MONTH_NAMES
        return f"{names[first.month - 1]}–{names[last.month - 1]} {describe.year_text(last.year)}"
    return describe.date_text(value)


def _day_range_words(first: Day, last: Day) -> str:
    names = cal.MONTH_NAMES
    if first[:2] == last[:2]:
        return f"{first[2]}–{last[2]} {names[first[1] - 1]} {describe.year_text(first[0])}"
    if first[0] == last[0]:
        return (f"{first[2]} {names[first[1] - 1]} – {last[2]} {names[last[1] - 1]} "
                f"{describe.year_text(first[0])}")
    return f"{_day_words(first)} – {_day_words(last)}"


def _day_words(day: Day) -> str:
    return f"{day[2]} {cal.MONTH_NAMES[day[1] - 1]} {describe.year_text(day[0])}"
