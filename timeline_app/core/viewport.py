"""The viewport: which instant sits at the left edge and how much time a pixel spans.

The left edge is kept as whole seconds plus a fraction, so the instant under the
cursor stays put when zooming at one-minute scale, while whole seconds keep deep time
(−13.8 billion years is about 4.4e17 s) exact. Every move returns a new value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from timeline_app.core import calendar as cal

#: About one minute across the window at the finest zoom.
MIN_VISIBLE_SECONDS = 60.0
#: About fourteen billion years (plus margins) across the window at the coarsest.
MAX_VISIBLE_SECONDS = 16e9 * cal.SECONDS_PER_MEAN_YEAR
#: The left edge never leaves this range, so int64 offsets to any data cannot overflow.
MAX_ABS_ORIGIN = 60_000_000_000 * cal.SECONDS_PER_MEAN_YEAR


@dataclass(frozen=True)
class Viewport:
    """A horizontal view of time: ``origin + phase`` seconds at x = 0."""

    origin: int
    phase: float
    seconds_per_pixel: float
    width: int

    @staticmethod
    def showing(start: float | int, end: float | int, width: int) -> Viewport:
        """A viewport whose ``width`` pixels span [start, end] (clamped to the zoom range)."""
        width = max(1, width)
        span = min(max(float(end - start), MIN_VISIBLE_SECONDS), MAX_VISIBLE_SECONDS)
        center = _Instant.of(start).plus(float(end - start) / 2)
        left = center.plus(-span / 2)
        return _clamped(left.whole, left.fraction, span / width, width)

    # -- reading -------------------------------------------------------------------

    @property
    def visible_seconds(self) -> float:
        """How much time the whole width spans."""
        return self.seconds_per_pixel * self.width

    @property
    def start(self) -> int:
        """The (whole) instant at the left edge."""
        return self.origin

    @property
    def end(self) -> int:
        """The instant at the right edge, rounded up."""
        return self.origin + math.ceil(self.phase + self.visible_seconds)

    def x_of(self, instant: int) -> float:
        """The x coordinate of an instant."""
        return ((instant - self.origin) - self.phase) / self.seconds_per_pixel

    def x_of_exact(self, origin: int, fraction: float) -> float:
        """The x of the instant ``origin + fraction`` seconds (sub-second positions)."""
        return ((origin - self.origin) + (fraction - self.phase)) / self.seconds_per_pixel

    def exact_time_at(self, x: float) -> tuple[int, float]:
        """The instant at x as whole seconds plus a fraction, without rounding."""
        moved = _Instant(self.origin, self.phase).plus(x * self.seconds_per_pixel)
        return moved.whole, moved.fraction

    def time_at(self, x: float) -> int:
        """The instant (whole seconds) at x."""
        return self.origin + math.floor(self.phase + x * self.seconds_per_pixel)

    def center(self) -> float:
        """The center instant as a float (for interpolation; not exact in deep time)."""
        return self.origin + self.phase + self.visible_seconds / 2

    # -- moving ----------------------------------------------------------------------

    def panned(self, dx: float) -> Viewport:
        """Move the content right by ``dx`` pixels (the view goes back in time)."""
        moved = _Instant(self.origin, self.phase).plus(-dx * self.seconds_per_pixel)
        return _clamped(moved.whole, moved.fraction, self.seconds_per_pixel, self.width)

    def zoomed(self, factor: float, anchor_x: float) -> Viewport:
        """Zoom in by ``factor`` (> 1 zooms in) keeping the instant at ``anchor_x`` fixed."""
        new_spp = _clamp_spp(self.seconds_per_pixel / factor, self.width)
        shift = anchor_x * (self.seconds_per_pixel - new_spp)
        moved = _Instant(self.origin, self.phase).plus(shift)
        return _clamped(moved.whole, moved.fraction, new_spp, self.width)

    def resized(self, width: int) -> Viewport:
        """Keep the center and the scale; show more or less time on the sides."""
        width = max(1, width)
        center = _Instant(self.origin, self.phase).plus(self.visible_seconds / 2)
        left = center.plus(-self.seconds_per_pixel * width / 2)
        return _clamped(left.whole, left.fraction, _clamp_spp(self.seconds_per_pixel, width),
                        width)

    def fitted(self, start: int, end: int, margin: float = 0.05) -> Viewport:
        """Frame [start, end] with ``margin`` of the width free on each side."""
        span = max(end - start, 1)
        pad = round(span * margin / max(1e-9, 1 - 2 * margin))
        return Viewport.showing(start - pad, end + pad, self.width)

    def centered_on(self, instant: int) -> Viewport:
        """Same scale, with ``instant`` in the middle."""
        left = _Instant(instant, 0.0).plus(-self.visible_seconds / 2)
        return _clamped(left.whole, left.fraction, self.seconds_per_pixel, self.width)

    def contains(self, instant: int) -> bool:
        """Whether ``instant`` is within the visible width."""
        return 0 <= self.x_of(instant) <= self.width


def interpolate(a: Viewport, b: Viewport, t: float) -> Viewport:
    """The viewport a fraction ``t`` of the way from ``a`` to ``b``.

    The scale moves geometrically (zooming feels even) and the center linearly; the
    offset between the centers is computed in whole seconds first so deep time stays
    exact. ``t`` = 0 gives ``a`` and 1 gives ``b`` exactly.
    """
    if t <= 0:
        return a
    if t >= 1:
        return b
    spp = a.seconds_per_pixel * (b.seconds_per_pixel / a.seconds_per_pixel) ** t
    a_center = _Instant(a.origin, a.phase).plus(a.visible_seconds / 2)
    b_center = _Instant(b.origin, b.phase).plus(b.visible_seconds / 2)
    delta = (b_center.whole - a_center.whole) + (b_center.fraction - a_center.fraction)
    center = a_center.plus(delta * t)
    left = center.plus(-spp * b.width / 2)
    return _clamped(left.whole, left.fraction, spp, b.width)


@dataclass(frozen=True)
class _Instant:
    """Whole seconds plus a fraction in [0, 1)."""

    whole: int
    fraction: float

    @staticmethod
    def of(value: float | int) -> _Instant:
        if isinstance(value, int):
            return _Instant(value, 0.0)
        whole = math.floor(value)
        return _Instant(int(whole), value - whole)

    def plus(self, seconds: float) -> _Instant:
        total = self.fraction + seconds
        whole = math.floor(total)
        return _Instant(self.whole + int(whole), total - whole)


def _clamp_spp(spp: float, width: int) -> float:
    low = MIN_VISIBLE_SECONDS / max(1, width)
    high = MAX_VISIBLE_SECONDS / max(1, width)
    return min(max(spp, low), high)


def _clamped(origin: int, phase: float, spp: float, width: int) -> Viewport:
    spp = _clamp_spp(spp, width)
    limit = MAX_ABS_ORIGIN
    if origin < -limit:
        origin, phase = -limit, 0.0
    elif origin > limit:
        origin, phase = limit, 0.0
    return Viewport(origin, phase, spp, width)


