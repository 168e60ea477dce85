"""Candidate events from a source, and the sentences they cite."""

import json

import pytest

from timeline_app.core.anchoring import anchor
from timeline_app.core.dates import OPEN
from timeline_app.core.model import AnchorStatus, PublicationDate, Source
from timeline_app.core.sentences import sentence_spans
from timeline_app.core.suggest import Candidate, event_title, suggest_events
from timeline_app.paths import DEFAULT_ARTICLE, DEFAULT_CHRONOLOGY

ARTICLE = DEFAULT_ARTICLE.read_text(encoding="utf-8")
PUBLISHED = PublicationDate("January 20, 2025", "2026-01-20", "corrected: see the chronology")
LATE_DECEMBER = "[2025-12-21..2025-12-31]"


@pytest.fixture(scope="module")
def candidates() -> list[Candidate]:
    return suggest_events(Source("article", "Long-Distance Friendship", ARTICLE,
                                 published=PUBLISHED))


def _with(candidates: list[Candidate], words: str) -> list[Candidate]:
    return [c for c in candidates if words in c.event.citations[0].exact]


@pytest.mark.parametrize(
    ("words", "phrase", "start", "end"),
    [
        ("similar treaty signed in 2001", "in 2001", "2001", None),
        ("supply Russia with weapons since 2022", "since 2022", "2022", OPEN),
        ("Shahed drones", "starting in 2022", "2022", None),
        ("Mi-28 helicopters", "announced for 2023", "2023", None),
        ("Treaty on Comprehensive Strategic Partnership", "In 2025", "2025", None),
        ("Eurasian Economic Union", "In 2025", "2025", None),
        ("largest protests", "Since late December", LATE_DECEMBER, OPEN),
        ("Israel signaled through Moscow", "in late December", LATE_DECEMBER, None),
        ("Nikita Smagin", "since 2022", "2022", OPEN),
    ],
)
def test_each_dated_passage_of_the_article_is_a_candidate(
        candidates: list[Candidate], words: str, phrase: str, start: str,
        end: str | None) -> None:
    [candidate] = _with(candidates, words)
    assert candidate.suggestion.phrase == phrase
    assert candidate.event.start.edtf == start
    assert (candidate.event.end.edtf if candidate.event.end else None) == end
    assert candidate.event.start.as_written == phrase


def test_candidates_agree_with_the_hand_made_chronology(candidates: list[Candidate]) -> None:
    data = json.loads(DEFAULT_CHRONOLOGY.read_text(encoding="utf-8"))
    events = {e["id"]: e for e in data["events"]}
    for event_id in ("treaty-2001", "weapons-since-2022", "shahed-deal-2022",
                     "mi28-il76-announced-2023", "partnership-treaty-2025",
                     "eaeu-free-trade-2025", "protests-begin", "israel-signal",
                     "cooperation-since-2022"):
        expected = events[event_id]
        quote = expected["citations"][0]["selector"][0]["exact"]
        # The chronology cites part of a sentence at most; ours cites the sentence.
        matching = [c for c in candidates
                    if quote in c.event.citations[0].exact or c.event.citations[0].exact in quote]
        assert matching, event_id
        assert any(c.event.start.edtf == expected["start"]["edtf"]
                   and (c.event.end.edtf if c.event.end else None)
                   == (expected["end"]["edtf"] if expected["end"] else None)
                   for c in matching), event_id


def test_relative_dates_keep_their_reasoning(candidates: list[Candidate]) -> None:
    [protests] = _with(candidates, "largest protests")
    assert protests.event.start.reasoning.startswith(
        "'Since late December', published 2026-01-20 → from 21–31 December 2025, ongoing")
    assert protests.event.end is not None
    assert "ongoing when the source was published (2026-01-20)" in protests.event.end.reasoning


def test_the_dateline_and_lone_durations_are_no_candidates(candidates: list[Candidate]) -> None:
    assert _with(candidates, "January 20, 2025") == []
    assert _with(candidates, "For several days") == []


def test_every_citation_is_its_whole_sentence_and_anchors_exactly(
        candidates: list[Candidate]) -> None:
    sentences = {ARTICLE[start:end] for start, end in sentence_spans(ARTICLE)}
    for candidate in candidates:
        [citation] = candidate.event.citations
        assert citation.exact in sentences
        assert anchor(citation, ARTICLE).status is AnchorStatus.EXACT
        start, end = candidate.suggestion.span
        assert citation.position is not None
        assert citation.position.start <= start < end <= citation.position.end


def test_ids_are_unique_readable_slugs(candidates: list[Candidate]) -> None:
    ids = [c.event.id for c in candidates]
    assert len(set(ids)) == len(ids)
    assert "moscow-and-tehran-signed-a-treaty" in ids


