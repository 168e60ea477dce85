"""Time keys and flag bits of events, as the drawing columns and the columnar store keep them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import Precision
from timeline_app.core.model import Event

I64 = npt.NDArray[np.int64]
DAY = cal.SECONDS_PER_DAY

# Flags describing how an event's date is known (bit field, one byte per event).
APPROXIMATE = 1
UNCERTAIN = 2
ONE_OF = 4  # one unknown moment within the window (a whisker)
RANGE = 8
ONGOING = 16  # the range is still open at its source's date
OPEN_START = 32  # no earliest bound ("on or before ...")
POINT = 64  # known to the day or finer: drawn as a marker when narrow

#: How a start or end date is stored: derived from the arrays (plain ISO forms),
#: open (``..``, ends only), absent (ends only) or kept as text (anything else).
PLAIN_YEAR, PLAIN_MONTH, PLAIN_DAY = 1, 2, 3
STORED = 0
NO_END = 4
OPEN_END = 5
PLAIN_PRECISION = {PLAIN_YEAR: Precision.YEAR, PLAIN_MONTH: Precision.MONTH,
                   PLAIN_DAY: Precision.DAY}

#: An event's window (earliest, latest exclusive; None where unbounded), as
#: :meth:`Timeline.event_window` resolves it.
WindowOf = Callable[[Event], tuple[int | None, int | None]]

_DAY = int(Precision.DAY)  # compared as a plain int in the per-event loop


def plain_edtf(instant: int, code: int) -> str:
    """The EDTF of a plain date from its first instant (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    year, month, day = cal.civil_from_days(instant // DAY)
    if code == PLAIN_YEAR:
        return f"{year:04d}"
    if code == PLAIN_MONTH:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def plain_code(date: UncertainDate) -> int:
    """The plain code of a date whose EDTF can be derived from its bounds, else STORED."""
    text = date.edtf
    span = date.start_span
    if date.is_interval or span is None or span.earliest is None or span.latest is None:
        return STORED
    code = {4: PLAIN_YEAR, 7: PLAIN_MONTH, 10: PLAIN_DAY}.get(len(text), STORED)
    if code == STORED or not text[:4].isdigit():
        return STORED
    return code if plain_edtf(span.earliest, code) == text else STORED


def date_flags(date: UncertainDate) -> int:
    """The qualifier flags of one date (approximate, uncertain, one of a set)."""
    flags = 0
    if date.approximate:
        flags |= APPROXIMATE
    if date.uncertain:
        flags |= UNCERTAIN
    if date.one_of:
        flags |= ONE_OF
    return flags


class TimeKeys(NamedTuple):
    """The drawing keys of some events, in their given order (not sorted).

    ``earliest``/``latest`` bound the whole window (latest exclusive); for a range,
    [earliest, start_latest) is the uncertain start and [end_earliest, latest) the
    uncertain end. ``windows`` are the windows as ``window_of`` gave them (the store
    checks its plain dates against them).
    """

    earliest: I64
    latest: I64
    start_latest: I64
    end_earliest: I64
    flags: npt.NDArray[np.uint8]
    windows: list[tuple[int | None, int | None]]


def time_keys(events: Sequence[Event], window_of: WindowOf) -> TimeKeys:
    """The time keys and flags of ``events`` (the per-event path; stores share arrays)."""
    count = len(events)
    earliest = np.zeros(count, np.int64)
    latest = np.zeros(count, np.int64)
    start_latest = np.zeros(count, np.int64)
    end_earliest = np.zeros(count, np.int64)
    flags = np.zeros(count, np.uint8)
    open_start = np.zeros(count, bool)
    windows: list[tuple[int | None, int | None]] = []
    keep_window = windows.append
    for i, event in enumerate(events):
        low, high = window = window_of(event)
        keep_window(window)
        s_low, s_high = event.start.earliest, event.start.latest
        flag = date_flags(event.start)
        if event.end is not None:
            flag |= RANGE
            if event.end.is_open:
                flag |= ONGOING
                e_low = s_high if s_high is not None else high
            else:
                flag |= date_flags(event.end) & (APPROXIMATE | UNCERTAIN)
                e_low = event.end.earliest
        else:
            e_low = s_low
            if event.start.precision >= _DAY and not event.start.one_of:
                flag |= POINT
        if low is None:
            flag |= OPEN_START
            open_start[i] = True
        high = high if high is not None else (s_high or 0)
        latest[i] = high
        earliest[i] = low if low is not None else high
        start_latest[i] = s_high if s_high is not None else high
        end_earliest[i] = e_low if e_low is not None else earliest[i]
        flags[i] = flag
    if open_start.any() and (~open_start).any():
        # An open start fades in from the beginning of the chronology.
        first = earliest[~open_start].min()
        earliest[open_start] = np.minimum(first, latest[open_start] - DAY)
        end_earliest[open_start] = np.maximum(end_earliest[open_start], earliest[open_start])
    elif open_start.any():
        earliest[open_start] = latest[open_start] - 365 * DAY
    return TimeKeys(earliest, latest, start_latest, end_earliest, flags, windows)
