"""Edits as pure functions: move dates by whole units, add, duplicate, delete, recategorise.

Dragging an event keeps its precision: a year-precise date moves by whole years, a
month-precise one by months, a day-precise one by days. The EDTF's form (qualifiers,
one-of sets) is kept; forms that cannot be moved as a unit are refused with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision
from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import Event, Timeline


class EditError(ValueError):
    """An edit that cannot be made; the message says why."""


_DATE = re.compile(r"^(?P<q1>[?~%]?)(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
                   r"(?P<t>T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?(?P<q2>[?~%]?)$")
_SET = re.compile(r"^\[(?P<a>[^\].,]+)\.\.(?P<b>[^\].,]+)\]$")


def unit_for(precision: Precision) -> str:
    """The unit a date of this precision moves by."""
    if precision >= Precision.DAY:
        return "day"
    if precision >= Precision.SEASON:
        return "month"
    return "year"


def units_in(seconds: int, unit: str) -> int:
    """How many whole ``unit`` a drag of ``seconds`` amounts to (rounded)."""
    size = {"day": cal.SECONDS_PER_DAY, "month": cal.SECONDS_PER_MEAN_YEAR / 12,
            "year": cal.SECONDS_PER_MEAN_YEAR}[unit]
    return round(seconds / size)


def shift_date(date: UncertainDate, count: int, unit: str) -> UncertainDate:
    """Move a date by ``count`` units, keeping its form and the words as written."""
    if count == 0 or date.is_open:
        return date
    text = date.edtf
    match = _SET.match(text)
    if match:
        first, last = (_shift_plain(match[k], count, unit) for k in ("a", "b"))
        moved = f"[{first}..{last}]"
    elif "/" in text:
        first, _, second = text.partition("/")
        moved = "/".join(_shift_plain(p, count, unit) if p not in ("", "..") else p
                         for p in (first, second))
    else:
        moved = _shift_plain(text, count, unit)
    return UncertainDate(moved, date.as_written, date.reasoning)


def _shift_plain(text: str, count: int, unit: str) -> str:
    match = _DATE.match(text)
    if match is None:
        raise EditError(f"'{text}' cannot be moved by dragging; edit its EDTF in the inspector")
    year, month, day = int(match["y"]), match["m"], match["d"]
    if unit == "year" or month is None:
        if unit != "year":
            raise EditError(f"'{text}' is known to the year: it moves by whole years")
        year += count
        if month is not None and day is not None:
            day = f"{min(int(day), cal.days_in_month(year, int(month))):02d}"
        return _format(match, year, month, day)
    if unit == "month" or day is None:
        if unit == "day":
            raise EditError(f"'{text}' is known to the month: it moves by whole months")
        new_year, new_month = cal.add_months(year, int(month), count)
        clamped = None if day is None else min(int(day), cal.days_in_month(new_year, new_month))
        return _format(match, new_year, f"{new_month:02d}",
                       None if clamped is None else f"{clamped:02d}")
    days = cal.days_from_civil(year, int(month), int(day)) + count
    new_year, new_month, new_day = cal.civil_from_days(days)
    return _format(match, new_year, f"{new_month:02d}", f"{new_day:02d}")


def _format(match: re.Match[str], year: int, month: str | None, day: str | None) -> str:
    if not -9999 <= year <= 9999:
        raise EditError("dragging cannot move a date beyond year 9999; edit its EDTF instead")
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        text += f"-{month}"
        if day is not None:
            text += f"-{day}" + (match["t"] or "")
    return f"{match['q1']}{text}{match['q2']}"


def move_event(event: Event, seconds: int) -> Event:
    """The event moved by a drag of ``seconds``, in whole units of its start's precision."""
    unit = unit_for(event.start.precision)
    count = units_in(seconds, unit)
    if count == 0:
        return event
    end = event.end
    if end is not None and not end.is_open:
        end = shift_date(end, count, unit)
    return replace(event, start=shift_date(event.start, count, unit), end=end)


def move_end(event: Event, which: str, seconds: int) -> Event:
    """Move the start or the end of a range by a drag; the other end stays."""
    date = event.start if which == "start" else event.end
    if date is None or date.is_open:
        raise EditError("an open end has no date to move; edit it in the inspector")
    unit = unit_for(date.precision)
    moved = shift_date(date, units_in(seconds, unit), unit)
    result = replace(event, start=moved) if which == "start" else replace(event, end=moved)
    _check_order(result)
    return result


def _check_order(event: Event) -> None:
    if event.end is None or event.end.is_open:
        return
    if event.start.earliest is not None and event.end.latest is not None and \
            event.end.latest <= event.start.earliest:
        raise EditError("the end would come before the start")


def new_event_id(timeline: Timeline, title: str) -> str:
    """A readable id for a new event, unique in the timeline."""
    return unique_id(slugify(title, "event"), {e.id for e in timeline.events})


def duplicate_events(timeline: Timeline, event_ids: Iterable[str]) -> tuple[Timeline, list[str]]:
    """Copies of the events (titled "… (copy)"), added after the originals."""
    taken = {e.id for e in timeline.events}
    copies = []
    for event_id in event_ids:
        event = timeline.event(event_id)
        if event is None:
            continue
        new_id = unique_id(f"{event.id}-copy", taken)
        taken.add(new_id)
        copies.append(replace(event, id=new_id, title=f"{event.title} (copy)"))
    return timeline.adding(*copies), [c.id for c in copies]


def recategorise(timeline: Timeline, event_ids: Iterable[str], category: str) -> Timeline:
    """The events moved to ``category``."""
    chosen = [timeline.event(i) for i in event_ids]
    return timeline.replacing(*(replace(e, category=category) for e in chosen if e is not None))


def parse_list(text: str) -> tuple[str, ...]:
    """Tags or actors typed as "a, b; c" -> ("a", "b", "c"), without duplicates."""
    items = [part.strip() for part in re.split(r"[,;]", text)]
    return tuple(dict.fromkeys(item for item in items if item))
