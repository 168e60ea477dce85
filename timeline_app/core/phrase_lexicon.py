"""Words and regular-expression pieces of date phrases; date strings are parsed by dateutil."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser  # type: ignore[import-untyped]

from timeline_app.core import calendar as cal

#: White space inside a phrase: spaces, tabs, no-break spaces, at most one line break
#: (a hard-wrapped line), never a blank line.
SP = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
#: Optional white space, same rules.
OSP = rf"(?:{SP})?"
#: Hyphens and dashes that join ranges ("2019–2022", "12-15 March").
DASH = r"[-‐‑‒–—]"

# Month names are matched only capitalised (or in capitals): "may" and "march" are verbs.
_FULL_MONTHS = "|".join(f"{name}|{name.upper()}" for name in cal.MONTH_NAMES)
_SHORT_MONTHS = "|".join(
    f"{short}|{short.upper()}"
    for short in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                  "Nov", "Dec")
)
#: A full month name.
MONTH_FULL = rf"(?:{_FULL_MONTHS})(?![A-Za-z])"
#: A full or abbreviated month name ("Jan.", "Sept").
MONTH = rf"(?:(?:{_FULL_MONTHS})(?![A-Za-z])|(?:{_SHORT_MONTHS})(?:\.|(?![A-Za-z])))"
#: Month names that are also common words or first names; alone they need a lead-in.
AMBIGUOUS_MONTHS = frozenset({"March", "April", "May", "June", "August"})

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A day of the week.
WEEKDAY = rf"(?:{'|'.join(_DAYS)})(?![A-Za-z])"
#: An optional day of the week before a date: "Tuesday, 20 January 2026".
WEEKDAY_PREFIX = rf"(?:(?P<weekday>{WEEKDAY}),?{SP})?"
#: A day of the month: "7", "07", "21st".
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
#: Era words; "BC" and "AD" only in capitals, to avoid ordinary words.
ERA = r"(?:BCE|BC|B\.C\.E\.|B\.C\.|CE|C\.E\.|AD|A\.D\.)(?![A-Za-z])"
#: A four-digit year not glued to other digits.
YEAR4 = r"(?<![\d,.])\d{4}(?![\d%])"
#: A year written with its era ("44 BC", "10,000 BCE", "AD 800"), in named groups.
YEAR_WITH_ERA = (rf"(?:(?<![\w$€£¥#.,])(?P<era_year>\d{{1,4}}|\d{{1,3}}(?:,\d{{3}})+){OSP}"
                 rf"(?P<era>{ERA})|(?P<era_before>AD|A\.D\.){OSP}(?P<ad_year>\d{{1,4}})"
                 rf"(?![\d%]))")
#: A four-digit year or a year with its era, in named groups (see :func:`era_year`).
YEAR = rf"(?:{YEAR_WITH_ERA}|(?P<year>{YEAR4}))"

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}
#: A small count in digits or words ("3", "three", "a").
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")(?![\w])"
#: Units of relative phrases and durations.
UNIT = r"(?:days?|weeks?|months?|years?|decades?)"

_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first",
)
#: An ordinal from 1st to 21st, in digits or words.
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"


def number_value(text: str) -> int:
    """The value of a :data:`NUMBER` match."""
    word = text.lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def ordinal_value(text: str) -> int:
    """The value of an :data:`ORDINAL` match."""
    word = text.lower()
    if word[0].isdigit():
        return int(word[:-2])
    return _ORDINALS.index(word) + 1


def month_number(name: str) -> int:
    """The number of a month name or abbreviation, as dateutil reads it."""
    number = dateutil_parser.parserinfo().month(name.rstrip("."))
    if number is None:
        raise ValueError(f"not a month name: {name}")
    return int(number)


def weekday_number(name: str) -> int:
    """Monday is 0, as ``datetime.date.weekday`` counts."""
    return _DAYS.index(name)


def weekday_check(written: str | None, day: tuple[int, int, int]) -> str:
    """A note when the day of the week written does not fit the date; "" when it does."""
    if not written or not 1 <= day[0] <= 9999:
        return ""
    actual = date(*day).weekday()
    if actual == weekday_number(written):
        return ""
    return f"the text says {written}, but that day was a {_DAYS[actual]}"


def parse_date_string(text: str, default_year: int = 2000) -> tuple[int, int, int] | None:
    """Parse a written date ("March 12, 2001", "12th of March") with dateutil.

    Parts the string lacks come from ``default_year``-01-01; the default is a leap
    year so that "29 February" without a year is accepted. ``None`` when dateutil
    cannot read it or the day does not exist.
    """
    cleaned = re.sub(r"\s+", " ", text).strip()
    try:
        value = dateutil_parser.parse(cleaned, default=datetime(default_year, 1, 1))
    except (ValueError, OverflowError):
        return None
    return value.year, value.month, value.day


def era_year(match: re.Match[str]) -> int | None:
    """The astronomical year of a :data:`YEAR` match: "44 BC" is -43, "AD 800" is 800."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("ad_year"):
        return int(groups["ad_year"])
    number = int(groups["era_year"].replace(",", ""))
    if number == 0 or number > cal.MAX_ABS_YEAR:
        return None  # there is no year 0 BC or AD
    return 1 - number if groups["era"].upper().startswith("B") else number
