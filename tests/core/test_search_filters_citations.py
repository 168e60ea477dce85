"""Search, filters and citation export on the default chronology."""

import json

import pytest

from timeline_app.core import calendar as cal
from timeline_app.core.citation_export import citation_text, web_annotation
from timeline_app.core.dates import UncertainDate
from timeline_app.core.filters import (
    Certainty,
    FilterState,
    apply_filters,
    chips,
    facet_counts,
    is_uncertain,
)
from timeline_app.core.model import Timeline
from timeline_app.core.search import TitleIndex, search
from timeline_app.io import native
from timeline_app.paths import DEFAULT_CHRONOLOGY


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return native.load(DEFAULT_CHRONOLOGY)[0]


def test_search_covers_titles_notes_passages_and_source_text(timeline: Timeline) -> None:
    result = search(timeline, "zakharova")
    assert {"zakharova-statements", "pro-regime-marches"} <= result.event_ids
    article = timeline.sources[0].text
    for hit in result.text_hits:
        assert article[hit.start:hit.end].casefold() == "zakharova"
    # Events first, in time order; then passages of the text no event cites.
    kinds = [bool(m.event_id) for m in result.matches]
    assert kinds == sorted(kinds, reverse=True)


def test_search_ignores_quote_style_and_case(timeline: Timeline) -> None:
    assert "protests-begin" in search(timeline, "IRAN'S 50-YEAR HISTORY").event_ids
    assert search(timeline, "   ").matches == ()


def test_source_text_hits_outside_passages_are_matches(timeline: Timeline) -> None:
    result = search(timeline, "Share this article")
    assert not result.event_ids
    assert len(result.matches) == 1 and result.matches[0].hit is not None


def test_title_index_finds_rows() -> None:
    index = TitleIndex(("Alpha beta", "Gamma", "Beta’s return", "delta"))
    assert index.rows("beta") == [0, 2]
    assert index.rows("beta's") == [2]
    assert index.rows("") == []


def test_category_tag_actor_filters_and_counts(timeline: Timeline) -> None:
    protests = apply_filters(timeline, FilterState(categories=frozenset({"protests"})))
    assert len(protests) == 6 and all(e.category == "protests" for e in protests)
    usa = apply_filters(timeline, FilterState(actors=frozenset({"United States"})))
    assert {e.id for e in usa} >= {"trump-threat", "tariff-threat"}
    counts = facet_counts(list(timeline.events))
    assert counts.categories["diplomacy"] == 8
    assert counts.actors["Russia"] >= 15


def test_date_window_filter(timeline: Timeline) -> None:
    state = FilterState(date_from=UncertainDate("2025-12"), date_to=UncertainDate("2026-01"))
    kept = {e.id for e in apply_filters(timeline, state)}
    assert "treaty-2001" not in kept and "protests-begin" in kept
    assert "weapons-since-2022" in kept  # still ongoing in December 2025
    earliest = cal.to_instant(2025, 12, 1)
    for event in apply_filters(timeline, state):
        assert (timeline.event_window(event)[1] or 0) > earliest


def test_certainty_filters_split_the_events(timeline: Timeline) -> None:
    uncertain = apply_filters(timeline, FilterState(certainty=Certainty.UNCERTAIN))
    exact = apply_filters(timeline, FilterState(certainty=Certainty.EXACT))
    assert len(uncertain) + len(exact) == len(timeline.events)
    assert all(is_uncertain(e) for e in uncertain)


def test_chips_name_each_filter_and_remove_one(timeline: Timeline) -> None:
    state = FilterState(categories=frozenset({"protests"}), tags=frozenset({"rial"}),
                        certainty=Certainty.EXACT, date_from=UncertainDate("2025"),
                        from_text="2025")
    labels = [c.label for c in chips(state, timeline)]
    assert labels == ["Category: Protests & repression", "Tag: rial", "From: 2025",
                      "Exact dates only"]
    first = chips(state, timeline)[0]
    assert state.without(first).categories == frozenset()
    assert not FilterState().active and state.active


def test_citation_text_and_web_annotation(timeline: Timeline) -> None:
    event = timeline.event("treaty-2001")
    assert event is not None
    text = citation_text(timeline, event)
    assert text.startswith("Russia and Iran sign a treaty with security provisions later "
                           "repeated in 2025 — signed in 2001. “The security-related")
    assert text.endswith("— Long-Distance Friendship: How Is Russia Reacting to the Protests in "
                         "Iran and Potential US Intervention?, 20 January 2026.")
    annotation = web_annotation(timeline, event)
    json.dumps(annotation)
    assert annotation["type"] == "Annotation"
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    citation = event.citations[0]
    assert selectors["TextQuoteSelector"]["exact"] == citation.exact
    assert citation.position is not None
    assert selectors["TextPositionSelector"]["start"] == citation.position.start
