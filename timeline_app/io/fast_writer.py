"""Writing a large timeline's native file without making a million events.

``json.dumps`` with an indent runs its pure-Python encoder: a million events take
half a minute to write, and autosave writes unsaved work every 30 seconds. For a
columnar store each event's canonical text is assembled from the columns (dates
formatted with numpy, strings escaped by the C escaper); events with citations or
links go through the ordinary writer. The text is byte for byte what
``native.dumps`` writes (``tests/io/test_fast_writer.py``).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from timeline_app.core import event_store as es
from timeline_app.core.event_store import EventStore
from timeline_app.core.model import Timeline

_KEY = '"events": []'


def dumps_store(timeline: Timeline, event_json: Any) -> str:
    """The canonical text of a timeline whose events are a store.

    ``event_json`` is the ordinary writer's event-to-JSON function (for odd events).
    """
    from timeline_app.io.native import to_json

    store = timeline.events
    assert isinstance(store, EventStore)
    head = json.dumps(to_json(timeline.with_events(())), indent=2, ensure_ascii=False)
    if not len(store):
        return head + "\n"
    items = _events(store, event_json)
    at = head.index(_KEY)  # the only unescaped occurrence: the key itself
    return (head[:at] + '"events": [\n' + ",\n".join(items) + "\n  ]"
            + head[at + len(_KEY):] + "\n")


def _plain_texts(instants: Any, codes: Any) -> list[str]:
    """EDTF texts of plain dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), vectorised."""
    days = (np.asarray(instants, np.int64) // es.DAY).astype("datetime64[D]")
    full = np.datetime_as_string(days, unit="D").tolist()
    widths = {es.PLAIN_YEAR: 4, es.PLAIN_MONTH: 7, es.PLAIN_DAY: 10}
    return [text[:widths.get(code, 10)] for text, code in zip(full, codes.tolist())]


def _date(edtf: str, written: str, reasoning: str, indent: str) -> str:
    text = (f'{{\n{indent}  "edtf": {encode_basestring(edtf)},\n{indent}  "as_written": '
            f"{encode_basestring(written)}")
    if reasoning:
        text += f',\n{indent}  "reasoning": {encode_basestring(reasoning)}'
    return text + f"\n{indent}}}"


def _list(items: tuple[str, ...]) -> str:
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"        {encode_basestring(i)}" for i in items) + "\n      ]"


def _events(store: EventStore, event_json: Any) -> list[str]:
    count = len(store)
    start_code = store.kind & 7
    end_code = store.kind >> 3
    plain_start = np.isin(start_code, (es.PLAIN_YEAR, es.PLAIN_MONTH, es.PLAIN_DAY))
    plain_end = np.isin(end_code, (es.PLAIN_YEAR, es.PLAIN_MONTH, es.PLAIN_DAY))
    starts = _plain_texts(np.where(plain_start, store.earliest, 0), start_code)
    ends = _plain_texts(np.where(plain_end, np.asarray(store.end_earliest), 0), end_code)
    ids = list(store.ids)
    titles = list(store.titles)
    categories = [encode_basestring(c) for c in store.category_ids]
    category = store.category.tolist()
    importance = store.importance.tolist()
    tag_rows = set(np.flatnonzero(np.diff(store.tags.offsets) > 0).tolist()) \
        if len(store.tags.codes) else set()
    actor_rows = set(np.flatnonzero(np.diff(store.actors.offsets) > 0).tolist()) \
        if len(store.actors.codes) else set()
    odd = set(store.citations) | set(store.links)
    start_codes, end_codes = start_code.tolist(), end_code.tolist()
    items: list[str] = []
    for row in range(count):
        if row in odd:
            text = json.dumps(event_json(store[row]), indent=2, ensure_ascii=False)
            items.append("    " + text.replace("\n", "\n    "))
            continue
        kept = store.start_text.get(row)
        written, reasoning = (kept.as_written, kept.reasoning) if kept else ("", "")
        edtf = kept.edtf if start_codes[row] == es.STORED and kept else starts[row]
        start = _date(edtf, written, reasoning, "      ")
        code = end_codes[row]
        if code == es.NO_END:
            end = "null"
        else:
            kept = store.end_text.get(row)
            written, reasoning = (kept.as_written, kept.reasoning) if kept else ("", "")
            edtf = ".." if code == es.OPEN_END else \
                (kept.edtf if code == es.STORED and kept else ends[row])
            end = _date(edtf, written, reasoning, "      ")
        tags = _list(store.tags.of(row)) if row in tag_rows else "[]"
        actors = _list(store.actors.of(row)) if row in actor_rows else "[]"
        notes = encode_basestring(store.notes.get(row, ""))
        items.append(
            f'    {{\n      "id": {encode_basestring(ids[row])},\n      "title": '
            f'{encode_basestring(titles[row])},\n      "start": {start},\n      "end": {end},'
            f'\n      "category": {categories[category[row]]},\n      "tags": {tags},\n'
            f'      "actors": {actors},\n      "importance": {importance[row]},\n'
            f'      "notes": {notes},\n      "citations": [],\n      "links": []\n    }}')
    return items
