"""An event's citation as a reader would quote it, and as a W3C Web Annotation."""

from __future__ import annotations

from typing import Any

from timeline_app.core.describe import date_text
from timeline_app.core.model import Citation, Event, Source, Timeline

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _source_line(source: Source | None, citation: Citation) -> str:
    if source is None:
        return citation.source_id
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    if source.author:
        parts.append(source.author)
    if source.published is not None:
        date = source.published.date
        parts.append(date_text(date) if date.earliest is not None else source.published.edtf)
    return ", ".join(p for p in parts if p)


def citation_text(timeline: Timeline, event: Event) -> str:
    """"Title — date as written. “exact quote” — source title, publisher, date."

    One line per citation when an event has several.
    """
    when = event.start.as_written or date_text(event.start)
    head = f"{event.title} — {when}."
    if not event.citations:
        return head
    lines = []
    for citation in event.citations:
        source = timeline.source(citation.source_id)
        lines.append(f"{head} “{citation.exact}” — {_source_line(source, citation)}.")
    return "\n".join(lines)


def web_annotation(timeline: Timeline, event: Event) -> dict[str, Any]:
    """The event's citations as a W3C Web Annotation (JSON-LD), one target per citation."""
    targets = []
    for citation in event.citations:
        source = timeline.source(citation.source_id)
        selectors: list[dict[str, Any]] = [{
            "type": "TextQuoteSelector", "exact": citation.quote.exact,
            "prefix": citation.quote.prefix, "suffix": citation.quote.suffix,
        }]
        if citation.position is not None:
            selectors.append({"type": "TextPositionSelector",
                              "start": citation.position.start, "end": citation.position.end})
        target: dict[str, Any] = {"source": (source.url if source and source.url else
                                             f"urn:timeline-app:source:{citation.source_id}"),
                                  "selector": selectors}
        if source is not None:
            target["sourceTitle"] = source.title
            target["sourceSha256"] = source.sha256
        targets.append(target)
    return {
        "@context": [ANNOTATION_CONTEXT, {"dcterms": "http://purl.org/dc/terms/"}],
        "id": f"urn:timeline-app:event:{event.id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {
            "type": "TextualBody",
            "value": event.title,
            "format": "text/plain",
            "purpose": "describing",
        },
        "target": targets[0] if len(targets) == 1 else targets,
        "dcterms:temporal": event.start.edtf,
        "dcterms:description": event.start.as_written,
    }
