"""The viewport is exact at both ends of the zoom range and its moves are pure."""

import math

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core import calendar as cal
from timeline_app.core.viewport import (
    MAX_VISIBLE_SECONDS,
    MIN_VISIBLE_SECONDS,
    Viewport,
    interpolate,
)

WIDTH = 1400
BIG_BANG = cal.to_instant(-13_800_000_000)
ARTICLE = cal.to_instant(2026, 1, 20, 10, 30)

spans = st.floats(min_value=MIN_VISIBLE_SECONDS, max_value=MAX_VISIBLE_SECONDS / 2)
centers = st.integers(min_value=BIG_BANG, max_value=cal.to_instant(3000))


@given(centers, spans, st.floats(0.5, 8.0), st.floats(0, WIDTH))
def test_zoom_keeps_the_instant_under_the_anchor(center: int, span: float, factor: float,
                                                 anchor: float) -> None:
    viewport = Viewport.showing(center - int(span / 2), center + int(span / 2), WIDTH)
    before = viewport.exact_time_at(anchor)
    zoomed = viewport.zoomed(factor, anchor)
    assert abs(zoomed.x_of_exact(*before) - anchor) < 1e-3


@given(centers, spans, st.floats(1.1, 6.0), st.floats(0, WIDTH))
def test_zoom_in_then_out_returns_to_the_start(center: int, span: float, factor: float,
                                               anchor: float) -> None:
    viewport = Viewport.showing(center - int(span / 2), center + int(span / 2), WIDTH)
    inside = viewport.seconds_per_pixel / factor >= MIN_VISIBLE_SECONDS / WIDTH
    back = viewport.zoomed(factor, anchor).zoomed(1 / factor, anchor)
    if inside:
        assert math.isclose(back.seconds_per_pixel, viewport.seconds_per_pixel, rel_tol=1e-9)
        assert abs(back.x_of(viewport.origin)) < 1e-3 * max(1.0, viewport.seconds_per_pixel) + 1e-3


@given(centers, spans, st.floats(-2000, 2000))
def test_pan_moves_by_exactly_the_dragged_pixels(center: int, span: float, dx: float) -> None:
    viewport = Viewport.showing(center - int(span / 2), center + int(span / 2), WIDTH)
    instant = viewport.time_at(WIDTH / 2)
    moved = viewport.panned(dx)
    assert abs(moved.x_of(instant) - (viewport.x_of(instant) + dx)) <= 1e-6 * WIDTH + 1 / max(
        1.0, 1 / viewport.seconds_per_pixel)


def test_one_minute_across_the_window_has_no_float_artefacts() -> None:
    viewport = Viewport.showing(ARTICLE, ARTICLE + 60, WIDTH)
    assert math.isclose(viewport.visible_seconds, 60.0)
    # Each second is a distinct, evenly spaced x even 56 years after the epoch.
    xs = [viewport.x_of(ARTICLE + s) for s in range(61)]
    steps = {round(b - a, 9) for a, b in zip(xs, xs[1:])}
    assert steps == {round(WIDTH / 60, 9)}
    under_cursor = viewport.exact_time_at(700.3)
    zoomed = viewport.zoomed(1.0001, 700.3)
    assert abs(zoomed.x_of_exact(*under_cursor) - 700.3) < 1e-6


def test_deep_time_is_exact() -> None:
    viewport = Viewport.showing(BIG_BANG, cal.to_instant(2026), WIDTH)
    x = viewport.x_of(BIG_BANG)
    assert abs(viewport.x_of(viewport.time_at(x)) - x) < 1e-6
    day = Viewport.showing(BIG_BANG, BIG_BANG + cal.SECONDS_PER_DAY, WIDTH)
    assert abs(day.x_of(BIG_BANG + cal.SECONDS_PER_DAY // 2) - WIDTH / 2) < 1e-6
    hour_marks = [day.x_of(BIG_BANG + h * 3600) for h in range(25)]
    assert all(abs((b - a) - WIDTH / 24) < 1e-6 for a, b in zip(hour_marks, hour_marks[1:]))


def test_zoom_range_is_clamped() -> None:
    viewport = Viewport.showing(ARTICLE, ARTICLE + 60, WIDTH)
    assert viewport.zoomed(1e6, 0).visible_seconds >= MIN_VISIBLE_SECONDS * 0.999
    wide = Viewport.showing(BIG_BANG, cal.to_instant(2026), WIDTH)
    assert wide.zoomed(1e-6, 0).visible_seconds <= MAX_VISIBLE_SECONDS * 1.001


def test_interpolation_ends_exactly_and_zooms_geometrically() -> None:
    a = Viewport.showing(cal.to_instant(2001), cal.to_instant(2026), WIDTH)
    b = Viewport.showing(ARTICLE, ARTICLE + 86400, WIDTH)
    assert interpolate(a, b, 0) == a and interpolate(a, b, 1) == b
    middle = interpolate(a, b, 0.5)
    assert math.isclose(middle.seconds_per_pixel,
                        math.sqrt(a.seconds_per_pixel * b.seconds_per_pixel), rel_tol=1e-9)


def test_fitted_frames_the_range_with_margins() -> None:
    viewport = Viewport.showing(0, 1, WIDTH).fitted(cal.to_instant(2001), cal.to_instant(2026))
    assert 0.04 * WIDTH < viewport.x_of(cal.to_instant(2001)) < 0.06 * WIDTH
    assert 0.94 * WIDTH < viewport.x_of(cal.to_instant(2026)) < 0.96 * WIDTH
