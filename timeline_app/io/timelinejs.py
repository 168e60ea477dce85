"""Read Knight Lab's TimelineJS3 JSON, locating every problem by its JSON path.

The format (https://timeline.knightlab.com/docs/json-format.html): ``events`` (slides
with ``start_date``/``end_date``, ``text`` {``headline``, ``text``}, ``media``,
``group``, ``display_date``, ``unique_id``, ``background``), an optional ``title``
slide, ``eras`` and ``scale`` ("human" or "cosmological"). Date fields may be numbers
or strings of digits; empty strings are absent.

How it maps:

- The date fields present give the precision: a year alone is EDTF ``2001``, with a
  month ``2001-03``, with a day ``2001-03-12``, with an hour or minute a date-time
  ``2001-03-12T14:30``; milliseconds are dropped (EDTF stops at seconds), and months
  of years beyond ±9999 are dropped with a warning (EDTF has none).
- **Negative years.** On the human scale TimelineJS shows ``year: -44`` as "44 BCE"
  (it drops the sign and adds "BCE"), so ``-44`` is read as 44 BCE, which is
  astronomical year -43 (EDTF ``-0043``); ``0`` is read as 1 BCE. On the cosmological
  scale years are counts shown as "13.8 billion years ago" and are taken as written
  (``-13800000000`` → ``Y-13800000000``). A file whose years lie beyond what the human
  scale can show (±271,821) is read as cosmological, with a warning.
- ``display_date`` becomes the date's ``as_written`` (the slide's own display_date for
  the start). A date object's ``edtf`` member, which :mod:`timelinejs_export` writes
  for dates its fields cannot express exactly (``2001~``, one-of sets, open ends), is
  used when it agrees with the fields; TimelineJS ignores it.
- HTML (headlines, text, credits) becomes plain text with :mod:`html_text`: scripts
  dropped, only http/https/mailto ``<a href>`` kept, as the event's links. The media
  URL (and ``media.link``) becomes a link titled by the credit (and caption); nothing
  is ever fetched, and unsafe or relative URLs are dropped with a warning.
- Groups become categories (palette colours), eras become eras, the title slide the
  timeline's title and description.

An event or era that cannot be read (say ``$.events[3].start_date.year: expected a
number, got "abc"``) is skipped with a warning and the rest is imported; if nothing
valid remains, :class:`LoadError` lists every problem.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from timeline_app.core import calendar as cal
from timeline_app.core import describe
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import Category, Era, Event, Link, Timeline
from timeline_app.core.palette import next_color
from timeline_app.core.problems import LoadError, Problem, Severity
from timeline_app.io.file_dates import file_date
from timeline_app.io.html_text import html_to_text, safe_url
from timeline_app.io.loose_dates import edtf_from_fields
from timeline_app.io.reading import decode, decoded_json, read_bytes

#: The largest |year| TimelineJS's human scale (a JavaScript Date) can show.
HUMAN_SCALE_LIMIT = 271_821
_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_LIMITS = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59),
           "second": (0, 59), "millisecond": (0, 999)}


def sniff(name: str, data: bytes) -> bool:
    """Whether the bytes are a JSON object with TimelineJS ``events`` (or a title slide)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    # "events" followed by anything: a file whose events are not an array is still
    # TimelineJS, and is better told so than that the app cannot read its format.
    if not head.startswith(b"{") or not re.search(rb'"events"\s*:', data):
        return False
    return b'"start_date"' in data or re.search(rb'"title"\s*:\s*\{', data) is not None


def read(file: str, data: bytes) -> tuple[Timeline, list[Problem]]:
    """Read TimelineJS JSON bytes; see :func:`loads`."""
    return loads(decode(data, file), file)


def load(path: str | os.PathLike[str]) -> tuple[Timeline, list[Problem]]:
    """Read a TimelineJS JSON file; return the timeline and its warnings."""
    file = os.fspath(path)
    return read(file, read_bytes(file))


