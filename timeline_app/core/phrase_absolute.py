"""Rules for dates that need no publication date: "12 March 2001", "the 1990s", "44 BC"."""

from __future__ import annotations

import re
from datetime import date

from timeline_app.core import calendar as cal
from timeline_app.core.edtf import format_date
from timeline_app.core.phrase_lexicon import (
    DASH,
    DAY,
    ERA,
    MONTH,
    ORDINAL,
    OSP,
    SP,
    WEEKDAY_PREFIX,
    YEAR,
    YEAR4,
    YEAR_WITH_ERA,
    era_year,
    month_number,
    ordinal_value,
    parse_date_string,
    weekday_check,
)
from timeline_app.core.phrase_values import (
    PART_NOTES,
    Resolved,
    Rule,
    month_window,
    part_of_month,
    part_word,
    year_window,
)

_PART = r"(?P<part>(?i:early|mid|late)(?:-|" + SP + r")|(?i:the)" + SP + \
    r"(?i:beginning|start|middle|end)" + SP + r"of" + SP + r")?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _full_date(match: re.Match[str], _: date) -> Resolved | None:
    """"12 March 2001", "March 12, 2001", "Tuesday, 20 January 2026", "15 March 44 BC"."""
    year = era_year(match)
    if year is None:
        return None
    day_month = re.sub(r"(?i)^the\s+", "", match.group("day_month"))  # dateutil rejects "the"
    if match.group("year") and year >= 1000:
        # dateutil reads the whole string; years below 1000 it would take for 20th-century ones.
        parsed = parse_date_string(f"{day_month} {year}")
    else:
        parsed = parse_date_string(day_month)
        if parsed and parsed[2] > cal.days_in_month(year, parsed[1]):
            return None
    if parsed is None:
        return None
    day = (year, parsed[1], parsed[2])
    return Resolved(format_date(*day), note=weekday_check(match.group("weekday"), day))


def _iso_date(match: re.Match[str], _: date) -> Resolved | None:
    parsed = parse_date_string(match.group(0))
    if parsed is None or parsed[0] != int(match.group(0)[:4]):
        return None
    return Resolved(format_date(*parsed))


def _month_year(match: re.Match[str], _: date) -> Resolved | None:
    """"March 2001", "early March 2001", "the end of March 2001"."""
    year = era_year(match)
    if year is None:
        return None
    month = month_number(match.group("month"))
    part = part_word(match.group("part"))
    if not part:
        return Resolved(format_date(year, month))
    return Resolved(part_of_month(year, month, part), note=PART_NOTES[part])


# Seasons follow EDTF (21 spring ... 24 winter, which runs into the next year).
_SUBYEAR = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24,
            "q1": 33, "q2": 34, "q3": 35, "q4": 36, "h1": 40, "h2": 41}


def _part_of_year(match: re.Match[str], _: date) -> Resolved | None:
    """Seasons, quarters and halves: "summer 2025", "Q3 2024", "the first half of 2025"."""
    year = era_year(match)
    if year is None or not -9999 <= year <= 9999:
        return None
    name = match.group("season") or match.group("unit_name")
    if name:
        key = name.lower()
    else:
        number = match.group("qn") or str(ordinal_value(match.group("ordinal")))
        kind = "q" if (match.group("kind") or "quarter").lower() == "quarter" else "h"
        key = f"{kind}{number}"
    code = _SUBYEAR.get(key)
    if code is None:
        return None
    note = "northern-hemisphere season, as EDTF defines it" if code < 25 else ""
    return Resolved(f"{format_date(year)}-{code}", note=note)


def _third_of_year(match: re.Match[str], _: date) -> Resolved | None:
    """"early 2025", "mid-2025", "the end of 2025": the first, middle or last four months."""
    year = era_year(match)
    if year is None or not -9999 <= year <= 9999:
        return None
    first = {"early": 1, "mid": 5, "late": 9}[part_word(match.group("part"))]
    note = "early/mid/late of a year = its first, middle or last four months"
    return Resolved(month_window((year, first), (year, first + 3)), note=note)


