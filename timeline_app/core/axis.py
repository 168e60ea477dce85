"""The time axis: a declarative table of tick levels and a chooser that never crowds labels.

Each :class:`Level` is a calendar step (minutes up to billions of years) with label
formats from longest to shortest. :func:`choose_axis` picks the finest level whose
labels fit without overlapping, with hysteresis so that zooming slowly around a
threshold does not make the levels flicker, and pairs it with a coarser *major* level
that gives the context ("January 2026" above the day numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from timeline_app.core import calendar as cal
from timeline_app.core.describe import PRESENT_YEAR, year_text, years_ago_text
from timeline_app.core.viewport import Viewport

Measure = Callable[[str], float]

#: Free pixels required between two labels of one tier.
LABEL_GAP = 14.0
#: A finer level must fit this much better than needed before replacing a coarser one.
HYSTERESIS = 1.25
_WEEKDAYS = ("Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed")  # 1970-01-01 was a Thursday
_DAY_NAMES = ("Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday")


@dataclass(frozen=True)
class Level:
    """One tick level: a unit ("minute", "hour", "day", "week", "month", "year") times a step."""

    name: str
    unit: str
    step: int
    major: str  # the name of the level whose labels give this one context

    @property
    def approx_seconds(self) -> float:
        """Typical spacing of two ticks."""
        return self.step * _UNIT_SECONDS[self.unit]


_UNIT_SECONDS = {
    "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 7 * 86400.0,
    "month": cal.SECONDS_PER_MEAN_YEAR / 12, "year": float(cal.SECONDS_PER_MEAN_YEAR),
}


def _year_levels() -> list[Level]:
    levels = [Level("year", "year", 1, "decade"), Level("2 years", "year", 2, "decade"),
              Level("5 years", "year", 5, "decade"), Level("decade", "year", 10, "century"),
              Level("20 years", "year", 20, "century"), Level("50 years", "year", 50, "century"),
              Level("century", "year", 100, "millennium"),
              Level("200 years", "year", 200, "millennium"),
              Level("500 years", "year", 500, "millennium"),
              Level("millennium", "year", 1000, "10000 years")]
    for exponent in range(3, 10):
        for mantissa in (2, 5, 10):
            step = mantissa * 10**exponent
            if step <= 1000:
                continue
            levels.append(Level(f"{step} years", "year", step, f"{step * 10} years"))
    return levels


#: Every level, finest first. Names of major levels beyond the table are still valid.
LEVELS: tuple[Level, ...] = (
    Level("minute", "minute", 1, "day"), Level("5 minutes", "minute", 5, "day"),
    Level("15 minutes", "minute", 15, "day"), Level("30 minutes", "minute", 30, "day"),
    Level("hour", "hour", 1, "day"), Level("3 hours", "hour", 3, "day"),
    Level("6 hours", "hour", 6, "day"), Level("12 hours", "hour", 12, "day"),
    Level("day", "day", 1, "month"), Level("week", "week", 1, "month"),
    Level("month", "month", 1, "year"), Level("quarter", "month", 3, "year"),
    *_year_levels(),
)
_BY_NAME = {level.name: level for level in LEVELS}


def level_named(name: str) -> Level:
    """The level called ``name``, including major-only levels like "10000000000 years"."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name == "day":
        return Level("day", "day", 1, "month")
    step = int(name.split()[0])
    return Level(name, "year", step, f"{step * 10} years")


@dataclass(frozen=True)
class Tick:
    """A tick: where, and its label."""

    instant: int
    x: float
    label: str


@dataclass(frozen=True)
class Axis:
    """The two tiers of the axis for one viewport."""

    minor_level: Level
    major_level: Level
    minor: tuple[Tick, ...]
    major: tuple[Tick, ...]
    #: The label of the major period at the left edge, if its tick is off screen.
    pinned: Tick | None = None


# ----------------------------------------------------------------------------- ticks


