"""The native file format: canonical JSON that loads with every problem located.

The layout is documented by ``resources/timeline.schema.json``. Writing is canonical
(fixed key order, two-space indent, UTF-8, final newline), so a file written here
loads and saves back byte for byte.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.event_store import EventStore
from timeline_app.core.model import (
    Category,
    Citation,
    Era,
    Event,
    Link,
    PublicationDate,
    Source,
    TextPositionSelector,
    TextQuoteSelector,
    Timeline,
    Tour,
    TourStep,
)
from timeline_app.core.problems import LoadError, Problem, Severity
from timeline_app.core.store_builders import fresh_timeline
from timeline_app.io.atomic import write_atomic
from timeline_app.io.fast_native import (
    LARGE,
    StreamedEvents,
    decode_typed,
    gc_paused,
    read_events,
)
from timeline_app.io.file_dates import file_date
from timeline_app.io.reading import decoded_json, read_text

FORMAT_NAME = "timeline_app.chronology"
FORMAT_VERSION = 1
#: The file name suffix the app proposes for its own files.
SUFFIX = ".chronology.json"
#: Texts this long are decoded with the garbage collector paused (see fast_native).
_LARGE_TEXT = 4_000_000


# ----------------------------------------------------------------------------- writing


def to_json(timeline: Timeline) -> dict[str, Any]:
    """Return the JSON object of a timeline, keys in the canonical order."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": timeline.title,
        "description": timeline.description,
        "categories": [
            {"id": c.id, "name": c.name, "color": c.color} for c in timeline.categories
        ],
        "sources": [_source_json(s) for s in timeline.sources],
        "events": [_event_json(e) for e in timeline.events],
        "eras": [_era_json(e) for e in timeline.eras],
        "tours": [_tour_json(t) for t in timeline.tours],
    }


def dumps(timeline: Timeline) -> str:
    """Return the canonical text of a timeline file."""
    if isinstance(timeline.events, EventStore):  # a large file: no event objects made
        from timeline_app.io.fast_writer import dumps_store

        return dumps_store(timeline, _event_json)
    return json.dumps(to_json(timeline), indent=2, ensure_ascii=False) + "\n"