def _decade(match: re.Match[str], _: date) -> Resolved | None:
    """"the 1990s" -> 199X; "the early 1990s" -> 1990–1993; "the 1800s" reads as a century."""
    start = int(match.group("decade"))
    part = part_word(match.group("part"))
    if start % 100 == 0 and start < 2000 and not part:
        return Resolved(f"{start // 100:02d}XX", note=f"'{start}s' read as the century")
    if part:
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        note = "early/mid/late of a decade = years 0–3, 4–6, 7–9"
        return Resolved(year_window(start + first, start + last), note=note)
    return Resolved(f"{start // 10:03d}X")


def _century(match: re.Match[str], _: date) -> Resolved | None:
    """"the 19th century" -> 18XX (1800–1899, as most writers mean it); BC centuries too."""
    number = ordinal_value(match.group("ordinal"))
    if not 1 <= number <= 99:
        return None
    if (match.group("era") or "").upper().startswith("B"):
        # The 5th century BC is 500–401 BC, astronomical -499..-400: EDTF -04XX.
        return Resolved(f"-{number - 1:02d}XX")
    note = f"read as {(number - 1) * 100}–{(number - 1) * 100 + 99}"
    return Resolved(f"{number - 1:02d}XX", note=note)


def _deep_time(match: re.Match[str], _: date) -> Resolved | None:
    """"66 million years ago", "13.8 billion years ago"."""
    scale = 1_000_000 if match.group("scale").lower() == "million" else 1_000_000_000
    years = round(float(match.group("amount")) * scale)
    if not 10_000 < years <= cal.MAX_ABS_YEAR:
        return None
    return Resolved(f"Y-{years}", note="counted back from the present, to its precision")


def _era_year(match: re.Match[str], _: date) -> Resolved | None:
    """"44 BC" -> -0043, "AD 800" -> 0800."""
    year = era_year(match)
    return None if year is None else Resolved(format_date(year))


# A number is a year when it is not money, a percentage, part of a name ("Mi-28",
# "Russia-1") or a count: "1500 troops" counts, "the 2001 attacks" and "in 2001 troops" date.
_BARE_YEAR = r"(?<![\w$€£¥#№.,/:‐‑-])(?P<year>1\d{3}|20\d{2}|21\d{2})(?![\w%‰]|[.,]\d|[-‐‑–]\w)"
_DATING_WORD = re.compile(
    r"(?i:\b(?:the|in|since|of|from|until|till|by|before|after|during|between|and|to|"
    r"for|year|early|mid|late|c\.|circa|around|about|spring|summer|autumn|fall|winter)"
    r"[-\s]+)$")
_NEXT_WORD = re.compile(r"[^\S\n]+([a-z]+)\b")
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "personnel", "staff"})
_NOT_PLURALS = frozenset({"onwards", "afterwards", "towards", "always", "thus", "plus"})
#: Words before a number that make it a label, not a year: "No. 2001", "page 2001".
_NUMBERING = re.compile(r"(?i:\b(?:no|nos|nr|p|pp|page|pages|number|flight|route|room)\.?"
                        r"[^\S\n]+)$")


