"""Exported pictures laid out: numbered events of a window, matching badges, wrapping, pages."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.commands.export_images import parse_bound
from timeline_app.core.columns import build_columns
from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Timeline
from timeline_app.io.opening import Opened
from timeline_app.view.painter import AXIS_HEIGHT, MARKS_HEIGHT
from timeline_app.view.render import (
    TooSmall,
    compact,
    export_theme,
    plan_chronology,
    sized,
)
from timeline_app.view.render_content import date_phrase, numbered_events, passages
from timeline_app.view.render_pages import compose_image, compose_pages
from timeline_app.view.render_text import BREAK, Run, wrap

WINDOW = (parse_bound("2025-11-25", "--from", latest=False) or 0,
          parse_bound("2026-01-20", "--to", latest=True) or 0)
#: The default chronology's events that lie wholly before 25 November 2025.
BEFORE_WINDOW = {"treaty-2001", "shahed-deal-2022", "invasion-isolation-2022",
                 "mi28-il76-announced-2023"}
#: A4 landscape in the logical pixels pages are laid out in (96 per inch).
A4_LANDSCAPE = QSizeF(842 * 96 / 72, 595 * 96 / 72)


@pytest.fixture
def timeline(opened: Opened, qapp: QApplication) -> Timeline:
    return opened.timeline


def test_a_window_numbers_only_its_events_in_time_order(timeline: Timeline) -> None:
    entries = numbered_events(timeline, *WINDOW)
    assert {e.event_id for e in entries} == {e.id for e in timeline.events} - BEFORE_WINDOW
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    columns = build_columns(timeline)
    starts = [int(columns.earliest[columns.row_of_id[e.event_id]]) for e in entries]
    assert starts == sorted(starts)


def test_the_whole_timeline_numbers_every_event(timeline: Timeline) -> None:
    picture = plan_chronology(timeline, None, 1300, export_theme())
    assert len(picture.entries) == len(timeline.events)


def test_entries_give_the_date_as_written_and_each_source_once_per_run(timeline: Timeline) -> None:
    event = timeline.event("protests-begin")
    assert event is not None
    phrase = date_phrase(timeline, event)
    assert phrase.startswith("from between 21 and 31 December 2025")
    assert "as written: “Since late December … have continued”" in phrase
    tariff = timeline.event("tariff-threat")
    assert tariff is not None
    (passage,) = passages(timeline, tariff.citations)  # two quotes of one source share its line
    assert len(passage.quotes) == 2 and "\u00a0" not in "".join(passage.quotes)
    assert passage.source.startswith("Long-Distance Friendship")
    assert "published 20 January 2026 (dateline “January 20, 2025”)" in passage.source


@pytest.mark.parametrize("window", [None, WINDOW])
def test_badges_carry_the_numbers_of_the_list(timeline: Timeline,
                                              window: tuple[int, int] | None) -> None:
    picture = plan_chronology(timeline, window, 1300, export_theme())
    ctx = picture.context
    number_of = {e.event_id: e.number for e in picture.entries}
    assert len(picture.badges) == len(ctx.frame.glyphs)
    for glyph, badge in enumerate(picture.badges):
        events = ctx.frame.events_of(glyph, ctx.scene.columns)
        assert badge.numbers == tuple(sorted(number_of[i] for i in events))
        assert badge.text == compact(list(badge.numbers))
        # On its glyph's row, inside the plot.
        row = AXIS_HEIGHT + MARKS_HEIGHT + float(ctx.frame.glyphs.y[glyph])
        assert abs(badge.rect.center().y() - row) < 1
        assert ctx.gutter <= badge.rect.left() and badge.rect.right() <= ctx.width
    drawn = {n for badge in picture.badges for n in badge.numbers}
    assert drawn == set(number_of.values())


def test_labels_keep_room_for_their_badge(timeline: Timeline) -> None:
    picture = plan_chronology(timeline, WINDOW, 1300, export_theme())
    ctx = picture.context
    assert ctx.frame.labels
    for label in ctx.frame.labels:
        badge = picture.badges[label.glyph]
        assert label.text.startswith("\u00a0")
        assert badge.rect.left() == pytest.approx(ctx.gutter + label.x)
        room = label.text[:len(label.text) - len(label.text.lstrip("\u00a0"))]
        assert QFontMetricsF(ctx.theme.font).horizontalAdvance(room) >= badge.rect.width()


def test_badges_never_overlap_each_other(timeline: Timeline) -> None:
    picture = plan_chronology(timeline, WINDOW, 1300, export_theme())
    rects = [b.rect for b in picture.badges]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)


def test_compact_numbers() -> None:
    assert compact([9, 3, 4, 5]) == "3–5, 9"
    assert compact([2]) == "2"


def test_only_lanes_with_events_in_the_window_are_shown(timeline: Timeline) -> None:
    late = (parse_bound("2025-12-21", "", False) or 0, parse_bound("2025-12-22", "", True) or 0)
    picture = plan_chronology(timeline, late, 1300, export_theme())
    lanes = picture.context.scene.columns.lanes
    shown = {lanes[i].id for i in picture.lanes_shown}
    cited = {timeline.event(e.event_id).category for e in picture.entries}  # type: ignore[union-attr]
    assert shown == cited


def test_the_export_theme_is_light_with_pixel_fonts(qapp: QApplication) -> None:
    theme = export_theme()
    assert not theme.dark and theme.background.lightness() == 255
    for font in (theme.font, theme.small_font, theme.bold_font):
        assert font.pixelSize() > 0 and font.family() == QApplication.font().family()


def test_exports_stay_light_on_a_dark_desktop(qapp: QApplication) -> None:
    old = qapp.palette()
    dark = QPalette(old)
    roles = QPalette.ColorRole
    for role, color in ((roles.Base, "#1e1e1e"), (roles.Window, "#2b2b2b"),
                        (roles.Text, "#f0f0f0")):
        dark.setColor(role, QColor(color))
    qapp.setPalette(dark)
    try:
        theme = export_theme()
    finally:
        qapp.setPalette(old)
    assert theme.background == QColor("#ffffff") and theme.text.lightness() < 60


def test_a_fixed_height_the_chronology_cannot_fit_is_refused(timeline: Timeline) -> None:
    with pytest.raises(TooSmall) as caught:
        plan_chronology(timeline, None, 1300, export_theme(), max_height=200)
    assert caught.value.needed > 200
    enough = plan_chronology(timeline, None, 1300, export_theme(), caught.value.needed)
    assert enough.height <= caught.value.needed


def test_wrap_keeps_every_word_within_the_width(qapp: QApplication) -> None:
    font = sized(QFont(), 12)
    bold = sized(QFont(), 12, bold=True)
    text = "The quick brown fox jumps over the lazy dog " * 6
    url = "https://example.org/" + "x" * 120
    paragraph = wrap([Run("Title in bold", bold, export_theme().text), Run(" " + text, font,
                      export_theme().text), Run(BREAK, font, export_theme().text),
                      Run(url, font, export_theme().text)], 300)
    words = []
    for line in paragraph.lines:
        last = line.pieces[-1]
        run = paragraph.runs[last.run]
        assert last.x + QFontMetricsF(run.font).horizontalAdvance(last.text) <= 300.5
        words += " ".join(p.text for p in line.pieces).split()
    joined = "".join(words)
    assert joined == ("Titleinbold" + text.replace(" ", "") + url)
    assert len(paragraph.lines) >= 4
    # Each run's words on one line are one piece: one SVG <text> element, not one per word.
    assert all(len({p.run for p in line.pieces}) == len(line.pieces) for line in paragraph.lines)


def test_an_image_as_tall_as_its_content_lists_every_entry_once(timeline: Timeline) -> None:
    doc = compose_image(timeline, None, export_theme(), 1600, None, 10_000)
    assert doc.omitted == 0 and len(doc.pages) == 1
    placed = [p for _, column in doc.pages[0].columns for p in column]
    assert sorted(p.entry for p in placed) == list(range(len(doc.entries)))
    bottom = max(p.top + doc.entries[p.entry].paragraph.height for p in placed)
    assert bottom < doc.size.height() <= bottom + 60


def test_an_image_of_fixed_height_ends_its_list_with_how_many_more(timeline: Timeline) -> None:
    doc = compose_image(timeline, None, export_theme(), 1600, 1300, 10_000)
    assert doc.size.height() == 1300
    placed = sorted(p.entry for _, column in doc.pages[0].columns for p in column)
    assert placed == list(range(len(placed)))  # the first entries, whole, in order
    assert doc.omitted == len(doc.entries) - len(placed) > 0
    for rect, column in doc.pages[0].columns:
        for p in column:
            assert p.top + doc.entries[p.entry].paragraph.height <= rect.bottom() + 0.01
            assert len(p.lines) == len(doc.entries[p.entry].paragraph.lines)


def test_pages_continue_the_list_in_order_without_losing_a_line(timeline: Timeline) -> None:
    doc = compose_pages(timeline, None, export_theme(), A4_LANDSCAPE)
    assert len(doc.pages) > 2 and doc.pages[0].first
    assert not any(page.first for page in doc.pages[1:])
    seen = [(p.entry, line) for page in doc.pages for _, column in page.columns
            for p in column for line in p.lines]
    expected = [(n, line) for n, entry in enumerate(doc.entries)
                for line in range(len(entry.paragraph.lines))]
    assert seen == expected
    bottom = doc.size.height()
    for page in doc.pages:
        for rect, _ in page.columns:
            assert rect.bottom() < bottom


def test_a_page_too_small_for_the_chronology_is_drawn_smaller(timeline: Timeline) -> None:
    small = QSizeF(600, 400)
    doc = compose_pages(timeline, None, export_theme(), small)
    assert doc.size.width() / doc.size.height() == pytest.approx(1.5)
    assert doc.size.height() > 400  # laid out larger, then scaled onto the page
    assert doc.top.bottom <= doc.size.height()


def test_an_empty_timeline_still_composes(timeline: Timeline) -> None:
    empty = replace(timeline, events=())
    doc = compose_image(empty, None, export_theme(), 1000, None, 10_000)
    assert doc.entries == () and doc.pages[0].heading is None


def many_events(timeline: Timeline, count: int) -> Timeline:
    """``count`` events spread over 120 years, made from the default ones."""
    dates = [f"{1900 + i % 120}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(count)]
    events = tuple(replace(timeline.events[i % len(timeline.events)], id=f"e{i}", end=None,
                           start=UncertainDate(date)) for i, date in enumerate(dates))
    return replace(timeline, events=events)


def test_a_chronology_too_tall_for_a_page_continues_on_the_next(timeline: Timeline) -> None:
    doc = compose_pages(many_events(timeline, 300), None, export_theme(), A4_LANDSCAPE)
    pictures = [doc.top.picture, *doc.top.more]
    assert len(pictures) > 1 and doc.size == A4_LANDSCAPE  # full size, not shrunk to unreadable
    assert [p.chronology for p in doc.pages[1:len(pictures)]] == pictures[1:]
    for picture in pictures[1:]:
        assert picture.height <= A4_LANDSCAPE.height() - 2 * 36 - 22
    numbers = sorted(n for picture in pictures for badge in picture.badges for n in badge.numbers)
    assert numbers == list(range(1, 301))  # every event on exactly one page, with its badge
    assert len(doc.entries) == 300 and doc.omitted == 0


def test_an_image_too_tall_for_its_limit_is_refused(timeline: Timeline) -> None:
    with pytest.raises(TooSmall):
        compose_image(many_events(timeline, 300), None, export_theme(), 1600, None, 1000)
