"""Read ``.timeline`` files of the Timeline app (thetimelineproj), refusing unsafe XML.

The layout, as Timeline 1.x and 2.x write it (``timelinelib/dataexport/timelinexml.py``)::

    <timeline><version>2.4.0</version><timetype>gregoriantime</timetype>
      <eras><era><name/><start/><end/><color>r,g,b</color><ends_today/></era></eras>
      <categories><category><name/><color>r,g,b</color>...<parent/></category></categories>
      <events><event><start>2013-03-30 11:16:00</start><end/><text/><progress/>
        <fuzzy>False</fuzzy><locked/><ends_today/><category/><categories>...</categories>
        <description/><alert/><hyperlink>url;url</hyperlink><icon/><default_color/>
        <milestone/></event></events>
      <view/><now/></timeline>

How it maps: an event whose start and end are both at midnight is day-precise
(``2013-07-07``, a range when the days differ); other times become EDTF date-times
(``2013-03-30T11:16``, seconds when not zero). Years are astronomical, as Timeline
counts them (it shows year 0 as 1 BC). ``fuzzy`` makes both ends approximate
(``2013-03-30~``; the time of day is dropped, since EDTF qualifies dates, not times);
``ends_today`` makes the end open (ongoing); a milestone is a single date. Category
and era colours ``r,g,b`` become ``#RRGGBB``; an event's further categories become
tags, as does the title of the container a sub-event belongs to (the ``[id]``/``(id)``
prefixes Timeline adds are removed). ``;``-separated hyperlinks become links (only
http, https and mailto); descriptions become notes. Icons, alerts and progress are
not imported, and icons are never decoded.

The XML is parsed with expat with no DTD processing: a file with a DOCTYPE or an
entity declaration is refused outright (that is where entity-expansion bombs and
external entities live, and Timeline never writes one), and malformed XML is
reported with its line and column.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from timeline_app.core import calendar as cal
from timeline_app.core import edtf
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import Category, Era, Event, Link, Timeline
from timeline_app.core.palette import next_color
from timeline_app.core.problems import LoadError, Problem, Severity
from timeline_app.io.html_text import safe_url
from timeline_app.io.reading import read_bytes

# Years of at most 9 digits: longer ones cannot be read into days, and int() refuses
# strings of thousands of digits with a ValueError.
_TIME_RE = re.compile(r"^\s*(-?\d{1,9})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})\s*$")
_COLOR_RE = re.compile(r"^\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})\s*$")
_UNSAFE_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)|<\x00!\x00(D\x00O|E\x00N)")
_OLD_TEXT_FORMAT = b"# Written by Timeline"


def sniff(name: str, data: bytes) -> bool:
    """Whether the file's first element is ``<timeline>`` (or it is named ``.timeline``)."""
    text = data[:65536].decode("utf-8", "replace").lstrip("\ufeff")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    first = re.search(r"<([A-Za-z_][\w.:-]*)", text)
    if first is not None and first.group(1) == "timeline":
        return True
    stripped = text.lstrip()
    return name.endswith(".timeline") and (stripped.startswith("<") or
                                           data.startswith(_OLD_TEXT_FORMAT))


def read(file: str, data: bytes) -> tuple[Timeline, list[Problem]]:
    """Read a ``.timeline`` file's bytes; raise :class:`LoadError` if nothing is usable."""
    if data.startswith(_OLD_TEXT_FORMAT):
        raise LoadError(file, [Problem("line 1", "this is the text format of Timeline "
                                       "before 0.5; open and save it in Timeline 1.x or "
                                       "later to convert it to XML")])
    root = parse_xml(file, data)
    if root.tag != "timeline":
        raise LoadError(file, [Problem(f"line {root.line}", f"expected the <timeline> "
                                       f"element, got <{root.tag}>")])
    timetype = (root.child_text("timetype") or "gregoriantime").strip()
    if timetype != "gregoriantime":
        raise LoadError(file, [Problem(f"line {root.child_line('timetype')}",
                                       f"the time type '{timetype}' is not a calendar this "
                                       "app reads; only gregoriantime is")])
    reader = _Reader()
    timeline = reader.timeline(root, os.path.basename(file).split(".", 1)[0] or file)
    if not timeline.events and reader.skipped:
        raise LoadError(file, [Problem(p.location, p.message) for p in reader.problems] +
                        [Problem("<events>", "no event could be read")])
    return timeline, reader.problems


def load(path: str | os.PathLike[str]) -> tuple[Timeline, list[Problem]]:
    """Read a ``.timeline`` file from disk."""
    file = os.fspath(path)
    return read(file, read_bytes(file))


