"""Vectorised reading of plain ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

Large files are read column by column: every date in a column is checked and
converted at once with numpy, and only the cells that are not plain ISO dates (EDTF
qualifiers, sets, intervals, signed or long years, anything invalid) go through the
full EDTF or loose-date parser, one by one, with its usual messages.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from timeline_app.core import calendar as cal
from timeline_app.core.event_store import PLAIN_DAY, PLAIN_MONTH, PLAIN_YEAR, STORED

I64 = npt.NDArray[np.int64]
WIDTH = 10  # "YYYY-MM-DD"


def days_from_civil(year: I64, month: I64, day: I64) -> I64:
    """Days since 1970-01-01, vectorised (Howard Hinnant's algorithm, as in calendar)."""
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    shifted = np.where(month > 2, month - 3, month + 9)
    day_of_year = (153 * shifted + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    result: I64 = era * cal.DAYS_PER_400_YEARS + day_of_era - 719_468
    return result


def parse_chars(chars: npt.NDArray[np.integer], lengths: I64
                ) -> tuple[npt.NDArray[np.uint8], I64, I64]:
    """Plain dates from an (n, 10) array of character codes and each text's length.

    Returns, per text, the plain code (``STORED`` when it is not a valid plain date),
    the first instant and the instant just after the last one.
    """
    count = len(lengths)
    codes = np.zeros(count, np.uint8)
    low = np.zeros(count, np.int64)
    high = np.zeros(count, np.int64)
    if not count:
        return codes, low, high
    c = chars.astype(np.int64)
    d = c - 48
    digit = (d >= 0) & (d <= 9)
    year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    year_ok = digit[:, :4].all(axis=1)
    month = d[:, 5] * 10 + d[:, 6]
    month_ok = (c[:, 4] == 45) & digit[:, 5] & digit[:, 6] & (month >= 1) & (month <= 12)
    day = d[:, 8] * 10 + d[:, 9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = np.asarray([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)
    last_day = month_days[np.clip(month, 0, 12)] + ((month == 2) & leap)
    day_ok = (c[:, 7] == 45) & digit[:, 8] & digit[:, 9] & (day >= 1) & (day <= last_day)
    is_year = (lengths == 4) & year_ok
    is_month = (lengths == 7) & year_ok & month_ok
    is_day = (lengths == 10) & year_ok & month_ok & day_ok
    codes[is_year] = PLAIN_YEAR
    codes[is_month] = PLAIN_MONTH
    codes[is_day] = PLAIN_DAY
    month = np.where(is_month | is_day, month, 1)
    day = np.where(is_day, day, 1)
    year = np.where(year_ok, year, 1970)
    first = days_from_civil(year, month, day)
    next_month = np.where(month == 12, 1, month + 1)
    next_month_year = np.where(month == 12, year + 1, year)
    last = np.where(is_day, first + 1,
                    np.where(is_month, days_from_civil(next_month_year, next_month,
                                                       np.ones_like(day)),
                             days_from_civil(year + 1, np.ones_like(month), np.ones_like(day))))
    plain = codes != STORED
    low[plain] = first[plain] * cal.SECONDS_PER_DAY
    high[plain] = last[plain] * cal.SECONDS_PER_DAY
    return codes, low, high


def parse_strings(texts: Sequence[object]) -> tuple[npt.NDArray[np.uint8], I64, I64]:
    """Plain dates from Python values (anything not a ``str`` is not plain)."""
    count = len(texts)
    lengths = np.fromiter((len(t) if type(t) is str else -1 for t in texts), np.int64, count)
    candidates = np.flatnonzero((lengths == 4) | (lengths == 7) | (lengths == 10))
    codes = np.zeros(count, np.uint8)
    low = np.zeros(count, np.int64)
    high = np.zeros(count, np.int64)
    if not len(candidates):
        return codes, low, high
    chosen = [texts[i] for i in candidates.tolist()]
    array = np.asarray(chosen, dtype=f"U{WIDTH}")
    chars = array.view(np.uint32).reshape(len(chosen), WIDTH)
    sub_codes, sub_low, sub_high = parse_chars(chars, lengths[candidates])
    codes[candidates] = sub_codes
    low[candidates] = sub_low
    high[candidates] = sub_high
    return codes, low, high


def parse_fields(data: npt.NDArray[np.uint8], starts: I64, ends: I64
                 ) -> tuple[npt.NDArray[np.uint8], I64, I64]:
    """Plain dates from byte ranges [starts, ends) of a file's bytes."""
    lengths = ends - starts
    count = len(starts)
    positions = starts[:, None] + np.arange(WIDTH)[None, :]
    np.minimum(positions, len(data) - 1, out=positions)
    chars = data[positions] if len(data) else np.zeros((count, WIDTH), np.uint8)
    return parse_chars(chars, lengths)
