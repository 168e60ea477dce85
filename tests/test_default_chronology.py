"""The shipped chronology: the article byte for byte, verbatim passages, honest dates."""

import hashlib
import re
from pathlib import Path

import pytest

from timeline_app.core import calendar as cal
from timeline_app.core.anchoring import normalized
from timeline_app.core.model import Event, Timeline
from timeline_app.core.validation import check_timeline
from timeline_app.io import native
from timeline_app.paths import DEFAULT_ARTICLE, DEFAULT_CHRONOLOGY

ARTICLE_SHA256 = "56e5cd2b23d4dd6b509797adcd78bd22bd72cf7442e46d68200f183acb6ec150"
SHARED_ARTICLE = Path(__file__).parents[2] / "shared/sources/russia-iran-protests-article.txt"
DURING = ("2025-12-21", "2026-01-20")
LATE_DECEMBER = ("2025-12-21", "2025-12-31")

#: What each event's passage lets a reader place: the first and last day of its start.
EXPECTED_START = {
    "treaty-2001": ("2001-01-01", "2001-12-31"),
    "invasion-isolation-2022": ("2022-01-01", "2022-12-31"),
    "weapons-since-2022": ("2022-01-01", "2022-12-31"),
    "shahed-deal-2022": ("2022-01-01", "2022-12-31"),
    "shahed-localised": ("2022-01-01", "2026-01-20"),
    "mi28-il76-announced-2023": ("2023-01-01", "2023-12-31"),
    "partnership-treaty-2025": ("2025-01-01", "2025-12-31"),
    "eaeu-free-trade-2025": ("2025-01-01", "2025-12-31"),
    "payment-systems": ("", "2026-01-20"),
    "protests-begin": LATE_DECEMBER,
    "israel-signal": LATE_DECEMBER,
    "iran-reciprocal-commitment": LATE_DECEMBER,
    "cooperation-since-2022": ("2022-01-01", "2022-12-31"),
    **dict.fromkeys([
        "political-demands", "repression", "internet-cut-off", "london-embassy-flag",
        "pro-regime-marches", "trump-threat", "us-strike-debate", "executions-postponed",
        "tariff-threat", "zakharova-statements", "putin-calls", "khamenei-evacuation-plan",
        "state-media-line", "russian-television", "russian-hardware-arrives", "smagin-limits",
    ], DURING),
}
ONGOING = {"weapons-since-2022", "protests-begin", "cooperation-since-2022"}


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    loaded, warnings = native.load(DEFAULT_CHRONOLOGY)
    assert warnings == []
    return loaded


@pytest.fixture(scope="module")
def article() -> str:
    return DEFAULT_ARTICLE.read_text(encoding="utf-8")


def test_article_is_the_shared_source_byte_for_byte(timeline: Timeline, article: str) -> None:
    data = DEFAULT_ARTICLE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256
    if SHARED_ARTICLE.exists():
        assert data == SHARED_ARTICLE.read_bytes()
    (source,) = timeline.sources
    assert source.text == article
    assert source.sha256 == ARTICLE_SHA256


def test_file_is_clean(timeline: Timeline) -> None:
    assert check_timeline(timeline) == []


def test_every_passage_is_verbatim_at_its_position(timeline: Timeline, article: str) -> None:
    count = 0
    for event in timeline.events:
        assert event.citations, event.id
        for citation in event.citations:
            assert citation.position is not None
            assert article[citation.position.start:citation.position.end] == citation.exact
            count += 1
    assert count >= len(timeline.events)


def test_every_event_the_issue_names_is_there(timeline: Timeline) -> None:
    assert set(EXPECTED_START) == {e.id for e in timeline.events}


def _start_days(event: Event) -> tuple[str, str]:
    first = "" if event.start.earliest is None else cal.format_iso_date(event.start.earliest)
    assert event.start.latest is not None
    return first, cal.format_iso_date(event.start.latest - 1)


@pytest.mark.parametrize("event_id", sorted(EXPECTED_START))
def test_date_fits_what_the_passage_says(timeline: Timeline, event_id: str) -> None:
    event = timeline.event(event_id)
    assert event is not None
    assert _start_days(event) == EXPECTED_START[event_id]
    assert event.is_ongoing == (event_id in ONGOING)
    passages = " ".join(normalized(c.exact).lower() for c in event.citations)
    phrase = normalized(event.start.as_written).lower()
    if phrase:
        assert phrase in passages, f"'{phrase}' is not in the cited passages"
    for year in re.findall(r"\b(?:19|20)\d\d\b", phrase):
        assert event.start.edtf.startswith(year)
    if "late december" in phrase:
        assert _start_days(event) == LATE_DECEMBER
    if event.start.one_of or event.is_ongoing or not phrase:
        assert event.start.reasoning or (event.end and event.end.reasoning)


def test_publication_date_keeps_print_correction_and_note(timeline: Timeline) -> None:
    published = timeline.sources[0].published
    assert published is not None
    assert published.as_printed == "January 20, 2025"
    assert published.edtf == "2026-01-20"
    assert "2026" in published.note and "2025" in published.note


def test_ongoing_ranges_run_to_the_corrected_publication_date(timeline: Timeline) -> None:
    event = timeline.event("protests-begin")
    assert event is not None
    _, latest = timeline.event_window(event)
    assert latest == cal.to_instant(2026, 1, 21)


def test_categories_and_actors_a_researcher_filters_by(timeline: Timeline) -> None:
    categories = {c.id for c in timeline.categories}
    assert {"agreements", "arms", "economy", "protests", "diplomacy", "media",
            "intelligence"} <= categories
    assert all(e.category in categories for e in timeline.events)
    actors = {a for e in timeline.events for a in e.actors}
    assert {"Russia", "Iran", "United States", "Israel"} <= actors
