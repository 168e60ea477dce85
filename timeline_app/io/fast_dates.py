"""Vectorised reading of plain ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

Large files are read column by column: every date in a column is checked and
converted at once with numpy, and only the cells that are not plain ISO dates (EDTF
qualifiers, sets, intervals, signed or long years, anything invalid) go through the
full EDTF or loose-date parser, one by one, with its usual messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from timeline_app.core import calendar as cal
from timeline_app.core.event_store import (
    APPROXIMATE,
    PLAIN_DAY,
    PLAIN_MONTH,
    PLAIN_YEAR,
    STORED,
    UNCERTAIN,
)

I64 = npt.NDArray[np.int64]
WIDTH = 11  # "YYYY-MM-DD" and a qualifier


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
    """Plain dates from an (n, 11) array of character codes and each text's length.

    Returns, per text, the plain code (``STORED`` when it is not a valid plain date),
    the first instant and the instant just after the last one. A plain date followed
    by one EDTF qualifier (``~``, ``?`` or ``%``) gets its code plus
    :data:`QUALIFIED` (its flags come from :func:`qualifier_flags`).
    """
    count = len(lengths)
    codes = np.zeros(count, np.uint8)
    low = np.zeros(count, np.int64)
    high = np.zeros(count, np.int64)
    if not count:
        return codes, low, high
    if chars.dtype.itemsize > 1:
        chars = np.minimum(chars, 255).astype(np.uint8)  # non-Latin: simply not a digit

    def digit(j: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
        value = chars[:, j].astype(np.int32) - 48
        return value, (value >= 0) & (value <= 9)

    (y0, k0), (y1, k1), (y2, k2), (y3, k3) = digit(0), digit(1), digit(2), digit(3)
    year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
    year_ok = k0 & k1 & k2 & k3
    (m0, j0), (m1, j1) = digit(5), digit(6)
    month = m0 * 10 + m1
    month_ok = (chars[:, 4] == 45) & j0 & j1 & (month >= 1) & (month <= 12)
    (d0, i0), (d1, i1) = digit(8), digit(9)
    day = d0 * 10 + d1
    table = _month_starts()
    year_index = np.where(year_ok, year, 1970)
    month_index = np.clip(month, 1, 12)
    first_of_month = table[year_index * 12 + month_index - 1]
    last_day = table[year_index * 12 + month_index] - first_of_month
    day_ok = (chars[:, 7] == 45) & i0 & i1 & (day >= 1) & (day <= last_day)
    # A trailing qualifier: the character just after the date (lengths 5, 8 or 11).
    qualified_length = (lengths == 5) | (lengths == 8) | (lengths == 11)
    plain_length = lengths.copy()
    rows = np.flatnonzero(qualified_length)
    if len(rows):
        last = chars[rows, lengths[rows] - 1]
        qualifier = (last == 126) | (last == 63) | (last == 37)  # ~ ? %
        plain_length[rows[qualifier]] -= 1
    is_year = (plain_length == 4) & year_ok
    is_month = (plain_length == 7) & year_ok & month_ok
    is_day = (plain_length == 10) & year_ok & month_ok & day_ok
    codes[is_year] = PLAIN_YEAR
    codes[is_month] = PLAIN_MONTH
    codes[is_day] = PLAIN_DAY
    codes[(codes != STORED) & (plain_length != lengths)] |= QUALIFIED
    plain = codes != STORED
    if not plain.any():
        return codes, low, high
    # Days since 1970 from a table of month starts (years 0000-9999).
    first = np.where(is_day, first_of_month + day - 1,
                     np.where(is_month, first_of_month, table[year_index * 12]))
    length = np.where(is_day, 1, np.where(is_month, last_day,
                                          table[year_index * 12 + 12]
                                          - table[year_index * 12]))
    low[plain] = first[plain].astype(np.int64) * cal.SECONDS_PER_DAY
    high[plain] = (first[plain] + length[plain]).astype(np.int64) * cal.SECONDS_PER_DAY
    return codes, low, high


@lru_cache(maxsize=1)
def _month_starts() -> npt.NDArray[np.int32]:
    """Days since 1970 of the first of every month of years 0000–9999 (and 10000-01)."""
    years = np.repeat(np.arange(10_000, dtype=np.int64), 12)
    months = np.tile(np.arange(1, 13, dtype=np.int64), 10_000)
    starts = days_from_civil(years, months, np.ones_like(years))
    end = days_from_civil(np.asarray([10_000]), np.asarray([1]), np.asarray([1]))
    return np.concatenate((starts, end)).astype(np.int32)


#: Added to a plain code when the date ends in a qualifier (``~``, ``?``, ``%``).
QUALIFIED = 64


def qualifier_flags(texts_last: npt.NDArray[np.integer]) -> npt.NDArray[np.uint8]:
    """Approximate/uncertain flags from each qualified date's last character code."""
    flags = np.zeros(len(texts_last), np.uint8)
    flags[(texts_last == 126) | (texts_last == 37)] |= APPROXIMATE
    flags[(texts_last == 63) | (texts_last == 37)] |= UNCERTAIN
    return flags


def parse_strings(texts: Sequence[object]) -> tuple[npt.NDArray[np.uint8], I64, I64]:
    """Plain dates from Python values (anything not a ``str`` is not plain)."""
    count = len(texts)
    if set(map(type, texts)) == {str}:
        lengths = np.fromiter(map(len, texts), np.int64, count)  # type: ignore[arg-type]
        if count and int(lengths.min()) == int(lengths.max()) and \
                int(lengths[0]) in (4, 7, 10):
            # All of one plain length and ASCII (the usual case): read the characters
            # straight from one joined buffer.
            joined = "".join(texts)  # type: ignore[arg-type]
            if joined.isascii():
                width = int(lengths[0])
                ascii_chars = np.zeros((count, WIDTH), np.uint8)
                ascii_chars[:, :width] = np.frombuffer(joined.encode("ascii"),
                                                       np.uint8).reshape(count, width)
                return parse_chars(ascii_chars, lengths)
    else:
        lengths = np.fromiter((len(t) if type(t) is str else -1 for t in texts), np.int64, count)
    candidates = np.flatnonzero((lengths >= 4) & (lengths <= WIDTH) & (lengths != 6)
                                & (lengths != 9))
    codes = np.zeros(count, np.uint8)
    low = np.zeros(count, np.int64)
    high = np.zeros(count, np.int64)
    if not len(candidates):
        return codes, low, high
    chosen = texts if len(candidates) == count else [texts[i] for i in candidates.tolist()]
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
    lengths = (ends - starts).astype(np.int64)
    count = len(starts)
    chars = np.zeros((count, WIDTH), np.uint8)
    if len(data) and count:
        # Row by row (each date's bytes share a cache line), a block of rows at a time
        # so that the index stays small: eleven passes over a large file's columns
        # each fetched every row's line again.
        last = len(data) - 1
        columns = np.arange(WIDTH, dtype=np.intp)
        for first in range(0, count, _GATHER_ROWS):
            block = starts[first:first + _GATHER_ROWS].astype(np.intp)
            index = block[:, None] + columns
            np.minimum(index, last, out=index)
            np.take(data, index, out=chars[first:first + len(block)])
    return parse_chars(chars, lengths)


_GATHER_ROWS = 1 << 15