@pytest.mark.parametrize(
    ("words", "title"),
    [
        ("Treaty on Comprehensive", "Moscow and Tehran signed a Treaty on Comprehensive "
         "Strategic Partnership"),
        ("Eurasian Economic Union", "A free trade agreement between Iran and the Eurasian "
         "Economic Union entered into force"),
        ("Shahed drones", "The deal to supply Iranian Shahed drones to Russia is widely known"),
        ("largest protests", "The largest protests in Iran’s 50-year history have continued"),
        ("Israel signaled", "Israel signaled through Moscow that it would refrain from "
         "striking Iran unless it were…"),
        ("recent years", "Recent years have seen tangible warming in Russia-Iran relations"),
        ("Nikita Smagin", "Moscow has managed to set up cooperation with Iran’s current "
         "political leadership amid…"),
    ],
)
def test_titles_come_from_the_sentence_without_the_date_phrase(
        candidates: list[Candidate], words: str, title: str) -> None:
    [candidate] = _with(candidates, words)
    assert candidate.event.title == title


def test_titles_are_short(candidates: list[Candidate]) -> None:
    assert all(0 < len(c.event.title) <= 91 for c in candidates)


def test_one_candidate_per_sentence_and_distinct_date() -> None:
    text = ("In 2025, a treaty was signed. In 2025, trade grew, in 2025 as before. "
            "It began in 2001 and ended in 2005.")
    found = suggest_events(Source("s", "S", text))
    assert [(c.event.start.edtf, c.suggestion.phrase) for c in found] == [
        ("2025", "In 2025"), ("2025", "In 2025"), ("2001", "in 2001"), ("2005", "in 2005")]
    assert found[0].event.citations[0].exact == "In 2025, a treaty was signed."


def test_vague_dates_can_be_left_out() -> None:
    source = Source("s", "S", "Recently, prices rose. In 2001 they fell.",
                    published=PublicationDate("2026-01-20", "2026-01-20"))
    assert len(suggest_events(source)) == 2
    assert [c.suggestion.phrase for c in suggest_events(source, vague=False)] == ["In 2001"]


def test_taken_ids_are_not_reused() -> None:
    source = Source("s", "S", "In 2001, a treaty was signed.")
    [candidate] = suggest_events(source, taken_ids={"a-treaty-was-signed"})
    assert candidate.event.id == "a-treaty-was-signed-2"


def test_event_title_keeps_a_date_phrase_that_is_the_subject() -> None:
    text = "Recent years have seen warming."
    assert event_title(text, (0, len(text)), (0, 12)) == "Recent years have seen warming"


# --- sentences ------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Dr. Jones.",
         ["Mr. Smith went to Washington.", "He met Dr. Jones."]),
        ("U.S. forces left on Jan. 20, 2026. Then it ended.",
         ["U.S. forces left on Jan. 20, 2026.", "Then it ended."]),
        ("He lives in the U.S. The rest is history.",
         ["He lives in the U.S.", "The rest is history."]),
        ("George W. Bush spoke. See No. 5 for more.",
         ["George W. Bush spoke.", "See No. 5 for more."]),
        ("“Will they come?” she asked. “No.” He left.",
         ["“Will they come?” she asked.", "“No.”", "He left."]),
        ("It was “very strong action.” Then nothing.",
         ["It was “very strong action.”", "Then nothing."]),
        ("(Trump has announced a 25% tariff.) “The marches” went on.",
         ["(Trump has announced a 25% tariff.)", "“The marches” went on."]),
        ("It cost $4.5 billion. Prices rose – sharply – by 3.5%.",
         ["It cost $4.5 billion.", "Prices rose – sharply – by 3.5%."]),
        ("Talks began.\u00a0Protests\u00a0followed.", ["Talks began.", "Protests\u00a0followed."]),
        ("Politics\nA Title Without a Stop\nJanuary 20, 2025\nBody one. Body two.",
         ["Politics", "A Title Without a Stop", "January 20, 2025", "Body one.", "Body two."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_hard_wrapped_paragraphs_join_their_lines() -> None:
    line = "This paragraph is wrapped at about seventy characters, as plain text"
    text = (f"{line}\nmails often are, and its sentence goes on across the break until\n"
            f"it ends here. A second one starts on the same line and is fine.\n\n"
            f"# Heading\n{line}\nends.\n")
    sentences = _sentences(text)
    assert sentences[0].startswith("This paragraph") and sentences[0].endswith("ends here.")
    assert "\n" in sentences[0]
    assert sentences[1] == "A second one starts on the same line and is fine."
    assert sentences[2] == "# Heading"
