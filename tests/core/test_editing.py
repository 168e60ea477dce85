"""Pure edits: moving dates by whole units of their precision, duplicating, recategorising."""

import pytest

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.editing import (
    EditError,
    duplicate_events,
    move_end,
    move_event,
    parse_list,
    recategorise,
    shift_date,
)
from timeline_app.core.model import Event, Timeline

YEAR = cal.SECONDS_PER_MEAN_YEAR
DAY = cal.SECONDS_PER_DAY


@pytest.mark.parametrize(
    ("edtf", "count", "unit", "expected"),
    [
        ("2001", 3, "year", "2004"),
        ("2025-12~", 2, "month", "2026-02~"),
        ("2025?", -1, "year", "2024?"),
        ("[2025-12-21..2025-12-31]", 5, "day", "[2025-12-26..2026-01-05]"),
        ("2024-02-29", 1, "year", "2025-02-28"),
        ("2026-01-31", 1, "month", "2026-02-28"),
        ("-0043-03-15", 1, "day", "-0043-03-16"),
        ("2004-01-01T10:10:10Z", 2, "day", "2004-01-03T10:10:10Z"),
        ("2022/2024", 1, "year", "2023/2025"),
    ],
)
def test_shift_keeps_form_and_precision(edtf: str, count: int, unit: str, expected: str) -> None:
    moved = shift_date(UncertainDate(edtf, "as written", "why"), count, unit)
    assert moved.edtf == expected
    assert (moved.as_written, moved.reasoning) == ("as written", "why")


def test_forms_that_cannot_move_as_a_unit_are_refused() -> None:
    with pytest.raises(EditError, match="inspector"):
        shift_date(UncertainDate("201X"), 1, "year")
    with pytest.raises(EditError, match="whole years"):
        shift_date(UncertainDate("2001"), 1, "day")


def test_a_year_precise_event_moves_by_whole_years() -> None:
    event = Event("e", "E", UncertainDate("2001"))
    assert move_event(event, int(0.4 * YEAR)).start.edtf == "2001"
    assert move_event(event, int(2.6 * YEAR)).start.edtf == "2004"
    day_event = Event("d", "D", UncertainDate("2025-12-24"))
    assert move_event(day_event, 3 * DAY + 3600).start.edtf == "2025-12-27"


def test_moving_a_range_moves_both_ends_and_keeps_an_open_end() -> None:
    event = Event("r", "R", UncertainDate("2022"), UncertainDate(".."))
    moved = move_event(event, 2 * YEAR)
    assert (moved.start.edtf, moved.end and moved.end.edtf) == ("2024", "..")
    closed = Event("c", "C", UncertainDate("2001-03"), UncertainDate("2001-06"))
    moved = move_event(closed, 62 * DAY)
    assert (moved.start.edtf, moved.end and moved.end.edtf) == ("2001-05", "2001-08")


def test_dragging_one_end_of_a_range() -> None:
    event = Event("c", "C", UncertainDate("2001-03"), UncertainDate("2001-06"))
    assert move_end(event, "end", 61 * DAY).end == UncertainDate("2001-08")
    assert move_end(event, "start", -31 * DAY).start == UncertainDate("2001-02")
    with pytest.raises(EditError, match="before the start"):
        move_end(event, "end", -200 * DAY)


def test_duplicate_and_recategorise() -> None:
    timeline = Timeline("t", events=(Event("a", "A", UncertainDate("2001"), category="x"),))
    copied, ids = duplicate_events(timeline, ["a"])
    assert ids == ["a-copy"] and copied.event("a-copy") is not None
    assert copied.event("a-copy").title == "A (copy)"  # type: ignore[union-attr]
    moved = recategorise(copied, ["a", "a-copy"], "y")
    assert {e.category for e in moved.events} == {"y"}


def test_parse_list() -> None:
    assert parse_list("Russia, Iran; Russia ,  ") == ("Russia", "Iran")
