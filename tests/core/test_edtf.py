"""EDTF strings become exact windows with a precision and qualifiers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError, Interval, Precision, Span, format_date, parse


def iso(instant: int | None) -> str | None:
    return None if instant is None else cal.format_iso_date(instant)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2001", "2001-01-01", "2001-12-31", Precision.YEAR),
        ("2025-12~", "2025-12-01", "2025-12-31", Precision.MONTH),
        ("2025?", "2025-01-01", "2025-12-31", Precision.YEAR),
        ("[2025-12-21..2025-12-31]", "2025-12-21", "2025-12-31", Precision.DAY),
        ("-0044-03-15", "-0044-03-15", "-0044-03-15", Precision.DAY),
        ("Y-13800000000", "-13800000000-01-01", "-13800000000-12-31", Precision.MILLION_YEARS),
        ("Y170000002", "+170000002-01-01", "+170000002-12-31", Precision.YEAR),
        ("Y-17E7", "-170000000-01-01", "-170000000-12-31", Precision.MILLION_YEARS),
        ("1950S2", "1900-01-01", "1999-12-31", Precision.CENTURY),
        ("201X", "2010-01-01", "2019-12-31", Precision.DECADE),
        ("20XX", "2000-01-01", "2099-12-31", Precision.CENTURY),
        ("2004-XX", "2004-01-01", "2004-12-31", Precision.YEAR),
        ("2004-02-XX", "2004-02-01", "2004-02-29", Precision.MONTH),
        ("156X-12-25", "1560-12-25", "1569-12-25", Precision.DAY),
        ("2025-21", "2025-03-01", "2025-05-31", Precision.SEASON),
        ("2025-24", "2025-12-01", "2026-02-28", Precision.SEASON),
        ("2025-33", "2025-01-01", "2025-03-31", Precision.SEASON),
        ("2024-02-29", "2024-02-29", "2024-02-29", Precision.DAY),
        ("2004-01-01T10:10:10Z", "2004-01-01", "2004-01-01", Precision.SECOND),
        ("{2025-01-01,2025-03..2025-04}", "2025-01-01", "2025-04-30", Precision.DAY),
    ],
)
def test_bounds_and_precision(text: str, first: str, last: str, precision: Precision) -> None:
    date = UncertainDate(text)
    assert date.earliest is not None and date.latest is not None
    assert iso(date.earliest) == first
    assert iso(date.latest - 1) == last
    assert date.precision is precision


def test_qualifiers() -> None:
    assert UncertainDate("2025-12~").approximate and not UncertainDate("2025-12~").uncertain
    assert UncertainDate("2025?").uncertain
    both = UncertainDate("2025-12%")
    assert both.uncertain and both.approximate
    component = UncertainDate("?2004-06-~11")
    assert component.uncertain and component.approximate


def test_one_of_sets_and_middle_unspecified_digits() -> None:
    assert UncertainDate("[2025-12-21..2025-12-31]").one_of
    assert UncertainDate("156X-12-25").one_of
    assert not UncertainDate("2025-12").one_of


def test_open_and_unknown_interval_ends() -> None:
    ongoing = parse("2022/..")
    assert isinstance(ongoing, Interval) and ongoing.end is None and ongoing.end_open
    unknown = parse("2022/")
    assert isinstance(unknown, Interval) and unknown.end is None and not unknown.end_open
    date = UncertainDate("2022/..")
    assert date.is_interval and iso(date.earliest) == "2022-01-01" and date.latest is None
    before = UncertainDate("[..2026-01-20]")
    assert before.earliest is None and iso(before.latest - 1) == "2026-01-20"


def test_time_zone_offsets_are_normalised_to_utc() -> None:
    date = UncertainDate("2004-01-01T10:10:10+05:00")
    assert date.earliest == cal.to_instant(2004, 1, 1, 5, 10, 10)


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("2025-13", "month 13 does not exist"),
        ("2001-02-29", "day 29 does not exist in February 2001"),
        ("20255", "starts with 'Y'"),
        ("2025-12-21/2025-12-01", "ends before it starts"),
        ("-0000", "year zero"),
        ("Y2001", "more than four digits"),
        ("2025-21-05", "season"),
        ("../..", "at least one end"),
        ("[2025", "must close"),
        ("Y-999999999999", "not supported"),
        ("Y1E99999999", "not supported"),
        ("Y" + "9" * 5000, "not supported"),
        ("tomorrow", "expected YYYY"),
        ("", "required"),
    ],
)
def test_invalid_dates_explain_what_was_expected(text: str, explanation: str) -> None:
    with pytest.raises(EdtfError, match=explanation):
        UncertainDate(text)


years = st.integers(min_value=-9999, max_value=9999)


@st.composite
def plain_dates(draw: st.DrawFn) -> tuple[int, int | None, int | None, str]:
    year = draw(years)
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, cal.days_in_month(year, month)))
    qualifier = draw(st.sampled_from(["", "?", "~", "%"]))
    return year, month, day, qualifier


@given(plain_dates())
def test_edtf_round_trip(parts: tuple[int, int | None, int | None, str]) -> None:
    year, month, day, qualifier = parts
    text = format_date(year, month, day, qualifier)
    span = parse(text)
    assert isinstance(span, Span)
    assert span.earliest == cal.to_instant(year, month or 1, day or 1)
    civil = cal.from_instant(span.earliest)
    assert format_date(civil.year, month and civil.month, day and civil.day, qualifier) == text
    assert span.uncertain == (qualifier in "?%" and qualifier != "")
    assert span.approximate == (qualifier in "~%" and qualifier != "")


@given(plain_dates())
def test_earliest_is_before_latest(parts: tuple[int, int | None, int | None, str]) -> None:
    date = UncertainDate(format_date(*parts))
    assert date.earliest is not None and date.latest is not None
    assert date.earliest < date.latest


Parts = tuple[int, int | None, int | None, str]


@given(st.lists(plain_dates(), min_size=2, max_size=6))
def test_ordering_is_total_and_consistent(dates: list[Parts]) -> None:
    values = [UncertainDate(format_date(*d)) for d in dates]
    ordered = sorted(values)
    for a, b in zip(ordered, ordered[1:]):
        assert a.sort_key() <= b.sort_key()
        assert not (b < a)


@given(st.integers(min_value=-cal.MAX_ABS_YEAR, max_value=cal.MAX_ABS_YEAR).filter(
    lambda y: abs(y) > 9999))
def test_deep_time_years_round_trip(year: int) -> None:
    date = UncertainDate(format_date(year))
    assert date.earliest == cal.year_start(year)
    assert date.latest == cal.year_start(year + 1)


def test_deep_time_orders_before_history() -> None:
    big_bang, caesar, today = (UncertainDate(t) for t in ("Y-13800000000", "-0043-03-15", "2026"))
    assert sorted([today, big_bang, caesar]) == [big_bang, caesar, today]
