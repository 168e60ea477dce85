"""Export events as CSV, one row per event, in the documented column order."""

from __future__ import annotations

import csv
import io
import os

from timeline_app.core.model import Event, Timeline, window_in_iso
from timeline_app.io.atomic import write_atomic

COLUMNS = (
    "id", "title", "date", "as_written", "earliest", "latest", "precision", "category",
    "tags", "source", "passage_start", "passage_end", "passage",
)
#: Separator of several tags within one cell.
TAG_SEPARATOR = "; "


def event_row(timeline: Timeline, event: Event) -> dict[str, str]:
    """Return one event as a CSV row keyed by :data:`COLUMNS`."""
    earliest, latest = window_in_iso(timeline.event_window(event))
    citation = event.citations[0] if event.citations else None
    source = timeline.source(citation.source_id) if citation else None
    position = citation.position if citation else None
    return {
        "id": event.id,
        "title": event.title,
        "date": event.start.edtf,
        "as_written": event.start.as_written,
        "earliest": earliest,
        "latest": latest,
        "precision": event.start.precision.label,
        "category": event.category,
        "tags": TAG_SEPARATOR.join(event.tags),
        "source": source.title if source else (citation.source_id if citation else ""),
        "passage_start": str(position.start) if position else "",
        "passage_end": str(position.end) if position else "",
        "passage": citation.exact if citation else "",
    }


def to_csv(timeline: Timeline, events: list[Event] | None = None) -> str:
    """Return the CSV text of the timeline's events in time order (or of the given ones)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in timeline.chronological() if events is None else events:
        writer.writerow(event_row(timeline, event))
    return buffer.getvalue()


def save_csv(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the CSV atomically, as UTF-8."""
    write_atomic(path, to_csv(timeline).encode("utf-8"))