def loads(text: str, file: str = "<text>") -> tuple[Timeline, list[Problem]]:
    """Parse TimelineJS JSON text; raise :class:`LoadError` when nothing usable is in it."""
    data = decoded_json(text, file)
    if isinstance(data, dict) and "events" in data and not isinstance(data["events"], list):
        raise LoadError(file, [Problem("$.events", "expected an array of slides, got "
                                       f"{_describe(data['events'])}")])
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        got = "an object without an 'events' array" if isinstance(data, dict) else \
            f"{_describe(data)}"
        raise LoadError(file, [Problem("$", "expected a TimelineJS object with an 'events' "
                                       f"array, got {got}")])
    reader = _Reader(_is_cosmological(data))
    timeline = reader.timeline(data, _stem(file))
    if not timeline.events and reader.skipped:
        errors = [Problem(p.location, p.message, Severity.ERROR) for p in reader.problems]
        errors.append(Problem("$.events", "no event could be read"))
        raise LoadError(file, errors)
    return timeline, reader.problems


def from_timelinejs_year(year: int, cosmological: bool) -> int:
    """The astronomical year of a TimelineJS year (see the module docstring)."""
    if cosmological or year >= 0:
        return year  # TimelineJS's year 0 is JavaScript's: 1 BCE, as in EDTF
    return year + 1


def to_timelinejs_year(year: int, cosmological: bool) -> int:
    """The TimelineJS year of an astronomical year: the inverse of the above."""
    if cosmological or year > 0:
        return year
    return year - 1