def _counts_something(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` is followed by a plural noun, as a count is."""
    found = _NEXT_WORD.match(text, end)
    if found is None:
        return False
    word = found.group(1)
    plural = len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    plural = plural and word not in _NOT_PLURALS
    return plural or word in _IRREGULAR_PLURALS


def _bare_year(match: re.Match[str], _: date) -> Resolved | None:
    text = match.string
    before = text[max(0, match.start() - 16):match.start()]
    if _NUMBERING.search(before):
        return None
    if _counts_something(text, match.end()) and not _DATING_WORD.search(before):
        return None
    return Resolved(format_date(int(match.group("year"))))


def _year_range(match: re.Match[str], _: date) -> Resolved | None:
    """"2019–2022", "2019-22", "1990 to 1995": a range of years."""
    first, second = int(match.group("first")), match.group("second")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return None
    return Resolved(format_date(first), end=format_date(last))


def _day_range(match: re.Match[str], _: date) -> Resolved | None:
    """"12–15 March 2001", "March 12–15, 2001": a range of days."""
    year = int(match.group("year"))
    month = month_number(match.group("month"))
    first = parse_date_string(f"{match.group('first')} {match.group('month')} {year}")
    last = parse_date_string(f"{match.group('last')} {match.group('month')} {year}")
    if first is None or last is None or last <= first:
        return None
    return Resolved(format_date(year, month, first[2]), end=format_date(year, month, last[2]))


def _month_range(match: re.Match[str], _: date) -> Resolved | None:
    """"March–May 2001": a range of months."""
    year = int(match.group("year"))
    first, last = month_number(match.group("first")), month_number(match.group("last"))
    if last <= first:
        return None
    return Resolved(format_date(year, first), end=format_date(year, last))


_DAY_MONTH = (rf"(?P<day_month>(?:(?i:the){SP})?{DAY}(?:{SP}of)?{SP}{MONTH}"
              rf"|{MONTH}{SP}{DAY})")
_RANGE_WORD = rf"(?:{OSP}{DASH}{OSP}|{SP}(?:to|until|till|through){SP})"

RULES: tuple[Rule, ...] = (
    Rule("full date", _compile(rf"{WEEKDAY_PREFIX}{_DAY_MONTH},?{SP}{YEAR}"), _full_date),
    Rule("ISO date", _compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"), _iso_date),
    Rule("month and year", _compile(rf"{_PART}(?P<month>{MONTH})(?:{SP}of)?,?{SP}{YEAR}"),
         _month_year),
    Rule("season, quarter or half", _compile(
        rf"(?:(?i:the){SP})?(?:(?P<season>(?i:spring|summer|autumn|fall|winter))"
        rf"|(?P<ordinal>{ORDINAL}){SP}(?P<kind>quarter|half)|Q(?P<qn>[1-4])"
        rf"|(?P<unit_name>H[12]))(?:{SP}of)?,?{SP}{YEAR}"), _part_of_year),
    Rule("part of a year", _compile(rf"(?P<part>(?i:early|mid|late)(?:-|{SP})|(?i:the){SP}"
                                    rf"(?i:beginning|start|middle|end){SP}of{SP}){YEAR}"),
         _third_of_year),
    Rule("decade", _compile(rf"(?:(?i:the){SP})?{_PART}(?P<decade>\d{{3}}0)['’]?s\b"),
         _decade),
    Rule("century", _compile(rf"(?:(?i:the){SP})?(?P<ordinal>{ORDINAL})[-‐‑\s](?i:century)"
                             rf"(?:{SP}(?P<era>{ERA}))?"), _century),
    Rule("deep time", _compile(r"(?P<amount>\d+(?:\.\d+)?)\s+(?P<scale>(?i:million|billion))"
                               r"\s+years\s+ago"), _deep_time),
    Rule("year with era", _compile(YEAR_WITH_ERA), _era_year),
    Rule("year", _compile(_BARE_YEAR), _bare_year),
    Rule("range of years", _compile(rf"(?<![\w$€£¥#.,-])(?P<first>1\d{{3}}|20\d{{2}})"
                                    rf"{_RANGE_WORD}(?P<second>\d{{4}}|\d{{2}})(?![\w%])"),
         _year_range),
    Rule("range of days", _compile(rf"(?P<first>{DAY}){OSP}{DASH}{OSP}(?P<last>{DAY}){SP}"
                                   rf"(?P<month>{MONTH}),?{SP}(?P<year>{YEAR4})"), _day_range),
    Rule("range of days, month first", _compile(
        rf"(?P<month>{MONTH}){SP}(?P<first>{DAY}){OSP}{DASH}{OSP}(?P<last>{DAY}),?{SP}"
        rf"(?P<year>{YEAR4})"), _day_range),
    Rule("range of months", _compile(rf"(?P<first>{MONTH}){OSP}{DASH}{OSP}(?P<last>{MONTH}),?"
                                     rf"{SP}(?P<year>{YEAR4})"), _month_range),
)