# ----------------------------------------------------------------------------- XML


@dataclass
class Element:
    """An XML element: tag, where it starts, its children and its text."""

    tag: str
    line: int
    column: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def child_text(self, tag: str) -> str | None:
        found = self.child(tag)
        return None if found is None else found.text

    def child_line(self, tag: str) -> int:
        found = self.child(tag)
        return self.line if found is None else found.line

    def all(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]


class _Refused(Exception):
    pass


def parse_xml(file: str, data: bytes) -> Element:
    """Parse XML into :class:`Element` s; refuse DTDs; raise :class:`LoadError` if malformed."""
    unsafe = _UNSAFE_RE.search(data)
    if unsafe is not None:
        line = data[:unsafe.start()].count(b"\n") + 1
        raise LoadError(file, [Problem(f"line {line}", _REFUSAL)])
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = Element(tag, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            stack[-1].parts.append(text)

    def refuse(*_: object) -> int:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    # Belt and braces behind the scan above: any DTD at all stops the parse.
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        location = f"line {error.lineno}, column {error.offset + 1}"
        message = f"not well-formed XML: {expat.ErrorString(error.code)}"
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN] \
                and not _is_utf8(data):
            # Expat reads undeclared text as UTF-8; a Latin-1 "é" is its "invalid token".
            message = ("not UTF-8 text (perhaps Latin-1 or Windows-1252): save the file as "
                       "UTF-8, or declare its encoding as in <?xml version=\"1.0\" "
                       "encoding=\"ISO-8859-1\"?>")
        raise LoadError(file, [Problem(location, message)]) from None
    except LookupError as error:  # <?xml encoding="..."?> names an unknown encoding
        raise LoadError(file, [Problem("line 1", f"cannot read the XML: {error}")]) from None
    except _Refused:
        location = f"line {parser.CurrentLineNumber}"
        raise LoadError(file, [Problem(location, _REFUSAL)]) from None
    return roots[0]


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 (or UTF-16, which has NULs and which expat reads)."""
    if b"\x00" in data[:4096]:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_REFUSAL = ("the file declares a DOCTYPE or entities, which Timeline never writes and which "
            "can hide entity-expansion bombs or read other files; it is refused")


# ----------------------------------------------------------------------------- timeline


class _Skip(Exception):
    def __init__(self, location: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.skipped = 0
        self.categories: dict[str, Category] = {}
        self.containers: dict[str, str] = {}

    def warn(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message, Severity.WARNING))

    def timeline(self, root: Element, title: str) -> Timeline:
        for element in _items(root, "categories", "category"):
            self.category(element)
        events: list[Event] = []
        for element in _items(root, "events", "event"):
            try:
                events.append(self.event(element, {e.id for e in events}))
            except _Skip as skip:
                self.skipped += 1
                self.warn(skip.location, f"{skip.message}; the event is skipped")
        eras: list[Era] = []
        for element in _items(root, "eras", "era"):
            try:
                eras.append(self.era(element, {e.id for e in eras}))
            except _Skip as skip:
                self.warn(skip.location, f"{skip.message}; the era is skipped")
        return Timeline(title=title, categories=tuple(self.categories.values()),
                        events=tuple(events), eras=tuple(eras))

    def category(self, element: Element) -> None:
        name = (element.child_text("name") or "").strip()
        if not name or name in self.categories:
            self.warn(f"line {element.line}", "a category needs a name of its own; skipped")
            return
        color = self.color(element, "color")
        taken = {c.id for c in self.categories.values()}
        self.categories[name] = Category(unique_id(slugify(name, "category"), taken), name,
                                         color)

    def color(self, element: Element, tag: str) -> str:
        text = element.child_text(tag)
        match = _COLOR_RE.match(text or "")
        if match and all(int(v) <= 255 for v in match.groups()):
            return "#" + "".join(f"{int(v):02X}" for v in match.groups())
        if text is not None:
            self.warn(f"line {element.child_line(tag)}", f"expected a colour r,g,b, got "
                      f"'{text.strip()}'; a palette colour is used")
        return next_color(c.color for c in self.categories.values())

    def category_id(self, name: str, element: Element) -> str:
        if name not in self.categories:
            self.warn(f"line {element.line}", f"unknown category '{name}' added")
            taken = {c.id for c in self.categories.values()}
            color = next_color(c.color for c in self.categories.values())
            self.categories[name] = Category(unique_id(slugify(name, "category"), taken),
                                             name, color)
        return self.categories[name].id

    def event(self, element: Element, taken: set[str]) -> Event:
        text = element.child_text("text")
        if text is None:
            raise _Skip(f"line {element.line}", "an <event> needs a <text>")
        title, tags = self.title(text)
        start, end = self.period(element, milestone=_flag(element, "milestone"))
        name = (element.child_text("category") or "").strip()
        category = self.category_id(name, element) if name else ""
        extra = element.child("categories")
        for other in extra.all("category") if extra else []:
            if other.text.strip() and other.text.strip() != name:
                tags.append(other.text.strip())
        return Event(id=unique_id(slugify(title, "event"), taken), title=title, start=start,
                     end=end, category=category, tags=tuple(tags),
                     notes=(element.child_text("description") or "").strip(),
                     links=self.links(element))

    def title(self, text: str) -> tuple[str, list[str]]:
        """Strip the container prefixes Timeline adds: "[3]Trip" and "(3)Day one"."""
        container = re.match(r"^\[(\d+)\](.*)$", text, re.DOTALL)
        if container:
            self.containers[container.group(1)] = container.group(2).strip()
            return container.group(2).strip() or "Untitled container", []
        member = re.match(r"^\((\d+)\)(.*)$", text, re.DOTALL)
        if member:
            parent = self.containers.get(member.group(1))
            return member.group(2).strip() or "Untitled event", [parent] if parent else []
        if text[:2] in (" (", " ["):
            text = text[1:]
        return text.strip() or "Untitled event", []

    def period(self, element: Element,
               milestone: bool = False) -> tuple[UncertainDate, UncertainDate | None]:
        start = self.moment(element, "start")
        end = start if milestone else self.moment(element, "end")
        if end < start:
            raise _Skip(f"line {element.child_line('end')}", "the end is before the start")
        fuzzy = _flag(element, "fuzzy")
        whole_days = start[3:] == (0, 0, 0) and end[3:] == (0, 0, 0)
        reasoning = ""
        if fuzzy and not whole_days:
            reasoning = ("fuzzy in Timeline; times of day dropped, as EDTF marks only dates "
                         "as approximate")
        qualifier = "~" if fuzzy else ""
        first = _code(start, whole_days or fuzzy) + qualifier
        last = _code(end, whole_days or fuzzy) + qualifier
        start_date = UncertainDate(first, reasoning=reasoning)
        if _flag(element, "ends_today"):
            return start_date, UncertainDate(OPEN)
        return start_date, None if last == first else UncertainDate(last, reasoning=reasoning)

    def moment(self, element: Element, tag: str) -> tuple[int, int, int, int, int, int]:
        text = element.child_text(tag)
        location = f"line {element.child_line(tag)}"
        if text is None:
            raise _Skip(location, f"missing <{tag}>")
        match = _TIME_RE.match(text)
        if match is None:
            raise _Skip(location, f"<{tag}>: expected YYYY-MM-DD HH:MM:SS, got '{text.strip()}'")
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        if not (1 <= month <= 12 and 1 <= day <= cal.days_in_month(year, month)
                and hour < 24 and minute < 60 and second < 60):
            raise _Skip(location, f"<{tag}>: '{text.strip()}' is not a valid date and time")
        if abs(year) > 9999:
            raise _Skip(location, f"<{tag}>: year {year} is beyond ±9999, where EDTF has no "
                        "days")
        return year, month, day, hour, minute, second

    def links(self, element: Element) -> tuple[Link, ...]:
        links: list[Link] = []
        for raw in (element.child_text("hyperlink") or "").split(";"):
            if not raw.strip():
                continue
            url = safe_url(raw.strip())
            if url is None:
                self.warn(f"line {element.child_line('hyperlink')}", f"hyperlink '{raw.strip()}'"
                          " is not kept: only http, https and mailto links are")
            elif all(link.url != url for link in links):
                links.append(Link(url))
        return tuple(links)

    def era(self, element: Element, taken: set[str]) -> Era:
        name = (element.child_text("name") or "").strip() or "Era"
        start, end = self.period(element)
        color = self.color(element, "color")
        return Era(unique_id(slugify(name, "era"), taken), name, start, end or start, color)


def _items(root: Element, group: str, tag: str) -> list[Element]:
    container = root.child(group)
    return container.all(tag) if container else []


def _flag(element: Element, tag: str) -> bool:
    return (element.child_text(tag) or "").strip() == "True"


def _code(moment: tuple[int, int, int, int, int, int], day_only: bool) -> str:
    year, month, day, hour, minute, second = moment
    code = edtf.format_date(year, month, day)
    if day_only:
        return code
    return code + f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
