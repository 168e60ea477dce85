"""Dates read naturally in words at every scale."""

import pytest

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.describe import date_text, event_window_text, year_text
from timeline_app.core.model import Event


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2001", "2001"),
        ("2025-12~", "about December 2025"),
        ("2025?", "2025 (uncertain)"),
        ("[2025-12-21..2025-12-31]", "between 21 and 31 December 2025"),
        ("[2025-12-21..2026-01-20]", "between 21 December 2025 and 20 January 2026"),
        ("-0043-03-15", "15 March 44 BCE"),
        ("Y-13800000000", "13.8 billion years ago"),
        ("Y-17E7", "170 million years ago"),
        ("1950S2", "between 1900 and 1999"),
        ("[..2026-01-20]", "on or before 20 January 2026"),
        ("2022/..", "from 2022, ongoing"),
        ("2025-24", "between December 2025 and February 2026"),
        ("2004-01-01T10:10:10Z", "1 January 2004, 10:10 UTC"),
    ],
)
def test_date_in_words(edtf: str, words: str) -> None:
    assert date_text(UncertainDate(edtf)) == words


def test_years_before_one_read_bce() -> None:
    assert year_text(-43) == "44 BCE"
    assert year_text(0) == "1 BCE"


def test_ongoing_event_window_names_the_source_date() -> None:
    event = Event("e", "E", UncertainDate("2022"), UncertainDate(".."))
    until = cal.to_instant(2026, 1, 21)
    assert event_window_text(event, until) == "from 2022, ongoing on 20 January 2026"
