"""Stacking never overlaps; interval queries and per-pixel counts agree with brute force."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.intervals import IntervalIndex
from timeline_app.core.stacking import stack_rows

intervals = st.lists(st.tuples(st.integers(-10**12, 10**12), st.integers(1, 10**10)),
                     min_size=0, max_size=120)


@given(intervals)
def test_rows_never_hold_overlapping_intervals(items: list[tuple[int, int]]) -> None:
    starts = np.array([s for s, _ in items], np.int64)
    ends = np.array([s + d for s, d in items], np.int64)
    rows = stack_rows(starts, ends, max_rows=10**6)
    for row in set(rows.tolist()):
        members = sorted(zip(starts[rows == row].tolist(), ends[rows == row].tolist()))
        for (_, end), (start, _) in zip(members, members[1:]):
            assert end <= start


def test_rows_are_reused_lowest_first() -> None:
    starts = np.array([0, 0, 10, 20], np.int64)
    ends = np.array([15, 5, 12, 30], np.int64)
    # (0,5) goes first (shorter), (0,15) above it; later ones reuse the freed row 0.
    assert stack_rows(starts, ends).tolist() == [1, 0, 0, 0]


def _index(items: list[tuple[int, int]]) -> tuple[IntervalIndex, np.ndarray, np.ndarray]:
    items = sorted(items)
    starts = np.array([s for s, _ in items], np.int64)
    ends = np.array([s + d for s, d in items], np.int64)
    return IntervalIndex(starts, ends), starts, ends


@given(intervals, st.integers(-10**12, 10**12), st.integers(1, 10**11))
def test_visible_and_count_match_brute_force(items: list[tuple[int, int]], start: int,
                                             length: int) -> None:
    index, starts, ends = _index(items)
    end = start + length
    expected = {i for i in range(len(starts)) if starts[i] < end and ends[i] > start}
    assert set(index.visible(start, end).tolist()) == expected
    assert index.count(start, end) == len(expected)


@given(intervals, st.integers(-10**12, 10**12), st.integers(1, 10**11), st.integers(1, 300))
def test_column_counts_sum_to_the_visible_count(items: list[tuple[int, int]], start: int,
                                                length: int, columns: int) -> None:
    index, _, _ = _index(items)
    edges = np.linspace(start, start + length, columns + 1).astype(np.int64)
    edges[-1] = start + length
    counts = index.column_counts(edges)
    assert counts.sum() == index.count(int(edges[0]), int(edges[-1]))
    assert (counts >= 0).all()


@given(st.integers(0, 2**20), st.integers(1, 10**9), st.integers(1, 40))
def test_large_indexes_kept_compact_answer_the_same(seed: int, length: int,
                                                    columns: int) -> None:
    # Over 4,096 intervals spanning less than 2^31 s: kept as int32 offsets.
    rng = np.random.default_rng(seed)
    starts = np.sort(rng.integers(10**15, 10**15 + 10**9, 5000)).astype(np.int64)
    ends = starts + rng.integers(1, 10**7, 5000)
    index = IntervalIndex(starts, ends)
    assert index.compact and index.starts.dtype == np.int32
    start = int(rng.integers(10**15 - 10**8, 10**15 + 10**9))
    end = start + length
    expected = np.flatnonzero((starts < end) & (ends > start))
    assert sorted(index.visible(start, end).tolist()) == expected.tolist()
    assert index.count(start, end) == len(expected)
    edges = np.linspace(start, end, columns + 1).astype(np.int64)
    assert index.column_counts(edges).sum() == index.count(int(edges[0]), int(edges[-1]))
    assert index.count(-10**18, 10**18) == 5000  # keys far outside are clipped, not wrapped