class _Skip(Exception):
    """An event or era that cannot be read: where and why."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


class _Reader:
    """Builds the timeline, collecting located warnings; skipped items are counted."""

    def __init__(self, cosmological: tuple[bool, str]) -> None:
        self.cosmological, reason = cosmological
        self.problems: list[Problem] = []
        self.skipped = 0
        self.categories: dict[str, Category] = {}
        if reason:
            self.warn("$.scale", reason)

    def warn(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message, Severity.WARNING))

    def timeline(self, data: dict[str, Any], fallback_title: str) -> Timeline:
        title, description = fallback_title, ""
        if isinstance(data.get("title"), dict):
            headline, text, _ = self.text(data["title"], "$.title")
            title, description = headline or fallback_title, text
        events: list[Event] = []
        for index, item in enumerate(data["events"]):
            path = f"$.events[{index}]"
            try:
                events.append(self.event(item, path, {e.id for e in events}))
            except _Skip as skip:
                self.skipped += 1
                self.warn(skip.location, f"{skip.message}; the event is skipped")
        eras: list[Era] = []
        raw_eras = data.get("eras", [])
        if not isinstance(raw_eras, list):
            self.warn("$.eras", f"expected an array, got {_describe(raw_eras)}; eras ignored")
            raw_eras = []
        for index, item in enumerate(raw_eras):
            try:
                eras.append(self.era(item, f"$.eras[{index}]", {e.id for e in eras}))
            except _Skip as skip:
                self.warn(skip.location, f"{skip.message}; the era is skipped")
        return Timeline(title=title, description=description,
                        categories=tuple(self.categories.values()), events=tuple(events),
                        eras=tuple(eras))

    def event(self, item: object, path: str, taken: set[str]) -> Event:
        if not isinstance(item, dict):
            raise _Skip(path, f"expected a slide object, got {_describe(item)}")
        display = self.string(item, "display_date", path)
        start = self.date(item.get("start_date"), f"{path}.start_date", display)
        end = None
        if not _blank(item.get("end_date")):
            end = self.date(item["end_date"], f"{path}.end_date", "", allow_open=True)
            if end.latest is not None and start.earliest is not None \
                    and end.latest <= start.earliest:
                raise _Skip(f"{path}.end_date", f"the end ({end.edtf}) is before the start "
                            f"({start.edtf})")
        headline, notes, text_links = self.text(item, path)
        links = self.media(item.get("media"), f"{path}.media") + text_links
        title = headline or _first_line(notes) or "Untitled event"
        wanted = self.string(item, "unique_id", path).strip() or slugify(title, "event")
        return Event(id=unique_id(wanted, taken), title=title, start=start, end=end,
                     category=self.category(item, path), notes=notes,
                     links=tuple(_distinct(links)))

    def era(self, item: object, path: str, taken: set[str]) -> Era:
        if not isinstance(item, dict):
            raise _Skip(path, f"expected an era object, got {_describe(item)}")
        start = self.date(item.get("start_date"), f"{path}.start_date", "")
        end = self.date(item.get("end_date"), f"{path}.end_date", "", allow_open=True)
        headline, notes, _ = self.text(item, path)
        name = headline or f"Era {path.rpartition('[')[2].rstrip(']')}"
        return Era(unique_id(slugify(name, "era"), taken), name, start, end, notes=notes)

    # -- parts --------------------------------------------------------------------------

    def string(self, obj: dict[str, Any], key: str, path: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.warn(f"{path}.{key}", f"expected a string, got {_describe(value)}; ignored")
            return ""
        return html_to_text(value)[0] if "<" in value or "&" in value else value.strip()

    def text(self, item: dict[str, Any], path: str) -> tuple[str, str, list[Link]]:
        """Return the slide's headline, plain text and the links in both."""
        value = item.get("text")
        if value is None:
            return "", "", []
        if not isinstance(value, dict):
            self.warn(f"{path}.text", f"expected an object with 'headline' and 'text', got "
                      f"{_describe(value)}; ignored")
            return "", "", []
        parts: list[tuple[str, tuple[Link, ...]]] = []
        for key in ("headline", "text"):
            raw = value.get(key)
            if raw is not None and not isinstance(raw, str):
                self.warn(f"{path}.text.{key}", f"expected a string, got {_describe(raw)}")
                raw = None
            parts.append(html_to_text(raw or ""))
        (headline, head_links), (text, text_links) = parts
        return " ".join(headline.split()), text, [*head_links, *text_links]

    def media(self, value: object, path: str) -> list[Link]:
        if value is None:
            return []
        if not isinstance(value, dict):
            self.warn(path, f"expected a media object, got {_describe(value)}; ignored")
            return []
        credit = self.string(value, "credit", path)
        caption = self.string(value, "caption", path)
        title = f"{caption} — {credit}" if caption and credit else credit or caption
        links: list[Link] = []
        for key in ("url", "link"):
            raw = value.get(key)
            if not isinstance(raw, str) or not raw.strip():
                continue
            if raw.lstrip().startswith("<"):
                # Embed code (an <iframe> or a tweet's <blockquote>): never loaded; its
                # plain links are kept.
                links += html_to_text(raw)[1]
                self.warn(f"{path}.{key}", "embedded HTML is not loaded; only its links "
                          "are kept")
                continue
            url = safe_url(raw.strip())
            if url is None:
                self.warn(f"{path}.{key}", f"the URL {json.dumps(raw[:60])} is not kept: only "
                          "absolute http, https and mailto links are")
                continue
            links.append(Link(url, title))
        return links

    def category(self, item: dict[str, Any], path: str) -> str:
        name = " ".join(self.string(item, "group", path).split())
        if not name:
            return ""
        if name not in self.categories:
            taken = {c.id for c in self.categories.values()}
            color = next_color(c.color for c in self.categories.values())
            self.categories[name] = Category(unique_id(slugify(name, "group"), taken), name,
                                             color)
        return self.categories[name].id

    def date(self, value: object, path: str, display: str,
             allow_open: bool = False) -> UncertainDate:
        if value is None or value == "":
            raise _Skip(path, "missing (a date object with at least a year)")
        if not isinstance(value, dict):
            raise _Skip(path, f"expected a date object such as {{\"year\": 2001}}, got "
                        f"{_describe(value)}")
        fields = {key: self.number(value, key, path) for key in _DATE_PARTS}
        year = fields["year"]
        if year is None:
            raise _Skip(f"{path}.year", "missing: a date needs at least a year")
        as_written = display or self.string(value, "display_date", path)
        code = self.fields_code(year, fields, path)
        return self.with_edtf_member(value, code, as_written, path, allow_open)

    def number(self, obj: dict[str, Any], key: str, path: str) -> int | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        low, high = _LIMITS.get(key, (-cal.MAX_ABS_YEAR, cal.MAX_ABS_YEAR))
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            if len(value.strip()) > 20:
                # int() refuses strings of over 4,300 digits (ValueError); all are too big.
                raise _Skip(f"{path}.{key}", f"expected {low:,} to {high:,}, got a number of "
                            f"{len(value.strip()):,} digits")
            number = int(value)
        if number is None:
            raise _Skip(f"{path}.{key}", f"expected a number, got {_describe(value)}")
        if not low <= number <= high:
            raise _Skip(f"{path}.{key}", f"expected {low:,} to {high:,}, got {number:,}")
        return number

    def fields_code(self, year: int, fields: dict[str, int | None], path: str) -> str:
        astronomical = from_timelinejs_year(year, self.cosmological)
        month, day = fields["month"], fields["day"]
        hour, minute, second = fields["hour"], fields["minute"], fields["second"]
        finer = [k for k in ("month", "day", "hour", "minute", "second") if fields[k] is not None]
        if abs(astronomical) > 9999 and finer:
            self.warn(path, f"{', '.join(finer)} dropped: EDTF gives years beyond ±9999 "
                      "no months or days")
            return edtf_from_fields(astronomical)
        time_without_day = day is None and (hour is not None or minute is not None)
        if (month is None and finer) or (month is not None and time_without_day):
            self.warn(path, "a time or day without the month and day it belongs to is "
                      "dropped")
            return edtf_from_fields(astronomical, month)
        if month is not None and day is not None \
                and day > cal.days_in_month(astronomical, month):
            raise _Skip(f"{path}.day", f"{cal.MONTH_NAMES[month - 1]} {astronomical} has "
                        f"no day {day}")
        return edtf_from_fields(astronomical, month, day, hour, minute, second)

    def with_edtf_member(self, value: dict[str, Any], code: str, as_written: str, path: str,
                         allow_open: bool) -> UncertainDate:
        fields_date = UncertainDate(code, as_written)
        member = value.get("edtf")
        if not isinstance(member, str) or not member.strip() or member.strip() == code:
            return fields_date
        member = member.strip()
        if member == OPEN:
            if allow_open:
                return UncertainDate(OPEN, as_written)
            self.warn(f"{path}.edtf", "an open end '..' only ends a range; the fields are used")
            return fields_date
        try:
            stated = file_date(member, as_written)
        except EdtfError as error:
            self.warn(f"{path}.edtf", f"{error}; the fields are used")
            return fields_date
        instant = fields_date.earliest
        assert instant is not None  # plain fields always have bounds
        low, high = stated.earliest, stated.latest
        if (low is None or low <= instant) and (high is None or instant < high):
            if as_written == describe.date_text(stated):
                stated = UncertainDate(member)  # only the export's words for it
            return stated
        self.warn(f"{path}.edtf", f"'{member}' disagrees with the date fields ({code}); the "
                  "fields are used")
        return fields_date


