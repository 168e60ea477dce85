"""Axis tiers come from a table of levels; labels never overlap and do not flicker."""

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import calendar as cal
from timeline_app.core.axis import LABEL_GAP, LEVELS, choose_axis, tick_instants
from timeline_app.core.viewport import MAX_VISIBLE_SECONDS, MIN_VISIBLE_SECONDS, Viewport


def measure(text: str) -> float:
    return 7.0 * len(text)


def _assert_no_overlap(labels: list[tuple[float, str]]) -> None:
    right = -1e18
    for x, text in labels:
        left = x - measure(text) / 2
        assert left >= right + LABEL_GAP - 1e-6, labels
        right = x + measure(text) / 2


log_spans = st.floats(min_value=0, max_value=1).map(
    lambda t: MIN_VISIBLE_SECONDS * (MAX_VISIBLE_SECONDS / MIN_VISIBLE_SECONDS) ** t)


@settings(max_examples=300, deadline=None)
@given(st.integers(cal.to_instant(-14_000_000_000), cal.to_instant(3000)), log_spans,
       st.integers(640, 2560))
def test_minor_labels_never_overlap(start: int, span: float, width: int) -> None:
    viewport = Viewport.showing(start, start + int(span), width)
    axis = choose_axis(viewport, measure)
    _assert_no_overlap([(t.x, t.label) for t in axis.minor])
    assert len(axis.minor) <= width


@settings(max_examples=150, deadline=None)
@given(st.integers(cal.to_instant(-9000), cal.to_instant(3000)), log_spans.filter(
    lambda s: s < 5000 * cal.SECONDS_PER_MEAN_YEAR), st.integers(640, 2560))
def test_major_labels_fit_between_their_ticks(start: int, span: float, width: int) -> None:
    viewport = Viewport.showing(start, start + int(span), width)
    axis = choose_axis(viewport, measure)
    shown = [t for t in axis.major if t.label]
    for a, b in zip(shown, shown[1:]):
        assert a.x + 6 + measure(a.label) <= b.x
    for tick in shown:
        assert tick.x + 6 + measure(tick.label) <= width


def test_every_level_of_the_table_is_used_somewhere() -> None:
    used = set()
    span = MIN_VISIBLE_SECONDS
    while span < MAX_VISIBLE_SECONDS:
        viewport = Viewport.showing(cal.to_instant(-13_000_000_000) if span > 1e15 else
                                    cal.to_instant(2020), 0, 1600)
        start = viewport.start
        viewport = Viewport.showing(start, start + int(span), 1600)
        used.add(choose_axis(viewport, measure).minor_level.name)
        span *= 1.3
    for name in ("minute", "hour", "day", "week", "month", "year", "decade", "century",
                 "millennium", "1000000 years", "1000000000 years"):
        assert name in used or any(n.startswith(name.split()[0]) for n in used), (name, used)


def test_slow_zoom_does_not_flicker_between_levels() -> None:
    viewport = Viewport.showing(cal.to_instant(2025), cal.to_instant(2026), 1200)
    previous = None
    changes = []
    for step in range(200):
        axis = choose_axis(viewport, measure, previous)
        if previous is not None and axis.minor_level != previous:
            changes.append((step, previous.name, axis.minor_level.name))
        previous = axis.minor_level
        viewport = viewport.zoomed(1.02 if step < 100 else 1 / 1.02, 600)
    # Zooming in then out crosses each threshold once each way, never back and forth.
    names = [c[2] for c in changes]
    for a, b, c in zip(names, names[1:], names[2:]):
        assert not (a == c and a != b and names.count(a) > 2), changes


def test_labels_read_naturally_at_each_scale() -> None:
    def labels(start: int, end: int) -> tuple[list[str], list[str]]:
        axis = choose_axis(Viewport.showing(start, end, 1600), measure)
        return [t.label for t in axis.minor], [t.label for t in axis.major if t.label]

    minor, major = labels(cal.to_instant(2025, 11, 25), cal.to_instant(2026, 1, 21))
    assert "December 2025" in major and "January 2026" in major
    minor, _ = labels(cal.to_instant(-13_800_000_000), cal.to_instant(2026))
    assert "12 billion years ago" in minor
    minor, _ = labels(cal.to_instant(-800), cal.to_instant(200))
    assert "500 BCE" in minor and "100 CE" in minor
    minor, major = labels(cal.to_instant(2026, 1, 20, 10), cal.to_instant(2026, 1, 20, 10, 1))
    assert "10:00" in minor or "10:01" in minor


def test_bce_ticks_fall_on_round_historical_years() -> None:
    century = next(level for level in LEVELS if level.name == "century")
    years = [cal.from_instant(t).year for t in tick_instants(
        century, cal.to_instant(-450), cal.to_instant(250), deep=False)]
    assert years == [-399, -299, -199, -99, 1, 100, 200]  # 400 BCE ... 100 BCE, 1 CE, 100 CE
