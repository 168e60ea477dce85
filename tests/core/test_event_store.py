"""The columnar event store: events come back exactly, edits copy-on-write, look-ups by id."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.columns import build_columns
from timeline_app.core.dates import UncertainDate
from timeline_app.core.event_store import (
    CodeLists,
    EventStore,
    StoreRows,
    TextColumn,
    store_from_events,
)
from timeline_app.core.filters import Certainty, FilterState, apply_filters, facet_counts
from timeline_app.core.model import Event, Timeline
from timeline_app.core.store_builders import compacted
from timeline_app.io import native
from timeline_app.paths import DEFAULT_CHRONOLOGY, RESOURCES

DATES = ["2001", "2001-03", "2001-03-04", "2001-03-04~", "2001-03?", "2001%", "-0043-03-15",
         "Y-17E7", "1950S2", "[2025-12-21..2025-12-31]", "2004-06-~11", "2001-21",
         "[..2001-05]", "2025-12-31T23:59:59Z", "0000", "9999-12-31", "2020/2021-06"]


def columnar(timeline: Timeline) -> Timeline:
    return timeline.with_events(store_from_events(timeline.events, timeline.event_window))


@pytest.fixture(scope="module")
def chronologies() -> list[Timeline]:
    return [native.load(path)[0] for path in (DEFAULT_CHRONOLOGY, RESOURCES / "examples" /
                                              "deep-time.chronology.json")]


def test_every_event_comes_back_exactly(chronologies: list[Timeline]) -> None:
    for timeline in chronologies:
        store = columnar(timeline).events
        assert isinstance(store, EventStore) and len(store) == len(timeline.events)
        assert {e.id: e for e in store} == {e.id: e for e in timeline.events}


def test_store_columns_match_event_columns(chronologies: list[Timeline]) -> None:
    for timeline in chronologies:
        expected = build_columns(timeline)
        got = build_columns(columnar(timeline))
        for name in ("earliest", "latest", "start_latest", "end_earliest", "flags", "lane",
                     "importance"):
            assert np.array_equal(getattr(expected, name), getattr(got, name)), name
        assert list(expected.ids) == list(got.ids)
        assert list(expected.titles) == list(got.titles)
        assert expected.lanes == got.lanes or [lane.id for lane in expected.lanes] == \
            [lane.id for lane in got.lanes]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATES), st.one_of(st.none(), st.sampled_from(DATES)),
                          st.text(max_size=12), st.sampled_from(["", "Sometime", "März"])),
                min_size=1, max_size=25))
def test_any_dates_round_trip(items: list[tuple[str, str | None, str, str]]) -> None:
    events = []
    for n, (start, end, title, written) in enumerate(items):
        first = UncertainDate(start, written)
        last = None if end is None else UncertainDate(end)
        if last is not None and last.latest is not None and first.earliest is not None \
                and last.latest <= first.earliest:
            last = None
        events.append(Event(f"e{n}", title, first, last, category=["a", "b", ""][n % 3],
                            tags=("x", "y")[: n % 3], notes="note" if n % 4 == 0 else "",
                            importance=n % 5))
    timeline = Timeline("T", events=tuple(events))
    store = columnar(timeline).events
    assert {e.id: e for e in store} == {e.id: e for e in events}


def test_look_up_by_id(chronologies: list[Timeline]) -> None:
    timeline = columnar(chronologies[0])
    for event in chronologies[0].events:
        assert timeline.event(event.id) == event
    assert timeline.event("no such event") is None
    assert timeline.event("") is None


def test_edits_match_the_tuple_timeline(chronologies: list[Timeline]) -> None:
    plain = chronologies[0]
    store = columnar(plain)
    first, second = plain.events[0], plain.events[1]
    moved = replace(first, title="Moved", start=UncertainDate("1999-01-01"), end=None)
    added = replace(second, id="brand-new", title="New one")
    for tuple_side, store_side in (
            (plain.replacing(moved), store.replacing(moved)),
            (plain.adding(added), store.adding(added)),
            (plain.removing([first.id, second.id]), store.removing([first.id, second.id]))):
        assert isinstance(store_side.events, EventStore)
        assert {e.id: e for e in store_side.events} == {e.id: e for e in tuple_side.events}
        # The store stays in time order (ties may differ from the tuple's order).
        keys = list(zip(store_side.events.earliest.tolist(), store_side.events.latest.tolist()))
        assert keys == sorted(keys)
    # Copy-on-write: the original store is untouched.
    assert {e.id: e for e in store.events} == {e.id: e for e in plain.events}


def test_filters_and_facets_match_per_event_filters(chronologies: list[Timeline]) -> None:
    plain = chronologies[0]
    store = columnar(plain)
    categories = {e.category for e in plain.events}
    states = [FilterState(), FilterState(categories=frozenset(list(categories)[:1])),
              FilterState(certainty=Certainty.UNCERTAIN),
              FilterState(certainty=Certainty.EXACT),
              FilterState(date_from=UncertainDate("2025-12"), date_to=UncertainDate("2026-01-10")),
              FilterState(tags=frozenset({t for e in plain.events for t in e.tags[:1]}))]
    for state in states:
        expected = apply_filters(plain, state)
        got = apply_filters(store, state)
        assert isinstance(got, StoreRows)
        assert {e.id for e in got} == {e.id for e in expected}, state
        assert facet_counts(got) == facet_counts(expected)


def test_text_column_take_concat_and_find() -> None:
    column = TextColumn.from_strings(["Alpha", "βeta", "", "gamma ray", "Ωmega"])
    assert list(column) == ["Alpha", "βeta", "", "gamma ray", "Ωmega"]
    shuffled = column.take(np.array([4, 2, 0]))
    assert list(shuffled) == ["Ωmega", "", "Alpha"] and shuffled[-1] == "Alpha"
    both = shuffled.concat(TextColumn.from_strings(["delta"]))
    assert list(both) == ["Ωmega", "", "Alpha", "delta"]
    assert both.find_all(b"a").tolist() == [0, 2, 3]
    assert list(both.compact()) == list(both)
    assert column.find_all(b"ga").tolist() == [3, 4]
    assert column.find_all(b"agam").tolist() == []  # never across two strings


def test_code_lists() -> None:
    lists = CodeLists.from_lists([("a", "b"), (), ("b",), ("c", "a")])
    assert [lists.of(i) for i in range(4)] == [("a", "b"), (), ("b",), ("c", "a")]
    assert lists.mask_any({"a"}).tolist() == [True, False, False, True]
    assert lists.counts() == {"a": 2, "b": 2, "c": 1}
    taken = lists.take(np.array([3, 1]))
    assert [taken.of(i) for i in range(2)] == [("c", "a"), ()]
    empty = CodeLists.empty(3)
    joined = empty.concat(lists)
    assert len(joined) == 7 and joined.of(6) == ("c", "a") and joined.of(0) == ()


def test_compacted_store_is_equal(chronologies: list[Timeline]) -> None:
    store = columnar(chronologies[0]).events
    assert isinstance(store, EventStore)
    assert list(compacted(store)) == list(store)