def _blank(value: object) -> bool:
    """Whether a date is absent: missing, or an object of empty fields (as sheets write)."""
    if isinstance(value, dict):
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in value.values())
    return value is None or value == ""


def _is_cosmological(data: dict[str, Any]) -> tuple[bool, str]:
    scale = data.get("scale")
    if scale == "cosmological":
        return True, ""
    beyond = any(isinstance(y, (int, float, str)) and _too_big_for_js(y)
                 for y in _all_years(data))
    if beyond:
        return True, ("years beyond ±271,821 need the cosmological scale; all years are read "
                      "as counts (no BCE shift)")
    return False, ""


def _all_years(data: dict[str, Any]) -> list[object]:
    slides = [item for key in ("events", "eras") if isinstance(data.get(key), list)
              for item in data[key]]
    years = []
    for slide in slides:
        if isinstance(slide, dict):
            for key in ("start_date", "end_date"):
                date = slide.get(key)
                if isinstance(date, dict):
                    years.append(date.get("year"))
    return years


def _too_big_for_js(year: int | float | str) -> bool:
    try:
        return abs(int(year)) > HUMAN_SCALE_LIMIT
    except (ValueError, OverflowError):
        return False


def _describe(value: object) -> str:
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 40 else shown[:37] + '..."'
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "an object"
    return "an array" if isinstance(value, list) else type(value).__name__


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def _distinct(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    result = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            result.append(link)
    return result


def _stem(file: str) -> str:
    name = os.path.basename(file)
    return name.split(".", 1)[0] or name or "Imported timeline"
