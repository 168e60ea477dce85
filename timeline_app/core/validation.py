"""Checks of a whole timeline that go beyond its file's structure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from timeline_app.core.anchoring import CitationReport, anchor_timeline
from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import AnchorStatus, Event, Timeline
from timeline_app.core.problems import Problem, Severity

IMPORTANCE_RANGE = range(1, 6)


def check_timeline(timeline: Timeline) -> list[Problem]:
    """Return every problem of a loaded timeline, each located by its JSON path."""
    problems: list[Problem] = []
    problems += _duplicates("categories", (c.id for c in timeline.categories))
    problems += _duplicates("sources", (s.id for s in timeline.sources))
    problems += _duplicates("events", (e.id for e in timeline.events))
    problems += _duplicates("eras", (e.id for e in timeline.eras))
    for index, source in enumerate(timeline.sources):
        if not source.text_matches_hash:
            problems.append(Problem(f"$.sources[{index}].sha256", "the text no longer matches "
                                    "its SHA-256: it was edited; citations were re-checked",
                                    Severity.WARNING))
    for index, event in enumerate(timeline.events):
        problems += _event_problems(timeline, event, f"$.events[{index}]")
    for index, era in enumerate(timeline.eras):
        problems += _range_problems(era.start, era.end, f"$.eras[{index}]", f"era '{era.id}'")
    known_events = {e.id for e in timeline.events}
    for t_index, tour in enumerate(timeline.tours):
        for s_index, step in enumerate(tour.steps):
            if step.event_id not in known_events:
                problems.append(Problem(f"$.tours[{t_index}].steps[{s_index}].event",
                                        f"no event has the id '{step.event_id}'"))
    _, reports = anchor_timeline(timeline)
    problems += _anchoring_problems(timeline, reports)
    return problems


def _duplicates(key: str, ids: Iterable[str]) -> list[Problem]:
    counts = Counter(ids)
    return [Problem(f"$.{key}", f"the id '{i}' is used {n} times; ids must be unique")
            for i, n in counts.items() if n > 1]


def _event_problems(timeline: Timeline, event: Event, path: str) -> list[Problem]:
    problems: list[Problem] = []
    name = f"event '{event.id}'"
    if event.start.is_interval:
        problems.append(Problem(f"{path}.start.edtf", f"{name}: the start is an interval; "
                                "give its first date as the start and the rest as the end"))
    if event.end is not None:
        problems += _range_problems(event.start, event.end, path, name)
    if event.category and timeline.category(event.category) is None:
        problems.append(Problem(f"{path}.category", f"{name}: unknown category "
                                f"'{event.category}'", Severity.WARNING))
    if event.importance not in IMPORTANCE_RANGE:
        problems.append(Problem(f"{path}.importance",
                                f"{name}: importance must be 1 to 5, got {event.importance}"))
    for index, citation in enumerate(event.citations):
        cpath = f"{path}.citations[{index}]"
        source = timeline.source(citation.source_id)
        if source is None:
            problems.append(Problem(f"{cpath}.source",
                                    f"{name}: no source has the id '{citation.source_id}'"))
            continue
        position = citation.position
        if position is not None and position.end > len(source.text):
            problems.append(Problem(f"{cpath}.selector", f"{name}: passage {position.start}–"
                                    f"{position.end} is outside the source's "
                                    f"{len(source.text)} characters"))
    return problems


def _range_problems(start: UncertainDate, end: UncertainDate, path: str,
                    name: str) -> list[Problem]:
    if end.is_open or start.earliest is None or end.latest is None:
        return []
    if end.latest <= start.earliest:
        return [Problem(f"{path}.end", f"{name}: ends ({end.edtf}) before it starts "
                        f"({start.edtf})")]
    return []


def _anchoring_problems(timeline: Timeline,
                        reports: tuple[CitationReport, ...]) -> list[Problem]:
    index_of = {e.id: i for i, e in enumerate(timeline.events)}
    problems = []
    for report in reports:
        status = report.anchor.status
        if status is AnchorStatus.EXACT or timeline.source(report.source_id) is None:
            continue
        path = f"$.events[{index_of[report.event_id]}].citations[{report.index}]"
        severity = Severity.ERROR if status is AnchorStatus.ORPHAN else Severity.WARNING
        problems.append(Problem(path, f"event '{report.event_id}': {status.value} citation: "
                                f"{report.anchor.message}", severity))
    return problems
