"""Dates as people type them: ISO, EDTF, words, BCE years, and day-first numbers."""

import pytest

from timeline_app.io.loose_dates import (
    LooseDateError,
    edtf_from_fields,
    parse_loose_date,
    prefers_day_first,
)


@pytest.mark.parametrize(("written", "expected"), [
    ("2001", "2001"),
    ("476", "0476"),
    ("2001-03-12", "2001-03-12"),
    ("2001-03", "2001-03"),
    ("2001-03-12T14:30", "2001-03-12T14:30"),
    ("2001-03-12 14:30:05Z", "2001-03-12T14:30:05Z"),
    ("2001~", "2001~"),
    ("2001-03-XX", "2001-03-XX"),
    ("[2025-12-21..2025-12-31]", "[2025-12-21..2025-12-31]"),
    ("Y-13800000000", "Y-13800000000"),
    ("12 March 2001", "2001-03-12"),
    ("12th of March, 2001", "2001-03-12"),
    ("Monday, 12 March 2001", "2001-03-12"),
    ("March 12, 2001", "2001-03-12"),
    ("Sept. 3, 1939", "1939-09-03"),
    ("March 2001", "2001-03"),
    ("Mar 2001", "2001-03"),
    ("2001 March 12", "2001-03-12"),
    ("12-Mar-2001", "2001-03-12"),
    ("12.03.2001", "2001-03-12"),
    ("2001/03/12", "2001-03-12"),
    ("03/2001", "2001-03"),
    ("Mar 12 2001 2:30 PM", "2001-03-12T14:30"),
    ("Mar 12 2001 2:30 PM UTC", "2001-03-12T14:30Z"),
    ("Mar 12 2001 2:30 PM +0200", "2001-03-12T14:30+02:00"),
    ("c. 1500", "1500~"),
    ("1500?", "1500?"),
    ("circa 44 BC", "-0043~"),
    ("65 million years ago", "Y-65000000"),
    ("-13,800,000,000", "Y-13800000000"),
])
def test_precision_follows_what_was_written(written: str, expected: str) -> None:
    assert parse_loose_date(written).edtf == expected


def test_minus_years_are_bce_years_and_padded_ones_are_edtf() -> None:
    caesar = parse_loose_date("-44")
    assert caesar.edtf == "-0043"
    assert "44 BCE" in caesar.reasoning
    assert parse_loose_date("-0044").edtf == "-0044"  # EDTF's own astronomical year
    assert parse_loose_date("15 March 44 BC").edtf == "-0043-03-15"
    assert parse_loose_date("44 BCE").edtf == parse_loose_date("-44").edtf
    assert parse_loose_date("AD 44").edtf == "0044"
    # Beyond ±9999 a year is a count, taken as written so its round number survives.
    assert parse_loose_date("-13800000000").edtf == "Y-13800000000"


def test_slashes_are_day_first_unless_told_otherwise() -> None:
    ambiguous = parse_loose_date("03/04/2001")
    assert ambiguous.edtf == "2001-04-03"
    assert "day first" in ambiguous.reasoning
    assert parse_loose_date("03/04/2001", day_first=False).edtf == "2001-03-04"
    assert parse_loose_date("25/03/2001", day_first=False).edtf == "2001-03-25"
    assert parse_loose_date("03/25/2001").edtf == "2001-03-25"


def test_a_column_is_month_first_only_if_nothing_else_fits() -> None:
    assert prefers_day_first(["03/04/2001", "12/11/2001"])
    assert not prefers_day_first(["03/04/2001", "03/25/2001"])
    assert prefers_day_first(["25/03/2001", "03/25/2001"])  # inconsistent: keep the default
    assert prefers_day_first(["2001-03-04", "March 2001"])


def test_as_written_is_kept_when_it_differs_from_the_edtf() -> None:
    assert parse_loose_date("12 March 2001").as_written == "12 March 2001"
    assert parse_loose_date("2001-03-12").as_written == ""


@pytest.mark.parametrize(("written", "message"), [
    ("sometime", 'date "sometime" is not a date (expected e.g. 2001-03-12'),
    ("March", "is not a date"),
    ("", "empty"),
    ("12/03/01", "two-digit year"),
    ("12-Mar-01", "two-digit year"),
    ("31 February 2001", "February has no day 31"),
    ("2001-13-01", "no month 13"),
    ("10000-01-01", "beyond ±9999"),
    ("Room 101", "is not a date"),
    ("March 12 2001 BCX", "is not a date"),  # dateutil would guess "BCX" is a time zone
])
def test_unreadable_dates_say_why(written: str, message: str) -> None:
    with pytest.raises(LooseDateError, match=message.replace("(", r"\(")):
        parse_loose_date(written)


def test_fields_make_edtf_at_their_precision() -> None:
    assert edtf_from_fields(2001) == "2001"
    assert edtf_from_fields(2001, 3) == "2001-03"
    assert edtf_from_fields(2001, 3, 12, 14) == "2001-03-12T14:00"
    assert edtf_from_fields(2001, 3, 12, 14, 30, 5) == "2001-03-12T14:30:05"
    assert edtf_from_fields(-13_800_000_000) == "Y-13800000000"
