"""Citations find their passage again after the source text changes, or become orphans."""

from timeline_app.core.anchoring import anchor, anchor_timeline, citation_for_span
from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import (
    AnchorStatus,
    Citation,
    Event,
    Source,
    TextPositionSelector,
    TextQuoteSelector,
    Timeline,
)

TEXT = "Intro. In 2025, Moscow and Tehran signed a treaty. The end."


def cite(text: str, passage: str) -> Citation:
    start = text.index(passage)
    return citation_for_span("s", text, start, start + len(passage))


def test_unchanged_text_is_exact() -> None:
    citation = cite(TEXT, "Moscow and Tehran signed a treaty")
    result = anchor(citation, TEXT)
    assert result.status is AnchorStatus.EXACT
    assert TEXT[result.start:result.end] == "Moscow and Tehran signed a treaty"


def test_text_moved_by_an_insertion_is_reanchored() -> None:
    citation = cite(TEXT, "Moscow and Tehran signed a treaty")
    edited = "A new first paragraph.\n\n" + TEXT
    result = anchor(citation, edited)
    assert result.status is AnchorStatus.REANCHORED
    assert edited[result.start:result.end] == "Moscow and Tehran signed a treaty"


def test_text_edited_elsewhere_keeps_the_passage() -> None:
    citation = cite(TEXT, "Moscow and Tehran signed a treaty")
    edited = TEXT.replace("Intro.", "A much longer introduction.").replace("The end.", "Fin.")
    result = anchor(citation, edited)
    assert result.status is AnchorStatus.REANCHORED
    assert edited[result.start:result.end] == "Moscow and Tehran signed a treaty"


def test_no_break_spaces_curly_quotes_and_dashes_are_tolerated() -> None:
    citation = Citation("s", TextQuoteSelector('said "Russia - Iran" ties'),
                        TextPositionSelector(0, 5))
    text = "Zakharova said\u00a0“Russia – Iran”  ties were strong."
    result = anchor(citation, text)
    assert result.status is AnchorStatus.REANCHORED
    assert text[result.start:result.end] == "said\u00a0“Russia – Iran”  ties"


def test_repeated_quote_is_disambiguated_by_context() -> None:
    text = "In 2025, a treaty was signed. Later, in 2025, a trade deal entered into force."
    start = text.index("in 2025", 20)
    citation = citation_for_span("s", text, start, start + len("in 2025"))
    # The text shifts so the old position points elsewhere; the prefix decides.
    shifted = "In 2025, a treaty was signed and more text. Later, in 2025, a trade deal."
    result = anchor(citation, shifted)
    assert result.status is AnchorStatus.REANCHORED
    assert shifted[result.start - 7:result.start] == "Later, "


def test_repeated_quote_without_context_takes_the_nearest() -> None:
    text = "x. x. x. x."
    citation = Citation("s", TextQuoteSelector("x."), TextPositionSelector(7, 9))
    shifted = " " + text
    result = anchor(citation, shifted)
    assert (result.start, result.end) == (7, 9)


def test_missing_passage_is_an_orphan_that_keeps_its_selectors() -> None:
    citation = cite(TEXT, "Moscow and Tehran signed a treaty")
    timeline = Timeline(
        "t",
        sources=(Source("s", "S", "Completely different text."),),
        events=(Event("e", "E", UncertainDate("2025"), citations=(citation,)),),
    )
    anchored, reports = anchor_timeline(timeline)
    assert reports[0].anchor.status is AnchorStatus.ORPHAN
    assert anchored.events[0].citations == (citation,)


def test_unknown_source_is_an_orphan() -> None:
    citation = Citation("missing", TextQuoteSelector("q"), TextPositionSelector(0, 1))
    timeline = Timeline("t", events=(Event("e", "E", UncertainDate("2025"),
                                           citations=(citation,)),))
    _, reports = anchor_timeline(timeline)
    assert reports[0].anchor.status is AnchorStatus.ORPHAN
    assert "unknown source" in reports[0].anchor.message


def test_reanchoring_updates_selectors_in_the_timeline() -> None:
    citation = cite(TEXT, "signed a treaty")
    edited = "Prologue. " + TEXT
    timeline = Timeline("t", sources=(Source("s", "S", edited),),
                        events=(Event("e", "E", UncertainDate("2025"), citations=(citation,)),))
    anchored, reports = anchor_timeline(timeline)
    new = anchored.events[0].citations[0]
    assert reports[0].anchor.status is AnchorStatus.REANCHORED
    assert new.position is not None
    assert edited[new.position.start:new.position.end] == new.exact == "signed a treaty"
    again, second = anchor_timeline(anchored)
    assert second[0].anchor.status is AnchorStatus.EXACT and again == anchored


def test_timeline_edit_helpers() -> None:
    a, b, c = (Event(i, i.upper(), UncertainDate("2025")) for i in "abc")
    timeline = Timeline("t", events=(a, b))
    assert [e.id for e in timeline.adding(c).events] == ["a", "b", "c"]
    assert [e.id for e in timeline.removing(["a"]).events] == ["b"]
    renamed = Event("b", "Bee", UncertainDate("2025"))
    assert timeline.replacing(renamed).event("b") == renamed
    assert [e.id for e in timeline.replacing(renamed).events] == ["a", "b"]
