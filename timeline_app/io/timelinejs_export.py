"""Write a timeline as Knight Lab's TimelineJS3 JSON, dates at their precision.

- A date is written with the fields its precision has: a year-precise date only
  ``year``, a day ``year``/``month``/``day``, a minute adds ``hour``/``minute``.
- A date those fields cannot say exactly (``2001~``, one unknown day in
  ``[2025-12-21..2025-12-31]``, a season, an open end) is written as its earliest day
  (or its precision's fields when it has one), with ``display_date`` telling it in
  words and an extra ``edtf`` member holding it exactly: TimelineJS ignores that
  member and :mod:`timelinejs` reads it back, so the round trip keeps every date.
- ``as_written`` becomes ``display_date``; categories become ``group``; the first link
  becomes the slide's ``media`` (its title the credit), further links are listed at
  the end of the text; eras and the title slide carry names, title and description.
- ``scale`` is "cosmological" when any year lies beyond ±9999, and years are then
  plain numbers as counted (``-13800000000``); otherwise it is "human" and years
  before 1 CE are written as TimelineJS shows them, ``-44`` for 44 BCE (astronomical
  -43; see :mod:`timelinejs`).
"""

from __future__ import annotations

import html
import json
import os
from typing import Any

from timeline_app.core import calendar as cal
from timeline_app.core import describe
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import Precision
from timeline_app.core.model import Event, Link, Timeline
from timeline_app.io.atomic import write_atomic
from timeline_app.io.loose_dates import edtf_from_fields
from timeline_app.io.timelinejs import from_timelinejs_year, to_timelinejs_year

#: Beyond this many years from 0, dates are written on the cosmological scale.
COSMOLOGICAL_BEYOND = 9999


def to_json(timeline: Timeline) -> dict[str, Any]:
    """Return the TimelineJS JSON object of a timeline."""
    cosmological = _needs_cosmological(timeline)
    writer = _Writer(timeline, cosmological)
    return {
        "title": {"text": {"headline": html.escape(timeline.title, quote=False),
                           "text": _paragraphs(timeline.description)}},
        "events": [writer.event(event) for event in timeline.events],
        "eras": [writer.era_json(era.name, era.start, era.end) for era in timeline.eras],
        "scale": "cosmological" if cosmological else "human",
    }


def dumps(timeline: Timeline) -> str:
    """Return the TimelineJS JSON text of a timeline."""
    return json.dumps(to_json(timeline), indent=2, ensure_ascii=False) + "\n"


def save(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the TimelineJS JSON file atomically, as UTF-8."""
    write_atomic(path, dumps(timeline).encode("utf-8"))


class _Writer:
    def __init__(self, timeline: Timeline, cosmological: bool) -> None:
        self.timeline = timeline
        self.cosmological = cosmological

    def event(self, event: Event) -> dict[str, Any]:
        slide: dict[str, Any] = {"start_date": self.date(event.start)}
        if event.end is not None:
            latest = self.timeline.event_window(event)[1]
            end = self.date(event.end, latest)
            if end is not None:
                slide["end_date"] = end
        slide["text"] = {"headline": html.escape(event.title, quote=False),
                         "text": _paragraphs(event.notes) + _link_list(event.links[1:])}
        if event.links:
            slide["media"] = {"url": event.links[0].url, "credit": event.links[0].title}
        category = self.timeline.category(event.category)
        if event.category:
            slide["group"] = category.name if category else event.category
        slide["unique_id"] = event.id
        return slide

    def era_json(self, name: str, start: UncertainDate, end: UncertainDate) -> dict[str, Any]:
        return {"start_date": self.date(start), "end_date": self.date(end, start.latest),
                "text": {"headline": html.escape(name, quote=False)}}

    def date(self, date: UncertainDate, open_until: int | None = None) -> dict[str, Any] | None:
        """The date object of a date; an open end is written as the day it is open until."""
        if date.is_open:
            if open_until is None:
                return None
            fields = self.fields(open_until - 1, Precision.DAY)
            return {**fields, "display_date": date.as_written or "ongoing", "edtf": OPEN}
        span = date.start_span
        assert span is not None  # only open ends lack a start
        instant = span.earliest if span.earliest is not None else _last(span.latest)
        exact_kind = span.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY,
                                        Precision.MINUTE, Precision.SECOND)
        precision = span.precision if exact_kind and not span.one_of else Precision.DAY
        fields = self.fields(instant, precision)
        result: dict[str, Any] = dict(fields)
        if self.code_of(fields) != date.edtf:
            result["display_date"] = date.as_written or describe.date_text(date)
            result["edtf"] = date.edtf
        elif date.as_written:
            result["display_date"] = date.as_written
        return result

    def fields(self, instant: int, precision: Precision) -> dict[str, int]:
        civil = cal.from_instant(instant)
        fields = {"year": to_timelinejs_year(civil.year, self.cosmological)}
        if abs(civil.year) > COSMOLOGICAL_BEYOND or precision < Precision.MONTH:
            return fields
        fields["month"] = civil.month
        if precision >= Precision.DAY:
            fields["day"] = civil.day
        if precision >= Precision.MINUTE:
            fields["hour"], fields["minute"] = civil.hour, civil.minute
        if precision >= Precision.SECOND:
            fields["second"] = civil.second
        return fields

    def code_of(self, fields: dict[str, int]) -> str:
        """The EDTF that :mod:`timelinejs` reads from these fields."""
        year = from_timelinejs_year(fields["year"], self.cosmological)
        return edtf_from_fields(year, fields.get("month"), fields.get("day"), fields.get("hour"),
                         fields.get("minute"), fields.get("second"))


def _needs_cosmological(timeline: Timeline) -> bool:
    dates = [d for e in timeline.events for d in (e.start, e.end) if d is not None]
    dates += [d for era in timeline.eras for d in (era.start, era.end)]
    for date in dates:
        for instant in (date.earliest, date.latest):
            if instant is not None and abs(cal.from_instant(instant).year) > COSMOLOGICAL_BEYOND:
                return True
    return False


def _last(latest: int | None) -> int:
    assert latest is not None  # a date has at least one bound
    return latest - 1


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs: blank lines part them, single newlines break lines."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in block.split("\n")) +
        "</p>"
        for block in blocks if block
    )


def _link_list(links: tuple[Link, ...]) -> str:
    if not links:
        return ""
    anchors = ", ".join(f'<a href="{html.escape(link.url)}">'
                        f"{html.escape(link.title or link.url, quote=False)}</a>"
                        for link in links)
    return f"<p>Links: {anchors}</p>"
