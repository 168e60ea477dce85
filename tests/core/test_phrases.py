"""Date phrases: what each means, how it was read, and what is not a date at all."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.phrases import (
    find_dateline,
    find_dates,
    find_durations,
    read_date,
    suggest_date,
    unresolved_phrases,
)

# A Tuesday: "last week" is Monday 12 to Sunday 18 January 2026.
PUBLISHED = UncertainDate("2026-01-20")


@pytest.mark.parametrize(
    ("phrase", "edtf", "end", "reasoning"),
    [
        # From the article.
        ("In 2025", "2025", None, "'In 2025' → 2025"),
        ("in 2001", "2001", None, "→ 2001"),
        ("since 2022", "2022", OPEN, "from 2022, ongoing"),
        ("starting in 2022", "2022", None, "the start of something"),
        ("announced for 2023", "2023", None, "a planned or announced date"),
        ("late December", "[2025-12-21..2025-12-31]", None,
         "'late December', published 2026-01-20 → 21–31 December 2025"),
        ("since late December", "[2025-12-21..2025-12-31]", OPEN,
         "published 2026-01-20 → from 21–31 December 2025, ongoing"),
        # Elsewhere.
        ("early March 2001", "[2001-03-01..2001-03-10]", None, "early = days 1–10"),
        ("mid-February", "[2025-02-11..2025-02-20]", None,
         "published 2026-01-20 → 11–20 February 2025"),
        ("12 March 2001", "2001-03-12", None, "→ 12 March 2001"),
        ("March 12, 2001", "2001-03-12", None, "→ 12 March 2001"),
        ("the 12th of March, 2001", "2001-03-12", None, "→ 12 March 2001"),
        ("Jan. 20, 2026", "2026-01-20", None, "→ 20 January 2026"),
        ("Tuesday, January 20, 2026", "2026-01-20", None, "→ 20 January 2026"),
        ("March 2001", "2001-03", None, "→ March 2001"),
        ("on 12 March", "2025-03-12", None,
         "published 2026-01-20 → 12 March 2025 (the most recent such day"),
        ("29 February", "2024-02-29", None, "→ 29 February 2024"),
        ("last week", "[2026-01-12..2026-01-18]", None,
         "published 2026-01-20 → 12–18 January 2026 (the Monday–Sunday week before"),
        ("2026-01-20", "2026-01-20", None, "→ 20 January 2026"),
        ("20 January 2026", "2026-01-20", None, "→ 20 January 2026"),
        ("January 20, 2026", "2026-01-20", None, "→ 20 January 2026"),
        ("44 BC", "-0043", None, "→ 44 BCE"),
        ("15 March 44 BC", "-0043-03-15", None, "→ 15 March 44 BCE"),
        ("AD 800", "0800", None, "→ 800"),
        ("the 1990s", "199X", None, "between 1990 and 1999"),
        ("the early 1990s", "[1990..1993]", None, "years 0–3"),
        ("the 19th century", "18XX", None, "between 1800 and 1899"),
        ("the 5th century BC", "-04XX", None, "between 500 BCE and 401 BCE"),
        ("13.8 billion years ago", "Y-13800000000", None, "13.8 billion years ago"),
        ("summer 2025", "2025-22", None, "between June and August 2025"),
        ("the first quarter of 2025", "2025-33", None, "→ between January and March 2025"),
        ("early 2025", "[2025-01..2025-04]", None, "→ January–April 2025"),
        ("in May", "2025-05", None, "the most recent May not after the publication date"),
        ("last month", "2025-12", None, "→ December 2025"),
        ("yesterday", "2026-01-19", None, "→ 19 January 2026"),
        ("on Monday", "2026-01-19", None, "→ 19 January 2026"),
        ("three days ago", "2026-01-17", None, "→ 17 January 2026"),
        ("earlier this month", "[2026-01-01..2026-01-20]", None, "→ 1–20 January 2026"),
        ("over the past two weeks", "[2026-01-06..2026-01-20]", None, "one day within"),
        ("recently", "[..2026-01-20]", None, "→ on or before 20 January 2026"),
        ("now", "[..2026-01-20]", None, "→ on or before 20 January 2026"),
        ("around 2001", "2001~", None, "→ about 2001"),
        ("before 2001", "[..2000]", None, "→ on or before 2000"),
        ("by 2025", "[..2025]", None, "→ on or before 2025"),
        ("after March 2001", "[2001-04..2026-01-20]", None, "published 2026-01-20"),
        ("2001 onwards", "2001", OPEN, "from 2001, ongoing"),
        ("from 2019 to 2022", "2019", "2022", "→ from 2019 to 2022"),
        ("2019–2022", "2019", "2022", "→ from 2019 to 2022"),
        ("12–15 March 2001", "2001-03-12", "2001-03-15", "to 15 March 2001"),
        ("between 2019 and 2022", "[2019..2022]", None, "one date between the two"),
        ("between late December and mid-January", "[2025-12-21..2026-01-20]", None,
         "21 December 2025 – 20 January 2026"),
    ],
)
def test_phrase_means(phrase: str, edtf: str, end: str | None, reasoning: str) -> None:
    found = find_dates(phrase, PUBLISHED)
    assert len(found) == 1, found
    suggestion = found[0]
    assert suggestion.phrase == phrase and suggestion.span == (0, len(phrase))
    assert suggestion.start.edtf == edtf
    assert suggestion.start.as_written == phrase
    assert reasoning in suggestion.start.reasoning
    assert (suggestion.end.edtf if suggestion.end else None) == end


@pytest.mark.parametrize(
    "text",
    ["Mi-28", "Il-76", "$4 billion", "800 protesters", "25%", "50-year history",
     "Channel One", "Russia-1", "May I?", "Theresa May", "Bloody Sunday", "1500 troops",
     "No. 2001", "4.2001", "1,999 people", "Flight 2001"],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_for_several_days_is_a_duration_not_a_date() -> None:
    text = "For several days, US media outlets were discussing a possible US strike on Iran."
    assert find_dates(text, PUBLISHED) == []
    [duration] = find_durations(text, PUBLISHED)
    assert duration.phrase == "For several days" and not duration.anchored
    assert "a duration, not a date" in duration.reasoning
    assert "no date to anchor it" in duration.reasoning


def test_a_duration_is_anchored_by_a_date_of_its_sentence() -> None:
    text = "For several days in late December, US media discussed a strike. In 2001, no."
    first, second = find_dates(text, PUBLISHED)
    assert first.phrase == "in late December" and first.duration == "For several days"
    assert "'For several days' in the same sentence is a duration" in first.start.reasoning
    assert second.duration == ""
    [duration] = find_durations(text, PUBLISHED)
    assert duration.anchored


def test_the_longest_phrase_wins_and_phrases_never_overlap() -> None:
    text = "Since late December 2025, and since late December, and on 12 March 2001."
    phrases = [s.phrase for s in find_dates(text, PUBLISHED)]
    assert phrases == ["Since late December 2025", "since late December", "on 12 March 2001"]


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    text = "Since late December the protests grew; the treaty of 2001 and last week's talks."
    assert [s.phrase for s in find_dates(text)] == ["2001"]
    assert [phrase for phrase, _ in unresolved_phrases(text)] == ["late December", "last week"]


def test_a_publication_known_to_the_month_widens_relative_dates() -> None:
    [found] = find_dates("last week", UncertainDate("2026-01"))
    assert found.start.edtf == "[2025-12-22..2026-01-25]"
    assert "only known as 2026-01" in found.start.reasoning


def test_the_text_weekday_is_checked_against_the_date() -> None:
    [found] = find_dates("Monday, January 20, 2026", PUBLISHED)
    assert "the text says Monday, but that day was a Tuesday" in found.start.reasoning


def test_vague_dates_are_marked() -> None:
    found = find_dates("Recently, in 2001, and now.", PUBLISHED)
    assert [(s.phrase, s.vague) for s in found] == [
        ("Recently", True), ("in 2001", False), ("now", True)]


def test_phrases_may_hold_no_break_spaces_and_a_wrapped_line() -> None:
    text = "It began on 12\u00a0March\n2001 and lasted."
    [found] = find_dates(text)
    assert found.phrase == "on 12\u00a0March\n2001" and found.start.edtf == "2001-03-12"
    assert "'on 12 March 2001'" in found.start.reasoning


def test_suggest_date_prefers_the_passage_then_the_nearest_date_of_the_context() -> None:
    context = ("In 2001, a treaty was signed. In late December, protests began. "
               "For several days, US media discussed a strike.")
    own = suggest_date("protests began in late December and now continue", context, PUBLISHED)
    assert own is not None and own.phrase == "in late December" and not own.from_context
    passage = "For several days, US media discussed a strike"
    found = suggest_date(passage, context, PUBLISHED)
    assert found is not None and found.from_context
    assert found.phrase == "In late December"
    assert context[found.span[0]:found.span[1]] == found.phrase
    assert found.duration == "For several days"
    assert "from the surrounding text, not the selected passage" in found.start.reasoning
    assert suggest_date("nothing dated here", "nor here", PUBLISHED) is None


def test_suggest_date_prefers_a_real_date_to_a_vague_one() -> None:
    found = suggest_date("Now, as in 2001, it happens", published=PUBLISHED)
    assert found is not None and found.phrase == "in 2001"


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [("2026-01-20", "2026-01-20"), ("January 20, 2026", "2026-01-20"),
     ("20 January 2026.", "2026-01-20"), ("2026-01", "2026-01"), ("soon", None),
     ("late December", None), ("..", None), ("2026-13-45", None), ("", None)],
)
def test_read_date(typed: str, edtf: str | None) -> None:
    found = read_date(typed)
    assert (found.edtf if found else None) == edtf


def test_find_dateline_takes_a_line_that_only_states_a_date() -> None:
    text = "Politics\nA title in 2001\nPublished January 20, 2025, 10:30 GMT\nIn 2025, ..."
    dateline = find_dateline(text)
    assert dateline is not None and dateline.line == 3
    assert dateline.date.edtf == "2025-01-20" and dateline.printed == "January 20, 2025"
    assert text[dateline.span[0]:dateline.span[1]] == dateline.printed
    assert find_dateline("Title\nIn 2001 a treaty was signed.\n") is None


_WORDS = st.sampled_from([
    "In 2025", "since late December", "on 12 March", "Mi-28", "$4 billion", "the 1990s",
    "last week", "March 12, 2001", "recently", "for several days", "–", ",", ".", " ",
    "\u00a0", "\n", "May", "44 BC", "from 2019 to 2022", "between", "and", "“", "”",
])


@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=20).map(" ".join),
       st.sampled_from([None, PUBLISHED, UncertainDate("2026-01"), UncertainDate("1999")]))
def test_every_suggestion_is_exactly_its_span_of_the_text(
        text: str, published: UncertainDate | None) -> None:
    found = find_dates(text, published)
    previous_end = 0
    for suggestion in found:
        start, end = suggestion.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == suggestion.phrase == suggestion.start.as_written
        assert suggestion.start.reasoning.startswith("'")
        previous_end = end
