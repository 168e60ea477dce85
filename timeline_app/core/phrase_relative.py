"""Rules for dates resolved against the publication day: "late December", "last week", "now"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

from timeline_app.core import calendar as cal
from timeline_app.core.edtf import format_date
from timeline_app.core.phrase_lexicon import (
    AMBIGUOUS_MONTHS,
    DAY,
    MONTH,
    MONTH_FULL,
    NUMBER,
    SP,
    UNIT,
    WEEKDAY,
    WEEKDAY_PREFIX,
    month_number,
    number_value,
    parse_date_string,
    weekday_check,
    weekday_number,
)
from timeline_app.core.phrase_values import (
    PART_NOTES,
    Resolved,
    Rule,
    day_edtf,
    day_of,
    day_window,
    part_of_month,
    part_word,
    until_window,
)

_PART = rf"(?P<part>(?i:early|mid|late)(?:-|{SP})|(?i:the){SP}(?i:beginning|start|middle|end)" \
    rf"{SP}of{SP})?"
#: Words before a month name that make it a date ("in May"), not a verb or a name.
_MONTH_LEAD = re.compile(r"(?i:\b(?:in|since|until|till|by|during|from|of|before|after|"
                         r"through|throughout|early|mid|late|last|next|this|to|and)[-\s]+)$")
#: A capitalised word before a weekday makes a name: "Bloody Sunday", "Black Friday".
_NAMED_DAY = re.compile(r"\b(?!(?:On|Last|This|Next|Since|By|Until|Before|After|From|And|"
                        r"Or|Late|Early)\b)[A-Z][a-z]+[^\S\n]+$")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _month_alone(match: re.Match[str], day: date) -> Resolved | None:
    """A month without a year: the most recent such month not after the publication."""
    name = match.group("month")
    month = month_number(name)
    relation = (match.group("relation") or "").lower()
    part = part_word(match.group("part"))
    before = match.string[max(0, match.start() - 12):match.start()]
    if name.title() in AMBIGUOUS_MONTHS and not (relation or part or _MONTH_LEAD.search(before)):
        return None  # "May" the verb, "June" the name
    if relation == "this":
        year, note = day.year, f"the {name.title()} of the publication's year"
    elif relation == "next":
        year = day.year if month > day.month else day.year + 1
        note = f"the first {name.title()} after the publication's month"
    elif relation == "last":
        year = day.year if month < day.month else day.year - 1
        note = f"the most recent {name.title()} before the publication's month"
    else:
        year = day.year if month <= day.month else day.year - 1
        note = f"the most recent {name.title()} not after the publication date"
    if not part:
        return Resolved(format_date(year, month), note=note)
    return Resolved(part_of_month(year, month, part), note=f"{PART_NOTES[part]}; {note}")


def _day_month(match: re.Match[str], day: date) -> Resolved | None:
    """"on 12 March", "March 12": the most recent such day not after the publication."""
    parsed = parse_date_string(re.sub(r"(?i)^the\s+", "", match.group("day_month")))
    if parsed is None:
        return None
    _, month, number = parsed
    year = day.year if (month, number) <= (day.month, day.day) else day.year - 1
    while number > cal.days_in_month(year, month):
        year -= 1  # 29 February: the most recent leap year
    note = "the most recent such day not after the publication date"
    check = weekday_check(match.group("weekday"), (year, month, number))
    return Resolved(format_date(year, month, number), note=f"{note}; {check}" if check else note)


def _weekday(match: re.Match[str], day: date) -> Resolved | None:
    """"on Monday", "last Friday": the most recent such day (or the next one)."""
    before = match.string[max(0, match.start() - 20):match.start()]
    if not match.group("relation") and _NAMED_DAY.search(before):
        return None
    wanted = weekday_number(match.group("weekday"))
    relation = (match.group("relation") or "").lower()
    if relation == "next":
        ahead = (wanted - day.weekday()) % 7 or 7
        return Resolved(day_edtf(day_of(day + timedelta(days=ahead))),
                        note="the first such day after the publication date")
    back = (day.weekday() - wanted) % 7
    if relation == "last" and back == 0:
        back = 7
    note = "the most recent such day " + (
        "before the publication date" if relation == "last" else "not after the publication date")
    return Resolved(day_edtf(day_of(day - timedelta(days=back))), note=note)


_NAMED_DAYS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
               "tomorrow": 1}


def _named_day(match: re.Match[str], day: date) -> Resolved | None:
    offset = _NAMED_DAYS[re.sub(r"\s+", " ", match.group(0).lower())]
    return Resolved(day_edtf(day_of(day + timedelta(days=offset))))


def _calendar_unit(match: re.Match[str], day: date) -> Resolved | None:
    """"last week" (the Monday–Sunday week before), "this month", "earlier this year"."""
    relation = match.group("relation").lower()
    unit = match.group("unit").lower()
    step = {"last": -1, "this": 0, "next": 1}[relation]
    first, last = _unit_window(day, unit, step)
    which = {-1: "before", 0: "of", 1: "after"}[step]
    note = {"week": f"the Monday–Sunday week {which} the publication's week",
            "weekend": f"the Saturday and Sunday of the week {which} the publication's week"
            if step else "the Saturday and Sunday of the publication's week"}.get(unit, "")
    side = (match.group("side") or "").lower()
    if side == "earlier":
        last, note = day, f"from the start of the {unit} to the publication date"
    elif side == "later":
        first, note = day, f"from the publication date to the end of the {unit}"
    if unit == "month" and not side:
        return Resolved(format_date(first.year, first.month))
    if unit == "year" and not side:
        return Resolved(format_date(first.year))
    return Resolved(day_window(day_of(first), day_of(last)), note=note)


def _unit_window(day: date, unit: str, step: int) -> tuple[date, date]:
    """The first and last day of the week, weekend, month or year ``step`` units away."""
    if unit in ("week", "weekend"):
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            # The weekend of a week is its Saturday and Sunday; "last weekend" seen from
            # a weekday is the one just past, i.e. the end of the previous week.
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        year, month = cal.add_months(day.year, day.month, step)
        return date(year, month, 1), date(year, month, cal.days_in_month(year, month))
    return date(day.year + step, 1, 1), date(day.year + step, 12, 31)


def _ago(match: re.Match[str], day: date) -> Resolved | None:
    """"three days ago", "a year ago": counted back from the publication date."""
    count = number_value(match.group("count"))
    unit = match.group("unit").lower().rstrip("s")
    note = "counted back from the publication date"
    if unit == "day":
        return Resolved(day_edtf(day_of(day - timedelta(days=count))), note=note)
    if unit == "week":
        return Resolved(day_edtf(day_of(day - timedelta(weeks=count))) + "~", note=note)
    if unit == "month":
        year, month = cal.add_months(day.year, day.month, -count)
        return Resolved(format_date(year, month), note=note)
    years = count * (10 if unit == "decade" else 1)
    return Resolved(format_date(day.year - years, qualifier="~" if unit == "decade" else ""),
                    note=note)


def _past_period(match: re.Match[str], day: date) -> Resolved | None:
    """"over the past two weeks": one day within that many units before publication."""
    count = number_value(match.group("count")) if match.group("count") else 1
    unit = match.group("unit").lower().rstrip("s")
    length = relativedelta(**{f"{unit}s" if unit != "decade" else "years":
                              count * (10 if unit == "decade" else 1)})
    first: date = day - length
    return Resolved(day_window(day_of(first), day_of(day)),
                    note="one day within the period that ends on the publication date")


def _vague(match: re.Match[str], day: date) -> Resolved | None:
    """"recently", "now", "in recent years": on or before the publication date."""
    return Resolved(until_window(day), vague=True)


RULES: tuple[Rule, ...] = (
    Rule("month without a year", _compile(
        rf"(?:(?P<relation>(?i:last|this|next)){SP})?{_PART}(?P<month>{MONTH_FULL})"
        rf"(?![^\S\n]*,?[^\S\n]*\d)"), _month_alone, relative=True),
    Rule("day and month without a year", _compile(
        rf"{WEEKDAY_PREFIX}(?P<day_month>(?:(?i:the){SP})?{DAY}(?:{SP}of)?{SP}{MONTH}"
        rf"|{MONTH}{SP}{DAY})(?![^\S\n]*,?[^\S\n]*\d)"), _day_month, relative=True),
    Rule("day of the week", _compile(
        rf"(?:(?P<relation>(?i:last|next|this|on)){SP})?(?P<weekday>{WEEKDAY})"
        rf"(?!,?{SP}(?:\d|{MONTH}))"), _weekday, relative=True),
    Rule("yesterday, today", _compile(
        rf"\b(?i:the{SP}day{SP}before{SP}yesterday|yesterday|today|tonight|tomorrow)\b"),
        _named_day, relative=True),
    Rule("last or this week, month, year", _compile(
        rf"\b(?:(?P<side>(?i:earlier|later)){SP})?(?P<relation>(?i:last|this|next)){SP}"
        rf"(?P<unit>(?i:weekend|week|month|year))\b(?!{SP}(?i:of)\b)"),
        _calendar_unit, relative=True),
    Rule("ago", _compile(rf"\b(?P<count>{NUMBER}){SP}(?P<unit>{UNIT}){SP}(?i:ago)\b"),
         _ago, relative=True),
    Rule("the past period", _compile(
        rf"\b(?:(?i:in|over|during|for|within){SP})?(?i:the){SP}(?i:past|last|previous){SP}"
        rf"(?:(?P<count>{NUMBER}){SP})?(?P<unit>{UNIT})\b(?!{SP}(?i:of)\b)"),
        _past_period, relative=True),
    Rule("recently, now", _compile(
        rf"\b(?i:(?:in{SP})?recent{SP}(?:years|months|weeks|days|times)|recently|recent|"
        rf"nowadays|currently|now|at{SP}present|these{SP}days)\b(?!-)"),
        _vague, relative=True),
)