def save(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline file atomically (see :func:`write_atomic`)."""
    write_atomic(path, dumps(timeline).encode("utf-8"))


def _date_json(date: UncertainDate) -> dict[str, str]:
    result = {"edtf": date.edtf, "as_written": date.as_written}
    if date.reasoning:
        result["reasoning"] = date.reasoning
    return result


def _source_json(source: Source) -> dict[str, Any]:
    published = source.published
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "url": source.url,
        "published": None if published is None else {
            "as_printed": published.as_printed,
            "edtf": published.edtf,
            "note": published.note,
        },
        "sha256": source.sha256,
        "text": source.text,
    }


def _citation_json(citation: Citation) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": citation.quote.exact,
            "prefix": citation.quote.prefix,
            "suffix": citation.quote.suffix,
        }
    ]
    if citation.position is not None:
        selectors.append({
            "type": "TextPositionSelector",
            "start": citation.position.start,
            "end": citation.position.end,
        })
    return {"source": citation.source_id, "selector": selectors, "note": citation.note}


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "start": _date_json(event.start),
        "end": None if event.end is None else _date_json(event.end),
        "category": event.category,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "importance": event.importance,
        "notes": event.notes,
        "citations": [_citation_json(c) for c in event.citations],
        "links": [{"url": link.url, "title": link.title} for link in event.links],
    }


def _era_json(era: Era) -> dict[str, Any]:
    return {
        "id": era.id,
        "name": era.name,
        "start": _date_json(era.start),
        "end": _date_json(era.end),
        "color": era.color,
        "notes": era.notes,
    }


def _tour_json(tour: Tour) -> dict[str, Any]:
    return {
        "name": tour.name,
        "description": tour.description,
        "steps": [
            {
                "event": step.event_id,
                "notes": step.notes,
                "window": None if step.window is None else
                {"start": step.window[0], "end": step.window[1]},
                "filter": step.filter,
            }
            for step in tour.steps
        ],
    }


# ----------------------------------------------------------------------------- reading


def load(path: str | os.PathLike[str]) -> tuple[Timeline, list[Problem]]:
    """Read a timeline file; return it with its warnings, or raise :class:`LoadError`."""
    file = os.fspath(path)
    return loads(read_text(file), file)


def _typed_or_plain(text: str) -> Any:
    """Large files decode typed (fast); what the typed decoder refuses decodes plainly."""
    data = decode_typed(text)
    return json.loads(text) if data is None else data


def loads(text: str, file: str = "<text>") -> tuple[Timeline, list[Problem]]:
    """Parse the text of a timeline file; see :func:`load`."""
    if len(text) >= _LARGE_TEXT:
        with gc_paused():
            data = decoded_json(text, file, _typed_or_plain)
    else:
        data = decoded_json(text, file)
    reader = _Reader()
    timeline = reader.timeline(data)
    errors = [p for p in reader.problems if p.severity is Severity.ERROR]
    if errors or timeline is None:
        raise LoadError(file, reader.problems)
    del data  # a large file's decoded values go, then its few kept objects are made anew
    return fresh_timeline(timeline), reader.problems


_TYPE_NAMES = {
    dict: "an object", list: "an array", str: "a string", int: "an integer",
    float: "a number", bool: "true or false", type(None): "null",
}


def _describe(value: object) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)  # "null", "true": not "null null" or "true or false true"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else ""
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{name} {shown}".strip()


class _Reader:
    """Walks the decoded JSON, building values and collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message, Severity.WARNING))

    def obj(self, value: object, path: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"expected an object, got {_describe(value)}")
            return None
        for key in value:
            if key not in keys:
                self.warn(f"{path}.{key}", "unknown field; it will not be kept when saving")
        return value

    def string(self, obj: dict[str, Any], key: str, path: str, required: bool = False) -> str:
        if key not in obj:
            if required:
                self.error(path, f"missing required field '{key}' (a string)")
            return ""
        value = obj[key]
        if not isinstance(value, str):
            self.error(f"{path}.{key}", f"expected a string, got {_describe(value)}")
            return ""
        return value

    def integer(self, obj: dict[str, Any], key: str, path: str, default: int) -> int:
        value = obj.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{path}.{key}", f"expected an integer, got {_describe(value)}")
            return default
        return value

    def array(self, obj: dict[str, Any], key: str, path: str) -> list[Any]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.error(f"{path}.{key}", f"expected an array, got {_describe(value)}")
            return []
        return value

    def strings(self, obj: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        result = []
        for index, item in enumerate(self.array(obj, key, path)):
            if isinstance(item, str):
                result.append(item)
            else:
                self.error(f"{path}.{key}[{index}]", f"expected a string, got {_describe(item)}")
        return tuple(result)

    def date(self, value: object, path: str, allow_open: bool = False) -> UncertainDate | None:
        obj = self.obj(value, path, ("edtf", "as_written", "reasoning"))
        if obj is None:
            return None
        text = self.string(obj, "edtf", path, required=True)
        if not text and "edtf" in obj:
            self.error(f"{path}.edtf", "expected an EDTF date, got an empty string")
            return None
        if not text:
            return None
        if text == ".." and not allow_open:
            self.error(f"{path}.edtf", "an open end '..' is only allowed as the end of a range")
            return None
        try:
            return file_date(text, self.string(obj, "as_written", path),
                             self.string(obj, "reasoning", path))
        except EdtfError as error:
            self.error(f"{path}.edtf", str(error))
            return None

    # -- the document -----------------------------------------------------------------

    def timeline(self, data: object) -> Timeline | None:
        top = self.obj(data, "$", ("format", "version", "title", "description", "categories",
                                   "sources", "events", "eras", "tours"))
        if top is None:
            return None
        if top.get("format") != FORMAT_NAME:
            self.error("$.format", f"expected \"{FORMAT_NAME}\", got "
                       f"{_describe(top.get('format')) if 'format' in top else 'nothing'}")
            return None
        title = self.string(top, "title", "$", required=True)
        description = self.string(top, "description", "$")
        version = self.integer(top, "version", "$", FORMAT_VERSION)
        if version > FORMAT_VERSION:
            self.error("$.version", f"this file is format version {version}; this app reads "
                       f"up to {FORMAT_VERSION}: please update the app")
        categories = self.items(top, "categories", self.category)
        sources = self.items(top, "sources", self.source)
        events = self.events(top, Timeline(title, sources=sources))
        eras = self.items(top, "eras", self.era)
        tours = self.items(top, "tours", self.tour)
        return Timeline(
            title=title, description=description, categories=categories, sources=sources,
            events=events, eras=eras, tours=tours,
        )

    def events(self, top: dict[str, Any], context: Timeline) -> Sequence[Event]:
        """The events: a columnar store for a large file, else a tuple of events."""
        items = top.get("events", [])
        if isinstance(items, StreamedEvents):
            return items.builder.finish(self.event, context.event_window)
        if not isinstance(items, list) or len(items) < LARGE:
            return self.items(top, "events", self.event)
        return read_events(items, self.event, context.event_window)

    def items(self, top: dict[str, Any], key: str, build: Any) -> tuple[Any, ...]:
        built = (build(item, f"$.{key}[{i}]") for i, item in enumerate(self.array(top, key, "$")))
        return tuple(item for item in built if item is not None)

    def category(self, value: object, path: str) -> Category | None:
        obj = self.obj(value, path, ("id", "name", "color"))
        if obj is None:
            return None
        color = self.string(obj, "color", path, required=True)
        if color and not _is_hex_color(color):
            self.error(f"{path}.color", f"expected a colour like #0072B2, got {_describe(color)}")
        return Category(self.string(obj, "id", path, required=True),
                        self.string(obj, "name", path, required=True), color)

    def source(self, value: object, path: str) -> Source | None:
        obj = self.obj(value, path, ("id", "title", "publisher", "author", "url", "published",
                                     "sha256", "text"))
        if obj is None:
            return None
        published = None
        if obj.get("published") is not None:
            pub = self.obj(obj["published"], f"{path}.published", ("as_printed", "edtf", "note"))
            if pub is not None:
                ppath = f"{path}.published"
                edtf_text = self.string(pub, "edtf", ppath, required=True)
                try:
                    file_date(edtf_text)
                except EdtfError as error:
                    self.error(f"{ppath}.edtf", str(error))
                published = PublicationDate(self.string(pub, "as_printed", ppath),
                                            edtf_text, self.string(pub, "note", ppath))
        return Source(
            id=self.string(obj, "id", path, required=True),
            title=self.string(obj, "title", path, required=True),
            text=self.string(obj, "text", path, required=True),
            publisher=self.string(obj, "publisher", path),
            author=self.string(obj, "author", path),
            url=self.string(obj, "url", path),
            published=published,
            sha256=self.string(obj, "sha256", path),
        )

    def citation(self, value: object, path: str) -> Citation | None:
        obj = self.obj(value, path, ("source", "selector", "note"))
        if obj is None:
            return None
        quote: TextQuoteSelector | None = None
        position: TextPositionSelector | None = None
        for index, item in enumerate(self.array(obj, "selector", path)):
            spath = f"{path}.selector[{index}]"
            selector = self.obj(item, spath, ("type", "exact", "prefix", "suffix", "start", "end"))
            if selector is None:
                continue
            kind = selector.get("type")
            if kind == "TextQuoteSelector":
                quote = TextQuoteSelector(self.string(selector, "exact", spath, required=True),
                                          self.string(selector, "prefix", spath),
                                          self.string(selector, "suffix", spath))
            elif kind == "TextPositionSelector":
                start = self.integer(selector, "start", spath, -1)
                end = self.integer(selector, "end", spath, -1)
                if start < 0 or end < start:
                    self.error(spath, f"expected 0 <= start <= end, got start {start}, end {end}")
                position = TextPositionSelector(start, end)
            else:
                self.error(f"{spath}.type", "expected \"TextQuoteSelector\" or "
                           f"\"TextPositionSelector\", got {_describe(kind)}")
        if quote is None:
            self.error(path, "a citation needs a TextQuoteSelector with the exact passage")
            return None
        return Citation(self.string(obj, "source", path, required=True), quote, position,
                        self.string(obj, "note", path))

    def event(self, value: object, path: str) -> Event | None:
        obj = self.obj(value, path, ("id", "title", "start", "end", "category", "tags", "actors",
                                     "importance", "notes", "citations", "links"))
        if obj is None:
            return None
        if "start" not in obj:
            self.error(path, "missing required field 'start' (a date)")
        start = self.date(obj.get("start"), f"{path}.start") if "start" in obj else None
        end = None
        if obj.get("end") is not None:
            end = self.date(obj["end"], f"{path}.end", allow_open=True)
        citations = tuple(
            c for c in (self.citation(item, f"{path}.citations[{i}]")
                        for i, item in enumerate(self.array(obj, "citations", path)))
            if c is not None
        )
        links = []
        for index, item in enumerate(self.array(obj, "links", path)):
            link = self.obj(item, f"{path}.links[{index}]", ("url", "title"))
            if link is not None:
                lpath = f"{path}.links[{index}]"
                links.append(Link(self.string(link, "url", lpath, required=True),
                                  self.string(link, "title", lpath)))
        identifier = self.string(obj, "id", path, required=True)
        title = self.string(obj, "title", path, required=True)
        if start is None:
            return None
        return Event(
            id=identifier, title=title, start=start, end=end,
            category=self.string(obj, "category", path),
            tags=self.strings(obj, "tags", path), actors=self.strings(obj, "actors", path),
            importance=self.integer(obj, "importance", path, 3),
            notes=self.string(obj, "notes", path), citations=citations, links=tuple(links),
        )

    def era(self, value: object, path: str) -> Era | None:
        obj = self.obj(value, path, ("id", "name", "start", "end", "color", "notes"))
        if obj is None:
            return None
        start = self.date(obj.get("start"), f"{path}.start")
        end = self.date(obj.get("end"), f"{path}.end", allow_open=True)
        identifier = self.string(obj, "id", path, required=True)
        name = self.string(obj, "name", path, required=True)
        if start is None or end is None:
            return None
        return Era(identifier, name, start, end, self.string(obj, "color", path) or "#999999",
                   self.string(obj, "notes", path))

    def tour(self, value: object, path: str) -> Tour | None:
        obj = self.obj(value, path, ("name", "description", "steps"))
        if obj is None:
            return None
        steps = []
        for index, item in enumerate(self.array(obj, "steps", path)):
            spath = f"{path}.steps[{index}]"
            step = self.obj(item, spath, ("event", "notes", "window", "filter"))
            if step is None:
                continue
            window = None
            if step.get("window") is not None:
                wpath = f"{spath}.window"
                raw = self.obj(step["window"], wpath, ("start", "end"))
                if raw is not None:
                    low = self.integer(raw, "start", wpath, 0)
                    high = self.integer(raw, "end", wpath, 0)
                    if high <= low:
                        self.error(wpath, "expected end after start (seconds since 1970)")
                    window = (low, high)
            steps.append(TourStep(self.string(step, "event", spath, required=True),
                                  self.string(step, "notes", spath), window,
                                  self.string(step, "filter", spath)))
        return Tour(self.string(obj, "name", path, required=True), tuple(steps),
                    self.string(obj, "description", path))


def _is_hex_color(text: str) -> bool:
    return len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF"
                                                     for c in text[1:])
