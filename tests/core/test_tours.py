"""Tours without Qt: the default tour, step filters, framing with neighbours, the runner."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates import UncertainDate
from timeline_app.core.filters import Certainty, FilterState
from timeline_app.core.model import Event, Timeline, Tour, TourStep
from timeline_app.core.tours import (
    CONTEXT_RATIO,
    DEFAULT_TOUR,
    EDGE_MARGIN,
    MIN_SPAN,
    Blank,
    FilterSyntaxError,
    TourRunner,
    default_tour,
    drawn_windows,
    find_tour,
    format_step_filter,
    frame_step,
    parse_step_filter,
    playable_steps,
    step_view,
    step_views,
)


def _day(iso: str) -> int:
    date = UncertainDate(iso)
    assert date.earliest is not None
    return date.earliest


def _event(event_id: str, edtf: str, category: str = "a", tags: tuple[str, ...] = ()) -> Event:
    return Event(event_id, event_id.title(), UncertainDate(edtf), category=category, tags=tags)


@pytest.fixture
def small() -> Timeline:
    return Timeline("Small", events=(
        _event("late", "2024-06-01", "b", ("x",)),
        _event("early", "2001"),
        _event("middle", "2023-03", "b"),
        _event("twin", "2023-03"),
    ))


# -- the default tour and finding tours ---------------------------------------------------


def test_default_tour_is_every_shown_event_in_drawn_time_order(small: Timeline) -> None:
    tour = default_tour(small)
    assert tour.name == DEFAULT_TOUR
    ids = [s.event_id for s in tour.steps]
    assert (ids[0], ids[-1]) == ("early", "late")
    shown = [e for e in small.events if e.category == "b"]
    assert [s.event_id for s in default_tour(small, shown).steps] == ["middle", "late"]


def test_default_tour_of_the_shipped_chronology(opened: object) -> None:
    timeline = opened.timeline  # type: ignore[attr-defined]
    steps = default_tour(timeline).steps
    assert len(steps) == len(timeline.events)
    # An open start is drawn from the chronology's beginning, so it comes with 2001, not first.
    assert steps[0].event_id == "treaty-2001"


def test_find_tour_by_name_case_insensitively_and_default(small: Timeline) -> None:
    named = Timeline("t", events=small.events, tours=(Tour("Story", (TourStep("late"),)),))
    assert find_tour(named, "story") == named.tours[0]
    default = find_tour(named, "DEFAULT")
    assert default is not None and len(default.steps) == 4
    assert find_tour(named, "missing") is None


def test_steps_of_deleted_events_are_skipped(small: Timeline) -> None:
    tour = Tour("t", (TourStep("late"), TourStep("gone"), TourStep("early")))
    assert [s.event_id for s in playable_steps(small, tour)] == ["late", "early"]


# -- step filters -------------------------------------------------------------------------


def test_filter_syntax() -> None:
    state = parse_step_filter('category:protests category:arms tag:"state media" '
                              "actor:Putin from:2025-12 to:2026-01 certainty:uncertain")
    assert state.categories == {"protests", "arms"}
    assert state.tags == {"state media"}
    assert state.actors == {"Putin"}
    assert state.date_from == UncertainDate("2025-12")
    assert state.date_to == UncertainDate("2026-01")
    assert state.certainty is Certainty.UNCERTAIN
    assert parse_step_filter("") == FilterState()
    assert parse_step_filter("   ") == FilterState()


@pytest.mark.parametrize("text, fragment", [
    ("colour:red", "'colour:red'"),
    ("tag", "'tag'"),
    ("tag:", "'tag:'"),
    ('tag:"open', "No closing quotation"),
    ("from:yesterday", "expected a date"),
    ("certainty:maybe", "certainty:exact"),
])
def test_bad_filters_say_which_term(text: str, fragment: str) -> None:
    with pytest.raises(FilterSyntaxError, match=fragment):
        parse_step_filter(text)


values = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@given(st.frozensets(values, max_size=3), st.frozensets(values, max_size=3),
       st.sampled_from(list(Certainty)))
def test_formatting_a_filter_reads_back_the_same(tags: frozenset[str], actors: frozenset[str],
                                                 certainty: Certainty) -> None:
    state = FilterState(categories=frozenset({"protests"}), tags=tags, actors=actors,
                        date_from=UncertainDate("2025-12"), certainty=certainty)
    text = format_step_filter(state)
    assert parse_step_filter(text) == state


# -- framing ------------------------------------------------------------------------------


def test_a_lonely_event_is_centred_with_calendar_around_it() -> None:
    focus = (_day("2001-01-01"), _day("2002-01-01"))
    low, high = frame_step(focus, [])
    assert low < focus[0] and focus[1] < high
    assert abs((focus[0] - low) - (high - focus[1])) <= 1  # centred
    assert (focus[1] - focus[0]) / (high - low) > 0.35  # the event fills a good part


def test_neighbours_before_and_after_are_brought_into_view() -> None:
    focus = (_day("2025-01-01"), _day("2026-01-01"))
    before = (_day("2023-01-01"), _day("2024-01-01"))
    after = (_day("2026-01-10"), _day("2026-01-20"))
    low, high = frame_step(focus, [before, after])
    assert low <= before[0] and after[1] <= high
    margin = (high - low) * EDGE_MARGIN
    assert before[0] - low >= margin * 0.99 and high - after[1] >= margin * 0.99


def test_a_neighbour_too_far_away_is_left_out() -> None:
    focus = (_day("2001-01-01"), _day("2002-01-01"))
    far = (_day("2022-01-01"), _day("2023-01-01"))
    low, high = frame_step(focus, [far])
    assert high < far[0]
    assert (high - low) <= (focus[1] - focus[0]) * CONTEXT_RATIO


def test_the_nearest_neighbour_on_each_side_is_the_one_used() -> None:
    focus = (_day("2025-06-01"), _day("2025-06-02"))
    near_before = (_day("2025-05-30"), _day("2025-05-31"))
    far_before = (_day("2025-05-01"), _day("2025-05-02"))
    low, _ = frame_step(focus, [far_before, near_before])
    assert near_before[0] >= low > far_before[0]


def test_events_starting_with_the_focus_do_not_widen_the_view() -> None:
    focus = (_day("2025-12-21"), _day("2026-01-21"))
    same_start = (_day("2025-12-21"), _day("2030-01-01"))
    assert frame_step(focus, [same_start]) == frame_step(focus, [])


def test_a_moment_is_framed_as_at_least_a_week() -> None:
    instant = _day("2025-06-01") + 3600
    low, high = frame_step((instant, instant + 60), [])
    assert high - low >= MIN_SPAN
    assert low < instant < high


@given(st.integers(-10**15, 10**15), st.integers(1, 10**12),
       st.lists(st.tuples(st.integers(-10**15, 10**15), st.integers(1, 10**12)), max_size=8))
def test_the_focus_is_always_inside_and_never_a_sliver(start: int, length: int,
                                                       others: list[tuple[int, int]]) -> None:
    focus = (start, start + length)
    windows = [(a, a + n) for a, n in others]
    low, high = frame_step(focus, windows)
    assert low < focus[0] and focus[1] < high
    span = max(length, MIN_SPAN)
    assert (high - low) <= span * CONTEXT_RATIO / (1 - 2 * EDGE_MARGIN) + 2


def test_step_view_uses_the_saved_window_else_frames_the_drawn_windows(small: Timeline) -> None:
    saved = (_day("2020-01-01"), _day("2021-01-01"))
    assert step_view(small, TourStep("late", window=saved), small.events).window == saved
    windows = drawn_windows(small, list(small.events))
    automatic = step_view(small, TourStep("middle"), small.events)
    others = [w for i, w in windows.items() if i != "middle"]
    assert automatic.window == frame_step(windows["middle"], others)
    assert set(automatic.event_ids) == {"late", "early", "middle", "twin"}


def test_a_step_filter_narrows_what_is_drawn_but_keeps_the_focus(small: Timeline) -> None:
    view = step_view(small, TourStep("early", filter="category:b"), small.events)
    assert set(view.event_ids) == {"middle", "late", "early"}
    views = step_views(small, [TourStep("late", filter="tag:x"), TourStep("middle")],
                       small.events)
    assert views[0].event_ids == ("late",)
    assert set(views[1].event_ids) == {"late", "early", "middle", "twin"}


# -- the runner ---------------------------------------------------------------------------


def test_runner_moves_and_clamps() -> None:
    runner = TourRunner(5)
    runner.previous()
    assert runner.index == 0
    runner.next()
    runner.next()
    assert (runner.index, runner.counter) == (2, "3 / 5")
    runner.last()
    runner.next()
    assert runner.index == 4 and runner.progress == 1.0
    runner.first()
    assert runner.index == 0


def test_typed_digits_then_enter_jump_and_backspace_erases() -> None:
    runner = TourRunner(12)
    runner.type_digit(1)
    runner.type_digit(3)
    runner.back_key()
    runner.type_digit(1)
    assert runner.typed == "11"
    runner.type_digit(5)  # at most as many digits as the count has
    runner.enter()
    assert runner.index == 10 and runner.typed == ""
    runner.type_digit(9)
    runner.type_digit(9)
    runner.enter()
    assert runner.index == 11
    runner.enter()  # nothing typed: Enter goes on (and stays at the end)
    assert runner.index == 11
    runner.back_key()  # nothing typed: Backspace goes back
    assert runner.index == 10


def test_a_move_from_a_blank_screen_only_uncovers_it() -> None:
    runner = TourRunner(3)
    runner.toggle_blank(Blank.BLACK)
    assert runner.blank is Blank.BLACK
    runner.next()
    assert (runner.index, runner.blank) == (0, Blank.NONE)
    runner.toggle_blank(Blank.WHITE)
    runner.toggle_blank(Blank.BLACK)  # black replaces white
    assert runner.blank is Blank.BLACK
    runner.toggle_blank(Blank.BLACK)
    assert runner.blank is Blank.NONE
    runner.toggle_blank(Blank.WHITE)
    runner.go(2)  # a jump uncovers and moves
    assert (runner.index, runner.blank) == (2, Blank.NONE)


def test_caption_and_notes_toggle() -> None:
    runner = TourRunner(1)
    runner.toggle_caption()
    runner.toggle_notes()
    assert not runner.caption and runner.notes
    assert TourRunner(0).counter == "0 / 0"
