"""A large timeline is written byte for byte as the ordinary writer writes it, fast."""

import json
from pathlib import Path

import pytest

from tests.bench import generate, write_csv
from timeline_app.core.dates import UncertainDate
from timeline_app.core.event_store import store_from_events
from timeline_app.core.model import Event, Link, Timeline
from timeline_app.io import csv_import, native

DATES = ["2001", "2001-03", "2001-03-04", "2001-03-04~", "2001-03?", "2001%", "-0043-03-15",
         "Y-17E7", "1950S2", "[2025-12-21..2025-12-31]", "2004-06-~11", "2001-21", "0000",
         "9999-12-31", "2020/2021-06", "0999-01"]


def ordinary(timeline: Timeline) -> str:
    return json.dumps(native.to_json(timeline), indent=2, ensure_ascii=False) + "\n"


def test_a_default_chronology_store_is_written_as_before(opened: object) -> None:
    timeline = opened.timeline  # type: ignore[attr-defined]
    store = timeline.with_events(store_from_events(timeline.events, timeline.event_window))
    assert native.dumps(store) == ordinary(store)  # citations go the ordinary way


def test_every_kind_of_date_and_field_is_written_as_before() -> None:
    events = []
    for n, start in enumerate(DATES):
        end = None if n % 3 else UncertainDate(DATES[(n + 5) % len(DATES)], "then", "why")
        first = UncertainDate(start, "as written" if n % 2 else "", "reason" if n % 4 == 0
                              else "")
        if end is not None and end.latest is not None and first.earliest is not None and \
                end.latest <= first.earliest:
            end = None
        if n == 7:
            end = UncertainDate("..", "since")
        events.append(Event(f"e{n}", f'Title "{n}" — ünïcode\n', first, end,
                            category=["a", "", "c\\d"][n % 3], tags=("t1", "t\"2")[: n % 3],
                            actors=("x",) if n % 5 == 0 else (), notes="n\tote" if n % 2
                            else "", importance=n % 7 - 2,
                            links=(Link("https://example.org", "L"),) if n == 3 else ()))
    timeline = Timeline("T ü", "desc", events=tuple(events))
    store = timeline.with_events(store_from_events(timeline.events, timeline.event_window))
    assert native.dumps(store) == ordinary(store)


@pytest.mark.slow
def test_a_large_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_csv(generate("events", 25_000), path)
    timeline, _ = csv_import.read(str(path), path.read_bytes())
    text = native.dumps(timeline)
    assert text == ordinary(timeline)
    again, _ = native.loads(text)
    assert native.dumps(again) == text
