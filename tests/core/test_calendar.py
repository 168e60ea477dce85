"""Calendar arithmetic is exact for any year, including deep time."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core import calendar as cal


@given(st.integers(min_value=-cal.MAX_ABS_YEAR, max_value=cal.MAX_ABS_YEAR),
       st.integers(1, 12), st.integers(1, 31))
def test_civil_round_trip(year: int, month: int, day: int) -> None:
    day = min(day, cal.days_in_month(year, month))
    days = cal.days_from_civil(year, month, day)
    assert cal.civil_from_days(days) == (year, month, day)


@given(st.dates())
def test_agrees_with_datetime_in_its_range(date: datetime.date) -> None:
    epoch = datetime.date(1970, 1, 1)
    assert cal.days_from_civil(date.year, date.month, date.day) == (date - epoch).days


@given(st.integers(min_value=-(2**62), max_value=2**62))
def test_instant_round_trip(instant: int) -> None:
    civil = cal.from_instant(instant)
    assert cal.to_instant(*civil) == instant


def test_deep_time_fits_in_64_bits() -> None:
    assert -(2**63) < cal.to_instant(-cal.MAX_ABS_YEAR) < cal.to_instant(cal.MAX_ABS_YEAR) < 2**63


def test_iso_formatting_of_far_years() -> None:
    assert cal.format_iso_date(cal.to_instant(2026, 1, 20)) == "2026-01-20"
    assert cal.format_iso_date(cal.to_instant(-43, 3, 15)) == "-0043-03-15"
    assert cal.format_iso_date(cal.to_instant(12000, 1, 1)) == "+12000-01-01"
    assert cal.format_iso_date(cal.to_instant(-13_800_000_000)) == "-13800000000-01-01"


def test_year_zero_is_one_bce() -> None:
    assert cal.era_year(0) == (1, "BCE")
    assert cal.era_year(-43) == (44, "BCE")
    assert cal.era_year(2001) == (2001, "CE")