def tick_instants(level: Level, start: int, end: int, deep: bool) -> Iterator[int]:
    """Instants of ``level``'s ticks within [start, end], in order."""
    unit, step = level.unit, level.step
    if unit in ("minute", "hour", "day"):
        size = step * int(_UNIT_SECONDS[unit])
        first = -(-start // size) * size
        yield from range(first, end + 1, size)
    elif unit == "week":
        week = 7 * cal.SECONDS_PER_DAY
        monday = 4 * cal.SECONDS_PER_DAY  # 1970-01-05 was a Monday
        first = monday + -(-(start - monday) // week) * week
        yield from range(first, end + 1, week)
    elif unit == "month":
        yield from _month_ticks(step, start, end)
    else:
        yield from _year_ticks(step, start, end, deep)


def _month_ticks(step: int, start: int, end: int) -> Iterator[int]:
    civil = cal.from_instant(start)
    index = civil.year * 12 + civil.month - 1
    index = -(-index // step) * step
    while True:
        year, month0 = divmod(index, 12)
        instant = cal.to_instant(year, month0 + 1)
        if instant < start:
            index += step
            continue
        if instant > end:
            return
        yield instant
        index += step


def _year_ticks(step: int, start: int, end: int, deep: bool) -> Iterator[int]:
    first_year = cal.from_instant(start).year
    last_year = cal.from_instant(end).year + 1
    for year in _tick_years(step, first_year, last_year, deep):
        instant = cal.year_start(year)
        if start <= instant <= end:
            yield instant


def _tick_years(step: int, first: int, last: int, deep: bool) -> Iterator[int]:
    if deep:
        # Deep time counts back from the present: "13.5 billion years ago".
        oldest = (PRESENT_YEAR - first) // step
        newest = -(-(PRESENT_YEAR - last) // step)
        for k in range(oldest, newest - 1, -1):
            yield PRESENT_YEAR - k * step
        return
    # Historians number BCE years backwards: ticks at 100 BCE (year -99), 1 CE, 100 CE.
    if first <= 0:
        for k in range((1 - first) // step, 0, -1):
            year = 1 - k * step
            if year <= last:
                yield year
    if first <= 1 <= last and step > 1:
        yield 1
    for k in range(max(1, -(-first // step)), last // step + 1):
        yield k * step


# ----------------------------------------------------------------------------- labels


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _year_label(year: int, deep: bool) -> str:
    if deep:
        ago = PRESENT_YEAR - year
        if ago < 0:
            return years_ago_text(-ago).replace(" ago", " from now")
        return "present" if ago == 0 else years_ago_text(ago)
    return year_text(year)


def minor_formats(level: Level, instant: int, deep: bool) -> tuple[str, ...]:
    """Labels for a minor tick, longest first."""
    civil = cal.from_instant(instant)
    unit = level.unit
    if unit in ("minute", "hour"):
        return (f"{civil.hour:02d}:{civil.minute:02d}",)
    if unit == "day":
        weekday = _WEEKDAYS[(instant // cal.SECONDS_PER_DAY) % 7]
        return (f"{weekday} {civil.day}", str(civil.day))
    if unit == "week":
        return (f"{civil.day} {cal.MONTH_NAMES[civil.month - 1][:3]}", str(civil.day))
    if unit == "month":
        if level.step == 3:
            return (f"Q{(civil.month - 1) // 3 + 1}",)
        name = cal.MONTH_NAMES[civil.month - 1]
        return (name, name[:3], name[0])
    return (_year_label(civil.year, deep),)


def major_label(level: Level, instant: int, deep: bool) -> str:
    """The context label of a major tick: "January 2026", "2020s", "21st century"."""
    civil = cal.from_instant(instant)
    if level.unit == "day":
        weekday = _DAY_NAMES[(instant // cal.SECONDS_PER_DAY) % 7]
        return f"{weekday} {civil.day} {cal.MONTH_NAMES[civil.month - 1]} {year_text(civil.year)}"
    if level.unit == "month":
        return f"{cal.MONTH_NAMES[civil.month - 1]} {year_text(civil.year)}"
    year = civil.year
    if deep or level.step >= 10_000:
        return _year_label(year, deep)
    if level.step == 1:
        return year_text(year)
    if level.step == 10:
        return f"{year}s" if year >= 10 else year_text(year)
    if level.step == 100:
        return _ordinal_period(year, 100, "century")
    if level.step == 1000:
        return _ordinal_period(year, 1000, "millennium")
    return year_text(year)


def _ordinal_period(year: int, size: int, word: str) -> str:
    """The period a tick opens: 1900 opens the 20th century, 100 BCE the 1st century BCE."""
    if year >= 1:
        return f"{_ordinal(year // size + 1)} {word}"
    return f"{_ordinal(max(1, (1 - year) // size))} {word} BCE"


# ----------------------------------------------------------------------------- choosing


def _fits(ticks: list[tuple[int, float]], labels: list[str], measure: Measure,
          slack: float) -> bool:
    previous_right = -math.inf
    for (_, x), label in zip(ticks, labels):
        half = measure(label) / 2
        if x - half < previous_right + LABEL_GAP * slack:
            return False
        previous_right = x + half
    return True


def _try_level(level: Level, viewport: Viewport, measure: Measure, deep: bool,
               slack: float) -> tuple[Tick, ...] | None:
    # Too many ticks can never fit; checking first keeps the work bounded by pixels.
    spacing = level.approx_seconds / viewport.seconds_per_pixel
    if spacing * 1.1 < LABEL_GAP * slack:
        return None
    start, end = viewport.start, viewport.end
    margin = int(level.approx_seconds)
    instants = list(tick_instants(level, start - margin, end + margin, deep))
    if len(instants) > viewport.width:
        return None
    positions = [(t, viewport.x_of(t)) for t in instants]
    formats = [minor_formats(level, t, deep) for t in instants]
    for choice in range(max((len(f) for f in formats), default=1)):
        labels = [f[min(choice, len(f) - 1)] for f in formats]
        if _fits(positions, labels, measure, slack):
            return tuple(Tick(t, x, label) for (t, x), label in zip(positions, labels))
    return None


def choose_axis(viewport: Viewport, measure: Measure, previous: Level | None = None) -> Axis:
    """Pick the tiers for ``viewport``; ``previous`` is the last minor level shown."""
    deep = cal.from_instant(viewport.start).year < -9999
    chosen: tuple[Level, tuple[Tick, ...]] | None = None
    for level in LEVELS:
        ticks = _try_level(level, viewport, measure, deep, 1.0)
        if ticks is None:
            continue
        # A finer level replaces the previous one only with room to spare.
        if previous is not None and level.approx_seconds < previous.approx_seconds and \
                _try_level(level, viewport, measure, deep, HYSTERESIS) is None:
            kept = _try_level(previous, viewport, measure, deep, 1.0)
            if kept is not None:
                chosen = (previous, kept)
                break
        chosen = (level, ticks)
        break
    if chosen is None:
        level = LEVELS[-1]
        chosen = (level, ())
    minor_level, minor = chosen
    major_level = level_named(minor_level.major)
    if deep:
        # Deep time needs no calendar context above "4 billion years ago": name the scale.
        caption = Tick(viewport.start, 0.0, "Years before present")
        return Axis(minor_level, major_level, minor, (), caption)
    start, end = viewport.start, viewport.end
    major_ticks = _fitting(tuple(
        Tick(t, viewport.x_of(t), major_label(major_level, t, deep))
        for t in tick_instants(major_level, start, end, deep)
    ), measure, viewport.width)
    pinned = _pinned(major_level, viewport, deep, major_ticks)
    return Axis(minor_level, major_level, minor, major_ticks, pinned)


#: Major labels start this far right of their tick.
MAJOR_LABEL_OFFSET = 6.0


def _fitting(ticks: tuple[Tick, ...], measure: Measure, width: int) -> tuple[Tick, ...]:
    """Drop major labels that would run past the right edge or into the next one."""
    kept: list[Tick] = []
    for n, tick in enumerate(ticks):
        # Major labels are bold: allow for their extra width.
        right = tick.x + MAJOR_LABEL_OFFSET + measure(tick.label) * 1.15
        limit = ticks[n + 1].x - LABEL_GAP if n + 1 < len(ticks) else width - 2
        kept.append(tick if right <= limit else Tick(tick.instant, tick.x, ""))
    return tuple(kept)


def _pinned(level: Level, viewport: Viewport, deep: bool,
            major: tuple[Tick, ...]) -> Tick | None:
    """The major period already under way at the left edge, labelled at x = 0."""
    if major and major[0].x <= 1:
        return None
    margin = int(level.approx_seconds * 2)
    before = list(tick_instants(level, viewport.start - margin, viewport.start, deep))
    if not before:
        return None
    instant = before[-1]
    return Tick(instant, 0.0, major_label(level, instant, deep))


def grid_axis(viewport: Viewport, minor_level: Level, major_level: Level) -> Axis:
    """Unlabelled ticks of the given levels over ``viewport``.

    A pan layer is wider than the window; its grid lines must be those of the levels the
    window's axis shows, not of levels chosen afresh for the wider view.
    """
    deep = cal.from_instant(viewport.start).year < -9999
    margin = int(minor_level.approx_seconds)
    minor = tuple(Tick(t, viewport.x_of(t), "") for t in
                  tick_instants(minor_level, viewport.start - margin, viewport.end + margin, deep))
    major = () if deep else tuple(
        Tick(t, viewport.x_of(t), "")
        for t in tick_instants(major_level, viewport.start, viewport.end, deep))
    return Axis(minor_level, major_level, minor, major)
